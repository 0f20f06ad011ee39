package index

import (
	"path/filepath"
	"runtime"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestScan: Scan gives every stored entry once, as Get gives it, the
// replaced versions of an ID left out, across a reopen (several
// segments); ReleaseMapped leaves the index readable.
func TestScan(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "x.index")
	ix := create(t, dir)
	add(t, ix, entry("b", "Text of b."), entry("a", "Text of a harbour story."), entry("c", "Text of c."))
	require.NoError(t, ix.Close())
	ix, err := Open(dir, Options{Create: true, Meta: testMeta})
	require.NoError(t, err)
	defer ix.Close()
	add(t, ix, entry("a", "Replaced text of a."), entry("d", "Text of d."))

	scan := func() map[string]Entry {
		got := map[string]Entry{}
		require.NoError(t, ix.Scan(func(e Entry) error {
			_, again := got[e.Article.ID]
			assert.False(t, again, "%s scanned twice", e.Article.ID)
			got[e.Article.ID] = e
			return nil
		}))
		return got
	}
	got := scan()
	var ids []string
	for id := range got {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	assert.Equal(t, []string{"a", "b", "c", "d"}, ids)
	for _, id := range ids {
		want, err := ix.Get(id)
		require.NoError(t, err)
		assert.Equal(t, want, got[id], id)
	}
	assert.Equal(t, "Replaced text of a.", got["a"].Article.Text)

	n, err := ix.ReleaseMapped()
	require.NoError(t, err)
	if runtime.GOOS == "linux" {
		assert.Positive(t, n, "the segments read are mapped")
	}
	assert.Equal(t, got, scan(), "read again after the release")

	// fn's error stops the scan.
	calls := 0
	err = ix.Scan(func(Entry) error { calls++; return ErrNoID })
	assert.ErrorIs(t, err, ErrNoID)
	assert.Equal(t, 1, calls)
}

package dedup_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/index"
)

// TestOpenIndex: OpenIndex creates an index signed with the default
// scheme, opens it again, and refuses one signed otherwise.
func TestOpenIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a.index")
	_, err := dedup.OpenIndex(dir, index.Options{})
	assert.Error(t, err, "no index to open without Create")
	ix, err := dedup.OpenIndex(dir, index.Options{Create: true})
	require.NoError(t, err)
	s, err := dedup.DefaultScheme()
	require.NoError(t, err)
	got := ix.Meta()
	got.Format = 0 // the index's own format version
	assert.Equal(t, s.Meta(), got)
	require.NoError(t, ix.Close())
	ix, err = dedup.OpenIndex(dir, index.Options{})
	require.NoError(t, err)
	require.NoError(t, ix.Close())

	other := filepath.Join(t.TempDir(), "b.index")
	m := s.Meta()
	m.Shingle++
	ix, err = index.Open(other, index.Options{Create: true, Meta: m})
	require.NoError(t, err)
	require.NoError(t, ix.Close())
	_, err = dedup.OpenIndex(other, index.Options{})
	assert.ErrorIs(t, err, index.ErrMismatch)
}

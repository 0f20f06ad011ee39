package dedup

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/index"
)

func TestStateRoundTrip(t *testing.T) {
	s := state{freqs: DocFreqs{Docs: 7, DF: map[cluster.TermID]int32{3: 7, 1 << 31: 1, 900: 2}}, fullDocs: 5}
	s.digest[0], s.digest[31] = 1, 2
	b := s.encode()
	got, err := decodeState(b)
	require.NoError(t, err)
	assert.Equal(t, s, *got)
	// Every truncation, and any byte changed in the header, is refused.
	for n := range len(b) {
		_, err := decodeState(b[:n])
		assert.Error(t, err, "truncated to %d bytes", n)
	}
	bad := append([]byte(nil), b...)
	bad[3] = 2
	_, err = decodeState(bad)
	assert.ErrorContains(t, err, "known version")
	_, err = decodeState(append(b, 0))
	assert.ErrorContains(t, err, "trailing")
}

func FuzzDecodeState(f *testing.F) {
	s := state{freqs: DocFreqs{Docs: 3, DF: map[cluster.TermID]int32{1: 3, 5: 1}}, fullDocs: 3}
	f.Add(s.encode())
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := decodeState(b)
		if err != nil {
			return
		}
		again, err := decodeState(got.encode())
		require.NoError(t, err)
		assert.Equal(t, got, again)
	})
}

// TestUpdateCountsExactly: after incremental runs that add and replace
// articles, the document frequencies the index keeps are those of
// counting every article it holds from scratch.
func TestUpdateCountsExactly(t *testing.T) {
	var arts []string
	_, err := corpus.Read([]string{"../testdata/seeds"}, corpus.Options{}, func(a corpus.Article) error {
		arts = append(arts, a.ID)
		return nil
	})
	require.NoError(t, err)
	s, err := DefaultScheme()
	require.NoError(t, err)
	ix, err := index.Open(filepath.Join(t.TempDir(), "x.index"), index.Options{Create: true, Meta: s.Meta()})
	require.NoError(t, err)
	defer ix.Close()
	opt := Options{Cluster: cluster.DefaultOptions(), Index: ix, TempDir: t.TempDir()}
	ctx := context.Background()
	uo := UpdateOptions{Drift: -1}
	_, err = Update(ctx, Source{Paths: []string{"../testdata/seeds"}}, opt, uo)
	require.NoError(t, err)
	one := `{"id":"` + arts[0] + `","title":"A replaced text","text":"Officials said on Monday that the bridge would reopen after repairs to its northern span were finished."}` + "\n" +
		`{"id":"new-1","title":"New","text":"A new article about the bridge: officials said on Monday that it would reopen soon."}` + "\n"
	u, err := Update(ctx, Source{Paths: []string{"-"}, Stdin: strings.NewReader(one)}, opt, uo)
	require.NoError(t, err)
	require.False(t, u.Full, u.Reason)
	assert.Equal(t, 1, u.Replaced)
	assert.Equal(t, 1, u.New)

	st, err := readState(ix)
	require.NoError(t, err)
	ids, err := ix.IDs()
	require.NoError(t, err)
	want := DocFreqs{}
	for _, id := range ids {
		e, err := ix.Get(id)
		require.NoError(t, err)
		d, err := ParseFeatures(e.Features)
		require.NoError(t, err)
		want.Add(&d)
	}
	assert.Equal(t, want.Docs, st.freqs.Docs)
	assert.Equal(t, want.DF, st.freqs.DF)
	assert.Equal(t, len(arts), st.fullDocs)
}

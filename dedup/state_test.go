package dedup

import (
	"context"
	"maps"
	"path/filepath"
	"slices"
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
	bad[3] = 3
	_, err = decodeState(bad)
	assert.ErrorContains(t, err, "known version")
	// Version 1, an earlier release's, is read as it is, marked.
	bad[3] = 1
	got, err = decodeState(bad)
	require.NoError(t, err)
	assert.True(t, got.earlier)
	got.earlier = false
	assert.Equal(t, s, *got)
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
		got.earlier = false // encode writes the current version
		again, err := decodeState(got.encode())
		require.NoError(t, err)
		assert.Equal(t, got, again)
	})
}

// seedsGrouped returns the IDs of the seed articles, grouped in full into
// a new index by the options returned, and the index's scheme.
func seedsGrouped(t *testing.T) ([]string, *Scheme, Options) {
	t.Helper()
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
	t.Cleanup(func() { ix.Close() })
	opt := Options{Cluster: cluster.DefaultOptions(), Index: ix, TempDir: t.TempDir()}
	_, err = Update(context.Background(), Source{Paths: []string{"../testdata/seeds"}}, opt, UpdateOptions{Drift: -1})
	require.NoError(t, err)
	return arts, s, opt
}

// TestUpdateCountsExactly: after incremental runs that add and replace
// articles, the document frequencies the index keeps are those of
// counting every article it holds from scratch.
func TestUpdateCountsExactly(t *testing.T) {
	arts, _, opt := seedsGrouped(t)
	ix := opt.Index
	ctx := context.Background()
	uo := UpdateOptions{Drift: -1}
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

func TestReplacedRoundTrip(t *testing.T) {
	s := replacedSet{complete: true, feats: map[string][]byte{"a": {1, 2}, "b\tc": {}, "z": {9}}}
	s.digest[0], s.digest[31] = 3, 4
	b := s.encode()
	got, err := decodeReplaced(b)
	require.NoError(t, err)
	assert.Equal(t, s, *got)
	for n := range len(b) {
		_, err := decodeReplaced(b[:n])
		assert.Error(t, err, "truncated to %d bytes", n)
	}
	_, err = decodeReplaced(append(b, 0))
	assert.ErrorContains(t, err, "trailing")
	s.complete = false
	got, err = decodeReplaced(s.encode())
	require.NoError(t, err)
	assert.False(t, got.complete)
}

func FuzzDecodeReplaced(f *testing.F) {
	s := replacedSet{complete: true, feats: map[string][]byte{"a": {1}, "b": {2, 3}}}
	f.Add(s.encode())
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := decodeReplaced(b)
		if err != nil {
			return
		}
		again, err := decodeReplaced(got.encode())
		require.NoError(t, err)
		assert.Equal(t, got, again)
	})
}

// TestReplacedWithoutRegrouping: grouped articles that 'wirediff index'
// ([Load]) or an InputOnly run replace with another version leave the
// groups as they are until the next run, which regroups them as it
// regroups an article it reads in another version: out of their old
// groups, with the document frequencies those of counting every article
// the index holds from scratch.
func TestReplacedWithoutRegrouping(t *testing.T) {
	arts, s, opt := seedsGrouped(t)
	ix := opt.Index
	ctx := context.Background()
	uo := UpdateOptions{Drift: -1}
	digest, err := ix.GroupsDigest()
	require.NoError(t, err)
	lines := func(recs ...string) Source {
		return Source{Paths: []string{"-"}, Stdin: strings.NewReader(strings.Join(recs, "\n") + "\n")}
	}
	bridge := func(id, day string) string {
		return `{"id":"` + id + `","title":"Bridge","text":"Officials said on ` + day + ` that the bridge would reopen after repairs to its northern span were finished."}`
	}
	stored := func(id string) []byte {
		e, err := ix.Get(id)
		require.NoError(t, err)
		return e.Features
	}
	first := stored(arts[1])

	// As 'wirediff index' loads: copy features only.
	lo := Options{Cluster: cluster.Options{CopyOnly: true}, Index: ix}
	_, err = Load(ctx, lines(bridge(arts[0], "Monday"), bridge("new-1", "Monday")), lo)
	require.NoError(t, err)
	_, err = Run(ctx, lines(bridge(arts[1], "Tuesday"), bridge("new-2", "Tuesday")), Options{Cluster: cluster.DefaultOptions(), Index: ix, InputOnly: true, TempDir: t.TempDir()})
	require.NoError(t, err)
	_, err = Load(ctx, lines(bridge(arts[1], "Friday")), lo)
	require.NoError(t, err)
	d, err := ix.GroupsDigest()
	require.NoError(t, err)
	assert.Equal(t, digest, d, "the groups stay as the last grouping run left them")
	rp, err := readReplaced(ix)
	require.NoError(t, err)
	require.NotNil(t, rp)
	assert.True(t, rp.complete)
	assert.Equal(t, digest, rp.digest)
	assert.Equal(t, []string{arts[0], arts[1]}, slices.Sorted(maps.Keys(rp.feats)))
	assert.Equal(t, first, rp.feats[arts[1]], "the version the groups count, not the one replaced in between")

	u, err := Update(ctx, lines(bridge("new-3", "Monday")), opt, uo)
	require.NoError(t, err)
	require.False(t, u.Full, u.Reason)
	assert.Equal(t, 2, u.Replaced)
	assert.Equal(t, 3, u.New, "new-3 read, new-1 and new-2 indexed before")
	rp, err = readReplaced(ix)
	require.NoError(t, err)
	assert.Nil(t, rp, "regrouped: nothing left to record")
	g, err := ix.Grouping()
	require.NoError(t, err)
	story := func(id string) string { return g.Label(id, cluster.Story) }
	assert.Equal(t, story("new-1"), story(arts[0]))
	assert.Equal(t, story("new-1"), story(arts[1]))
	assert.NotEqual(t, story(arts[2]), story(arts[0]), "out of the seeds' story")

	st, err := readState(ix)
	require.NoError(t, err)
	ids, err := ix.IDs()
	require.NoError(t, err)
	want := DocFreqs{}
	f := s.NewFeaturizer()
	for _, id := range ids {
		e, err := ix.Get(id)
		require.NoError(t, err)
		d := f.Doc(&e.Article)
		want.Add(&d)
	}
	assert.Equal(t, want.Docs, st.freqs.Docs)
	assert.Equal(t, want.DF, st.freqs.DF)

	// A run stopped while it replaced grouped articles: the next run
	// regroups everything.
	g, err = ix.Grouping()
	require.NoError(t, err)
	stopped := replacedSet{digest: g.Digest(), feats: map[string][]byte{}}
	require.NoError(t, ix.WriteState(replacedFile, stopped.encode()))
	u, err = Update(ctx, lines(bridge("new-4", "Monday")), opt, uo)
	require.NoError(t, err)
	assert.True(t, u.Full)
	assert.Contains(t, u.Reason, "stopped before it recorded")
	rp, err = readReplaced(ix)
	require.NoError(t, err)
	assert.Nil(t, rp)
}

// TestEarlierReleaseIndex: an index whose features (version 1, numbers
// not told from names) and grouping state an earlier release wrote is
// grouped again in full, with its features computed again from the
// stored texts, and the groups are those of a new index; later runs are
// incremental again, reading the old features as text.
func TestEarlierReleaseIndex(t *testing.T) {
	ids, _, opt := seedsGrouped(t)
	ix := opt.Index
	want, err := ix.Groups()
	require.NoError(t, err)
	// What an earlier release left: the same layouts, version 1.
	w, err := ix.NewWriter()
	require.NoError(t, err)
	for _, id := range ids {
		e, err := ix.Get(id)
		require.NoError(t, err)
		require.Equal(t, byte(FeaturesVersion), e.Features[3])
		e.Features[3] = 1
		require.NoError(t, w.Add(e))
	}
	require.NoError(t, w.Flush())
	b, err := ix.ReadState(stateFile)
	require.NoError(t, err)
	b[3] = 1
	require.NoError(t, ix.WriteState(stateFile, b))
	st, err := readState(ix)
	require.NoError(t, err)
	require.True(t, st.earlier)
	// Commands that read the counts read them (similar, explain).
	f, err := RunFreqs(ix)
	require.NoError(t, err)
	assert.Equal(t, st.freqs, *f)

	ctx := context.Background()
	u, err := Update(ctx, Source{}, opt, UpdateOptions{Drift: -1})
	require.NoError(t, err)
	assert.True(t, u.Full)
	assert.Contains(t, u.Reason, "earlier release")
	got, err := ix.Groups()
	require.NoError(t, err)
	assert.Equal(t, want, got)

	one := `{"id":"new-1","title":"New","text":"A new article about a bridge: officials said on Monday that it would reopen soon."}` + "\n"
	u, err = Update(ctx, Source{Paths: []string{"-"}, Stdin: strings.NewReader(one)}, opt, UpdateOptions{Drift: -1})
	require.NoError(t, err)
	assert.False(t, u.Full, u.Reason)
	assert.Equal(t, 1, u.New)
}

// TestDeleteFromEarlierReleaseIndex: deleting from an index an earlier
// release grouped works, and the next run regroups in full.
func TestDeleteFromEarlierReleaseIndex(t *testing.T) {
	ids, _, opt := seedsGrouped(t)
	ix := opt.Index
	b, err := ix.ReadState(stateFile)
	require.NoError(t, err)
	b[3] = 1
	require.NoError(t, ix.WriteState(stateFile, b))
	deleted, missing, err := Delete(ix, ids[:1])
	require.NoError(t, err)
	assert.Equal(t, ids[:1], deleted)
	assert.Empty(t, missing)
	u, err := Update(context.Background(), Source{}, opt, UpdateOptions{Drift: -1})
	require.NoError(t, err)
	assert.True(t, u.Full)
	assert.Equal(t, len(ids)-1, u.Grouped)
}

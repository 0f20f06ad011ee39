package neardup

import (
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/similarity"
)

const seeds = "../testdata/seeds"

// settings are the featurizer settings of every wirediff index.
func settings(t *testing.T) (*similarity.MinHasher, similarity.Bands, index.Meta) {
	t.Helper()
	s, err := dedup.DefaultScheme()
	require.NoError(t, err)
	return s.Hasher, s.Bands, s.Meta()
}

// newIndex indexes as in a fresh index under t.TempDir() and returns a
// Finder over it.
func newIndex(t *testing.T, as ...corpus.Article) (*index.Index, *Finder) {
	t.Helper()
	h, b, meta := settings(t)
	ix, err := index.Open(filepath.Join(t.TempDir(), "x.index"), index.Options{Create: true, Meta: meta})
	require.NoError(t, err)
	t.Cleanup(func() { ix.Close() })
	w, err := ix.NewWriter()
	require.NoError(t, err)
	f := cluster.NewFeaturizer(meta.Shingle, h, b)
	for _, a := range as {
		require.NoError(t, w.Add(index.Entry{Article: a, Signature: f.CopyOnly(&a).Sig}))
	}
	require.NoError(t, w.Flush())
	s, err := NewFinder(ix, meta.Shingle, h, b)
	require.NoError(t, err)
	return ix, s
}

// readSeeds reads the five seed articles.
func readSeeds(t *testing.T) []corpus.Article {
	t.Helper()
	var as []corpus.Article
	_, err := corpus.Read([]string{seeds}, corpus.Options{}, func(a corpus.Article) error {
		as = append(as, a)
		return nil
	})
	require.NoError(t, err)
	require.Len(t, as, 5)
	return as
}

// requireRanked checks the order Find promises: tightest level first
// (none last), then the score behind it, then ID.
func requireRanked(t *testing.T, hits []Hit) {
	t.Helper()
	for i := 1; i < len(hits); i++ {
		a, b := hits[i-1], hits[i]
		ra, rb := levelRank(a), levelRank(b)
		ok := ra < rb || ra == rb && (a.Score > b.Score || a.Score == b.Score && a.ID < b.ID)
		require.True(t, ok, "hits %d (%s) and %d (%s) out of order", i-1, a.ID, i, b.ID)
	}
}

func TestFindIndexed(t *testing.T) {
	ix, s := newIndex(t, readSeeds(t)...)
	ent, err := ix.Get("000_4bd703d3e122696c")
	require.NoError(t, err)
	hits, err := s.Find(&ent.Article, true, 50)
	require.NoError(t, err)
	requireRanked(t, hits)
	// The four other seeds retell the same story: rewrites of it, best
	// first (as cmd/wirediff/testdata/golden/similar-seed.table shows).
	var ids []string
	for _, h := range hits {
		ids = append(ids, h.ID)
		assert.True(t, h.Joins, h.ID)
		assert.Equal(t, cluster.Rewrite, h.Level, h.ID)
		assert.Equal(t, h.Evidence.Rewrite, h.Score, h.ID)
		assert.Equal(t, h.ID, h.Article.ID)
	}
	assert.Equal(t, []string{"002_ac49a336ca4eb3e9", "001_2ea4910e153269e2", "003_d4f861dc4b37a64b", "004_9e1179f061f0b57d"}, ids)

	// Deterministic.
	again, err := s.Find(&ent.Article, true, 50)
	require.NoError(t, err)
	assert.Equal(t, hits, again)

	// n bounds the candidates.
	hits, err = s.Find(&ent.Article, true, 2)
	require.NoError(t, err)
	assert.Len(t, hits, 2)
}

// TestFindCandidates: n bounds the candidates, and a count past the
// articles the index holds finds them all.
func TestFindCandidates(t *testing.T) {
	ix, s := newIndex(t, readSeeds(t)...)
	ent, err := ix.Get("000_4bd703d3e122696c")
	require.NoError(t, err)
	tests := []struct{ n, want int }{
		{1, 1},
		{3, 3},
		{4, 4},
		{50, 4},
		// Counts far past the index's size (their room alone would not
		// fit in memory).
		{math.MaxInt / 2, 4},
		{math.MaxInt, 4},
	}
	for _, tt := range tests {
		hits, err := s.Find(&ent.Article, true, tt.n)
		require.NoError(t, err, "Find(n=%d)", tt.n)
		assert.Len(t, hits, tt.want, "Find(n=%d)", tt.n)
	}
}

func TestFindNew(t *testing.T) {
	_, s := newIndex(t, readSeeds(t)...)
	text, err := os.ReadFile(filepath.Join(seeds, "002_ac49a336ca4eb3e9.txt"))
	require.NoError(t, err)
	lines := strings.Split(string(text), "\n")

	// A trimmed copy of seed 002 is a copy of 002.
	a := corpus.Article{ID: "new", Text: strings.Join(lines[:len(lines)*3/4], "\n")}
	hits, err := s.Find(&a, false, 50)
	require.NoError(t, err)
	requireRanked(t, hits)
	require.NotEmpty(t, hits)
	assert.Equal(t, "002_ac49a336ca4eb3e9", hits[0].ID)
	assert.Equal(t, cluster.Copy, hits[0].Level)
	assert.True(t, hits[0].Joins)
	assert.Equal(t, hits[0].Evidence.Jaccard, hits[0].Score)

	// Unrelated text joins nothing.
	a = corpus.Article{ID: "bakery", Text: "The quarterly report of the village bakery lists flour, butter and sugar prices."}
	hits, err = s.Find(&a, false, 50)
	require.NoError(t, err)
	for _, h := range hits {
		assert.False(t, h.Joins, h.ID)
		assert.Equal(t, h.Story, h.Score, h.ID)
	}
}

// sentences returns n sentences of ten words drawn from a vocabulary by
// a generator seeded with seed: texts of different seeds share a word
// 3-shingle only by rare chance.
func sentences(seed uint64, n int) []string {
	vocab := strings.Fields(`minister senate election coast village network hospital station contract
		treaty border weather harvest festival bank salary prison highway bishop mine stadium forest
		refinery chemist novelist soldier tenant widow merchant surgeon glacier orchard volcano lagoon
		bakery tunnel quarry lantern bicycle violin`)
	r := rand.New(rand.NewPCG(seed, 7))
	out := make([]string, n)
	for i := range out {
		ws := make([]string, 10)
		for k := range ws {
			ws[k] = vocab[r.IntN(len(vocab))]
		}
		out[i] = strings.Join(ws, " ") + "."
	}
	return out
}

// article is an article of the given sentences.
func article(id string, parts ...[]string) corpus.Article {
	var all []string
	for _, p := range parts {
		all = append(all, p...)
	}
	return corpus.Article{ID: id, Text: strings.Join(all, " ")}
}

// groups is a grouping: labels by level and ID.
type groups [3]map[string]string

func (g groups) Label(id string, l cluster.Level) string {
	if lab, ok := g[l][id]; ok {
		return lab
	}
	return [...]string{"c:", "r:", "s:"}[l] + id
}

func (g groups) Members(l cluster.Level, lab string) []string {
	var ms []string
	for id, x := range g[l] {
		if x == lab {
			ms = append(ms, id)
		}
	}
	slices.Sort(ms)
	return ms
}

// A new article joins a group as average link would join it alone: by
// its mean similarity to the members, not by its best match.
func TestPlace(t *testing.T) {
	x, y, z := sentences(1, 10), sentences(2, 3), sentences(3, 3)
	// a and b are copies of each other (7 sentences of 10 shared).
	a, b := article("a", x), article("b", x[:7], y)
	_, s := newIndex(t, a, b)
	grouped := groups{{"a": "c:a", "b": "c:a"}, {"a": "r:a", "b": "r:a"}, {"a": "s:a", "b": "s:a"}}
	tests := []struct {
		name   string
		new    corpus.Article
		groups groups
		copyOf string    // its best match, a copy of it as a pair, when not ""
		want   [3]string // labels of the new article, or "" for any
		with   *index.Assignment
	}{
		// near copies all of a, and most of b with it: it joins their
		// group at the copy level and so at every level above.
		{"near", article("near", x), grouped, "a", [3]string{"c:a", "r:a", "s:a"}, nil},
		// far copies the second half of a, which b does not hold: a copy
		// of a as a pair, but not of the group on average.
		{"far", article("far", x[3:], z[:1]), grouped, "a", [3]string{"c:far", "", ""}, nil},
		// Articles indexed since the grouping are groups of their own:
		// far joins a alone, and the two make a group named after the
		// first by ID, a's groups with it.
		{"far/ungrouped", article("far", x[3:], z[:1]), groups{}, "a", [3]string{"c:a", "r:a", "s:a"},
			&index.Assignment{ID: "a", Copy: "c:a", Rewrite: "r:a", Story: "s:a"}},
		{"0far/ungrouped", article("0far", x[3:], z[:1]), groups{}, "a", [3]string{"c:0far", "r:0far", "s:0far"},
			&index.Assignment{ID: "a", Copy: "c:0far", Rewrite: "r:0far", Story: "s:0far"}},
		// Nothing near: groups of its own.
		{"alone", corpus.Article{ID: "alone", Text: "Volunteers repainted the old lighthouse on Sunday after a storm damaged its roof."}, grouped, "", [3]string{"c:alone", "r:alone", "s:alone"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := s.Find(&tt.new, false, 50)
			require.NoError(t, err)
			if tt.copyOf != "" {
				require.NotEmpty(t, hits)
				require.Equal(t, tt.copyOf, hits[0].ID)
				require.True(t, hits[0].Joins)
				require.Equal(t, cluster.Copy, hits[0].Level)
			}
			as, err := s.Place(&tt.new, hits, tt.groups)
			require.NoError(t, err)
			assert.Equal(t, tt.new.ID, as.ID)
			for l, got := range [...]string{as.Copy, as.Rewrite, as.Story} {
				if tt.want[l] != "" {
					assert.Equal(t, tt.want[l], got, "Place(%s) at %s", tt.new.ID, cluster.Level(l))
				}
			}
			assert.Equal(t, tt.with, as.With, "the groups of an ungrouped near-duplicate joined")
		})
	}
}

// A new text of an ungrouped article is not placed with its old one,
// which it replaces.
func TestPlaceNotWithItself(t *testing.T) {
	x := sentences(1, 10)
	a := article("a", x)
	_, s := newIndex(t, a)
	again := article("a", x[:9])
	hits, err := s.Find(&again, false, 50)
	require.NoError(t, err)
	require.NotEmpty(t, hits)
	require.Equal(t, "a", hits[0].ID)
	require.True(t, hits[0].Joins)
	p, err := s.Place(&again, hits, groups{})
	require.NoError(t, err)
	assert.Equal(t, index.Assignment{ID: "a", Copy: "c:a", Rewrite: "r:a", Story: "s:a"}, p.Assignment)
	assert.Nil(t, p.With)
}

// fakeIndex fails where told to.
type fakeIndex struct {
	Index
	similarErr, getErr error
}

func (f fakeIndex) Similar(index.Like) ([]index.Candidate, error) {
	return []index.Candidate{{ID: "x"}}, f.similarErr
}

func (f fakeIndex) Get(id string) (index.Entry, error) { return index.Entry{}, f.getErr }

func (f fakeIndex) DocFreqs(_ string, terms []string) ([]int, int, error) {
	return make([]int, len(terms)), 1, nil
}

func TestErrors(t *testing.T) {
	h, b, _ := settings(t)
	_, err := NewFinder(fakeIndex{}, 3, nil, b)
	assert.Error(t, err, "no hasher")
	_, err = NewFinder(fakeIndex{}, 0, h, b)
	assert.Error(t, err, "no shingle size")

	errIndex := errors.New("index broken")
	a := article("q", sentences(4, 5))
	for _, ix := range []fakeIndex{{similarErr: errIndex}, {getErr: errIndex}} {
		s, err := NewFinder(ix, 3, h, b)
		require.NoError(t, err)
		_, err = s.Find(&a, false, 10)
		assert.ErrorIs(t, err, errIndex)
		assert.Contains(t, err.Error(), "neardup: ")
	}
}

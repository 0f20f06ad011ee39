package dedup_test

import (
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/benchmarks"
	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/dedup"
)

// weighedDocs returns the weighed docs of a generated corpus of n
// articles, sorted by ID.
func weighedDocs(t *testing.T, n int) []cluster.Doc {
	t.Helper()
	dir := t.TempDir()
	_, err := benchmarks.WriteCorpus(dir, benchmarks.GenConfig{Articles: n, Seed: 5})
	require.NoError(t, err)
	r, err := dedup.Load(context.Background(), dedup.Source{Paths: []string{filepath.Join(dir, benchmarks.ArticlesFile)}}, dedup.Options{Cluster: cluster.DefaultOptions()})
	require.NoError(t, err)
	return r.Docs
}

// postingsOptions are the default options with a small postings cap, so
// that the lists of a few hundred articles are cut.
func postingsOptions() cluster.Options {
	opt := cluster.DefaultOptions()
	opt.Candidates.MaxDF = 12
	return opt
}

// TestPostingsLikeThisIsMoreLikeThis: the queries over the postings
// of a batch find the more-like-this candidates of a run over it.
func TestPostingsLikeThisIsMoreLikeThis(t *testing.T) {
	docs := weighedDocs(t, 500)
	opt := postingsOptions()
	p := dedup.BuildPostings(docs, opt)
	q := make([]*cluster.Doc, len(docs))
	num := make([]int32, len(docs))
	for i := range docs {
		q[i], num[i] = &docs[i], int32(i)
	}
	var got []cluster.Edge
	for i, cs := range p.Whole().LikeThis(q, num, opt.Candidates.MaxDF, opt) {
		for _, j := range cs {
			got = append(got, cluster.Edge{I: int32(min(i, int(j))), J: int32(max(i, int(j)))})
		}
	}
	slices.SortFunc(got, func(a, b cluster.Edge) int {
		if a.I != b.I {
			return int(a.I - b.I)
		}
		return int(a.J - b.J)
	})
	got = slices.Compact(got)
	want := cluster.MoreLikeThis(docs, opt.Candidates.TopTerms, opt.Candidates.PerDoc, opt.Candidates.MaxDF, func(i, j int) bool {
		return cluster.InWindow(docs[i].Published, docs[j].Published, opt.Window)
	})
	require.NotEmpty(t, want)
	assert.Equal(t, want, got)
}

// splitQueries takes about a fifth of docs out as queries; with
// replaced, half of those stay in the base in another version (the
// terms of another article).
func splitQueries(docs []cluster.Doc, replaced bool) (base []cluster.Doc, qs []*cluster.Doc) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range docs {
		switch r := rng.IntN(10); {
		case r == 0: // new
		case r == 1 && replaced:
			old := docs[i]
			old.Terms = slices.Clone(docs[(i+7)%len(docs)].Terms)
			base = append(base, old)
		case r == 1: // new
		default:
			base = append(base, docs[i])
			continue
		}
		qs = append(qs, &docs[i])
	}
	// Queries in another order than the IDs'.
	rng.Shuffle(len(qs), func(a, b int) { qs[a], qs[b] = qs[b], qs[a] })
	return base, qs
}

// TestPostingsWithQueries: the postings of part of a batch with the
// rest added as queries (some replacing an article the postings hold in
// another version) answer each query as the postings of the whole batch
// do.
func TestPostingsWithQueries(t *testing.T) {
	docs := weighedDocs(t, 500)
	opt := postingsOptions()
	all := dedup.BuildPostings(docs, opt)
	base, qs := splitQueries(docs, true)
	require.Greater(t, len(qs), 50)
	var want [][]int32
	for _, q := range qs {
		i := slices.IndexFunc(docs, func(d cluster.Doc) bool { return d.ID == q.ID })
		want = append(want, all.Whole().LikeThis([]*cluster.Doc{q}, []int32{int32(i)}, opt.Candidates.MaxDF, opt)[0])
	}
	view, num := dedup.BuildPostings(base, opt).WithQueries(qs, opt.Candidates.TopTerms)
	require.Equal(t, all.IDs(), view.IDs())
	for k, q := range qs {
		require.Equal(t, q.ID, view.IDs()[num[k]])
	}
	assert.Equal(t, want, view.LikeThis(qs, num, opt.Candidates.MaxDF, opt))
}

// TestPostingsRegrouped: the postings of part of a batch, with the rest
// added and the articles a run regroups written back, are the postings
// of the whole batch.
func TestPostingsRegrouped(t *testing.T) {
	docs := weighedDocs(t, 500)
	opt := postingsOptions()
	all := dedup.BuildPostings(docs, opt)
	base, qs := splitQueries(docs, false)
	view, _ := dedup.BuildPostings(base, opt).WithQueries(qs, opt.Candidates.TopTerms)
	var regrouped []cluster.Doc
	for i := range docs {
		if i%5 == 0 || slices.ContainsFunc(qs, func(q *cluster.Doc) bool { return q.ID == docs[i].ID }) {
			regrouped = append(regrouped, docs[i])
		}
	}
	after, err := view.Regrouped(regrouped, all.Keep())
	require.NoError(t, err)
	assert.True(t, bytes.Equal(all.Encode(), after.Encode()), "postings differ from the whole batch's")

	_, err = view.Regrouped([]cluster.Doc{{ID: "not-there"}}, all.Keep())
	assert.ErrorContains(t, err, "not-there")
	_, err = view.Regrouped(slices.DeleteFunc(regrouped, func(d cluster.Doc) bool { return d.ID == qs[0].ID }), all.Keep())
	assert.ErrorContains(t, err, "was not regrouped", "every new article is regrouped")
}

func TestPostingsRoundTrip(t *testing.T) {
	docs := weighedDocs(t, 120)
	docs[3].Published = docs[3].Published.AddDate(-60, 0, 0) // before 1970
	docs[4].Published = time.Time{}                          // unknown
	p := dedup.BuildPostings(docs, postingsOptions())
	p.SetDigest([32]byte{0: 1, 31: 2})
	b := p.Encode()
	q, err := dedup.DecodePostings(b)
	require.NoError(t, err)
	assert.Equal(t, p, q)
	for cut := range len(b) {
		_, err := dedup.DecodePostings(b[:cut])
		require.ErrorIs(t, err, dedup.ErrDamagedState, "cut at %d", cut)
	}
	_, err = dedup.DecodePostings(append(bytes.Clone(b), 0))
	assert.ErrorIs(t, err, dedup.ErrDamagedState, "a byte more")
	for _, at := range []int{40, len(b) / 2, len(b) - 5} {
		bad := bytes.Clone(b)
		bad[at] ^= 0x10
		_, err = dedup.DecodePostings(bad)
		assert.ErrorContains(t, err, "checksum mismatch", "a bit flipped at %d", at)
		assert.ErrorIs(t, err, dedup.ErrDamagedState, "a bit flipped at %d", at)
	}
}

// TestPostingsVersion1: postings written by the varint layout of
// version 1 (testdata/postings-v1.bin, the postings of this test's
// corpus) still read, as the same postings.
func TestPostingsVersion1(t *testing.T) {
	docs := weighedDocs(t, 120)
	docs[3].Published = docs[3].Published.AddDate(-60, 0, 0)
	p := dedup.BuildPostings(docs, postingsOptions())
	p.SetDigest([32]byte{0: 1, 31: 2})
	b, err := os.ReadFile("testdata/postings-v1.bin")
	require.NoError(t, err)
	q, err := dedup.DecodePostings(b)
	require.NoError(t, err)
	assert.Equal(t, p, q)
}

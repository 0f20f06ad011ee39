package cluster

import (
	"math/rand/v2"
	"runtime"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"
)

// These tests pin the results of the performance work on MoreLikeThis
// (dense scores, bounded top list) and AverageLink (cross sums on all
// cores): the same edges and labels as the plain versions, on any number
// of cores.

// referenceMLT is MoreLikeThis as first written: a map of scores per
// query, every accepted candidate sorted, the first perCand kept.
func referenceMLT(docs []Doc, topTerms, perCand, maxDF int, accept func(i, j int) bool) []Edge {
	post := map[TermID][]posting{}
	for i := range docs {
		for _, t := range heaviest(docs[i].Terms, topTerms*2) {
			post[t.ID] = append(post[t.ID], posting{int32(i), t.W})
		}
	}
	for id, ps := range post {
		if len(ps) > maxDF {
			byWeight := append([]posting(nil), ps...)
			sort.SliceStable(byWeight, func(a, b int) bool { return byWeight[a].w > byWeight[b].w })
			post[id] = byWeight[:maxDF]
		}
	}
	var out []Edge
	for i := range docs {
		acc := map[int32]float32{}
		for _, t := range heaviest(docs[i].Terms, topTerms) {
			for _, p := range post[t.ID] {
				if int(p.doc) != i {
					acc[p.doc] += t.W * p.w
				}
			}
		}
		var cs []scored
		for j, s := range acc {
			if accept == nil || accept(i, int(j)) {
				cs = append(cs, scored{j, s})
			}
		}
		sort.Slice(cs, func(a, b int) bool { return cs[a].better(cs[b]) })
		if len(cs) > perCand {
			cs = cs[:perCand]
		}
		for _, c := range cs {
			a, b := int32(i), c.j
			if a > b {
				a, b = b, a
			}
			out = append(out, Edge{a, b})
		}
	}
	sortEdges(out)
	return dedupEdges(out)
}

// randomDocs makes n docs over a small vocabulary, with weights from a
// few values so that scores tie often.
func randomDocs(r *rand.Rand, n, vocab int) []Doc {
	docs := make([]Doc, n)
	for i := range docs {
		seen := map[TermID]bool{}
		for range 3 + r.IntN(12) {
			id := TermID(r.IntN(vocab))
			if seen[id] {
				continue
			}
			seen[id] = true
			docs[i].Terms = append(docs[i].Terms, Term{id, float32(1+r.IntN(4)) / 4})
		}
		sort.Slice(docs[i].Terms, func(a, b int) bool { return docs[i].Terms[a].ID < docs[i].Terms[b].ID })
	}
	return docs
}

func withProcs(t *testing.T, n int) {
	old := runtime.GOMAXPROCS(n)
	t.Cleanup(func() { runtime.GOMAXPROCS(old) })
}

func TestMoreLikeThisMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for trial := range 30 {
		n := 50 + r.IntN(300)
		docs := randomDocs(r, n, 20+r.IntN(200))
		topTerms, perCand, maxDF := 1+r.IntN(8), r.IntN(12), 5+r.IntN(n)
		var accept func(i, j int) bool
		if trial%2 == 1 {
			accept = func(i, j int) bool { return (i+j)%3 != 0 }
		}
		want := referenceMLT(docs, topTerms, perCand, maxDF, accept)
		for _, procs := range []int{1, 4} {
			withProcs(t, procs)
			got := MoreLikeThis(docs, topTerms, perCand, maxDF, accept)
			require.Equal(t, want, got, "trial %d, GOMAXPROCS %d: MoreLikeThis differs from the reference", trial, procs)
		}
	}
}

// TestAverageLinkSameOnAnyCores: a large sparse graph with clusters big
// enough to score in parallel gives the same labels on 1 and 4 cores.
func TestAverageLinkSameOnAnyCores(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	const n = 3000
	group := make([]int, n)
	for i := range group {
		group[i] = r.IntN(150)
	}
	sim := func(i, j int) float64 {
		h := uint64(min(i, j))*1_000_003 + uint64(max(i, j))
		noise := float64(h%97) / 97
		if group[i] == group[j] {
			return 0.5 + 0.5*noise
		}
		return 0.4 * noise
	}
	members := map[int][]int{}
	for i, g := range group {
		members[g] = append(members[g], i)
	}
	var edges []Edge
	for i := range n {
		for k := range 8 {
			j := r.IntN(n)
			if k < 5 { // mostly within the group
				m := members[group[i]]
				j = m[r.IntN(len(m))]
			}
			if j != i {
				edges = append(edges, Edge{int32(min(i, j)), int32(max(i, j))})
			}
		}
	}
	init := make([]int, n) // starting pairs within groups
	for _, m := range members {
		for k, i := range m {
			init[i] = m[k/2*2]
		}
	}
	var want []int
	for _, procs := range []int{1, 2, 4} {
		withProcs(t, procs)
		got := AverageLink(n, init, edges, sim, 0.45, 200)
		if want == nil {
			want = got
			continue
		}
		require.Equal(t, want, got, "GOMAXPROCS %d", procs)
	}
	groups := map[int]bool{}
	for _, l := range want {
		groups[l] = true
	}
	require.Less(t, len(groups), n/4, "hardly anything merged: the test does not exercise merges")
}

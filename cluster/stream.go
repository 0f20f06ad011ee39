package cluster

import (
	"math"
	"sort"

	"github.com/wirediff/wirediff/internal/parallel"
	"github.com/wirediff/wirediff/similarity"
)

// This file holds what a run needs to group a batch without holding its
// features: candidate generation from the little each article gives it
// (its LSH band keys, its heaviest terms, its publication time), the
// scoring of one candidate pair from its two articles' features, and the
// tests by which a pair is an edge of the graph whose connected
// components are grouped one at a time (see component.go).

// LSHPairsOf is [LSHPairs] given each doc's exact-duplicate
// representative (rep, as [ExactClasses] gives it) and an LSH table to
// which each representative was added under its place among the
// representatives in index order (the k-th doc with rep[i] == i as k).
func LSHPairsOf(rep []int32, l *similarity.LSH, maxBucket int) ([]Edge, int) {
	var reps []int32
	var out []Edge
	for i := range rep {
		if rep[i] == int32(i) {
			reps = append(reps, int32(i))
		} else {
			out = append(out, Edge{rep[i], int32(i)})
		}
	}
	l.Build()
	l.Pairs(maxBucket, func(x, y int32) {
		out = append(out, Edge{reps[min(x, y)], reps[max(x, y)]})
	})
	l.Oversized(maxBucket, func(_ int, run []int32) {
		leader := reps[run[0]]
		for _, m := range run[1:] {
			out = append(out, Edge{leader, reps[m]})
		}
	})
	sortEdges(out)
	return dedupEdges(out), l.SkippedBuckets()
}

// MoreLikeThisTop is [MoreLikeThis] given only each doc's heaviest terms:
// top[i] must be [Heaviest](docs[i].Terms, 2·topTerms) of the weighed
// doc. The pairs are those of MoreLikeThis over the docs.
func MoreLikeThisTop(top [][]Term, topTerms, perCand, maxDF int, accept func(i, j int) bool) []Edge {
	return moreLikeThis(top, topTerms, perCand, maxDF, accept)
}

// EdgeScores are what scoring one candidate pair alone tells of it.
type EdgeScores struct {
	// Cosine is the TF-IDF cosine of the pair within the date window, 0
	// outside it: what the shared-neighbour lists rank candidates by.
	Cosine float64
	// Reaches says the pair reaches the copy threshold (an LSH pair) or
	// the rewrite threshold.
	Reaches bool
}

// ScoreEdge scores the candidate pair of weighed docs a and b (lsh: an
// LSH pair, compared at the copy level) as [Run] scores it. A copy pair's
// Jaccard counts whatever the dates: exact duplicates published further
// apart than the window are still one class at the copy level.
func ScoreEdge(a, b *Doc, lsh bool, opt Options) EdgeScores {
	var s EdgeScores
	in := InWindow(a.Published, b.Published, opt.Window)
	if in {
		s.Cosine = Cosine(a.Terms, b.Terms)
	}
	if lsh && similarity.Jaccard(a.Shingles, b.Shingles) >= opt.Thresholds.Copy {
		s.Reaches = true
		return s
	}
	if opt.CopyOnly || !in {
		return s
	}
	g := Grouper{Opt: opt}
	e := Evidence{Cosine: s.Cosine,
		NameShare:    setCosine(similarity.Intersection(a.Names, b.Names), len(a.Names), len(b.Names)),
		PassageShare: g.passageShare(a, b)}
	s.Reaches = g.rewriteRaw(e) >= opt.Thresholds.Rewrite*g.rewriteScale()
	return s
}

// StorySlack is how far below the story threshold [StoryReaches] still
// takes a pair: its sum is that of [Grouper.StorySim], but an edge too
// many only joins two components, which grouping together keeps apart as
// grouping them apart does, while an edge too few could lose a merge.
const StorySlack = 1e-9

// StoryReaches reports whether a candidate pair reaches the story
// threshold as [Run] scores it, given its [EdgeScores].Cosine, whether the
// window keeps it together, the two docs' weekdays ([Doc].Days), whether
// either has too few terms for the story level (len(Terms) below
// opt.Story.MinTerms) and their shared-neighbour lists (sorted doc
// indices, each doc included in its own; see [NewGrouper]).
func StoryReaches(cos float64, inWindow bool, daysA, daysB uint8, short bool, nnA, nnB []int32, opt Options) bool {
	if !inWindow || short {
		return false
	}
	st := &opt.Story
	day := st.DayWeight * dayAgreement(daysA, daysB)
	s := cos + day
	if st.SharedWeight != 0 {
		shared := float64(similarity.Intersection(nnA, nnB)) / math.Sqrt(float64(len(nnA))*float64(len(nnB)))
		s = (1-st.SharedWeight)*cos + st.SharedWeight*shared + day
	}
	return s >= opt.Thresholds.Story-StorySlack
}

// Neighbours keeps each doc's shared-neighbour list as [Run] picks it,
// from the candidate pairs given one at a time with their
// [EdgeScores].Cosine: its opt.Story.Neighbours candidates of highest
// cosine (ties by index) above opt.Story.NeighbourFloor. It holds a few
// entries per doc, whatever the number of pairs.
type Neighbours struct {
	k     int
	floor float64
	top   []nbEntry // k per doc, best first
	count []uint8
}

type nbEntry struct {
	j int32
	s float64
}

// NewNeighbours returns the lists of n docs, empty.
func NewNeighbours(n int, opt Options) *Neighbours {
	k := max(opt.Story.Neighbours, 0)
	return &Neighbours{k: k, floor: opt.Story.NeighbourFloor, top: make([]nbEntry, n*k), count: make([]uint8, n)}
}

// Add counts the pair i, j of cosine cos.
func (nb *Neighbours) Add(i, j int32, cos float64) {
	if cos <= nb.floor || nb.k == 0 {
		return
	}
	nb.add(i, j, cos)
	nb.add(j, i, cos)
}

func (nb *Neighbours) add(i, j int32, s float64) {
	l := nb.top[int(i)*nb.k : int(i+1)*nb.k]
	n := int(nb.count[i])
	better := func(e nbEntry) bool { return s > e.s || s == e.s && j < e.j }
	if n == nb.k && !better(l[n-1]) {
		return
	}
	if n < nb.k {
		n++
		nb.count[i] = uint8(n)
	}
	p := n - 1
	for p > 0 && better(l[p-1]) {
		l[p] = l[p-1]
		p--
	}
	l[p] = nbEntry{j, s}
}

// List appends doc i's list to dst: its neighbours and itself, sorted.
func (nb *Neighbours) List(dst []int32, i int32) []int32 {
	start := len(dst)
	dst = append(dst, i)
	for _, e := range nb.top[int(i)*nb.k : int(i)*nb.k+int(nb.count[i])] {
		dst = append(dst, e.j)
	}
	l := dst[start:]
	sort.Slice(l, func(a, b int) bool { return l[a] < l[b] })
	return dst
}

// cacheCosines fills the cosine cache of the candidate pairs edges
// (sorted, i < j) and returns each pair's cosine (0 outside the window).
func (g *Grouper) cacheCosines(edges []Edge) []float64 {
	sims := make([]float64, len(edges))
	parallel.For(len(edges), func(k int) {
		e := edges[k]
		if g.inWindow(int(e.I), int(e.J)) {
			sims[k] = Cosine(g.Docs[e.I].Terms, g.Docs[e.J].Terms)
		}
	})
	fwd := make([]int32, len(g.Docs))
	for _, e := range edges {
		fwd[e.I]++
	}
	g.cosCache = make([][]cosEntry, len(g.Docs))
	for i := range g.cosCache {
		g.cosCache[i] = make([]cosEntry, 0, fwd[i])
	}
	for k, e := range edges {
		if g.inWindow(int(e.I), int(e.J)) { // edges are sorted: each list by j
			g.cosCache[e.I] = append(g.cosCache[e.I], cosEntry{e.J, sims[k]})
		}
	}
	return sims
}

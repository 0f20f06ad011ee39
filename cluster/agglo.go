package cluster

import (
	"container/heap"
	"slices"
	"sort"

	"github.com/wirediff/wirediff/internal/parallel"
)

// SimFunc scores items i and j (0 = unrelated). It must be symmetric and
// safe to call many times.
type SimFunc func(i, j int) float64

// Edge is a candidate pair i < j.
type Edge struct{ I, J int32 }

// AverageLink merges clusters by group-average similarity (UPGMA; Sokal &
// Michener 1958) over a sparse candidate graph, starting from the
// partition init (init[i] is item i's starting cluster, any int label;
// nil means singletons), until no two clusters connected by a candidate
// edge average at least threshold.
//
// The average between clusters A and B is the sum of sim over all cross
// pairs divided by |A||B|: pairs that are not candidates are scored too
// (sim is called for them) as long as |A||B| <= exactBudget; beyond it,
// unscored pairs count as 0, which can only split, never merge. Unlike
// single link (connected components), one bridging article cannot chain
// two stories together: it would have to be close to most members of both.
//
// The result labels each item with the smallest item index of its cluster.
// Merges happen in a fixed order (best average first, ties by smallest
// member), so the result does not depend on goroutine scheduling or on
// the order edges are given in. sim is called from several goroutines at
// once; every cross sum is still added up in one fixed order, so the
// result is the same on any number of cores.
func AverageLink(n int, init []int, edges []Edge, sim SimFunc, threshold float64, exactBudget int) []int {
	return averageLink(n, init, edges, sim, nil, nil, threshold, exactBudget)
}

// AverageLinkLinear is [AverageLink] for a similarity sim that is a dot
// product (see [Linear]; sim(i, j) must equal Dot(lin.Vec(i),
// lin.Vec(j)) within the window and be 0 outside it, and is used for
// single pairs, where it is cheaper than building vectors): clusters are
// scored by their summed vectors, in time linear in their sizes, and pair
// by pair (within exactBudget) only where the date window separates some
// of their members.
func AverageLinkLinear(n int, init []int, edges []Edge, sim SimFunc, lin *Linear, threshold float64, exactBudget int) []int {
	return averageLink(n, init, edges, sim, lin, nil, threshold, exactBudget)
}

// averageLink is AverageLink; weight, when not nil, counts item i as
// weight[i] identical items (see exactClasses): a cross sum adds
// weight[i]·weight[j]·sim(i, j) and a cluster's size is its summed weight,
// so grouping the representatives of exact duplicates equals grouping every
// copy. weight is not supported with lin.
func averageLink(n int, init []int, edges []Edge, sim SimFunc, lin *Linear, weight []float64, threshold float64, exactBudget int) []int {
	a := &agglo{sim: sim, exactBudget: exactBudget, weight: weight}
	a.members = make([][]int32, n)
	a.label = make([]int32, n)
	if init == nil {
		for i := range n {
			a.label[i] = int32(i)
			a.members[i] = []int32{int32(i)}
		}
	} else {
		first := map[int]int32{}
		for i := range n {
			l, ok := first[init[i]]
			if !ok {
				l = int32(i)
				first[init[i]] = l
			}
			a.label[i] = l
			a.members[l] = append(a.members[l], int32(i))
		}
	}
	if lin != nil {
		a.lin = newLinearState(lin, a.members)
	}
	if weight != nil {
		a.size = make([]float64, n)
		for i := range n {
			a.size[a.label[i]] += weight[i]
		}
	}
	a.adj = make([]map[int32]float64, n)
	// Connect the starting clusters joined by candidate edges, keeping
	// the sum of the edges' sims for clusters too big to score whole.
	type pair struct{ x, y int32 }
	edgeSum := map[pair]float64{}
	var pairs []pair
	for _, e := range edges {
		x, y := a.label[e.I], a.label[e.J]
		if x == y {
			continue
		}
		if x > y {
			x, y = y, x
		}
		p := pair{x, y}
		pairs = append(pairs, p)
		if len(a.members[x])*len(a.members[y]) > exactBudget && (a.lin == nil || !a.lin.together(x, y)) {
			edgeSum[p] += a.w(e.I) * a.w(e.J) * sim(int(e.I), int(e.J))
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].x != pairs[j].x {
			return pairs[i].x < pairs[j].x
		}
		return pairs[i].y < pairs[j].y
	})
	// Two starting clusters joined by several edges are one pair.
	pairs = slices.Compact(pairs)
	// Score the starting pairs on all cores; each sum is still added up in
	// one fixed order.
	sums := make([]float64, len(pairs))
	exact := make([]bool, len(pairs))
	parallel.For(len(pairs), func(k int) {
		sums[k], exact[k] = a.crossSum(pairs[k].x, pairs[k].y)
	})
	for k, p := range pairs {
		s := sums[k]
		if !exact[k] {
			s = edgeSum[p]
		}
		a.setAdj(p.x, p.y, s)
		a.push(p.x, p.y)
	}
	for a.h.Len() > 0 {
		c := heap.Pop(&a.h).(cand)
		if a.stale(c) {
			continue
		}
		if c.avg < threshold {
			break
		}
		a.merge(c.x, c.y)
		if len(a.h) > 2*a.pairs+compactMin {
			a.compact()
		}
	}
	out := make([]int, n)
	for i := range n {
		out[i] = int(a.label[i])
	}
	return out
}

// parallelWork is how many similarities a merge must score before it
// scores them on all cores.
const parallelWork = 64

// compactMin is the number of stale candidates the heap may hold beyond
// its live ones before [agglo.compact] drops them.
var compactMin = 1 << 16

type agglo struct {
	pairs       int // neighbouring cluster pairs in adj: the live candidates
	sim         SimFunc
	exactBudget int
	members     [][]int32           // by cluster label (smallest member)
	label       []int32             // item -> cluster label
	adj         []map[int32]float64 // cluster -> neighbor cluster -> cross sum
	version     map[int32]int
	h           candHeap
	lin         *linearState // nil unless the similarity is a dot product
	weight      []float64    // item weights (nil: all 1)
	size        []float64    // by cluster label: summed weight (nil: len(members))
}

// w is item i's weight.
func (a *agglo) w(i int32) float64 {
	if a.weight == nil {
		return 1
	}
	return a.weight[i]
}

// sizeOf is cluster x's size: its number of items, or their summed weight.
func (a *agglo) sizeOf(x int32) float64 {
	if a.size == nil {
		return float64(len(a.members[x]))
	}
	return a.size[x]
}

func (a *agglo) setAdj(x, y int32, s float64) {
	if a.adj[x] == nil {
		a.adj[x] = map[int32]float64{}
	}
	if a.adj[y] == nil {
		a.adj[y] = map[int32]float64{}
	}
	if _, ok := a.adj[x][y]; !ok {
		a.pairs++
	}
	a.adj[x][y] = s
	a.adj[y][x] = s
}

// stale reports whether candidate c was pushed before one of its two
// clusters last changed.
func (a *agglo) stale(c cand) bool {
	return a.version[c.x] != c.vx || a.version[c.y] != c.vy
}

// compact drops the stale candidates from the heap. Every merge pushes a
// candidate for each neighbour of the merged cluster and leaves the
// earlier ones of both clusters stale, so that a cluster that grows by
// absorbing thousands of others would leave the heap quadratic in them
// (21 GB for 20,000 near-identical articles). Kept candidates are one
// per live pair, and the heap pops them in the order of their (avg, x,
// y), which is total, so the merges are the same.
func (a *agglo) compact() {
	a.h = slices.DeleteFunc(a.h, a.stale)
	heap.Init(&a.h)
}

// crossSum scores every cross pair of x and y when within budget.
func (a *agglo) crossSum(x, y int32) (float64, bool) {
	mx, my := a.members[x], a.members[y]
	if a.lin != nil && a.lin.together(x, y) && len(mx)*len(my) > 1 {
		return a.lin.dot(x, mx, y, my), true
	}
	if len(mx)*len(my) > a.exactBudget {
		return 0, false
	}
	s := 0.0
	for _, i := range mx {
		for _, j := range my {
			s += a.w(i) * a.w(j) * a.sim(int(i), int(j))
		}
	}
	return s, true
}

func (a *agglo) push(x, y int32) {
	if x > y {
		x, y = y, x
	}
	if a.version == nil {
		a.version = map[int32]int{}
	}
	avg := a.adj[x][y] / (a.sizeOf(x) * a.sizeOf(y))
	heap.Push(&a.h, cand{avg: avg, x: x, y: y, vx: a.version[x], vy: a.version[y]})
}

// merge folds y into x (or x into y): the survivor is the smaller label.
func (a *agglo) merge(x, y int32) {
	if y < x {
		x, y = y, x
	}
	// Neighbors of either, in a fixed order.
	nb := map[int32]bool{}
	for c := range a.adj[x] {
		nb[c] = true
	}
	for c := range a.adj[y] {
		nb[c] = true
	}
	delete(nb, x)
	delete(nb, y)
	order := make([]int32, 0, len(nb))
	for c := range nb {
		order = append(order, c)
	}
	sort.Slice(order, func(i, j int) bool { return order[i] < order[j] })

	// The cross sums with each neighbor: known ones from adj, the others
	// scored now (on all cores when there are enough to score).
	newSums := make([]float64, len(order))
	work := 0
	for _, c := range order {
		if _, ok := a.adj[x][c]; !ok {
			work += len(a.members[x]) * len(a.members[c])
		}
		if _, ok := a.adj[y][c]; !ok {
			work += len(a.members[y]) * len(a.members[c])
		}
	}
	sumWith := func(k int) {
		c := order[k]
		sx, okx := a.adj[x][c]
		if !okx {
			sx, _ = a.crossSum(x, c)
		}
		sy, oky := a.adj[y][c]
		if !oky {
			sy, _ = a.crossSum(y, c)
		}
		newSums[k] = sx + sy
	}
	if work >= parallelWork {
		parallel.For(len(order), sumWith)
	} else {
		for k := range order {
			sumWith(k)
		}
	}
	// Detach y and x from their neighbors.
	for c := range a.adj[x] {
		delete(a.adj[c], x)
		a.pairs--
	}
	for c := range a.adj[y] { // x is no longer among them
		delete(a.adj[c], y)
		a.pairs--
	}
	a.adj[x], a.adj[y] = nil, nil
	if a.lin != nil {
		a.lin.merge(x, y, a.members[x], a.members[y])
	}
	for _, m := range a.members[y] {
		a.label[m] = x
	}
	a.members[x] = append(a.members[x], a.members[y]...)
	a.members[y] = nil
	if a.size != nil {
		a.size[x] += a.size[y]
		a.size[y] = 0
	}
	a.version[x]++
	a.version[y]++
	for k, c := range order {
		a.setAdj(x, c, newSums[k])
		a.push(x, c)
	}
}

type cand struct {
	avg    float64
	x, y   int32
	vx, vy int
}

type candHeap []cand

func (h candHeap) Len() int { return len(h) }
func (h candHeap) Less(i, j int) bool {
	if h[i].avg != h[j].avg {
		return h[i].avg > h[j].avg
	}
	if h[i].x != h[j].x {
		return h[i].x < h[j].x
	}
	return h[i].y < h[j].y
}
func (h candHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *candHeap) Push(x any)   { *h = append(*h, x.(cand)) }
func (h *candHeap) Pop() any {
	old := *h
	c := old[len(old)-1]
	*h = old[:len(old)-1]
	return c
}

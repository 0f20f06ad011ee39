package cluster

import (
	"encoding/binary"
	"slices"
	"sort"
	"time"

	"github.com/cespare/xxhash/v2"

	"github.com/wirediff/wirediff/internal/parallel"
	"github.com/wirediff/wirediff/similarity"
)

// Copies is the copy level of [Run], stage by stage.
type Copies struct {
	// Labels is each doc's copy group: the index of its first member.
	Labels []int
	// Pairs are the candidate pairs (i < j, sorted): LSH pairs between
	// the representatives of exact-duplicate classes, and each class
	// member and bucket member joined to its representative or leader.
	Pairs []Edge
	// Rep is each doc's exact-duplicate representative (itself when it
	// has no earlier exact duplicate): a pair of docs is a candidate when
	// their representatives are equal or a pair of Pairs.
	Rep []int32
	// Verified counts the pairs at or above the copy threshold.
	Verified int
	// Duplicates counts docs whose shingle set equals an earlier doc's
	// (in the date window): they are grouped by hash, not by LSH.
	Duplicates int
	// SkippedBuckets counts LSH buckets over MaxBucket (over all bands):
	// grouped against a leader instead of pair by pair. Unresolved
	// counts the members of such buckets left after leaderRounds leaders,
	// that joined no leader (they still pair through their other bands).
	SkippedBuckets, Unresolved int
	// Wall time of candidate generation, verification and clustering.
	Candidates, Verify, Cluster time.Duration
}

// Candidate reports whether docs i and j were candidates: exact
// duplicates of each other, or with representatives paired in c.Pairs.
func (c *Copies) Candidate(i, j int) bool {
	a, b := c.Rep[i], c.Rep[j]
	if a == b {
		return true
	}
	e := Edge{min(a, b), max(a, b)}
	k := sort.Search(len(c.Pairs), func(k int) bool {
		p := c.Pairs[k]
		return p.I > e.I || p.I == e.I && p.J >= e.J
	})
	return k < len(c.Pairs) && c.Pairs[k] == e
}

// leaderRounds bounds the leaders tried in one oversized bucket, so that
// a bucket costs at most leaderRounds·|bucket| Jaccard computations.
const leaderRounds = 8

// GroupCopies groups docs (sorted by ID) at the copy level in time and
// memory linear in the input, whatever the size of a copy group:
//
//  1. Exact duplicates (equal shingle sets within the date window) collapse
//     by a hash of the set into one representative that counts as many:
//     average link over representatives with those weights equals average
//     link over every copy.
//  2. LSH pairs among representatives; a bucket of more than
//     opt.Candidates.MaxBucket representatives gives no pairs but is grouped against
//     a leader (its first member): every member whose Jaccard with the
//     leader reaches the copy threshold joins the leader's starting group;
//     the rest try the next leader, up to leaderRounds, and pair by pair
//     once at most MaxBucket are left.
//  3. Average link over the verified pairs, starting from those groups.
func GroupCopies(docs []Doc, bands similarity.Bands, opt Options) *Copies {
	g := &Grouper{Docs: docs, Opt: opt}
	return g.groupCopies(bands)
}

func (g *Grouper) groupCopies(bands similarity.Bands) *Copies {
	docs, opt := g.Docs, g.Opt
	c := &Copies{}
	t0 := time.Now()
	rep := g.exactClasses()
	c.Rep = rep
	var reps []int32 // representative doc indices, increasing
	weight := []float64{}
	pos := make([]int32, len(docs)) // doc -> position of its representative
	for i := range docs {
		if rep[i] == int32(i) {
			pos[i] = int32(len(reps))
			reps = append(reps, int32(i))
			weight = append(weight, 1)
		} else {
			p := pos[rep[i]]
			pos[i] = p
			weight[p]++
			c.Duplicates++
			c.Pairs = append(c.Pairs, Edge{rep[i], int32(i)})
		}
	}
	jac := func(x, y int32) float64 { // representatives' positions
		i, j := int(reps[x]), int(reps[y])
		if !g.inWindow(i, j) {
			return 0
		}
		return similarity.Jaccard(docs[i].Shingles, docs[j].Shingles)
	}

	l := similarity.NewLSH(bands)
	l.Grow(len(reps))
	for k, i := range reps {
		l.Add(int32(k), docs[i].Sig)
	}
	var pairs []Edge // between positions
	l.Pairs(opt.Candidates.MaxBucket, func(a, b int32) {
		if a > b {
			a, b = b, a
		}
		pairs = append(pairs, Edge{a, b})
	})
	c.SkippedBuckets = l.SkippedBuckets()
	uf := newUnionFind(len(reps))
	var leaderPairs []Edge
	l.Oversized(opt.Candidates.MaxBucket, func(_ int, run []int32) {
		rest := slices.Clone(run)
		for round := 0; len(rest) > opt.Candidates.MaxBucket; round++ {
			if round == leaderRounds {
				c.Unresolved += len(rest)
				return
			}
			leader := rest[0]
			// Members already in the leader's group (from another band)
			// need no Jaccard; the others are scored on all cores.
			ok := make([]bool, len(rest))
			joined := make([]bool, len(rest))
			for k, m := range rest[1:] {
				joined[k+1] = uf.same(leader, m)
			}
			parallel.For(len(rest)-1, func(k int) {
				ok[k+1] = joined[k+1] || jac(leader, rest[k+1]) >= opt.Thresholds.Copy
			})
			next := rest[:0]
			for k, m := range rest[1:] {
				if ok[k+1] {
					if !uf.same(leader, m) {
						uf.union(leader, m)
						leaderPairs = append(leaderPairs, Edge{min(leader, m), max(leader, m)})
					}
				} else {
					next = append(next, m)
				}
			}
			rest = next
		}
		for x, a := range rest { // a small remainder: pair by pair
			for _, b := range rest[x+1:] {
				pairs = append(pairs, Edge{min(a, b), max(a, b)})
			}
		}
	})
	sortEdges(pairs)
	pairs = dedupEdges(pairs)
	c.Candidates = time.Since(t0)

	t0 = time.Now()
	verified := parallelFilter(pairs, func(e Edge) bool { return jac(e.I, e.J) >= opt.Thresholds.Copy })
	c.Verified = len(verified) + len(leaderPairs) + c.Duplicates
	c.Verify = time.Since(t0)

	t0 = time.Now()
	init := make([]int, len(reps))
	for k := range reps {
		init[k] = int(uf.find(int32(k)))
	}
	labels := averageLink(len(reps), init, verified, func(x, y int) float64 { return jac(int32(x), int32(y)) },
		nil, weight, opt.Thresholds.Copy, opt.ExactBudget)
	c.Labels = make([]int, len(docs))
	for i := range docs {
		c.Labels[i] = int(reps[labels[pos[i]]])
	}
	c.Cluster = time.Since(t0)

	// Candidate pairs in doc indices, for the levels above.
	for _, e := range append(pairs, leaderPairs...) {
		c.Pairs = append(c.Pairs, Edge{reps[e.I], reps[e.J]})
	}
	sortEdges(c.Pairs)
	c.Pairs = dedupEdges(c.Pairs)
	return c
}

// exactClasses returns each doc's representative: the first doc (by
// index) with the same non-empty shingle set within the date window, or
// the doc itself. Equal sets are found by sorting a hash of each set and
// confirmed element by element. A class whose dated members span more
// than the window is cut in time order into runs that each fit it; its
// undated members form one class of their own.
func (g *Grouper) exactClasses() []int32 {
	docs := g.Docs
	rep := make([]int32, len(docs))
	type keyed struct {
		h uint64
		i int32
	}
	ks := make([]keyed, 0, len(docs))
	var buf []byte
	for i := range docs {
		rep[i] = int32(i)
		s := docs[i].Shingles
		if len(s) == 0 {
			continue
		}
		buf = buf[:0]
		for _, x := range s {
			buf = binary.LittleEndian.AppendUint32(buf, x)
		}
		ks = append(ks, keyed{xxhash.Sum64(buf), int32(i)})
	}
	sort.Slice(ks, func(a, b int) bool {
		if ks[a].h != ks[b].h {
			return ks[a].h < ks[b].h
		}
		return ks[a].i < ks[b].i
	})
	for s := 0; s < len(ks); {
		e := s + 1
		for e < len(ks) && ks[e].h == ks[s].h {
			e++
		}
		if e-s > 1 {
			var ids []int32
			for _, k := range ks[s:e] {
				ids = append(ids, k.i)
			}
			// Confirm equality (a 64-bit hash collision splits a run).
			for len(ids) > 0 {
				first := ids[0]
				same, rest := []int32{first}, ids[:0:0]
				for _, i := range ids[1:] {
					if slices.Equal(docs[i].Shingles, docs[first].Shingles) {
						same = append(same, i)
					} else {
						rest = append(rest, i)
					}
				}
				g.assignWindowed(same, rep)
				ids = rest
			}
		}
		s = e
	}
	return rep
}

// assignWindowed sets rep for the members of one class of equal shingle
// sets (increasing indices), cutting it by the date window.
func (g *Grouper) assignWindowed(ids []int32, rep []int32) {
	if g.Opt.Window <= 0 {
		for _, i := range ids {
			rep[i] = ids[0]
		}
		return
	}
	g.datesOnce.Do(g.initDates)
	var dated, undated []int32
	for _, i := range ids {
		if g.unix[i] == noDate {
			undated = append(undated, i)
		} else {
			dated = append(dated, i)
		}
	}
	for _, i := range undated {
		rep[i] = undated[0]
	}
	sort.SliceStable(dated, func(a, b int) bool { return g.unix[dated[a]] < g.unix[dated[b]] })
	win := int64(g.Opt.Window / time.Second)
	for s := 0; s < len(dated); {
		e := s + 1
		for e < len(dated) && g.unix[dated[e]]-g.unix[dated[s]] <= win {
			e++
		}
		run := dated[s:e]
		first := slices.Min(run)
		for _, i := range run {
			rep[i] = first
		}
		s = e
	}
}

// unionFind is a disjoint-set forest whose roots are the smallest member.
type unionFind []int32

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = int32(i)
	}
	return u
}

func (u unionFind) find(x int32) int32 {
	for u[x] != x {
		u[x] = u[u[x]]
		x = u[x]
	}
	return x
}

func (u unionFind) same(x, y int32) bool { return u.find(x) == u.find(y) }

func (u unionFind) union(x, y int32) {
	a, b := u.find(x), u.find(y)
	if a == b {
		return
	}
	if a > b {
		a, b = b, a
	}
	u[b] = a
}

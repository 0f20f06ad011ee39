package cluster

import (
	"encoding/binary"
	"slices"
	"sort"
	"time"

	"github.com/cespare/xxhash/v2"

	"github.com/wirediff/wirediff/similarity"
)

// Copies is the copy level of [Run], stage by stage.
type Copies struct {
	// Labels is each doc's copy group: the index of its first member.
	Labels []int
	// Pairs are the candidate pairs of [LSHPairs] (i < j, sorted).
	Pairs []Edge
	// Rep is each doc's exact-duplicate representative (itself when it
	// has no earlier exact duplicate): a pair of docs is a candidate when
	// their representatives are equal or a pair of Pairs.
	Rep []int32
	// Verified counts the pairs at or above the copy threshold.
	Verified int
	// Duplicates counts docs whose shingle set equals an earlier doc's:
	// they are grouped by hash, not by LSH.
	Duplicates int
	// SkippedBuckets counts LSH buckets over MaxBucket (over all bands),
	// paired against their leader instead of pair by pair.
	SkippedBuckets int
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

// GroupCopies groups docs (sorted by ID) at the copy level, as [Run]
// does, stage by stage: [LSHPairs], then exact-Jaccard verification and
// average link over the representatives of exact duplicates (see
// [Grouper.CopyLabels]).
func GroupCopies(docs []Doc, bands similarity.Bands, opt Options) *Copies {
	g := &Grouper{Docs: docs, Opt: opt}
	c := &Copies{}
	t0 := time.Now()
	c.Pairs, c.SkippedBuckets = LSHPairs(docs, bands, opt.Candidates.MaxBucket)
	c.Rep = (&Grouper{Docs: docs}).exactClasses()
	c.Candidates = time.Since(t0)
	var cl copyLevel
	c.Labels, cl = g.copyLabels(c.Pairs)
	c.Verified, c.Duplicates, c.Verify, c.Cluster = cl.verified, cl.duplicates, cl.verify, cl.cluster
	return c
}

// copyLevel is what copyLabels measured.
type copyLevel struct {
	verified, duplicates int
	verify, cluster      time.Duration
}

// CopyLabels returns each doc's copy group (the index of its first
// member) from the candidate pairs, in time and memory linear in the
// number of docs whatever the size of a group: exact duplicates (equal
// shingle sets within the date window, see exactClasses) collapse into
// one representative that counts as many, and average link runs over
// the representatives with those weights, which equals average link over
// every copy. Pairs of representatives are verified by exact Jaccard.
func (g *Grouper) CopyLabels(pairs []Edge) []int {
	labels, _ := g.copyLabels(pairs)
	return labels
}

func (g *Grouper) copyLabels(pairs []Edge) ([]int, copyLevel) {
	docs, thr := g.Docs, g.Opt.Thresholds.Copy
	var cl copyLevel
	t0 := time.Now()
	rep := g.exactClasses()
	var reps []int32 // representative doc indices, increasing
	var weight []float64
	pos := make([]int32, len(docs)) // doc -> position of its representative
	for i := range docs {
		if rep[i] == int32(i) {
			pos[i] = int32(len(reps))
			reps = append(reps, int32(i))
			weight = append(weight, 1)
		} else {
			pos[i] = pos[rep[i]]
			weight[pos[i]]++
			cl.duplicates++
		}
	}
	jac := func(x, y int) float64 { // representatives' positions
		i, j := int(reps[x]), int(reps[y])
		if !g.inWindow(i, j) || !g.figuresAgree(i, j) {
			return 0
		}
		return similarity.Jaccard(docs[i].Shingles, docs[j].Shingles)
	}
	var rp []Edge
	for _, e := range pairs {
		if a, b := pos[e.I], pos[e.J]; a != b {
			rp = append(rp, Edge{min(a, b), max(a, b)})
		}
	}
	sortEdges(rp)
	rp = dedupEdges(rp)
	verified := parallelFilter(rp, func(e Edge) bool { return jac(int(e.I), int(e.J)) >= thr })
	cl.verified = len(verified) + cl.duplicates
	cl.verify = time.Since(t0)
	t0 = time.Now()
	labels := averageLink(len(reps), nil, verified, jac, nil, weight, thr, g.Opt.ExactBudget)
	out := make([]int, len(docs))
	for i := range docs {
		out[i] = int(reps[labels[pos[i]]])
	}
	cl.cluster = time.Since(t0)
	return out, cl
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
		var h uint64
		h, buf = shingleHash(buf, s)
		ks = append(ks, keyed{h, int32(i)})
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

// shingleHash returns the hash of the shingle set s by which
// [Grouper.exactClasses] finds exact duplicates, and buf, grown to hold
// the set's bytes.
func shingleHash(buf []byte, s []uint32) (uint64, []byte) {
	buf = buf[:0]
	for _, x := range s {
		buf = binary.LittleEndian.AppendUint32(buf, x)
	}
	return xxhash.Sum64(buf), buf
}

package cluster

import (
	"runtime"
	"sort"
	"sync"

	"github.com/wirediff/wirediff/similarity"
)

// LSHPairs returns the candidate pairs of the copy level, i < j, sorted,
// in work linear in len(docs) whatever the size of a copy group: each doc
// with the same shingle set as an earlier one (an exact duplicate, found
// by a hash of the set) is paired with the first only, and LSH runs over
// those first docs: pairs sharing a band key, except that a bucket over
// maxBucket docs (0 = no cap) pairs each member with its leader (first
// member) only, instead of every pair; the number of such buckets is
// returned.
func LSHPairs(docs []Doc, b similarity.Bands, maxBucket int) ([]Edge, int) {
	rep := (&Grouper{Docs: docs}).exactClasses()
	l := similarity.NewLSH(b)
	k := int32(0)
	for i := range docs {
		if rep[i] == int32(i) {
			k++
		}
	}
	l.Grow(int(k))
	k = 0
	for i := range docs {
		if rep[i] == int32(i) {
			l.Add(k, docs[i].Sig)
			k++
		}
	}
	return LSHPairsOf(rep, l, maxBucket)
}

// accSlot is one doc's running more-like-this score and the query that
// last touched it.
type accSlot struct {
	stamp int32
	acc   float32
}

func sortEdges(es []Edge) {
	sort.Slice(es, func(i, j int) bool {
		if es[i].I != es[j].I {
			return es[i].I < es[j].I
		}
		return es[i].J < es[j].J
	})
}

func dedupEdges(es []Edge) []Edge {
	if len(es) == 0 {
		return es
	}
	out := es[:1]
	for _, e := range es[1:] {
		if e != out[len(out)-1] {
			out = append(out, e)
		}
	}
	return out
}

// MoreLikeThis finds, for every doc, the perCand docs that best match a
// disjunction of its topTerms heaviest TF-IDF terms (the more-like-this
// query of Lucene, run in memory over the batch: each query term's
// postings contribute query weight x document weight, a partial cosine).
// A term heavy in more than maxDF docs keeps the maxDF postings where it
// weighs most (ties by index), so the cost of a query stays flat as the
// corpus grows while every query term still counts. It returns
// the union of all such pairs, i < j, sorted.
//
// accept, when not nil, filters pairs (e.g. a date window) before they
// take a candidate slot.
func MoreLikeThis(docs []Doc, topTerms, perCand, maxDF int, accept func(i, j int) bool) []Edge {
	// Postings over each doc's top terms (index-side pruning).
	top := make([][]Term, len(docs))
	for i := range docs {
		top[i] = heaviest(docs[i].Terms, topTerms*2)
	}
	return moreLikeThis(top, topTerms, perCand, maxDF, accept)
}

// moreLikeThis is MoreLikeThis over each doc's 2·topTerms heaviest
// terms: the query of doc i, its topTerms heaviest, are the heaviest of
// top[i].
func moreLikeThis(top [][]Term, topTerms, perCand, maxDF int, accept func(i, j int) bool) []Edge {
	post := map[TermID][]posting{}
	for i := range top {
		for _, t := range top[i] {
			post[t.ID] = append(post[t.ID], posting{int32(i), t.W})
		}
	}
	// Impact-ordered pruning (Anh & Moffat): a term in more than maxDF
	// top lists keeps only the maxDF postings where it weighs most. Every
	// term still votes, and a query costs at most topTerms·maxDF.
	for id, ps := range post {
		if len(ps) > maxDF {
			sort.Slice(ps, func(a, b int) bool {
				if ps[a].w != ps[b].w {
					return ps[a].w > ps[b].w
				}
				return ps[a].doc < ps[b].doc
			})
			post[id] = ps[:maxDF:maxDF]
		}
	}
	workers := runtime.GOMAXPROCS(0)
	results := make([][]Edge, len(top))
	var wg sync.WaitGroup
	next := make(chan int, 64)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Scores in a dense array, with a stamp per doc marking
			// the ones touched by the current query; both in one slot,
			// so that a posting costs one cache miss, not two.
			slots := make([]accSlot, len(top))
			var touched []int32
			var best topScored
			for i := range next {
				touched = touched[:0]
				for _, t := range heaviest(top[i], topTerms) {
					ps := post[t.ID]
					if len(ps) > maxDF {
						continue
					}
					for _, p := range ps {
						if int(p.doc) == i {
							continue
						}
						sl := &slots[p.doc]
						if sl.stamp != int32(i)+1 {
							sl.stamp = int32(i) + 1
							sl.acc = 0
							touched = append(touched, p.doc)
						}
						sl.acc += t.W * p.w
					}
				}
				// The perCand best accepted (score descending, ties by
				// index): accept is asked only of those that would
				// enter the running top list, which gives the same list.
				best.reset(perCand)
				for _, j := range touched {
					c := scored{j, slots[j].acc}
					if best.admits(c) && (accept == nil || accept(i, int(j))) {
						best.add(c)
					}
				}
				cs := best.sorted()
				es := make([]Edge, len(cs))
				for k, c := range cs {
					a, b := int32(i), c.j
					if a > b {
						a, b = b, a
					}
					es[k] = Edge{a, b}
				}
				results[i] = es
			}
		}()
	}
	for i := range top {
		next <- i
	}
	close(next)
	wg.Wait()
	var out []Edge
	for _, es := range results {
		out = append(out, es...)
	}
	sortEdges(out)
	return dedupEdges(out)
}

type scored struct {
	j int32
	s float32
}

// better is the candidate order: higher score first, ties by index.
func (a scored) better(b scored) bool {
	if a.s != b.s {
		return a.s > b.s
	}
	return a.j < b.j
}

// topScored keeps the k best candidates in a heap whose root is the
// worst kept.
type topScored struct {
	k int
	h []scored
}

func (t *topScored) reset(k int) { t.k, t.h = k, t.h[:0] }

// admits reports whether c would be kept if added now.
func (t *topScored) admits(c scored) bool {
	return t.k > 0 && (len(t.h) < t.k || c.better(t.h[0]))
}

// add keeps c (call only when admits(c)), dropping the worst when full.
func (t *topScored) add(c scored) {
	if len(t.h) < t.k {
		t.h = append(t.h, c)
		for i := len(t.h) - 1; i > 0; {
			up := (i - 1) / 2
			if !t.h[up].better(t.h[i]) {
				break
			}
			t.h[up], t.h[i] = t.h[i], t.h[up]
			i = up
		}
		return
	}
	t.h[0] = c
	for i := 0; ; {
		worst, l, r := i, 2*i+1, 2*i+2
		if l < len(t.h) && t.h[worst].better(t.h[l]) {
			worst = l
		}
		if r < len(t.h) && t.h[worst].better(t.h[r]) {
			worst = r
		}
		if worst == i {
			return
		}
		t.h[i], t.h[worst] = t.h[worst], t.h[i]
		i = worst
	}
}

// sorted returns the kept candidates, best first (reusing the heap).
func (t *topScored) sorted() []scored {
	sort.Slice(t.h, func(a, b int) bool { return t.h[a].better(t.h[b]) })
	return t.h
}

type posting struct {
	doc int32
	w   float32
}

// heaviest returns the n terms of largest weight (ties by ID), unsorted
// by ID.
func heaviest(ts []Term, n int) []Term {
	if len(ts) <= n {
		return ts
	}
	c := append([]Term(nil), ts...)
	sort.Slice(c, func(i, j int) bool {
		if c[i].W != c[j].W {
			return c[i].W > c[j].W
		}
		return c[i].ID < c[j].ID
	})
	return c[:n]
}

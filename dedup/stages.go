package dedup

import (
	"fmt"
	"slices"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/index"
)

// DocFreqs counts the docs of a batch that hold each term: what the
// TF-IDF weights of [Weigh] need of the whole batch. Count the parts of
// a batch apart and [DocFreqs.Merge] them.
type DocFreqs struct {
	Docs int
	DF   map[cluster.TermID]int32
}

// Add counts d, unweighed.
func (f *DocFreqs) Add(d *cluster.Doc) {
	if f.DF == nil {
		f.DF = map[cluster.TermID]int32{}
	}
	f.Docs++
	for _, t := range d.Terms {
		f.DF[t.ID]++
	}
}

// Remove uncounts d (counted before by Add): an article replaced or
// gone. A term no doc holds any more leaves the table.
func (f *DocFreqs) Remove(d *cluster.Doc) {
	f.Docs--
	for _, t := range d.Terms {
		if f.DF[t.ID]--; f.DF[t.ID] <= 0 {
			delete(f.DF, t.ID)
		}
	}
}

// Merge adds the counts of o.
func (f *DocFreqs) Merge(o *DocFreqs) {
	if f.DF == nil {
		f.DF = make(map[cluster.TermID]int32, len(o.DF))
	}
	f.Docs += o.Docs
	for t, n := range o.DF {
		f.DF[t] += n
	}
}

// Weigh turns the raw term counts of docs into the TF-IDF vectors the
// rewrite and story levels compare, with document frequencies from the
// batch plus the background table shipped with [cluster]. f counts the
// whole batch when docs are part of it; nil counts docs themselves.
// Every doc is weighed once, after featurizing and before candidates.
func Weigh(docs []cluster.Doc, f *DocFreqs) error {
	bg, err := cluster.DefaultBackground()
	if err != nil {
		return fmt.Errorf("dedup: %w", err)
	}
	if f == nil {
		cluster.Weigh(docs, bg)
		return nil
	}
	cluster.WeighWith(docs, f.DF, f.Docs, bg)
	return nil
}

// Pairs are the candidate pairs of a batch of docs, by their indices in
// it (sorted by ID), I < J, sorted: Copy from LSH over the signatures,
// MLT from a more-like-this query per doc. Pairs of documents in no
// candidate pair are never compared.
type Pairs struct {
	Copy, MLT []cluster.Edge
	// SkippedBuckets counts LSH buckets over the size cap
	// (cluster.Options.Candidates.MaxBucket), whose pairs are not candidates.
	SkippedBuckets int
}

// Candidates returns the candidate pairs of docs, weighed and sorted by
// ID, as [Run] finds them. The more-like-this candidates depend on the
// whole batch: this stage sees every doc.
func Candidates(docs []cluster.Doc, s *Scheme, opt cluster.Options) Pairs {
	var p Pairs
	p.Copy, p.MLT, p.SkippedBuckets = cluster.CandidatePairs(docs, s.Bands, opt)
	return p
}

// PairScore is what two docs share and the scores derived from it.
type PairScore struct {
	cluster.Evidence
	// Story is the story similarity of the pair alone: within a run it
	// also counts the neighbours the two share among their candidates,
	// which only the grouping of their component knows.
	Story float64
}

// Score scores two weighed docs with opt's weights.
func Score(a, b *cluster.Doc, opt cluster.Options) PairScore {
	g := &cluster.Grouper{Docs: []cluster.Doc{*a, *b}, Opt: opt}
	return PairScore{Evidence: g.Evidence(0, 1), Story: g.StoryScore(0, 1)}
}

// Components splits the candidate graph of n docs into its connected
// components: each a sorted list of doc indices, ordered by first
// member; a doc in no pair is a component of its own. No group spans two
// components, so each can be grouped apart ([GroupComponent]).
func Components(n int, p Pairs) [][]int {
	u := newUnionFind(n)
	for _, es := range [][]cluster.Edge{p.Copy, p.MLT} {
		for _, e := range es {
			u.union(e.I, e.J)
		}
	}
	at := make(map[int32]int) // root -> its component
	var out [][]int
	for i := range n {
		r := u.find(int32(i))
		k, ok := at[r]
		if !ok {
			k = len(out)
			at[r] = k
			out = append(out, nil)
		}
		out[k] = append(out[k], i)
	}
	return out
}

// unionFind is a forest of the docs of a batch, each tree a connected
// component rooted at its smallest member.
type unionFind []int32

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = int32(i)
	}
	return u
}

// find returns i's root, halving the path on the way.
func (u unionFind) find(i int32) int32 {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

// union joins the trees of i and j.
func (u unionFind) union(i, j int32) {
	a, b := u.find(i), u.find(j)
	if a < b {
		a, b = b, a
	}
	u[a] = b
}

// Within returns the pairs among members (sorted doc indices, such as a
// component), renumbered by their place in members.
func (p Pairs) Within(members []int) Pairs {
	local := func(es []cluster.Edge) []cluster.Edge {
		var out []cluster.Edge
		for _, e := range es {
			i, ok := slices.BinarySearch(members, int(e.I))
			if !ok {
				continue
			}
			if j, ok := slices.BinarySearch(members, int(e.J)); ok {
				out = append(out, cluster.Edge{I: int32(i), J: int32(j)})
			}
		}
		return out
	}
	return Pairs{Copy: local(p.Copy), MLT: local(p.MLT)}
}

// GroupComponent groups the docs of one connected component of the
// candidate graph (weighed, sorted by ID) given the pairs among them
// (numbered by their place in docs, see [Pairs.Within]) and returns each
// doc's groups, in the order of docs. Group labels name a group by its
// first member's ID, so they are those of grouping the whole batch.
func GroupComponent(docs []cluster.Doc, p Pairs, opt cluster.Options) ([]index.Assignment, error) {
	r, err := cluster.Group(docs, p.Copy, p.MLT, opt)
	if err != nil {
		return nil, fmt.Errorf("dedup: %w", err)
	}
	return assignments(docs, r.Labels), nil
}

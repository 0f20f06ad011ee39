package cluster

import (
	"fmt"
	"time"
)

// This file holds what a distributed run needs to group the batch piece
// by piece with the same result as [Run]: the pieces of Run that depend
// on one article or one pair, and the grouping of one connected part of
// the candidate graph.
//
// Average link at threshold t merges two clusters only when the mean of
// their cross similarities reaches t, so only when some cross pair scores
// at least t. Grouping separately each connected component of the graph
// whose edges are the pairs that reach their level's threshold therefore
// gives the groups of Run, as long as the pairs that do are candidates
// (Run also scores pairs that are not, inside small clusters).

// NewGrouper returns a grouper over docs (sorted by ID, weighed) with the
// shared-neighbour lists nn: nn[i] holds doc i's neighbours as indices
// into docs, sorted, doc i included (see [Options].Neighbours). docs may
// hold articles that are only someone's neighbour: their features are
// not read, but their place in the ID order keeps the story vectors'
// coordinates in the order Run gives them. nil nn turns the
// shared-neighbour part of the story score off, as in a run without
// candidates.
func NewGrouper(docs []Doc, nn [][]int32, opt Options) (*Grouper, error) {
	if nn != nil && len(nn) != len(docs) {
		return nil, fmt.Errorf("cluster: %d neighbour lists for %d docs", len(nn), len(docs))
	}
	if nn == nil {
		nn = make([][]int32, len(docs))
		for i := range nn {
			nn[i] = []int32{int32(i)}
		}
	}
	return &Grouper{Docs: docs, Opt: opt, nn: nn}, nil
}

// Group groups the grouper's docs at every level as [Run] does, given
// the LSH candidate pairs (copy level) and the more-like-this ones (the
// rewrite and story levels compare both), each i < j, and returns the
// labels of each level (see [Result].Labels). With Options.CopyOnly the
// rewrite and story labels are the copy labels.
func (g *Grouper) Group(copyPairs, mltPairs []Edge) [3][]int {
	r := &Result{Docs: g.Docs, CopyPairs: copyPairs, MLTPairs: mltPairs, Grouper: g}
	g.group(r, func(string) {})
	return r.Labels
}

// InWindow reports whether the date window keeps two articles published
// at a and b together, as [Run] decides it: a zero time is no date, and
// articles without a date are never kept apart.
func InWindow(a, b time.Time, window time.Duration) bool {
	if window <= 0 || a.IsZero() || b.IsZero() {
		return true
	}
	d := a.Unix() - b.Unix()
	if d < 0 {
		d = -d
	}
	return d <= int64(window/time.Second)
}

// Heaviest returns the n terms of largest weight (ties by ID) of a doc's
// vector, in that order when it holds more than n, else the vector as it
// is: the query and the postings of [MoreLikeThis] (n = TopTerms, and
// 2·TopTerms for the postings).
func Heaviest(ts []Term, n int) []Term { return heaviest(ts, n) }

// MaxDF is the length of a more-like-this term's postings in a batch of n
// articles.
func MaxDF(n int) int { return maxDF(n) }

// ShingleHash returns the hash of a shingle set by which the copy level
// finds exact duplicates ([LSHPairs]): equal sets have equal hashes, so
// grouping docs by it and calling [ExactClasses] on each group finds
// every exact duplicate.
func ShingleHash(shingles []uint32) uint64 {
	h, _ := shingleHash(nil, shingles)
	return h
}

// ExactClasses returns each doc's exact-duplicate representative as
// [LSHPairs] and the copy level find them (the index of the first doc with
// the same non-empty shingle set within opt.Window, or the doc's own):
// docs, sorted by ID, need only ID, Shingles and Published. The
// representatives of a class depend only on its own members, so each
// group of docs of one [ShingleHash] can be classed on its own.
func ExactClasses(docs []Doc, opt Options) []int32 {
	return (&Grouper{Docs: docs, Opt: opt}).exactClasses()
}

package dedup

import (
	"errors"
	"fmt"
	"slices"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/index"
)

// Delete removes the articles ids from ix and from its groups
// ([index.Index.Delete]) and keeps the index's incremental state true to
// what is left, so that the next [Update] need not regroup the whole
// index: the deleted articles leave the document frequencies and the
// more-like-this postings, and the other members of their story groups
// are listed in replaced.bin with the version the counts hold, so that
// the next run regroups those groups (an article deleted may have been
// the one that joined two others). When the state does not describe the
// index's groups (none was written, or a run that did not regroup left it
// behind), the state is left as it is and the next run regroups the
// whole index, as it would have. It returns the IDs deleted (sorted) and
// those the index did not hold (in the order given).
func Delete(ix *index.Index, ids []string) (deleted, missing []string, err error) {
	inc, err := openIncremental(ix)
	if err != nil {
		return nil, nil, err
	}
	if inc == nil {
		return ix.Delete(ids)
	}
	held := make([]string, 0, len(ids))
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		if ok, err := ix.Has(id); err != nil {
			return nil, nil, err
		} else if ok {
			held = append(held, id)
		}
	}
	if len(held) == 0 {
		return ix.Delete(ids)
	}
	slices.Sort(held)
	gone := func(id string) bool { _, ok := slices.BinarySearch(held, id); return ok }
	// The remaining members of the deleted articles' story groups are
	// regrouped by the next run, as replaced by the version counted.
	var labels []string
	for _, id := range held {
		if a, ok := inc.g.Assignment(id); ok {
			labels = append(labels, a.Story)
		}
	}
	for _, ms := range inc.g.MembersOf(cluster.Story, labels) {
		for _, m := range ms {
			if gone(m) {
				continue
			}
			if _, ok := inc.rp.feats[m]; ok {
				continue
			}
			f, err := inc.counted(m)
			if err != nil {
				return nil, nil, err
			}
			inc.rp.feats[m] = f
		}
	}
	// The deleted articles leave the counts (the version the counts
	// hold: an article replaced since the last run is in replaced.bin).
	for _, id := range held {
		if _, ok := inc.g.Assignment(id); !ok {
			continue // indexed since the last run: never counted
		}
		f, ok := inc.rp.feats[id]
		if !ok {
			if f, err = inc.counted(id); err != nil {
				return nil, nil, err
			}
		}
		d, err := parseCounted(f)
		if err != nil {
			return nil, nil, fmt.Errorf("dedup: features of %s: %w", id, err)
		}
		inc.st.freqs.Remove(&d)
		delete(inc.rp.feats, id)
	}
	// replaced.bin goes first, marked incomplete: a write stopped before
	// the rest makes the next run a full one.
	inc.rp.complete = false
	if err := ix.WriteState(replacedFile, inc.rp.encode()); err != nil {
		return nil, nil, err
	}
	if deleted, missing, err = ix.Delete(ids); err != nil {
		return nil, nil, err
	}
	remap := make([]int32, len(inc.post.ids))
	ids2 := make([]string, 0, len(inc.post.ids))
	unix := make([]int64, 0, len(inc.post.ids))
	for k, id := range inc.post.ids {
		if gone(id) {
			remap[k] = -1
			continue
		}
		remap[k] = int32(len(ids2))
		ids2, unix = append(ids2, id), append(unix, inc.post.unix[k])
	}
	post := inc.post.merge(ids2, unix, remap, nil, inc.post.topTerms, inc.post.keep)
	if err := writePostings(ix, post); err != nil {
		return nil, nil, err
	}
	if err := writeState(ix, &inc.st.freqs, inc.st.fullDocs); err != nil {
		return nil, nil, err
	}
	if inc.rp.digest, err = ix.GroupsDigest(); err != nil {
		return nil, nil, err
	}
	inc.rp.complete = true
	if err := ix.WriteState(replacedFile, inc.rp.encode()); err != nil {
		return nil, nil, err
	}
	return deleted, missing, nil
}

// incremental is an index's state for incremental runs, read whole.
type incremental struct {
	ix     *index.Index
	g      *index.Grouping
	st     *state
	post   *postings
	rp     *replacedSet
	scheme *Scheme
}

// openIncremental reads ix's incremental state, nil when it does not
// describe the index's groups (the next run regroups the whole index).
func openIncremental(ix *index.Index) (*incremental, error) {
	if !ix.HasFeatures() {
		return nil, nil
	}
	st, err := readState(ix)
	if errors.Is(err, errDamagedState) {
		return nil, nil // the next run regroups the whole index, and says why
	}
	if err != nil || st == nil || st.earlier {
		return nil, err
	}
	g, err := ix.Grouping()
	if errors.Is(err, index.ErrGroupsDamaged) {
		return nil, nil // the next run regroups the whole index
	}
	if err != nil {
		return nil, err
	}
	d := g.Digest()
	if st.digest != d {
		return nil, nil
	}
	raw, err := ix.ReadState(postingsFile)
	if err != nil || raw == nil {
		return nil, err
	}
	post, err := decodePostings(raw)
	if errors.Is(err, errDamagedState) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if post.digest != d {
		return nil, nil
	}
	rp, err := extendReplaced(ix, d)
	if errors.Is(err, errDamagedState) {
		return nil, nil
	}
	if err != nil || rp == nil {
		return nil, err
	}
	s, err := SchemeOf(ix.Meta())
	if err != nil {
		return nil, err
	}
	return &incremental{ix: ix, g: g, st: st, post: post, rp: rp, scheme: s}, nil
}

// counted returns the features of the version of id the index holds,
// which the counts hold for an article not replaced since the last run.
func (inc *incremental) counted(id string) ([]byte, error) {
	e, err := inc.ix.Get(id)
	if errors.Is(err, index.ErrNoID) {
		return nil, fmt.Errorf("dedup: grouped article %s is not in the index", id)
	}
	if err != nil {
		return nil, fmt.Errorf("dedup: %w", err)
	}
	if e.Features != nil {
		return e.Features, nil
	}
	d := inc.scheme.NewFeaturizer().Doc(&e.Article)
	f, err := AppendFeatures(nil, &d)
	if err != nil {
		return nil, fmt.Errorf("dedup: features of %s: %w", id, err)
	}
	return f, nil
}

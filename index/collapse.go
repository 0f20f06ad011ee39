package index

import (
	"context"

	"github.com/blevesearch/bleve/v2/search"

	"github.com/wirediff/wirediff/cluster"
)

// GroupHit is the best hit of one group of a [Grouping]: what a search
// collapsed by group lists.
type GroupHit struct {
	Hit
	Group     string // the group's label at the level collapsed by
	GroupSize int
}

// GroupResults is a page of a search collapsed by group.
type GroupResults struct {
	Hits   int // hits in all, not only this page's
	Groups int // the groups those hits are in: what the pages page over
	Page   []GroupHit
}

// collapsePage is the number of hits read at a time by SearchGroups.
const collapsePage = 200

// SearchGroups runs q collapsed by group: it pages through the hits of q
// keeping the best hit of each group of g at level l, and returns the
// number of hits and of groups they are in, and the groups q.From to
// q.From+q.Size, each with its best hit highlighted with marks. An
// article g does not group is a group of its own.
func (ix *Index) SearchGroups(q Query, g *Grouping, l cluster.Level, marks Marks) (GroupResults, error) {
	offset, limit := q.From, q.Size
	seen := map[string]bool{}
	var best []Hit
	var out GroupResults
	read := 0
	q.Size = collapsePage
	// offset+limit may overflow: a page from offset as long as limit is
	// filled when len(best)-offset reaches limit.
	// An article g does not group is keyed apart from the groups: its
	// label may be that of a group of others (one whose first member it
	// was, deleted and indexed again).
	key := func(id string) string {
		if a, ok := g.Assignment(id); ok {
			return a.Label(l)
		}
		return "\x00" + id
	}
	for q.From = 0; len(best)-offset < limit; q.From += collapsePage {
		res, err := ix.Search(q)
		if err != nil {
			return GroupResults{}, err
		}
		out.Hits = res.Total
		read += len(res.Hits)
		for _, h := range res.Hits {
			if k := key(h.ID); !seen[k] {
				seen[k] = true
				best = append(best, h)
			}
		}
		if len(res.Hits) < collapsePage {
			break
		}
	}
	if read < out.Hits {
		// The page is filled before the last hit: the groups of the
		// hits not read are counted from their IDs alone.
		if err := ix.eachID(q, func(id string) { seen[key(id)] = true }); err != nil {
			return GroupResults{}, err
		}
	}
	out.Groups = len(seen)
	for i := offset; i < len(best) && i-offset < limit; i++ {
		h := GroupHit{Hit: best[i]}
		if err := ix.Highlight(&h.Hit, marks, 0); err != nil {
			return GroupResults{}, err
		}
		h.Group, h.GroupSize = g.Group(h.ID, l)
		out.Page = append(out.Page, h)
	}
	return out, nil
}

// eachID calls fn with the ID of every article q matches, in no
// particular order. It runs q's searcher itself, unscored, reading no
// stored field but the ID: bleve's search would collect every hit to
// sort them, taking twice the time and memory.
func (ix *Index) eachID(q Query, fn func(id string)) (err error) {
	defer ix.guard(&err)
	bq, err := ix.prepare(q)
	if err != nil {
		return err
	}
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return err
	}
	r, err := adv.Reader()
	if err != nil {
		return err
	}
	defer r.Close()
	ctx := context.Background()
	s, err := bq.Searcher(ctx, r, ix.bleve.Mapping(), search.SearcherOptions{Score: "none"})
	if err != nil {
		return searchError(q.Text, err)
	}
	defer s.Close()
	sc := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)}
	for {
		m, err := s.Next(sc)
		if err != nil {
			return searchError(q.Text, err)
		}
		if m == nil {
			return nil
		}
		id, err := r.ExternalID(m.IndexInternalID)
		if err != nil {
			return searchError(q.Text, err)
		}
		fn(id)
		sc.DocumentMatchPool.Put(m)
	}
}

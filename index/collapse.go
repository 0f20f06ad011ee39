package index

import "github.com/wirediff/wirediff/cluster"

// GroupHit is the best hit of one group of a [Grouping]: what a search
// collapsed by group lists.
type GroupHit struct {
	Hit
	Group     string // the group's label at the level collapsed by
	GroupSize int
}

// collapsePage is the number of hits read at a time by SearchGroups.
const collapsePage = 200

// SearchGroups runs q collapsed by group: it pages through the hits of q
// keeping the best hit of each group of g at level l, and returns the
// total number of hits and the groups q.From to q.From+q.Size, each with
// its best hit highlighted with marks. An article g does not group is a
// group of its own.
func (ix *Index) SearchGroups(q Query, g *Grouping, l cluster.Level, marks Marks) (int, []GroupHit, error) {
	offset, limit := q.From, q.Size
	seen := map[string]bool{}
	var best []Hit
	total := 0
	q.Size = collapsePage
	// offset+limit may overflow: a page from offset as long as limit is
	// filled when len(best)-offset reaches limit.
	for q.From = 0; len(best)-offset < limit; q.From += collapsePage {
		res, err := ix.Search(q)
		if err != nil {
			return 0, nil, err
		}
		total = res.Total
		for _, h := range res.Hits {
			lab, _ := g.Group(h.ID, l)
			if !seen[lab] {
				seen[lab] = true
				best = append(best, h)
			}
		}
		if len(res.Hits) < collapsePage {
			break
		}
	}
	var out []GroupHit
	for i := offset; i < len(best) && i-offset < limit; i++ {
		h := GroupHit{Hit: best[i]}
		if err := ix.Highlight(&h.Hit, marks, 0); err != nil {
			return 0, nil, err
		}
		h.Group, h.GroupSize = g.Group(h.ID, l)
		out = append(out, h)
	}
	return total, out, nil
}

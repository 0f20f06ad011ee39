package listing

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/index"
)

// Search is the JSON document of search (docs/schema/search.json): the
// query, the total of what Offset and Limit page over (hits, or groups
// when collapsed) and the page of them listed.
type Search struct {
	Query string `json:"query"`
	Total int    `json:"total"`
	// TotalHits, when collapsed, is the number of hits in the Total
	// groups.
	TotalHits *int   `json:"total_hits,omitempty"`
	Offset    int    `json:"offset"`
	Limit     int    `json:"limit"`
	Collapse  string `json:"collapse,omitempty"`
	Hits      []Hit  `json:"hits"`
	// MaxTerms is the query's bound on its expansion (index.Query.MaxTerms;
	// 0 for the index handle's); not listed.
	MaxTerms int `json:"-"`
}

// The marks around the matched terms of a table's passages: guillemets,
// or bold yellow on a terminal that shows ANSI colours.
var (
	Guillemets = index.Marks{Before: "«", After: "»"}
	ANSIMarks  = index.Marks{Before: "\x1b[1;33m", After: "\x1b[0m"}
)

// TableMarks returns the marks of a table whose colour setting is color:
// "always" ANSI colours, "never" guillemets, "auto" ANSI colours on a
// terminal only. Another setting is an error.
func TableMarks(color string, terminal bool) (index.Marks, error) {
	switch color {
	case "always":
		return ANSIMarks, nil
	case "never":
		return Guillemets, nil
	case "auto":
		if terminal {
			return ANSIMarks, nil
		}
		return Guillemets, nil
	}
	return index.Marks{}, fmt.Errorf("color %q: want auto, always or never", color)
}

// Write writes the hits in format f.
func (s *Search) Write(w io.Writer, f Format) error {
	l := &List{Doc: s, Columns: HitColumns, Table: s.table}
	for _, h := range s.Hits {
		l.Records = append(l.Records, h)
		l.Rows = append(l.Rows, h.Cells())
	}
	return l.Write(w, f)
}

// table writes each hit as a numbered line of its ID (or group), outlet,
// time and relevance, with its title and matching passage beneath.
func (s *Search) table(w io.Writer) error {
	bw := &ErrWriter{W: w}
	for _, h := range s.Hits {
		meta := []string{h.ID}
		if s.Collapse != "" && h.Group != "" {
			meta = []string{fmt.Sprintf("%s (%s)", h.Group, Plural(h.GroupSize, "article")), "best " + h.ID}
		} else if s.Collapse != "" {
			meta = []string{h.ID + " (not grouped yet)"}
		}
		for _, x := range []string{h.Outlet, h.Published} {
			if x != "" {
				meta = append(meta, x)
			}
		}
		meta = append(meta, fmt.Sprintf("relevance %.3f", h.Relevance))
		if s.Collapse == "" && h.GroupSize > 1 {
			// A group of one says nothing a reader needs.
			meta = append(meta, fmt.Sprintf("in %s (%s)", h.Group, Plural(h.GroupSize, "article")))
		}
		fmt.Fprintf(bw, "%d. %s\n", h.Rank, strings.Join(meta, "  "))
		if h.TitleDerived {
			fmt.Fprintf(bw, "   ~ %s\n", h.Title)
		} else if h.Title != "" {
			fmt.Fprintf(bw, "   %s\n", h.Title)
		}
		if h.Fragment != "" {
			fmt.Fprintf(bw, "   %s\n", h.Fragment)
		}
	}
	return bw.Err
}

// Searcher is what [Search.Run] reads of an index; [*index.Index] has it.
type Searcher interface {
	Search(index.Query) (*index.Results, error)
	SearchGroups(index.Query, *index.Grouping, cluster.Level, index.Marks) (index.GroupResults, error)
}

// Run searches ix for s.Query with filter, s.Offset and s.Limit, passages
// highlighted with marks, and sets s.Total and s.Hits: one hit per group
// at level when s.Collapse names it (s.Total counting the groups, and
// s.TotalHits their hits), else hit by hit, each with its group
// at level in groups (none for an article the grouping does not hold: one
// indexed since, or every article when groups is nil or empty). Collapsed,
// such an article is a hit of its own, with no group either.
func (s *Search) Run(ix Searcher, filter index.Filter, marks index.Marks, groups *index.Grouping, level cluster.Level) error {
	q := index.Query{Text: s.Query, Filter: filter, From: s.Offset, Size: s.Limit, MaxTerms: s.MaxTerms}
	s.Hits = []Hit{}
	if s.Collapse == "" || groups == nil {
		q.Marks = &marks
		res, err := ix.Search(q)
		if err != nil {
			return err
		}
		s.Total = res.Total
		for k, h := range res.Hits {
			s.Hits = append(s.Hits, NewHit(s.Offset+k+1, h))
		}
		if groups != nil && groups.Len() > 0 {
			s.setGroups(groups, level)
		}
		return nil
	}
	res, err := ix.SearchGroups(q, groups, level, marks)
	if err != nil {
		return err
	}
	s.Total, s.TotalHits = res.Groups, &res.Hits
	for k, h := range res.Page {
		o := NewHit(s.Offset+k+1, h.Hit)
		if _, ok := groups.Assignment(h.ID); ok {
			o.Group, o.GroupSize = h.Group, h.GroupSize
		}
		s.Hits = append(s.Hits, o)
	}
	return nil
}

// setGroups gives each hit its group at level l in g and the group's
// size: a pass over the groups for the page's labels, not an index of
// every group.
func (s *Search) setGroups(g *index.Grouping, l cluster.Level) {
	labels := make([]string, len(s.Hits))
	for k, h := range s.Hits {
		if a, ok := g.Assignment(h.ID); ok {
			labels[k] = a.Label(l)
		}
	}
	members := g.MembersOf(l, slices.DeleteFunc(slices.Clone(labels), func(lab string) bool { return lab == "" }))
	for k := range s.Hits {
		if labels[k] != "" {
			s.Hits[k].Group, s.Hits[k].GroupSize = labels[k], len(members[labels[k]])
		}
	}
}

// Summary is the line search prints on stderr after a table: the hits,
// which were shown, and took, the time the search took.
func (s *Search) Summary(took time.Duration) string {
	what := "hits"
	if s.Collapse != "" {
		what = s.Collapse + " groups"
	}
	shown := fmt.Sprintf("%s %d-%d shown", what, s.Offset+1, s.Offset+len(s.Hits))
	if len(s.Hits) == 0 {
		shown = "none shown"
		if s.Total > 0 {
			shown = fmt.Sprintf("none shown past --offset %d", s.Offset)
		}
	}
	found := Plural(s.Total, "hit")
	if s.TotalHits != nil {
		found = fmt.Sprintf("%s in %s", Plural(*s.TotalHits, "hit"), Plural(s.Total, s.Collapse+" group"))
	}
	return fmt.Sprintf("wirediff: %s; %s; %s", found, shown, took.Round(time.Millisecond))
}

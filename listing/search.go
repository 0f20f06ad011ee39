package listing

import (
	"fmt"
	"io"
	"strings"
)

// Search is the JSON document of search (docs/schema/search.json): the
// query, the total of hits and the page of them listed.
type Search struct {
	Query    string `json:"query"`
	Total    int    `json:"total"`
	Offset   int    `json:"offset"`
	Limit    int    `json:"limit"`
	Collapse string `json:"collapse,omitempty"`
	Hits     []Hit  `json:"hits"`
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
		if h.Group != "" {
			meta = []string{fmt.Sprintf("%s (%s)", h.Group, Plural(h.GroupSize, "article")), "best " + h.ID}
		}
		for _, x := range []string{h.Outlet, h.Published} {
			if x != "" {
				meta = append(meta, x)
			}
		}
		meta = append(meta, fmt.Sprintf("relevance %.3f", h.Relevance))
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

package listing

import (
	"fmt"
	"github.com/wirediff/wirediff/internal/table"
	"io"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/neardup"
)

// Query is a query article of similar: an element of the JSON document's
// "queries", with its near-duplicates.
type Query struct {
	Article
	Indexed    bool `json:"indexed"`
	Candidates int  `json:"candidates"` // candidates scored
	// AddedTo is where the article went with similar --add.
	AddedTo *index.Assignment `json:"added_to,omitempty"`
	// Near are its near-duplicates, best first (listed apart in JSON).
	Near []Near `json:"-"`
}

// GroupOf gives an article's group at a level, as [*index.Grouping]
// does.
type GroupOf interface {
	Group(id string, l cluster.Level) (string, int)
}

// NewQuery is q with its near-duplicates near as similar lists them:
// each with its group in groups at the level it joins and up to passages
// shared passages.
func NewQuery(q *neardup.Query, near neardup.Near, groups GroupOf, passages int) Query {
	o := Query{Article: NewArticle(&q.Article), Indexed: q.Indexed, Candidates: near.Candidates, AddedTo: near.Added}
	for _, h := range near.Hits {
		group := ""
		if h.Joins {
			group, _ = groups.Group(h.ID, h.Level)
		}
		o.Near = append(o.Near, NewNear(&q.Article, h, group, passages))
	}
	return o
}

// Nearer finds the near-duplicates of a query; [*neardup.Finder] does.
type Nearer interface {
	Near(*neardup.Query, neardup.NearOptions) (neardup.Near, error)
}

// Similar finds the near-duplicates of each of qs with f, as opt says,
// in order (with opt.Add, each query is placed and indexed before the
// next is looked up, so that new articles can find one another), and
// lists them as [NewQuery] does, with their groups in groups as they are
// once the query is placed. found says whether any query has one.
func Similar(f Nearer, qs []neardup.Query, opt neardup.NearOptions, groups GroupOf, passages int) (_ []Query, found bool, err error) {
	out := make([]Query, 0, len(qs))
	for i := range qs {
		near, err := f.Near(&qs[i], opt)
		if err != nil {
			return nil, false, err
		}
		out = append(out, NewQuery(&qs[i], near, groups, passages))
		found = found || len(near.Hits) > 0
	}
	return out, found, nil
}

// WriteSimilar writes the near-duplicates of every query in format f:
// the JSON document lists the queries and, apart, every near-duplicate
// (the JSON lines and rows), each naming its query.
func WriteSimilar(w io.Writer, f Format, qs []Query) error {
	doc := struct {
		Queries []Query `json:"queries"`
		Similar []Near  `json:"similar"`
	}{qs, []Near{}}
	l := &List{Doc: &doc, Columns: NearColumns, Table: func(w io.Writer) error { return similarTable(w, qs) }}
	for _, q := range qs {
		for _, n := range q.Near {
			doc.Similar = append(doc.Similar, n)
			l.Records = append(l.Records, n)
			l.Rows = append(l.Rows, n.Cells())
		}
	}
	return l.Write(w, f)
}

// similarTable writes, per query, a line on it, the table of its
// near-duplicates and their shared passages.
func similarTable(w io.Writer, qs []Query) error {
	bw := &ErrWriter{W: w}
	for k, o := range qs {
		if k > 0 {
			fmt.Fprintln(bw)
		}
		fmt.Fprintf(bw, "Similar to %s", joinNonEmpty("  ", o.ID, o.Outlet, o.Published))
		if o.TitleDerived {
			fmt.Fprintf(bw, "  ~ “%s”", Truncate(o.Title, 70))
		} else if o.Title != "" {
			fmt.Fprintf(bw, "  “%s”", Truncate(o.Title, 70))
		}
		fmt.Fprintf(bw, ": %s among %s\n", Plural(len(o.Near), "near-duplicate"), Plural(o.Candidates, "candidate"))
		if o.AddedTo != nil {
			fmt.Fprintf(bw, "Added to %s, %s, %s\n", o.AddedTo.Copy, o.AddedTo.Rewrite, o.AddedTo.Story)
		}
		if len(o.Near) == 0 {
			continue
		}
		fmt.Fprintln(bw)
		tw := table.NewWriter(bw, 0)
		fmt.Fprintf(tw, "LEVEL\tSCORE\tID\tOUTLET\tPUBLISHED\tJACCARD\tREWRITE\tSTORY\tFIGURES\tGROUP\tTITLE\n")
		for _, h := range o.Near {
			lvl := h.Level
			if lvl == "" {
				lvl = "-"
			}
			title := Article{Title: Truncate(h.Title, 50), TitleDerived: h.TitleDerived}.ShownTitle(60)
			fmt.Fprintf(tw, "%s\t%.3f\t%s\t%s\t%s\t%.3f\t%.3f\t%.3f\t%s\t%s\t%s\n", lvl, h.Score, h.ID, h.Outlet, h.Published,
				h.Evidence.Jaccard, h.Evidence.Rewrite, h.Story, Figures(h.Evidence), h.Group, title)
		}
		tw.Flush()
		first := true
		for _, h := range o.Near {
			if len(h.Passages) == 0 {
				continue
			}
			if first {
				fmt.Fprintf(bw, "\nShared passages:\n")
				first = false
			}
			fmt.Fprintf(bw, "  %s\n", h.ID)
			for _, p := range h.Passages {
				fmt.Fprintf(bw, "    “%s”\n", Truncate(p, 160))
			}
		}
	}
	return bw.Err
}

// NewNear is h, a near-duplicate of q, as listed: with group, its group
// at the level it joins ("" when it joins none), and up to passages
// shared passages, whitespace collapsed.
func NewNear(q *corpus.Article, h neardup.Hit, group string, passages int) Near {
	out := Near{Query: q.ID, Article: NewArticle(h.Article), Score: Score(h.Score),
		Story: Score(h.Story), Evidence: RoundEvidence(h.Evidence), Group: group}
	if h.Joins {
		out.Level = h.Level.String()
	}
	out.Passages = Passages(cluster.SharedPassages(q, h.Article, passages))
	return out
}

// Figures shows the numbers two articles share of those of the one that
// gives fewer ("3/12"), marked when the check of figures keeps them from
// being copies or rewrites ("1/12 differ"; see [cluster.Figures]); "-"
// when either gives none.
func Figures(e cluster.Evidence) string {
	if e.FewerFigures == 0 {
		return "-"
	}
	s := fmt.Sprintf("%d/%d", e.SharedFigures, e.FewerFigures)
	if e.FiguresDiffer {
		s += " differ"
	}
	return s
}

package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/pflag"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/index"
)

const explainUsage = `Usage: wirediff explain [flags] A B

Says why two indexed articles share a group, or do not, at each level:
the pair's score against the level's threshold (the word-shingle Jaccard
at copy level, the rewrite score, the story similarity), the groups each
is in, and the evidence item by item: the names and numbers both hold,
the quotations they share and the passages of wording they share, with
their byte offsets in both texts.

The scores are computed for the pair alone, as 'wirediff similar' scores
a candidate. Grouping is by average link, so a pair can pass a level's
threshold and still sit in two groups (its groups as wholes are further
apart), or fall short and share a group (joined through other members).

Examples:
  wirediff dedup testdata/seeds
  wirediff explain 000_4bd703d3e122696c 002_ac49a336ca4eb3e9
  wirediff explain --format json 000_4bd703d3e122696c 002_ac49a336ca4eb3e9
`

// explainItems bounds each list of shared items in the table.
const explainItems = 10

func cmdExplain(e *env, args []string) error {
	fs := pflag.NewFlagSet("explain", pflag.ContinueOnError)
	dir := fs.String("index", index.DefaultDir, "index directory")
	format := fs.StringP("format", "f", "table", "output format: table or json")
	if err := parseFlags(e, fs, explainUsage, args); err != nil {
		return err
	}
	if *format != "table" && *format != "json" {
		return usagef("--format %q: want table or json", *format)
	}
	if fs.NArg() != 2 {
		return usagef("explain: want two article IDs, got %d", fs.NArg())
	}
	a, b := fs.Arg(0), fs.Arg(1)
	if a == b {
		return usagef("explain: %q given twice: name two different articles", a)
	}
	ix, err := openIndex(*dir)
	if err != nil {
		return err
	}
	defer ix.Close()
	ex, err := explainPair(ix, a, b)
	if err != nil {
		return err
	}
	if *format == "json" {
		if err := newJSONEncoder(e.stdout, true).Encode(ex); err != nil {
			return fmt.Errorf("explain: writing JSON: %w", err)
		}
		return nil
	}
	return ex.writeTable(e.stdout)
}

// explanation is the output of 'wirediff explain'.
type explanation struct {
	A        explainArticle   `json:"a"`
	B        explainArticle   `json:"b"`
	Levels   []explainLevel   `json:"levels"`
	Evidence cluster.Evidence `json:"evidence"`
	Shared   cluster.Shared   `json:"shared"`
}

type explainArticle struct {
	ID        string            `json:"id"`
	Outlet    string            `json:"outlet,omitempty"`
	Title     string            `json:"title,omitempty"`
	Published string            `json:"published,omitempty"`
	URL       string            `json:"url,omitempty"`
	Groups    map[string]string `json:"groups,omitempty"` // level → label, from the last grouping run
}

type explainLevel struct {
	Level     string  `json:"level"`
	Score     float64 `json:"score"`
	Threshold float64 `json:"threshold"`
	// Passes: the pair's score reaches the threshold.
	Passes bool `json:"passes"`
	// SameGroup: the last grouping run put both in one group at this
	// level (false when either is ungrouped).
	SameGroup bool   `json:"same_group"`
	Why       string `json:"why"`
}

func explainPair(ix *index.Index, idA, idB string) (*explanation, error) {
	ea, err := ix.Get(idA)
	if err != nil {
		return nil, cliError{err, 2}
	}
	eb, err := ix.Get(idB)
	if err != nil {
		return nil, cliError{err, 2}
	}
	f, err := newFinder(ix)
	if err != nil {
		return nil, err
	}
	hits, err := f.Score(&ea.Article, true, []string{idB})
	if err != nil {
		return nil, err
	}
	h := hits[0]
	as, err := ix.Groups()
	if err != nil {
		return nil, cliError{err, 2}
	}
	ex := &explanation{Evidence: h.Evidence, Shared: cluster.SharedItems(&ea.Article, &eb.Article, 0)}
	ga, okA := as[idA]
	gb, okB := as[idB]
	ex.A = describeArticle(ea, ga, okA)
	ex.B = describeArticle(eb, gb, okB)
	opt := cluster.DefaultOptions()
	for l := cluster.Copy; l <= cluster.Story; l++ {
		lv := explainLevel{Level: l.String(), Score: h.Sims[l], Threshold: opt.Thresholds.At(l)}
		lv.Passes = lv.Score >= lv.Threshold
		la, lb := ex.A.Groups[l.String()], ex.B.Groups[l.String()]
		lv.SameGroup = okA && okB && la == lb
		lv.Why = levelWhy(lv, la, lb, okA && okB)
		ex.Levels = append(ex.Levels, lv)
	}
	return ex, nil
}

func describeArticle(e index.Entry, as index.Assignment, grouped bool) explainArticle {
	a := e.Article
	out := explainArticle{ID: a.ID, Outlet: a.Outlet, Title: a.Title, Published: dateString(a.Published), URL: a.URL}
	if grouped {
		out.Groups = map[string]string{"copy": as.Copy, "rewrite": as.Rewrite, "story": as.Story}
	}
	return out
}

// levelWhy says in words how the pair's score and the groups agree.
func levelWhy(lv explainLevel, la, lb string, grouped bool) string {
	cmp := "below"
	if lv.Passes {
		cmp = "at or above"
	}
	s := fmt.Sprintf("the pair's %s score %.3f is %s the threshold %g", lv.Level, lv.Score, cmp, lv.Threshold)
	switch {
	case !grouped:
		return s + "; the index holds no grouping of both (run 'wirediff dedup')"
	case lv.SameGroup && lv.Passes:
		return s + "; both are in " + la
	case lv.SameGroup:
		return s + "; both are in " + la + ", joined through other members (average link)"
	case lv.Passes:
		return s + fmt.Sprintf("; they are in %s and %s: their groups as wholes fall short (average link)", la, lb)
	}
	return s + fmt.Sprintf("; they are in %s and %s", la, lb)
}

func (ex *explanation) writeTable(w io.Writer) error {
	var b strings.Builder
	for _, x := range []struct {
		tag string
		a   explainArticle
	}{{"A", ex.A}, {"B", ex.B}} {
		fmt.Fprintf(&b, "%s  %s  %s  %s  %s\n", x.tag, x.a.ID, orNone(x.a.Outlet), orNone(x.a.Published), orNone(x.a.Title))
	}
	b.WriteString("\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "level\tscore\tthreshold\tpair passes\tsame group\twhy")
	for _, lv := range ex.Levels {
		fmt.Fprintf(tw, "%s\t%.3f\t%g\t%s\t%s\t%s\n", lv.Level, lv.Score, lv.Threshold, yesNo(lv.Passes), yesNo(lv.SameGroup), lv.Why)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("explain: %w", err)
	}
	e := ex.Evidence
	fmt.Fprintf(&b, "\nevidence: word-shingle Jaccard %.3f; TF-IDF cosine %.3f; names and numbers %d shared (share %.3f); quoted 4-word shingles %d shared (share %.3f); own wording share %.3f; weekday agreement %.2f; rewrite score %.3f\n",
		e.Jaccard, e.Cosine, e.SharedNames, e.NameShare, e.SharedQuotes, e.QuoteShare, e.PassageShare, e.DayAgreement, e.Rewrite)
	s := ex.Shared
	fmt.Fprintf(&b, "\nshared names and numbers (%d): %s\n", len(s.Names), listOrNone(s.Names, 3*explainItems))
	for _, part := range []struct {
		name  string
		items []cluster.SharedText
	}{{"shared quotations", s.Quotes}, {"shared passages", s.Passages}} {
		fmt.Fprintf(&b, "\n%s (%d):\n", part.name, len(part.items))
		if len(part.items) == 0 {
			b.WriteString("  none\n")
		}
		for k, it := range part.items {
			if k == explainItems {
				fmt.Fprintf(&b, "  … %d more (--format json lists them all)\n", len(part.items)-k)
				break
			}
			fmt.Fprintf(&b, "  %q  (%d words; A %d-%d, B %d-%d)\n", strings.Join(strings.Fields(it.Text), " "), it.Words, it.A.Start, it.A.End, it.B.Start, it.B.End)
		}
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("explain: %w", err)
	}
	return nil
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func orNone(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func listOrNone(ss []string, n int) string {
	if len(ss) == 0 {
		return "none"
	}
	if len(ss) > n {
		return strings.Join(ss[:n], ", ") + fmt.Sprintf(", … %d more", len(ss)-n)
	}
	return strings.Join(ss, ", ")
}

// Package explain says why two indexed articles share a group, or do
// not, at each level (copy, rewrite, story): the pair's score against the
// level's threshold, the groups of the last grouping run each is in, and
// the evidence item by item (the names and numbers both hold, the
// quotations and passages of wording they share, with byte offsets into
// both texts).
//
// The scores are those neardup gives B as a candidate of A (among A's
// [Candidates] best candidates), the way 'wirediff similar' scores it
// (with the grouping run's document frequencies when the finder has
// them, see neardup.Finder.UseDocFreqs). Grouping is by average link, so a
// pair can pass a level's threshold and still sit in two groups, or fall
// short and share one; [Level].Why says which.
package explain

import (
	"fmt"
	"io"
	"strings"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/internal/table"
	"github.com/wirediff/wirediff/listing"
	"github.com/wirediff/wirediff/neardup"
)

// Index is what [Pair] reads of an index; [*index.Index] has it.
type Index interface {
	Get(id string) (index.Entry, error)
	Groups() (map[string]index.Assignment, error)
}

// Scorer scores an article against indexed ones; [*neardup.Finder] is
// one.
type Scorer interface {
	Score(a *corpus.Article, indexed bool, ids []string, n int) ([]neardup.Hit, error)
	// Options are the grouping options pairs are scored with: those the
	// index's groups were made with.
	Options() cluster.Options
}

// Candidates is the number of A's more-like-this candidates scored with
// the pair: the story score's shared-neighbour term is taken among them,
// as 'wirediff similar' takes it by default.
const Candidates = 50

// maxItems bounds each list of shared items in the table.
const maxItems = 10

// Explanation is why two articles share a group, or do not.
type Explanation struct {
	A        Article          `json:"a"`
	B        Article          `json:"b"`
	Levels   []Level          `json:"levels"`
	Evidence cluster.Evidence `json:"evidence"`
	Shared   cluster.Shared   `json:"shared"`
}

type Article struct {
	ID        string            `json:"id"`
	Outlet    string            `json:"outlet,omitempty"`
	Title     string            `json:"title,omitempty"`
	Published string            `json:"published,omitempty"`
	URL       string            `json:"url,omitempty"`
	Groups    map[string]string `json:"groups,omitempty"` // level → label, from the last grouping run
}

type Level struct {
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

// Pair explains the indexed articles idA and idB, scored by f. An ID the
// index does not hold is an error that wraps [index.ErrNoID].
func Pair(ix Index, f Scorer, idA, idB string) (*Explanation, error) {
	ea, err := ix.Get(idA)
	if err != nil {
		return nil, fmt.Errorf("explain: %w", err)
	}
	eb, err := ix.Get(idB)
	if err != nil {
		return nil, fmt.Errorf("explain: %w", err)
	}
	hits, err := f.Score(&ea.Article, true, []string{idB}, Candidates)
	if err != nil {
		return nil, fmt.Errorf("explain: %w", err)
	}
	if len(hits) != 1 {
		return nil, fmt.Errorf("explain: %d scores for one pair", len(hits))
	}
	h := hits[0]
	as, err := ix.Groups()
	if err != nil {
		return nil, fmt.Errorf("explain: %w", err)
	}
	ex := &Explanation{Evidence: listing.RoundEvidence(h.Evidence), Shared: cluster.SharedItems(&ea.Article, &eb.Article, 0)}
	ga, okA := as[idA]
	gb, okB := as[idB]
	ex.A = describe(ea, ga, okA)
	ex.B = describe(eb, gb, okB)
	opt := f.Options()
	for l := cluster.Copy; l <= cluster.Story; l++ {
		lv := Level{Level: l.String(), Score: h.Sims[l], Threshold: opt.Thresholds.At(l)}
		lv.Passes = lv.Score >= lv.Threshold
		differ := l < cluster.Story && h.Evidence.FiguresDiffer
		if differ {
			lv.Passes = false
		}
		la, lb := ex.A.Groups[l.String()], ex.B.Groups[l.String()]
		lv.SameGroup = okA && okB && la == lb
		n := notes{zero: unscored(l, lv.Score, &ea.Article, &eb.Article, h.Evidence, opt)}
		if differ {
			n.figures = fmt.Sprintf("they give different figures (%d of %d shared)", h.Evidence.SharedFigures, h.Evidence.FewerFigures)
		}
		// The levels nest: a group holds the groups of the level below
		// whole, so a pair in one group below is in one group here.
		if l > cluster.Copy {
			if b := ex.A.Groups[(l - 1).String()]; okA && okB && b == ex.B.Groups[(l-1).String()] {
				n.below = b
			}
		}
		lv.Why = why(lv, la, lb, okA && okB, n)
		ex.Levels = append(ex.Levels, lv)
	}
	return ex, nil
}

// unscored says why a pair scores 0 at level l when the reason is not
// its wording: articles published further apart than the window are not
// compared at any level, and the story level does not score an article
// of fewer than MinTerms distinct terms (a headline and a line), which
// joins its copies and rewrites only. "" otherwise.
func unscored(l cluster.Level, score float64, a, b *corpus.Article, e cluster.Evidence, opt cluster.Options) string {
	if score != 0 {
		return ""
	}
	if !a.Published.IsZero() && !b.Published.IsZero() && !cluster.WithinWindow(a.Published.Unix(), b.Published.Unix(), opt.Window) {
		return fmt.Sprintf(" (0: they were published more than %s apart, and no level compares articles further apart)", cluster.FormatWindow(opt.Window))
	}
	st := opt.Story
	// The story score is at least (1-w)·cosine less half the weekday
	// weight: a cosine above that cannot make 0.
	if l == cluster.Story && st.MinTerms > 0 && (1-st.SharedWeight)*e.Cosine > st.DayWeight/2 {
		return fmt.Sprintf(" (0 for all their TF-IDF cosine of %.3f: the story level does not score an article of fewer than %d distinct terms, which joins only its copies and rewrites)", e.Cosine, st.MinTerms)
	}
	return ""
}

func describe(e index.Entry, as index.Assignment, grouped bool) Article {
	a := e.Article
	out := Article{ID: a.ID, Outlet: a.Outlet, Title: a.Title, Published: listing.Date(a.Published), URL: a.URL}
	if grouped {
		out.Groups = map[string]string{"copy": as.Copy, "rewrite": as.Rewrite, "story": as.Story}
	}
	return out
}

// notes are what why says beside the score and the groups.
type notes struct {
	// figures says how the pair's figures differ (see [cluster.Figures]),
	// which keeps it from passing.
	figures string
	// below is the group of the level below that holds both, which puts
	// them in one group at this level whatever their score.
	below string
	// zero says why the score is 0 (see unscored).
	zero string
}

// why says in words how the pair's score and the groups agree.
func why(lv Level, la, lb string, grouped bool, n notes) string {
	cmp := "below"
	if lv.Score >= lv.Threshold {
		cmp = "at or above"
	}
	s := fmt.Sprintf("the pair's %s score %.3f%s is %s the threshold %g", lv.Level, lv.Score, n.zero, cmp, lv.Threshold)
	if n.figures != "" {
		s += ", but " + n.figures + ": other figures, another report"
	}
	switch {
	case !grouped:
		return s + "; the index holds no grouping of both (run 'wirediff dedup')"
	case lv.SameGroup && lv.Passes:
		return s + "; both are in " + la
	case lv.SameGroup && n.below != "":
		return s + fmt.Sprintf("; both are in %s as both are in %s: the levels nest, a %s group holding each group of the level below whole", la, n.below, lv.Level)
	case lv.SameGroup:
		return s + "; both are in " + la + ", joined through other members (average link)"
	case lv.Passes:
		return s + fmt.Sprintf("; they are in %s and %s: their groups as wholes fall short (average link)", la, lb)
	}
	return s + fmt.Sprintf("; they are in %s and %s", la, lb)
}

func (ex *Explanation) WriteTable(w io.Writer) error {
	var b strings.Builder
	for _, x := range []struct {
		tag string
		a   Article
	}{{"A", ex.A}, {"B", ex.B}} {
		fmt.Fprintf(&b, "%s  %s  %s  %s  %s\n", x.tag, x.a.ID, orNone(x.a.Outlet), orNone(x.a.Published), orNone(x.a.Title))
	}
	b.WriteString("\n")
	tw := table.NewWriter(&b, 0)
	fmt.Fprintln(tw, "level\tscore\tthreshold\tpair passes\tsame group\twhy")
	for _, lv := range ex.Levels {
		fmt.Fprintf(tw, "%s\t%.3f\t%g\t%s\t%s\t%s\n", lv.Level, lv.Score, lv.Threshold, yesNo(lv.Passes), yesNo(lv.SameGroup), lv.Why)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("explain: %w", err)
	}
	e := ex.Evidence
	figures := fmt.Sprintf("%d of the %d numbers of the one with fewer shared", e.SharedFigures, e.FewerFigures)
	if e.FiguresDiffer {
		figures += ", too few: other figures, another report"
	}
	fmt.Fprintf(&b, "\nevidence: word-shingle Jaccard %.3f; TF-IDF cosine %.3f; names and numbers %d shared (share %.3f); quoted 4-word shingles %d shared (share %.3f); own wording share %.3f; weekday agreement %.2f; rewrite score %.3f; figures: %s\n",
		e.Jaccard, e.Cosine, e.SharedNames, e.NameShare, e.SharedQuotes, e.QuoteShare, e.PassageShare, e.DayAgreement, e.Rewrite, figures)
	s := ex.Shared
	fmt.Fprintf(&b, "\nshared names and numbers (%d): %s\n", len(s.Names), listOrNone(s.Names, 3*maxItems))
	for _, part := range []struct {
		name  string
		items []cluster.SharedText
	}{{"shared quotations", s.Quotes}, {"shared passages", s.Passages}} {
		fmt.Fprintf(&b, "\n%s (%d):\n", part.name, len(part.items))
		if len(part.items) == 0 {
			b.WriteString("  none\n")
		}
		for k, it := range part.items {
			if k == maxItems {
				fmt.Fprintf(&b, "  … %d more (--format json lists them all)\n", len(part.items)-k)
				break
			}
			fmt.Fprintf(&b, "  “%s”  (%d words; A %d-%d, B %d-%d)\n", strings.Join(strings.Fields(it.Text), " "), it.Words, it.A.Start, it.A.End, it.B.Start, it.B.End)
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

package listing

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/dedup"
)

// Run is a grouping run as 'wirediff dedup' lists it: the articles of its
// groups at Level, those of groups smaller than MinSize left out.
type Run struct {
	*dedup.Result
	Level   cluster.Level
	MinSize int
	sizes   map[string]int // group label at Level -> size
}

// The bounds of the JSON document: the pairs listed per group, and the
// shared names, quotations and passages listed per pair.
const (
	maxPairs       = 200
	maxSharedItems = 50
)

// RunDoc is the JSON document of dedup (docs/schema/dedup.json).
type RunDoc struct {
	Level    string   `json:"level"`
	Articles []Member `json:"articles"`
	Groups   []Group  `json:"groups"`
	// Lineage is the lineage report of every rewrite group, when asked
	// for and there is one (see [Run.WriteJSON]).
	Lineage any                   `json:"lineage,omitempty"`
	Skipped map[corpus.Reason]int `json:"skipped,omitempty"`
	// UnreadDates counts the records kept without the publication time
	// their field gave, not a date (corpus.UnreadDate).
	UnreadDates int `json:"unread_dates,omitempty"`
	// MixedDates counts the records whose date was read month first in a
	// file whose later dates are written day first (corpus.MixedDateOrder).
	MixedDates int `json:"mixed_date_order,omitempty"`
	// Decoded counts the records read from the --encoding fallback.
	Decoded int `json:"decoded_fallback,omitempty"`
}

// groupOf returns the label and size of article i's group at Level.
func (r *Run) groupOf(i int) (string, int) {
	if r.sizes == nil {
		r.sizes = map[string]int{}
		for k := range r.Docs {
			r.sizes[r.Label(r.Level, k)]++
		}
	}
	lab := r.Label(r.Level, i)
	return lab, r.sizes[lab]
}

// listed reports whether article i is listed: its group at Level has
// at least MinSize articles.
func (r *Run) listed(i int) bool {
	_, size := r.groupOf(i)
	return size >= r.MinSize
}

// Member is article i as listed.
func (r *Run) Member(i int) Member {
	lab, size := r.groupOf(i)
	return Member{Article: NewArticle(&r.Articles[i]), Group: lab, GroupSize: size,
		Groups: Groups{Copy: r.Label(cluster.Copy, i), Rewrite: r.Label(cluster.Rewrite, i), Story: r.Label(cluster.Story, i)}}
}

// Members lists the articles shown, in the one order of every format: by
// group at Level, largest first (ties by first member), and within a
// group by ID.
func (r *Run) Members() []Member {
	out := []Member{}
	for _, g := range r.GroupsAt(r.Level) {
		if len(g) < r.MinSize {
			continue
		}
		for _, i := range g {
			out = append(out, r.Member(i))
		}
	}
	return out
}

// Groups lists the groups of two or more articles at every level that
// hold an article listed (one of a group of at least MinSize at Level),
// with their pairs' scores: a group's parent is listed with it.
func (r *Run) Groups() []Group {
	out := []Group{}
	r.eachGroup(func(g Group) error {
		out = append(out, g)
		return nil
	})
	return out
}

// eachGroup calls f with each group Groups lists, made one at a time,
// and stops at f's first error.
func (r *Run) eachGroup(f func(Group) error) error {
	for l := cluster.Copy; l <= cluster.Story; l++ {
		for _, g := range r.GroupsAt(l) {
			if len(g) < 2 || !slices.ContainsFunc(g, r.listed) {
				continue
			}
			og := Group{ID: r.Label(l, g[0]), Level: l.String(), Size: len(g)}
			if l < cluster.Story {
				og.Parent = r.Label(l+1, g[0])
			}
			for _, i := range g {
				og.MemberIDs = append(og.MemberIDs, r.Docs[i].ID)
			}
			for x := 0; x < len(g) && len(og.Pairs) < maxPairs; x++ {
				for y := x + 1; y < len(g) && len(og.Pairs) < maxPairs; y++ {
					i, j := g[x], g[y]
					og.Pairs = append(og.Pairs, Pair{
						A: r.Docs[i].ID, B: r.Docs[j].ID,
						Story:    Score(r.Result.Groups.Grouper.StoryScore(i, j)),
						Evidence: RoundEvidence(r.Result.Groups.Grouper.Evidence(i, j)),
						Passages: Passages(cluster.SharedPassages(&r.Articles[i], &r.Articles[j], 5)),
						Shared:   cluster.SharedItems(&r.Articles[i], &r.Articles[j], maxSharedItems),
					})
				}
			}
			if err := f(og); err != nil {
				return err
			}
		}
	}
	return nil
}

// Write writes the run in format f.
func (r *Run) Write(w io.Writer, f Format) error {
	if f == JSON {
		return r.WriteJSON(w, nil)
	}
	ms := r.Members()
	return MemberList(nil, ms).Write(w, f) // the JSON document is WriteJSON's
}

// WriteJSON writes the run's JSON document, a [RunDoc], as it is made:
// each article and each group, with its pairs' evidence, is encoded and
// written in turn rather than all held, and when lineage is not nil it
// writes the value of the "lineage" field in place (the reports' list,
// written as they are analyzed). The bytes are those of the whole
// document encoded at once.
func (r *Run) WriteJSON(w io.Writer, lineage func(io.Writer) error) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	o := NewObject(bw)
	o.Field("level", r.Level.String())
	o.List("articles", func(elem func(any) error) error {
		for _, g := range r.GroupsAt(r.Level) {
			if len(g) < r.MinSize {
				continue
			}
			for _, i := range g {
				if err := elem(r.Member(i)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	o.List("groups", func(elem func(any) error) error {
		return r.eachGroup(func(g Group) error { return elem(g) })
	})
	if lineage != nil {
		o.Value("lineage", lineage)
	}
	if len(r.Stats.Skipped) > 0 {
		o.Field("skipped", r.Stats.Skipped)
	}
	if r.Stats.UnreadDates != 0 {
		o.Field("unread_dates", r.Stats.UnreadDates)
	}
	if r.Stats.MixedDates != 0 {
		o.Field("mixed_date_order", r.Stats.MixedDates)
	}
	if r.Stats.Fallback != 0 {
		o.Field("decoded_fallback", r.Stats.Fallback)
	}
	if err := o.Close(); err != nil {
		bw.Flush()
		return err
	}
	return bw.Flush()
}

// Summary is the line that sums up a run on stderr: what kind of run
// (upd, when the run was an update of an index), what was read and
// skipped (fallback names the --encoding fallback), the groups of two or
// more articles at each level, the groups that moved at each level (of
// an update that found articles grouped before), the time it took and,
// in dominant, the stage that took most of it.
func (r *Run) Summary(upd *dedup.Updated, fallback string, took time.Duration, dominant string) string {
	var multi [3]int
	for l := cluster.Copy; l <= cluster.Story; l++ {
		for _, g := range r.GroupsAt(l) {
			if len(g) > 1 {
				multi[l]++
			}
		}
	}
	stored := ""
	if r.Stored > 0 {
		stored = fmt.Sprintf(", grouped with %d already in the index", r.Stored)
	}
	kind, moved := "", ""
	if u := upd; u != nil {
		if u.Full {
			kind = fmt.Sprintf("full regroup (%s): ", u.Reason)
		} else {
			kind = "incremental run: "
			deletions := ""
			if u.Regrouped > 0 {
				deletions = fmt.Sprintf(", %d regrouped after deletions", u.Regrouped)
			}
			stored = fmt.Sprintf(", %d new, %d replaced, %d unchanged%s; regrouped with %d already in the index (the story groups of %d of their %d candidates), of %d grouped",
				u.New, u.Replaced, u.Unchanged, deletions, r.Stored, u.Touched, u.Candidates, u.Grouped)
		}
		if u.New < u.Grouped {
			// Not on a first grouping (no article grouped before),
			// where every group is new and none moved.
			moved = fmt.Sprintf("; groups moved: copy %d, rewrite %d, story %d", u.Moved[0], u.Moved[1], u.Moved[2])
		}
	}
	return fmt.Sprintf("wirediff: %sread %s from %s, %s%s; groups with 2+ articles: copy %d, rewrite %d, story %d%s; %s%s",
		kind, Plural(r.Stats.Read, "article"), Plural(r.Stats.Files, "file"), Skips(r.Stats, fallback), stored, multi[0], multi[1], multi[2], moved, took.Round(time.Millisecond), dominant)
}

// Skips counts the skipped records by reason, as summaries say it
// ("skipped 2 (empty 1, malformed-json 1)"), then the records decoded
// from the --encoding fallback, if any.
func Skips(st corpus.Stats, fallback string) string {
	s := "skipped 0"
	if st.SkippedTotal() > 0 {
		var parts []string
		for r, n := range st.Skipped {
			parts = append(parts, fmt.Sprintf("%s %d", r, n))
		}
		sort.Strings(parts)
		s = fmt.Sprintf("skipped %d (%s)", st.SkippedTotal(), strings.Join(parts, ", "))
	}
	if st.Fallback > 0 {
		s += fmt.Sprintf(", %d decoded as %s (not UTF-8)", st.Fallback, fallback)
	}
	if st.UnreadDates > 0 {
		s += fmt.Sprintf(", %d kept without a publication time (not a date)", st.UnreadDates)
	}
	if st.MixedDates > 0 {
		s += fmt.Sprintf(", %d dated month first in files written day first (--date-order dmy)", st.MixedDates)
	}
	return s
}

package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/internal/progress"
	"github.com/wirediff/wirediff/lineage"
	"github.com/wirediff/wirediff/listing"
)

const dedupUsage = `Usage: wirediff dedup [flags] PATH...

Reads articles (files, directories, or - for JSON lines on stdin), adds them
to the index, groups them together with the articles the index already
holds (an article read again replaces its indexed version) at three nested
levels (copy: near-verbatim copies; rewrite: derived from the same source
report, however paraphrased; story: the same event) and prints the groups
at --level. With no PATH, the articles of an existing index are grouped as
they are; --input-only groups this run's articles alone; --no-index groups
in memory and leaves any index alone.

Over an index grouped before, a run is incremental: the new articles find
their candidates in the index, and only the story groups they touch are
regrouped (and printed); every other group stays as it is. A run is a full
regroup (and prints every group) with --full, with no PATH, on a new index,
or when the index has grown by more than 10% (--drift) since its last full
regroup. The summary line on stderr says which kind of run it was and how many
groups moved.

Examples:
  wirediff dedup testdata/seeds
  wirediff dedup --level story --format tsv articles.jsonl > pred.tsv
  wirediff dedup --no-index --level copy --format tsv big.jsonl
  wirediff dedup --index news.index today.jsonl   # with what news.index holds
  wirediff dedup --index news.index --full        # regroup the whole index
  wirediff dedup --encoding windows-1252 archive/   # legacy text files
  wirediff dedup --encoding utf-8,windows-1252 archive/   # UTF-8, and legacy where not
  cat articles.jsonl | wirediff dedup --format json -
`

// groupFlags are the grouping flags shared by dedup and eval.
type groupFlags struct {
	level     string
	threshold float64
	window    string
	indexDir  string
	noIndex   bool
	inputOnly bool
	profile   string
	indexSet  bool // --index was given
	// update: run dedup.Update (incremental unless full) over an index.
	update, full bool
	drift        float64
}

// register adds the flags to fs; an indexDir of "" says that the command
// groups in memory unless --index is given (eval).
func (g *groupFlags) register(fs *pflag.FlagSet, defaultLevel, indexDir string) {
	fs.StringVar(&g.level, "level", defaultLevel, "level to print: copy, rewrite or story")
	th := cluster.DefaultOptions().Thresholds
	fs.Float64Var(&g.threshold, "threshold", 0, fmt.Sprintf("merge threshold for --level, a score in (0, 1] as the outputs show it (0 = the calibrated default: copy %g, rewrite %g, story %g)", th.Copy, th.Rewrite, th.Story))
	fs.StringVar(&g.window, "window", "", "keep apart articles published further apart than this, e.g. 7d or 36h; 0 turns it off (default 7d; articles without a date are never kept apart)")
	if indexDir == "" {
		fs.StringVar(&g.indexDir, "index", "", "group with the articles of this index `DIR` and add the input to it (default: in memory, no index)")
	} else {
		fs.StringVar(&g.indexDir, "index", indexDir, "index `DIR`")
	}
	fs.BoolVar(&g.noIndex, "no-index", false, "group the input in memory without reading or writing the bleve index")
	fs.BoolVar(&g.inputOnly, "input-only", false, "group only the articles read in this run, not those already in the index (the index still gets them)")
	fs.StringVar(&g.profile, "cpuprofile", "", "write a CPU profile to `FILE`")
}

func (g *groupFlags) options() (cluster.Level, cluster.Options, error) {
	lvl, err := cluster.ParseLevel(g.level)
	if err != nil {
		return 0, cluster.Options{}, usagef("--level: %v", err)
	}
	opt := cluster.DefaultOptions()
	if !(g.threshold >= 0 && g.threshold <= 1) { // NaN too
		return 0, opt, usagef("--threshold %v: want a value in (0, 1]", g.threshold)
	}
	if g.threshold > 0 {
		switch lvl {
		case cluster.Copy:
			opt.Thresholds.Copy = g.threshold
		case cluster.Rewrite:
			opt.Thresholds.Rewrite = g.threshold
		case cluster.Story:
			opt.Thresholds.Story = g.threshold
		}
	}
	if g.window != "" {
		d, err := parseWindow(g.window)
		if err != nil {
			return 0, opt, usagef("--window: %v", err)
		}
		opt.Window = d
	}
	return lvl, opt, nil
}

// parseWindow accepts Go durations plus a days suffix ("7d"); zero ("0",
// "0d", "0s") turns the window off.
func parseWindow(s string) (time.Duration, error) {
	var days float64
	if n, err := fmt.Sscanf(s, "%gd", &days); err == nil && n == 1 && s[len(s)-1] == 'd' {
		if days < 0 {
			return 0, fmt.Errorf("%q is negative", s)
		}
		// NaN, or more days than a Duration holds (which would wrap
		// around to a negative window, that is no window).
		if !(days*24*float64(time.Hour) < math.MaxInt64) {
			return 0, fmt.Errorf("%q is not a duration like 7d or 36h (at most %.0fd; 0 turns the window off)", s, float64(math.MaxInt64)/float64(24*time.Hour))
		}
		return time.Duration(days * 24 * float64(time.Hour)), nil
	}
	if s == "0" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%q is not a duration like 7d or 36h (0 turns the window off)", s)
	}
	return d, nil
}

// grouped is a finished grouping run, with the level to print.
type grouped struct {
	*dedup.Result
	level    cluster.Level
	fallback string // the --encoding fallback, such as "windows-1252", or ""
	// dominant names the stage that took most of the run, if one did
	// (see progress.Line.Dominant); quiet leaves out the summary.
	dominant string
	quiet    bool
	// minSize hides the articles of smaller groups at level (and the
	// smaller groups) from the output.
	minSize int
	sizes   map[string]int // group label at level -> size
	update  *dedup.Updated
}

// shown reports whether article i is printed: its group at the level
// printed has at least minSize articles.
func (gr *grouped) shown(i int) bool {
	if gr.minSize <= 1 {
		return true
	}
	_, size := gr.groupOf(i)
	return size >= gr.minSize
}

// groupOf returns the label and size of article i's group at the level
// printed.
func (gr *grouped) groupOf(i int) (string, int) {
	if gr.sizes == nil {
		gr.sizes = map[string]int{}
		for k := range gr.Docs {
			gr.sizes[gr.Label(gr.level, k)]++
		}
	}
	lab := gr.Label(gr.level, i)
	return lab, gr.sizes[lab]
}

// group reads, optionally indexes, and groups paths as the flags say.
func group(e *env, paths []string, rf readFlags, gf groupFlags, keepText bool) (*grouped, error) {
	lvl, opt, err := gf.options()
	if err != nil {
		return nil, err
	}
	if gf.noIndex && gf.inputOnly {
		return nil, usagef("--input-only does not apply with --no-index (which groups the input alone already)")
	}
	if gf.noIndex && gf.indexSet {
		return nil, usagef("--index and --no-index: give one")
	}
	if len(paths) == 0 && (gf.noIndex || gf.inputOnly || !isDir(gf.indexDir)) {
		return nil, usagef("no input: give files, directories or - for stdin (with no input, an existing --index is grouped as it is)")
	}
	if err := checkPaths(paths); err != nil {
		return nil, err
	}
	ropt, err := rf.options()
	if err != nil {
		return nil, err
	}
	stop, err := startProfile(gf.profile)
	if err != nil {
		return nil, err
	}
	defer stop()
	opt.CopyOnly = lvl == cluster.Copy && gf.noIndex
	do := dedup.Options{Cluster: opt, InputOnly: gf.inputOnly, KeepText: keepText}
	if !gf.noIndex {
		if do.Scheme, err = dedup.DefaultScheme(); err != nil {
			return nil, err
		}
		do.Index, err = index.Open(gf.indexDir, index.Options{Create: true, Meta: do.Scheme.Meta()})
		if err != nil {
			return nil, err
		}
		defer do.Index.Close()
		yieldToReaders(e)
	}
	src := dedup.Source{Paths: paths, Stdin: e.stdin, Read: ropt}
	prog := progress.New(e.stderr, e.stderrIsTerminal && !rf.quiet, paths, true, opt.CopyOnly, do.Index != nil)
	defer prog.Done()
	do.Progress, do.OnStage = prog.Stage, prog.OnStage
	rf.report(e, &src.Read, prog.Clear)
	var res *dedup.Result
	var upd *dedup.Updated
	if gf.update && do.Index != nil && !gf.inputOnly {
		if gf.drift == 0 || math.IsNaN(gf.drift) {
			return nil, usagef("--drift %v: want a fraction such as 0.1, or a negative value for none", gf.drift)
		}
		uo := dedup.UpdateOptions{Full: gf.full || len(paths) == 0, Drift: gf.drift}
		if len(paths) == 0 && !gf.full {
			uo.Why = "no input"
		}
		if upd, err = dedup.Update(context.Background(), src, do, uo); err != nil {
			return nil, err
		}
		res = upd.Result
	} else if res, err = dedup.Run(context.Background(), src, do); err != nil {
		return nil, err
	}
	if len(paths) > 0 && res.Stats.Read == 0 {
		prog.Done()
		return nil, usagef("no articles read from %s (%s)", strings.Join(paths, ", "), summarizeSkips(res.Stats, rf.fallback()))
	}
	prog.Done()
	return &grouped{Result: res, level: lvl, fallback: rf.fallback(), dominant: prog.Dominant(), quiet: rf.quiet, update: upd}, nil
}

func cmdDedup(e *env, args []string) error {
	fs := pflag.NewFlagSet("dedup", pflag.ContinueOnError)
	var rf readFlags
	var gf groupFlags
	rf.register(fs)
	rf.registerQuiet(fs)
	gf.register(fs, "rewrite", index.DefaultDir)
	gf.update = true
	fs.BoolVar(&gf.full, "full", false, "regroup every article of the index, not only the groups the input touches")
	fs.Float64Var(&gf.drift, "drift", dedup.DefaultDrift, "growth of the index since its last full regroup (a fraction) past which a run regroups everything; negative: never for growth")
	format := fs.StringP("format", "f", "table", "output format: "+listing.Names())
	minSize := 1
	fs.Var(count{&minSize}, "min-size", "print only articles in groups of at least `N` articles at --level (1 = all)")
	withLineage := fs.Bool("lineage", false, "also report the lineage of every rewrite group: a table after the groups, or a \"lineage\" list in --format json (not with jsonl, csv or tsv)")
	if err := parseFlags(e, fs, dedupUsage, args); err != nil {
		return err
	}
	gf.indexSet = fs.Changed("index")
	f, err := parseFormat(*format)
	if err != nil {
		return err
	}
	if *withLineage && *format != "table" && *format != "json" {
		// A lineage table after the rows would break the rows' format.
		return usagef("--lineage with --format %s: the lineage report is a table or JSON; use --format table or json", *format)
	}
	if minSize < 1 {
		return usagef("--min-size %d: want 1 or more", minSize)
	}
	start := time.Now()
	gr, err := group(e, fs.Args(), rf, gf, *format == "json" || *withLineage)
	if err != nil {
		return err
	}
	gr.minSize = minSize
	if err := gr.write(e.stdout, f, *withLineage); err != nil {
		return err
	}
	if *withLineage && *format == "table" {
		if err := gr.writeLineage(e.stdout); err != nil {
			return err
		}
	}
	gr.summary(e.stderr, time.Since(start))
	return checkStrict(rf, gr.Stats)
}

func (gr *grouped) summary(w io.Writer, took time.Duration) {
	if gr.quiet {
		return
	}
	var multi [3]int
	var total [3]int
	for l := cluster.Copy; l <= cluster.Story; l++ {
		for _, g := range gr.GroupsAt(l) {
			total[l]++
			if len(g) > 1 {
				multi[l]++
			}
		}
	}
	stored := ""
	if gr.Stored > 0 {
		stored = fmt.Sprintf(", grouped with %d already in the index", gr.Stored)
	}
	kind, moved := "", ""
	if u := gr.update; u != nil {
		if u.Full {
			kind = fmt.Sprintf("full regroup (%s): ", u.Reason)
		} else {
			kind = "incremental run: "
			stored = fmt.Sprintf(", %d new, %d replaced; regrouped with %d already in the index (the story groups of %d of their %d candidates), of %d grouped",
				u.New, u.Replaced, gr.Stored, u.Touched, u.Candidates, u.Grouped)
		}
		moved = fmt.Sprintf("; groups moved: copy %d, rewrite %d, story %d", u.Moved[0], u.Moved[1], u.Moved[2])
	}
	fmt.Fprintf(w, "wirediff: %sread %s from %s, %s%s; groups with 2+ articles: copy %d, rewrite %d, story %d%s; %s%s\n",
		kind, plural(gr.Stats.Read, "article"), plural(gr.Stats.Files, "file"), summarizeSkips(gr.Stats, gr.fallback), stored, multi[0], multi[1], multi[2], moved, took.Round(time.Millisecond), gr.dominant)
}

// isDir reports whether path is an existing directory.
func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// dateString formats a publication time (see corpus.FormatDate): the day
// alone at midnight, no zone where the source gave none.
func dateString(t time.Time) string { return listing.Date(t) }

// tableTitle is a title as tables show it, cut to 60 characters: one
// taken from the first sentence (corpus.Article.ShownTitle) is marked
// with a leading "~ ".
func tableTitle(title string, derived bool) string {
	return listing.Article{Title: title, TitleDerived: derived}.ShownTitle(60)
}

func truncate(s string, n int) string { return listing.Truncate(s, n) }

// parseFormat parses --format among allowed (every listing format when
// none are given); a name it does not know is a usage error.
func parseFormat(s string, allowed ...listing.Format) (listing.Format, error) {
	f, err := listing.ParseFormat(s, allowed...)
	if err != nil {
		return "", usagef("--format %q: want %s", s, listing.Names(allowed...))
	}
	return f, nil
}

// member is article i as listed.
func (gr *grouped) member(i int) listing.Member {
	lab, size := gr.groupOf(i)
	return listing.Member{Article: listing.NewArticle(&gr.Articles[i]), Group: lab, GroupSize: size,
		Groups: listing.Groups{Copy: gr.Label(cluster.Copy, i), Rewrite: gr.Label(cluster.Rewrite, i), Story: gr.Label(cluster.Story, i)}}
}

// members lists the articles shown, in the one order of every format:
// by group at the level printed, largest first (ties by first member),
// and within a group by ID.
func (gr *grouped) members() []listing.Member {
	out := []listing.Member{}
	for _, g := range gr.GroupsAt(gr.level) {
		if len(g) < gr.minSize {
			continue
		}
		for _, i := range g {
			out = append(out, gr.member(i))
		}
	}
	return out
}

// dedupDoc is the JSON document of dedup (docs/schema/dedup.json).
type dedupDoc struct {
	Level    string                `json:"level"`
	Articles []listing.Member      `json:"articles"`
	Groups   []listing.Group       `json:"groups"`
	Lineage  []groupLineage        `json:"lineage,omitempty"`
	Skipped  map[corpus.Reason]int `json:"skipped,omitempty"`
	// Decoded counts the records read from the --encoding fallback.
	Decoded int `json:"decoded_fallback,omitempty"`
}

// maxPairsOut bounds the pairs listed per group in JSON, maxSharedItems
// the shared names, quotations and passages listed per pair.
const (
	maxPairsOut    = 200
	maxSharedItems = 50
)

// write writes the groups in format f; withLineage adds the lineage
// report (JSON only: the table's follows it, see writeLineage).
func (gr *grouped) write(w io.Writer, f listing.Format, withLineage bool) error {
	ms := gr.members()
	doc := &dedupDoc{Level: gr.level.String(), Articles: ms, Groups: []listing.Group{}, Skipped: gr.Stats.Skipped, Decoded: gr.Stats.Fallback}
	if f == listing.JSON {
		if withLineage {
			reports, err := gr.lineageReports()
			if err != nil {
				return err
			}
			doc.Lineage = lineageJSON(reports) // present, if empty, when asked for
		}
		doc.Groups = gr.groupsOut()
	}
	return listing.MemberList(doc, ms).Write(w, f)
}

// groupsOut lists the groups of two or more articles (and at least
// --min-size at the level printed) at every level, with their pairs'
// scores.
func (gr *grouped) groupsOut() []listing.Group {
	out := []listing.Group{}
	for l := cluster.Copy; l <= cluster.Story; l++ {
		for _, g := range gr.GroupsAt(l) {
			if len(g) < 2 || (l == gr.level && len(g) < gr.minSize) {
				continue
			}
			og := listing.Group{ID: gr.Label(l, g[0]), Level: l.String(), Size: len(g)}
			if l < cluster.Story {
				og.Parent = gr.Label(l+1, g[0])
			}
			for _, i := range g {
				og.MemberIDs = append(og.MemberIDs, gr.Docs[i].ID)
			}
			for x := 0; x < len(g) && len(og.Pairs) < maxPairsOut; x++ {
				for y := x + 1; y < len(g) && len(og.Pairs) < maxPairsOut; y++ {
					i, j := g[x], g[y]
					og.Pairs = append(og.Pairs, listing.Pair{
						A: gr.Docs[i].ID, B: gr.Docs[j].ID,
						Story:    listing.Score(gr.Groups.Grouper.StoryScore(i, j)),
						Evidence: listing.RoundEvidence(gr.Groups.Grouper.Evidence(i, j)),
						Passages: listing.Passages(cluster.SharedPassages(&gr.Articles[i], &gr.Articles[j], 5)),
						Shared:   cluster.SharedItems(&gr.Articles[i], &gr.Articles[j], maxSharedItems),
					})
				}
			}
			out = append(out, og)
		}
	}
	return out
}

// errWriter remembers the first write error (see listing.ErrWriter).
type errWriter = listing.ErrWriter

// lineageReports analyzes every rewrite group of two or more articles.
func (gr *grouped) lineageReports() ([]namedReport, error) {
	var reports []namedReport
	for _, g := range gr.GroupsAt(cluster.Rewrite) {
		if len(g) < 2 {
			continue
		}
		arts := make([]corpus.Article, len(g))
		for k, i := range g {
			arts[k] = gr.Articles[i]
		}
		r, err := lineage.Analyze(arts, lineage.Options{})
		if err != nil {
			return nil, fmt.Errorf("lineage of %s: %w", gr.Label(cluster.Rewrite, g[0]), err)
		}
		reports = append(reports, namedReport{gr.Label(cluster.Rewrite, g[0]), r})
	}
	return reports, nil
}

// writeLineage writes the lineage table of every rewrite group of two or
// more articles after a blank line.
func (gr *grouped) writeLineage(w io.Writer) error {
	reports, err := gr.lineageReports()
	if err != nil {
		return err
	}
	if len(reports) == 0 {
		return nil
	}
	fmt.Fprintln(w)
	lf := lineageFlags{format: "table"}
	return lf.write(w, reports)
}

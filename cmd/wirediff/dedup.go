package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/internal/cli"
	"github.com/wirediff/wirediff/internal/progress"
	"github.com/wirediff/wirediff/lineage/render"
	"github.com/wirediff/wirediff/lineage/selection"
	"github.com/wirediff/wirediff/listing"
)

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
	// update: let dedup.Group run incrementally over an index.
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
	fs.BoolVar(&g.inputOnly, "input-only", false, "group only the articles read in this run, not those already in the index (the index still gets them; its groups stay as they are, and the next run groups these articles with the rest)")
	fs.StringVar(&g.profile, "cpuprofile", "", "write a CPU profile to `FILE`")
}

// options returns the level and the grouping options the flags ask for;
// a bad one is a usage error.
func (g *groupFlags) options() (cluster.Level, cluster.Options, error) {
	lvl, opt, err := cluster.ParseOptions(g.level, g.threshold, g.window)
	if err != nil {
		return 0, opt, cli.Usagef("--%v", err)
	}
	return lvl, opt, nil
}

// grouped is a finished grouping run, with the level to print.
type grouped struct {
	listing.Run
	update *dedup.Updated
	// dominant names the stage that took most of the run, if one did
	// (see progress.Line.Dominant).
	dominant string
	// stages are the run's stages with their wall times.
	stages []cluster.Timing
}

// group reads, optionally indexes, and groups paths as the flags say.
func group(e *env, paths []string, rf readFlags, gf groupFlags, keepText bool) (_ *grouped, err error) {
	lvl, opt, err := gf.options()
	if err != nil {
		return nil, err
	}
	if gf.noIndex && gf.inputOnly {
		return nil, cli.Usagef("--input-only does not apply with --no-index (which groups the input alone already)")
	}
	if gf.noIndex && gf.indexSet {
		return nil, cli.Usagef("--index and --no-index: give one")
	}
	if len(paths) == 0 && (gf.noIndex || gf.inputOnly || !isDir(gf.indexDir)) {
		return nil, cli.Usagef("no input: give files, directories or - for stdin (with no input, an existing --index is grouped as it is)")
	}
	if err := checkPaths(paths); err != nil {
		return nil, err
	}
	if !gf.noIndex {
		// An index inside a directory read is not input.
		rf.exclude = append(rf.exclude, gf.indexDir)
	}
	ropt, err := rf.options()
	if err != nil {
		return nil, err
	}
	stop, err := cli.StartProfile(gf.profile)
	if err != nil {
		return nil, err
	}
	defer stop()
	opt.CopyOnly = lvl == cluster.Copy && gf.noIndex
	do := dedup.Options{Cluster: opt, InputOnly: gf.inputOnly, KeepText: keepText}
	if !gf.noIndex {
		if do.Index, err = openWriter(e, gf.indexDir, true); err != nil {
			return nil, err
		}
		defer closeWriter(do.Index, &err)
		yieldToReaders(e)
	}
	src := dedup.Source{Paths: paths, Stdin: e.stdin, Read: ropt}
	prog := progress.New(e.stderr, e.stderrIsTerminal && !rf.quiet, paths, true, opt.CopyOnly, do.Index != nil)
	defer prog.Done()
	do.Progress, do.OnStage = prog.Stage, prog.OnStage
	rf.report(e, &src.Read, prog.Clear)
	var uo *dedup.UpdateOptions
	if gf.update {
		uo = &dedup.UpdateOptions{Full: gf.full, Drift: gf.drift}
	}
	res, err := dedup.Group(context.Background(), src, do, uo)
	if errors.Is(err, dedup.ErrDrift) {
		return nil, cli.Usagef("--drift %v: want a fraction such as 0.1, or a negative value for none", gf.drift)
	} else if err != nil {
		return nil, err
	}
	prog.Done()
	if len(paths) > 0 && res.Stats.Read == 0 {
		return nil, noneRead("articles", paths, res.Stats, rf.fallback())
	}
	if res.Update != nil && len(res.Update.FromOtherFiles) > 0 {
		fmt.Fprintln(e.stderr, fromOtherFiles(res.Update.FromOtherFiles))
	}
	return &grouped{Run: listing.Run{Result: res.Result, Level: lvl}, update: res.Update, dominant: prog.Dominant(), stages: prog.Timings()}, nil
}

func cmdDedup(e *env, args []string) error {
	fs := cli.NewFlagSet("dedup")
	var rf readFlags
	var gf groupFlags
	rf.register(fs, true)
	gf.register(fs, "rewrite", index.DefaultDir)
	gf.update = true
	fs.BoolVar(&gf.full, "full", false, "regroup every article of the index, not only the groups the input touches")
	fs.Float64Var(&gf.drift, "drift", dedup.DefaultDrift, "growth of the index since its last full regroup (a fraction) past which a run regroups everything, as it does after the index shrank to less than 1/(1+drift) of it; negative: never for either")
	format := formatFlag(fs)
	minSize := 1
	cli.CountVar(fs, &minSize, "min-size", "print only articles in groups of at least `N` articles at --level (1 = all)")
	timings := fs.Bool("timings", false, "after the summary, print each stage's wall time on stderr (a line \"wirediff: stages: read 12.3s, ...\")")
	withLineage := fs.Bool("lineage", false, "also report the lineage of every rewrite group: a table after the groups, or a \"lineage\" list in --format json (not with jsonl, csv or tsv)")
	if err := parseFlags(e, fs, usage("dedup"), args); err != nil {
		return err
	}
	gf.indexSet = fs.Changed("index")
	f, err := parseFormat(*format)
	if err != nil {
		return err
	}
	if *withLineage && *format != "table" && *format != "json" {
		// A lineage table after the rows would break the rows' format.
		return cli.Usagef("--lineage with --format %s: the lineage report is a table or JSON; use --format table or json", *format)
	}
	if minSize < 1 {
		return cli.Usagef("--min-size %d: want 1 or more", minSize)
	}
	start := time.Now()
	gr, err := group(e, fs.Args(), rf, gf, *format == "json" || *withLineage)
	if err != nil {
		return err
	}
	gr.MinSize = minSize
	var groups []selection.Group
	var store selection.Store
	if *withLineage {
		groups, store = selection.RunGroups(gr.Result)
	}
	switch {
	case len(groups) > 0 && f == listing.JSON:
		// The JSON document holds the reports in its "lineage" list,
		// each written as soon as it is analyzed.
		err = gr.WriteJSON(e.stdout, func(w io.Writer) error {
			lw := render.NewListWriter(w, len(groups))
			if err := streamLineage(e, rf.quiet, store, groups, "", lw.Write); err != nil {
				return err
			}
			return lw.Close()
		})
	default:
		err = gr.Write(e.stdout, f)
	}
	if err != nil {
		return err
	}
	if len(groups) > 0 && f == listing.Table {
		// The lineage tables follow the groups after a blank line, each
		// written as soon as it is analyzed.
		fmt.Fprintln(e.stdout)
		w, err := render.NewWriter(e.stdout, "table", "", len(groups))
		if err != nil {
			return err
		}
		if err := streamLineage(e, rf.quiet, store, groups, "", w.Write); err != nil {
			return err
		}
		if err := w.Close(); err != nil {
			return err
		}
	}
	if !rf.quiet {
		sum := gr.Summary(gr.update, rf.fallback(), time.Since(start), gr.dominant)
		if gf.inputOnly {
			sum += "; grouped alone: the index's groups are as they were, and its next run groups these articles with them"
		}
		fmt.Fprintln(e.stderr, sum)
	}
	if *timings {
		fmt.Fprintf(e.stderr, "%s%s\n", progress.StagesPrefix, progress.Times(gr.stages))
	}
	return checkStrict(rf, gr.Stats)
}

// fromOtherFiles tells of the indexed articles replaced by articles of
// their IDs read from other files, which may be other articles that got
// the same IDs from files of one name.
func fromOtherFiles(rs []dedup.Replacement) string {
	const shown = 3
	var b strings.Builder
	if len(rs) == 1 {
		b.WriteString("wirediff: 1 indexed article replaced by an article of its ID read from another file:")
	} else {
		fmt.Fprintf(&b, "wirediff: %d indexed articles replaced by articles of their IDs read from other files:", len(rs))
	}
	for i, r := range rs[:min(len(rs), shown)] {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, " %s (read from %s, now from %s)", r.ID, r.Was, r.Now)
	}
	if len(rs) > shown {
		fmt.Fprintf(&b, ", … %d more", len(rs)-shown)
	}
	b.WriteString("; an article without an id of its own is named by its file's name and line, so that a file of the same name read in another run gives its records the same IDs: give such records ids of their own to keep both")
	return b.String()
}

// isDir reports whether path is an existing directory.
func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// parseFormat parses --format among allowed (every listing format when
// none are given); a name it does not know is a usage error.
func parseFormat(s string, allowed ...listing.Format) (listing.Format, error) {
	f, err := listing.ParseFormat(s, allowed...)
	if err != nil {
		return "", cli.Usagef("--format %q: want %s", s, listing.Names(allowed...))
	}
	return f, nil
}

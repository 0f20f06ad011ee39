package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/wirediff/wirediff/internal/cli"
	"github.com/wirediff/wirediff/internal/progress"
	"github.com/wirediff/wirediff/lineage/outlets"
	"github.com/wirediff/wirediff/lineage/render"
	"github.com/wirediff/wirediff/lineage/selection"
	"github.com/wirediff/wirediff/listing"
)

func cmdLineage(e *env, args []string) error {
	fs := cli.NewFlagSet("lineage")
	dir := indexFlag(fs)
	format := fs.StringP("format", "f", "table", "output format: table, json, jsonl or html")
	out := fs.String("out", "", "write one HTML page per group into `DIR` (--format html only; default: stdout, for one group)")
	source := fs.String("source", "", "use article `ID` as the reference instead of inferring it")
	limit := fs.IntP("limit", "n", defaultLineageLimit, "with no argument, the rewrite groups to report, largest first (0 = all)")
	profile := fs.String("cpuprofile", "", "write a CPU profile to `FILE`")
	quiet := fs.BoolP("quiet", "q", false, "show no progress line on stderr")
	byOutlet := fs.Bool("by-outlet", false, "sum the reports outlet by outlet: a row per outlet (also --format csv or tsv)")
	if err := parseFlags(e, fs, usage("lineage"), args); err != nil {
		return err
	}
	var tallyFormat listing.Format
	switch {
	case *byOutlet:
		f, err := parseFormat(*format)
		if err != nil {
			return err
		}
		tallyFormat = f
		if *out != "" {
			return cli.Usagef("--out writes HTML pages of the reports; --by-outlet writes one list to stdout")
		}
	case *format == "table", *format == "json", *format == "jsonl", *format == "html":
	default:
		return cli.Usagef("--format %q: want table, json, jsonl or html", *format)
	}
	if *out != "" && *format != "html" {
		return cli.Usagef("--out writes HTML pages: add --format html, or redirect the %s output to a file", *format)
	}
	if *limit < 0 {
		return cli.Usagef("--limit must not be negative")
	}
	stop, err := cli.StartProfile(*profile)
	if err != nil {
		return err
	}
	defer stop()
	ix, err := openIndex(*dir)
	if err != nil {
		return err
	}
	defer ix.Close()
	groups, err := selection.Resolve(ix, fs.Args(), *source)
	if se := (*selection.Error)(nil); errors.As(err, &se) {
		if se.Usage {
			return cli.Usagef("%v", se)
		}
		return cli.WithStatus(err, 2)
	} else if err != nil {
		return err
	}
	if fs.NArg() == 0 && *source == "" && *limit > 0 && len(groups) > *limit {
		fmt.Fprintf(e.stderr, "wirediff: %s of two or more articles; the %d largest reported (--limit 0 reports all)\n", listing.Plural(len(groups), "rewrite group"), *limit)
		groups = groups[:*limit]
	}
	for _, g := range groups {
		if g.Note != "" {
			fmt.Fprintln(e.stderr, "wirediff: "+g.Note)
		}
	}
	if *byOutlet {
		tally, err := outlets.New()
		if err != nil {
			return err
		}
		if err := streamLineage(e, *quiet, ix, groups, *source, func(r render.Named) error {
			tally.Add(r.Report)
			return nil
		}); err != nil {
			return err
		}
		return listing.OutletList(tally.Rows()).Write(e.stdout, tallyFormat)
	}
	w, err := render.NewWriter(e.stdout, *format, *out, len(groups))
	if errors.Is(err, render.ErrPagesNeedDir) {
		return cli.Usagef("--format html with %d groups: give --out DIR for one page per group", len(groups))
	} else if err != nil {
		return err
	}
	if err := streamLineage(e, *quiet, ix, groups, *source, w.Write); err != nil {
		return err
	}
	return w.Close()
}

// errWrite marks the error of a write in streamLineage's.
var errWrite = errors.New("writing the report")

// streamLineage writes the lineage reports of groups with write, each as soon
// as it and those before it are analyzed, and then lets it go, counting
// them on stderr when it is a terminal and stdout is not (the reports
// would break the line), unless quiet. source, when set, is every group's
// reference. A group that could not be analyzed is exit status 2, a
// failed write 1.
func streamLineage(e *env, quiet bool, ix selection.Store, groups []selection.Group, source string, write func(render.Named) error) error {
	show := e.stderrIsTerminal && !quiet && len(groups) > 1 && !cli.IsTerminal(e.stdout)
	prog := progress.NewCounter(e.stderr, show, "lineage", "groups", len(groups))
	defer prog.Done()
	err := selection.Stream(context.Background(), ix, groups, selection.StreamOptions{Source: source}, func(r render.Named) error {
		prog.Add(1)
		if err := write(r); err != nil {
			return fmt.Errorf("%w: %w", errWrite, err)
		}
		return nil
	})
	if err != nil && !errors.Is(err, errWrite) {
		return cli.WithStatus(err, 2)
	}
	return err
}

// defaultLineageLimit bounds the groups 'wirediff lineage' reports with no
// argument, unless --limit says otherwise: the reports of every rewrite
// group of a large index are long to read, and take a while to analyze.
const defaultLineageLimit = 20

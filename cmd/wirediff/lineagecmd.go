package main

import (
	"errors"
	"fmt"

	"github.com/wirediff/wirediff/internal/cli"
	"github.com/wirediff/wirediff/lineage/render"
	"github.com/wirediff/wirediff/lineage/selection"
	"github.com/wirediff/wirediff/listing"
)

func cmdLineage(e *env, args []string) error {
	fs := cli.NewFlagSet("lineage")
	dir := indexFlag(fs)
	format := fs.StringP("format", "f", "table", "output format: table, json or html")
	out := fs.String("out", "", "write one HTML page per group into `DIR` (--format html only; default: stdout, for one group)")
	source := fs.String("source", "", "use article `ID` as the reference instead of inferring it")
	limit := fs.IntP("limit", "n", defaultLineageLimit, "with no argument, the rewrite groups to report, largest first (0 = all)")
	profile := fs.String("cpuprofile", "", "write a CPU profile to `FILE`")
	if err := parseFlags(e, fs, usage("lineage"), args); err != nil {
		return err
	}
	switch *format {
	case "table", "json", "html":
	default:
		return cli.Usagef("--format %q: want table, json or html", *format)
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
	reports, err := selection.Analyze(ix, groups, *source)
	if err != nil {
		return cli.WithStatus(err, 2)
	}
	err = render.Write(e.stdout, *format, *out, reports)
	if errors.Is(err, render.ErrPagesNeedDir) {
		return cli.Usagef("--format html with %d groups: give --out DIR for one page per group", len(reports))
	}
	return err
}

// defaultLineageLimit bounds the groups 'wirediff lineage' reports with no
// argument, unless --limit says otherwise: every report holds its
// members' texts in memory until it is written.
const defaultLineageLimit = 20

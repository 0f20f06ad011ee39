package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/lineage/render"
	"github.com/wirediff/wirediff/lineage/selection"
)

const lineageUsage = `Usage: wirediff lineage [flags] [GROUP | ID...]

Reports, member by member, what each article of a group kept, added,
dropped and editorialized against the group's reference: its source (given
with --source or inferred: earliest and most contained in the others) or,
when no member is the source, the consensus of the members.

GROUP is a group label from 'wirediff dedup' or 'wirediff groups' (e.g.
r:000_4bd703d3e122696c); two or more article IDs make an ad-hoc group
(one ID is not enough: a lineage compares articles). With no argument,
the rewrite groups of two or more articles are reported, largest first:
the first 20 unless --limit says otherwise (--limit 0 reports every one;
each report holds the texts of its group, so an archive's tens of
thousands of groups take memory in proportion); with --source ID alone,
that article's rewrite group. A story group (s:...) holds
independent reports of one story, so it is reported per rewrite group. A
pair with no source is reported both ways, each against the other.

--format json writes one document whatever the number of groups, its
reports in a "lineage" list, each with its "group" (the label, or "ids"
for article IDs), as in 'wirediff dedup --lineage --format json'.
--out DIR writes one HTML page per group and is for --format html only
(table and JSON go to stdout: redirect it to write them to a file). A
page is named after its group, in lower case with '_' for characters a
file name may not hold, and a hash of the label that keeps every group's
page apart: r_000_4bd703d3e122696c-<16 hex digits>.html; index.html lists
the groups with their members, outlets and headline figures and links
every page. The paths written are printed.

Examples:
  wirediff dedup testdata/seeds && wirediff lineage
  wirediff lineage --format json r:000_4bd703d3e122696c
  wirediff lineage --format html --out report/ r:000_4bd703d3e122696c
  wirediff lineage --source 000_4bd703d3e122696c 000_4bd703d3e122696c 002_ac49a336ca4eb3e9
  wirediff lineage --source 000_4bd703d3e122696c
`

func cmdLineage(e *env, args []string) error {
	fs := pflag.NewFlagSet("lineage", pflag.ContinueOnError)
	dir := fs.String("index", index.DefaultDir, "index directory")
	lf := lineageFlags{}
	lf.register(fs)
	limit := fs.IntP("limit", "n", defaultLineageLimit, "with no argument, the rewrite groups to report, largest first (0 = all)")
	if err := parseFlags(e, fs, lineageUsage, args); err != nil {
		return err
	}
	if err := lf.check(); err != nil {
		return err
	}
	if *limit < 0 {
		return usagef("--limit must not be negative")
	}
	ix, err := openIndex(*dir)
	if err != nil {
		return err
	}
	defer ix.Close()
	groups, err := selection.Resolve(ix, fs.Args(), lf.source)
	if se := (*selection.Error)(nil); errors.As(err, &se) {
		if se.Usage {
			return usagef("%v", se)
		}
		return cliError{err, 2}
	} else if err != nil {
		return err
	}
	if fs.NArg() == 0 && lf.source == "" && *limit > 0 && len(groups) > *limit {
		fmt.Fprintf(e.stderr, "wirediff: %s of two or more articles; the %d largest reported (--limit 0 reports all)\n", plural(len(groups), "rewrite group"), *limit)
		groups = groups[:*limit]
	}
	for _, g := range groups {
		if g.Note != "" {
			fmt.Fprintln(e.stderr, "wirediff: "+g.Note)
		}
	}
	reports, err := selection.Analyze(ix, groups, lf.source)
	if err != nil {
		return cliError{err, 2}
	}
	return lf.write(e.stdout, reports)
}

// defaultLineageLimit bounds the groups 'wirediff lineage' reports with no
// argument, unless --limit says otherwise: every report holds its
// members' texts in memory until it is written.
const defaultLineageLimit = 20

type lineageFlags struct {
	format, out, source string
}

func (l *lineageFlags) register(fs *pflag.FlagSet) {
	fs.StringVarP(&l.format, "format", "f", "table", "output format: table, json or html")
	fs.StringVar(&l.out, "out", "", "write one HTML page per group into `DIR` (--format html only; default: stdout, for one group)")
	fs.StringVar(&l.source, "source", "", "use article `ID` as the reference instead of inferring it")
}

func (l *lineageFlags) check() error {
	switch l.format {
	case "table", "json", "html":
	default:
		return usagef("--format %q: want table, json or html", l.format)
	}
	if l.out != "" && l.format != "html" {
		return usagef("--out writes HTML pages: add --format html, or redirect the %s output to a file", l.format)
	}
	return nil
}

// write writes reports in the format the flags ask for (see render.Write).
func (l *lineageFlags) write(w io.Writer, reports []render.Named) error {
	err := render.Write(w, l.format, l.out, reports)
	if errors.Is(err, render.ErrPagesNeedDir) {
		return usagef("--format html with %d groups: give --out DIR for one page per group", len(reports))
	}
	return err
}

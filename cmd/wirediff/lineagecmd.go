package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/wirediff/wirediff/lineage/render"
	"github.com/wirediff/wirediff/lineage/selection"
)

func cmdLineage(e *env, args []string) error {
	fs := newFlagSet("lineage")
	dir := indexFlag(fs)
	lf := lineageFlags{}
	lf.register(fs)
	if err := parseFlags(e, fs, usage("lineage"), args); err != nil {
		return err
	}
	if err := lf.check(); err != nil {
		return err
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

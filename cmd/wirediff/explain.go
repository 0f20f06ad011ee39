package main

import (
	"errors"
	"fmt"

	"github.com/wirediff/wirediff/explain"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/internal/cli"
	"github.com/wirediff/wirediff/listing"
	"github.com/wirediff/wirediff/neardup"
)

func cmdExplain(e *env, args []string) error {
	fs := cli.NewFlagSet("explain")
	dir := indexFlag(fs)
	format := formatFlag(fs, listing.Table, listing.JSON)
	if err := parseFlags(e, fs, usage("explain"), args); err != nil {
		return err
	}
	f, err := parseFormat(*format, listing.Table, listing.JSON)
	if err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return cli.Usagef("explain: want two article IDs, got %d", fs.NArg())
	}
	a, b := fs.Arg(0), fs.Arg(1)
	if a == b {
		return cli.Usagef("explain: %q given twice: name two different articles", a)
	}
	ix, err := openIndex(*dir)
	if err != nil {
		return err
	}
	defer ix.Close()
	finder, err := neardup.OpenFinder(ix)
	if err != nil {
		return err
	}
	ex, err := explain.Pair(ix, finder, a, b)
	if errors.Is(err, index.ErrNoID) {
		if g, gerr := ix.Grouping(); gerr == nil {
			if id, ms := groupNamed(g, []string{a, b}); id != "" {
				return cli.WithStatus(fmt.Errorf("explain: %q is a group of %s, not an article: name two articles, such as its first, %s ('wirediff show %s' lists them)",
					id, listing.Plural(len(ms), "article"), ms[0], ms[0]), 2)
			}
		}
		return cli.WithStatus(err, 2)
	} else if err != nil {
		return err
	}
	if f == listing.JSON {
		if err := listing.NewEncoder(e.stdout, true).Encode(ex); err != nil {
			return fmt.Errorf("explain: writing JSON: %w", err)
		}
		return nil
	}
	return ex.WriteTable(e.stdout)
}

package main

import (
	"errors"
	"fmt"

	"github.com/wirediff/wirediff/explain"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/listing"
	"github.com/wirediff/wirediff/neardup"
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

func cmdExplain(e *env, args []string) error {
	fs := newFlagSet("explain")
	dir := indexFlag(fs)
	format := formatFlag(fs, listing.Table, listing.JSON)
	if err := parseFlags(e, fs, explainUsage, args); err != nil {
		return err
	}
	f, err := parseFormat(*format, listing.Table, listing.JSON)
	if err != nil {
		return err
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
	finder, err := neardup.OpenFinder(ix)
	if err != nil {
		return err
	}
	ex, err := explain.Pair(ix, finder, a, b)
	if errors.Is(err, index.ErrNoID) {
		return cliError{err, 2}
	} else if err != nil {
		return err
	}
	if f == listing.JSON {
		if err := newJSONEncoder(e.stdout, true).Encode(ex); err != nil {
			return fmt.Errorf("explain: writing JSON: %w", err)
		}
		return nil
	}
	return ex.WriteTable(e.stdout)
}

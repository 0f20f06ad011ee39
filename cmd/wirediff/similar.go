package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/internal/cli"
	"github.com/wirediff/wirediff/listing"
	"github.com/wirediff/wirediff/neardup"
)

func cmdSimilar(e *env, args []string) error {
	fs := cli.NewFlagSet("similar")
	dir := indexFlag(fs)
	var rf readFlags
	rf.register(fs, false)
	format := formatFlag(fs)
	limit := fs.IntP("limit", "n", 10, "near-duplicates to list per article")
	all := fs.Bool("all", false, "also list candidates that join no level")
	ncand := fs.Int("candidates", 50, "candidates to score per article")
	passages := fs.Int("passages", 3, "shared passages to list per near-duplicate")
	add := fs.Bool("add", false, "add new articles to the index, with the groups they join")
	if err := parseFlags(e, fs, usage("similar"), args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return cli.Usagef("similar: want one ID, FILE or -")
	}
	f, err := parseFormat(*format)
	if err != nil {
		return err
	}
	if *limit <= 0 || *ncand <= 0 || *passages < 0 {
		return cli.Usagef("--limit and --candidates must be positive, --passages not negative")
	}
	if err := rf.check(); err != nil {
		return err
	}
	var ix *index.Index
	if *add {
		ix, err = openWriter(e, *dir, false)
	} else {
		ix, err = openIndex(*dir)
	}
	if err != nil {
		return err
	}
	// An --add that fails before it commits changes nothing.
	committed := false
	defer func() {
		if *add && !committed {
			ix.Abort()
			return
		}
		ix.Close()
	}()
	qs, err := similarQueries(e, ix, *dir, fs.Arg(0), rf)
	if err != nil {
		return err
	}
	gi, err := loadGroups(ix)
	if err != nil {
		return err
	}
	finder, err := neardup.OpenFinder(ix)
	if err != nil {
		return err
	}
	var adder *neardup.Adder
	if *add {
		// Nothing is added when one of the articles is a new version of
		// one the groups hold: dedup replaces it and regroups its groups.
		var held []string
		for _, q := range qs {
			if !q.Indexed && neardup.Grouped(gi, q.Article.ID) {
				held = append(held, q.Article.ID)
			}
		}
		if len(held) > 0 {
			them, their := "them", "their"
			if len(held) == 1 {
				them, their = "it", "its"
			}
			return cli.WithStatus(fmt.Errorf("similar --add: %s %s grouped in %s with another text: nothing added ('wirediff dedup' replaces %s and regroups %s groups)",
				strings.Join(quoteAll(held), ", "), isAre(len(held)), *dir, them, their), 2)
		}
		w, err := ix.NewWriter()
		if err != nil {
			return err
		}
		adder = neardup.NewAdder(finder, w, gi)
	}
	outs, found, err := listing.Similar(finder, qs, neardup.NearOptions{Candidates: *ncand, Limit: *limit, All: *all, Add: adder}, gi, *passages)
	if err != nil {
		return err
	}
	if *add {
		// Committed before anything is printed: what says an article
		// was added is true for every reader of the index.
		if err := ix.WriteGrouping(gi); err != nil {
			return err
		}
		if err := ix.Close(); err != nil {
			return err
		}
		committed = true
	}
	if err := listing.WriteSimilar(e.stdout, f, outs); err != nil {
		return err
	}
	if !found {
		return cli.ExitStatus(1)
	}
	return nil
}

// similarQueries reads the articles to look up (see neardup.ReadQueries).
func similarQueries(e *env, ix *index.Index, dir, arg string, rf readFlags) ([]neardup.Query, error) {
	rf.exclude = append(rf.exclude, dir) // an index inside a directory read is not input
	opt, err := rf.options()
	if err != nil {
		return nil, err
	}
	opt.Stdin = e.stdin
	rf.report(e, &opt, nil)
	qs, st, err := neardup.ReadQueries(ix, arg, opt)
	if errors.Is(err, neardup.ErrNotFound) {
		if g, gerr := ix.Grouping(); gerr == nil {
			if id, ms := groupNamed(g, []string{arg}); id != "" {
				return nil, cli.WithStatus(fmt.Errorf("similar: %q is a group of %s in %s, not an article: give one of them, such as its first, %s",
					id, listing.Plural(len(ms), "article"), dir, ms[0]), 2)
			}
		}
		return nil, cli.WithStatus(fmt.Errorf("similar: %q is neither an article in %s nor a file", arg, dir), 2)
	} else if err != nil {
		return nil, err
	}
	if err := checkStrict(rf, st); err != nil {
		return nil, err
	}
	if len(qs) == 0 {
		return nil, cli.WithStatus(fmt.Errorf("similar: no article in %s", arg), 2)
	}
	return qs, nil
}

// quoteAll returns each of ss quoted.
func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}

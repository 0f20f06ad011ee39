package main

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/pflag"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/internal/cli"
	"github.com/wirediff/wirediff/listing"
)

// filterFlags are the metadata filters of search and groups.
type filterFlags struct {
	outlets      []string
	since, until string
}

func (f *filterFlags) register(fs *pflag.FlagSet) {
	fs.StringArrayVar(&f.outlets, "outlet", nil, "keep articles from this `OUTLET` (any case; an outlet's other names match too: Fox is fox and Fox News; repeatable or comma-separated)")
	fs.StringVar(&f.since, "since", "", "keep articles published on or after `DATE` (e.g. 2025-11-01)")
	fs.StringVar(&f.until, "until", "", "keep articles published on or before `DATE` (a day includes all of it)")
}

// filter returns the filter the flags ask for; a bad date is a usage
// error.
func (f *filterFlags) filter() (index.Filter, error) {
	out, err := index.ParseFilter(f.outlets, f.since, f.until)
	if fe := (*index.FilterError)(nil); errors.As(err, &fe) {
		return out, cli.Usagef("%s", fe.Named("--"))
	}
	return out, err
}

// noteOutlets says on stderr which stored outlets the --outlet names
// match, when that is not the names as given (see listing.NoteOutlets).
func noteOutlets(e *env, ix *index.Index, names []string) error {
	note, err := listing.NoteOutlets(ix, names)
	if note != "" {
		fmt.Fprintln(e.stderr, "wirediff: "+note)
	}
	return err
}

// openIndex opens dir read-only; a missing or unreadable index is exit
// status 2.
func openIndex(dir string) (*index.Index, error) {
	ix, err := index.Open(dir, index.Options{ReadOnly: true})
	if err != nil {
		return nil, indexStatus(err)
	}
	return ix, nil
}

// dashHint adds to err, a mistake in search's command line, that a query
// word after a minus among args ("-Gaza") was read as flags ("-G", or
// "-f ox" for -fox): the query syntax's "not" is a flag's dash to the
// shell.
func dashHint(err error, args []string) error {
	for _, a := range args {
		if a == "--" {
			break
		}
		if r, _ := utf8.DecodeRuneInString(strings.TrimPrefix(a, "-")); len(a) > 2 && a[0] == '-' && unicode.IsLetter(r) {
			return cli.Usagef("%v (%s was read as flags, not as a query word: quote the query, or end the flags with --: wirediff search [flags] -- QUERY)", err, a)
		}
	}
	return err
}

func cmdSearch(e *env, args []string) error {
	fs := cli.NewFlagSet("search")
	dir := indexFlag(fs)
	var ff filterFlags
	ff.register(fs)
	collapse := fs.String("collapse", "", "one line per group at this level: copy, rewrite or story")
	limit := fs.IntP("limit", "n", 10, "hits (or groups) to print")
	offset := fs.Int("offset", 0, "hits (or groups) to skip")
	maxTerms := fs.Int("max-terms", index.DefaultMaxTerms, "most words the query may expand to (wildcards, prefixes, regexps, fuzzy terms; 0 = no limit)")
	format := formatFlag(fs)
	color := fs.String("color", "auto", "highlight with ANSI colours in table output: auto, always or never")
	if err := parseFlags(e, fs, fmt.Sprintf(usage("search"), strings.Join(index.Fields, ", ")), args); err != nil {
		return dashHint(err, args)
	}
	if fs.NArg() == 0 {
		return cli.Usagef("search: no query (quote it: wirediff search '\"peace plan\" +Witkoff')")
	}
	text := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(text) == "" {
		return cli.Usagef("search: empty query (to list articles, use 'wirediff groups --min-size 1')")
	}
	f, err := parseFormat(*format)
	if err != nil {
		return dashHint(err, args)
	}
	if *limit <= 0 || *offset < 0 || *maxTerms < 0 {
		return dashHint(cli.Usagef("--limit must be positive, --offset and --max-terms not negative"), args)
	}
	if fs.Changed("color") && f != listing.Table {
		return cli.Usagef("--color applies to --format table only")
	}
	var marks index.Marks // none outside tables
	if f == listing.Table {
		if marks, err = listing.TableMarks(*color, cli.IsTerminal(e.stdout)); err != nil {
			return cli.Usagef("--%v", err)
		}
	}
	level := cluster.Rewrite // the level of each hit's group, as dedup lists them
	if *collapse != "" {
		l, err := cluster.ParseLevel(*collapse)
		if err != nil {
			return cli.Usagef("--collapse: %v", err)
		}
		level = l
	}
	filter, err := ff.filter()
	if err != nil {
		return err
	}
	if _, err := index.ParseQuery(text); err != nil {
		return cli.WithStatus(err, 2)
	}
	bound := *maxTerms
	if bound == 0 {
		bound = index.NoMaxTerms
	}
	ix, err := index.Open(*dir, index.Options{ReadOnly: true, MaxTerms: bound})
	if err != nil {
		return cli.WithStatus(err, 2)
	}
	defer ix.Close()
	if err := noteOutlets(e, ix, filter.Outlets); err != nil {
		return err
	}

	start := time.Now()
	out := listing.Search{Query: text, Offset: *offset, Limit: *limit, Collapse: *collapse}
	gi, err := loadGroups(ix)
	if err != nil {
		return err
	}
	if *collapse != "" {
		if gi.Len() == 0 {
			fmt.Fprintf(e.stderr, "wirediff: --collapse: index %s has no groups yet, so every hit is a group of one; run 'wirediff dedup --index %s' to group the articles it holds\n", *dir, *dir)
		}
	}
	if err := out.Run(ix, filter, marks, gi, level); err != nil {
		return searchError(err)
	}
	if err := out.Write(e.stdout, f); err != nil {
		return err
	}
	if f == listing.Table {
		fmt.Fprintln(e.stderr, out.Summary(time.Since(start)))
	}
	if out.Total == 0 {
		return cli.ExitStatus(1)
	}
	return nil
}

func searchError(err error) error {
	if errors.Is(err, index.ErrTooManyTerms) {
		return cli.WithStatus(fmt.Errorf("%w, or raise --max-terms", err), 2)
	}
	if errors.Is(err, index.ErrQuery) {
		return cli.WithStatus(err, 2)
	}
	return err
}

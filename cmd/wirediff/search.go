package main

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/listing"
)

// searchUsage lists the fields of index.Fields, those a query may name.
var searchUsage = fmt.Sprintf(searchUsageFormat, strings.Join(index.Fields, ", "))

const searchUsageFormat = `Usage: wirediff search [flags] QUERY

Full-text search over the index (default ./wirediff.index), best first,
each hit with the passage of its text that matches best. QUERY is in
bleve's query-string syntax:

  peace plan            either word (hits with both rank higher)
  "peace plan"          the phrase
  +Witkoff -Gaza        must have Witkoff, must not have Gaza
  title:ceasefire       a word in the title; fields:
                        %s
  outlet:fox            an exact outlet

There is no grouping: a parenthesis outside quotes is a query error (escape
it as \( to keep it), as is an unknown field (a colon in pasted text names
a field: quote the text or escape the colon as \:). So are Lucene's
operators, which this syntax would read as words; the error says what to
write instead: AND or && (+a +b), OR or || (a b), NOT or ! (a -b), and
[a TO b] ranges (+published:>="2025-11-01" +published:<="2025-11-30", or
--since and --until). Lower-case and, or and not are words, and quoted
text is text.

Every listing is bounded: --limit hits (or groups) at a time, and a query
expands to at most --max-terms words: a wildcard, prefix, regexp or fuzzy
term (pol*, /pol.ce/, police~1) matches the words of the index that fit
it, and one that fits more is refused at once (a bare * fits every word:
to list articles, use 'wirediff groups --min-size 1').

Exit status: 0 when something matched, 1 when nothing did, 2 on errors
(a malformed query among them).

Examples:
  wirediff search '"peace plan" +Witkoff'
  wirediff search --outlet fox --since 2025-11-01 Ukraine
  wirediff search --collapse story --format json 'Cheney marriage'
`

// markers for highlighted terms in table output.
var (
	guillemets = index.Marks{Before: "«", After: "»"}
	ansiMarks  = index.Marks{Before: "\x1b[1;33m", After: "\x1b[0m"}
	noMarks    = index.Marks{}
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

func (f *filterFlags) filter() (index.Filter, error) {
	var out index.Filter
	for _, o := range f.outlets {
		for _, p := range strings.Split(o, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out.Outlets = append(out.Outlets, p)
			}
		}
	}
	var err error
	if out.Since, err = parseDateFlag("since", f.since, false); err != nil {
		return out, err
	}
	if out.Until, err = parseDateFlag("until", f.until, true); err != nil {
		return out, err
	}
	if !out.Since.IsZero() && !out.Until.IsZero() && out.Until.Before(out.Since) {
		return out, usagef("--until %s is before --since %s", f.until, f.since)
	}
	return out, nil
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

// parseDateFlag parses a date flag; a bare day as an upper bound means
// its last instant.
func parseDateFlag(name, s string, end bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, ok := corpus.ParseDate(s)
	if !ok {
		return time.Time{}, usagef("--%s %q: not a date (want e.g. 2025-11-18 or 2025-11-18T09:30:00Z)", name, s)
	}
	if end && t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		t = t.Add(24*time.Hour - time.Nanosecond)
	}
	return t, nil
}

// openIndex opens dir read-only; a missing or unreadable index is exit
// status 2.
func openIndex(dir string) (*index.Index, error) {
	ix, err := index.Open(dir, index.Options{ReadOnly: true})
	if err != nil {
		return nil, cliError{err, 2}
	}
	return ix, nil
}

func cmdSearch(e *env, args []string) error {
	fs := pflag.NewFlagSet("search", pflag.ContinueOnError)
	dir := fs.String("index", index.DefaultDir, "index directory")
	var ff filterFlags
	ff.register(fs)
	collapse := fs.String("collapse", "", "one line per group at this level: copy, rewrite or story")
	limit := fs.IntP("limit", "n", 10, "hits (or groups) to print")
	offset := fs.Int("offset", 0, "hits (or groups) to skip")
	maxTerms := fs.Int("max-terms", index.DefaultMaxTerms, "most words the query may expand to (wildcards, prefixes, regexps, fuzzy terms; 0 = no limit)")
	format := fs.StringP("format", "f", "table", "output format: "+listing.Names())
	color := fs.String("color", "auto", "highlight with ANSI colours in table output: auto, always or never")
	if err := parseFlags(e, fs, searchUsage, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("search: no query (quote it: wirediff search '\"peace plan\" +Witkoff')")
	}
	text := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(text) == "" {
		return usagef("search: empty query (to list articles, use 'wirediff groups --min-size 1')")
	}
	f, err := parseFormat(*format)
	if err != nil {
		return err
	}
	if *limit <= 0 || *offset < 0 || *maxTerms < 0 {
		return usagef("--limit must be positive, --offset and --max-terms not negative")
	}
	if fs.Changed("color") && f != listing.Table {
		return usagef("--color applies to --format table only")
	}
	marks := noMarks
	if f == listing.Table {
		switch *color {
		case "always":
			marks = ansiMarks
		case "never":
			marks = guillemets
		case "auto":
			marks = guillemets
			if isTerminal(e.stdout) {
				marks = ansiMarks
			}
		default:
			return usagef("--color %q: want auto, always or never", *color)
		}
	}
	var level cluster.Level
	if *collapse != "" {
		l, err := cluster.ParseLevel(*collapse)
		if err != nil {
			return usagef("--collapse: %v", err)
		}
		level = l
	}
	filter, err := ff.filter()
	if err != nil {
		return err
	}
	if _, err := index.ParseQuery(text); err != nil {
		return cliError{err, 2}
	}
	bound := *maxTerms
	if bound == 0 {
		bound = index.NoMaxTerms
	}
	ix, err := index.Open(*dir, index.Options{ReadOnly: true, MaxTerms: bound})
	if err != nil {
		return cliError{err, 2}
	}
	defer ix.Close()
	if err := noteOutlets(e, ix, filter.Outlets); err != nil {
		return err
	}

	start := time.Now()
	out := listing.Search{Query: text, Offset: *offset, Limit: *limit, Collapse: *collapse}
	var gi *index.Grouping
	if *collapse != "" {
		if gi, err = loadGroups(ix); err != nil {
			return err
		}
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
		return exitStatus(1)
	}
	return nil
}

func searchError(err error) error {
	if errors.Is(err, index.ErrTooManyTerms) {
		return cliError{fmt.Errorf("%w, or raise --max-terms", err), 2}
	}
	if errors.Is(err, index.ErrQuery) {
		return cliError{err, 2}
	}
	return err
}

func plural(n int, what string) string { return listing.Plural(n, what) }

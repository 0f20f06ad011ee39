package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/listing"
	"github.com/wirediff/wirediff/neardup"
)

const similarUsage = `Usage: wirediff similar [flags] ID|FILE|-

Lists the near-duplicates of an indexed article (by ID), or of new
articles in FILE or on stdin (- : JSON lines, or plain text), best first:
each with the level it would join (copy, rewrite or story, by the
thresholds of 'wirediff dedup'), the scores behind it and the passages
the two share. New articles are not added to the index unless --add,
which places each among the groups of the last grouping as average link
would place it alone (its mean similarity to a group's members, not its
best match, decides), without grouping the index again; each is indexed
before the next is placed, so new articles can join one another.

Candidates are the best matches of a more-like-this query of the
article's heaviest terms (--candidates of them); a copy shares those
terms, so it is among them.

Exit status: 0 when something was found, 1 when nothing was, 2 on errors.

Examples:
  wirediff similar 000_4bd703d3e122696c
  wirediff similar --format json draft.txt
  curl -s https://example.com/feed.jsonl | wirediff similar --add -
`

func cmdSimilar(e *env, args []string) error {
	fs := pflag.NewFlagSet("similar", pflag.ContinueOnError)
	dir := fs.String("index", index.DefaultDir, "index directory")
	var rf readFlags
	rf.register(fs)
	format := fs.StringP("format", "f", "table", "output format: "+listing.Names())
	limit := fs.IntP("limit", "n", 10, "near-duplicates to list per article")
	all := fs.Bool("all", false, "also list candidates that join no level")
	ncand := fs.Int("candidates", 50, "candidates to score per article")
	passages := fs.Int("passages", 3, "shared passages to list per near-duplicate")
	add := fs.Bool("add", false, "add new articles to the index, with the groups they join")
	if err := parseFlags(e, fs, similarUsage, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("similar: want one ID, FILE or -")
	}
	f, err := parseFormat(*format)
	if err != nil {
		return err
	}
	if *limit <= 0 || *ncand <= 0 || *passages < 0 {
		return usagef("--limit and --candidates must be positive, --passages not negative")
	}
	if err := rf.check(); err != nil {
		return err
	}
	var ix *index.Index
	if *add {
		s, serr := dedup.DefaultScheme()
		if serr != nil {
			return serr
		}
		ix, err = index.Open(*dir, index.Options{Meta: s.Meta()})
		if err != nil {
			err = cliError{err, 2}
		}
	} else {
		ix, err = openIndex(*dir)
	}
	if err != nil {
		return err
	}
	defer ix.Close()
	qs, err := similarQueries(e, ix, *dir, fs.Arg(0), rf)
	if err != nil {
		return err
	}
	gi, err := loadGroups(ix)
	if err != nil {
		return err
	}
	finder, err := newFinder(ix)
	if err != nil {
		return err
	}
	var adder *neardup.Adder
	if *add {
		w, err := ix.NewWriter()
		if err != nil {
			return err
		}
		adder = neardup.NewAdder(finder, w, gi)
	}
	var outs []listing.Query
	found := false
	for _, q := range qs {
		near, err := finder.Near(&q, neardup.NearOptions{Candidates: *ncand, Limit: *limit, All: *all, Add: adder})
		if err != nil {
			return err
		}
		o := listing.Query{Article: listing.NewArticle(&q.Article), Indexed: q.Indexed, Candidates: near.Candidates, AddedTo: near.Added}
		for _, h := range near.Hits {
			group := ""
			if h.Joins {
				group, _ = gi.Group(h.ID, h.Level)
			}
			o.Near = append(o.Near, listing.NewNear(&q.Article, h, group, *passages))
		}
		found = found || len(near.Hits) > 0
		outs = append(outs, o)
	}
	if *add {
		if err := ix.WriteGroups(gi.Assignments()); err != nil {
			return err
		}
	}
	if err := listing.WriteSimilar(e.stdout, f, outs); err != nil {
		return err
	}
	if !found {
		return exitStatus(1)
	}
	return nil
}

// similarQueries resolves the argument: "-" reads stdin, an indexed ID
// is that article, anything else must be a file or directory of articles.
func similarQueries(e *env, ix *index.Index, dir, arg string, rf readFlags) ([]neardup.Query, error) {
	if arg != "-" {
		if ent, err := ix.Get(arg); err == nil {
			return []neardup.Query{{Article: ent.Article, Indexed: true}}, nil
		} else if !errors.Is(err, index.ErrNoID) {
			return nil, err
		}
		if _, err := os.Stat(arg); err != nil {
			return nil, cliError{fmt.Errorf("similar: %q is neither an article in %s nor a file", arg, dir), 2}
		}
	}
	opt, err := rf.options()
	if err != nil {
		return nil, err
	}
	opt.Stdin = e.stdin
	rf.report(e, &opt, nil)
	paths := []string{arg}
	if arg == "-" {
		// Plain text on stdin is read as a .txt file would be. It is
		// decoded first, to tell JSON from text whatever its encoding.
		data, err := io.ReadAll(corpus.Decode(e.stdin, opt.Encoding))
		if err != nil {
			return nil, err
		}
		opt.Encoding = nil // decoded
		if t := bytes.TrimSpace(data); len(t) > 0 && t[0] != '{' {
			tmp, err := os.MkdirTemp("", "wirediff-similar-")
			if err != nil {
				return nil, err
			}
			defer os.RemoveAll(tmp)
			paths[0] = filepath.Join(tmp, "stdin.txt")
			if err := os.WriteFile(paths[0], data, 0o600); err != nil {
				return nil, err
			}
		}
		opt.Stdin = bytes.NewReader(data)
	}
	qs := neardup.NewQueries(ix)
	st, err := corpus.Read(paths, opt, func(a corpus.Article) error {
		if arg == "-" {
			a.Origin = "stdin"
		}
		qs.Add(a)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := checkStrict(rf, st); err != nil {
		return nil, err
	}
	if len(qs.List()) == 0 {
		return nil, cliError{fmt.Errorf("similar: no article in %s", arg), 2}
	}
	return qs.List(), nil
}

// newFinder returns the near-duplicate finder over ix: the index's
// signing scheme, and the document frequencies of the last run that
// grouped it, so that a pair scores as that run scored it.
func newFinder(ix *index.Index) (*neardup.Finder, error) {
	s, err := dedup.SchemeOf(ix.Meta())
	if err != nil {
		return nil, err
	}
	f, err := neardup.NewFinder(ix, s.Shingle, s.Hasher, s.Bands)
	if err != nil {
		return nil, err
	}
	df, err := dedup.RunFreqs(ix)
	if err != nil {
		return nil, err
	}
	if df != nil {
		f.UseDocFreqs(df.DF, df.Docs)
	}
	return f, nil
}

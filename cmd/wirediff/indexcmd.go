package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/internal/progress"
)

const indexUsage = `Usage: wirediff index [flags] PATH...

Adds articles to the index (default ./wirediff.index) without grouping.
Re-adding an ID replaces the stored article. Run 'wirediff dedup' to group.

Examples:
  wirediff index testdata/seeds
  wirediff index --index /data/news.index --field text=body feed.csv
`

func cmdIndex(e *env, args []string) error {
	fs := pflag.NewFlagSet("index", pflag.ContinueOnError)
	var rf readFlags
	rf.register(fs)
	rf.registerQuiet(fs)
	dir := fs.String("index", index.DefaultDir, "index directory")
	if err := parseFlags(e, fs, indexUsage, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("index: no input paths")
	}
	if err := rf.check(); err != nil {
		return err
	}
	if err := checkPaths(fs.Args()); err != nil {
		return err
	}
	start := time.Now()
	s, err := dedup.DefaultScheme()
	if err != nil {
		return err
	}
	idx, err := index.Open(*dir, index.Options{Create: true, Meta: s.Meta()})
	if err != nil {
		return err
	}
	defer idx.Close()
	ropt, err := rf.options()
	if err != nil {
		return err
	}
	src := dedup.Source{Paths: fs.Args(), Stdin: e.stdin, Read: ropt}
	prog := progress.New(e.stderr, e.stderrIsTerminal && !rf.quiet, fs.Args(), false, true, true)
	defer prog.Done()
	rf.report(e, &src.Read, prog.Clear)
	opt := dedup.Options{Scheme: s, Index: idx, Progress: prog.Stage}
	opt.Cluster.CopyOnly = true
	l, err := dedup.Load(context.Background(), src, opt)
	if err != nil {
		return err
	}
	if l.Stats.Read == 0 {
		return usagef("no articles read from %s (%s)", strings.Join(fs.Args(), ", "), summarizeSkips(l.Stats, rf.fallback()))
	}
	prog.Done()
	n, err := idx.Count()
	if err != nil {
		return err
	}
	if rf.quiet {
		return checkStrict(rf, l.Stats)
	}
	fmt.Fprintf(e.stderr, "wirediff: indexed %s from %s, %s; index %s holds %d; %s\n",
		plural(l.Stats.Read, "article"), plural(l.Stats.Files, "file"), summarizeSkips(l.Stats, rf.fallback()), *dir, n, time.Since(start).Round(time.Millisecond))
	return checkStrict(rf, l.Stats)
}

package main

import (
	"fmt"
	"time"

	"github.com/spf13/pflag"

	"github.com/wirediff/wirediff/index"
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
	meta, _, _, err := nearDupMeta()
	if err != nil {
		return err
	}
	idx, err := index.Open(*dir, index.Options{Create: true, Meta: meta})
	if err != nil {
		return err
	}
	defer idx.Close()
	l, err := load(e, fs.Args(), rf, loadOptions{copyOnly: true, idx: idx})
	if err != nil {
		return err
	}
	n, err := idx.Count()
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wirediff: indexed %s from %s, %s; index %s holds %d; %s\n",
		plural(l.stats.Read, "article"), plural(l.stats.Files, "file"), l.summarizeSkips(), *dir, n, time.Since(start).Round(time.Millisecond))
	return checkStrict(rf, l.stats)
}

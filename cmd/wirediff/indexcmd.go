package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/internal/progress"
)

const indexUsage = `Usage: wirediff index [flags] PATH...

Adds articles to the index (default ./wirediff.index) without grouping.
Re-adding an ID replaces the stored article. Run 'wirediff dedup' to group,
or give --groups the groups a batch run made elsewhere: the JSON lines of
'wirediff dedup --format jsonl' or of wirediff-beam, which name every
article's groups at the three levels. They must cover every article the
index then holds, and replace the groups it recorded.

Examples:
  wirediff index testdata/seeds
  wirediff index --index /data/news.index --field text=body feed.csv
  wirediff index --groups groups.jsonl news/   # groups from wirediff-beam
`

func cmdIndex(e *env, args []string) error {
	fs := pflag.NewFlagSet("index", pflag.ContinueOnError)
	var rf readFlags
	rf.register(fs)
	rf.registerQuiet(fs)
	dir := fs.String("index", index.DefaultDir, "index directory")
	groupsFile := fs.String("groups", "", "record the groups of `FILE` (JSON lines of dedup --format jsonl or wirediff-beam)")
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
	yieldToReaders(e)
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
	if *groupsFile != "" {
		if err := importGroups(idx, *groupsFile); err != nil {
			return err
		}
	}
	if rf.quiet {
		return checkStrict(rf, l.Stats)
	}
	fmt.Fprintf(e.stderr, "wirediff: indexed %s from %s, %s; index %s holds %d; %s\n",
		plural(l.Stats.Read, "article"), plural(l.Stats.Files, "file"), summarizeSkips(l.Stats, rf.fallback()), *dir, n, time.Since(start).Round(time.Millisecond))
	return checkStrict(rf, l.Stats)
}

// importGroups records in idx the groups of a JSON lines file (each line
// an article's "id" and its "groups" at copy, rewrite and story level),
// which must name every indexed article and no other.
func importGroups(idx *index.Index, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return cliError{fmt.Errorf("--groups: %w", err), 2}
	}
	defer f.Close()
	var as []index.Assignment
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var row struct {
			ID     string            `json:"id"`
			Groups map[string]string `json:"groups"`
		}
		if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
		a := index.Assignment{ID: row.ID, Copy: row.Groups["copy"], Rewrite: row.Groups["rewrite"], Story: row.Groups["story"]}
		if a.ID == "" || a.Copy == "" || a.Rewrite == "" || a.Story == "" {
			return fmt.Errorf("%s:%d: want an id and its copy, rewrite and story groups", path, line)
		}
		if seen[a.ID] {
			return fmt.Errorf("%s:%d: %s named twice", path, line, a.ID)
		}
		ok, err := idx.Has(a.ID)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("%s:%d: %s is not in the index", path, line, a.ID)
		}
		seen[a.ID] = true
		as = append(as, a)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	n, err := idx.Count()
	if err != nil {
		return err
	}
	if n != len(as) {
		return fmt.Errorf("%s: groups for %d of the %d indexed articles; a grouping covers them all", path, len(as), n)
	}
	return idx.WriteGroups(as)
}

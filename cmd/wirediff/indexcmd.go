package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/internal/cli"
	"github.com/wirediff/wirediff/internal/progress"
	"github.com/wirediff/wirediff/listing"
)

func cmdIndex(e *env, args []string) (err error) {
	fs := cli.NewFlagSet("index")
	var rf readFlags
	rf.register(fs, true)
	dir := indexFlag(fs)
	groupsFile := fs.String("groups", "", "record the groups of `FILE` (JSON lines, CSV or TSV of dedup or wirediff-beam)")
	if err := parseFlags(e, fs, usage("index"), args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return cli.Usagef("index: no input paths")
	}
	if err := rf.check(); err != nil {
		return err
	}
	if err := checkPaths(fs.Args()); err != nil {
		return err
	}
	// The groups file is read before anything is indexed, so that a file
	// that is not one leaves the index as it was (and so does one that
	// does not cover the articles: see Record below).
	var groups *listing.GroupsFile
	if *groupsFile != "" {
		var err error
		if groups, err = listing.ReadGroupsFile(*groupsFile); err != nil {
			return cli.WithStatus(fmt.Errorf("--groups: %w", err), 2)
		}
	}
	start := time.Now()
	_, statErr := os.Stat(filepath.Join(*dir, "wirediff.json"))
	made := errors.Is(statErr, os.ErrNotExist) // by this command, if it opens
	idx, err := openWriter(e, *dir, true)
	if err != nil {
		return err
	}
	defer closeWriter(idx, &err)
	yieldToReaders(e)
	rf.exclude = append(rf.exclude, *dir) // an index inside a directory read is not input
	ropt, err := rf.options()
	if err != nil {
		return err
	}
	src := dedup.Source{Paths: fs.Args(), Stdin: e.stdin, Read: ropt}
	prog := progress.New(e.stderr, e.stderrIsTerminal && !rf.quiet, fs.Args(), false, true, true)
	defer prog.Done()
	rf.report(e, &src.Read, prog.Clear)
	opt := dedup.Options{Index: idx, Progress: prog.Stage}
	opt.Cluster.CopyOnly = true
	l, err := dedup.Load(context.Background(), src, opt)
	if err != nil {
		return err
	}
	if l.Stats.Read == 0 {
		return noneRead("articles", fs.Args(), l.Stats, rf.fallback())
	}
	prog.Done()
	n, err := idx.Count()
	if err != nil {
		return err
	}
	if groups != nil {
		// Checked against what the index would hold, before anything is
		// committed: a file that does not fit leaves the index as it was.
		if err := groups.Record(idx); err != nil {
			if aerr := idx.Abort(); aerr != nil {
				return fmt.Errorf("%w; %v", err, aerr)
			}
			if made {
				return fmt.Errorf("%w; nothing was indexed: %s is a new index that holds no articles", err, *dir)
			}
			return fmt.Errorf("%w; nothing was indexed: %s is as it was", err, *dir)
		}
	}
	// Committed before the summary says what the index holds.
	if err := idx.Close(); err != nil {
		return err
	}
	if rf.quiet {
		return checkStrict(rf, l.Stats)
	}
	fmt.Fprintf(e.stderr, "wirediff: indexed %s from %s, %s; index %s holds %d; %s\n",
		listing.Plural(l.Stats.Read, "article"), listing.Plural(l.Stats.Files, "file"), listing.Skips(l.Stats, rf.fallback()), *dir, n, time.Since(start).Round(time.Millisecond))
	return checkStrict(rf, l.Stats)
}

package main

import (
	"fmt"

	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/internal/cli"
	"github.com/wirediff/wirediff/listing"
)

func cmdCheck(e *env, args []string) error {
	fs := cli.NewFlagSet("check")
	dir := indexFlag(fs)
	restore := fs.Bool("restore", false, "put the last committed snapshot back in place as the live store")
	if err := parseFlags(e, fs, usage("check"), args); err != nil {
		return err
	}
	if err := cli.NoArgs(fs); err != nil {
		return err
	}
	if *restore {
		aside, err := index.Restore(*dir)
		if err != nil {
			return cli.WithStatus(err, 2)
		}
		fmt.Fprintf(e.stdout, "restored the last committed snapshot of %s; the previous store is in %s\n", *dir, aside)
	}
	rep, err := index.Check(*dir)
	if err != nil {
		return cli.WithStatus(err, 2)
	}
	if err := listing.WriteCheck(e.stdout, *dir, rep); err != nil {
		return err
	}
	for _, n := range rep.Notes {
		fmt.Fprintf(e.stdout, "note: %s\n", n)
	}
	if rep.Interrupted {
		held := "" // not counted when damaged: a problem above says so
		if rep.Live >= 0 {
			held = fmt.Sprintf(" (the live store holds %s, the committed snapshot %d)", listing.Plural(rep.Live, "article"), rep.Articles)
		}
		fmt.Fprintf(e.stdout, "note: a write was interrupted before it committed: readers do not see what it stored%s, and the next write to %s discards it, starting from the committed snapshot; run the interrupted write again\n", held, *dir)
	}
	if rep.Articles >= 0 {
		if err := checkState(e, *dir); err != nil {
			return err
		}
	}
	if len(rep.Findings) == 0 {
		return nil
	}
	return fmt.Errorf("check: %s in %s", listing.Plural(len(rep.Findings), "problem"), *dir)
}

// checkState notes the state files of incremental grouping that do not
// decode: caches the next 'wirediff dedup' writes again, by a full
// regroup, so no problem of the index's.
func checkState(e *env, dir string) error {
	ix, err := index.Open(dir, index.Options{ReadOnly: true})
	if err != nil {
		return nil // index.Check has said what is wrong
	}
	defer ix.Close()
	notes, err := dedup.CheckState(ix)
	if err != nil {
		return err
	}
	opts, err := dedup.CheckOptions(ix)
	if err != nil {
		return err
	}
	if opts != "" {
		notes = append(notes, opts)
	}
	for _, n := range notes {
		fmt.Fprintf(e.stdout, "note: %s: the next 'wirediff dedup --index %s' regroups the whole index and writes it again\n", n, dir)
	}
	return nil
}

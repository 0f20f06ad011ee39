package main

import (
	"fmt"

	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/listing"
)

const checkUsage = `Usage: wirediff check [flags]

Verifies an index without changing it: its metadata, the live store (no
empty root.bolt, every segment file decodable), the committed snapshot
that search, show, similar and groups read (it opens, every article's
signature decodes, the groups file holds exactly the indexed articles),
and that the live index holds what was committed. Each problem is printed
with how to recover from it. Exit status 0 when the index is sound, 1
when a problem was found.

With --restore, puts the last committed snapshot back in place as the
live store (the damaged store is moved aside, not deleted).

Examples:
  wirediff check --index news.index
  wirediff check --restore --index news.index
`

func cmdCheck(e *env, args []string) error {
	fs := newFlagSet("check")
	dir := indexFlag(fs)
	restore := fs.Bool("restore", false, "put the last committed snapshot back in place as the live store")
	if err := parseFlags(e, fs, checkUsage, args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	if *restore {
		aside, err := index.Restore(*dir)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "restored the last committed snapshot of %s; the previous store is in %s\n", *dir, aside)
	}
	rep, err := index.Check(*dir)
	if err != nil {
		return cliError{err, 2}
	}
	if err := listing.WriteCheck(e.stdout, *dir, rep); err != nil || len(rep.Findings) == 0 {
		return err
	}
	return fmt.Errorf("check: %d problem(s) in %s", len(rep.Findings), *dir)
}

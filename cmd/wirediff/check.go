package main

import (
	"fmt"

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
	if err := listing.WriteCheck(e.stdout, *dir, rep); err != nil || len(rep.Findings) == 0 {
		return err
	}
	return fmt.Errorf("check: %d problem(s) in %s", len(rep.Findings), *dir)
}

package main

import (
	"fmt"
	"strings"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/editorial"
	"github.com/wirediff/wirediff/internal/cli"
	"github.com/wirediff/wirediff/listing"
)

func cmdEditorial(e *env, args []string) error {
	fs := cli.NewFlagSet("editorial")
	format := formatFlag(fs)
	if err := parseFlags(e, fs, usage("editorial"), args); err != nil {
		return err
	}
	f, err := parseFormat(*format)
	if err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return cli.Usagef("editorial: give a PATH or - for standard input")
	}
	det, err := editorial.Default()
	if err != nil {
		return err
	}
	opt := corpus.Options{Stdin: e.stdin, OnProblem: func(p corpus.Problem) {
		fmt.Fprintf(e.stderr, "wirediff editorial: skipped %v\n", p)
	}}
	recs, st, err := det.Read(fs.Args(), opt)
	if err != nil {
		return cli.WithStatus(err, 1)
	}
	if len(recs) == 0 {
		return cli.Usagef("editorial: no records read from %s (%s)", strings.Join(fs.Args(), ", "), listing.Skips(st, ""))
	}
	if st.SkippedTotal() > 0 {
		fmt.Fprintf(e.stderr, "wirediff editorial: %s read, %s\n", listing.Plural(len(recs), "record"), listing.Skips(st, ""))
	}
	return listing.WriteEditorial(e.stdout, f, recs)
}

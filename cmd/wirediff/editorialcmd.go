package main

import (
	"fmt"

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
	problems := 0
	opt := corpus.Options{Stdin: e.stdin, OnProblem: func(p corpus.Problem) {
		problems++
		fmt.Fprintf(e.stderr, "wirediff editorial: skipped %v\n", p)
	}}
	recs, _, err := det.Read(fs.Args(), opt)
	if err != nil {
		return cli.WithStatus(err, 1)
	}
	if problems > 0 {
		fmt.Fprintf(e.stderr, "wirediff editorial: %d inputs skipped\n", problems)
	}
	return listing.WriteEditorial(e.stdout, f, recs)
}

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
	opt := corpus.Options{Stdin: e.stdin, StdinText: true, OnProblem: func(p corpus.Problem) {
		fmt.Fprintf(e.stderr, "wirediff editorial: skipped %v\n", p)
	}, OnUnreadDate: func(p corpus.Problem) {
		fmt.Fprintf(e.stderr, "wirediff editorial: %v\n", p)
	}}
	var (
		st  corpus.Stats
		n   int
		out func() error
	)
	if f == listing.Table {
		// A table aligns its columns over every row: the records are all
		// read first.
		var recs []editorial.Record
		recs, st, err = det.Read(fs.Args(), opt)
		n = len(recs)
		out = func() error { return listing.WriteEditorial(e.stdout, f, recs) }
	} else {
		// Other formats are written record by record as they are read.
		var w *listing.EditorialWriter
		if w, err = listing.NewEditorialWriter(e.stdout, f); err != nil {
			return err
		}
		st, err = det.Stream(fs.Args(), opt, func(r editorial.Record) error {
			n++
			return w.Write(r)
		})
		out = w.Close
	}
	if err != nil {
		return cli.WithStatus(err, 1)
	}
	if n == 0 {
		return noneRead("records", fs.Args(), st, "")
	}
	if st.SkippedTotal() > 0 || st.UnreadDates > 0 || st.MixedDates > 0 {
		fmt.Fprintf(e.stderr, "wirediff editorial: %s read, %s\n", listing.Plural(n, "record"), listing.Skips(st, ""))
	}
	return out()
}

package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/pflag"
	"golang.org/x/text/encoding/htmlindex"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/internal/cli"
	"github.com/wirediff/wirediff/listing"
)

// readFlags are the input flags shared by the commands that read articles.
type readFlags struct {
	fields      []string
	encoding    string // "" is UTF-8
	dateOrder   string
	strict      bool
	showSkipped int
	exclude     []string // files and directories a walk passes over (eval's gold files, the index)
	quiet       bool
}

// register adds the flags to fs, and --quiet with quiet (for the
// commands that show progress).
func (r *readFlags) register(fs *pflag.FlagSet, quiet bool) {
	fs.StringArrayVar(&r.fields, "field", nil, "map a field: `NAME=INPUT` (e.g. text=body; in JSON a path into nested objects, text=fields.bodyText); repeatable")
	fs.StringVar(&r.encoding, "encoding", "utf-8", "input text encoding: `NAME` such as windows-1252, latin1, iso-8859-15, utf-16le, "+
		"or utf-8,windows-1252 to decode each record that is not UTF-8 from the second; a byte order mark overrides it")
	fs.StringVar(&r.dateOrder, "date-order", "auto", "how to read a numeric date whose first two numbers could each be the month (02/11/2025): mdy, dmy, "+
		"or auto: month first, reporting a file that also holds a date that reads only day first (18/11/2025)")
	fs.BoolVar(&r.strict, "strict", false, "exit non-zero if any input was skipped")
	r.showSkipped = 20
	cli.CountVar(fs, &r.showSkipped, "show-skipped", "skipped records (and records decoded by an --encoding fallback) to print per file, the rest only counted (0 = all)")
	if quiet {
		fs.BoolVarP(&r.quiet, "quiet", "q", false, "no progress line and no summary on stderr (skipped records are still reported)")
	}
}

// check reports a bad --field, --encoding or --date-order as a usage error. Commands
// call it before they create or open anything, so a mistake leaves
// nothing behind.
func (r *readFlags) check() error {
	_, err := r.options()
	return err
}

// options returns the reader options the flags ask for; a bad flag is a
// usage error.
func (r *readFlags) options() (corpus.Options, error) {
	fields, err := corpus.ParseFields(r.fields)
	if err != nil {
		return corpus.Options{}, cli.Usagef("%v", err)
	}
	opt := corpus.Options{Fields: fields, Exclude: r.exclude}
	if r.dateOrder != "" {
		if opt.DateOrder, err = corpus.DateOrderNamed(r.dateOrder); err != nil {
			return corpus.Options{}, cli.Usagef("--date-order: %v", err)
		}
	}
	if r.encoding != "" {
		if opt.Encoding, opt.Fallback, err = corpus.ParseEncodings(r.encoding); err != nil {
			return corpus.Options{}, cli.Usagef("--encoding: %v", err)
		}
	}
	return opt, nil
}

// fallback returns the name of the encoding the flags name as a fallback
// for records that are not UTF-8 ("utf-8,windows-1252"), or "".
func (r *readFlags) fallback() string {
	_, fallback, err := corpus.ParseEncodings(r.encoding)
	if err != nil || fallback == nil {
		return ""
	}
	name, _ := htmlindex.Name(fallback)
	return name
}

// checkPaths fails, before anything is created, when not one of the input
// paths exists (see corpus.CheckPaths): exit status 2.
func checkPaths(paths []string) error {
	if err := corpus.CheckPaths(paths); err != nil {
		return cli.WithStatus(err, 2)
	}
	return nil
}

// report sets opt to print on stderr each skipped input, each record
// decoded from the --encoding fallback and each record kept without its
// unread publication time, at most rf.showSkipped of each per file (see
// listing.ReportInput).
func (rf readFlags) report(e *env, opt *corpus.Options, before func()) {
	listing.ReportInput(e.stderr, opt, rf.showSkipped, before)
}

// checkStrict turns skipped input into a failure under --strict. A
// record decoded from the --encoding fallback is read, not skipped.
func checkStrict(rf readFlags, st corpus.Stats) error {
	if rf.strict && st.SkippedTotal() > 0 {
		return fmt.Errorf("--strict: %d input(s) skipped", st.SkippedTotal())
	}
	return nil
}

// noneRead is the usage error of a run that read no article from paths:
// what was skipped, and, when standard input was read and none of it
// parsed as JSON, that "-" is JSON lines (a plain-text article piped in
// gives a malformed line for each of its lines).
func noneRead(what string, paths []string, st corpus.Stats, fallback string) error {
	hint := ""
	if slices.Contains(paths, "-") && st.Skipped[corpus.MalformedJSON] > 0 {
		hint = `; "-" reads JSON lines, one {"id": …, "text": …} object a line: give a plain-text article as a file`
	}
	return cli.Usagef("no %s read from %s (%s)%s", what, strings.Join(paths, ", "), listing.Skips(st, fallback), hint)
}

// indexFlag adds --index, the index directory (./wirediff.index by
// default).
func indexFlag(fs *pflag.FlagSet) *string {
	return fs.String("index", index.DefaultDir, "index directory")
}

// formatFlag adds --format (-f), table by default, one of allowed (any
// listing format when none are given); parseFormat checks it.
func formatFlag(fs *pflag.FlagSet, allowed ...listing.Format) *string {
	return fs.StringP("format", "f", "table", "output format: "+listing.Names(allowed...))
}

// parseFlags parses args with fs (see cli.Parse); --help prints usage
// to stdout, then every flag of fs with its default. An empty --index is
// a usage error here, before the command touches the file system.
func parseFlags(e *env, fs *pflag.FlagSet, usage string, args []string) error {
	if e.flagSets != nil {
		e.flagSets(fs)
	}
	if err := cli.Parse(fs, usage, args, e.stdout); err != nil {
		return err
	}
	return checkIndexFlag(fs)
}

// checkIndexFlag refuses an --index given as "": it would name the
// current directory to some commands and no directory to others.
func checkIndexFlag(fs *pflag.FlagSet) error {
	f := fs.Lookup("index")
	if f == nil || !f.Changed || f.Value.String() != "" {
		return nil
	}
	if f.DefValue == "" { // eval: no index unless --index is given
		return cli.Usagef("%s: --index is empty: name the index directory, or leave --index out to group in memory", fs.Name())
	}
	return cli.Usagef("%s: --index is empty: name the index directory (default %s)", fs.Name(), f.DefValue)
}

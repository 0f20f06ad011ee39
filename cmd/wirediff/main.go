// Command wirediff finds copies, rewrites and same-story coverage in a
// corpus of news articles and reports what each outlet changed.
//
// Run "wirediff --help" for the commands.
package main

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/pflag"

	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/internal/buildinfo"
	"github.com/wirediff/wirediff/internal/cli"
	"github.com/wirediff/wirediff/internal/priority"
)

func main() {
	setMemoryLimit(os.Stderr)
	var err error
	if writeNice, err = priority.WriteNice(); err != nil {
		fmt.Fprintf(os.Stderr, "wirediff: %v\n", err)
	}
	err = run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	os.Exit(cli.ExitCode("wirediff", err, os.Stderr))
}

// writeNice is the nice value a write to the index lowers its priority
// to (see internal/priority); 0 leaves it as it is. main sets it from the
// environment; tests run commands in their own process and leave it at 0.
var writeNice int

// openWriter opens the index in dir for writing (creating it when create
// is set) with the signing parameters of package dedup, and says so on
// stderr when opening it discarded what an interrupted write had stored
// without committing it (see index.Index.Discarded): a write that does
// not finish changes nothing.
func openWriter(e *env, dir string, create bool) (*index.Index, error) {
	ix, err := dedup.OpenIndex(dir, index.Options{Create: create})
	if err != nil {
		return nil, indexStatus(err)
	}
	if ix.Discarded() {
		kept := ""
		if aside := ix.KeptAside(); aside != "" {
			kept = fmt.Sprintf(" (the store it left was damaged and is kept in %s)", aside)
		}
		fmt.Fprintf(e.stderr, "wirediff: discarded what an interrupted write had stored in %s without committing it%s; this write starts from the last committed state\n", dir, kept)
	}
	return ix, nil
}

// indexStatus gives an error opening an index exit status 2, as an index
// that cannot be used as given (none, corrupt, of another format or other
// near-duplicate parameters, unreadable), except when another process
// holds it: that failure (1) passes once the other process is done.
func indexStatus(err error) error {
	if errors.Is(err, index.ErrLocked) {
		return err
	}
	return cli.WithStatus(err, 2)
}

// closeWriter closes an index a command wrote, which commits what it
// wrote for readers (see index.Index.Close); a failure is the command's
// error unless it failed before, so that no write reports success that
// readers do not see. A command that failed commits nothing: what it
// stored is discarded (index.Index.Abort), so that a run stopped by an
// error, like one stopped by Ctrl-C, leaves the index as it was.
func closeWriter(ix *index.Index, err *error) {
	if *err != nil {
		if aerr := ix.Abort(); aerr != nil {
			*err = fmt.Errorf("%w; and what the write stored could not be discarded: %v", *err, aerr)
		}
		return
	}
	if cerr := ix.Close(); cerr != nil {
		*err = cerr
	}
}

// yieldToReaders lowers the priority of a write command to writeNice
// (never raising it); a failure is reported on stderr and the write goes
// on.
func yieldToReaders(e *env) {
	if writeNice <= 0 {
		return
	}
	if err := priority.Lower(writeNice); err != nil {
		fmt.Fprintf(e.stderr, "wirediff: could not lower the priority of this write (readers may be slower meanwhile): %v\n", err)
	}
}

type command struct {
	name, summary string
	run           func(e *env, args []string) error
}

// env is what a command may use: its streams.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// stderrIsTerminal turns on progress bars.
	stderrIsTerminal bool
	// flagSets, when set, is given every flag set a command parses
	// (tests check that --help lists them).
	flagSets func(*pflag.FlagSet)
}

func commands() []command {
	return []command{
		{"dedup", "read, index and group articles; print the groups", cmdDedup},
		{"index", "add articles to an index without grouping", cmdIndex},
		{"delete", "remove articles from an index", cmdDelete},
		{"eval", "score the grouping against gold clusters", cmdEval},
		{"bench", "generate benchmark corpora and run the corpus-growth benchmarks", cmdBench},
		{"search", "full-text search over the index", cmdSearch},
		{"similar", "near-duplicates of an indexed article or a new text", cmdSimilar},
		{"show", "an indexed article with its groups", cmdShow},
		{"serve", "answer search, show, similar, groups and lineage over HTTP while writes run", cmdServe},
		{"groups", "the groups of the last grouping run, largest first", cmdGroups},
		{"check", "verify an index and say how to recover a damaged one", cmdCheck},
		{"lineage", "report what each member of a group kept, added, dropped and editorialized", cmdLineage},
		{"explain", "why two articles share a group, or not, at each level, with the evidence", cmdExplain},
		{"editorial", "mark commentary and loaded wording in articles or sentences, without a group", cmdEditorial},
	}
}

// help holds each command's help text, help/NAME.txt ("wirediff" for
// the list of commands, "bench-run" for a subcommand): what --help
// prints before the flags.
//
//go:embed help/*.txt
var help embed.FS

// usage returns the help text of name; one that is missing is a fault of
// the build (a test reads every command's).
func usage(name string) string {
	b, err := help.ReadFile("help/" + name + ".txt")
	if err != nil {
		panic(err)
	}
	return string(b)
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, stderrIsTerminal: cli.IsTerminal(stderr)}
	if len(args) == 0 {
		printTopUsage(stderr)
		return cli.Usagef("no command given")
	}
	switch args[0] {
	case "-h", "--help":
		printTopUsage(stdout)
		return nil
	case "help":
		if len(args) == 1 {
			printTopUsage(stdout)
			return nil
		}
		if len(args) > 2 && args[1] != "bench" {
			return cli.Usagef("help: want one command, got %q", args[1:])
		}
		// "help CMD [SUB]" is "CMD [SUB] --help".
		args = append(args[1:len(args):len(args)], "--help")
	case "-V", "--version", "version":
		if len(args) > 1 {
			return cli.Usagef("%s takes no arguments", args[0])
		}
		_, err := fmt.Fprintln(stdout, buildinfo.Running(version))
		return err
	}
	for _, c := range commands() {
		if c.name == args[0] {
			err := c.run(e, args[1:])
			if errors.Is(err, cli.ErrHelp) {
				return nil
			}
			return cli.InCommand(c.name, err)
		}
	}
	return cli.Usagef("unknown command %q", args[0])
}

func printTopUsage(w io.Writer) {
	var list string
	for _, c := range commands() {
		list += fmt.Sprintf("  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, usage("wirediff"), list)
}

// version is the version the build stamped, if any: 'make build' sets it
// to what "git describe --tags --always --dirty" says, with
// -ldflags "-X main.version=...".
var version string

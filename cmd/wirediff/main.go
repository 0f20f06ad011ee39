// Command wirediff finds copies, rewrites and same-story coverage in a
// corpus of news articles and reports what each outlet changed.
//
// Run "wirediff --help" for the commands.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/spf13/pflag"

	"github.com/wirediff/wirediff/internal/buildinfo"
	"github.com/wirediff/wirediff/listing"
)

func main() {
	setMemoryLimit()
	var err error
	if writeNice, err = writeNiceFromEnv(); err != nil {
		fmt.Fprintf(os.Stderr, "wirediff: %v\n", err)
	}
	err = run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	os.Exit(exitCode(err, os.Stderr))
}

// usageError is a mistake in the command line: exit status 2. cmd is
// the command whose help the message points to ("" for wirediff's own).
type usageError struct{ msg, cmd string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{msg: fmt.Sprintf(format, args...)} }

// inCommand sets cmd as the command of a usage error from it that names
// none yet, so that the message points to its help.
func inCommand(cmd string, err error) error {
	var ue usageError
	if errors.As(err, &ue) && ue.cmd == "" {
		ue.cmd = cmd
		return ue
	}
	return err
}

// exitStatus carries an exit status with no further message (grep-like
// "nothing matched", or a --strict failure already explained on stderr).
type exitStatus int

func (e exitStatus) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	var st exitStatus
	if errors.As(err, &st) {
		return int(st)
	}
	var ue usageError
	if errors.As(err, &ue) {
		help := "wirediff --help"
		if ue.cmd != "" {
			help = "wirediff " + ue.cmd + " --help"
		}
		fmt.Fprintf(stderr, "wirediff: %s\nRun '%s' for usage.\n", ue.msg, help)
		return 2
	}
	if errors.Is(err, errHelp) {
		return 0
	}
	fmt.Fprintf(stderr, "wirediff: %v\n", err)
	var ce cliError
	if errors.As(err, &ce) {
		return ce.code
	}
	return 1
}

// cliError is an error with a specific exit status (2 for a missing
// index, a malformed query, an unknown ID).
type cliError struct {
	err  error
	code int
}

func (e cliError) Error() string { return e.err.Error() }
func (e cliError) Unwrap() error { return e.err }

var errHelp = errors.New("help requested")

// newJSONEncoder returns the encoder of every JSON output (see
// listing.NewEncoder).
func newJSONEncoder(w io.Writer, indent bool) *json.Encoder { return listing.NewEncoder(w, indent) }

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
		{"eval", "score the grouping against gold clusters", cmdEval},
		{"bench", "generate benchmark corpora and run the corpus-growth benchmarks", cmdBench},
		{"search", "full-text search over the index", cmdSearch},
		{"similar", "near-duplicates of an indexed article or a new text", cmdSimilar},
		{"show", "an indexed article with its groups", cmdShow},
		{"serve", "answer search, show, similar and groups over HTTP while writes run", cmdServe},
		{"groups", "the groups of the last grouping run, largest first", cmdGroups},
		{"check", "verify an index and say how to recover a damaged one", cmdCheck},
		{"lineage", "report what each member of a group kept, added, dropped and editorialized", cmdLineage},
		{"explain", "why two articles share a group, or not, at each level, with the evidence", cmdExplain},
		{"editorial", "mark commentary and loaded wording in articles or sentences, without a group", cmdEditorial},
	}
}

const topUsage = `wirediff finds copies, rewrites and same-story coverage in news articles.

Usage:
  wirediff COMMAND [flags] [args]

Commands:
%s
Examples:
  wirediff dedup testdata/seeds                 # group the five seed articles
  wirediff dedup --format tsv --level story DIR  # "id<TAB>group<TAB>..." per article
  wirediff eval --gold gold.tsv articles.jsonl   # precision, recall, B-cubed, ARI
  wirediff search '"peace plan" +Witkoff'        # full-text search over ./wirediff.index

Run 'wirediff help COMMAND' (or 'wirediff COMMAND --help') for a command's
flags, 'wirediff --version' for the version.
`

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, stderrIsTerminal: isTerminal(stderr)}
	if len(args) == 0 {
		printTopUsage(stderr)
		return usagef("no command given")
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
			return usagef("help: want one command, got %q", args[1:])
		}
		// "help CMD [SUB]" is "CMD [SUB] --help".
		args = append(args[1:len(args):len(args)], "--help")
	case "-V", "--version", "version":
		if len(args) > 1 {
			return usagef("%s takes no arguments", args[0])
		}
		_, err := fmt.Fprintln(stdout, versionLine())
		return err
	}
	for _, c := range commands() {
		if c.name == args[0] {
			err := c.run(e, args[1:])
			if errors.Is(err, errHelp) {
				return nil
			}
			return inCommand(c.name, err)
		}
	}
	return usagef("unknown command %q", args[0])
}

func printTopUsage(w io.Writer) {
	var list string
	for _, c := range commands() {
		list += fmt.Sprintf("  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, topUsage, list)
}

// version is the version the build stamped, if any: 'make build' sets it
// to what "git describe --tags --always --dirty" says, with
// -ldflags "-X main.version=...".
var version string

// versionLine is what --version prints (see buildinfo.VersionLine).
func versionLine() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		bi = &debug.BuildInfo{}
	}
	return buildinfo.VersionLine(bi, version)
}

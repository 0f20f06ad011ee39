package cli

import (
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/spf13/pflag"
)

// NewFlagSet returns an empty flag set for the command name, which
// [Parse] parses.
func NewFlagSet(name string) *pflag.FlagSet { return pflag.NewFlagSet(name, pflag.ContinueOnError) }

// Parse parses args with fs, to which it adds --help (-h). A mistake is a
// [UsageError] prefixed with the name of fs. --help prints usage to
// stdout, then every flag of fs with its default, and returns [ErrHelp].
func Parse(fs *pflag.FlagSet, usage string, args []string, stdout io.Writer) error {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	help := fs.BoolP("help", "h", false, "show this help")
	if err := fs.Parse(args); err != nil {
		return Usagef("%s: %v", fs.Name(), err)
	}
	if *help {
		fs.SetOutput(stdout)
		fmt.Fprint(stdout, usage)
		fmt.Fprintln(stdout, "\nFlags:")
		fs.PrintDefaults()
		return ErrHelp
	}
	return nil
}

// NoArgs returns a usage error when fs was given arguments.
func NoArgs(fs *pflag.FlagSet) error {
	if fs.NArg() > 0 {
		return Usagef("%s: unexpected argument %q", fs.Name(), fs.Arg(0))
	}
	return nil
}

// CountVar defines an int flag with the default *p that refuses negative
// values: parsing the command line fails on one, a usage error.
func CountVar(fs *pflag.FlagSet, p *int, name, usage string) {
	fs.Var(count{p}, name, usage)
}

type count struct{ p *int }

func (c count) String() string {
	if c.p == nil { // pflag's zero value, for the help
		return "0"
	}
	return strconv.Itoa(*c.p)
}

func (c count) Set(s string) error {
	n, err := strconv.ParseInt(s, 0, strconv.IntSize)
	if err != nil {
		return errors.New("not a number")
	}
	if n < 0 {
		return errors.New("negative; want 0 or more")
	}
	*c.p = int(n)
	return nil
}

func (c count) Type() string { return "int" }

// Package cli is the command-line plumbing that wirediff's commands
// share: usage errors and exit statuses, flag sets that turn a mistake
// into a usage error and print their help on --help, a flag for counts
// that refuses negative values, and the CPU profile of a heavy command.
//
// A command returns an error and its main calls [ExitCode], which prints
// what the user needs on stderr and returns the status: 0 for success
// and --help ([ErrHelp]), 2 for a mistake in the command line
// ([UsageError]), the status an error carries ([WithStatus],
// [ExitStatus]), 1 for any other failure.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/pprof"

	"golang.org/x/term"
)

// UsageError is a mistake in the command line: exit status 2. Cmd is the
// command whose help the message points to ("" for the program's own).
type UsageError struct{ Msg, Cmd string }

func (e UsageError) Error() string { return e.Msg }

// Usagef returns a [UsageError] with the formatted message.
func Usagef(format string, args ...any) error {
	return UsageError{Msg: fmt.Sprintf(format, args...)}
}

// InCommand sets cmd as the command of a usage error from it that names
// none yet, so that the message points to its help; any other error is
// returned as it is.
func InCommand(cmd string, err error) error {
	var ue UsageError
	if errors.As(err, &ue) && ue.Cmd == "" {
		ue.Cmd = cmd
		return ue
	}
	return err
}

// ExitStatus is an exit status with no further message: grep's "nothing
// matched", or a failure already explained on stderr.
type ExitStatus int

func (e ExitStatus) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// WithStatus returns err with the exit status code (a missing index or
// input, a malformed query, an unknown ID: 2); its message is printed as
// any error's. A nil err stays nil.
func WithStatus(err error, code int) error {
	if err == nil {
		return nil
	}
	return statusError{err, code}
}

type statusError struct {
	err  error
	code int
}

func (e statusError) Error() string { return e.err.Error() }
func (e statusError) Unwrap() error { return e.err }

// ErrHelp is what [Parse] returns once it has printed the help asked
// for: exit status 0, no message.
var ErrHelp = errors.New("help requested")

// ExitCode returns the exit status of err, a command's outcome, after
// printing on stderr what the user should read: "PROG: message" for a
// failure, followed for a usage error by where to find the usage ("Run
// 'PROG CMD --help' for usage."); nothing for nil, [ErrHelp] or an
// [ExitStatus].
func ExitCode(prog string, err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	var st ExitStatus
	if errors.As(err, &st) {
		return int(st)
	}
	var ue UsageError
	if errors.As(err, &ue) {
		help := prog + " --help"
		if ue.Cmd != "" {
			help = prog + " " + ue.Cmd + " --help"
		}
		fmt.Fprintf(stderr, "%s: %s\nRun '%s' for usage.\n", prog, ue.Msg, help)
		return 2
	}
	if errors.Is(err, ErrHelp) {
		return 0
	}
	fmt.Fprintf(stderr, "%s: %v\n", prog, err)
	var se statusError
	if errors.As(err, &se) {
		return se.code
	}
	return 1
}

// IsTerminal reports whether w is a terminal (for progress bars and
// colours).
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// StartProfile starts a CPU profile written to path, when path is set;
// call the returned stop function at the end.
func StartProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

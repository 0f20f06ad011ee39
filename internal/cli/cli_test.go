package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExitCode(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name   string
		err    error
		code   int
		stderr string
	}{
		// Success and help: status 0, nothing printed.
		{"nil", nil, 0, ""},
		{"help", ErrHelp, 0, ""},
		{"wrapped help", fmt.Errorf("bench run: %w", ErrHelp), 0, ""},
		// A status alone is silent, however deeply wrapped.
		{"status", ExitStatus(1), 1, ""},
		{"wrapped status", fmt.Errorf("search: %w", ExitStatus(3)), 3, ""},
		// Usage mistakes: status 2 and the help to read.
		{"usage", Usagef("no command given"), 2, "prog: no command given\nRun 'prog --help' for usage.\n"},
		{"usage in command", InCommand("dedup", Usagef("--level: %s", "paragraph")), 2,
			"prog: --level: paragraph\nRun 'prog dedup --help' for usage.\n"},
		{"wrapped usage", fmt.Errorf("context: %w", UsageError{Msg: "bad", Cmd: "bench run"}), 2,
			"prog: bad\nRun 'prog bench run --help' for usage.\n"},
		// Failures: the whole message, and the status they carry or 1.
		{"failure", boom, 1, "prog: boom\n"},
		{"with status", WithStatus(boom, 2), 2, "prog: boom\n"},
		{"wrapped with status", fmt.Errorf("open: %w", WithStatus(boom, 2)), 2, "prog: open: boom\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			code := ExitCode("prog", tt.err, &stderr)
			assert.Equal(t, tt.code, code, "ExitCode(%v) = %d, want %d", tt.err, code, tt.code)
			assert.Equal(t, tt.stderr, stderr.String())
		})
	}
}

func TestWithStatus(t *testing.T) {
	assert.NoError(t, WithStatus(nil, 2), "a nil error stays nil")
	boom := errors.New("boom")
	err := WithStatus(boom, 2)
	assert.ErrorIs(t, err, boom, "the error chain is kept")
	assert.Equal(t, "boom", err.Error())
}

func TestInCommand(t *testing.T) {
	// A usage error without a command gets this one.
	var ue UsageError
	require.ErrorAs(t, InCommand("show", Usagef("no ID")), &ue)
	assert.Equal(t, UsageError{Msg: "no ID", Cmd: "show"}, ue)
	// One that names a command keeps it (a subcommand's, set first).
	require.ErrorAs(t, InCommand("bench", InCommand("bench gen", Usagef("x"))), &ue)
	assert.Equal(t, "bench gen", ue.Cmd)
	// Other errors and nil pass through.
	boom := errors.New("boom")
	assert.Equal(t, boom, InCommand("show", boom))
	assert.NoError(t, InCommand("show", nil))
}

func TestParse(t *testing.T) {
	newSet := func() (*int, *string, *int) { return new(int), new(string), new(int) }
	tests := []struct {
		name  string
		args  []string
		err   string // "" for success
		n     int
		s     string
		count int
	}{
		{"defaults", nil, "", 0, "", 20},
		{"set", []string{"--n", "3", "-s", "x", "--count", "0", "arg"}, "", 3, "x", 0},
		// Mistakes are usage errors named by the flag set.
		{"unknown flag", []string{"--frob"}, "cmd: unknown flag: --frob", 0, "", 20},
		{"bad int", []string{"--n", "many"}, `cmd: invalid argument "many" for "--n" flag`, 0, "", 20},
		// A count refuses negative values and words.
		{"negative count", []string{"--count", "-1"}, `cmd: invalid argument "-1" for "--count" flag: negative; want 0 or more`, 0, "", 20},
		{"word count", []string{"--count=some"}, `cmd: invalid argument "some" for "--count" flag: not a number`, 0, "", 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, s, count := newSet()
			*count = 20
			fs := NewFlagSet("cmd")
			fs.IntVar(n, "n", 0, "a number")
			fs.StringVarP(s, "s", "s", "", "a string")
			CountVar(fs, count, "count", "a count")
			var stdout bytes.Buffer
			err := Parse(fs, "Usage: cmd\n", tt.args, &stdout)
			if tt.err != "" {
				var ue UsageError
				require.ErrorAs(t, err, &ue)
				assert.Contains(t, ue.Msg, tt.err)
				assert.Empty(t, ue.Cmd, "the caller names the command (InCommand)")
			} else {
				require.NoError(t, err)
			}
			assert.Empty(t, stdout.String(), "only --help writes")
			assert.Equal(t, tt.n, *n)
			assert.Equal(t, tt.s, *s)
			assert.Equal(t, tt.count, *count)
		})
	}
}

func TestParseHelp(t *testing.T) {
	fs := NewFlagSet("cmd")
	limit := 10
	CountVar(fs, &limit, "limit", "rows to print (0 = all)")
	fs.String("out", "", "output `DIR`")
	var stdout bytes.Buffer
	// The help lists every flag with the default it was defined with.
	err := Parse(fs, "Usage: cmd [flags]\n", []string{"--limit", "3", "-h"}, &stdout)
	require.ErrorIs(t, err, ErrHelp)
	want := "Usage: cmd [flags]\n\nFlags:\n" +
		"  -h, --help        show this help\n" +
		"      --limit int   rows to print (0 = all) (default 10)\n" +
		"      --out DIR     output DIR\n"
	assert.Equal(t, want, stdout.String())
}

func TestNoArgs(t *testing.T) {
	fs := NewFlagSet("groups")
	require.NoError(t, Parse(fs, "", []string{"extra", "more"}, nil))
	err := NoArgs(fs)
	var ue UsageError
	require.ErrorAs(t, err, &ue)
	assert.Equal(t, `groups: unexpected argument "extra"`, ue.Msg)

	fs = NewFlagSet("groups")
	require.NoError(t, Parse(fs, "", nil, nil))
	assert.NoError(t, NoArgs(fs))
}

func TestStartProfile(t *testing.T) {
	// No path: nothing to start, a stop that does nothing.
	stop, err := StartProfile("")
	require.NoError(t, err)
	stop()

	path := filepath.Join(t.TempDir(), "cpu.prof")
	stop, err = StartProfile(path)
	require.NoError(t, err)
	// A second profile cannot start while one runs; its file is closed.
	_, err = StartProfile(filepath.Join(t.TempDir(), "again.prof"))
	assert.Error(t, err)
	stop()
	fi, err := os.Stat(path)
	require.NoError(t, err)
	assert.Positive(t, fi.Size(), "the profile is written when it stops")

	_, err = StartProfile(filepath.Join(t.TempDir(), "no", "such", "dir", "cpu.prof"))
	assert.Error(t, err)
}

func TestIsTerminal(t *testing.T) {
	assert.False(t, IsTerminal(&bytes.Buffer{}), "a buffer")
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	require.NoError(t, err)
	defer f.Close()
	assert.False(t, IsTerminal(f), "a regular file")
}

//go:build linux

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/internal/priority"
)

// blockedWrite starts 'wirediff dedup --index' (the binary bin) on a named
// pipe it is fed one article through and that is kept open, with TMPDIR
// tmp and the environment env added, and returns once the run holds its
// spool open (a file of TMPDIR in /proc/PID/fd): the write is under way and waits for
// more input. It returns the process and the spool's path.
func blockedWrite(t *testing.T, bin, tmp string, env ...string) (*exec.Cmd, string) {
	t.Helper()
	dir := t.TempDir()
	fifo := filepath.Join(dir, "feed.jsonl")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	cmd := exec.Command(bin, "dedup", "--index", filepath.Join(dir, "IX"), fifo)
	cmd.Env = append(append(os.Environ(), "TMPDIR="+tmp), env...)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
	require.NoError(t, err)
	t.Cleanup(func() { w.Close() })
	_, err = w.WriteString(`{"id":"a1","title":"Markets fall","text":"Markets fell sharply on Monday after the central bank raised rates again."}` + "\n")
	require.NoError(t, err)

	fdDir := filepath.Join("/proc", strconv.Itoa(cmd.Process.Pid), "fd")
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		fds, _ := os.ReadDir(fdDir)
		for _, fd := range fds {
			if target, err := os.Readlink(filepath.Join(fdDir, fd.Name())); err == nil && strings.HasPrefix(target, tmp+"/") {
				return cmd, target
			}
		}
	}
	t.Fatal("no spool file open in the run")
	return nil, ""
}

// TestSpoolKilled: 'dedup --index' killed with SIGKILL while it spools its
// input leaves no spool file in TMPDIR.
func TestSpoolKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the binary")
	}
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	tmp := filepath.Join(dir, "tmp")
	require.NoError(t, os.Mkdir(tmp, 0o755))
	cmd, spool := blockedWrite(t, bin, tmp)
	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
	_ = cmd.Wait()
	require.Empty(t, filesIn(t, tmp), "files left in TMPDIR by the killed run (its spool was %s)", spool)
}

// TestWriteYields: a write runs every thread at nice 10, or at
// WIREDIFF_WRITE_NICE, so that readers of the index are scheduled first;
// WIREDIFF_WRITE_NICE=0 leaves the priority as it is.
func TestWriteYields(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	own, err := syscall.Getpriority(syscall.PRIO_PROCESS, 0)
	require.NoError(t, err)
	own = 20 - own // Linux's raw getpriority(2) is 20 - nice
	for _, tt := range []struct {
		env  []string
		want int
	}{
		{nil, max(own, priority.DefaultWriteNice)},
		{[]string{"WIREDIFF_WRITE_NICE=15"}, max(own, 15)},
		{[]string{"WIREDIFF_WRITE_NICE=0"}, own},
	} {
		cmd, _ := blockedWrite(t, bin, t.TempDir(), tt.env...)
		nices, err := priority.Nices(cmd.Process.Pid)
		require.NoError(t, err)
		require.NotEmpty(t, nices)
		for tid, n := range nices {
			assert.Equal(t, tt.want, n, "%v: thread %d", tt.env, tid)
		}
	}
}

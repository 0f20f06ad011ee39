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

	"github.com/stretchr/testify/require"
)

// TestSpoolKilled: 'dedup --index' killed with SIGKILL while it spools its
// input leaves no spool file in TMPDIR. The input is a named pipe kept
// open, so the kill lands while the run holds the spool open (seen in
// /proc/PID/fd).
func TestSpoolKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the binary")
	}
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	tmp := filepath.Join(dir, "tmp")
	require.NoError(t, os.Mkdir(tmp, 0o755))
	fifo := filepath.Join(dir, "feed.jsonl")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))

	cmd := exec.Command(bin, "dedup", "--index", filepath.Join(dir, "IX"), fifo)
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
	require.NoError(t, cmd.Start())
	defer cmd.Process.Kill()
	w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
	require.NoError(t, err)
	defer w.Close()
	_, err = w.WriteString(`{"id":"a1","title":"Markets fall","text":"Markets fell sharply on Monday after the central bank raised rates again."}` + "\n")
	require.NoError(t, err)

	// Wait for the spool to be open.
	fdDir := filepath.Join("/proc", strconv.Itoa(cmd.Process.Pid), "fd")
	var spool string
	for deadline := time.Now().Add(30 * time.Second); spool == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		fds, _ := os.ReadDir(fdDir)
		for _, fd := range fds {
			if target, err := os.Readlink(filepath.Join(fdDir, fd.Name())); err == nil && strings.Contains(target, "wirediff-spool-") {
				spool = target
			}
		}
	}
	require.NotEmpty(t, spool, "no spool file open in the run")
	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
	_ = cmd.Wait()

	require.Empty(t, filesIn(t, tmp), "files left in TMPDIR by the killed run (its spool was %s)", spool)
}

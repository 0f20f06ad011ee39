package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/index"
)

// The crash-test harness: it builds the wirediff binary, writes an index
// in two steps (index FILE1, then dedup FILE2, which adds and regroups),
// kills the binary with SIGKILL at a random moment of one of the steps,
// and checks what must hold after any crash:
//
//   - the index opens (or, killed while being created, is absent);
//   - 'wirediff check' finds no damage (an interrupted write that stored
//     articles without committing them is no damage: check notes it,
//     and the rerun discards it and starts from the committed state);
//   - every acknowledged article (of a step that exited 0) is in the
//     committed index;
//   - rerunning the steps succeeds and prints what a clean run prints,
//     byte for byte (a rerun that finds the last run's grouping of
//     the index is an incremental run and prints the rows of the groups
//     it regrouped: those are rows of the clean run's, byte for byte),
//     leaves the groups of the clean run (groups.tsv byte for byte) and
//     an index check finds sound;
//   - the killed step left nothing in its TMPDIR (no spool file).
//
// 'go test' runs a few trials; 'make crashtest' hundreds
// (WIREDIFF_CRASH_TRIALS). WIREDIFF_CRASH_SEED replays a run.
func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the binary")
	}
	trials := 2
	if s := os.Getenv("WIREDIFF_CRASH_TRIALS"); s != "" {
		var err error
		trials, err = strconv.Atoi(s)
		require.NoError(t, err)
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("WIREDIFF_CRASH_SEED"); s != "" {
		var err error
		seed, err = strconv.ParseUint(s, 10, 64)
		require.NoError(t, err)
	}
	t.Logf("WIREDIFF_CRASH_SEED=%d", seed)
	rng := rand.New(rand.NewPCG(seed, 1))

	tmp := t.TempDir()
	bin := buildBinary(t, tmp)
	gen := filepath.Join(tmp, "gen")
	out, err := exec.Command(bin, "bench", "gen", "--articles", "300", "--seed", "2", "--out", gen).CombinedOutput()
	require.NoError(t, err, "%s", out)
	files := splitCorpus(t, filepath.Join(gen, "articles.jsonl"), tmp)

	steps := [][]string{
		{"index", "--index", "IX", files[0]},
		{"dedup", "--index", "IX", "--format", "tsv", files[1]},
	}
	// The clean run: what every rerun must print, and how long each step
	// takes (kills land within it).
	cleanDir := filepath.Join(tmp, "clean")
	require.NoError(t, os.Mkdir(cleanDir, 0o755))
	var clean [][]byte
	var took []time.Duration
	for _, s := range steps {
		t0 := time.Now()
		o, err := runIn(cleanDir, bin, s...)
		require.NoError(t, err, "clean %v", s)
		clean = append(clean, o)
		took = append(took, time.Since(t0))
	}
	acked := [][]string{readIDs(t, files[0]), readIDs(t, files[1])}
	cleanGroups, err := os.ReadFile(filepath.Join(cleanDir, "IX", "groups.tsv"))
	require.NoError(t, err)

	for trial := range trials {
		dir := filepath.Join(tmp, fmt.Sprintf("trial%d", trial))
		require.NoError(t, os.Mkdir(dir, 0o755))
		victim := rng.IntN(len(steps))
		delay := time.Duration(rng.Int64N(int64(took[victim]) + 1))
		var ok []string // acknowledged IDs
		completed := 0
		for k, s := range steps[:victim+1] {
			if k < victim {
				_, err := runIn(dir, bin, s...)
				require.NoError(t, err, "trial %d: step %v", trial, s)
				ok = append(ok, acked[k]...)
				completed++
				continue
			}
			if killedAt(t, dir, bin, s, delay) {
				t.Logf("trial %d: killed %s after %v", trial, s[0], delay)
			} else {
				ok = append(ok, acked[k]...)
				completed++
			}
		}
		ix := filepath.Join(dir, "IX")
		committed, err := committedIDs(ix)
		switch {
		case errors.Is(err, index.ErrNotFound) && completed == 0:
			// Killed while creating: nothing acknowledged, nothing made.
		case err != nil:
			t.Fatalf("trial %d: index does not open after the crash: %v", trial, err)
		default:
			for _, id := range ok {
				if !committed[id] {
					t.Fatalf("trial %d: acknowledged article %q lost", trial, id)
				}
			}
			requireSound(t, dir, bin, trial, true)
		}
		// Rerun from the first step not acknowledged.
		for k := completed; k < len(steps); k++ {
			requireRerun(t, dir, bin, trial, steps[k], clean[k])
		}
		if completed == len(steps) {
			// The crash hit nothing: the last step's output is
			// compared by running it once more (an idempotent rerun).
			requireRerun(t, dir, bin, trial, steps[len(steps)-1], clean[len(steps)-1])
		}
		groups, err := os.ReadFile(filepath.Join(ix, "groups.tsv"))
		require.NoError(t, err)
		if !bytes.Equal(groups, cleanGroups) {
			t.Fatalf("trial %d: the groups after the rerun are not a clean run's:\n%s", trial, firstDiff(groups, cleanGroups))
		}
		requireSound(t, dir, bin, trial, false)
		os.RemoveAll(dir)
	}
}

// buildBinary builds wirediff into dir.
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "wirediff")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	require.NoError(t, build.Run(), "go build")
	return bin
}

// splitCorpus writes the first two thirds and the last third of a JSONL
// corpus into two files.
func splitCorpus(t *testing.T, path, dir string) [2]string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	lines := strings.SplitAfter(strings.TrimSuffix(string(data), "\n"), "\n")
	cut := 2 * len(lines) / 3
	out := [2]string{filepath.Join(dir, "first.jsonl"), filepath.Join(dir, "second.jsonl")}
	require.NoError(t, os.WriteFile(out[0], []byte(strings.Join(lines[:cut], "")), 0o644))
	require.NoError(t, os.WriteFile(out[1], []byte(strings.Join(lines[cut:], "")+"\n"), 0o644))
	return out
}

func readIDs(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var ids []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		line := sc.Text()
		i := strings.Index(line, `"id":"`)
		require.GreaterOrEqual(t, i, 0, "no id in %.80s", line)
		rest := line[i+6:]
		ids = append(ids, rest[:strings.IndexByte(rest, '"')])
	}
	require.NoError(t, sc.Err())
	require.NotEmpty(t, ids)
	return ids
}

func runIn(dir, bin string, args ...string) ([]byte, error) {
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		err = fmt.Errorf("%w: %s", err, stderr.String())
	}
	return out, err
}

// requireRerun reruns a step and checks its output against a clean run's
// (want): the same bytes, or, from an incremental run (which prints only
// the groups it regrouped), the header and a subset of want's rows.
func requireRerun(t *testing.T, dir, bin string, trial int, args []string, want []byte) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	o, err := cmd.Output()
	require.NoError(t, err, "trial %d: rerun %v: %s", trial, args, stderr.String())
	if bytes.Equal(o, want) {
		return
	}
	if strings.Contains(stderr.String(), "incremental run") {
		rows := map[string]bool{}
		lines := strings.SplitAfter(string(want), "\n")
		for _, l := range lines[1:] {
			rows[l] = true
		}
		got := strings.SplitAfter(string(o), "\n")
		ok := got[0] == lines[0]
		for _, l := range got[1:] {
			ok = ok && rows[l]
		}
		if ok {
			return
		}
	}
	t.Fatalf("trial %d: rerun of %v prints other output than a clean run:\n%s\n%s", trial, args, firstDiff(o, want), stderr.String())
}

// killedAt runs a step and sends it SIGKILL after delay; false when it
// exited first (successfully: a failure is fatal). Either way the step
// must leave nothing in its TMPDIR (the spool of dedup).
func killedAt(t *testing.T, dir, bin string, args []string, delay time.Duration) bool {
	t.Helper()
	tmp := filepath.Join(dir, "tmp")
	require.NoError(t, os.MkdirAll(tmp, 0o755))
	defer func() {
		require.Empty(t, filesIn(t, tmp), "%v left files in its TMPDIR", args)
	}()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		require.NoError(t, err, "%v: %s", args, stderr.String())
		return false
	case <-time.After(delay):
	}
	_ = cmd.Process.Signal(syscall.SIGKILL)
	err := <-done
	var ee *exec.ExitError
	if errors.As(err, &ee) && ee.ProcessState.Sys().(syscall.WaitStatus).Signaled() {
		return true
	}
	require.NoError(t, err, "%v: %s", args, stderr.String())
	return false // it exited just before the signal
}

// filesIn lists the names in dir.
func filesIn(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func committedIDs(dir string) (map[string]bool, error) {
	ix, err := index.Open(dir, index.Options{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	ids, err := ix.IDs()
	if err != nil {
		return nil, err
	}
	m := make(map[string]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m, nil
}

// requireSound runs 'wirediff check'; after a crash (crashed), the one
// finding an interrupted write leaves is allowed.
func requireSound(t *testing.T, dir, bin string, trial int, crashed bool) {
	t.Helper()
	out, err := runIn(dir, bin, "check", "--index", "IX")
	if err == nil {
		return
	}
	if crashed {
		problems := strings.Count(string(out), "problem: ")
		uncommitted := strings.Count(string(out), "problem: the live index holds")
		if problems == uncommitted {
			return
		}
	}
	t.Fatalf("trial %d: check after the crash: %v\n%s", trial, err, out)
}

func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n got  %q\n want %q", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(al), len(bl))
}

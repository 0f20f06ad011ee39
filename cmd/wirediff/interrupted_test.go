package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/index"
)

// TestInterruptedWrite: a write stopped before it committed (Ctrl-C, a
// kill) changes nothing: check says readers do not see what it stored,
// and the next write, whatever it is, discards that, says so, and starts
// from the committed snapshot instead of committing it.
func TestInterruptedWrite(t *testing.T) {
	dir := t.TempDir()
	ix := filepath.Join(dir, "ix")
	_, errs, code := wirediff(t, "", "dedup", "--index", ix, seeds)
	require.Equal(t, 0, code, errs)
	interruptWrite(t, ix,
		`{"id":"late1","text":"Officials in Geneva said on Monday that talks on the plan would resume next week."}`,
		`{"id":"late2","text":"The harbour authority closed the port for two days after the storm damaged its cranes."}`)

	out1, errs, code := wirediff(t, "", "check", "--index", ix)
	assert.Equal(t, 0, code, "%s%s", out1, errs)
	assert.Contains(t, out1, "index "+ix+": 5 articles committed, 5 grouped; live store 7\n")
	assert.Contains(t, out1, "note: a write was interrupted before it committed")

	_, errs, code = wirediff(t, "", "delete", "--index", ix, "000_4bd703d3e122696c")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "wirediff: discarded what an interrupted write had stored in "+ix+" without committing it")
	assert.Contains(t, errs, "deleted 1 article from")

	out1, errs, code = wirediff(t, "", "check", "--index", ix)
	assert.Equal(t, 0, code, "%s%s", out1, errs)
	assert.Contains(t, out1, "index "+ix+": 4 articles committed, 4 grouped; live store 4\nok\n")
	_, _, code = wirediff(t, "", "show", "--index", ix, "late1")
	assert.Equal(t, 2, code, "the interrupted write's article is not in the index")
}

// TestDamagedStoreKept: a live store that check calls damaged stays
// damaged, and is never deleted: a writer that fails to open it leaves
// no mark that would have the next check call it an interrupted write,
// and the next writer discard it.
func TestDamagedStoreKept(t *testing.T) {
	dir := t.TempDir()
	ix := filepath.Join(dir, "ix")
	_, errs, code := wirediff(t, "", "dedup", "--index", ix, seeds)
	require.Equal(t, 0, code, errs)
	require.NoError(t, os.WriteFile(filepath.Join(ix, "bleve", "store", "root.bolt"), nil, 0o644))
	for range 2 {
		out, errs, code := wirediff(t, "", "check", "--index", ix)
		assert.Equal(t, 1, code, "%s%s", out, errs)
		assert.Contains(t, out, "problem: index is corrupt: "+filepath.Join(ix, "bleve", "store", "root.bolt")+" is empty")
		assert.NotContains(t, out, "interrupted")

		_, errs, code = wirediff(t, "", "delete", "--index", ix, "000_4bd703d3e122696c")
		assert.NotZero(t, code)
		assert.Contains(t, errs, "root.bolt is empty")
		assert.NotContains(t, errs, "discarded")
		assert.NoFileExists(t, filepath.Join(ix, "WRITING"))
	}
	segs, err := filepath.Glob(filepath.Join(ix, "bleve", "store", "*.zap"))
	require.NoError(t, err)
	assert.NotEmpty(t, segs, "the damaged store is left as it was")
}

// TestInterruptedWriteDamagedStore: the store of an interrupted write
// that is damaged is reported (its articles not counted), and the next
// write keeps it aside, not deleting it, as check --restore does.
func TestInterruptedWriteDamagedStore(t *testing.T) {
	dir := t.TempDir()
	ix := filepath.Join(dir, "ix")
	_, errs, code := wirediff(t, "", "dedup", "--index", ix, seeds)
	require.Equal(t, 0, code, errs)
	interruptWrite(t, ix, `{"id":"late1","text":"Officials in Geneva said on Monday that talks on the plan would resume next week."}`)
	require.NoError(t, os.WriteFile(filepath.Join(ix, "bleve", "store", "root.bolt"), nil, 0o644))

	out1, errs, code := wirediff(t, "", "check", "--index", ix)
	assert.Equal(t, 1, code, "%s%s", out1, errs)
	assert.Contains(t, out1, "problem: index is corrupt: "+filepath.Join(ix, "bleve", "store", "root.bolt")+" is empty")
	assert.Contains(t, out1, "note: a write was interrupted before it committed: readers do not see what it stored, and the next write")
	assert.NotContains(t, out1, "-1")

	_, errs, code = wirediff(t, "", "delete", "--index", ix, "000_4bd703d3e122696c")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "wirediff: discarded what an interrupted write had stored in "+ix+" without committing it (the store it left was damaged and is kept in "+filepath.Join(ix, "bleve.damaged-"))
	kept, err := filepath.Glob(filepath.Join(ix, "bleve.damaged-*", "store", "*.zap"))
	require.NoError(t, err)
	assert.NotEmpty(t, kept)

	out1, errs, code = wirediff(t, "", "check", "--index", ix)
	assert.Equal(t, 0, code, "%s%s", out1, errs)
	assert.Contains(t, out1, "index "+ix+": 4 articles committed, 4 grouped; live store 4\nok\n")
}

// interruptWrite has a child process (TestUncommittedWriteChild) store
// the JSON lines in the index ix and exit without committing, as a write
// killed before it committed does.
func interruptWrite(t *testing.T, ix string, lines ...string) {
	t.Helper()
	in := filepath.Join(t.TempDir(), "late.jsonl")
	require.NoError(t, os.WriteFile(in, []byte(strings.Join(lines, "\n")+"\n"), 0o644))
	child := exec.Command(os.Args[0], "-test.run=^TestUncommittedWriteChild$")
	child.Env = append(os.Environ(), "WIREDIFF_UNCOMMITTED_INDEX="+ix, "WIREDIFF_UNCOMMITTED_INPUT="+in)
	out, err := child.CombinedOutput()
	require.NoError(t, err, "%s", out)
}

// TestUncommittedWriteChild is TestInterruptedWrite's child process: it
// indexes the articles of WIREDIFF_UNCOMMITTED_INPUT into the index
// WIREDIFF_UNCOMMITTED_INDEX and exits without closing it, as a write
// killed before it committed does.
func TestUncommittedWriteChild(t *testing.T) {
	dir := os.Getenv("WIREDIFF_UNCOMMITTED_INDEX")
	if dir == "" {
		t.Skip("the child process of TestInterruptedWrite")
	}
	ix, err := dedup.OpenIndex(dir, index.Options{})
	require.NoError(t, err)
	opt := dedup.Options{Index: ix}
	opt.Cluster.CopyOnly = true
	_, err = dedup.Load(context.Background(), dedup.Source{Paths: []string{os.Getenv("WIREDIFF_UNCOMMITTED_INPUT")}}, opt)
	require.NoError(t, err)
	os.Exit(0) // bleve's batches are on disk (scorch waits for them); nothing is committed
}

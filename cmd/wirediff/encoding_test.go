package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEncoding reads Windows-1252 text files (0x92 is ’, 0xE9 é) with
// --encoding: decoded, grouped and indexed as UTF-8; without the flag they
// are skipped with a hint, and an unknown name is a usage error.
func TestEncoding(t *testing.T) {
	dir := t.TempDir()
	const story = "The caf\xe9\x92s owner re-opened the harbour kiosk on Monday after the storm, " +
		"serving cr\xe8me br\xfbl\xe9e to the fishermen who had waited three weeks for the quay to be repaired.\n"
	in := filepath.Join(dir, "in")
	require.NoError(t, os.MkdirAll(in, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(in, "a.txt"), []byte(story), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(in, "b.txt"), []byte("Harbour news. "+story), 0o644))

	out, errs, code := wirediff(t, "", "dedup", "--no-index", "--level", "copy", "--format", "tsv", "--encoding", "windows-1252", in)
	require.Equal(t, 0, code, errs)
	assert.Equal(t, "id\tgroup\na\tc:a\nb\tc:a\n", out)
	assert.Contains(t, errs, "skipped 0")

	// Indexed as UTF-8: the decoded words are found.
	ix := filepath.Join(dir, "ix")
	_, errs, code = wirediff(t, "", "index", "--index", ix, "--encoding", "latin1", in)
	require.Equal(t, 0, code, errs)
	out, errs, code = wirediff(t, "", "search", "--index", ix, "--format", "jsonl", "crème")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "café’s owner")

	// similar reads standard input in the encoding too.
	out, errs, code = wirediff(t, story, "similar", "--index", ix, "--format", "jsonl", "--encoding", "windows-1252", "-")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, `"level":"copy"`)

	// Without --encoding: skipped, with what to try.
	_, errs, code = wirediff(t, "", "dedup", "--no-index", "--format", "tsv", in)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "a.txt:1: invalid-utf8: bytes that are not UTF-8 (legacy encoding? try --encoding windows-1252)")
	assert.Contains(t, errs, "skipped 2 (invalid-utf8 2)")

	// An unknown name is a usage error (TestUsageWritesNothing: before
	// anything is created), naming the flag.
	_, errs, code = wirediff(t, "", "similar", "--index", ix, "--encoding", "klingon", "-")
	assert.Equal(t, 2, code, errs)
	assert.Contains(t, errs, `--encoding: corpus: unknown encoding "klingon"; want a WHATWG encoding name such as utf-8, windows-1252`)
}

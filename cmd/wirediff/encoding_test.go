package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
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
	assert.Equal(t, "id\tgroup\na\tc:a\nb\tc:a\n", idGroup(out))
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

	// Without --encoding: skipped, with what to try; nothing read is a
	// usage error.
	_, errs, code = wirediff(t, "", "dedup", "--no-index", "--format", "tsv", in)
	require.Equal(t, 2, code, errs)
	assert.Contains(t, errs, "no articles read from")
	assert.Contains(t, errs, "a.txt:1: invalid-utf8: bytes that are not UTF-8 (legacy encoding? try --encoding windows-1252)")
	assert.Contains(t, errs, "skipped 2 (invalid-utf8 2)")

	// An unknown name is a usage error, found before anything is created
	// (TestUsageWritesNothing), naming the flag.
	_, errs, code = wirediff(t, "", "similar", "--index", ix, "--encoding", "klingon", "-")
	assert.Equal(t, 2, code, errs)
	assert.Contains(t, errs, `--encoding: corpus: unknown encoding "klingon"; want a WHATWG encoding name such as utf-8, windows-1252`)
}

// TestEncodingFallback reads a folder that mixes UTF-8 (with curly
// quotes) and Windows-1252 with --encoding utf-8,windows-1252: each file
// is read as UTF-8 where it is valid and decoded from windows-1252 where
// it is not, with a note that is not a skip.
func TestEncodingFallback(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	require.NoError(t, os.MkdirAll(in, 0o755))
	const (
		utf8Story = "The “harbour” kiosk’s owner re-opened on Monday after the storm, serving crème brûlée to the fishermen.\n"
		cpStory   = "The \x93caf\xe9\x94 owner\x92s comeback drew a crowd to the quay on Tuesday, na\xefve as ever about the weather.\n"
		cpWant    = "The “café” owner’s comeback drew a crowd to the quay on Tuesday, naïve as ever about the weather.\n"
	)
	require.NoError(t, os.WriteFile(filepath.Join(in, "a.txt"), []byte(utf8Story), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(in, "b.txt"), []byte(cpStory), 0o644))

	// Both read, one note, no skip: --strict passes.
	ix := filepath.Join(dir, "ix")
	_, errs, code := wirediff(t, "", "index", "--index", ix, "--strict", "--encoding", "utf-8,windows-1252", in)
	require.Equal(t, 0, code, errs)
	assert.Equal(t, 1, strings.Count(errs, "decoded as windows-1252 (not UTF-8)\n"), errs)
	assert.Contains(t, errs, "wirediff: "+filepath.Join(in, "b.txt")+":1: decoded as windows-1252 (not UTF-8)\n")
	assert.Contains(t, errs, "indexed 2 articles from 2 files, skipped 0, 1 decoded as windows-1252 (not UTF-8);")
	assert.NotContains(t, errs, "skipped "+filepath.Join(in, "b.txt"))
	out, errs, code := wirediff(t, "", "show", "--index", ix, "--format", "json", "a", "b")
	require.Equal(t, 0, code, errs)
	var showed struct{ Articles []struct{ ID, Text string } }
	require.NoError(t, json.Unmarshal([]byte(out), &showed), out)
	shown := showed.Articles
	require.Len(t, shown, 2)
	assert.Equal(t, utf8Story, shown[0].Text)
	assert.Equal(t, cpWant, shown[1].Text)

	_, errs, code = wirediff(t, "", "dedup", "--no-index", "--format", "tsv", "--encoding", "UTF8,cp1252", in)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "read 2 articles from 2 files, skipped 0, 1 decoded as windows-1252 (not UTF-8);")
	// The JSON document counts them too.
	out, errs, code = wirediff(t, "", "dedup", "--no-index", "--format", "json", "--encoding", "utf-8,windows-1252", in)
	require.Equal(t, 0, code, errs)
	var doc struct {
		Decoded int `json:"decoded_fallback"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc), out)
	assert.Equal(t, 1, doc.Decoded)

	// Notes are limited per file by --show-skipped, as skips are, and
	// the summary counts them all.
	var b strings.Builder
	for i := range 5 {
		fmt.Fprintf(&b, "{\"id\": \"w%d\", \"text\": \"%s\"}\n{\"text\": \"not json\n", i, strings.TrimSpace(cpStory))
	}
	noisy := filepath.Join(dir, "noisy.jsonl")
	require.NoError(t, os.WriteFile(noisy, []byte(b.String()), 0o644))
	_, errs, code = wirediff(t, "", "dedup", "--no-index", "--format", "tsv", "--show-skipped", "2", "--encoding", "utf-8,windows-1252", noisy)
	require.Equal(t, 0, code, errs)
	assert.Equal(t, 2, strings.Count(errs, "decoded as windows-1252 (not UTF-8)\n"), errs)
	assert.Equal(t, 2, strings.Count(errs, ": malformed-json: "), errs)
	assert.Contains(t, errs, "noisy.jsonl: more records decoded as windows-1252 not shown (counted in the summary; --show-skipped 0 shows all)")
	assert.Contains(t, errs, "noisy.jsonl: more skipped records not shown")
	assert.Contains(t, errs, "read 5 articles from 1 file, skipped 5 (malformed-json 5), 5 decoded as windows-1252 (not UTF-8);")

	// Other lists are usage errors naming the flag.
	for _, tt := range []struct{ list, want string }{
		{"windows-1252,utf-8", `--encoding: corpus: bad encoding list "windows-1252,utf-8": the first must be utf-8`},
		{"utf-8,windows-1252,latin1", `--encoding: corpus: bad encoding list "utf-8,windows-1252,latin1": want one name, or two`},
		{"utf-8,utf-16le", `--encoding: corpus: bad encoding list "utf-8,utf-16le": the fallback must be a single-byte encoding`},
		{"utf-8,klingon", `--encoding: corpus: unknown encoding "klingon"`},
	} {
		_, errs, code = wirediff(t, "", "dedup", "--no-index", "--encoding", tt.list, in)
		assert.Equal(t, 2, code, errs)
		assert.Contains(t, errs, tt.want)
	}
}

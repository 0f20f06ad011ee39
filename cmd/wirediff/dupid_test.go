package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDuplicateIDOrderFree checks that two files giving one ID to
// different articles produce the same groups, whichever is named first,
// and that the index holds the article kept, not the one read last.
func TestDuplicateIDOrderFree(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, recs ...map[string]string) string {
		var b []byte
		for _, r := range recs {
			line, err := json.Marshal(r)
			require.NoError(t, err)
			b = append(append(b, line...), '\n')
		}
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, b, 0o644))
		return p
	}
	seed := func(name string) string {
		b, err := os.ReadFile(filepath.Join(seeds, name))
		require.NoError(t, err)
		return string(b)
	}
	// The longer of the two records for "x" is kept, whichever file is
	// read first.
	a := write("a.jsonl",
		map[string]string{"id": "x", "text": "A short note on the harbour reopening after the storm."},
		map[string]string{"id": "s0", "text": seed("000_4bd703d3e122696c.txt")})
	b := write("b.jsonl",
		map[string]string{"id": "x", "text": seed("001_2ea4910e153269e2.txt")},
		map[string]string{"id": "s2", "text": seed("002_ac49a336ca4eb3e9.txt")})
	var outs []string
	for i, paths := range [][]string{{a, b}, {b, a}} {
		ix := filepath.Join(dir, "ix"+string(rune('0'+i)))
		out, errs, code := wirediff(t, "", append([]string{"dedup", "--index", ix, "--format", "csv"}, paths...)...)
		require.Equal(t, 0, code, errs)
		assert.Contains(t, errs, `a.jsonl:1: duplicate-id: id "x"`) // whichever message, the short note is the one skipped
		outs = append(outs, out)
		// The harbour note is not what the index holds for x.
		_, _, code = wirediff(t, "", "search", "--index", ix, "harbour")
		assert.Equal(t, 1, code, "the replaced record must not be searchable")
		hits, errs, code := wirediff(t, "", "search", "--index", ix, "--format", "jsonl", "Witkoff")
		require.Equal(t, 0, code, errs)
		assert.Contains(t, hits, `"id":"x"`)
	}
	assert.Equal(t, outs[0], outs[1])
	assert.Contains(t, outs[0], "x,")

	// Standard input is read once and indexed as it streams: the
	// replacement must still win over the record it replaces.
	read := func(p string) string {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		return string(b)
	}
	for i, in := range []string{read(a) + read(b), read(b) + read(a)} {
		ix := filepath.Join(dir, "stdin"+string(rune('0'+i)))
		_, errs, code := wirediff(t, in, "dedup", "--index", ix, "--format", "csv", "-")
		require.Equal(t, 0, code, errs)
		_, _, code = wirediff(t, "", "search", "--index", ix, "harbour")
		assert.Equal(t, 1, code, "the replaced record must not be searchable (order %d)", i)
	}
}

// TestSharedFileNames: two files of one directory whose names differ
// only in their extension are both read, each named with its extension,
// in any order they are named; others keep their names.
func TestSharedFileNames(t *testing.T) {
	dir := t.TempDir()
	for name, seed := range map[string]string{
		"x.txt": "001_2ea4910e153269e2.txt",
		"x.md":  "003_d4f861dc4b37a64b.txt",
		"y.txt": "000_4bd703d3e122696c.txt",
	} {
		b, err := os.ReadFile(filepath.Join(seeds, seed))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), b, 0o644))
	}
	for _, args := range [][]string{{dir}, {filepath.Join(dir, "x.md"), filepath.Join(dir, "y.txt"), filepath.Join(dir, "x.txt")}} {
		out, errs, code := wirediff(t, "", append([]string{"dedup", "--no-index", "--format", "tsv"}, args...)...)
		require.Equal(t, 0, code, errs)
		assert.NotContains(t, errs, "duplicate-id")
		assert.Contains(t, errs, "read 3 articles")
		for _, id := range []string{"x.md\t", "x.txt\t", "y\t"} {
			assert.Contains(t, out, "\n"+id)
		}
	}
}

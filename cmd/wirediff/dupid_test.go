package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/internal/devdata"
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

// TestDedupIncremental: grouping a corpus in two runs over one index
// gives the groups of one run over the whole corpus, at every level, and
// --input-only groups the second run's articles alone.
func TestDedupIncremental(t *testing.T) {
	data, err := os.ReadFile(devdata.Path(t, "data/basil-dev/articles.jsonl"))
	require.NoError(t, err)
	lines := strings.SplitAfter(strings.TrimSpace(string(data)), "\n")
	dir := t.TempDir()
	first, second, all := filepath.Join(dir, "first.jsonl"), filepath.Join(dir, "second.jsonl"), filepath.Join(dir, "all.jsonl")
	require.NoError(t, os.WriteFile(first, []byte(strings.Join(lines[:70], "")+"\n"), 0o644))
	require.NoError(t, os.WriteFile(second, []byte(strings.Join(lines[70:], "")), 0o644))
	require.NoError(t, os.WriteFile(all, []byte(strings.Join(lines, "")), 0o644))
	// The groups of every article at every level.
	groups := func(out string) map[string]map[string]string {
		var doc struct {
			Articles []struct {
				ID     string            `json:"id"`
				Groups map[string]string `json:"groups"`
			} `json:"articles"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &doc))
		m := map[string]map[string]string{}
		for _, a := range doc.Articles {
			m[a.ID] = a.Groups
		}
		return m
	}
	run := func(args ...string) string {
		out, errs, code := wirediff(t, "", append([]string{"dedup", "--format", "json"}, args...)...)
		require.Equal(t, 0, code, errs)
		return out
	}
	want := groups(run("--index", filepath.Join(dir, "one"), all, seeds))
	require.Len(t, want, len(lines)+5)
	ix := filepath.Join(dir, "two")
	run("--index", ix, first, seeds)
	got, errs, code := wirediff(t, "", "dedup", "--format", "json", "--index", ix, second)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "grouped with 75 already in the index")
	assert.Equal(t, want, groups(got))
	// With no input, the index is grouped as it is.
	assert.Equal(t, want, groups(run("--index", ix)))
	only := groups(run("--index", ix, "--input-only", second))
	assert.Len(t, only, len(lines)-70, "the second file's articles alone")
	_, errs, code = wirediff(t, "", "dedup", "--index", filepath.Join(dir, "absent"))
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "no input")
	assert.NoDirExists(t, filepath.Join(dir, "absent"))
}

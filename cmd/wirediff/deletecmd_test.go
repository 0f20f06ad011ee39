package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDeleteCommand: deleted articles leave the index and its groups at
// once, an ID not in it is named and exits 1, and the next grouping run,
// incremental, regroups the groups they were in: the index then holds the
// groups of a fresh run over the articles left and the new ones.
func TestDeleteCommand(t *testing.T) {
	lines := basilLines(t)
	dir := t.TempDir()
	all, kept := filepath.Join(dir, "all.jsonl"), filepath.Join(dir, "kept.jsonl")
	require.NoError(t, os.WriteFile(all, []byte(strings.Join(lines, "")), 0o644))
	// Every third BASIL article, and one seed, go.
	var gone, left []string
	for i, l := range lines {
		var a struct{ ID string }
		require.NoError(t, json.Unmarshal([]byte(l), &a))
		if i%3 == 0 {
			gone = append(gone, a.ID)
		} else {
			left = append(left, l)
		}
	}
	require.NoError(t, os.WriteFile(kept, []byte(strings.Join(left, "")), 0o644))
	seedsLeft := filepath.Join(dir, "seeds")
	require.NoError(t, os.MkdirAll(seedsLeft, 0o755))
	names, err := filepath.Glob(filepath.Join(seeds, "*.txt"))
	require.NoError(t, err)
	for _, n := range names[1:] {
		b, err := os.ReadFile(n)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(seedsLeft, filepath.Base(n)), b, 0o644))
	}
	late := filepath.Join(dir, "late.jsonl")
	require.NoError(t, os.WriteFile(late, []byte(`{"id":"late","text":"Officials in Geneva said on Monday that talks on the plan would resume next week."}`+"\n"), 0o644))
	fresh := filepath.Join(dir, "fresh")
	_, errs, code := wirediff(t, "", "dedup", "--index", fresh, kept, seedsLeft, late)
	require.Equal(t, 0, code, errs)

	ix := filepath.Join(dir, "ix")
	_, errs, code = wirediff(t, "", "dedup", "--index", ix, all, seeds)
	require.Equal(t, 0, code, errs)
	_, errs, code = wirediff(t, strings.Join(gone, "\n")+"\n\n", "delete", "--index", ix, "-")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "deleted 50 articles from "+ix)
	_, errs, code = wirediff(t, "", "delete", "--index", ix, "000_4bd703d3e122696c", gone[0], "nope")
	assert.Equal(t, 1, code, errs)
	assert.Contains(t, errs, "deleted 1 article from")
	assert.Contains(t, errs, `2 IDs not in `+ix+`: "`+gone[0]+`", "nope"`)

	// Gone at once from what readers see.
	out, errs, code := wirediff(t, "", "groups", "--index", ix, "--min-size", "1", "--format", "tsv", "--limit", "0")
	require.Equal(t, 0, code, errs)
	assert.Equal(t, 1+len(left)+4, strings.Count(out, "\n"), "the header and every article left")
	for _, id := range append(gone, "000_4bd703d3e122696c") {
		// A group may keep the label named after it until the next run.
		assert.False(t, strings.Contains(out, "\n"+id+"\t"), "%s listed after its deletion", id)
	}
	_, _, code = wirediff(t, "", "show", "--index", ix, gone[1])
	assert.Equal(t, 2, code)

	// A third of the index is gone: the next run regroups everything,
	// unless --drift is negative; incremental, it regroups what the deleted
	// articles were grouped with: the groups of a fresh run.
	_, errs, code = wirediff(t, "", "dedup", "--index", ix, "--drift", "-1", late)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "incremental run: read 1 article from 1 file, skipped 0, 1 new, 0 replaced, 0 unchanged, ")
	assert.Contains(t, errs, " regrouped after deletions")
	assert.Equal(t, indexGroups(t, fresh), indexGroups(t, ix))
	_, errs, code = wirediff(t, "", "check", "--index", ix)
	assert.Equal(t, 0, code, errs)
	_, errs, code = wirediff(t, "", "dedup", "--index", ix, "--full")
	require.Equal(t, 0, code, errs)
	assert.Equal(t, indexGroups(t, fresh), indexGroups(t, ix), "a full regroup agrees")
}

// indexGroups returns the groups of every article the index ix holds:
// its ID and its copy, rewrite and story groups, a line each, sorted.
func indexGroups(t *testing.T, ix string) []string {
	t.Helper()
	out, errs, code := wirediff(t, "", "groups", "--index", ix, "--min-size", "1", "--limit", "0", "--format", "tsv")
	require.Equal(t, 0, code, errs)
	var rows []string
	for i, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if f := strings.Split(l, "\t"); i > 0 {
			rows = append(rows, strings.Join([]string{f[0], f[3], f[4], f[5]}, "\t"))
		}
	}
	slices.Sort(rows)
	return rows
}

// Articles past a date, or of an outlet, are deleted by filter; --dry-run
// lists them and deletes nothing.
func TestDeleteByFilter(t *testing.T) {
	ix := seedIndex(t)
	out, errs, code := wirediff(t, "", "delete", "--index", ix, "--until", "2025-11-18", "--dry-run")
	require.Equal(t, 0, code, errs)
	assert.Equal(t, "000_4bd703d3e122696c\n", out)
	assert.Contains(t, errs, "--dry-run: 1 article of "+ix+" would be deleted")
	_, errs, code = wirediff(t, "", "delete", "--index", ix, "--outlet", "Newslooks", "--since", "2025-11-01")
	assert.Equal(t, 1, code, errs)
	assert.Contains(t, errs, "nothing deleted", "Newslooks' article has no date")
	_, errs, code = wirediff(t, "", "delete", "--index", ix, "--since", "2025-11-19")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "deleted 2 articles")
	out, errs, code = wirediff(t, "", "groups", "--index", ix, "--min-size", "1", "--format", "tsv")
	require.Equal(t, 0, code, errs)
	assert.Equal(t, 4, strings.Count(out, "\n"), "the header and the three articles left:\n%s", out)
	assert.NotContains(t, out, "\n002_ac49a336ca4eb3e9\t")
	_, errs, code = wirediff(t, "", "delete", "--index", ix, "x", "--until", "2025-01-01")
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "not both")
	_, errs, code = wirediff(t, "\n\n", "delete", "--index", ix, "-")
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "no IDs given")
}

// TestDeleteIDList: the IDs to delete are read as a list of them is
// written (CR LF, a byte order mark from Windows tools, an ID twice), and
// --dry-run lists and counts each once, as the deletion deletes it.
func TestDeleteIDList(t *testing.T) {
	const a, b = "000_4bd703d3e122696c", "002_ac49a336ca4eb3e9"
	ix := seedIndex(t)
	tests := []struct {
		stdin string
		args  []string
		want  string // --dry-run's list
		count string
	}{
		{a + "\n" + b + "\n", []string{"-"}, a + "\n" + b + "\n", "2 articles"},
		// Written on Windows.
		{"\ufeff" + a + "\r\n" + b + "\r\n", []string{"-"}, a + "\n" + b + "\n", "2 articles"},
		{"\ufeff" + a + "\r\n", []string{"-"}, a + "\n", "1 article"},
		// An ID given twice is one article.
		{a + "\n" + a + "\n" + b + "\n" + a + "\n", []string{"-"}, a + "\n" + b + "\n", "2 articles"},
		{"", []string{a, a}, a + "\n", "1 article"},
		{b + "\n", []string{a, "-", a}, a + "\n" + b + "\n", "2 articles"},
	}
	for _, tt := range tests {
		args := append([]string{"delete", "--index", ix, "--dry-run"}, tt.args...)
		out, errs, code := wirediff(t, tt.stdin, args...)
		assert.Equal(t, 0, code, "delete --dry-run %q with %q on stdin: %s", tt.args, tt.stdin, errs)
		assert.Equal(t, tt.want, out, "delete --dry-run %q with %q on stdin", tt.args, tt.stdin)
		assert.Contains(t, errs, "--dry-run: "+tt.count+" of "+ix+" would be deleted", "delete --dry-run %q with %q on stdin", tt.args, tt.stdin)
	}
	_, errs, code := wirediff(t, "\ufeff"+a+"\r\n"+a+"\r\n", "delete", "--index", ix, "-")
	assert.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "deleted 1 article from "+ix)
}

// TestDamagedStateCommand: a damaged cache of the index (postings.bin)
// is a note of 'check', which still exits 0, and the next 'dedup' with
// input regroups the whole index, saying why, reads and groups the input
// and exits 0; 'check' then has nothing to note.
func TestDamagedStateCommand(t *testing.T) {
	ix := filepath.Join(t.TempDir(), "ix")
	names, err := filepath.Glob(filepath.Join(seeds, "*.txt"))
	require.NoError(t, err)
	_, errs, code := wirediff(t, "", append([]string{"dedup", "--index", ix}, names[:4]...)...)
	require.Equal(t, 0, code, errs)
	path := filepath.Join(ix, "postings.bin")
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	b[len(b)/2] ^= 0xff
	require.NoError(t, os.WriteFile(path, b, 0o644))

	out, errs, code := wirediff(t, "", "check", "--index", ix)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "note: postings.bin is damaged (checksum mismatch): the next 'wirediff dedup --index "+ix+"' regroups the whole index and writes it again")
	out, errs, code = wirediff(t, "", "dedup", "--index", ix, "--drift", "-1", "--format", "tsv", names[4])
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "full regroup (postings.bin is damaged (checksum mismatch) and is written again): read 1 article from 1 file")
	assert.Equal(t, 6, strings.Count(out, "\n"), "the header and the five seeds: %s", out)
	out, errs, code = wirediff(t, "", "check", "--index", ix)
	require.Equal(t, 0, code, errs)
	assert.NotContains(t, out, "note:")
}

// TestDamagedGroupsCommand: a groups file that does not parse is a
// problem of 'check' (exit 1), whose fix, 'wirediff dedup --index DIR',
// regroups the articles the index holds, saying why; 'check' is then ok.
func TestDamagedGroupsCommand(t *testing.T) {
	ix := filepath.Join(t.TempDir(), "ix")
	_, errs, code := wirediff(t, "", "dedup", "--index", ix, seeds)
	require.Equal(t, 0, code, errs)
	f, err := os.OpenFile(filepath.Join(ix, "groups.tsv"), os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteString("a row of one field\n")
	require.NoError(t, err)
	require.NoError(t, f.Close())

	out, _, code := wirediff(t, "", "check", "--index", ix)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "want 4 fields, got 1")
	assert.Contains(t, out, "fix: regroup: run 'wirediff dedup --index "+ix+"', which groups the articles the index holds")
	_, errs, code = wirediff(t, "", "dedup", "--index", ix)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "full regroup (no input; the groups file is damaged (")
	assert.Contains(t, errs, "groups.tsv:7: want 4 fields, got 1) and is written again)")
	out, errs, code = wirediff(t, "", "check", "--index", ix)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "ok\n")
}

package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/internal/devdata"
)

// TestDedupIncremental: grouping a corpus in two runs over one index
// gives the groups of one run over the whole corpus, at every level, and
// --input-only groups the second run's articles alone, leaving the
// index's groups as they are.
func TestDedupIncremental(t *testing.T) {
	lines := basilLines(t)
	dir := t.TempDir()
	first, second, all := filepath.Join(dir, "first.jsonl"), filepath.Join(dir, "second.jsonl"), filepath.Join(dir, "all.jsonl")
	require.NoError(t, os.WriteFile(first, []byte(strings.Join(lines[:70], "")+"\n"), 0o644))
	require.NoError(t, os.WriteFile(second, []byte(strings.Join(lines[70:], "")), 0o644))
	require.NoError(t, os.WriteFile(all, []byte(strings.Join(lines, "")), 0o644))
	run := func(args ...string) string {
		out, errs, code := wirediff(t, "", append([]string{"dedup", "--format", "json"}, args...)...)
		require.Equal(t, 0, code, errs)
		return out
	}
	want := articleGroups(t, run("--index", filepath.Join(dir, "one"), all, seeds))
	require.Len(t, want, len(lines)+5)
	ix := filepath.Join(dir, "two")
	run("--index", ix, first, seeds)
	got, errs, code := wirediff(t, "", "dedup", "--format", "json", "--index", ix, second)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "grouped with 75 already in the index")
	assert.Contains(t, errs, "full regroup (the index grew by", "the second file more than doubles the index")
	assert.Contains(t, errs, "groups moved: copy ")
	assert.Equal(t, want, articleGroups(t, got))
	// With no input, the index is grouped as it is.
	assert.Equal(t, want, articleGroups(t, run("--index", ix)))
	// One article read again as the index holds it (from another file):
	// unchanged, nothing regrouped; its story group is printed as the
	// index holds it.
	one := filepath.Join(dir, "one.jsonl")
	require.NoError(t, os.WriteFile(one, []byte(lines[100]), 0o644))
	got, errs, code = wirediff(t, "", "dedup", "--format", "json", "--index", ix, one)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "incremental run: read 1 article from 1 file")
	assert.Contains(t, errs, "0 new, 0 replaced, 1 unchanged; regrouped with 0 already in the index")
	assert.Contains(t, errs, "groups moved: copy 0, rewrite 0, story 0")
	part := articleGroups(t, got)
	assert.NotEmpty(t, part)
	for id, g := range part {
		assert.Equal(t, want[id], g, id)
	}
	// The same article at another URL: an incremental run, which prints
	// the groups it regrouped.
	var rec map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines[100]), &rec))
	rec["url"] = "https://example.com/moved"
	moved, err := json.Marshal(rec)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(one, moved, 0o644))
	got, errs, code = wirediff(t, "", "dedup", "--format", "json", "--index", ix, one)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "0 new, 1 replaced, 0 unchanged")
	part = articleGroups(t, got)
	assert.NotEmpty(t, part)
	for id, g := range part {
		assert.Equal(t, want[id], g, id)
	}
	_, errs, code = wirediff(t, "", "dedup", "--format", "json", "--index", ix, "--full", one)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "full regroup (asked for)")
	listed := func() string {
		out, errs, code := wirediff(t, "", "groups", "--index", ix, "--format", "tsv", "--limit", "0", "--min-size", "1")
		require.Equal(t, 0, code, errs)
		// The groups, not what the index now holds of each article.
		var rows []string
		for _, line := range strings.Split(out, "\n") {
			f := strings.SplitN(line, "\t", 7)
			rows = append(rows, strings.Join(f[:min(6, len(f))], "\t"))
		}
		return strings.Join(rows, "\n")
	}
	before := listed()
	only := articleGroups(t, run("--index", ix, "--input-only", second))
	assert.Len(t, only, len(lines)-70, "the second file's articles alone")
	// The index's groups stay as they were, and the next run continues
	// from them: the second file put back the article of one.jsonl as it
	// was before its URL moved, which the groups do not count, so reading
	// the moved one again replaces it.
	assert.Equal(t, before, listed())
	_, errs, code = wirediff(t, "", "dedup", "--format", "json", "--index", ix, one)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "incremental run: read 1 article from 1 file, skipped 0, 0 new, 1 replaced, 0 unchanged")
	_, errs, code = wirediff(t, "", "dedup", "--index", filepath.Join(dir, "absent"))
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "no input")
	assert.NoDirExists(t, filepath.Join(dir, "absent"))
}

// TestDedupDriftTable: an incremental run that turns into a full regroup
// (one article added to the five seeds: the index grows by 20%) writes
// its table; the streamed regroup's stages follow the incremental run's
// on the progress line.
func TestDedupDriftTable(t *testing.T) {
	dir := t.TempDir()
	ix := filepath.Join(dir, "ix")
	_, errs, code := wirediff(t, "", "dedup", "--index", ix, seeds)
	require.Equal(t, 0, code, errs)
	one := filepath.Join(dir, "one.jsonl")
	require.NoError(t, os.WriteFile(one, []byte(`{"id":"x1","title":"Witkoff drafts Ukraine plan","text":"Axios reported that Trump's special envoy Steve Witkoff is leading the drafting of a 28-point peace plan with Russia. Dmitriev said the Russian position is really being heard."}`+"\n"), 0o644))
	out, errs, code := wirediff(t, "", "dedup", "--index", ix, one)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "full regroup (the index grew by 20.0%")
	assert.Contains(t, out, "x1")
}

// TestDedupRunKindsFormats: in every output format, each kind of run over
// an index (a new one, an incremental run, one the drift turns into a full
// regroup, a run with no input, --input-only, --lineage) exits 0 and
// prints, in a form its format's reader takes, the articles of the groups
// it regrouped.
func TestDedupRunKindsFormats(t *testing.T) {
	dir := t.TempDir()
	near := filepath.Join(dir, "near.jsonl")
	require.NoError(t, os.WriteFile(near, []byte(`{"id":"x1","title":"Witkoff drafts Ukraine plan","text":"Axios reported that Trump's special envoy Steve Witkoff is leading the drafting of a 28-point peace plan with Russia. Dmitriev said the Russian position is really being heard."}`+"\n"), 0o644))
	far := filepath.Join(dir, "far.jsonl")
	require.NoError(t, os.WriteFile(far, []byte(`{"id":"x2","title":"Bridge reopens","text":"Officials said on Monday that the bridge would reopen after repairs to its northern span were finished."}`+"\n"), 0o644))
	seedIDs := []string{"000_4bd703d3e122696c", "001_2ea4910e153269e2", "002_ac49a336ca4eb3e9", "003_d4f861dc4b37a64b", "004_9e1179f061f0b57d"}
	withNear := append(slices.Clone(seedIDs), "x1")
	all := append(slices.Clone(withNear), "x2")
	steps := []struct {
		args []string
		kind string // in the summary line
		ids  []string
	}{
		{[]string{seeds}, "full regroup (no earlier grouping of the whole index)", seedIDs},
		{[]string{"--drift", "-1", near}, "incremental run: read 1 article", withNear},
		{[]string{far}, "full regroup (the index grew by", all},
		{nil, "full regroup (no input)", all},
		{[]string{"--input-only", near}, "grouped alone: the index's groups are as they were", []string{"x1"}},
		{[]string{"--full", "--lineage"}, "full regroup (asked for)", all},
	}
	for _, format := range []string{"table", "json", "jsonl", "csv", "tsv"} {
		t.Run(format, func(t *testing.T) {
			ix := filepath.Join(dir, format)
			for _, st := range steps {
				if slices.Contains(st.args, "--lineage") && format != "table" && format != "json" {
					continue
				}
				args := append([]string{"dedup", "--index", ix, "--format", format}, st.args...)
				out, errs, code := wirediff(t, "", args...)
				require.Equal(t, 0, code, "%q: %s", args, errs)
				assert.Contains(t, errs, st.kind, "%q", args)
				assert.Equal(t, st.ids, printedIDs(t, format, out), "%q", args)
			}
		})
	}
}

// printedIDs returns the article IDs dedup printed in format, sorted.
func printedIDs(t *testing.T, format, out string) []string {
	t.Helper()
	var ids []string
	switch format {
	case "json":
		var doc struct {
			Articles []struct {
				ID string `json:"id"`
			} `json:"articles"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &doc))
		for _, a := range doc.Articles {
			ids = append(ids, a.ID)
		}
	case "jsonl":
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			var rec struct {
				ID string `json:"id"`
			}
			require.NoError(t, json.Unmarshal([]byte(line), &rec), line)
			ids = append(ids, rec.ID)
		}
	case "csv", "tsv":
		r := csv.NewReader(strings.NewReader(out))
		if format == "tsv" {
			r.Comma = '\t'
		}
		rows, err := r.ReadAll()
		require.NoError(t, err)
		require.NotEmpty(t, rows)
		assert.Equal(t, "id", rows[0][0])
		for _, row := range rows[1:] {
			ids = append(ids, row[0])
		}
	case "table":
		// The groups' rows, up to the blank line before any lineage.
		groups, _, _ := strings.Cut(out, "\n\n")
		lines := strings.Split(strings.TrimSpace(groups), "\n")
		require.True(t, strings.HasPrefix(lines[0], "GROUP "), lines[0])
		for _, line := range lines[1:] {
			ids = append(ids, strings.Fields(line)[2])
		}
	}
	slices.Sort(ids)
	return ids
}

// basilLines returns the lines of BASIL dev's articles.jsonl, each with
// its line feed.
func basilLines(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(devdata.Path(t, "data/basil-dev/articles.jsonl"))
	require.NoError(t, err)
	return strings.SplitAfter(strings.TrimSpace(string(data)), "\n")
}

// articleGroups returns the groups of every article at every level, by
// ID, from the output of 'wirediff dedup --format json'.
func articleGroups(t *testing.T, out string) map[string]map[string]string {
	t.Helper()
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

// TestReplacedFromOtherFile: records without an id in files of one name
// read in two runs get the same IDs; the second run's replace the first's,
// and the run says so, naming both files.
func TestReplacedFromOtherFile(t *testing.T) {
	dir := t.TempDir()
	ix := filepath.Join(dir, "ix")
	mon, tue := filepath.Join(dir, "mon", "feed.jsonl"), filepath.Join(dir, "tue", "feed.jsonl")
	for p, text := range map[string]string{
		mon: "The council voted on Monday to close the old bridge for repairs lasting fourteen weeks, officials said.",
		tue: "A new museum of modern art opened downtown on Wednesday with a show of local painters, the curator said.",
	} {
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(`{"text": "`+text+`"}`+"\n"), 0o644))
	}
	_, errs, code := wirediff(t, "", "dedup", "--index", ix, mon)
	require.Equal(t, 0, code, errs)
	assert.NotContains(t, errs, "another file")
	_, errs, code = wirediff(t, "", "dedup", "--index", ix, tue)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "wirediff: 1 indexed article replaced by an article of its ID read from another file: feed:1 (read from "+mon+":1, now from "+tue+":1)")
	// Read again from where it was, it is no news.
	_, errs, code = wirediff(t, "", "dedup", "--index", ix, tue)
	require.Equal(t, 0, code, errs)
	assert.NotContains(t, errs, "another file")
}

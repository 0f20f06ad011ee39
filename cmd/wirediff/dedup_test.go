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

	"github.com/wirediff/wirediff/index"
)

// --lineage keeps the output in its format: one JSON document with the
// reports in "lineage", a table after the table, and a usage error for
// the row formats (a table after TSV rows broke 'eval --pred').
func TestDedupLineageFormats(t *testing.T) {
	tests := []struct {
		format string
		code   int
		check  func(t *testing.T, out string)
	}{
		{"json", 0, func(t *testing.T, out string) {
			var doc struct {
				Groups  []json.RawMessage `json:"groups"`
				Lineage []struct {
					Group   string            `json:"group"`
					Members []json.RawMessage `json:"members"`
				} `json:"lineage"`
			}
			dec := json.NewDecoder(strings.NewReader(out))
			require.NoError(t, dec.Decode(&doc))
			assert.False(t, dec.More(), "one JSON document")
			require.Len(t, doc.Lineage, 1)
			assert.Equal(t, "r:000_4bd703d3e122696c", doc.Lineage[0].Group)
			assert.Len(t, doc.Lineage[0].Members, 5)
		}},
		{"table", 0, func(t *testing.T, out string) {
			assert.Contains(t, out, "r:000_4bd703d3e122696c")
			want, err := os.ReadFile(filepath.Join("testdata", "golden", "lineage-seeds.table"))
			require.NoError(t, err)
			assert.True(t, strings.HasSuffix(out, "\n\n"+string(want)), "the groups, a blank line, then the lineage as 'lineage' prints it:\n%s", out)
		}},
		{"tsv", 2, nil},
		{"csv", 2, nil},
		{"jsonl", 2, nil},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			out, errs, code := wirediff(t, "", "dedup", "--no-index", "--lineage", "--format", tt.format, seeds)
			require.Equal(t, tt.code, code, errs)
			if tt.check == nil {
				assert.Contains(t, errs, "--lineage with --format "+tt.format)
				assert.Empty(t, out)
				return
			}
			tt.check(t, out)
		})
	}
}

// A write whose commit fails (here the snapshots directory is a file) is
// the command's failure: no writer reports success that readers of the
// index do not see, and dedup and similar --add print no result. (After
// the first, each write fails sooner: it cannot go back to the committed
// snapshot to discard what the one before did not commit.)
func TestWriteCommitFails(t *testing.T) {
	dir := t.TempDir()
	ix := filepath.Join(dir, "ix")
	_, errs, code := wirediff(t, "", "dedup", "--index", ix, seeds)
	require.Equal(t, 0, code, errs)
	require.NoError(t, os.RemoveAll(filepath.Join(ix, "snapshots")))
	require.NoError(t, os.WriteFile(filepath.Join(ix, "snapshots"), []byte("x"), 0o644))
	one := filepath.Join(dir, "one.jsonl")
	require.NoError(t, os.WriteFile(one, []byte(`{"id":"q1","text":"Officials said on Monday that the bridge would reopen after repairs to its northern span were finished."}`+"\n"), 0o644))
	for _, args := range [][]string{
		{"index", "--index", ix, one},
		{"dedup", "--index", ix, one},
		{"similar", "--index", ix, "--add", one},
	} {
		out, errs, code := wirediff(t, "", args...)
		assert.NotZero(t, code, "%q: %s", args, errs)
		assert.Contains(t, errs, "snapshot", "%q", args)
		assert.NotContains(t, errs, "indexed 1 article", "%q", args)
		assert.Empty(t, out, "%q", args)
	}
}

// Articles in scripts written without spaces (Chinese, Japanese, Thai) and
// in Korean: each pair is a report and a light edit of it (words swapped, a
// sentence dropped), and zh-c is another report of the same subject.
// Copies are found in every script, and nothing joins across scripts.
func TestUnspacedScripts(t *testing.T) {
	const in = "testdata/unspaced.jsonl"
	pairs := [][2]string{{"zh-a", "zh-b"}, {"ja-a", "ja-b"}, {"th-a", "th-b"}, {"ko-a", "ko-b"}}
	for _, level := range []string{"copy", "rewrite", "story"} {
		out, errs, code := wirediff(t, "", "dedup", "--no-index", "--format", "tsv", "--level", level, in)
		require.Equal(t, 0, code, errs)
		group := map[string]string{}
		for _, line := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
			f := strings.Split(line, "\t")
			group[f[0]] = f[1]
		}
		require.Len(t, group, 9, out)
		sizes := map[string]int{}
		for _, g := range group {
			sizes[g]++
		}
		for _, p := range pairs {
			assert.Equal(t, group[p[0]], group[p[1]], "%s level: %s and %s", level, p[0], p[1])
			assert.Equal(t, 2, sizes[group[p[0]]], "%s level: the group of %s", level, p[0])
		}
		assert.Equal(t, 1, sizes[group["zh-c"]], "%s level: zh-c alone", level)
	}
}

// A grouping run that fails after it stored articles (its spool cannot be
// written) commits nothing: the index holds what it held, and no later
// write publishes the failed run's articles.
func TestFailedRunCommitsNothing(t *testing.T) {
	ix := filepath.Join(t.TempDir(), "ix")
	_, errs, code := wirediff(t, "", "dedup", "--quiet", "--index", ix, seeds)
	require.Equal(t, 0, code, errs)
	more := filepath.Join(t.TempDir(), "more.jsonl")
	var b strings.Builder
	for _, s := range fakeSentences(7, 40) {
		fmt.Fprintf(&b, `{"id":"m%d","text":"%s"}`+"\n", b.Len(), s)
	}
	require.NoError(t, os.WriteFile(more, []byte(b.String()), 0o644))
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
	_, errs, code = wirediff(t, "", "dedup", "--quiet", "--index", ix, more)
	require.NotZero(t, code, "a run whose spool cannot be written fails")
	assert.Contains(t, errs, "spool")
	out, errs, code := wirediff(t, "", "check", "--index", ix)
	require.Equal(t, 0, code, "%s%s", out, errs)
	assert.Contains(t, out+errs, "5 articles")
	_, errs, code = wirediff(t, "", "delete", "--index", ix, "000_4bd703d3e122696c")
	require.Equal(t, 0, code, errs)
	out, errs, code = wirediff(t, "", "check", "--index", ix)
	require.Equal(t, 0, code, "%s%s", out, errs)
	assert.Contains(t, out+errs, "4 articles", "the next write publishes nothing of the failed run")
}

// An index that cannot be written as it is, a format 2 index holding
// text written without spaces, fails every write command with exit status
// 2, as a missing or corrupt index does, and moves no snapshot on; an
// index another process writes fails them with 1 (it passes once that
// process is done).
func TestWriteRefusedStatus(t *testing.T) {
	ix := filepath.Join(t.TempDir(), "ix")
	_, errs, code := wirediff(t, "", "dedup", "--quiet", "--index", ix, "testdata/unspaced.jsonl")
	require.Equal(t, 0, code, errs)
	meta := filepath.Join(ix, "wirediff.json")
	data, err := os.ReadFile(meta)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(meta, []byte(strings.Replace(string(data), `"format": 4`, `"format": 2`, 1)), 0o644))
	current, err := os.ReadFile(filepath.Join(ix, "CURRENT"))
	require.NoError(t, err)
	draft := filepath.Join(t.TempDir(), "draft.txt")
	require.NoError(t, os.WriteFile(draft, []byte("国家统计局周三公布的数据显示，十一月份全国居民消费价格同比上涨。"), 0o644))
	writes := [][]string{
		{"dedup", "--quiet", "--index", ix, seeds},
		{"index", "--quiet", "--index", ix, seeds},
		{"delete", "--index", ix, "zh-a"},
		{"similar", "--index", ix, "--add", draft},
	}
	for _, args := range writes {
		_, errs, code := wirediff(t, "", args...)
		assert.Equal(t, 2, code, "%v: %s", args, errs)
		assert.Contains(t, errs, "rebuild the index", "%v", args)
	}
	after, err := os.ReadFile(filepath.Join(ix, "CURRENT"))
	require.NoError(t, err)
	assert.Equal(t, string(current), string(after), "refused writes commit no snapshot")

	// Another writer holds the index.
	require.NoError(t, os.WriteFile(meta, data, 0o644))
	w, err := index.Open(ix, index.Options{})
	require.NoError(t, err)
	defer w.Close()
	for _, args := range writes {
		_, errs, code := wirediff(t, "", args...)
		assert.Equal(t, 1, code, "%v: %s", args, errs)
		assert.Contains(t, errs, "in use by another", "%v", args)
	}
}

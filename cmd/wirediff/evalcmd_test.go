package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A missing or malformed gold file fails before any grouping and prints
// no partial report, whichever --gold it is.
func TestEvalBadGoldFailsFirst(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.tsv")
	require.NoError(t, os.WriteFile(good, []byte("id\tcluster\n000_4bd703d3e122696c\ta\n001_2ea4910e153269e2\ta\n"), 0o644))
	bad := filepath.Join(dir, "bad.tsv")
	require.NoError(t, os.WriteFile(bad, []byte("id\tcluster\n000_4bd703d3e122696c\ta\nno tab here\n"), 0o644))
	missing := filepath.Join(dir, "missing.tsv")
	empty := filepath.Join(dir, "empty.tsv")
	require.NoError(t, os.WriteFile(empty, nil, 0o644))
	header := filepath.Join(dir, "header.tsv")
	require.NoError(t, os.WriteFile(header, []byte("id\tcluster\n\n"), 0o644))
	tests := []struct {
		name  string
		golds []string
		want  string // in stderr
	}{
		{"missing only", []string{missing}, "missing.tsv"},
		{"missing second", []string{good, missing}, "missing.tsv"},
		{"malformed second", []string{good, bad}, "bad.tsv:3: missing tab"},
		{"malformed first", []string{bad, good}, "bad.tsv:3: missing tab"},
		// No article to score: every score would be a perfect 1.
		{"empty", []string{empty}, "empty.tsv holds no article"},
		{"header only second", []string{good, header}, "header.tsv holds no article"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := []string{"eval"}
			for _, g := range tt.golds {
				args = append(args, "--gold", g)
			}
			out, errs, code := wirediff(t, "", append(args, seeds)...)
			assert.Equal(t, 2, code, errs)
			assert.Contains(t, errs, tt.want)
			assert.Empty(t, out, "nothing is scored when a gold file cannot be read")
		})
	}
}

// Gold articles missing from the input are scored as singletons, and
// articles read that the gold file lacks are left out; eval says how
// many of each, so a wrong path does not pass for a poor score.
func TestEvalWarnsMissingGoldIDs(t *testing.T) {
	dir := t.TempDir()
	all := "000_4bd703d3e122696c\ta\n001_2ea4910e153269e2\ta\n002_ac49a336ca4eb3e9\ta\n003_d4f861dc4b37a64b\ta\n004_9e1179f061f0b57d\ta\n"
	tests := []struct {
		name, gold string
		want       []string // in stderr, each after "wirediff: eval: "; none: no note
	}{
		{"all present", all, nil},
		{"two missing", all + "not-read-1\ta\nnot-read-2\tb\n", []string{"2 of the 7 articles in GOLD are not in the input (scored as singletons)"}},
		{"one missing, three left out", "000_4bd703d3e122696c\ta\n001_2ea4910e153269e2\ta\nnot-read\tb\n", []string{
			"1 of the 3 articles in GOLD is not in the input (scored as singletons)",
			"3 of the 5 articles read are not in GOLD (left out of the scores)",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gold := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".tsv")
			require.NoError(t, os.WriteFile(gold, []byte("id\tcluster\n"+tt.gold), 0o644))
			out, errs, code := wirediff(t, "", "eval", "--no-index", "--gold", gold, seeds)
			assert.Equal(t, 0, code, errs)
			assert.Contains(t, out, "B-cubed")
			if tt.want == nil {
				assert.NotContains(t, errs, "wirediff: eval:")
			}
			for _, w := range tt.want {
				assert.Contains(t, errs, "wirediff: eval: "+strings.ReplaceAll(w, "GOLD", gold))
			}
		})
	}
}

// The gold file in a directory that eval reads is not an input: it is
// neither read as articles nor reported as skipped (the shared data keeps
// gold.tsv beside articles.jsonl).
func TestEvalPassesOverGoldBesideArticles(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"000_4bd703d3e122696c.txt", "001_2ea4910e153269e2.txt"} {
		b, err := os.ReadFile(filepath.Join(seeds, name))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), b, 0o644))
	}
	gold := filepath.Join(dir, "gold.tsv")
	require.NoError(t, os.WriteFile(gold, []byte("000_4bd703d3e122696c\ta\n001_2ea4910e153269e2\ta\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.tsv"), []byte("not articles\n"), 0o644))
	out, errs, code := wirediff(t, "", "eval", "--no-index", "--gold", gold, dir)
	assert.Equal(t, 0, code, errs)
	assert.Contains(t, out, "2 articles, skipped 1 (not-articles 1)", "another .tsv is still reported")
	assert.NotContains(t, errs, "gold.tsv")
	assert.Contains(t, errs, "notes.tsv:1: not-articles")
}

// A gold file named for another level than the default one scored gets a
// note saying which level was scored and how to score the other; an
// explicit --level gets none.
func TestEvalLevelNote(t *testing.T) {
	gold := filepath.Join(t.TempDir(), "gold-rewrite.tsv")
	require.NoError(t, os.WriteFile(gold, []byte("000_4bd703d3e122696c\tr1\n001_2ea4910e153269e2\tr1\n"), 0o644))
	_, errs, code := wirediff(t, "", "eval", "--gold", gold, seeds)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "gold-rewrite.tsv names the rewrite level; the groups scored are at level story")
	_, errs, code = wirediff(t, "", "eval", "--level", "story", "--gold", gold, seeds)
	require.Equal(t, 0, code, errs)
	assert.NotContains(t, errs, "names the rewrite level")
	assert.Equal(t, "", levelNamed("gold.tsv"))
	assert.Equal(t, "", levelNamed("copy-vs-story.tsv"))

	// A saved prediction of dedup's labels is of the level its labels name.
	pred := writeClustering(t, "id\tgroup\n000_4bd703d3e122696c\ts:000_4bd703d3e122696c\n001_2ea4910e153269e2\ts:000_4bd703d3e122696c\n")
	_, errs, code = wirediff(t, "", "eval", "--gold", gold, "--pred", pred)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "gold-rewrite.tsv names the rewrite level; the groups of "+pred+" are at level story ('wirediff dedup --level rewrite' writes that level's)")
	for _, labels := range []string{"r:a\tr:a", "s:a\tr:a", "x\tx", "s:a\tx"} {
		l := strings.Split(labels, "\t")
		pred = writeClustering(t, "000_4bd703d3e122696c\t"+l[0]+"\n001_2ea4910e153269e2\t"+l[1]+"\n")
		_, errs, code = wirediff(t, "", "eval", "--gold", gold, "--pred", pred)
		require.Equal(t, 0, code, errs)
		assert.NotContains(t, errs, "names the rewrite level", "labels %s", labels)
	}
}

// --worst counts the merges and splits listed: a negative one is a usage
// error, not a silent none.
func TestEvalWorstFlag(t *testing.T) {
	gold := writeClustering(t, "a\tx\nb\tx\nc\ty\n")
	pred := writeClustering(t, "a\tp\nb\tp\nc\tp\n")
	for _, bad := range []string{"-1", "x", "99999999999999999999"} {
		out, errs, code := wirediff(t, "", "eval", "--gold", gold, "--pred", pred, "--worst", bad)
		assert.Equal(t, 2, code, "--worst %s: %s", bad, errs)
		assert.Contains(t, errs, "--worst")
		assert.Empty(t, out)
	}
	out, errs, code := wirediff(t, "", "eval", "--gold", gold, "--pred", pred, "--worst", "1")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "1. pred p: 2 wrong pairs")
}

// writeClustering writes a clustering file of the lines given and
// returns its path.
func writeClustering(t *testing.T, lines string) string {
	t.Helper()
	f, err := os.CreateTemp(t.TempDir(), "*.tsv")
	require.NoError(t, err)
	_, err = f.WriteString(lines)
	require.NoError(t, err)
	require.NoError(t, f.Close())
	return f.Name()
}

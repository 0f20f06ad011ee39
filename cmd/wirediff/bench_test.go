package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/benchmarks"
	"github.com/wirediff/wirediff/eval"
)

func TestBenchGen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "300") // as bench run --data names it
	_, stderr, code := wirediff(t, "", "bench", "gen", "--articles", "300", "--seed", "2", "--out", dir)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "wrote 300 articles")
	for _, level := range benchmarks.Levels {
		g, err := eval.ReadClusteringFile(filepath.Join(dir, benchmarks.GoldFile(level)))
		require.NoError(t, err)
		assert.Len(t, g, 300, level)
	}
	// The corpus is what dedup reads.
	out, stderr, code := wirediff(t, "", "dedup", "--no-index", "--level", "copy", "--format", "tsv", filepath.Join(dir, benchmarks.ArticlesFile))
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "read 300 articles")
	assert.Contains(t, out, "gen-0000299\t")

	for _, args := range [][]string{
		{"bench"},
		{"bench", "frob"},
		{"bench", "gen", "--out", dir},
		{"bench", "gen", "--articles", "zero", "--out", dir},
		{"bench", "run", "--sizes", "1x"},
		{"bench", "run", "--modes", "copy,fast"},
		{"bench", "run", "--sizes", "5", "--data", filepath.Join(dir, "data"), "--out", filepath.Join(dir, "out")}, // too few for add
		{"bench", "run-one", "--mode", "copy"},
		{"bench", "run-one", "--mode", "fast", "--corpus", filepath.Join(dir, "missing")}, // the mode is checked first
	} {
		_, _, code := wirediff(t, "", args...)
		assert.Equal(t, 2, code, "wirediff %v", args)
	}
	assert.NoDirExists(t, filepath.Join(dir, "out"), "a usage error writes nothing")
	assert.NoDirExists(t, filepath.Join(dir, "data"))

	// --data holding the corpus of another seed: nothing written, exit 2.
	_, stderr, code = wirediff(t, "", "bench", "run", "--sizes", "300", "--modes", "copy", "--seed", "3",
		"--data", filepath.Dir(dir), "--out", filepath.Join(dir, "out"))
	assert.Equal(t, 2, code, stderr)
	assert.Contains(t, stderr, "holds another corpus")
	assert.Contains(t, stderr, "use another --data directory")
	assert.NoDirExists(t, filepath.Join(dir, "out"))
}

// TestBenchRunOne runs every measurement in-process on a small corpus
// and checks the figures it reports.
func TestBenchRunOne(t *testing.T) {
	dir := t.TempDir()
	_, err := benchmarks.WriteCorpus(dir, benchmarks.GenConfig{Articles: 150, Seed: 4})
	require.NoError(t, err)
	want := map[string][]string{
		"copy":   {"copy_wall_s", "copy_rss_mb", "copy_noindex_b3_f1"},
		"stages": {"read_s", "normalize_cpu_s", "sign_cpu_s", "candidates_s", "verify_s", "cluster_copy_s", "brute_s", "lsh_recall"},
		"full": {"full_wall_s", "full_load_s", "full_candidates_mlt_s", "full_cluster_components_s", "index_bytes_per_article",
			"search_p50_ms", "similar_p99_ms", "copy_b3_f1", "rewrite_b3_f1", "story_b3_f1"},
		"add": {"add_base_wall_s", "add_articles_per_s", "add_p50_ms", "add_copy_pair_p", "add_rewrite_pair_r",
			"add_story_pair_p", "add_story_pair_r"},
		"bleve":     {"bleve_wall_s", "bleve_bytes_per_article"},
		"bleve-sig": {"bleve_sig_wall_s", "bleve_sig_bytes_per_article"},
	}
	for mode, cols := range want {
		out, stderr, code := wirediff(t, "", "bench", "run-one", "--mode", mode, "--corpus", dir, "--queries", "5")
		require.Equal(t, 0, code, "%s: %s", mode, stderr)
		var vals map[string]float64
		require.NoError(t, json.Unmarshal([]byte(out), &vals), mode)
		for _, c := range cols {
			assert.Positive(t, vals[c], "%s: %s", mode, c)
		}
		for k, v := range vals {
			if strings.HasSuffix(k, "b3_f1") || strings.HasPrefix(k, "add_") && strings.Contains(k, "_pair_") || k == "lsh_recall" {
				assert.LessOrEqual(t, v, 1.0, "%s: %s", mode, k)
			}
		}
		switch mode {
		case "full":
			assert.Greater(t, vals["copy_b3_f1"], 0.9)
			assert.Greater(t, vals["story_b3_f1"], 0.8)
		case "add": // 15 of 150 held out
			assert.Greater(t, vals["add_story_pair_p"], 0.8)
			assert.Greater(t, vals["add_story_pair_r"], 0.8)
		}
	}
	for _, left := range []string{"index-full", "index-add", "add-base.jsonl"} {
		_, err = os.Stat(filepath.Join(dir, left))
		assert.True(t, os.IsNotExist(err), "bench run-one left %s behind", left)
	}
}

func TestBenchPlot(t *testing.T) {
	dir := t.TempDir()
	_, _, code := wirediff(t, "", "bench", "plot", "--out", dir)
	assert.Equal(t, 2, code, "bench plot without results.csv")
	csv := "articles,copy_wall_s,candidates_s,verify_s,brute_s,copy_b3_f1\n1000,0.1,0.002,0.001,1.2,0.98\n10000,1.1,0.02,0.01,104,0.98\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "results.csv"), []byte(csv), 0o644))
	_, stderr, code := wirediff(t, "", "bench", "plot", "--out", dir)
	require.Equal(t, 0, code, stderr)
	for _, f := range []string{"time.png", "stages.png", "quality.png"} {
		_, err := os.Stat(filepath.Join(dir, f))
		assert.NoError(t, err, f)
	}
	res, err := benchmarks.ReadResultsFile(filepath.Join(dir, "results.csv"))
	require.NoError(t, err)
	assert.InEpsilon(t, 0.003, res[1000]["lsh_verify_s"], 1e-5, "derived column")
	assert.InEpsilon(t, 104/0.03, res[10000]["lsh_speedup"], 1e-5, "derived column")
}

// TestBenchUsageMessages: each usage error of bench gen and bench run
// names its subcommand and what is wrong, and nothing else.
func TestBenchUsageMessages(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"gen"}, "wirediff: bench gen: --articles and --out are required\n"},
		{[]string{"gen", "--articles", "1k"}, "wirediff: bench gen: --out is required\n"},
		{[]string{"gen", "--out", dir}, "wirediff: bench gen: --articles is required\n"},
		{[]string{"run", "--sizes", "1x"}, `wirediff: bench run: --sizes: "1x" is not a positive count like 5000, 10k or 1m` + "\n"},
		{[]string{"run", "--modes", "fast"}, `wirediff: bench run: --modes: unknown mode "fast"`},
		{[]string{"run", "--queries", "0"}, "wirediff: bench run: --queries 0: want 1 or more\n"},
		{[]string{"run", "--sizes", "5", "--modes", "add"}, "wirediff: bench run: --sizes 5: the add mode needs 10 articles or more"},
	} {
		_, errs, code := wirediff(t, "", append([]string{"bench"}, tt.args...)...)
		assert.Equal(t, 2, code, "%v: %s", tt.args, errs)
		assert.Contains(t, errs, tt.want, tt.args)
	}

	// One article is one.
	_, errs, code := wirediff(t, "", "bench", "gen", "--articles", "1", "--out", filepath.Join(dir, "one"))
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "wirediff: wrote 1 article (")
	// A small corpus's size is not "0.0 MB".
	assert.Regexp(t, `wrote 1 article \((\d+ bytes|\d+\.\d KB)\) to `, errs)
}

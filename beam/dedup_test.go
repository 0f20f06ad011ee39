package beam

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"

	"github.com/wirediff/wirediff/cluster"
)

// These tests hold the pipeline to its promise: the groups of
// `wirediff dedup --no-index` on the same input, article by article.

var (
	binDir  string
	binOnce sync.Once
	binErr  error
)

// buildBinary builds (once per test run) the command at pkg, in the root
// module or this one, and returns its path.
func buildBinary(t *testing.T, name, dir, pkg string) string {
	t.Helper()
	binOnce.Do(func() { binDir, binErr = os.MkdirTemp("", "wirediff-beam-test") })
	if binErr != nil {
		t.Fatal(binErr)
	}
	out := filepath.Join(binDir, name)
	if _, err := os.Stat(out); err == nil {
		return out
	}
	cmd := exec.Command("go", "build", "-o", out, pkg)
	cmd.Dir = dir
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, msg)
	}
	return out
}

// wirediff runs the wirediff command built from the root module.
func wirediff(t *testing.T, args ...string) []byte {
	t.Helper()
	stdout, _ := wirediffErr(t, args...)
	return stdout
}

// wirediffErr runs the wirediff command and returns its standard output
// and standard error.
func wirediffErr(t *testing.T, args ...string) (stdout []byte, stderr string) {
	t.Helper()
	cmd := exec.Command(buildBinary(t, "wirediff", "..", "./cmd/wirediff"), args...)
	var out, errs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errs
	if err := cmd.Run(); err != nil {
		t.Fatalf("wirediff %s: %v\n%s", strings.Join(args, " "), err, errs.Bytes())
	}
	return out.Bytes(), errs.String()
}

// sharedData returns the labelled development data directory, looking
// upwards from here for shared/data (or $WIREDIFF_SHARED/data), or skips.
func sharedData(t *testing.T) string {
	if d := os.Getenv("WIREDIFF_SHARED"); d != "" {
		return filepath.Join(d, "data")
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for d := wd; ; d = filepath.Dir(d) {
		if fi, err := os.Stat(filepath.Join(d, "shared", "data")); err == nil && fi.IsDir() {
			return filepath.Join(d, "shared", "data")
		}
		if filepath.Dir(d) == d {
			t.Skip("skipping: no shared/data (the labelled development data) above the repository")
		}
	}
}

// runPipeline runs the pipeline on the test runner and returns the output
// file's bytes and the counters.
func runPipeline(t *testing.T, c Config) ([]byte, Counts) {
	t.Helper()
	dir := t.TempDir()
	c.Out = filepath.Join(dir, "out")
	if c.Skipped == "" {
		c.Skipped = filepath.Join(dir, "skipped")
	}
	if c.Rounds == 0 {
		c.Rounds = DefaultRounds
	}
	if c.Options == (cluster.Options{}) {
		c.Options = cluster.DefaultOptions()
	}
	p, s := beam.NewPipelineWithRoot()
	if err := Build(s, c); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	res, err := ptest.RunWithMetrics(p)
	if err != nil {
		t.Fatal(err)
	}
	counts := RunCounts(res)
	t.Logf("%s: %s; %s", filepath.Base(c.Paths[0]), counts.Summary(), time.Since(start).Round(time.Millisecond))
	out, err := os.ReadFile(c.Out)
	if err != nil {
		t.Fatal(err)
	}
	return out, counts
}

// sameOutput checks that the pipeline wrote byte for byte what the
// command printed, naming the first lines that differ.
func sameOutput(t *testing.T, what string, got, want []byte) {
	t.Helper()
	if bytes.Equal(got, want) {
		return
	}
	g, w := strings.SplitAfter(string(got), "\n"), strings.SplitAfter(string(want), "\n")
	diffs := 0
	for i := 0; i < max(len(g), len(w)) && diffs < 5; i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			diffs++
			t.Errorf("%s: line %d:\n beam:     %q\n wirediff: %q", what, i+1, gl, wl)
		}
	}
	t.Errorf("%s: %d and %d bytes; the pipeline's output differs from wirediff dedup --no-index", what, len(got), len(want))
}

// run is one output of the pipeline and the command: a level and a
// format.
type run struct {
	level  cluster.Level
	format string
}

// everyOutput are the outputs at every level in both formats.
var everyOutput = []run{
	{cluster.Copy, "tsv"}, {cluster.Rewrite, "tsv"}, {cluster.Story, "tsv"},
	{cluster.Copy, "jsonl"}, {cluster.Rewrite, "jsonl"}, {cluster.Story, "jsonl"},
}

// someOutputs are three of them, one per level, for the larger corpora
// (the JSON lines rows carry every article's groups at all three
// levels; the copy level runs on its own faster path).
var someOutputs = []run{{cluster.Copy, "tsv"}, {cluster.Rewrite, "jsonl"}, {cluster.Story, "tsv"}}

// checkSame runs the pipeline and the command on paths for each of runs
// and compares their outputs byte for byte.
func checkSame(t *testing.T, paths []string, runs []run) {
	checkSameWith(t, Config{}, paths, runs)
}

// checkSameWith is checkSame with the pipeline configured as c.
func checkSameWith(t *testing.T, c Config, paths []string, runs []run) {
	for _, tc := range runs {
		c.Paths, c.Level, c.Format = paths, tc.level, tc.format
		got, _ := runPipeline(t, c)
		want := wirediff(t, append([]string{"dedup", "--no-index", "--level", tc.level.String(), "--format", tc.format}, paths...)...)
		sameOutput(t, fmt.Sprintf("%s %s", tc.level, tc.format), got, want)
	}
}

// TestSeeds: the five seed articles are one group at every level.
func TestSeeds(t *testing.T) {
	checkSame(t, []string{"../testdata/seeds"}, everyOutput)
}

// TestDevelopmentSets: the seeds pooled with the development sets (9,204
// articles of ECB+, BASIL and NeuS).
func TestDevelopmentSets(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the development sets in -short mode")
	}
	data := sharedData(t)
	paths := []string{"../testdata/seeds"}
	for _, set := range []string{"ecbplus-dev", "basil-dev", "neus-dev"} {
		paths = append(paths, filepath.Join(data, set, "articles.jsonl"))
	}
	checkSame(t, paths, someOutputs)
}

// TestParts: scoring the candidate pairs in parts and answering the
// more-like-this blocks one after the other gives the same output: on the seeds (most parts empty) at every
// level, and, unless -short, on 1,000 generated articles at the rewrite
// and story levels.
func TestParts(t *testing.T) {
	checkSameWith(t, Config{Parts: 3}, []string{"../testdata/seeds"}, everyOutput)
	if testing.Short() {
		return
	}
	dir := t.TempDir()
	wirediff(t, "bench", "gen", "--articles", "1000", "--seed", "3", "--out", dir)
	checkSameWith(t, Config{Parts: 4}, []string{filepath.Join(dir, "articles.jsonl")}, someOutputs[1:])
}

// TestGenerated10k: a generated corpus of 10,000 articles, the pairs
// scored in 8 parts (see docs/beam.md for its time and memory);
// WIREDIFF_BEAM_LARGE=1 runs it.
func TestGenerated10k(t *testing.T) {
	if os.Getenv("WIREDIFF_BEAM_LARGE") == "" {
		t.Skip("skipping the 10k corpus: set WIREDIFF_BEAM_LARGE=1")
	}
	dir := t.TempDir()
	wirediff(t, "bench", "gen", "--articles", "10000", "--seed", "2", "--out", dir)
	checkSameWith(t, Config{Parts: 8}, []string{filepath.Join(dir, "articles.jsonl")}, someOutputs)
}

// TestMaxComponent: a component over Config.MaxComponent fails the run
// (the five seeds are one component); at its size it does not.
func TestMaxComponent(t *testing.T) {
	for _, tc := range []struct {
		max     int
		wantErr bool
	}{{4, true}, {5, false}} {
		p, s := beam.NewPipelineWithRoot()
		err := Build(s, Config{Paths: []string{"../testdata/seeds"}, Level: cluster.Story, Format: "tsv",
			Options: cluster.DefaultOptions(), Out: filepath.Join(t.TempDir(), "out"), Rounds: DefaultRounds, MaxComponent: tc.max})
		if err != nil {
			t.Fatal(err)
		}
		err = ptest.Run(p)
		if got := err != nil; got != tc.wantErr || (err != nil && !strings.Contains(err.Error(), ErrComponentTooLarge.Error())) {
			t.Errorf("MaxComponent %d: run error %v, want error %v", tc.max, err, tc.wantErr)
		}
	}
}

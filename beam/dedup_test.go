package beam

import (
	"bytes"
	"encoding/json"
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

func cleanupBinaries() {
	if binDir != "" {
		os.RemoveAll(binDir)
	}
}

// wirediff runs the wirediff command built from the root module.
func wirediff(t *testing.T, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(buildBinary(t, "wirediff", "..", "./cmd/wirediff"), args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("wirediff %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return stdout.Bytes()
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

// sameOutput compares the groups in the pipeline's output with those in
// the command's: every article's group at the output's level (TSV) or at
// every level (JSON lines), naming the first articles that differ. The
// pipeline writes the record layout of id and groups; the command's rows
// also carry each article's metadata and group size, which are not
// compared.
func sameOutput(t *testing.T, what string, got, want []byte) {
	t.Helper()
	g, w := groupsOf(t, got), groupsOf(t, want)
	diffs := 0
	for id, wg := range w {
		if gg := g[id]; gg != wg && diffs < 10 {
			diffs++
			t.Errorf("%s: %s:\n beam:     %q\n wirediff: %q", what, id, gg, wg)
		}
	}
	for id := range g {
		if _, ok := w[id]; !ok && diffs < 10 {
			diffs++
			t.Errorf("%s: %s is in the pipeline's output only", what, id)
		}
	}
	if diffs > 0 {
		t.Errorf("%s: %d and %d articles; the pipeline's groups differ from wirediff dedup --no-index", what, len(g), len(w))
	}
}

// groupsOf reads the groups of each article from TSV (columns id and
// group, after a header) or JSON lines (id and groups; an article alone
// at a level may leave that level out, and is then its own group).
func groupsOf(t *testing.T, out []byte) map[string]string {
	t.Helper()
	m := map[string]string{}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) == 0 || lines[0] == "" {
		return m
	}
	if strings.HasPrefix(lines[0], "{") {
		for _, l := range lines {
			var r struct {
				ID     string            `json:"id"`
				Groups map[string]string `json:"groups"`
			}
			if err := json.Unmarshal([]byte(l), &r); err != nil {
				t.Fatalf("%q: %v", l, err)
			}
			var k []string
			for _, lv := range []cluster.Level{cluster.Copy, cluster.Rewrite, cluster.Story} {
				gid := r.Groups[lv.String()]
				if gid == "" {
					gid = cluster.GroupID(lv, r.ID)
				}
				k = append(k, gid)
			}
			m[r.ID] = strings.Join(k, " ")
		}
		return m
	}
	for _, l := range lines[1:] {
		f := strings.Split(l, "\t")
		if len(f) < 2 {
			t.Fatalf("TSV row %q has no group", l)
		}
		m[f[0]] = f[1]
	}
	return m
}

// checkSame runs the pipeline and the command on paths at every level:
// the JSON lines at rewrite level carry each article's groups at all
// three levels; the copy level runs on its own faster path; withTSV adds
// the story level as TSV.
func checkSame(t *testing.T, paths []string, withTSV bool) {
	runs := []struct {
		level  cluster.Level
		format string
	}{
		{cluster.Copy, "tsv"},
		{cluster.Rewrite, "jsonl"},
	}
	if withTSV {
		runs = append(runs, runs[1])
		runs[2].level, runs[2].format = cluster.Story, "tsv"
	}
	for _, tc := range runs {
		got, _ := runPipeline(t, Config{Paths: paths, Level: tc.level, Format: tc.format})
		want := wirediff(t, append([]string{"dedup", "--no-index", "--level", tc.level.String(), "--format", tc.format}, paths...)...)
		sameOutput(t, fmt.Sprintf("%s %s", tc.level, tc.format), got, want)
	}
}

// TestSeeds: the five seed articles are one group at every level.
func TestSeeds(t *testing.T) {
	checkSame(t, []string{"../testdata/seeds"}, true)
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
	checkSame(t, paths, false)
}

// TestGenerated10k: a generated corpus of 10,000 articles. On prism it
// takes about 270 CPU-seconds and 13 GB at the rewrite level;
// WIREDIFF_BEAM_LARGE=1 runs it.
func TestGenerated10k(t *testing.T) {
	if os.Getenv("WIREDIFF_BEAM_LARGE") == "" {
		t.Skip("skipping the 10k corpus: set WIREDIFF_BEAM_LARGE=1")
	}
	dir := t.TempDir()
	wirediff(t, "bench", "gen", "--articles", "10000", "--seed", "2", "--out", dir)
	checkSame(t, []string{filepath.Join(dir, "articles.jsonl")}, false)
}

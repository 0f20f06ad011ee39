package beam

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"

	"github.com/wirediff/wirediff/benchmarks"
	"github.com/wirediff/wirediff/cluster"
)

// BenchmarkPipeline runs the whole pipeline at story level on a generated
// corpus (WIREDIFF_BEAM_BENCH_ARTICLES articles, default 2,000, seed 2)
// on the test runner, and reports articles per second, candidate pairs
// and PCollection bytes per article. The corpus is generated once in
// WIREDIFF_BEAM_BENCH_DIR (default a temporary directory).
func BenchmarkPipeline(b *testing.B) {
	n := 2000
	if s := os.Getenv("WIREDIFF_BEAM_BENCH_ARTICLES"); s != "" {
		v, err := benchmarks.ParseSize(s)
		if err != nil {
			b.Fatal(err)
		}
		n = v
	}
	dir := os.Getenv("WIREDIFF_BEAM_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	dir = filepath.Join(dir, strconv.Itoa(n))
	if _, err := benchmarks.EnsureCorpus(dir, benchmarks.GenConfig{Articles: n, Seed: 2}, nil); err != nil {
		b.Fatal(err)
	}
	out := b.TempDir()
	var counts Counts
	var bytes int64
	for b.Loop() {
		p, s := beam.NewPipelineWithRoot()
		err := Build(s, Config{
			Paths: []string{filepath.Join(dir, "articles.jsonl")}, Level: cluster.Story, Format: "tsv",
			Options: cluster.DefaultOptions(), Out: filepath.Join(out, "groups.tsv"), Rounds: DefaultRounds,
		})
		if err != nil {
			b.Fatal(err)
		}
		res, err := ptest.RunWithMetrics(p)
		if err != nil {
			b.Fatal(err)
		}
		counts = RunCounts(res)
		bytes = 0
		for _, p := range PCollectionSizes(res) {
			bytes += p.Bytes
		}
	}
	a := float64(counts["articles"])
	b.ReportMetric(a*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(counts["candidates-lsh"]+counts["candidates-mlt"])/a, "candidates/article")
	b.ReportMetric(float64(bytes)/a, "pcollection-bytes/article")
}

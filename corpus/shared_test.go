package corpus

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sharedData returns the labelled research data directory, shared/data
// beside the repository root, found by walking up from the working
// directory. It skips the test or benchmark when the data is absent: the
// data is copyrighted and never part of the repository.
func sharedData(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	require.NoError(tb, err)
	for {
		p := filepath.Join(dir, "shared", "data")
		if info, err := os.Stat(p); err == nil && info.IsDir() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("shared data: ../shared not found")
		}
		dir = parent
	}
}

func TestReadSharedData(t *testing.T) {
	data := sharedData(t)
	tests := []struct {
		set     string
		read    int
		skipped map[Reason]int
	}{
		{"basil-dev", 150, map[Reason]int{}},
		{"ecbplus-dev", 772, map[Reason]int{}},
		// 22 NeuS records have a title and no text: read as headline-only articles.
		{"neus-dev", 8277, map[Reason]int{}},
	}
	for _, tt := range tests {
		t.Run(tt.set, func(t *testing.T) {
			r := read(t, []string{filepath.Join(data, tt.set, "articles.jsonl")}, Options{})
			assert.Equal(t, tt.read, r.stats.Read)
			assert.Equal(t, tt.skipped, r.stats.Skipped)
			for _, a := range r.articles {
				checkSpans(t, a)
			}
		})
	}
}

func BenchmarkReadJSONL(b *testing.B) {
	path := filepath.Join(sharedData(b), "neus-dev", "articles.jsonl")
	info, err := os.Stat(path)
	if err != nil {
		b.Skipf("neus-dev: %v", err)
	}
	b.ReportAllocs()
	b.SetBytes(info.Size())
	articles, loops := 0, 0
	for b.Loop() {
		stats, err := Read([]string{path}, Options{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		articles += stats.Read
		loops++
	}
	b.ReportMetric(float64(articles)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(articles)/float64(loops), "articles/op")
}

func BenchmarkExtractMetadata(b *testing.B) {
	paths, _ := filepath.Glob("../testdata/seeds/*.txt")
	var texts []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, text := range texts {
			a := Article{Text: text}
			a.ExtractMetadata()
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

package lineage

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/internal/devdata"
)

// sharedData returns the path of shared/data (see [devdata.Dir]), or
// skips the test.
func sharedData(t testing.TB) string {
	t.Helper()
	return devdata.Path(t, "data")
}

// loadSeeds reads the five seed articles from testdata/seeds at the
// repository root: the ID is the file name without ".txt", metadata and
// furniture are recognized by corpus.Article.ExtractMetadata.
func loadSeeds(t testing.TB) []corpus.Article {
	t.Helper()
	dir := filepath.Join("..", "testdata", "seeds")
	names, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no seeds in %s: %v", dir, err)
	}
	sort.Strings(names)
	var out []corpus.Article
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		a := corpus.Article{ID: strings.TrimSuffix(filepath.Base(n), ".txt"), Text: strings.ReplaceAll(string(b), "\r\n", "\n")}
		a.ExtractMetadata()
		out = append(out, a)
	}
	return out
}

func sortedPtrs(arts []corpus.Article) []*corpus.Article {
	out := make([]*corpus.Article, len(arts))
	for i := range arts {
		out[i] = &arts[i]
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

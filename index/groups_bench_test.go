package index

import (
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkGrouping reads the groups file of an index of a million
// articles into a Grouping, as an incremental run does first.
//
//	go test -run '^$' -bench Grouping -benchtime 3x ./index
func BenchmarkGrouping(b *testing.B) {
	const n = 1_000_000
	ix := create(b, filepath.Join(b.TempDir(), "x.index"))
	defer ix.Close()
	as := make([]Assignment, n)
	for i := range as {
		id := fmt.Sprintf("gen-%07d", i)
		as[i] = Assignment{id, "c:" + id, fmt.Sprintf("r:gen-%07d", i/3*3), fmt.Sprintf("s:gen-%07d", i/5*5)}
	}
	if err := ix.WriteGroups(as); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		g, err := ix.Grouping()
		if err != nil {
			b.Fatal(err)
		}
		if g.Len() != n {
			b.Fatalf("%d articles, want %d", g.Len(), n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/article")
}

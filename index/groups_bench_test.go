package index

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/wirediff/wirediff/cluster"
)

// millionGroups returns an index whose groups.tsv groups a million
// articles: groups of 1, 3 and 5 at the copy, rewrite and story levels.
func millionGroups(b *testing.B) *Index {
	b.Helper()
	ix := create(b, filepath.Join(b.TempDir(), "x.index"))
	b.Cleanup(func() { ix.Close() })
	as := make([]Assignment, 1_000_000)
	for i := range as {
		id := fmt.Sprintf("gen-%07d", i)
		as[i] = Assignment{id, "c:" + id, fmt.Sprintf("r:gen-%07d", i/3*3), fmt.Sprintf("s:gen-%07d", i/5*5)}
	}
	if err := ix.WriteGroups(as); err != nil {
		b.Fatal(err)
	}
	return ix
}

// BenchmarkGrouping reads the groups file of an index of a million
// articles into a Grouping, as an incremental run does first.
//
//	go test -run '^$' -bench Grouping -benchtime 3x ./index
func BenchmarkGrouping(b *testing.B) {
	ix := millionGroups(b)
	b.ResetTimer()
	for b.Loop() {
		g, err := ix.Grouping()
		if err != nil {
			b.Fatal(err)
		}
		if g.Len() != 1_000_000 {
			b.Fatalf("%d articles, want a million", g.Len())
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e6, "ns/article")
}

// BenchmarkWriteGrouping writes back the groups of an index of a million
// articles after a run moved 3,000 of them, as an incremental run does
// last.
//
//	go test -run '^$' -bench WriteGrouping -benchtime 3x ./index
func BenchmarkWriteGrouping(b *testing.B) {
	ix := millionGroups(b)
	g, err := ix.Grouping()
	if err != nil {
		b.Fatal(err)
	}
	for i := range 3000 {
		id := fmt.Sprintf("gen-%07d", i*333)
		g.Set(Assignment{id, "c:" + id, "r:" + id, "s:" + id})
	}
	b.ResetTimer()
	for b.Loop() {
		if err := ix.WriteGrouping(g); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e6, "ns/article")
}

// BenchmarkMembersOf finds the members of 500 story groups among a
// million articles, as an incremental run does for the groups it
// touches.
//
//	go test -run '^$' -bench MembersOf -benchtime 3x ./index
func BenchmarkMembersOf(b *testing.B) {
	ix := millionGroups(b)
	g, err := ix.Grouping()
	if err != nil {
		b.Fatal(err)
	}
	var labels []string
	for i := range 500 {
		labels = append(labels, fmt.Sprintf("s:gen-%07d", i*1995))
	}
	b.ResetTimer()
	for b.Loop() {
		if got := g.MembersOf(cluster.Story, labels); len(got) != len(labels) {
			b.Fatalf("%d groups, want %d", len(got), len(labels))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e6, "ns/article")
}

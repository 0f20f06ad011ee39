package benchmarks

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/lineage/selection"
)

// BenchmarkLineage is "wirediff lineage --limit 0" without the index:
// the lineage report of every rewrite group of two or more articles of a
// generated corpus, on all cores, after grouping it (not timed). It
// reports the groups, groups per second and the time per group.
//
//	make bench SIZES=100k   # the 100k benchmark corpus's 9,142 groups
func BenchmarkLineage(b *testing.B) {
	for _, n := range benchSizes(b) {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			dir := benchCorpus(b, n)
			run, err := dedup.Run(context.Background(), dedup.Source{Paths: []string{filepath.Join(dir, ArticlesFile)}},
				dedup.Options{Cluster: cluster.DefaultOptions(), KeepText: true})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			groups := 0
			for b.Loop() {
				reports, err := selection.Rewrites(run)
				if err != nil {
					b.Fatal(err)
				}
				groups = len(reports)
			}
			if groups == 0 {
				b.Fatal("no rewrite group of two or more articles")
			}
			b.ReportMetric(float64(groups), "groups")
			b.ReportMetric(float64(groups)*float64(b.N)/b.Elapsed().Seconds(), "groups/s")
			b.ReportMetric(b.Elapsed().Seconds()*1000/float64(groups*b.N), "ms/group")
		})
	}
}

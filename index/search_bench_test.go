package index

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// benchIndexDir is the index of the latency benchmarks, named by
// WIREDIFF_BENCH_INDEX (e.g. one built by 'wirediff dedup --index DIR
// articles.jsonl' over the generated 100k corpus); without it they skip.
func benchIndexDir(b *testing.B) string {
	dir := os.Getenv("WIREDIFF_BENCH_INDEX")
	if dir == "" {
		b.Skip("WIREDIFF_BENCH_INDEX names no index")
	}
	return dir
}

// latencyQueries returns the queries 'wirediff bench run' times: the
// first three words of the titles of n articles spread evenly over the
// index (by ID, which is corpus order for generated corpora).
func latencyQueries(b *testing.B, ix *Index, n int) []string {
	ids, err := ix.IDs()
	if err != nil {
		b.Fatal(err)
	}
	var qs []string
	for k := range min(n, len(ids)) {
		e, err := ix.Get(ids[k*len(ids)/n])
		if err != nil {
			b.Fatal(err)
		}
		ws := strings.Fields(e.Article.Title)
		qs = append(qs, strings.Join(ws[:min(3, len(ws))], " "))
	}
	return qs
}

// percentile returns the p-th percentile of ds in milliseconds (nearest
// rank), sorting ds.
func percentile(ds []time.Duration, p float64) float64 {
	slices.Sort(ds)
	k := int(p*float64(len(ds))+0.999999) - 1
	return float64(ds[max(0, min(k, len(ds)-1))]) / 1e6
}

// BenchmarkSearchLatency measures [Index.Search] as 'wirediff search' runs
// it (top 10 hits, highlighted) with the queries of 'wirediff bench run',
// cycling through them, and reports the percentiles of one query's time:
//
//	WIREDIFF_BENCH_INDEX=$IX go test -run '^$' -bench SearchLatency -benchtime 2000x -count 3 ./index
func BenchmarkSearchLatency(b *testing.B) {
	dir := benchIndexDir(b)
	ix, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	qs := latencyQueries(b, ix, 200)
	marks := Marks{Before: "«", After: "»"}
	var lat []time.Duration
	i := 0
	for b.Loop() {
		t0 := time.Now()
		if _, err := ix.Search(Query{Text: qs[i%len(qs)], Size: 10, Marks: &marks}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
		i++
	}
	b.ReportMetric(percentile(lat, 0.5), "p50-ms")
	b.ReportMetric(percentile(lat, 0.99), "p99-ms")
}

// BenchmarkOpenSearchClose measures a search as one 'wirediff search'
// process makes it, start-up aside: open the committed snapshot
// read-only, search (top 10, highlighted), close; it reports the mean of
// each part and the percentiles of the whole:
//
//	WIREDIFF_BENCH_INDEX=$IX go test -run '^$' -bench OpenSearchClose -benchtime 200x ./index
func BenchmarkOpenSearchClose(b *testing.B) {
	dir := benchIndexDir(b)
	ix, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	qs := latencyQueries(b, ix, 200)
	ix.Close()
	marks := Marks{Before: "«", After: "»"}
	var open, search, closing time.Duration
	var lat []time.Duration
	i := 0
	for b.Loop() {
		t0 := time.Now()
		ix, err := Open(dir, Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if _, err := ix.Search(Query{Text: qs[i%len(qs)], Size: 10, Marks: &marks}); err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
		t3 := time.Now()
		open, search, closing = open+t1.Sub(t0), search+t2.Sub(t1), closing+t3.Sub(t2)
		lat = append(lat, t3.Sub(t0))
		i++
	}
	n := float64(len(lat)) * 1e6
	b.ReportMetric(float64(open)/n, "open-ms")
	b.ReportMetric(float64(search)/n, "search-ms")
	b.ReportMetric(float64(closing)/n, "close-ms")
	b.ReportMetric(percentile(lat, 0.5), "p50-ms")
	b.ReportMetric(percentile(lat, 0.99), "p99-ms")
}

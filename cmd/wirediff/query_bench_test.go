package main

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wirediff/wirediff/benchmarks"
	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/listing"
	"github.com/wirediff/wirediff/neardup"
)

// benchSizes returns the corpus sizes of the query benchmarks:
// WIREDIFF_BENCH_DOCS, comma-separated (e.g. 10000,100000), default 2000.
func benchSizes(b *testing.B) []int {
	env := os.Getenv("WIREDIFF_BENCH_DOCS")
	if env == "" {
		return []int{2000}
	}
	var out []int
	for _, f := range strings.Split(env, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			b.Fatalf("WIREDIFF_BENCH_DOCS=%q: want sizes like 10000,100000", env)
		}
		out = append(out, n)
	}
	return out
}

// benchIndex returns an index of n generated articles (benchmarks.Generate,
// seed 1) and the generated titles. Indexes are kept in
// $TMPDIR/wirediff-bench/docs-N.index between runs: building 100k
// articles takes minutes.
func benchIndex(b testing.TB, n int) (*index.Index, []string) {
	b.Helper()
	root := filepath.Join(os.TempDir(), "wirediff-bench")
	dir := filepath.Join(root, fmt.Sprintf("docs-%d.index", n))
	corpusPath := filepath.Join(root, fmt.Sprintf("docs-%d.jsonl", n))
	var titles []string
	if _, err := os.Stat(filepath.Join(dir, "wirediff.json")); err != nil {
		if err := os.MkdirAll(root, 0o755); err != nil {
			b.Fatal(err)
		}
		f, err := os.Create(corpusPath)
		if err != nil {
			b.Fatal(err)
		}
		w := bufio.NewWriter(f)
		err = benchmarks.Generate(benchmarks.GenConfig{Articles: n, Seed: 1}, func(a benchmarks.GenArticle) error {
			return benchmarks.WriteJSONL(w, a)
		})
		if err == nil {
			err = w.Flush()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		var errb strings.Builder
		// Built aside and renamed, so that an interrupted build is not reused.
		tmp := dir + ".tmp"
		os.RemoveAll(tmp)
		if err := run([]string{"index", "--index", tmp, corpusPath}, strings.NewReader(""), io.Discard, &errb); err != nil {
			os.RemoveAll(tmp)
			b.Fatalf("index %d articles: %v\n%s", n, err, errb.String())
		}
		if err := os.Rename(tmp, dir); err != nil {
			b.Fatal(err)
		}
		b.Logf("indexed %d articles in %s", n, time.Since(start).Round(time.Second))
	}
	err := benchmarks.Generate(benchmarks.GenConfig{Articles: min(n, 2000), Seed: 1}, func(a benchmarks.GenArticle) error {
		titles = append(titles, a.Title)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	ix, err := index.Open(dir, index.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ix.Close() })
	return ix, titles
}

// benchQueries makes search queries from titles: two words, a phrase of
// two, and a required word with an optional one, in turn.
func benchQueries(titles []string) []string {
	r := rand.New(rand.NewPCG(1, 2))
	var qs []string
	for i, t := range titles {
		ws := strings.Fields(strings.Map(func(c rune) rune {
			if c == '"' || c == '+' || c == '-' || c == ':' || c == '(' || c == ')' || c == '\\' {
				return ' '
			}
			return c
		}, t))
		if len(ws) < 3 {
			continue
		}
		k := r.IntN(len(ws) - 1)
		switch i % 3 {
		case 0:
			qs = append(qs, ws[k]+" "+ws[k+1])
		case 1:
			qs = append(qs, `"`+ws[k]+" "+ws[k+1]+`"`)
		case 2:
			qs = append(qs, "+"+ws[k]+" "+ws[(k+2)%len(ws)])
		}
	}
	return qs
}

// latencies records per-operation times and reports percentiles.
type latencies []time.Duration

func (l latencies) report(b *testing.B) {
	if len(l) == 0 {
		return
	}
	s := append(latencies(nil), l...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	q := func(p float64) float64 {
		return float64(s[min(len(s)-1, int(p*float64(len(s))))].Microseconds()) / 1000
	}
	b.ReportMetric(q(0.50), "p50-ms")
	b.ReportMetric(q(0.99), "p99-ms")
}

// BenchmarkSearch measures 'wirediff search' on an open index: the query,
// its top 10 hits and their highlighted fragments.
func BenchmarkSearch(b *testing.B) {
	for _, n := range benchSizes(b) {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			ix, titles := benchIndex(b, n)
			qs := benchQueries(titles)
			var lat latencies
			hits := 0
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				start := time.Now()
				res, err := ix.Search(index.Query{Text: qs[i%len(qs)], Size: 10, Marks: &listing.Guillemets})
				if err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
				hits += res.Total
				i++
			}
			lat.report(b)
			b.ReportMetric(float64(hits)/float64(i), "hits/op")
		})
	}
}

// BenchmarkSearchCollapsed measures 'wirediff search --collapse story':
// a page of 10 groups, with the number of groups all the hits are in,
// for the title queries of BenchmarkSearch and for a query of a word most
// generated articles hold (the cost of counting the groups of every hit).
func BenchmarkSearchCollapsed(b *testing.B) {
	for _, n := range benchSizes(b) {
		ix, titles := benchIndex(b, n)
		g, err := ix.Grouping()
		if err != nil {
			b.Fatal(err)
		}
		for _, tc := range []struct {
			name string
			qs   []string
		}{{"titles", benchQueries(titles)}, {"common", []string{"said"}}} {
			b.Run(fmt.Sprintf("docs=%d/%s", n, tc.name), func(b *testing.B) {
				var lat latencies
				hits, groups := 0, 0
				i := 0
				for b.Loop() {
					start := time.Now()
					res, err := ix.SearchGroups(index.Query{Text: tc.qs[i%len(tc.qs)], Size: 10}, g, cluster.Story, listing.Guillemets)
					if err != nil {
						b.Fatal(err)
					}
					lat = append(lat, time.Since(start))
					hits += res.Hits
					groups += res.Groups
					i++
				}
				lat.report(b)
				b.ReportMetric(float64(hits)/float64(i), "hits/op")
				b.ReportMetric(float64(groups)/float64(i), "groups/op")
			})
		}
	}
}

// BenchmarkSimilar measures 'wirediff similar ID' on an open index:
// candidates, featurizing and scoring them, and the shared passages of
// the 10 best.
func BenchmarkSimilar(b *testing.B) {
	for _, n := range benchSizes(b) {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			ix, _ := benchIndex(b, n)
			f, err := neardup.OpenFinder(ix)
			if err != nil {
				b.Fatal(err)
			}
			r := rand.New(rand.NewPCG(3, 4))
			ids := make([]string, 200)
			for k := range ids {
				ids[k] = fmt.Sprintf("gen-%07d", r.IntN(n))
			}
			var lat latencies
			found := 0
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				start := time.Now()
				ent, err := ix.Get(ids[i%len(ids)])
				if err != nil {
					b.Fatal(err)
				}
				hits, err := f.Find(&ent.Article, true, 50)
				if err != nil {
					b.Fatal(err)
				}
				for k := 0; k < len(hits) && k < 10 && hits[k].Joins; k++ {
					cluster.SharedPassages(&ent.Article, hits[k].Article, 3)
					found++
				}
				lat = append(lat, time.Since(start))
				i++
			}
			lat.report(b)
			b.ReportMetric(float64(found)/float64(i), "near-dups/op")
		})
	}
}

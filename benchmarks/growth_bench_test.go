package benchmarks

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/eval"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/similarity"
)

// The corpus-growth benchmarks run at the sizes WIREDIFF_BENCH_SIZES
// names (comma-separated, k and m suffixes, e.g. "1k,10k,100k"); 1k and
// 10k when it is unset. Brute force runs only up to bruteMax articles. For
// peak RSS and the full pipeline with the bleve index, use
// "wirediff bench run".

const sizesEnv = "WIREDIFF_BENCH_SIZES"

// bruteMax is the largest corpus BenchmarkBruteForce runs on: 5k articles
// take about 15 s on one core.
const bruteMax = 5000

func benchSizes(b *testing.B) []int {
	spec := os.Getenv(sizesEnv)
	if spec == "" {
		spec = "1k,10k"
	}
	var out []int
	for _, s := range strings.Split(spec, ",") {
		n, err := ParseSize(s)
		if err != nil || n <= 0 {
			b.Fatalf("%s: bad size %q", sizesEnv, s)
		}
		out = append(out, n)
	}
	return out
}

// benchCorpora caches one generated corpus per size for the process.
var benchCorpora = struct {
	sync.Mutex
	root string
	dirs map[int]string
}{dirs: map[int]string{}}

// benchCorpus returns the directory of a generated corpus of n articles
// (seed 1), written once per process under a temporary directory.
func benchCorpus(b *testing.B, n int) string {
	b.Helper()
	benchCorpora.Lock()
	defer benchCorpora.Unlock()
	if d, ok := benchCorpora.dirs[n]; ok {
		return d
	}
	if benchCorpora.root == "" {
		root, err := os.MkdirTemp("", "wirediff-bench-")
		if err != nil {
			b.Fatal(err)
		}
		benchCorpora.root = root
	}
	d := filepath.Join(benchCorpora.root, strconv.Itoa(n))
	if _, err := WriteCorpus(d, GenConfig{Articles: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	benchCorpora.dirs[n] = d
	return d
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchCorpora.root != "" {
		os.RemoveAll(benchCorpora.root)
	}
	os.Exit(code)
}

func benchGold(b *testing.B, dir, level string) eval.Clustering {
	g, err := eval.ReadClusteringFile(filepath.Join(dir, GoldFile(level)))
	if err != nil {
		b.Fatal(err)
	}
	return g
}

// BenchmarkCopy is "dedup --no-index --level copy" stage by stage: read,
// normalize, sign, LSH candidates, verification, clustering.
func BenchmarkCopy(b *testing.B) {
	p, err := DefaultParams()
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range benchSizes(b) {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			dir := benchCorpus(b, n)
			gold := benchGold(b, dir, "copy")
			read := FileReader(filepath.Join(dir, ArticlesFile))
			b.ReportAllocs()
			var r *CopyRun
			for b.Loop() {
				if r, err = RunCopy(read, p); err != nil {
					b.Fatal(err)
				}
			}
			na := float64(r.Articles)
			us := func(d interface{ Seconds() float64 }) float64 { return d.Seconds() * 1e6 / na }
			b.ReportMetric(na*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
			b.ReportMetric(na/(r.Normalize+r.Sign).Seconds(), "signed/s/core")
			b.ReportMetric(float64(r.Tokens)/na, "words/article")
			b.ReportMetric(us(r.Read), "read-µs/article")
			b.ReportMetric(us(r.Normalize), "normalize-µs/article")
			b.ReportMetric(us(r.Sign), "sign-µs/article")
			b.ReportMetric(us(r.Candidates), "candidates-µs/article")
			b.ReportMetric(us(r.Verify), "verify-µs/article")
			b.ReportMetric(us(r.Cluster), "cluster-µs/article")
			b.ReportMetric(float64(len(r.Pairs))/na, "candidates/article")
			b.ReportMetric(Score(gold, r.Docs, r.Labels).BCubed.F1, "copy-B3-F1")
		})
	}
}

// BenchmarkBruteForce is the all-pairs exact Jaccard baseline of the copy
// level's LSH candidates (sizes up to bruteMax only), with the recall of
// LSH.
func BenchmarkBruteForce(b *testing.B) {
	p, err := DefaultParams()
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range benchSizes(b) {
		if n > bruteMax {
			continue
		}
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			r, err := RunCopy(FileReader(filepath.Join(benchCorpus(b, n), ArticlesFile)), p)
			if err != nil {
				b.Fatal(err)
			}
			var all []cluster.Edge
			for b.Loop() {
				all = AllPairs(r.Docs, p.Options.Thresholds.Copy)
			}
			perRun := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(float64(n)/perRun, "articles/s")
			b.ReportMetric(r.Recall(all), "LSH-recall")
			b.ReportMetric(perRun/(r.Candidates+r.Verify).Seconds(), "LSH-speedup")
		})
	}
}

// BenchmarkPipeline is grouping at all three levels in memory (no
// index): read, all features, TF-IDF, then cluster.Run.
func BenchmarkPipeline(b *testing.B) {
	p, err := DefaultParams()
	if err != nil {
		b.Fatal(err)
	}
	bg, err := cluster.DefaultBackground()
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range benchSizes(b) {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			dir := benchCorpus(b, n)
			var gold [3]eval.Clustering
			for l, level := range Levels {
				gold[l] = benchGold(b, dir, level)
			}
			b.ReportAllocs()
			var docs []cluster.Doc
			var res *cluster.Result
			for b.Loop() {
				docs = features(b, dir, p)
				cluster.Weigh(docs, bg)
				if res, err = cluster.Run(docs, p.Bands, p.Options); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
			b.ReportMetric(float64(len(res.CopyPairs)+len(res.MLTPairs))/float64(n), "candidates/article")
			for l, level := range Levels {
				b.ReportMetric(Score(gold[l], docs, res.Labels[l]).BCubed.F1, level+"-B3-F1")
			}
		})
	}
}

// features reads dir and computes every feature on all cores, as the
// wirediff command does.
func features(b *testing.B, dir string, p Params) []cluster.Doc {
	in := make(chan corpus.Article, 256)
	var mu sync.Mutex
	var docs []cluster.Doc
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f := cluster.NewFeaturizer(p.Shingle, p.Hasher, p.Bands)
			var mine []cluster.Doc
			for a := range in {
				mine = append(mine, f.Doc(&a))
			}
			mu.Lock()
			docs = append(docs, mine...)
			mu.Unlock()
		}()
	}
	err := FileReader(filepath.Join(dir, ArticlesFile))(func(a corpus.Article) error {
		in <- a
		return nil
	})
	close(in)
	wg.Wait()
	if err != nil {
		b.Fatal(err)
	}
	sortDocs(docs)
	return docs
}

// BenchmarkBleve is the baseline: bleve indexing alone, with the index
// package's mapping and no near-duplicate work (empty signatures).
func BenchmarkBleve(b *testing.B) {
	for _, n := range benchSizes(b) {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			read := FileReader(filepath.Join(benchCorpus(b, n), ArticlesFile))
			b.ReportAllocs()
			var size int64
			for b.Loop() {
				dir := filepath.Join(b.TempDir(), "ix")
				ix, err := index.Open(dir, index.Options{Create: true})
				if err != nil {
					b.Fatal(err)
				}
				w, err := ix.NewWriter()
				if err != nil {
					b.Fatal(err)
				}
				if err := read(func(a corpus.Article) error { return w.Add(index.Entry{Article: a}) }); err != nil {
					b.Fatal(err)
				}
				if err := w.Flush(); err != nil {
					b.Fatal(err)
				}
				if err := ix.Close(); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				size = dirBytes(b, dir)
				os.RemoveAll(dir)
				b.StartTimer()
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
			b.ReportMetric(float64(size)/float64(n), "index-bytes/article")
		})
	}
}

func dirBytes(b *testing.B, dir string) int64 {
	var n int64
	err := filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() {
			n += info.Size()
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// BenchmarkSignGenerated signs the bodies of a generated corpus on one
// goroutine, as similarity's BenchmarkSign signs one real article: with
// buffers reused ("reuse"), allocating what a Doc keeps as the pipeline
// must ("keep"), and signing one article over and over as BenchmarkSign
// does ("reuse/one-article": caches and branch predictors then learn the
// article, which flatters the figure). "reuse/words=600" signs a rotating
// stream of 1,000 different texts of exactly 600 words, the length the
// signing target is stated for (see words600). articles/cpu-s divides
// by the thread's CPU time instead of the wall time.
func BenchmarkSignGenerated(b *testing.B) {
	p, err := DefaultParams()
	if err != nil {
		b.Fatal(err)
	}
	var arts []corpus.Article
	err = FileReader(filepath.Join(benchCorpus(b, 1000), ArticlesFile))(func(a corpus.Article) error {
		arts = append(arts, a)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	texts := words600(arts)
	// body appends the body tokens of the k'th generated article to toks.
	body := func(toks []similarity.Token, k int) []similarity.Token {
		a := &arts[k%len(arts)]
		for _, sp := range a.Body() {
			toks = similarity.AppendTokens(toks, a.Text, sp.Start, sp.End)
		}
		return toks
	}
	for _, bc := range []struct {
		name   string
		keep   bool
		tokens func(toks []similarity.Token, k int) []similarity.Token
	}{
		{"reuse", false, body},
		{"keep", true, body},
		{"reuse/one-article", false, func(toks []similarity.Token, _ int) []similarity.Token { return body(toks, 0) }},
		{"reuse/words=600", false, func(toks []similarity.Token, k int) []similarity.Token {
			text := texts[k%len(texts)]
			return similarity.AppendTokens(toks, text, 0, len(text))
		}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			var toks []similarity.Token
			var sh []uint64
			var sig similarity.Signature
			var keys []uint64
			k, words := 0, 0
			// Thread CPU time as well as wall time: on a busy machine
			// the wall clock counts the time the thread waits for a core.
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			cpu0 := threadCPU()
			for b.Loop() {
				toks = bc.tokens(toks[:0], k)
				k++
				words += len(toks)
				if bc.keep {
					sh, sig, keys = nil, nil, nil
				}
				sh = similarity.Shingles(sh, toks, p.Shingle)
				sig = p.Hasher.AppendSign(sig[:0], sh)
				keys = p.Bands.AppendKeys(keys[:0], sig)
			}
			cpu := threadCPU() - cpu0
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
			b.ReportMetric(float64(b.N)/cpu.Seconds(), "articles/cpu-s")
			b.ReportMetric(float64(words)/float64(b.N), "words/article")
		})
	}
}

// words600 returns one text of exactly 600 words (tokens) per article: the
// article's body, continued by the bodies of the articles after it
// (wrapping around) until 600 words, cut after the 600th. Generated bodies
// average about 500 words, so most texts join two articles.
func words600(arts []corpus.Article) []string {
	const n = 600
	var out []string
	var toks []similarity.Token
	var b strings.Builder
	for i := range arts {
		b.Reset()
		toks = toks[:0]
		for j := i; len(toks) < n; j = (j + 1) % len(arts) {
			a := &arts[j]
			for _, sp := range a.Body() {
				b.WriteString(a.Text[sp.Start:sp.End])
				b.WriteString("\n\n")
			}
			text := b.String()
			toks = similarity.AppendTokens(toks[:0], text, 0, len(text))
		}
		out = append(out, b.String()[:toks[n-1].End])
	}
	return out
}

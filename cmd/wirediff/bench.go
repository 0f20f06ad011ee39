package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/wirediff/wirediff/benchmarks"
	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/eval"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/neardup"
)

const benchUsage = `Usage: wirediff bench gen --articles N [--seed S] --out DIR
       wirediff bench run [--sizes 1k,10k,100k] [--modes copy,stages,full,add,incr,bleve,bleve-sig] [--data DIR] [--out DIR]
       wirediff bench plot [--out DIR]

gen writes a generated corpus with its truth: DIR/articles.jsonl and
DIR/gold-{copy,rewrite,story}.tsv ("id<TAB>cluster", one per level).

run measures wirediff as the corpus grows. For every size it generates the
corpus into --data (once; later runs reuse it), then runs each mode in a
child process of its own, so that its peak RSS is its own:

  copy    dedup --no-index --level copy: wall time, RSS, copy quality
  stages  the copy level stage by stage (read, normalize, sign, LSH
          candidates, verification, clustering) and, up to --brute-max
          articles, brute-force all-pairs Jaccard with the recall of LSH
  full    dedup with the bleve index and all three levels: stage times,
          index size, quality per level, then search and similar latency
  add     holds out the corpus's last 100 articles, groups the rest into
          an index, then adds those one by one as 'similar --add' does:
          time per article, and how its groups agree with the truth
  incr    holds out the corpus's last 1,000 articles (5% below 20k),
          groups the rest into an index, then adds them in one
          incremental 'dedup' (a child process: wall time, peak RSS),
          then regroups the same index in full ('dedup --full'): how the
          incremental groups agree with the full ones, per level, and
          the quality of both against the truth
  bleve   bleve indexing alone (same mapping, empty signatures)
  bleve-sig
          bleve indexing with the copy-level signature stored, as the
          full pipeline stores it, no grouping: what the near-duplicate
          fields cost bleve

Figures are merged into OUT/results.csv (sizes and columns not measured
keep their earlier values) and plotted into OUT/*.png; plot redraws the
plots from OUT/results.csv.

Examples:
  wirediff bench gen --articles 100k --seed 1 --out /tmp/wd/100k
  wirediff bench run --sizes 1k,10k,100k
  wirediff bench run --sizes 1m --modes copy
`

func cmdBench(e *env, args []string) error {
	if len(args) == 0 {
		return usagef("bench: want a subcommand: gen, run or plot")
	}
	sub := map[string]func(*env, []string) error{
		"gen": cmdBenchGen, "run": cmdBenchRun, "run-one": cmdBenchRunOne, "plot": cmdBenchPlot,
	}
	if run, ok := sub[args[0]]; ok {
		return inCommand("bench "+args[0], run(e, args[1:]))
	}
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprint(e.stdout, benchUsage)
		return nil
	}
	return usagef("bench: unknown subcommand %q (want gen, run or plot)", args[0])
}

func cmdBenchGen(e *env, args []string) error {
	fs := pflag.NewFlagSet("bench gen", pflag.ContinueOnError)
	articles := fs.String("articles", "", "number of articles, e.g. 10000, 10k or 1m")
	seed := fs.Uint64("seed", 1, "random seed")
	out := fs.String("out", "", "output `DIR`")
	if err := parseFlags(e, fs, benchUsage, args); err != nil {
		return err
	}
	if *articles == "" || *out == "" {
		return usagef("bench gen: --articles and --out are required")
	}
	if fs.NArg() > 0 {
		return usagef("bench gen: unexpected argument %q", fs.Arg(0))
	}
	n, err := parseSize(*articles)
	if err != nil {
		return usagef("bench gen: --articles: %v", err)
	}
	info, err := benchmarks.WriteCorpus(*out, benchmarks.GenConfig{Articles: n, Seed: *seed})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wirediff: wrote %d articles (%.1f MB) to %s\n", info.Articles, float64(info.Bytes)/1e6, *out)
	return nil
}

// parseSize parses a count: digits with an optional k or m suffix.
func parseSize(s string) (int, error) { return benchmarks.ParseSize(s) }

// benchModes are the measurements of "bench run", in the order they run.
var benchModes = []string{"copy", "stages", "full", "add", "incr", "bleve", "bleve-sig"}

func cmdBenchRun(e *env, args []string) error {
	fs := pflag.NewFlagSet("bench run", pflag.ContinueOnError)
	sizes := fs.String("sizes", "1k,10k,100k", "corpus sizes, comma-separated (k, m suffixes)")
	modes := fs.String("modes", strings.Join(benchModes, ","), "measurements to run: "+strings.Join(benchModes, ", "))
	seed := fs.Uint64("seed", 1, "generator seed")
	data := fs.String("data", filepath.Join(os.TempDir(), "wirediff-bench"), "`DIR` for generated corpora and scratch indexes")
	out := fs.String("out", filepath.Join("docs", "bench"), "`DIR` for results.csv and the plots")
	bruteMax := 10000
	fs.Var(count{&bruteMax}, "brute-max", "largest corpus for brute-force all pairs (0 = none)")
	queries := fs.Int("queries", 200, "search and similar queries timed per size")
	if err := parseFlags(e, fs, benchUsage, args); err != nil {
		return err
	}
	// Every flag is checked before --out and --data are written.
	if fs.NArg() > 0 {
		return usagef("bench run: unexpected argument %q (give sizes with --sizes)", fs.Arg(0))
	}
	if *queries < 1 {
		return usagef("--queries %d: want 1 or more", *queries)
	}
	var ns []int
	for _, s := range strings.Split(*sizes, ",") {
		n, err := parseSize(s)
		if err != nil {
			return usagef("--sizes: %v", err)
		}
		ns = append(ns, n)
	}
	ms := strings.Split(*modes, ",")
	for _, m := range ms {
		if !slices.Contains(benchModes, m) {
			return usagef("--modes: unknown mode %q (want %s)", m, strings.Join(benchModes, ", "))
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	csvPath := filepath.Join(*out, "results.csv")
	res, err := readResults(csvPath)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if res == nil {
		res = benchmarks.Results{}
	}
	for _, n := range ns {
		dir := filepath.Join(*data, sizeName(n))
		if _, err := benchmarks.EnsureCorpus(dir, benchmarks.GenConfig{Articles: n, Seed: *seed}, e.stderr); err != nil {
			return err
		}
		for _, m := range benchModes {
			if !slices.Contains(ms, m) {
				continue
			}
			fmt.Fprintf(e.stderr, "wirediff: bench %s, %d articles\n", m, n)
			vals, err := runChild(e, exe, "--mode", m, "--corpus", dir,
				"--brute-max", strconv.Itoa(bruteMax), "--queries", strconv.Itoa(*queries))
			if err != nil {
				return fmt.Errorf("bench %s at %d articles: %w", m, n, err)
			}
			for k, v := range vals {
				res.Set(n, k, v)
			}
			res.Derive()
			// Save after every measurement: a long run can be stopped.
			if err := writeResults(csvPath, res); err != nil {
				return err
			}
		}
	}
	return plotResults(e, res, *out)
}

func cmdBenchPlot(e *env, args []string) error {
	fs := pflag.NewFlagSet("bench plot", pflag.ContinueOnError)
	out := fs.String("out", filepath.Join("docs", "bench"), "`DIR` holding results.csv")
	if err := parseFlags(e, fs, benchUsage, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("bench plot: unexpected argument %q", fs.Arg(0))
	}
	res, err := readResults(filepath.Join(*out, "results.csv"))
	if err != nil {
		return cliError{err, 2}
	}
	return plotResults(e, res, *out)
}

// readResults reads a results CSV (an error wrapping fs.ErrNotExist when
// there is none).
func readResults(path string) (benchmarks.Results, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	res, err := benchmarks.ReadCSV(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return res, nil
}

// plotResults rewrites OUT/results.csv with the derived columns and
// draws the plots.
func plotResults(e *env, res benchmarks.Results, out string) error {
	res.Derive()
	csvPath := filepath.Join(out, "results.csv")
	if err := writeResults(csvPath, res); err != nil {
		return err
	}
	files, err := res.Plot(out)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wirediff: wrote %s and %s\n", csvPath, strings.Join(files, ", "))
	return nil
}

func writeResults(path string, res benchmarks.Results) error {
	var buf bytes.Buffer
	if err := res.WriteCSV(&buf); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// sizeName names a size as --sizes does: 1k, 10k, 1m, 2500.
func sizeName(n int) string {
	switch {
	case n%1000000 == 0:
		return strconv.Itoa(n/1000000) + "m"
	case n%1000 == 0:
		return strconv.Itoa(n/1000) + "k"
	}
	return strconv.Itoa(n)
}

// runChild runs "exe bench run-one args..." and decodes the figures it
// prints (peak RSS among them, read by the child at the end of its
// measurement). Its stderr goes to ours.
func runChild(e *env, exe string, args ...string) (map[string]float64, error) {
	cmd := exec.Command(exe, append([]string{"bench", "run-one"}, args...)...)
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = e.stderr
	if err := cmd.Run(); err != nil {
		return nil, err
	}
	var vals map[string]float64
	if err := json.Unmarshal(stdout.Bytes(), &vals); err != nil {
		return nil, fmt.Errorf("child output: %w", err)
	}
	return vals, nil
}

// cmdBenchRunOne runs one measurement in this process and prints its
// figures as a JSON object (the child side of "bench run").
func cmdBenchRunOne(e *env, args []string) error {
	fs := pflag.NewFlagSet("bench run-one", pflag.ContinueOnError)
	mode := fs.String("mode", "", "one of "+strings.Join(benchModes, ", "))
	dir := fs.String("corpus", "", "corpus `DIR` written by bench gen")
	bruteMax := fs.Int("brute-max", 10000, "largest corpus for brute-force all pairs")
	queries := fs.Int("queries", 200, "search and similar queries to time")
	if err := parseFlags(e, fs, benchUsage, args); err != nil {
		return err
	}
	if *dir == "" {
		return usagef("bench run-one: --corpus is required")
	}
	if !slices.Contains(benchModes, *mode) {
		return usagef("bench run-one: --mode %q: want %s", *mode, strings.Join(benchModes, ", "))
	}
	info, err := benchmarks.OpenCorpus(*dir, benchmarks.GenConfig{})
	if err != nil {
		return err
	}
	b := &benchRun{e: e, dir: *dir, n: info.Articles, vals: map[string]float64{}}
	switch *mode {
	case "copy":
		err = b.copyLevel()
	case "stages":
		err = b.stages(*bruteMax)
	case "full":
		err = b.full(*queries)
	case "bleve":
		err = b.bleveOnly(false)
	case "add":
		err = b.add(benchAdds)
	case "incr":
		err = b.incremental(benchIncrAdds)
	case "bleve-sig":
		err = b.bleveOnly(true)
	default:
		return usagef("bench run-one: --mode %q: want %s", *mode, strings.Join(benchModes, ", "))
	}
	if err != nil {
		return err
	}
	return newJSONEncoder(e.stdout, false).Encode(b.vals)
}

// benchRun is one measurement over one corpus directory.
type benchRun struct {
	e    *env
	dir  string
	n    int
	vals map[string]float64
}

func (b *benchRun) articles() string { return filepath.Join(b.dir, benchmarks.ArticlesFile) }

func (b *benchRun) gold(level string) (eval.Clustering, error) {
	return eval.ReadClusteringFile(filepath.Join(b.dir, benchmarks.GoldFile(level)))
}

// quiet is an env whose outputs are discarded but for warnings.
func (b *benchRun) quiet() *env {
	return &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: b.e.stderr}
}

// copyLevel times what "dedup --no-index --level copy" does.
func (b *benchRun) copyLevel() error {
	start := time.Now()
	gr, err := group(b.quiet(), []string{b.articles()}, readFlags{strict: true},
		groupFlags{level: "copy", noIndex: true}, false)
	if err != nil {
		return err
	}
	wall := time.Since(start).Seconds()
	b.vals["copy_rss_mb"] = peakRSSMB()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.vals["copy_live_heap_mb"] = float64(ms.HeapAlloc) / (1 << 20)
	b.vals["copy_wall_s"] = wall
	b.vals["copy_articles_per_s"] = float64(len(gr.Docs)) / wall
	b.vals["copy_us_per_article"] = wall * 1e6 / float64(len(gr.Docs))
	gold, err := b.gold("copy")
	if err != nil {
		return err
	}
	b.vals["copy_noindex_b3_f1"] = benchmarks.Score(gold, gr.Docs, gr.Groups.Labels[cluster.Copy]).BCubed.F1
	return nil
}

// stages times the copy level stage by stage, and brute force.
func (b *benchRun) stages(bruteMax int) error {
	read := benchmarks.FileReader(b.articles())
	s, err := dedup.DefaultScheme()
	if err != nil {
		return err
	}
	p := benchmarks.Params{Shingle: s.Shingle, Hasher: s.Hasher, Bands: s.Bands, Options: cluster.DefaultOptions()}
	r, err := benchmarks.RunCopy(read, p)
	if err != nil {
		return err
	}
	b.vals["stages_rss_mb"] = peakRSSMB()
	na := float64(r.Articles)
	b.vals["read_s"] = r.Read.Seconds()
	b.vals["read_articles_per_s"] = na / r.Read.Seconds()
	b.vals["normalize_cpu_s"] = r.Normalize.Seconds()
	b.vals["sign_cpu_s"] = r.Sign.Seconds()
	b.vals["sign_articles_per_s_core"] = na / (r.Normalize + r.Sign).Seconds()
	b.vals["words_per_article"] = float64(r.Tokens) / na
	b.vals["sign_600w_articles_per_s_core"] = float64(r.Tokens) / 600 / (r.Normalize + r.Sign).Seconds()
	b.vals["featurize_s"] = r.Featurize.Seconds()
	b.vals["candidates_s"] = r.Candidates.Seconds()
	b.vals["verify_s"] = r.Verify.Seconds()
	b.vals["cluster_copy_s"] = r.Cluster.Seconds()
	b.vals["lsh_candidates_per_article"] = float64(len(r.Pairs)) / na
	b.vals["verified_per_article"] = float64(r.Verified) / na
	if r.Articles <= bruteMax {
		start := time.Now()
		all := benchmarks.AllPairs(r.Docs, p.Options.Thresholds.Copy)
		b.vals["brute_s"] = time.Since(start).Seconds()
		b.vals["brute_pairs_per_article"] = float64(len(all)) / na
		b.vals["lsh_recall"] = benchmarks.Recall(all, r.Pairs)
	}
	return nil
}

// full times dedup with the bleve index at all levels, then queries.
func (b *benchRun) full(queries int) error {
	ixDir := filepath.Join(b.dir, "index-full")
	if err := os.RemoveAll(ixDir); err != nil {
		return err
	}
	defer os.RemoveAll(ixDir)
	start := time.Now()
	gr, err := group(b.quiet(), []string{b.articles()}, readFlags{strict: true},
		groupFlags{level: "story", indexDir: ixDir}, false)
	if err != nil {
		return err
	}
	wall := time.Since(start)
	b.vals["full_rss_mb"] = peakRSSMB()
	na := float64(len(gr.Docs))
	b.vals["full_wall_s"] = wall.Seconds()
	b.vals["full_articles_per_s"] = na / wall.Seconds()
	b.vals["full_load_s"] = gr.Load.Seconds()
	rest := wall - gr.Load
	for _, t := range gr.Groups.Timings {
		b.vals["full_"+strings.ReplaceAll(t.Stage, "-", "_")+"_s"] = t.Took.Seconds()
		rest -= t.Took
	}
	b.vals["full_write_groups_s"] = rest.Seconds()
	b.vals["mlt_candidates_per_article"] = float64(len(gr.Groups.MLTPairs)) / na
	size, err := dirSize(ixDir)
	if err != nil {
		return err
	}
	b.vals["index_bytes_per_article"] = float64(size) / na
	for l, level := range benchmarks.Levels {
		gold, err := b.gold(level)
		if err != nil {
			return err
		}
		s := benchmarks.Score(gold, gr.Docs, gr.Groups.Labels[l])
		b.vals[level+"_pair_f1"] = s.Pairwise.F1
		b.vals[level+"_b3_f1"] = s.BCubed.F1
	}
	ids := make([]string, 0, queries)
	for k := range min(queries, len(gr.Docs)) {
		ids = append(ids, gr.Docs[k*len(gr.Docs)/queries].ID)
	}
	gr = nil
	return b.latency(ixDir, ids)
}

// latency times full-text searches (three words of a title) and similar
// lookups (an indexed ID), as the search and similar commands run them,
// output aside.
func (b *benchRun) latency(ixDir string, ids []string) error {
	ix, err := index.Open(ixDir, index.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer ix.Close()
	f, err := newFinder(ix)
	if err != nil {
		return err
	}
	marks := index.Marks{Before: "«", After: "»"}
	var search, similar []time.Duration
	for _, id := range ids {
		t0 := time.Now()
		ent, err := ix.Get(id)
		if err != nil {
			return err
		}
		if _, err := f.Find(&ent.Article, true, 50); err != nil {
			return err
		}
		similar = append(similar, time.Since(t0))
		words := strings.Fields(ent.Article.Title)
		q := strings.Join(words[:min(3, len(words))], " ")
		t0 = time.Now()
		if _, err := ix.Search(index.Query{Text: q, Size: 10, Marks: &marks}); err != nil {
			return err
		}
		search = append(search, time.Since(t0))
	}
	b.vals["search_p50_ms"], b.vals["search_p99_ms"] = percentiles(search)
	b.vals["similar_p50_ms"], b.vals["similar_p99_ms"] = percentiles(similar)
	return nil
}

// percentiles returns the 50th and 99th percentiles in milliseconds
// (nearest rank).
func percentiles(ds []time.Duration) (float64, float64) {
	if len(ds) == 0 {
		return 0, 0
	}
	slices.Sort(ds)
	rank := func(p float64) float64 {
		k := int(p*float64(len(ds))+0.999999) - 1
		return float64(ds[max(0, min(k, len(ds)-1))]) / 1e6
	}
	return rank(0.50), rank(0.99)
}

// benchAdds is how many articles the add mode holds out and adds.
const benchAdds = 100

// add holds out the last adds articles of the corpus, groups the others
// into an index as dedup does, then adds the held-out ones one by one as
// 'similar --add' does. It reports the time per added article and, per
// level, the pairwise precision and recall of each added article with
// the others against the truth: whether it joined the right group.
func (b *benchRun) add(adds int) error {
	adds = min(adds, b.n/10)
	if adds < 1 {
		return fmt.Errorf("bench add: %d articles are too few to hold %d out", b.n, adds)
	}
	base := filepath.Join(b.dir, "add-base.jsonl")
	ixDir := filepath.Join(b.dir, "index-add")
	if err := os.RemoveAll(ixDir); err != nil {
		return err
	}
	defer os.Remove(base)
	defer os.RemoveAll(ixDir)
	news, err := splitTail(b.articles(), base, adds)
	if err != nil {
		return err
	}
	start := time.Now()
	if _, err := group(b.quiet(), []string{base}, readFlags{strict: true},
		groupFlags{level: "story", indexDir: ixDir}, false); err != nil {
		return err
	}
	b.vals["add_base_wall_s"] = time.Since(start).Seconds()
	s, err := dedup.DefaultScheme()
	if err != nil {
		return err
	}
	ix, err := index.Open(ixDir, index.Options{Meta: s.Meta()})
	if err != nil {
		return err
	}
	defer ix.Close()
	gi, err := loadGroups(ix)
	if err != nil {
		return err
	}
	f, err := newFinder(ix)
	if err != nil {
		return err
	}
	w, err := ix.NewWriter()
	if err != nil {
		return err
	}
	ad := neardup.NewAdder(f, w, gi)
	var took []time.Duration
	start = time.Now()
	for i := range news {
		t0 := time.Now()
		hits, err := f.Find(&news[i], false, 50)
		if err != nil {
			return err
		}
		if _, err := ad.Add(&news[i], hits); err != nil {
			return err
		}
		took = append(took, time.Since(t0))
	}
	b.vals["add_articles_per_s"] = float64(len(news)) / time.Since(start).Seconds()
	b.vals["add_p50_ms"], b.vals["add_p99_ms"] = percentiles(took)
	for l, level := range benchmarks.Levels {
		gold, err := b.gold(level)
		if err != nil {
			return err
		}
		byGold := map[string][]string{}
		for id, c := range gold {
			byGold[c] = append(byGold[c], id)
		}
		var tp, pred, want int
		for _, a := range news {
			lab, size := gi.Group(a.ID, cluster.Level(l))
			pred += size - 1
			want += len(byGold[gold[a.ID]]) - 1
			for _, m := range gi.Members(cluster.Level(l), lab) {
				if m != a.ID && gold[m] == gold[a.ID] {
					tp++
				}
			}
		}
		b.vals["add_"+level+"_pair_p"] = ratioOr1(tp, pred)
		b.vals["add_"+level+"_pair_r"] = ratioOr1(tp, want)
	}
	return nil
}

// ratioOr1 is num/den, or 1 when den is 0 (nothing to get wrong).
func ratioOr1(num, den int) float64 {
	if den == 0 {
		return 1
	}
	return float64(num) / float64(den)
}

// splitTail writes all but the last n lines of the JSON-lines file path
// to head and returns the articles of the last n. It streams: a corpus
// of a million articles is not held in memory.
func splitTail(path, head string, n int) (news []corpus.Article, err error) {
	tail, err := splitTailLines(path, head, n)
	if err != nil {
		return nil, err
	}
	_, err = corpus.Read([]string{"-"}, corpus.Options{Stdin: tail}, func(a corpus.Article) error {
		news = append(news, a)
		return nil
	})
	return news, err
}

// splitTailLines writes all but the last n lines of the JSON-lines file
// path to head and returns the last n.
func splitTailLines(path, head string, n int) (_ *bytes.Buffer, err error) {
	in, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	out, err := os.Create(head)
	if err != nil {
		return nil, err
	}
	defer func() {
		if cerr := out.Close(); err == nil {
			err = cerr
		}
	}()
	w := bufio.NewWriter(out)
	ring := make([][]byte, n) // the last n lines read, oldest at next
	next, lines := 0, 0
	sc := bufio.NewScanner(in)
	sc.Buffer(nil, corpus.DefaultMaxRecordBytes+1)
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		if lines >= n {
			if _, err := w.Write(append(ring[next], '\n')); err != nil {
				return nil, err
			}
		}
		ring[next] = append(ring[next][:0], sc.Bytes()...)
		next = (next + 1) % n
		lines++
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("bench add: %s: %w", path, err)
	}
	if lines <= n {
		return nil, fmt.Errorf("bench add: %s has %d lines, want more than %d", path, lines, n)
	}
	if err := w.Flush(); err != nil {
		return nil, err
	}
	var tail bytes.Buffer
	for k := range n {
		tail.Write(ring[(next+k)%n])
		tail.WriteByte('\n')
	}
	return &tail, nil
}

// bleveOnly indexes the corpus into bleve with the index package's mapping
// and no near-duplicate work: no features, empty signatures; or, with
// sig, with the copy-level signature of every article (computed on the
// reading goroutine), as the full pipeline stores it.
func (b *benchRun) bleveOnly(sig bool) error {
	prefix, ixDir := "bleve_", filepath.Join(b.dir, "index-bleve")
	if sig {
		prefix, ixDir = "bleve_sig_", filepath.Join(b.dir, "index-bleve-sig")
	}
	if err := os.RemoveAll(ixDir); err != nil {
		return err
	}
	defer os.RemoveAll(ixDir)
	start := time.Now()
	s, err := dedup.DefaultScheme()
	if err != nil {
		return err
	}
	f := s.NewFeaturizer()
	ix, err := index.Open(ixDir, index.Options{Create: true, Meta: s.Meta()})
	if err != nil {
		return err
	}
	w, err := ix.NewWriter()
	if err != nil {
		ix.Close()
		return err
	}
	err = benchmarks.FileReader(b.articles())(func(a corpus.Article) error {
		e := index.Entry{Article: a}
		if sig {
			e.Signature = f.CopyOnly(&a).Sig
		}
		return w.Add(e)
	})
	if err == nil {
		err = w.Flush()
	}
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	wall := time.Since(start).Seconds()
	b.vals[prefix+"rss_mb"] = peakRSSMB()
	b.vals[prefix+"wall_s"] = wall
	b.vals[prefix+"articles_per_s"] = float64(b.n) / wall
	size, err := dirSize(ixDir)
	if err != nil {
		return err
	}
	b.vals[prefix+"bytes_per_article"] = float64(size) / float64(b.n)
	return nil
}

func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			n += info.Size()
		}
		return nil
	})
	return n, err
}

// peakRSSMB returns this process's peak resident set size (VmHWM) in MB,
// or 0 where /proc is missing.
func peakRSSMB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			if f := strings.Fields(rest); len(f) > 0 {
				if kb, err := strconv.ParseFloat(f[0], 64); err == nil {
					return kb / 1024
				}
			}
		}
	}
	return 0
}

package benchmarks

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/eval"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/internal/tmpfile"
	"github.com/wirediff/wirediff/neardup"
)

// This file is the harness of 'wirediff bench run': it measures the
// library as the corpus grows, one measurement (a mode) at a time, each
// in a process of its own so that its peak RSS is its own.

// Modes are the measurements of a [Sweep], in the order they run (see
// [ModeHelp]).
var Modes = []string{"copy", "stages", "full", "add", "incr", "bleve", "bleve-sig"}

// ParseModes parses a comma-separated list of [Modes]: "copy,full".
func ParseModes(list string) ([]string, error) {
	modes := strings.Split(list, ",")
	for _, m := range modes {
		if !slices.Contains(Modes, m) {
			return nil, fmt.Errorf("unknown mode %q (want %s)", m, strings.Join(Modes, ", "))
		}
	}
	return modes, nil
}

// MinArticles is the smallest corpus a mode measures, for the modes that
// hold out part of it: add a tenth, incr a twentieth.
var MinArticles = map[string]int{"add": 10, "incr": 20}

// CheckSizes returns an error naming the first size too small for one of
// modes (see [MinArticles]), so that a sweep fails before it measures
// anything rather than midway.
func CheckSizes(sizes []int, modes []string) error {
	for _, n := range sizes {
		for _, m := range Modes {
			if least := MinArticles[m]; slices.Contains(modes, m) && n < least {
				return fmt.Errorf("%s: the %s mode needs %d articles or more (leave it out with --modes)",
					SizeName(n), m, least)
			}
		}
	}
	return nil
}

// ModeHelp says what each of [Modes] measures, as 'wirediff bench run
// --help' lists them.
const ModeHelp = `  copy    dedup --no-index --level copy: wall time, RSS, copy quality
  stages  the copy level stage by stage (read, normalize, sign, LSH
          candidates, verification, clustering) and, up to --brute-max
          articles, brute-force all-pairs Jaccard with the recall of LSH
  full    dedup with the bleve index and all three levels: stage times,
          index size, quality per level, then search and similar latency
  add     holds out the corpus's last 100 articles (a tenth below 1k;
          10 articles or more), groups the rest into an index, then
          adds those one by one as 'similar --add' does: time per
          article, and how its groups agree with the truth
  incr    holds out the corpus's last 1,000 articles (5% below 20k; 20
          articles or more), groups the rest into an index, then adds them in one
          incremental 'dedup' (a child process: wall time, peak RSS),
          then regroups the same index in full ('dedup --full'): how the
          incremental groups agree with the full ones, per level, and
          the quality of both against the truth
  bleve   bleve indexing alone (same mapping, empty signatures)
  bleve-sig
          bleve indexing with the copy-level signature stored, as the
          full pipeline stores it, no grouping: what the near-duplicate
          fields cost bleve
`

// Measurement is one mode over one corpus directory (see [WriteCorpus]).
type Measurement struct {
	Mode   string
	Corpus string
	// BruteMax is the largest corpus brute force runs on (stages).
	BruteMax int
	// Queries is the number of searches and similar lookups timed (full).
	Queries int
	// Wirediff is the wirediff executable, for the modes that run its
	// commands (incr); "" is this process's own executable.
	Wirediff string
}

// Sweep measures every mode of Modes at every size of Sizes.
type Sweep struct {
	Sizes []int
	Modes []string
	Seed  uint64
	// Data holds the generated corpora (kept: later sweeps reuse them)
	// and scratch indexes; Out gets results.csv and the plots.
	Data, Out string
	BruteMax  int
	Queries   int
	// Log gets progress and warnings.
	Log io.Writer
	// Measure runs one measurement, in a child process of its own (its
	// peak RSS is its own), and returns its figures: what [Measure]
	// returns there. Nil is [InChild] of this process's executable.
	Measure func(Measurement) (map[string]float64, error)
}

// Run generates the corpora it lacks (a directory of Data holding another
// corpus is [ErrCorpusMismatch], before anything is written), measures, merges the figures into
// Out/results.csv (sizes and columns not measured keep their earlier
// values; the file is saved after every measurement, so a long sweep can
// be stopped), draws the plots and returns the merged figures. An empty
// Out is a new directory under the system's temporary directory; Run
// names Out on Log before it measures.
func (sw Sweep) Run() (Results, error) {
	for _, m := range sw.Modes {
		if !slices.Contains(Modes, m) {
			return nil, fmt.Errorf("benchmarks: unknown mode %q (want %s)", m, strings.Join(Modes, ", "))
		}
	}
	if err := CheckSizes(sw.Sizes, sw.Modes); err != nil {
		return nil, fmt.Errorf("benchmarks: %w", err)
	}
	// A corpus of another seed where one would be generated fails the
	// sweep before it writes anything.
	for _, n := range sw.Sizes {
		_, err := OpenCorpus(filepath.Join(sw.Data, SizeName(n)), GenConfig{Articles: n, Seed: sw.Seed})
		if errors.Is(err, ErrCorpusMismatch) {
			return nil, err
		}
	}
	if sw.Out == "" {
		var err error
		if sw.Out, err = os.MkdirTemp("", "wirediff-bench-results-"); err != nil {
			return nil, err
		}
	} else if err := os.MkdirAll(sw.Out, 0o755); err != nil {
		return nil, err
	}
	if sw.Measure == nil {
		exe, err := os.Executable()
		if err != nil {
			return nil, fmt.Errorf("benchmarks: the executable to measure in: %w", err)
		}
		sw.Measure = InChild(exe, sw.Log)
	}
	fmt.Fprintf(sw.Log, "wirediff: bench run: results go to %s\n", sw.Out)
	csvPath := filepath.Join(sw.Out, "results.csv")
	res, err := ReadResultsFile(csvPath)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	if res == nil {
		res = Results{}
	}
	for _, n := range sw.Sizes {
		dir := filepath.Join(sw.Data, SizeName(n))
		if _, err := EnsureCorpus(dir, GenConfig{Articles: n, Seed: sw.Seed}, sw.Log); err != nil {
			return nil, err
		}
		for _, m := range Modes {
			if !slices.Contains(sw.Modes, m) {
				continue
			}
			fmt.Fprintf(sw.Log, "wirediff: bench %s, %d articles\n", m, n)
			vals, err := sw.Measure(Measurement{Mode: m, Corpus: dir, BruteMax: sw.BruteMax, Queries: sw.Queries})
			if err != nil {
				return nil, fmt.Errorf("bench %s at %d articles: %w", m, n, err)
			}
			for k, v := range vals {
				res.Set(n, k, v)
			}
			res.Derive()
			if err := writeResults(csvPath, res); err != nil {
				return nil, err
			}
		}
	}
	return res, PlotResults(res, sw.Out, sw.Log)
}

// Measure runs one measurement in this process and returns its figures,
// named as the columns of results.csv. Input problems go to log.
func Measure(m Measurement, log io.Writer) (map[string]float64, error) {
	if !slices.Contains(Modes, m.Mode) {
		return nil, fmt.Errorf("benchmarks: unknown mode %q (want %s)", m.Mode, strings.Join(Modes, ", "))
	}
	info, err := OpenCorpus(m.Corpus, GenConfig{})
	if err != nil {
		return nil, err
	}
	b := &benchRun{log: log, dir: m.Corpus, n: info.Articles, vals: map[string]float64{}}
	switch m.Mode {
	case "copy":
		err = b.copyLevel()
	case "stages":
		err = b.stages(m.BruteMax)
	case "full":
		err = b.full(m.Queries)
	case "add":
		err = b.add(benchAdds)
	case "incr":
		err = b.incremental(m.Wirediff, benchIncrAdds)
	case "bleve":
		err = b.bleveOnly(false)
	case "bleve-sig":
		err = b.bleveOnly(true)
	}
	if err != nil {
		return nil, err
	}
	return b.vals, nil
}

// ReadResultsFile reads a results CSV (an error wrapping fs.ErrNotExist
// when there is none).
func ReadResultsFile(path string) (Results, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	res, err := ReadCSV(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return res, nil
}

// PlotResults rewrites OUT/results.csv with the derived columns and
// draws the plots, naming the files written on log. The columns of the
// file [Columns] does not name (notes a user added) are kept as they
// are, after wirediff's own.
func PlotResults(res Results, out string, log io.Writer) error {
	res.Derive()
	csvPath := filepath.Join(out, "results.csv")
	if err := writeResults(csvPath, res); err != nil {
		return err
	}
	files, err := res.Plot(out)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		fmt.Fprintf(log, "wirediff: wrote %s (no plot: the modes measured have no figure the plots draw)\n", csvPath)
		return nil
	}
	fmt.Fprintf(log, "wirediff: wrote %s and %s\n", csvPath, strings.Join(files, ", "))
	return nil
}

// writeResults replaces the results file at path with res, keeping the
// columns of the file it replaces that [Columns] does not name, by size;
// a file that does not read is not written over. The file is replaced
// atomically, so that an interrupted write leaves the earlier results.
func writeResults(path string, res Results) error {
	var extra extraColumns
	if f, err := os.Open(path); err == nil {
		_, extra, err = readCSV(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w (not written over)", path, err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	var buf bytes.Buffer
	if err := res.writeCSV(&buf, extra); err != nil {
		return err
	}
	return tmpfile.Replace(path, buf.Bytes())
}

// SizeName names a size as [ParseSize] reads it: 1k, 10k, 1m, 2500.
func SizeName(n int) string {
	switch {
	case n%1000000 == 0:
		return strconv.Itoa(n/1000000) + "m"
	case n%1000 == 0:
		return strconv.Itoa(n/1000) + "k"
	}
	return strconv.Itoa(n)
}

// benchRun is one measurement over one corpus directory.
type benchRun struct {
	log  io.Writer
	dir  string
	n    int
	vals map[string]float64
	// stages are the stage times of the last child run with --timings (see child).
	stageTimes map[string]float64
}

func (b *benchRun) articles() string { return filepath.Join(b.dir, ArticlesFile) }

func (b *benchRun) gold(level string) (eval.Clustering, error) {
	return eval.ReadClusteringFile(filepath.Join(b.dir, GoldFile(level)))
}

// group runs the batch as 'wirediff dedup' does, with the default
// options: in memory at the copy level alone (copyOnly), or into a new
// index in ixDir at every level. Skipped input goes to the log.
func (b *benchRun) group(path string, copyOnly bool, ixDir string) (_ *dedup.Result, err error) {
	opt := dedup.Options{Cluster: cluster.DefaultOptions()}
	opt.Cluster.CopyOnly = copyOnly
	if ixDir != "" {
		ix, err := openIndex(ixDir, true)
		if err != nil {
			return nil, err
		}
		defer func() {
			// The commit the next mode's reader opens.
			if cerr := ix.Close(); err == nil {
				err = cerr
			}
		}()
		opt.Index = ix
	}
	src := dedup.Source{Paths: []string{path}, Read: corpus.Options{OnProblem: func(p corpus.Problem) {
		fmt.Fprintf(b.log, "wirediff: skipped %v\n", p)
	}}}
	return dedup.Run(context.Background(), src, opt)
}

// openIndex opens (or creates) the index in dir signed as wirediff signs.
func openIndex(dir string, create bool) (*index.Index, error) {
	return dedup.OpenIndex(dir, index.Options{Create: create})
}

// newFinder returns the near-duplicate finder over ix.
func newFinder(ix *index.Index) (*neardup.Finder, error) {
	s, err := dedup.SchemeOf(ix.Meta())
	if err != nil {
		return nil, err
	}
	return neardup.NewFinder(ix, s.Shingle, s.Hasher, s.Bands)
}

// copyLevel times what "dedup --no-index --level copy" does.
func (b *benchRun) copyLevel() error {
	start := time.Now()
	gr, err := b.group(b.articles(), true, "")
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
	b.vals["copy_noindex_b3_f1"] = Score(gold, gr.Docs, gr.Groups.Labels[cluster.Copy]).BCubed.F1
	return nil
}

// stages times the copy level stage by stage, and brute force.
func (b *benchRun) stages(bruteMax int) error {
	read := FileReader(b.articles())
	p, err := DefaultParams()
	if err != nil {
		return err
	}
	r, err := RunCopy(read, p)
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
		all := AllPairs(r.Docs, p.Options.Thresholds.Copy)
		b.vals["brute_s"] = time.Since(start).Seconds()
		b.vals["brute_pairs_per_article"] = float64(len(all)) / na
		b.vals["lsh_recall"] = r.Recall(all)
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
	gr, err := b.group(b.articles(), false, ixDir)
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
	b.vals["mlt_candidates_per_article"] = float64(gr.Pairs[1]) / na
	size, err := dirSize(ixDir)
	if err != nil {
		return err
	}
	b.vals["index_bytes_per_article"] = float64(size) / na
	for l, level := range Levels {
		gold, err := b.gold(level)
		if err != nil {
			return err
		}
		s := Score(gold, gr.Docs, gr.Groups.Labels[l])
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
	if err := CheckSizes([]int{b.n}, []string{"add"}); err != nil {
		return fmt.Errorf("bench add: %w", err)
	}
	adds = min(adds, b.n/10)
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
	if _, err := b.group(base, false, ixDir); err != nil {
		return err
	}
	b.vals["add_base_wall_s"] = time.Since(start).Seconds()
	ix, err := openIndex(ixDir, false)
	if err != nil {
		return err
	}
	defer ix.Close()
	gi, err := ix.Grouping()
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
	for l, level := range Levels {
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
	err = FileReader(b.articles())(func(a corpus.Article) error {
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

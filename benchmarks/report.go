package benchmarks

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"text/tabwriter"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
)

// Results are corpus-growth figures: for each corpus size (articles), the
// value of each measured column (see [Columns]). A column not measured at
// a size is absent.
type Results map[int]map[string]float64

// Column is one figure of [Results].
type Column struct{ Name, Help string }

// Columns are the figures "wirediff bench run" measures, in CSV order.
// Times are wall-clock seconds unless they say cpu; rates are articles per
// second; memory is the peak resident set size (VmHWM) of the process
// that ran the measurement, in MB.
var Columns = []Column{
	{"articles", "corpus size"},
	// wirediff dedup --no-index --level copy (the command's own code path)
	{"copy_wall_s", "dedup --no-index --level copy: read to groups"},
	{"copy_articles_per_s", "its throughput"},
	{"copy_us_per_article", "its wall time per article, µs"},
	{"copy_rss_mb", "its peak RSS"},
	{"copy_live_heap_mb", "its live heap after grouping (what GC cannot free)"},
	{"copy_noindex_b3_f1", "its B-cubed F1 at the copy level"},
	// The copy level stage by stage
	{"read_s", "corpus.Read alone (JSON lines, metadata extraction)"},
	{"read_articles_per_s", "its throughput"},
	{"normalize_cpu_s", "tokenize and normalize, CPU summed over workers"},
	{"sign_cpu_s", "3-shingles, MinHash (128), LSH band keys, CPU summed over workers"},
	{"sign_articles_per_s_core", "normalize + sign throughput per core (thread CPU time)"},
	{"words_per_article", "body tokens per article"},
	{"sign_600w_articles_per_s_core", "the same in 600-word articles per second per core"},
	{"featurize_s", "read (one core), then normalize and sign (all cores)"},
	{"candidates_s", "LSH candidate pairs"},
	{"verify_s", "exact Jaccard of the candidate pairs"},
	{"cluster_copy_s", "average-link grouping of the verified pairs"},
	{"lsh_candidates_per_article", "LSH candidate pairs per article"},
	{"verified_per_article", "candidate pairs at Jaccard >= 0.5 per article"},
	{"stages_rss_mb", "peak RSS of the stage run"},
	// Brute force
	{"brute_s", "all-pairs exact Jaccard (only up to the --brute-max size)"},
	{"brute_pairs_per_article", "pairs at Jaccard >= 0.5 per article"},
	{"lsh_recall", "share of those pairs among the LSH candidates"},
	{"lsh_verify_s", "candidates_s + verify_s"},
	{"lsh_speedup", "brute_s / lsh_verify_s"},
	// wirediff dedup with the bleve index, all three levels
	{"full_wall_s", "dedup with the index: read to groups written"},
	{"full_articles_per_s", "its throughput"},
	{"full_rss_mb", "its peak RSS"},
	{"full_load_s", "read, all features and bleve indexing"},
	{"full_candidates_lsh_s", "LSH candidate pairs"},
	{"full_cluster_copy_s", "copy verification and grouping"},
	{"full_candidates_mlt_s", "more-like-this candidates (rewrite and story)"},
	{"full_cluster_rewrite_s", "rewrite grouping"},
	{"full_cluster_story_s", "story grouping"},
	{"full_score_pairs_s", "every candidate pair scored, features read from disk (the streamed run)"},
	{"full_cluster_components_s", "each component grouped at the three levels (the streamed run)"},
	{"full_write_groups_s", "groups written to the index"},
	{"mlt_candidates_per_article", "more-like-this candidate pairs per article"},
	{"index_bytes_per_article", "index size on disk per article"},
	// Articles added one by one to an index of the rest ('similar --add')
	{"add_base_wall_s", "dedup with the index of all but the last 100 articles"},
	{"add_articles_per_s", "the last 100 added one by one: find, place, index"},
	{"add_p50_ms", "time to add one article, median"},
	{"add_p99_ms", "time to add one article, 99th percentile"},
	{"add_copy_pair_p", "added articles: pairwise precision with the others, copy level"},
	{"add_copy_pair_r", "added articles: pairwise recall, copy level"},
	{"add_rewrite_pair_p", "added articles: pairwise precision, rewrite level"},
	{"add_rewrite_pair_r", "added articles: pairwise recall, rewrite level"},
	{"add_story_pair_p", "added articles: pairwise precision, story level"},
	{"add_story_pair_r", "added articles: pairwise recall, story level"},
	// An incremental dedup of the last articles into an index of the rest
	{"incr_adds", "incremental dedup: articles held out and added (1,000, or 5% below 20k)"},
	{"incr_base_wall_s", "dedup of the rest into a new index (full)"},
	{"incr_base_cpu_s", "its CPU time (user + system)"},
	{"incr_base_rss_mb", "its peak RSS"},
	{"incr_base_read_s", "its stages (dedup --timings): reading and featurizing the articles (bleve indexes them beside the later stages)"},
	{"incr_base_candidates_lsh_s", "LSH candidate pairs"},
	{"incr_base_candidates_mlt_s", "more-like-this candidates (rewrite and story)"},
	{"incr_base_score_pairs_s", "every candidate pair scored, features read from disk"},
	{"incr_base_cluster_components_s", "each component grouped at the three levels"},
	{"incr_base_index_s", "waiting for bleve indexing to end after grouping"},
	{"incr_wall_s", "the incremental dedup of the held-out articles"},
	{"incr_cpu_s", "its CPU time (user + system)"},
	{"incr_rss_mb", "its peak RSS"},
	{"incr_per_article_ms", "incr_wall_s per added article"},
	{"incr_full_wall_s", "dedup --full of the same index afterwards"},
	{"incr_full_cpu_s", "its CPU time (user + system)"},
	{"incr_full_rss_mb", "its peak RSS"},
	{"incr_copy_agree_p", "incremental against full groups: pairwise precision, copy level"},
	{"incr_copy_agree_r", "incremental against full groups: pairwise recall, copy level"},
	{"incr_copy_pair_f1", "incremental groups against the truth: pairwise F1, copy level"},
	{"incr_full_copy_pair_f1", "full groups against the truth: pairwise F1, copy level"},
	{"incr_copy_bcubed_f1", "incremental groups against the truth: B-cubed F1, copy level"},
	{"incr_full_copy_bcubed_f1", "full groups against the truth: B-cubed F1, copy level"},
	{"incr_rewrite_agree_p", "incremental against full groups: pairwise precision, rewrite level"},
	{"incr_rewrite_agree_r", "incremental against full groups: pairwise recall, rewrite level"},
	{"incr_rewrite_pair_f1", "incremental groups against the truth: pairwise F1, rewrite level"},
	{"incr_full_rewrite_pair_f1", "full groups against the truth: pairwise F1, rewrite level"},
	{"incr_rewrite_bcubed_f1", "incremental groups against the truth: B-cubed F1, rewrite level"},
	{"incr_full_rewrite_bcubed_f1", "full groups against the truth: B-cubed F1, rewrite level"},
	{"incr_story_agree_p", "incremental against full groups: pairwise precision, story level"},
	{"incr_story_agree_r", "incremental against full groups: pairwise recall, story level"},
	{"incr_story_pair_f1", "incremental groups against the truth: pairwise F1, story level"},
	{"incr_full_story_pair_f1", "full groups against the truth: pairwise F1, story level"},
	{"incr_story_bcubed_f1", "incremental groups against the truth: B-cubed F1, story level"},
	{"incr_full_story_bcubed_f1", "full groups against the truth: B-cubed F1, story level"},
	// Baseline: bleve alone
	{"bleve_wall_s", "bleve indexing alone (same mapping, empty signatures)"},
	{"bleve_articles_per_s", "its throughput"},
	{"bleve_rss_mb", "its peak RSS"},
	{"bleve_bytes_per_article", "its index size per article"},
	{"bleve_sig_wall_s", "bleve indexing with signatures stored, no grouping"},
	{"bleve_sig_articles_per_s", "its throughput"},
	{"bleve_sig_rss_mb", "its peak RSS"},
	{"bleve_sig_bytes_per_article", "its index size per article"},
	{"full_vs_bleve", "full_articles_per_s / bleve_articles_per_s"},
	// Queries on the full index
	{"search_p50_ms", "full-text search, median latency"},
	{"search_p99_ms", "full-text search, 99th percentile"},
	{"similar_p50_ms", "similar ID, median latency"},
	{"similar_p99_ms", "similar ID, 99th percentile"},
	// Quality of the full run against the generator's truth
	{"copy_pair_f1", "pairwise F1, copy level"},
	{"copy_b3_f1", "B-cubed F1, copy level"},
	{"rewrite_pair_f1", "pairwise F1, rewrite level"},
	{"rewrite_b3_f1", "B-cubed F1, rewrite level"},
	{"story_pair_f1", "pairwise F1, story level"},
	{"story_b3_f1", "B-cubed F1, story level"},
}

// ErrResults reports a malformed results CSV.
var ErrResults = errors.New("malformed results")

// Sizes returns the sizes of r in increasing order.
func (r Results) Sizes() []int {
	out := make([]int, 0, len(r))
	for n := range r {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// Set records value v of column name at size n.
func (r Results) Set(n int, name string, v float64) {
	if r[n] == nil {
		r[n] = map[string]float64{"articles": float64(n)}
	}
	r[n][name] = v
}

// Merge copies every value of o into r.
func (r Results) Merge(o Results) {
	for n, row := range o {
		for k, v := range row {
			r.Set(n, k, v)
		}
	}
}

// WriteCSV writes r with one row per size and one column per [Columns]
// entry; unmeasured values are empty.
func (r Results) WriteCSV(w io.Writer) error {
	return r.writeCSV(w, extraColumns{})
}

// extraColumns are the columns of a results file that [Columns] does not
// name (notes a user added), as the file holds them, by size.
type extraColumns struct {
	head []string
	rows map[int][]string
}

// writeCSV writes r as WriteCSV does, then the columns of extra, empty
// at a size extra does not hold.
func (r Results) writeCSV(w io.Writer, extra extraColumns) error {
	cw := csv.NewWriter(w)
	head := make([]string, len(Columns), len(Columns)+len(extra.head))
	for i, c := range Columns {
		head[i] = c.Name
	}
	cw.Write(append(head, extra.head...))
	for _, n := range r.Sizes() {
		rec := make([]string, len(Columns), len(head))
		for i, c := range Columns {
			if v, ok := r[n][c.Name]; ok && !math.IsNaN(v) {
				rec[i] = formatValue(v)
			}
		}
		if len(extra.head) > 0 {
			cells := extra.rows[n]
			if cells == nil {
				cells = make([]string, len(extra.head))
			}
			rec = append(rec, cells...)
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

// formatValue writes whole numbers in full and others with 6 significant
// digits.
func formatValue(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'g', 6, 64)
}

// ReadCSV reads what [Results.WriteCSV] wrote. Columns [Columns] does
// not name (notes a user added) are not read, whatever they hold; the
// results file keeps them (see [PlotResults]). A value of a column it
// names that is not a finite number, or a size given on two rows, is
// an error naming its line: either would be lost when the file is
// written again.
func ReadCSV(rd io.Reader) (Results, error) {
	r, _, err := readCSV(rd)
	return r, err
}

// readCSV reads a results file as ReadCSV does, and its extra columns.
func readCSV(rd io.Reader) (Results, extraColumns, error) {
	extra := extraColumns{rows: map[int][]string{}}
	recs, err := csv.NewReader(rd).ReadAll()
	if err != nil {
		return nil, extra, fmt.Errorf("%w: %v", ErrResults, err)
	}
	r := Results{}
	if len(recs) == 0 {
		return r, extra, nil
	}
	head := recs[0]
	col := slices.Index(head, "articles")
	if col < 0 {
		return nil, extra, fmt.Errorf("%w: no articles column", ErrResults)
	}
	known := make([]bool, len(head))
	var extras []int
	for i, name := range head {
		known[i] = slices.ContainsFunc(Columns, func(c Column) bool { return c.Name == name })
		if !known[i] {
			extras = append(extras, i)
			extra.head = append(extra.head, name)
		}
	}
	rowOf := map[int]int{} // size -> the line of its row
	for line, rec := range recs[1:] {
		f, err := strconv.ParseFloat(rec[col], 64)
		n := int(f)
		if err != nil || n <= 0 || float64(n) != f {
			return nil, extra, fmt.Errorf("%w: line %d: articles %q", ErrResults, line+2, rec[col])
		}
		if at, ok := rowOf[n]; ok {
			return nil, extra, fmt.Errorf("%w: line %d: articles %d again (line %d)", ErrResults, line+2, n, at)
		}
		rowOf[n] = line + 2
		for i, s := range rec {
			if s == "" || !known[i] {
				continue
			}
			v, err := strconv.ParseFloat(s, 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, extra, fmt.Errorf("%w: line %d: %s %q", ErrResults, line+2, head[i], s)
			}
			r.Set(n, head[i], v)
		}
		if len(extras) > 0 {
			cells := make([]string, len(extras))
			for k, i := range extras {
				cells[k] = rec[i]
			}
			extra.rows[n] = cells
		}
	}
	return r, extra, nil
}

// series is one line of a plot: a column (scaled) against size.
type series struct {
	label, column string
	scale         float64
}

// Derive computes the columns that combine others, at every size.
func (r Results) Derive() {
	for _, row := range r {
		if f, b := row["full_articles_per_s"], row["bleve_articles_per_s"]; f > 0 && b > 0 {
			row["full_vs_bleve"] = f / b
		}
		c, ok1 := row["candidates_s"]
		v, ok2 := row["verify_s"]
		if ok1 && ok2 {
			row["lsh_verify_s"] = c + v
			if bf, ok := row["brute_s"]; ok && c+v > 0 {
				row["lsh_speedup"] = bf / (c + v)
			}
		}
	}
}

// Plot draws r into dir as time.png, stages.png, memory.png and
// quality.png, each against corpus size on a log axis, and returns the
// files written.
func (r Results) Plot(dir string) ([]string, error) {
	figs := []struct {
		file, title, y string
		logY           bool
		lines          []series
	}{
		{"time.png", "Wall time", "seconds", true, []series{
			{"dedup --no-index --level copy", "copy_wall_s", 1},
			{"dedup, bleve index, 3 levels", "full_wall_s", 1},
			{"bleve indexing alone", "bleve_wall_s", 1},
			{"bleve with signatures", "bleve_sig_wall_s", 1},
			{"brute-force all pairs (copy)", "brute_s", 1},
			{"LSH candidates + verification", "lsh_verify_s", 1},
		}},
		{"stages.png", "Time per article by stage", "µs per article (wall, or CPU per core)", true, []series{
			{"read", "read_s", 1e6},
			{"normalize (CPU)", "normalize_cpu_s", 1e6},
			{"sign (CPU)", "sign_cpu_s", 1e6},
			{"LSH candidates", "candidates_s", 1e6},
			{"verification", "verify_s", 1e6},
			{"copy clustering", "cluster_copy_s", 1e6},
			{"bleve indexing alone", "bleve_wall_s", 1e6},
			{"more-like-this candidates", "full_candidates_mlt_s", 1e6},
			{"rewrite clustering", "full_cluster_rewrite_s", 1e6},
			{"story clustering", "full_cluster_story_s", 1e6},
			{"pair scoring (streamed)", "full_score_pairs_s", 1e6},
			{"component grouping (streamed)", "full_cluster_components_s", 1e6},
		}},
		{"memory.png", "Peak resident memory", "MB", true, []series{
			{"dedup --no-index --level copy", "copy_rss_mb", 1},
			{"dedup, bleve index, 3 levels", "full_rss_mb", 1},
			{"bleve indexing alone", "bleve_rss_mb", 1},
		}},
		{"quality.png", "Quality against the generator's truth", "F1", false, []series{
			{"copy B-cubed", "copy_b3_f1", 1},
			{"copy B-cubed, dedup --no-index", "copy_noindex_b3_f1", 1},
			{"rewrite B-cubed", "rewrite_b3_f1", 1},
			{"story B-cubed", "story_b3_f1", 1},
			{"copy pairwise", "copy_pair_f1", 1},
			{"rewrite pairwise", "rewrite_pair_f1", 1},
			{"story pairwise", "story_pair_f1", 1},
		}},
	}
	var written []string
	for _, f := range figs {
		p := plot.New()
		p.Title.Text = f.title
		p.X.Label.Text = "articles"
		p.Y.Label.Text = f.y
		p.X.Scale = plot.LogScale{}
		p.X.Tick.Marker = plot.ConstantTicks(sizeTicks(r))
		if f.logY {
			p.Y.Scale = plot.LogScale{}
			p.Y.Tick.Marker = plot.LogTicks{Prec: -1}
		}
		// Legend top right; on log axes, room is made above the lines.
		p.Legend.Top = f.logY
		p.Legend.Left = !f.logY
		var args []any
		for _, s := range f.lines {
			var pts plotter.XYs
			for _, n := range r.Sizes() {
				v, ok := r[n][s.column]
				if !ok || math.IsNaN(v) {
					continue
				}
				v *= s.scale
				if f.file == "stages.png" {
					v /= float64(n)
				}
				if f.logY && v <= 0 {
					continue
				}
				pts = append(pts, plotter.XY{X: float64(n), Y: v})
			}
			if len(pts) > 0 {
				args = append(args, s.label, pts)
			}
		}
		if len(args) == 0 {
			continue
		}
		lo, hi := math.Inf(1), math.Inf(-1)
		for k := 1; k < len(args); k += 2 {
			for _, pt := range args[k].(plotter.XYs) {
				lo, hi = min(lo, pt.Y), max(hi, pt.Y)
			}
		}
		if f.logY {
			p.Y.Min, p.Y.Max = lo/2, hi*math.Pow(hi/lo*2, 0.4)
		} else { // F1: from a round value below the lowest, legend below
			p.Y.Min = max(0, math.Floor((lo-0.15)*10)/10)
			p.Y.Max = 1.005
		}
		if err := plotutil.AddLinePoints(p, args...); err != nil {
			return written, fmt.Errorf("plot %s: %w", f.file, err)
		}
		path := filepath.Join(dir, f.file)
		if err := p.Save(8*vg.Inch, 6*vg.Inch, path); err != nil {
			return written, fmt.Errorf("plot %s: %w", f.file, err)
		}
		written = append(written, path)
	}
	return written, nil
}

// summaryColumns are the columns of the table "bench run" prints at the
// end (results.csv has them all), with their headings and formats.
var summaryColumns = []struct{ col, head, format string }{
	{"copy_articles_per_s", "COPY art/s", "%.0f"},
	{"copy_rss_mb", "COPY RSS MB", "%.0f"},
	{"full_articles_per_s", "FULL art/s", "%.0f"},
	{"full_rss_mb", "FULL RSS MB", "%.0f"},
	{"search_p50_ms", "SEARCH p50 ms", "%.1f"},
	{"similar_p50_ms", "SIMILAR p50 ms", "%.1f"},
	{"add_p50_ms", "ADD p50 ms", "%.1f"},
	{"lsh_recall", "LSH RECALL", "%.3f"},
	{"copy_b3_f1", "COPY B3 F1", "%.3f"},
	{"rewrite_b3_f1", "REWRITE B3 F1", "%.3f"},
	{"story_b3_f1", "STORY B3 F1", "%.3f"},
}

// WriteSummary prints the main figures of the sizes measured, one
// row per size; a figure not measured (its mode not run) is "-", and a
// column no size has is left out.
func (res Results) WriteSummary(w io.Writer, sizes []int) error {
	var cols []int
	for k, c := range summaryColumns {
		for _, n := range sizes {
			if _, ok := res[n][c.col]; ok {
				cols = append(cols, k)
				break
			}
		}
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "ARTICLES\t")
	for _, k := range cols {
		fmt.Fprint(tw, summaryColumns[k].head, "\t")
	}
	fmt.Fprintln(tw)
	for _, n := range sizes {
		fmt.Fprintf(tw, "%d\t", n)
		for _, k := range cols {
			v, ok := res[n][summaryColumns[k].col]
			if !ok {
				fmt.Fprint(tw, "-\t")
				continue
			}
			fmt.Fprintf(tw, summaryColumns[k].format+"\t", v)
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

// sizeTicks returns a tick at each corpus size of r, named as --sizes
// names it ("1k", "2k", "5k"): log ticks label powers of ten only, so
// the sizes of a run within one decade shared one label.
func sizeTicks(r Results) []plot.Tick {
	var ticks []plot.Tick
	for _, n := range r.Sizes() {
		ticks = append(ticks, plot.Tick{Value: float64(n), Label: SizeName(n)})
	}
	return ticks
}

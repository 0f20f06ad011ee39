package benchmarks

import (
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/eval"
)

// testCorpus writes a generated corpus of n articles into a temporary
// directory and returns the directory.
func testCorpus(t testing.TB, n int, seed uint64) string {
	t.Helper()
	dir := t.TempDir()
	_, err := WriteCorpus(dir, GenConfig{Articles: n, Seed: seed})
	require.NoError(t, err)
	return dir
}

func readAll(t testing.TB, dir string) []corpus.Article {
	t.Helper()
	var out []corpus.Article
	require.NoError(t, FileReader(filepath.Join(dir, ArticlesFile))(func(a corpus.Article) error {
		out = append(out, a)
		return nil
	}))
	return out
}

// TestRunCopyMatchesCluster: the stage-by-stage copy level gives the
// features and groups of cluster.Featurizer and cluster.Run.
func TestRunCopyMatchesCluster(t *testing.T) {
	dir := testCorpus(t, 800, 5)
	p, err := DefaultParams()
	require.NoError(t, err)
	r, err := RunCopy(FileReader(filepath.Join(dir, ArticlesFile)), p)
	require.NoError(t, err)
	require.Equal(t, 800, r.Articles)

	f := cluster.NewFeaturizer(p.Shingle, p.Hasher, p.Bands)
	arts := readAll(t, dir)
	docs := make([]cluster.Doc, len(arts))
	for i := range arts {
		docs[i] = f.CopyOnly(&arts[i])
	}
	sortDocs(docs)
	require.Len(t, r.Docs, len(docs))
	for i := range docs {
		require.Equal(t, docs[i], r.Docs[i], "doc %d", i)
	}
	opt := p.Options
	opt.CopyOnly = true
	res, err := cluster.Run(docs, p.Bands, opt)
	require.NoError(t, err)
	assert.Equal(t, res.Labels[cluster.Copy], r.Labels, "RunCopy labels differ from cluster.Run")
	assert.Equal(t, res.CopyPairs, r.Pairs)
	assert.Equal(t, res.SkippedBuckets, r.SkippedBuckets)
	assert.Positive(t, r.Verified)
	assert.LessOrEqual(t, r.Verified, len(r.Pairs))
	assert.Positive(t, r.Normalize)
	assert.Positive(t, r.Sign)
	assert.LessOrEqual(t, r.Read, r.Featurize)

	// The copy level finds the generator's copies.
	gold, err := eval.ReadClusteringFile(filepath.Join(dir, GoldFile("copy")))
	require.NoError(t, err)
	s := Score(gold, r.Docs, r.Labels)
	assert.Greater(t, s.BCubed.F1, 0.9, "copy-level B-cubed F1")
}

// TestAllPairs: brute force finds exactly the pairs at or above the
// threshold, and LSH finds most of them.
func TestAllPairs(t *testing.T) {
	dir := testCorpus(t, 200, 9)
	p, err := DefaultParams()
	require.NoError(t, err)
	r, err := RunCopy(FileReader(filepath.Join(dir, ArticlesFile)), p)
	require.NoError(t, err)
	all := AllPairs(r.Docs, 0.5)
	require.NotEmpty(t, all)
	require.True(t, slices.IsSortedFunc(all, func(a, b cluster.Edge) int {
		if a.I != b.I {
			return int(a.I - b.I)
		}
		return int(a.J - b.J)
	}), "AllPairs not sorted")
	sets := make([]map[uint32]bool, len(r.Docs))
	for i, d := range r.Docs {
		sets[i] = map[uint32]bool{}
		for _, x := range d.Shingles {
			sets[i][x] = true
		}
	}
	n := 0
	for i := range r.Docs {
		for j := i + 1; j < len(r.Docs); j++ {
			if jac(sets[i], r.Docs[j].Shingles) >= 0.5 {
				require.Less(t, n, len(all))
				require.Equal(t, cluster.Edge{I: int32(i), J: int32(j)}, all[n])
				n++
			}
		}
	}
	assert.Equal(t, len(all), n)
	assert.Greater(t, r.Recall(all), 0.8, "LSH recall")
}

// jac is the Jaccard of a set and a sorted set without duplicates, by
// map lookups: independent of similarity.Jaccard.
func jac(m map[uint32]bool, b []uint32) float64 {
	inter := 0
	union := len(m)
	for _, x := range b {
		if m[x] {
			inter++
		} else {
			union++
		}
	}
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

func TestRecall(t *testing.T) {
	e := func(i, j int32) cluster.Edge { return cluster.Edge{I: i, J: j} }
	tests := []struct {
		name       string
		truth, got []cluster.Edge
		want       float64
	}{
		{"no truth", nil, []cluster.Edge{e(0, 1)}, 1},
		{"all found", []cluster.Edge{e(0, 1), e(2, 3)}, []cluster.Edge{e(0, 1), e(1, 2), e(2, 3)}, 1},
		{"half", []cluster.Edge{e(0, 1), e(2, 3)}, []cluster.Edge{e(0, 2), e(2, 3)}, 0.5},
		{"none", []cluster.Edge{e(0, 1)}, nil, 0},
		{"same I, other J", []cluster.Edge{e(1, 5), e(1, 7)}, []cluster.Edge{e(1, 6), e(1, 7)}, 0.5},
	}
	for _, tt := range tests {
		if got := Recall(tt.truth, tt.got); got != tt.want {
			t.Errorf("%s: Recall = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestResultsCSVRoundTrip(t *testing.T) {
	r := Results{}
	r.Set(1000, "copy_wall_s", 0.25)
	r.Set(1000, "story_b3_f1", 0.99)
	r.Set(1000000, "copy_wall_s", 31.5)
	r.Set(1000000, "not_a_column", 7) // kept in memory, not written
	var buf bytes.Buffer
	require.NoError(t, r.WriteCSV(&buf))
	got, err := ReadCSV(&buf)
	require.NoError(t, err)
	delete(r[1000000], "not_a_column")
	assert.Equal(t, r, got)
	assert.Equal(t, []int{1000, 1000000}, got.Sizes())

	// Merging keeps what the newer run did not measure.
	newer := Results{}
	newer.Set(1000, "copy_wall_s", 0.3)
	got.Merge(newer)
	assert.Equal(t, 0.3, got[1000]["copy_wall_s"])
	assert.Equal(t, 0.99, got[1000]["story_b3_f1"])

	for _, tt := range []struct{ in, want string }{
		{"articles\nx\n", "line 2: articles"},
		{"articles,copy_wall_s\n10,fast\n", "line 2: copy_wall_s"},
		{"copy_wall_s\n1\n", "no articles column"},
		// Neither can be written back: a value that is no finite number,
		// a size on two rows (one of which would be lost).
		{"articles,copy_wall_s\n10,1\n20,NaN\n", `line 3: copy_wall_s "NaN"`},
		{"articles,copy_wall_s\n10,+Inf\n", `line 2: copy_wall_s "+Inf"`},
		{"articles,copy_wall_s\n10,1\n20,2\n10,3\n", "line 4: articles 10 again (line 2)"},
		{"articles,copy_wall_s\n1000,1\n1e3,2\n", "line 3: articles 1000 again (line 2)"},
	} {
		_, err := ReadCSV(bytes.NewBufferString(tt.in))
		assert.ErrorIs(t, err, ErrResults, "ReadCSV(%q)", tt.in)
		assert.ErrorContains(t, err, tt.want, "ReadCSV(%q)", tt.in)
	}
}

func TestPlot(t *testing.T) {
	r := Results{}
	for _, n := range []int{1000, 10000, 100000} {
		r.Set(n, "copy_wall_s", float64(n)/5000)
		r.Set(n, "copy_rss_mb", 30+float64(n)/1000)
		r.Set(n, "read_s", float64(n)/12000)
		r.Set(n, "copy_b3_f1", 0.98)
	}
	dir := t.TempDir()
	files, err := r.Plot(dir)
	require.NoError(t, err)
	assert.Len(t, files, 4)
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		assert.True(t, bytes.HasPrefix(b, []byte("\x89PNG")), "%s is not a PNG", f)
	}

	// Each size is named on the articles axis, within one decade too.
	decade := Results{}
	for _, n := range []int{1000, 2000, 5000} {
		decade.Set(n, "copy_wall_s", 1)
	}
	var labels []string
	for _, tk := range sizeTicks(decade) {
		labels = append(labels, tk.Label)
	}
	assert.Equal(t, []string{"1k", "2k", "5k"}, labels)

	// Figures no plot draws (the add and incr modes'): the results file
	// alone, and the log says why.
	only := Results{}
	only.Set(2000, "add_p50_ms", 28.4)
	var log bytes.Buffer
	require.NoError(t, PlotResults(only, dir, &log))
	assert.Equal(t, "wirediff: wrote "+filepath.Join(dir, "results.csv")+" (no plot: the modes measured have no figure the plots draw)\n", log.String())
}

// TestPlotKeepsExtraColumns: the columns of results.csv that wirediff
// does not write (a user's notes, numbers of their own) are read
// whatever they hold and written back as they were, after wirediff's,
// by size; the file is replaced, not written over, and a file that does
// not read is left as it is.
func TestPlotKeepsExtraColumns(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // the extra columns' header, then each row's cells
	}{
		{"notes", "articles,copy_wall_s,notes\n1000,0.5,ssd\n10000,4.5,\"hdd, cold cache\"\n",
			[]string{"notes", "ssd", "hdd, cold cache"}},
		{"numbers and text, before and after", "disk_gb,articles,copy_wall_s,notes\n3,1000,0.5,ssd\n30,10000,4.5,\n",
			[]string{"disk_gb,notes", "3,ssd", "30,"}},
		{"none", "articles,copy_wall_s\n1000,0.5\n10000,4.5\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "results.csv")
			require.NoError(t, os.WriteFile(path, []byte(tt.in), 0o644))
			old, err := os.Open(path)
			require.NoError(t, err)
			defer old.Close()

			res, err := ReadResultsFile(path)
			require.NoError(t, err)
			res.Set(100000, "copy_wall_s", 40) // a size the file lacks
			var log bytes.Buffer
			require.NoError(t, PlotResults(res, dir, &log))
			b, err := os.ReadFile(path)
			require.NoError(t, err)
			recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
			require.NoError(t, err)
			require.Len(t, recs, 4)
			n := len(Columns)
			var got []string
			for _, rec := range recs {
				got = append(got, strings.Join(rec[n:], ","))
			}
			if tt.want == nil {
				assert.Len(t, recs[0], n)
			} else {
				assert.Equal(t, append(tt.want, strings.Repeat(",", len(recs[0])-n-1)), got)
			}
			again, err := ReadCSV(bytes.NewReader(b))
			require.NoError(t, err)
			assert.Equal(t, res, again)

			// Written a second time, the columns stay as they are.
			require.NoError(t, PlotResults(again, dir, &log))
			b2, err := os.ReadFile(path)
			require.NoError(t, err)
			assert.Equal(t, string(b), string(b2))

			in, err := io.ReadAll(old)
			require.NoError(t, err)
			assert.Equal(t, tt.in, string(in), "replaced, not written over: a reader of the earlier file reads it whole")
			entries, err := os.ReadDir(dir)
			require.NoError(t, err)
			for _, e := range entries {
				assert.False(t, strings.Contains(e.Name(), ".tmp"), "left %s", e.Name())
			}
		})
	}

	// A file that no longer reads (edited meanwhile) is not written over.
	dir := t.TempDir()
	path := filepath.Join(dir, "results.csv")
	res := Results{}
	res.Set(1000, "copy_wall_s", 1)
	bad := "articles,copy_wall_s,notes\n1000,fast,ssd\n"
	require.NoError(t, os.WriteFile(path, []byte(bad), 0o644))
	err := PlotResults(res, dir, io.Discard)
	assert.ErrorIs(t, err, ErrResults)
	assert.ErrorContains(t, err, "not written over")
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, bad, string(b))
}

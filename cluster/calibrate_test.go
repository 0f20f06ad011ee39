package cluster_test

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/eval"
	"github.com/wirediff/wirediff/internal/devdata"
	"github.com/wirediff/wirediff/similarity"
)

// TestCalibrationSignals prints the distribution of each pair signal for
// rewrite pairs (the seeds), same-event independent pairs (BASIL) and
// ECB+ same-event / sibling-event pairs. It is how the defaults were
// chosen (see docs/design.md); run with WIREDIFF_CALIBRATE=1.
func TestCalibrationSignals(t *testing.T) {
	if os.Getenv("WIREDIFF_CALIBRATE") == "" {
		t.Skip("set WIREDIFF_CALIBRATE=1 to print the calibration tables")
	}
	shared := devdata.Path(t, "data")
	paths := []string{filepath.Join(shared, "ecbplus-dev"), filepath.Join(shared, "basil-dev"), filepath.Join(filepath.Dir(shared), "seeds")}
	gold := eval.Clustering{}
	for _, g := range []string{"ecbplus-dev", "basil-dev"} {
		c, err := eval.ReadClusteringFile(filepath.Join(shared, g, "gold.tsv"))
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range c {
			gold[k] = v
		}
	}
	docs := loadDocs(t, paths)
	g := &cluster.Grouper{Docs: docs, Opt: cluster.DefaultOptions()}
	kind := func(i, j int) string {
		a, b := docs[i].ID, docs[j].ID
		ga, oka := gold[a]
		gb, okb := gold[b]
		switch {
		case !oka && !okb:
			return "seeds"
		case !oka || !okb:
			return ""
		case ga == gb && strings.Contains(ga, "-"):
			return "basil-same"
		case ga == gb:
			return "ecb-same"
		case strings.Contains(ga, "-") || strings.Contains(gb, "-"):
			return ""
		case strings.Split(ga, "_")[0] == strings.Split(gb, "_")[0]:
			return "ecb-sibling"
		}
		return ""
	}
	vals := map[string]map[string][]float64{}
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			k := kind(i, j)
			if k == "" {
				continue
			}
			e := g.Evidence(i, j)
			if vals[k] == nil {
				vals[k] = map[string][]float64{}
			}
			// Word shingles shared with and without quotations (the
			// passage share samples one in four outside them).
			a, b := docs[i].Shingles, docs[j].Shingles
			shingles := float64(similarity.Intersection(a, b)) / math.Sqrt(float64(len(a)*len(b)))
			for name, v := range map[string]float64{"cosine": e.Cosine, "jaccard": e.Jaccard, "quote": e.QuoteShare, "name": e.NameShare,
				"shingles": shingles, "passage": e.PassageShare, "rewrite": e.Rewrite} {
				vals[k][name] = append(vals[k][name], v)
			}
		}
	}
	for _, k := range []string{"seeds", "basil-same", "ecb-same", "ecb-sibling"} {
		for _, name := range []string{"cosine", "jaccard", "quote", "name", "shingles", "passage", "rewrite"} {
			v := vals[k][name]
			sort.Float64s(v)
			q := func(p float64) float64 { return v[int(p*float64(len(v)-1))] }
			fmt.Printf("%-12s %-8s n=%-6d p05=%.3f p25=%.3f p50=%.3f p75=%.3f p95=%.3f max=%.3f\n", k, name, len(v), q(.05), q(.25), q(.5), q(.75), q(.95), v[len(v)-1])
		}
	}
}

func loadDocs(t *testing.T, paths []string) []cluster.Doc {
	h, _ := similarity.NewMinHasher(128, similarity.DefaultSeed)
	b, _ := similarity.OptimalBands(0.5, 128, 0.5, 1)
	f := cluster.NewFeaturizer(3, h, b)
	var docs []cluster.Doc
	_, err := corpus.Read(paths, corpus.Options{}, func(a corpus.Article) error {
		docs = append(docs, f.Doc(&a))
		return nil
	})
	require.NoError(t, err)
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	bg, err := cluster.DefaultBackground()
	require.NoError(t, err)
	cluster.Weigh(docs, bg)
	return docs
}

// TestCalibrationSweep scores story-level settings on the pooled dev sets;
// run with WIREDIFF_CALIBRATE=1 -v.
func TestCalibrationSweep(t *testing.T) {
	if os.Getenv("WIREDIFF_CALIBRATE") == "" {
		t.Skip("set WIREDIFF_CALIBRATE=1 to sweep")
	}
	shared := devdata.Path(t, "data")
	sets := []struct {
		name  string
		paths []string
		golds []string
	}{
		{"pool", []string{filepath.Join(shared, "ecbplus-dev/articles.jsonl"), filepath.Join(shared, "basil-dev/articles.jsonl"), filepath.Join(filepath.Dir(shared), "seeds")},
			[]string{"ecbplus-dev", "basil-dev"}},
		{"neus", []string{filepath.Join(shared, "neus-dev/articles.jsonl")}, []string{"neus-dev"}},
		{"basil", []string{filepath.Join(shared, "basil-dev/articles.jsonl")}, []string{"basil-dev"}},
		{"ecbplus", []string{filepath.Join(shared, "ecbplus-dev/articles.jsonl")}, []string{"ecbplus-dev"}},
	}
	bands, _ := similarity.OptimalBands(0.5, 128, 0.5, 1)
	for _, set := range sets {
		if only := os.Getenv("WIREDIFF_SWEEP_SET"); only != "" && only != set.name {
			continue
		}
		docs := loadDocs(t, set.paths)
		ws, ths := []float64{0, 0.3}, []float64{0.2, 0.25, 0.3, 0.35, 0.4}
		if os.Getenv("WIREDIFF_SWEEP_DEFAULT") != "" {
			def := cluster.DefaultOptions()
			ws, ths = []float64{def.SharedWeight}, []float64{def.StoryThreshold}
		}
		if os.Getenv("WIREDIFF_SWEEP_FINE") != "" {
			ws, ths = []float64{0.2, 0.3, 0.4}, []float64{0.3, 0.32, 0.34, 0.36, 0.38}
		}
		if v := os.Getenv("WIREDIFF_SWEEP_W"); v != "" {
			ws = floats(t, v)
		}
		if v := os.Getenv("WIREDIFF_SWEEP_TH"); v != "" {
			ths = floats(t, v)
		}
		for _, w := range ws {
			for _, th := range ths {
				opt := cluster.DefaultOptions()
				// Knobs set from the environment, each WIREDIFF_SWEEP_<name>.
				for name, field := range map[string]any{
					"PERDOC": &opt.PerDoc, "FLOOR": &opt.NeighbourFloor, "NN": &opt.Neighbours,
					"DAY": &opt.DayWeight, "HUBK": &opt.HubK, "HUBW": &opt.HubWeight,
					"PIVOT": &opt.LengthPivot, "TOPTERMS": &opt.TopTerms,
				} {
					if v := os.Getenv("WIREDIFF_SWEEP_" + name); v != "" {
						if _, err := fmt.Sscan(v, field); err != nil {
							t.Fatalf("WIREDIFF_SWEEP_%s=%q: %v", name, v, err)
						}
					}
				}
				opt.SharedWeight = w
				opt.StoryThreshold = th
				r, err := cluster.Run(docs, bands, opt)
				if err != nil {
					t.Fatal(err)
				}
				pred := eval.Clustering{}
				for i, d := range docs {
					pred[d.ID] = docs[r.Labels[cluster.Story][i]].ID
				}
				line := fmt.Sprintf("%s snn=%.2f t=%.2f", set.name, w, th)
				for _, gname := range set.golds {
					gold, _ := eval.ReadClusteringFile(filepath.Join(shared, gname, "gold.tsv"))
					s := eval.Score(gold, pred)
					line += fmt.Sprintf(" | %s pP=%.3f b3P=%.3f b3R=%.3f b3F=%.3f", strings.Split(gname, "-")[0], s.Pairwise.Precision, s.BCubed.Precision, s.BCubed.Recall, s.BCubed.F1)
					if gname == "ecbplus-dev" && os.Getenv("WIREDIFF_SWEEP_SPLIT") != "" {
						// Held-out check: ECB+ topics split by parity, each
						// half scored on its own articles.
						for parity, name := range []string{"even", "odd"} {
							half := eval.Clustering{}
							for id, c := range gold {
								var topic int
								fmt.Sscanf(id, "%d_", &topic)
								if topic%2 == parity {
									half[id] = c
								}
							}
							h := eval.Score(half, pred)
							line += fmt.Sprintf(" | ecb-%s pP=%.3f b3F=%.3f", name, h.Pairwise.Precision, h.BCubed.F1)
						}
					}
				}
				fmt.Println(line)
			}
		}
	}
}

// dayRelation tells whether two weekday sets share a day, are disjoint,
// or one is missing.
func dayRelation(a, b uint8) string {
	switch {
	case a == 0 || b == 0:
		return "missing"
	case a&b != 0:
		return "share"
	}
	return "disjoint"
}

// floats parses a comma-separated list of numbers.
func floats(t *testing.T, s string) []float64 {
	var out []float64
	for _, f := range strings.Split(s, ",") {
		var x float64
		if _, err := fmt.Sscan(f, &x); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		out = append(out, x)
	}
	return out
}

// TestCalibrationNeuSRanks ranks each NeuS lede's neighbours by TF-IDF
// cosine and prints where its true partners fall: the lexical ceiling of
// the story level on short ledes. Run with WIREDIFF_CALIBRATE=1 -v.
func TestCalibrationNeuSRanks(t *testing.T) {
	if os.Getenv("WIREDIFF_CALIBRATE") == "" {
		t.Skip("set WIREDIFF_CALIBRATE=1 to rank NeuS partners")
	}
	shared := devdata.Path(t, "data")
	docs := loadDocs(t, []string{filepath.Join(shared, "neus-dev/articles.jsonl")})
	gold, err := eval.ReadClusteringFile(filepath.Join(shared, "neus-dev/gold.tsv"))
	require.NoError(t, err)
	ranks := map[int]int{} // rank (10 = beyond 9) -> partners
	days := map[bool]map[string]int{true: {}, false: {}}
	taus := []float64{0.1, 0.2, 0.25, 0.3, 0.4}
	above := map[bool][]int{true: make([]int, len(taus)), false: make([]int, len(taus))} // pairs with cosine >= tau
	partners := 0
	for i := 0; i < len(docs); i += 3 { // every third lede: a third of the work, the same picture
		type scored struct {
			j int
			c float64
		}
		var ss []scored
		for j := range docs {
			if j != i {
				ss = append(ss, scored{j, cluster.Cosine(docs[i].Terms, docs[j].Terms)})
			}
		}
		sort.Slice(ss, func(a, b int) bool {
			if ss[a].c != ss[b].c {
				return ss[a].c > ss[b].c
			}
			return ss[a].j < ss[b].j
		})
		for r, x := range ss {
			same := gold[docs[x.j].ID] == gold[docs[i].ID]
			for k, tau := range taus {
				if x.j > i && x.c >= tau {
					above[same][k]++
				}
			}
			if same {
				ranks[min(r, 10)]++
				partners++
			}
			if r < 5 { // how the five nearest's weekdays relate (the weekday term)
				days[same][dayRelation(docs[i].Days, docs[x.j].Days)]++
			}
		}
	}
	for k, tau := range taus {
		fmt.Printf("NeuS pairs with cosine >= %.2f: %d partners, %d others (pair precision %.3f)\n", tau, above[true][k], above[false][k], float64(above[true][k])/float64(above[true][k]+above[false][k]))
	}
	for _, same := range []bool{true, false} {
		d := days[same]
		fmt.Printf("NeuS five nearest, true partner %v: both name a weekday: %d share one, %d disjoint (%.0f%% disjoint); %d name none\n",
			same, d["share"], d["disjoint"], 100*float64(d["disjoint"])/float64(max(d["share"]+d["disjoint"], 1)), d["missing"])
	}
	top2 := float64(ranks[0]+ranks[1]) / float64(partners)
	beyond := float64(ranks[10]) / float64(partners)
	fmt.Printf("NeuS: %d true partners; %.0f%% among the 2 nearest by cosine, %.0f%% beyond the 10 nearest\n", partners, 100*top2, 100*beyond)

	// The ceiling of any grouping that links only pairs with cosine >= tau:
	// split each gold story where no chain of such links joins its
	// members, and score that against the gold (B-cubed precision 1).
	byStory := map[string][]int{}
	for i, d := range docs {
		byStory[gold[d.ID]] = append(byStory[gold[d.ID]], i)
	}
	for _, tau := range taus {
		pred := eval.Clustering{}
		for _, m := range byStory {
			label := map[int]int{}
			for _, i := range m {
				label[i] = i
			}
			find := func(x int) int {
				for label[x] != x {
					x = label[x]
				}
				return x
			}
			for a, i := range m {
				for _, j := range m[a+1:] {
					if cluster.Cosine(docs[i].Terms, docs[j].Terms) >= tau {
						label[find(i)] = find(j)
					}
				}
			}
			for _, i := range m {
				pred[docs[i].ID] = docs[find(i)].ID
			}
		}
		s := eval.Score(gold, pred)
		fmt.Printf("NeuS ceiling linking only cosine >= %.2f: B-cubed recall %.3f, F1 %.3f\n", tau, s.BCubed.Recall, s.BCubed.F1)
	}
}

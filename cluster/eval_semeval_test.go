package cluster_test

import (
	"bufio"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/internal/devdata"
	"github.com/wirediff/wirediff/internal/quality"
	"github.com/wirediff/wirediff/similarity"
)

// TestEvalSemEval correlates wirediff's pair scores with the SemEval-2022
// Task 8 "Overall" grades (1 = very similar ... 4 = very dissimilar) of
// 354 English news article pairs: how well the verification scores rank
// pairs by sameness of story. Run with WIREDIFF_EVAL=1 (make eval).
func TestEvalSemEval(t *testing.T) {
	if os.Getenv("WIREDIFF_EVAL") == "" {
		t.Skip("set WIREDIFF_EVAL=1 (make eval) to score SemEval-2022 Task 8 pairs")
	}
	path := filepath.Join(devdata.Path(t, "data/semeval2022-task8-sample"), "en_en_pairs.jsonl")
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	h, err := similarity.NewMinHasher(similarity.DefaultNumHashes, similarity.DefaultSeed)
	require.NoError(t, err)
	b, err := similarity.OptimalBands(0.5, similarity.DefaultNumHashes, 0.5, 1)
	require.NoError(t, err)
	feat := cluster.NewFeaturizer(3, h, b)
	var docs []cluster.Doc
	var overall []float64
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for line := 1; sc.Scan(); line++ {
		var p struct {
			PairID       string `json:"pair_id"`
			Text1, Text2 string
			Overall      float64 `json:"Overall"`
		}
		require.NoError(t, json.Unmarshal(sc.Bytes(), &p), "%s:%d", path, line)
		for k, text := range []string{p.Text1, p.Text2} {
			a := corpus.Article{ID: p.PairID + string(rune('a'+k)), Text: text}
			docs = append(docs, feat.Doc(&a))
		}
		overall = append(overall, -p.Overall) // higher = more similar
	}
	require.NoError(t, sc.Err())
	require.Len(t, overall, 354)
	bg, err := cluster.DefaultBackground()
	require.NoError(t, err)
	cluster.Weigh(docs, bg)
	g := &cluster.Grouper{Docs: docs, Opt: cluster.DefaultOptions()}
	scores := map[string][]float64{}
	for k := range overall {
		e := g.Evidence(2*k, 2*k+1)
		scores["cosine"] = append(scores["cosine"], e.Cosine)
		scores["rewrite"] = append(scores["rewrite"], e.Rewrite)
		scores["names"] = append(scores["names"], e.NameShare)
		scores["jaccard"] = append(scores["jaccard"], e.Jaccard)
	}
	t.Logf("SemEval-2022 Task 8 sample, %d pairs: correlation of each score with the Overall grade (similar = high)", len(overall))
	t.Logf("%-8s %8s %9s", "score", "Pearson", "Spearman")
	golden := quality.Scores{}
	for _, name := range []string{"cosine", "rewrite", "names", "jaccard"} {
		p, sp := pearson(scores[name], overall), pearson(ranks(scores[name]), ranks(overall))
		t.Logf("%-8s %8.3f %9.3f", name, p, sp)
		golden["semeval/"+name+"/pearson"] = p
		golden["semeval/"+name+"/spearman"] = sp
	}
	quality.Check(t, qualityGolden, *update, golden)
	// The floor guards the story-level score (the cosine) against a drop.
	assert.GreaterOrEqual(t, pearson(scores["cosine"], overall), 0.72)
}

func pearson(x, y []float64) float64 {
	n := float64(len(x))
	var sx, sy float64
	for i := range x {
		sx += x[i]
		sy += y[i]
	}
	mx, my := sx/n, sy/n
	var cxy, cxx, cyy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		cxy += dx * dy
		cxx += dx * dx
		cyy += dy * dy
	}
	return cxy / math.Sqrt(cxx*cyy)
}

// ranks returns the rank of each value, ties sharing their mean rank.
func ranks(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	r := make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && x[idx[j]] == x[idx[i]] {
			j++
		}
		for k := i; k < j; k++ {
			r[idx[k]] = float64(i+j-1) / 2
		}
		i = j
	}
	return r
}

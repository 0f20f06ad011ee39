package cluster_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/similarity"
)

func queryDocs(t *testing.T, arts []corpus.Article) (*cluster.Featurizer, []cluster.Doc) {
	t.Helper()
	f, _ := testFeaturizer(t)
	docs := make([]cluster.Doc, len(arts))
	for i := range arts {
		docs[i] = f.Doc(&arts[i])
	}
	return f, docs
}

// testFeaturizer is a featurizer with the default signing parameters.
func testFeaturizer(t testing.TB) (*cluster.Featurizer, similarity.Bands) {
	t.Helper()
	h, err := similarity.NewMinHasher(similarity.DefaultNumHashes, similarity.DefaultSeed)
	require.NoError(t, err)
	b, err := similarity.OptimalBands(0.5, similarity.DefaultNumHashes, 0.5, 1)
	require.NoError(t, err)
	return cluster.NewFeaturizer(3, h, b), b
}

var queryArts = []corpus.Article{
	{ID: "a", Title: "Envoy drafts Ukraine peace plan", Text: "The envoy Steve Witkoff drafted a 28-point peace plan for Ukraine with Russian officials, who said they were optimistic."},
	{ID: "b", Title: "Secret Ukraine plan", Text: "The envoy Steve Witkoff drafted a 28-point peace plan for Ukraine with Russian officials, who said they were optimistic about it."},
	{ID: "c", Title: "Bread prices rise", Text: "The village bakery raised the price of bread, butter and flour again this winter, its owner said."},
}

// WeighIndexed with the batch's own frequencies is Weigh.
func TestWeighIndexedMatchesWeigh(t *testing.T) {
	f, want := queryDocs(t, queryArts)
	_, got := queryDocs(t, queryArts)
	df := map[cluster.TermID]int32{}
	for _, d := range got {
		for _, tm := range d.Terms {
			df[tm.ID]++
		}
	}
	bg := &cluster.Background{Docs: 100, DF: map[cluster.TermID]int32{}}
	for id := range f.Stems(&queryArts[0]) {
		bg.DF[id] = 7
	}
	cluster.Weigh(want, bg)
	cluster.WeighIndexed(got, []bool{true, true, true}, df, len(got), bg)
	for i := range want {
		require.Len(t, got[i].Terms, len(want[i].Terms))
		for k := range want[i].Terms {
			assert.InDelta(t, want[i].Terms[k].W, got[i].Terms[k].W, 1e-6, "doc %s term %d", want[i].ID, k)
		}
	}
	// A new article counts as one more: Weigh over the batch of indexed
	// docs plus it.
	_, got2 := queryDocs(t, queryArts)
	df2 := map[cluster.TermID]int32{}
	for _, d := range got2[1:] {
		for _, tm := range d.Terms {
			df2[tm.ID]++
		}
	}
	cluster.WeighIndexed(got2, []bool{false, true, true}, df2, 2, bg)
	for i := range want {
		for k := range want[i].Terms {
			assert.InDelta(t, want[i].Terms[k].W, got2[i].Terms[k].W, 1e-6, "doc %s term %d", want[i].ID, k)
		}
	}
}

func TestStems(t *testing.T) {
	f, docs := queryDocs(t, queryArts[:1])
	stems := f.Stems(&queryArts[0])
	// Every term of the vector has its stem, as bleve's Porter filter makes it.
	require.Len(t, stems, len(docs[0].Terms))
	vals := map[string]bool{}
	for _, s := range stems {
		vals[s] = true
	}
	for _, w := range []string{"envoi", "draft", "ukrain", "28", "offici", "optimist"} {
		assert.True(t, vals[w], "Stems lacks %q: %v", w, stems)
	}
	assert.False(t, vals["the"], "stopwords are not terms")
}

func TestJoin(t *testing.T) {
	_, docs := queryDocs(t, queryArts)
	cluster.Weigh(docs, nil)
	g := cluster.NewPool(docs, cluster.DefaultOptions())
	tests := []struct {
		i, j int
		want cluster.Level
		ok   bool
	}{
		{0, 1, cluster.Copy, true}, // near-verbatim
		{0, 2, 0, false},           // unrelated
		{1, 2, 0, false},
	}
	for _, tt := range tests {
		l, ok := g.Join(tt.i, tt.j)
		assert.Equal(t, tt.ok, ok, "Join(%d, %d) ok", tt.i, tt.j)
		if tt.ok {
			assert.Equal(t, tt.want, l, "Join(%d, %d) = %v, want %v", tt.i, tt.j, l, tt.want)
		}
	}
}

// JoinsGroup is the average-link test for one article: its mean
// similarity to the group at the level against the level's threshold.
func TestJoinsGroup(t *testing.T) {
	_, docs := queryDocs(t, queryArts)
	cluster.Weigh(docs, nil)
	g := cluster.NewPool(docs, cluster.DefaultOptions())
	for l := cluster.Copy; l <= cluster.Story; l++ {
		thr := g.Opt.Thresholds.At(l)
		tests := []struct {
			js   []int
			mean float64
		}{
			{[]int{1}, g.LevelSim(l, 0, 1)},
			{[]int{2}, g.LevelSim(l, 0, 2)},
			{[]int{1, 2}, (g.LevelSim(l, 0, 1) + g.LevelSim(l, 0, 2)) / 2},
		}
		for _, tt := range tests {
			assert.Equal(t, tt.mean >= thr, g.JoinsGroup(l, 0, tt.js), "level %v, group %v, mean %.3f", l, tt.js, tt.mean)
		}
		assert.False(t, g.JoinsGroup(l, 0, nil), "no group to join")
	}
	// The near-verbatim pair joins at the copy level, not with the
	// unrelated article beside it.
	assert.True(t, g.JoinsGroup(cluster.Copy, 0, []int{1}))
	assert.False(t, g.JoinsGroup(cluster.Copy, 0, []int{1, 2}))
	assert.Equal(t, []float64{0.5, 0.275, 0.25}, []float64{g.Opt.Thresholds.At(cluster.Copy), g.Opt.Thresholds.At(cluster.Rewrite), g.Opt.Thresholds.At(cluster.Story)})
}

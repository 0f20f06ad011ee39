package explain

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/neardup"
)

// TestWhy: the sentence says how the pair's score and the groups agree,
// for each combination, and why a pair whose figures differ does not
// pass.
func TestWhy(t *testing.T) {
	for _, tt := range []struct {
		passes, same, grouped bool
		want                  string
		n                     notes
	}{
		{true, true, true, "is at or above the threshold 0.5; both are in r:a", notes{}},
		{false, true, true, "is below the threshold 0.5; both are in r:a, joined through other members", notes{}},
		{true, false, true, "they are in r:a and r:b: their groups as wholes fall short", notes{}},
		{false, false, true, "is below the threshold 0.5; they are in r:a and r:b", notes{}},
		{true, false, false, "the index holds no grouping of both", notes{}},
		{false, false, true, "is at or above the threshold 0.5, but they give different figures (1 of 17 shared): other figures, another report; they are in r:a and r:b",
			notes{figures: "they give different figures (1 of 17 shared)"}},
		// In one group of the level below, a pair is in one group
		// whatever its score: not through other members.
		{false, true, true, "is below the threshold 0.5; both are in r:a as both are in c:a: the levels nest", notes{below: "c:a"}},
		{false, true, true, "score 0.400 (0: why) is below", notes{below: "c:a", zero: " (0: why)"}},
	} {
		lv := Level{Level: "rewrite", Score: 0.4, Threshold: 0.5, Passes: tt.passes, SameGroup: tt.same}
		if tt.passes || tt.n.figures != "" {
			lv.Score = 0.6
		}
		lb := "r:b"
		if tt.same {
			lb = "r:a"
		}
		assert.Contains(t, why(lv, "r:a", lb, tt.grouped, tt.n), tt.want, "why(passes %v, same %v, grouped %v, %+v)", tt.passes, tt.same, tt.grouped, tt.n)
	}
}

type fakeIndex struct {
	arts   map[string]corpus.Article
	groups map[string]index.Assignment
}

func (f fakeIndex) Get(id string) (index.Entry, error) {
	a, ok := f.arts[id]
	if !ok {
		return index.Entry{}, index.ErrNoID
	}
	return index.Entry{Article: a}, nil
}

func (f fakeIndex) Groups() (map[string]index.Assignment, error) { return f.groups, nil }

type fakeScorer struct{ hit neardup.Hit }

func (f fakeScorer) Score(*corpus.Article, bool, []string, int) ([]neardup.Hit, error) {
	return []neardup.Hit{f.hit}, nil
}

func (fakeScorer) Options() cluster.Options { return cluster.DefaultOptions() }

// TestPairStoryThroughRewrite: two short articles that are rewrites of
// one another score 0 at the story level, which does not score texts so
// short, and share a story group because they share a rewrite group. The
// explanation says so, and says no other member joined them (there is
// none); two articles published too far apart score 0 for that.
func TestPairStoryThroughRewrite(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 11, d, 12, 0, 0, 0, time.UTC) }
	ix := fakeIndex{
		arts: map[string]corpus.Article{
			"a": {ID: "a", Title: "Storm hits coast", Text: "Storm hit Maine Monday.", Published: day(3)},
			"b": {ID: "b", Title: "Storm hits the coast", Text: "Storm hit Maine on Monday.", Published: day(3)},
			"c": {ID: "c", Title: "Storm hits the coast", Text: "Storm hit Maine on Monday.", Published: day(20)},
		},
		groups: map[string]index.Assignment{
			"a": {ID: "a", Copy: "c:a", Rewrite: "r:a", Story: "s:a"},
			"b": {ID: "b", Copy: "c:b", Rewrite: "r:a", Story: "s:a"},
			"c": {ID: "c", Copy: "c:c", Rewrite: "r:c", Story: "s:c"},
		},
	}
	h := fakeScorer{neardup.Hit{ID: "b", Sims: [3]float64{0.25, 0.5, 0}, Evidence: cluster.Evidence{Cosine: 1, NameShare: 1}}}
	ex, err := Pair(ix, h, "a", "b")
	require.NoError(t, err)
	story := ex.Levels[cluster.Story]
	assert.True(t, story.SameGroup)
	assert.False(t, story.Passes)
	assert.Contains(t, story.Why, "both are in s:a as both are in r:a: the levels nest")
	assert.Contains(t, story.Why, "does not score an article of fewer than 8 distinct terms")
	assert.NotContains(t, story.Why, "other members")
	assert.NotContains(t, ex.Levels[cluster.Rewrite].Why, "nest", "the copy groups differ")

	far, err := Pair(ix, fakeScorer{neardup.Hit{ID: "c", Evidence: cluster.Evidence{Cosine: 1, NameShare: 1}}}, "a", "c")
	require.NoError(t, err)
	for _, lv := range far.Levels {
		assert.Contains(t, lv.Why, "published more than 7d apart", lv.Level)
	}
}

package outlets

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/editorial"
	"github.com/wirediff/wirediff/lineage"
)

// TestTally: names of one outlet, and its web domain when the outlet
// field is empty, sum as one row; a source counts for its outlet's groups
// and sources but not its articles, as does an article with no words; the
// means are over the articles, the editorial score's over those scored.
func TestTally(t *testing.T) {
	tl, err := New()
	require.NoError(t, err)
	tl.Add(&lineage.Report{
		Reference: lineage.Reference{Kind: lineage.KindSource, SourceID: "a", Outlet: "The New York Times"},
		Members: []lineage.Member{
			{Words: 10, ID: "b", Outlet: "Fox News", KeptShare: 0.6, AddedShare: 0.4, DroppedShare: 0.2, VerbatimShare: 0.5, EditorialScore: 10},
			{Words: 10, ID: "c", Outlet: "", URL: "https://www.nytimes.com/2025/01/01/us/x.html", KeptShare: 1},
			{Words: 10, ID: "d", KeptShare: 0.5, EditorialScore: 3},
		},
	})
	tl.Add(&lineage.Report{
		Reference: lineage.Reference{Kind: lineage.KindConsensus},
		Members: []lineage.Member{
			{Words: 10, ID: "e", Outlet: "fox", KeptShare: 0.2, AddedShare: 0.8, DroppedShare: 0.6, VerbatimShare: 0.1, EditorialScore: 20},
			{Words: 10, ID: "f", Outlet: "FOX", KeptShare: 0.4, AddedShare: 0.6, EditorialScore: 0},
			{Words: 10, ID: "g", Outlet: "Daily Blaze", KeptShare: 0.3},
			// A headline alone: no words to compare, no shares to count.
			{ID: "k", Outlet: "Fox News", DroppedShare: 1},
			// In another language: compared, but not scored.
			{Words: 10, ID: "j", Outlet: "Fox News", KeptShare: 0.4, AddedShare: 0.6, Unscored: 2, Sentences: make([]editorial.Sentence, 2)},
		},
	})
	tl.Add(&lineage.Report{
		Reference: lineage.Reference{Kind: lineage.KindPair, SourceID: "h", Outlet: "Daily Blaze"},
		Members:   []lineage.Member{{Words: 10, ID: "i", Outlet: "Fox News", KeptShare: 0.4, AddedShare: 0.6, VerbatimShare: 0.2, DroppedShare: 0.2}},
		Reverse: &lineage.Report{
			Reference: lineage.Reference{Kind: lineage.KindPair, SourceID: "i", Outlet: "Fox News"},
			Members:   []lineage.Member{{Words: 10, ID: "h", Outlet: "Daily Blaze", KeptShare: 0.5}},
		},
	})
	rows := tl.Rows()
	require.Len(t, rows, 4)
	fox := rows[0]
	assert.Equal(t, 5, fox.Articles)
	assert.Equal(t, 4, fox.ScoredArticles)
	assert.Equal(t, 3, fox.Groups)
	assert.Equal(t, 0, fox.Sources)
	assert.Contains(t, []string{"Fox News", "fox", "FOX"}, fox.Outlet)
	assert.InDelta(t, 0.4, fox.KeptShare, 1e-9)
	assert.InDelta(t, 0.6, fox.AddedShare, 1e-9)
	assert.InDelta(t, 1.0/5, fox.DroppedShare, 1e-9)
	assert.InDelta(t, 0.8/5, fox.VerbatimShare, 1e-9)
	assert.InDelta(t, 30.0/4, fox.EditorialScore, 1e-9, "the mean of the scored articles")

	nyt := rows[2]
	assert.Equal(t, Row{Outlet: "The New York Times", Articles: 1, Groups: 1, Sources: 1, ScoredArticles: 1, KeptShare: 1, key: "nyt"}, nyt,
		"the source and an article known by its domain are one outlet")
	assert.Equal(t, Row{Outlet: "Daily Blaze", Articles: 2, Groups: 2, ScoredArticles: 2, KeptShare: 0.4, key: "daily blaze"}, rows[1],
		"both directions of a pair, and a pair's first member is no source")
	assert.Equal(t, "", rows[3].Outlet, "no outlet comes last among equals")
	assert.InDelta(t, 3, rows[3].EditorialScore, 1e-9)
}

// TestTallyOrder: the rows do not depend on the order of the reports.
func TestTallyOrder(t *testing.T) {
	reports := []*lineage.Report{
		{Members: []lineage.Member{{Words: 1, Outlet: "b"}, {Words: 1, Outlet: "a"}}},
		{Members: []lineage.Member{{Words: 1, Outlet: "c"}, {Words: 1, Outlet: "B"}}},
		{Reference: lineage.Reference{Kind: lineage.KindSource, Outlet: "c"}, Members: []lineage.Member{{Words: 1, Outlet: "a"}}},
	}
	var first []Row
	for _, order := range [][]int{{0, 1, 2}, {2, 1, 0}, {1, 2, 0}} {
		tl, err := New()
		require.NoError(t, err)
		for _, i := range order {
			tl.Add(reports[i])
		}
		rows := tl.Rows()
		if first == nil {
			first = rows
			continue
		}
		assert.Equal(t, first, rows, "order %v", order)
	}
	assert.Equal(t, []string{"B", "a", "c"}, []string{first[0].Outlet, first[1].Outlet, first[2].Outlet})
}

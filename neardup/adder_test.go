package neardup

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/index"
)

// TestAdder: a new rewrite of an indexed group joins it and is indexed
// at once; an article on nothing indexed is a group of its own; an
// article added can be joined by the next.
func TestAdder(t *testing.T) {
	as := readSeeds(t)
	ix, f := newIndex(t, as[:3]...)
	var groups []index.Assignment
	for _, a := range as[:3] {
		groups = append(groups, index.Assignment{ID: a.ID, Copy: cluster.GroupID(cluster.Copy, a.ID),
			Rewrite: cluster.GroupID(cluster.Rewrite, as[0].ID), Story: cluster.GroupID(cluster.Story, as[0].ID)})
	}
	require.NoError(t, ix.WriteGroups(groups))
	g, err := ix.Grouping()
	require.NoError(t, err)
	w, err := ix.NewWriter()
	require.NoError(t, err)
	ad := NewAdder(f, w, g)

	add := func(a corpus.Article) index.Assignment {
		t.Helper()
		hits, err := f.Find(&a, false, 50)
		require.NoError(t, err)
		got, err := ad.Add(&a, hits)
		require.NoError(t, err)
		ok, err := ix.Has(a.ID)
		require.NoError(t, err)
		assert.True(t, ok, "%s indexed at once", a.ID)
		return got
	}
	got := add(as[3])
	assert.Equal(t, groups[0].Rewrite, got.Rewrite, "a rewrite joins the rewrite group")
	assert.Equal(t, got, func() index.Assignment { a, _ := g.Assignment(as[3].ID); return a }(), "recorded in the grouping")

	other := corpus.Article{ID: "zz-other", Title: "Harvest festival", Text: "The village harvest festival drew record crowds to the square on Saturday, with pumpkins, cider and a brass band playing until dusk."}
	got = add(other)
	assert.Equal(t, index.Assignment{ID: other.ID, Copy: "c:zz-other", Rewrite: "r:zz-other", Story: "s:zz-other"}, got)
	copyOf := other
	copyOf.ID = "zz-copy"
	got = add(copyOf)
	assert.Equal(t, "c:zz-other", got.Copy, "a copy of an article added joins it")
	assert.Equal(t, 6, g.Len())

	// A copy of an article indexed since the grouping makes a group with
	// it, named after the first of the two by ID, recorded for both.
	late := corpus.Article{ID: "zz-late", Title: "Lighthouse", Text: "Volunteers repainted the old lighthouse on the headland on Sunday, weeks after a winter storm tore away part of its roof and shattered the lamp room windows."}
	require.NoError(t, w.Add(index.Entry{Article: late, Signature: f.f.CopyOnly(&late).Sig}))
	require.NoError(t, w.Flush())
	early := late
	early.ID = "zz-early"
	got = add(early)
	assert.Equal(t, index.Assignment{ID: "zz-early", Copy: "c:zz-early", Rewrite: "r:zz-early", Story: "s:zz-early"}, got)
	for l := cluster.Copy; l <= cluster.Story; l++ {
		assert.Equal(t, []string{"zz-early", "zz-late"}, g.Members(l, cluster.GroupID(l, "zz-early")), "members at %s", l)
	}
	assert.True(t, Grouped(g, late.ID))
	assert.Equal(t, 8, g.Len())

	// Another version of a grouped article is refused: placed, it would
	// have left its old groups, one named after it, as they were.
	again := other
	again.ID = as[0].ID
	hits, err := f.Find(&again, false, 50)
	require.NoError(t, err)
	_, err = ad.Add(&again, hits)
	require.ErrorIs(t, err, ErrGrouped)
	e, err := ix.Get(as[0].ID)
	require.NoError(t, err)
	assert.Equal(t, as[0].Text, e.Article.Text, "the indexed version stays")
	a, _ := g.Assignment(as[0].ID)
	assert.Equal(t, groups[0], a)
}

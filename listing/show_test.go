package listing

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/index"
)

// fakeStore holds articles by ID, every one with a header.
type fakeStore map[string]corpus.Article

func (f fakeStore) Get(id string) (index.Entry, error) {
	a, ok := f[id]
	if !ok {
		return index.Entry{}, index.ErrNoID
	}
	return index.Entry{Article: a}, nil
}

func (f fakeStore) Headers(ids []string) (map[string]index.Hit, error) {
	out := map[string]index.Hit{}
	for _, id := range ids {
		out[id] = index.Hit{ID: id, Title: f[id].Title}
	}
	return out, nil
}

// TestShowUngrouped: an article indexed since the grouping is a group of
// its own at every level, even when a group of others bears the label
// its ID makes (it was that group's first member, deleted and indexed
// again): the others are not listed as its group's members.
func TestShowUngrouped(t *testing.T) {
	s := fakeStore{"a": {ID: "a", Text: "x"}, "b": {ID: "b", Text: "y"}, "c": {ID: "c", Text: "z"}}
	g := index.NewGrouping()
	for _, id := range []string{"b", "c"} {
		g.Set(index.Assignment{ID: id, Copy: "c:" + id, Rewrite: "r:a", Story: "s:a"})
	}
	l, err := Show(s, g, []string{"a", "b"}, true, 10)
	require.NoError(t, err)
	doc := l.Doc.(struct {
		Articles []Shown `json:"articles"`
	})
	for _, lev := range []string{"copy", "rewrite", "story"} {
		lg := doc.Articles[0].Groups[lev]
		assert.Equal(t, 1, lg.Size, lev)
		require.Len(t, lg.Members, 1, lev)
		assert.Equal(t, "a", lg.Members[0].ID, lev)
	}
	r := doc.Articles[1].Groups["rewrite"]
	assert.Equal(t, "r:a", r.ID)
	assert.Equal(t, 2, r.Size)
	assert.Len(t, r.Members, 2)
}

// TestShowMissing: every ID the index does not hold is named, in the
// order given, not only the first, so one run says all that is wrong.
func TestShowMissing(t *testing.T) {
	s := fakeStore{"a": {ID: "a", Text: "x"}}
	for _, tt := range []struct {
		ids  []string
		want string
	}{
		{[]string{"nope"}, `article not in index: "nope"`},
		{[]string{"x", "a", "y"}, `article not in index: "x", "y"`},
		{[]string{"a", "z"}, `article not in index: "z"`},
	} {
		_, err := Show(s, index.NewGrouping(), tt.ids, true, 10)
		assert.ErrorIs(t, err, index.ErrNoID, "%v", tt.ids)
		assert.EqualError(t, err, tt.want, "%v", tt.ids)
	}
}

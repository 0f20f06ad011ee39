package listing

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/index"
)

// fakeSearcher answers every query with hits, and records the queries.
type fakeSearcher struct {
	hits    []index.Hit
	total   int
	groups  int // of the total hits, collapsed
	queries []index.Query
	level   cluster.Level
}

func (f *fakeSearcher) Search(q index.Query) (*index.Results, error) {
	f.queries = append(f.queries, q)
	return &index.Results{Total: f.total, Hits: f.hits}, nil
}

func (f *fakeSearcher) SearchGroups(q index.Query, _ *index.Grouping, l cluster.Level, _ index.Marks) (index.GroupResults, error) {
	f.queries, f.level = append(f.queries, q), l
	out := index.GroupResults{Hits: f.total, Groups: f.groups}
	for _, h := range f.hits {
		out.Page = append(out.Page, index.GroupHit{Hit: h, Group: "s:" + h.ID, GroupSize: 2})
	}
	return out, nil
}

func TestSearchRun(t *testing.T) {
	ix := &fakeSearcher{hits: []index.Hit{{ID: "a"}, {ID: "b"}}, total: 9, groups: 4}
	marks := index.Marks{Before: "<", After: ">"}
	s := Search{Query: "peace", Offset: 4, Limit: 2}
	require.NoError(t, s.Run(ix, index.Filter{Outlets: []string{"fox"}}, marks, nil, 0))
	assert.Equal(t, 9, s.Total)
	require.Len(t, s.Hits, 2)
	assert.Equal(t, NewHit(5, ix.hits[0]), s.Hits[0], "numbered from the offset")
	q := ix.queries[0]
	assert.Equal(t, index.Query{Text: "peace", Filter: index.Filter{Outlets: []string{"fox"}}, From: 4, Size: 2, Marks: &marks}, q)

	// Collapsed, a hit the grouping does not hold (indexed since) has no
	// group, as it has none uncollapsed.
	g := index.NewGrouping()
	g.Set(index.Assignment{ID: "b", Copy: "c:b", Rewrite: "r:b", Story: "s:b"})
	c := Search{Query: "peace", Limit: 2, Collapse: "story"}
	require.NoError(t, c.Run(ix, index.Filter{}, marks, g, cluster.Story))
	assert.Equal(t, cluster.Story, ix.level)
	assert.Equal(t, "s:b", c.Hits[1].Group)
	assert.Equal(t, 2, c.Hits[1].GroupSize)
	assert.Equal(t, 2, c.Hits[1].Rank)
	assert.Empty(t, c.Hits[0].Group, "a is in no group")
	assert.Zero(t, c.Hits[0].GroupSize)
	// The total is of the groups the pages page over; the hits are told
	// apart.
	assert.Equal(t, 4, c.Total, "groups")
	require.NotNil(t, c.TotalHits)
	assert.Equal(t, 9, *c.TotalHits)
	assert.Nil(t, s.TotalHits, "uncollapsed, the total is of hits")
	assert.Equal(t, "wirediff: 9 hits in 4 story groups; story groups 1-2 shown; 0s", c.Summary(0))
	assert.Equal(t, "wirediff: 9 hits; hits 5-6 shown; 0s", s.Summary(0))
}

func TestSearchSummary(t *testing.T) {
	for _, tt := range []struct {
		s    Search
		want string
	}{
		{Search{Total: 12, Offset: 0, Hits: make([]Hit, 10)}, "wirediff: 12 hits; hits 1-10 shown; 3ms"},
		{Search{Total: 1, Collapse: "story", Hits: make([]Hit, 1)}, "wirediff: 1 hit; story groups 1-1 shown; 3ms"},
		{Search{Total: 3, Offset: 5}, "wirediff: 3 hits; none shown past --offset 5; 3ms"},
		{Search{}, "wirediff: 0 hits; none shown; 3ms"},
	} {
		assert.Equal(t, tt.want, tt.s.Summary(3*time.Millisecond+200*time.Microsecond))
	}
}

func TestTableMarks(t *testing.T) {
	for _, tt := range []struct {
		color    string
		terminal bool
		want     index.Marks
	}{
		{"always", false, ANSIMarks},
		{"always", true, ANSIMarks},
		{"never", true, Guillemets},
		{"never", false, Guillemets},
		// auto: colours on a terminal only.
		{"auto", true, ANSIMarks},
		{"auto", false, Guillemets},
	} {
		got, err := TableMarks(tt.color, tt.terminal)
		require.NoError(t, err)
		assert.Equal(t, tt.want, got, "TableMarks(%q, %v)", tt.color, tt.terminal)
	}
	for _, bad := range []string{"", "yes", "Always"} {
		_, err := TableMarks(bad, true)
		assert.ErrorContains(t, err, "want auto, always or never", "TableMarks(%q)", bad)
	}
}

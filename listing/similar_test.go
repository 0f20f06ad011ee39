package listing

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/neardup"
)

// groupsOf maps "id level" to a group label.
type groupsOf map[string]string

func (g groupsOf) Group(id string, l cluster.Level) (string, int) {
	return g[id+" "+l.String()], 0
}

// TestNewQuery: a near-duplicate that joins a level names its group at
// that level; one that joins none names none.
func TestNewQuery(t *testing.T) {
	q := &neardup.Query{Article: corpus.Article{ID: "q", Text: "the same words in both texts here"}, Indexed: true}
	b := &corpus.Article{ID: "b", Text: "the same words in both texts here"}
	c := &corpus.Article{ID: "c", Text: "something else entirely"}
	near := neardup.Near{Candidates: 7, Added: &index.Assignment{ID: "q"}, Hits: []neardup.Hit{
		{ID: "b", Level: cluster.Copy, Joins: true, Score: 1, Article: b},
		{ID: "c", Level: cluster.Story, Score: 0.1, Article: c},
	}}
	groups := groupsOf{"b copy": "c:b", "c story": "s:c"}
	got := NewQuery(q, near, groups, 2)
	assert.Equal(t, "q", got.ID)
	assert.True(t, got.Indexed)
	assert.Equal(t, 7, got.Candidates)
	assert.Equal(t, near.Added, got.AddedTo)
	if assert.Len(t, got.Near, 2) {
		assert.Equal(t, NewNear(&q.Article, near.Hits[0], "c:b", 2), got.Near[0])
		assert.Equal(t, "", got.Near[1].Group, "joins no level")
		assert.Equal(t, "", got.Near[1].Level)
	}
}

// nearer finds, for each query ID, the hits listed, and records the
// queries in the order it was asked.
type nearer struct {
	hits  map[string][]neardup.Hit
	asked []string
}

func (n *nearer) Near(q *neardup.Query, opt neardup.NearOptions) (neardup.Near, error) {
	n.asked = append(n.asked, q.Article.ID)
	if q.Article.ID == "bad" {
		return neardup.Near{}, errors.New("lookup failed")
	}
	return neardup.Near{Hits: n.hits[q.Article.ID], Candidates: opt.Candidates}, nil
}

// TestSimilar: queries are looked up in order, each listed with its
// near-duplicates; found says whether any has one; a failed lookup stops
// the run.
func TestSimilar(t *testing.T) {
	b := &corpus.Article{ID: "b", Text: "the same words"}
	n := &nearer{hits: map[string][]neardup.Hit{"q2": {{ID: "b", Level: cluster.Copy, Joins: true, Score: 1, Article: b}}}}
	qs := []neardup.Query{{Article: corpus.Article{ID: "q1", Text: "other words"}}, {Article: corpus.Article{ID: "q2", Text: "the same words"}}}
	groups := groupsOf{"b copy": "c:b"}
	got, found, err := Similar(n, qs, neardup.NearOptions{Candidates: 5}, groups, 1)
	require.NoError(t, err)
	assert.True(t, found)
	assert.Equal(t, []string{"q1", "q2"}, n.asked)
	if assert.Len(t, got, 2) {
		assert.Equal(t, "q1", got[0].ID)
		assert.Empty(t, got[0].Near)
		assert.Equal(t, 5, got[1].Candidates)
		assert.Equal(t, NewQuery(&qs[1], neardup.Near{Hits: n.hits["q2"], Candidates: 5}, groups, 1), got[1])
	}

	// Nothing found.
	_, found, err = Similar(&nearer{}, qs[:1], neardup.NearOptions{}, groups, 1)
	require.NoError(t, err)
	assert.False(t, found)

	// A failed lookup is the error, and the queries after it are not
	// looked up.
	n = &nearer{}
	_, _, err = Similar(n, []neardup.Query{{Article: corpus.Article{ID: "bad"}}, qs[0]}, neardup.NearOptions{}, groups, 1)
	assert.EqualError(t, err, "lookup failed")
	assert.Equal(t, []string{"bad"}, n.asked)
}

func TestFigures(t *testing.T) {
	for _, tt := range []struct {
		e    cluster.Evidence
		want string
	}{
		{cluster.Evidence{}, "-"},
		{cluster.Evidence{SharedFigures: 3, FewerFigures: 3}, "3/3"},
		{cluster.Evidence{SharedFigures: 1, FewerFigures: 12, FiguresDiffer: true}, "1/12 differ"},
	} {
		assert.Equal(t, tt.want, Figures(tt.e))
	}
}

// The table quotes the query's title and the shared passages in
// typographic marks, so that quotation marks inside them read as written,
// not as Go's escapes.
func TestSimilarTableQuotes(t *testing.T) {
	tests := []struct {
		name  string
		title string
		want  []string
	}{
		{"quotation in title and passage", `Trump "believes" in the plan`,
			[]string{`  “Trump "believes" in the plan”: 1 near-duplicate`, `    “Trump "believes that there is a chance”`}},
		{"backslash in title", `Files at C:\shared leaked`,
			[]string{`  “Files at C:\shared leaked”: 1 near-duplicate`, `    “Trump "believes that there is a chance”`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := Query{Article: Article{ID: "q", Title: tt.title}, Near: []Near{{Query: "q", Article: Article{ID: "b"},
				Passages: []string{`Trump "believes that there is a chance`}}}}
			var b strings.Builder
			require.NoError(t, WriteSimilar(&b, Table, []Query{q}))
			for _, w := range tt.want {
				assert.Contains(t, b.String(), w)
			}
			assert.NotContains(t, b.String(), `\`+`"`)
			assert.NotContains(t, b.String(), `\\`)
		})
	}
}

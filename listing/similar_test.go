package listing

import (
	"testing"

	"github.com/stretchr/testify/assert"

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

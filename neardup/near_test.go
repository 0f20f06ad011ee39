package neardup

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/index"
)

// getIndex holds articles for Get; it finds no candidates.
type getIndex map[string]string

func (g getIndex) Similar(index.Like) ([]index.Candidate, error) { return nil, nil }
func (g getIndex) DocFreqs(string, []string) ([]int, int, error) { return nil, 0, nil }
func (g getIndex) Get(id string) (index.Entry, error) {
	text, ok := g[id]
	if !ok {
		return index.Entry{}, index.ErrNoID
	}
	return index.Entry{Article: corpus.Article{ID: id, Text: text}}, nil
}

// TestQueries: queries keep the order their IDs were first read, a later
// article of an ID replaces the earlier, and an article is Indexed only
// when the index holds the same text under its ID.
func TestQueries(t *testing.T) {
	qs := NewQueries(getIndex{"a": "alpha", "b": "beta"})
	qs.Add(corpus.Article{ID: "b", Text: "beta, edited"})
	qs.Add(corpus.Article{ID: "a", Text: "alpha"})
	qs.Add(corpus.Article{ID: "new", Text: "news"})
	qs.Add(corpus.Article{ID: "b", Text: "beta"})
	var got []Query
	for _, q := range qs.List() {
		got = append(got, Query{Article: corpus.Article{ID: q.Article.ID, Text: q.Article.Text}, Indexed: q.Indexed})
	}
	assert.Equal(t, []Query{
		{Article: corpus.Article{ID: "b", Text: "beta"}, Indexed: true},
		{Article: corpus.Article{ID: "a", Text: "alpha"}, Indexed: true},
		{Article: corpus.Article{ID: "new", Text: "news"}},
	}, got)
}

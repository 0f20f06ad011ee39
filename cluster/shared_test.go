package cluster

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/wirediff/wirediff/corpus"
)

func TestSharedItems(t *testing.T) {
	a := &corpus.Article{ID: "a", Text: `The council in Leeds approved 28 new homes on Monday. "We will build them by the end of next year," said Anna Berg. "Nothing else."`}
	b := &corpus.Article{ID: "b", Text: `On Monday councillors in Leeds voted for 28 new homes. "We will build them by the end of next year," Berg said. "Nothing else," she added.`}
	s := SharedItems(a, b, 0)
	assert.Equal(t, []string{"Leeds", "28", "Monday", "Berg"}, s.Names)
	if assert.Len(t, s.Quotes, 1, "%+v", s.Quotes) {
		q := s.Quotes[0]
		assert.Equal(t, "We will build them by the end of next year", q.Text)
		assert.Equal(t, q.Text, b.Text[q.B.Start:q.B.End])
		assert.Equal(t, 10, q.Words)
	}
	if assert.NotEmpty(t, s.Passages) {
		assert.Equal(t, "We will build them by the end of next year", s.Passages[0].Text)
	}
	one := SharedItems(a, b, 1)
	assert.Len(t, one.Names, 1)
	// Nothing shared: empty lists, not null.
	none := SharedItems(a, &corpus.Article{ID: "c", Text: "rain fell."}, 0)
	assert.Equal(t, Shared{Names: []string{}, Quotes: []SharedText{}, Passages: []SharedText{}}, none)
}

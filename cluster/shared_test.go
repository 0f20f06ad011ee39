package cluster

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/similarity"
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

	// Names read as the text writes them: an abbreviation whole, a
	// possessive without its "'s".
	c := &corpus.Article{ID: "c", Text: "Officials said the U.S. plan and Moscow's reply reached Kyiv."}
	d := &corpus.Article{ID: "d", Text: "Aides said the U.S. draft and Moscow's answer went to Kyiv on Friday."}
	assert.Equal(t, []string{"U.S.", "Moscow", "Kyiv"}, SharedItems(c, d, 0).Names)
}

// TestSharedNamesCount checks that the list of shared names holds one
// item for each name or number [Evidence].SharedNames counts: numbers
// match as figures ("2" and "2nd"), possessives as their names, and a
// headline-only record's names are its title's.
func TestSharedNamesCount(t *testing.T) {
	f := testFeaturizer(t)
	for _, c := range []struct {
		a, b corpus.Article
		want []string
	}{
		{
			corpus.Article{ID: "a", Text: "The vote in Leeds on June 2 drew 1.2bn pounds of bids, Obama's aides said."},
			corpus.Article{ID: "b", Text: "Aides to Obama said the 2nd vote in Leeds drew 1.2 billion pounds."},
			[]string{"Leeds", "2", "1.2bn", "Obama"},
		},
		{
			// The pronoun "I" is capitalized but names no one.
			corpus.Article{ID: "a", Text: `Anna Berg said: "Here I am, and I'm staying; I'd say I've won, Leeds."`},
			corpus.Article{ID: "b", Text: `In Leeds, Berg said I'm here and I've won, as I'd hoped, and I stay.`},
			[]string{"Berg", "Leeds"},
		},
		{
			corpus.Article{ID: "a", Title: "Storm hits Leeds and Bradford"},
			corpus.Article{ID: "b", Title: "Floods in Leeds after storm", Text: "Rain fell on Leeds on Monday."},
			[]string{"Leeds"},
		},
	} {
		da, db := f.Doc(&c.a), f.Doc(&c.b)
		g := &Grouper{Docs: []Doc{da, db}, Opt: DefaultOptions()}
		names := SharedItems(&c.a, &c.b, 0).Names
		assert.Equal(t, c.want, names)
		assert.Len(t, names, g.Evidence(0, 1).SharedNames, "%v", names)
	}
}

func TestNameText(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"the U.S. plan", "U.S."},
		{"a U.K.-led plan", "U.K."},
		{"in the U.S.", "U.S."},
		{"J. Mansour wrote", "J"},
		{"Moscow's reply", "Moscow"},
		{"Moscow’s reply", "Moscow"},
		{"the Ukraine plan", "Ukraine"},
	} {
		toks := similarity.AppendTokens(nil, c.text, 0, len(c.text))
		var tok similarity.Token
		for _, x := range toks {
			if x.Start < len(c.text) && c.text[x.Start] >= 'A' && c.text[x.Start] <= 'Z' {
				tok = x
				break
			}
		}
		assert.Equal(t, c.want, nameText(c.text, tok), c.text)
	}
}

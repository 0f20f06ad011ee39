package layout

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/wirediff/wirediff/corpus"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		// Punkt inside a line; abbreviations do not end sentences.
		{"punkt", "Mr. Smith went to Washington. He met the U.S. envoy there.",
			[]string{"Mr. Smith went to Washington.", "He met the U.S. envoy there."}},
		// Headings and list items stand alone.
		{"heading", "Four Pillars of the Plan\nSources say the points fall into four categories:\n- Peace in Ukraine",
			[]string{"Four Pillars of the Plan", "Sources say the points fall into four categories:", "- Peace in Ukraine"}},
		// A list of phrases is one enumeration; a list of sentences is not.
		{"enumeration", "The plan has four parts:\n- Peace in Ukraine\n- Security guarantees\n- European security\nIt is a draft.",
			[]string{"The plan has four parts:", "- Peace in Ukraine\n- Security guarantees\n- European security", "It is a draft."}},
		{"list of sentences", "Key points:\n- The plan has 28 points.\n- Witkoff leads the talks.",
			[]string{"Key points:", "- The plan has 28 points.", "- Witkoff leads the talks."}},
		// Hard-wrapped paragraphs run on.
		{"wrapped", "PageRank (PR) refers to both the concept and the Google system used\nfor ranking pages. It is named after Larry Page.",
			[]string{"PageRank (PR) refers to both the concept and the Google system used\nfor ranking pages.", "It is named after Larry Page."}},
		// A question or exclamation mark before a lower-case word does not
		// end the sentence; one before a capital does.
		{"lower", "“Why?” he asked. The score is 10 PageRank? denotes it. Is it? Yes! iPhone sales rose.",
			[]string{"“Why?” he asked.", "The score is 10 PageRank? denotes it.", "Is it?", "Yes!", "iPhone sales rose."}},
		// Text wrapped at a width: a line breaks where the next word would
		// not have fitted, title case or full stop or not; a heading is a
		// line the next word would have fitted on.
		{"wrapped at a width", "Talks Resume\nThe envoys of Russian President Vladimir Putin and\nPresident Donald Trump met Ukraine's negotiators\nin Geneva, a U.S. official said, and agreed to\nbrief U.S.\nallies on the plan on Monday.",
			[]string{"Talks Resume", "The envoys of Russian President Vladimir Putin and\nPresident Donald Trump met Ukraine's negotiators\nin Geneva, a U.S. official said, and agreed to\nbrief U.S.\nallies on the plan on Monday."}},
		// Blank and punctuation-only lines are dropped.
		{"blank", "\n\n  * * *  \nText.", []string{"Text."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := corpus.Article{Text: tt.text}
			spans, err := Sentences(&a)
			assert.NoError(t, err)
			var got []string
			for _, s := range spans {
				got = append(got, tt.text[s.Start:s.End])
			}
			assert.Equal(t, tt.want, got, "Sentences(%q)", tt.text)
		})
	}
}

func TestSentencesSkipFurniture(t *testing.T) {
	text := " date 2025-11-18 The plan is new. It has 28 points."
	a := corpus.Article{Text: text, Furniture: []corpus.Span{{Start: 1, End: 17}}}
	spans, err := Sentences(&a)
	assert.NoError(t, err)
	assert.Equal(t, []corpus.Span{{Start: 17, End: 33}, {Start: 34, End: 51}}, spans)
}

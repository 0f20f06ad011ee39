package lineage

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/wirediff/wirediff/corpus"
)

func TestSegment(t *testing.T) {
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
		// Blank and punctuation-only lines are dropped.
		{"blank", "\n\n  * * *  \nText.", []string{"Text."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := corpus.Article{Text: tt.text}
			spans, err := Segment(&a)
			assert.NoError(t, err)
			var got []string
			for _, s := range spans {
				got = append(got, tt.text[s.Start:s.End])
			}
			assert.Equal(t, tt.want, got, "Segment(%q)", tt.text)
		})
	}
}

func TestSegmentSkipsFurniture(t *testing.T) {
	text := " date 2025-11-18 The plan is new. It has 28 points."
	a := corpus.Article{Text: text, Furniture: []corpus.Span{{Start: 1, End: 17}}}
	spans, err := Segment(&a)
	assert.NoError(t, err)
	assert.Equal(t, []corpus.Span{{Start: 17, End: 33}, {Start: 34, End: 51}}, spans)
}

func TestFindQuotes(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{`He said "we will go" and left.`, []string{"we will go"}},
		{"“Curly,” she said, “works too.”", []string{"Curly,", "works too."}},
		{"An \"open quote\nends at the line", []string{"open quote"}},
		{"no quotes here", nil},
		// The last paragraph of a run-on quotation closes without opening.
		{"first\nSo I ask you to leave.” He left.", []string{"So I ask you to leave."}},
		{"He said \"no.\"\nThe rest of us.\"", []string{"no.", "The rest of us."}},
		{`A "scare" quote, then an "opener.`, []string{"scare", "opener."}},
	}
	for _, tt := range tests {
		var got []string
		for _, q := range findQuotes(tt.text, 0, len(tt.text)) {
			got = append(got, tt.text[q.inner.start:q.inner.end])
		}
		assert.Equal(t, tt.want, got, "findQuotes(%q)", tt.text)
	}
}

func FuzzSegment(f *testing.F) {
	for _, s := range []string{"A. B. C.", "Mr. X said \"hi.\" Then left!\nNext line", "“unclosed", "\xff\xfe. x", "?\n!\n.\n"} {
		f.Add(s, 0, 3)
	}
	f.Fuzz(func(t *testing.T, text string, fs, fe int) {
		a := corpus.Article{Text: text}
		if fs >= 0 && fe > fs && fe <= len(text) {
			a.Furniture = []corpus.Span{{Start: fs, End: fe}}
		}
		spans, err := Segment(&a)
		if err != nil {
			t.Fatal(err)
		}
		prev := 0
		for _, s := range spans {
			if s.Start < prev || s.End <= s.Start || s.End > len(text) {
				t.Fatalf("Segment(%q) = %v: out of order or range", text, spans)
			}
			for _, f := range a.Furniture {
				if s.Start < f.End && s.End > f.Start {
					t.Fatalf("Segment(%q): %v overlaps furniture %v", text, s, f)
				}
			}
			prev = s.End
		}
		for _, q := range findQuotes(text, 0, len(text)) {
			if q.outer.start > q.inner.start || q.inner.end > q.outer.end || q.inner.start > q.inner.end {
				t.Fatalf("findQuotes(%q): bad quote %+v", text, q)
			}
		}
	})
}

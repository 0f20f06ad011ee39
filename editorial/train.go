package editorial

import "github.com/wirediff/wirediff/quotation"

// SentenceExample returns the training example of sentence s of text for
// the bias or the opinion model, of class y.
func SentenceExample(text string, s Range, ctx Context, y bool) Example {
	c := newContext(text, s, ctx)
	return Example{fs: c.sentenceFeatures(nil, loadLexicons()), Y: y}
}

// WordExamples returns the training examples of the word model in
// sentence s of text: one for every word that can be loaded wording (as
// the detector chooses them), of class loaded(token).
func WordExamples(text string, s Range, ctx Context, loaded func(Token) bool) []Example {
	c := newContext(text, s, ctx)
	lx := loadLexicons()
	var out []Example
	for i, t := range c.toks {
		if c.inQuote[i] && !c.scare[i] || !candidate(c, i) {
			continue
		}
		out = append(out, Example{fs: c.wordFeatures(nil, i, lx), Y: loaded(t)})
	}
	return out
}

// InQuote returns a function reporting whether a byte offset of text lies
// inside one of its quotations, the marks included, as package quotation
// finds them: double, single, low-9 and guillemet marks, a single mark
// only at a word's start or end (it is also the apostrophe).
func InQuote(text string) func(int) bool {
	var qs quoteSet
	for _, q := range quotation.Find(text) {
		// Quotations close in order, and one that runs on from its
		// paragraph's start encloses those closed before it there.
		for len(qs) > 0 && qs[len(qs)-1].Start >= q.Start {
			qs = qs[:len(qs)-1]
		}
		qs = append(qs, Range{q.Start, q.End})
	}
	return qs.covers
}

// With returns e as an example of class y.
func (e Example) With(y bool) Example {
	e.Y = y
	return e
}

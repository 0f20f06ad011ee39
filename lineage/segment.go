package lineage

import (
	"slices"
	"sort"

	"github.com/wirediff/wirediff/quotation"
	"github.com/wirediff/wirediff/similarity"
)

// span is a half-open byte range [start, end) of an article's Text.
type span struct{ start, end int }

// quote is one quotation in an article: outer includes the quotation marks,
// inner is the quoted text. unclosed: where it ends is a guess (see
// [quotation.Quote]).
type quote struct {
	outer, inner span
	unclosed     bool
}

// findQuotes returns the quotations in text[start:end], as package
// quotation finds them.
func findQuotes(text string, start, end int) []quote {
	qs := quotation.FindIn(text, start, end)
	out := make([]quote, len(qs))
	for i, q := range qs {
		out[i] = quote{outer: span{q.Start, q.End}, inner: span{q.InnerStart, q.InnerEnd}, unclosed: q.Unclosed}
	}
	return out
}

// quoteIndex answers position queries on a document's quotations in
// logarithmic time. Quotations may nest (a run-on quotation encloses one
// closed earlier on its line), so it keeps, beside the quotations ordered
// by outer start, the largest outer end seen so far in that order.
type quoteIndex struct {
	qs      []quote
	byStart []int // indices into qs, by outer start
	maxEnd  []int // maxEnd[k]: the largest outer end of qs[byStart[:k+1]]
}

func newQuoteIndex(qs []quote) quoteIndex {
	x := quoteIndex{qs: qs, byStart: make([]int, len(qs)), maxEnd: make([]int, len(qs))}
	for i := range qs {
		x.byStart[i] = i
	}
	slices.SortStableFunc(x.byStart, func(a, b int) int { return qs[a].outer.start - qs[b].outer.start })
	end := 0
	for k, i := range x.byStart {
		end = max(end, qs[i].outer.end)
		x.maxEnd[k] = end
	}
	return x
}

// startsBefore returns how many quotations start before pos.
func (x *quoteIndex) startsBefore(pos int) int {
	return sort.Search(len(x.byStart), func(k int) bool { return x.qs[x.byStart[k]].outer.start >= pos })
}

// covers reports whether a quotation (quotation marks included) covers
// byte pos.
func (x *quoteIndex) covers(pos int) bool {
	k := x.startsBefore(pos + 1)
	return k > 0 && x.maxEnd[k-1] > pos
}

// overlapping returns, in increasing order, the indices of the quotations
// whose outer range overlaps [start, end).
func (x *quoteIndex) overlapping(start, end int) []int {
	var out []int
	for k := x.startsBefore(end) - 1; k >= 0 && x.maxEnd[k] > start; k-- {
		if i := x.byStart[k]; x.qs[i].outer.end > start {
			out = append(out, i)
		}
	}
	slices.Sort(out)
	return out
}

// tokens returns the word tokens of text[start:end] with absolute offsets.
func tokens(text string, start, end int) []similarity.Token {
	return similarity.AppendTokens(nil, text, start, end)
}

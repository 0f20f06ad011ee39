package lineage

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wirediff/wirediff/similarity"
)

// span is a half-open byte range [start, end) of an article's Text.
type span struct{ start, end int }

// quote is one quotation in an article: outer includes the quotation marks,
// inner is the quoted text.
type quote struct {
	outer, inner span
}

// findQuotes returns the quotations in text[start:end]: text between curly
// double quotes (“…”), and between straight double quotes paired within a
// line. A quotation left open at the end of a paragraph is closed there, as
// news style reopens a quote that runs on into the next paragraph.
//
// A closing mark with none open before it in the paragraph ends a
// quotation that began at the paragraph's start, for the same reason (the
// last paragraph of a run-on quotation): a closing curly quote (”), or a
// straight one after terminal punctuation at the end of the paragraph
// (`… to the greatest of us."`).
func findQuotes(text string, start, end int) []quote {
	var out []quote
	open := -1
	lineStart := start
	var closer rune
	for i := start; i < end; {
		r, n := utf8.DecodeRuneInString(text[i:end])
		switch {
		case r == '\n':
			if open >= 0 {
				out = appendQuote(out, open, i, i, text)
				open = -1
			}
			lineStart = i + n
		case open < 0 && (r == '”' || r == '"' && closesParagraph(text, i, end)):
			out = appendRunOn(out, text, lineStart, i, i+n)
		case open < 0 && (r == '“' || r == '"' || r == '„'):
			open = i
			closer = '”'
			if r == '"' {
				closer = '"'
			}
		case open >= 0 && r == closer:
			out = appendQuote(out, open, i, i+n, text)
			open = -1
		case open >= 0 && r == '“' && closer == '”':
			// A second opening mark: the first was never closed.
			open = i
		}
		i += n
	}
	if open >= 0 {
		out = appendQuote(out, open, end, end, text)
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

// closesParagraph reports whether the straight quote at i follows terminal
// punctuation and ends its paragraph.
func closesParagraph(text string, i, end int) bool {
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	if !strings.ContainsRune(".,!?…", prev) {
		return false
	}
	rest := text[i+1 : end]
	if nl := strings.IndexByte(rest, '\n'); nl >= 0 {
		rest = rest[:nl]
	}
	return strings.TrimSpace(rest) == ""
}

// appendRunOn appends the quotation that runs from the paragraph start
// lineStart (after leading white space) to a closing mark at [closeAt,
// outerEnd).
func appendRunOn(out []quote, text string, lineStart, closeAt, outerEnd int) []quote {
	for lineStart < closeAt {
		r, n := utf8.DecodeRuneInString(text[lineStart:closeAt])
		if !unicode.IsSpace(r) {
			break
		}
		lineStart += n
	}
	q := quote{outer: span{lineStart, outerEnd}, inner: span{lineStart, closeAt}}
	if strings.TrimSpace(text[lineStart:closeAt]) == "" {
		return out
	}
	return append(out, q)
}

func appendQuote(out []quote, open, innerEnd, outerEnd int, text string) []quote {
	_, n := utf8.DecodeRuneInString(text[open:])
	q := quote{outer: span{open, outerEnd}, inner: span{open + n, innerEnd}}
	if strings.TrimSpace(text[q.inner.start:q.inner.end]) == "" {
		return out
	}
	return append(out, q)
}

// tokens returns the word tokens of text[start:end] with absolute offsets.
func tokens(text string, start, end int) []similarity.Token {
	return similarity.AppendTokens(nil, text, start, end)
}

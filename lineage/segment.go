package lineage

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/internal/punkt"
	"github.com/wirediff/wirediff/similarity"
)

// span is a half-open byte range [start, end) of an article's Text.
type span struct{ start, end int }

// Segment splits the compared parts of a (a.Body(), i.e. Text minus
// Furniture) into sentences and returns their byte ranges in a.Text.
//
// A line break ends a sentence, because news pages put headings, list
// items and captions on lines of their own without final punctuation,
// except where the text is hard-wrapped: a line that does not end in
// terminal punctuation, is not in title case, and is either followed by a
// line starting in lower case or at least softWrapMin bytes long, runs on
// into the next line unless that starts a list item. Each run of lines is
// then split by Punkt (Kiss & Strunk 2006) with the English model bundled
// with github.com/neurosnap/sentences. Leading and trailing white space is
// trimmed from every sentence, and ranges without a letter or a digit are
// dropped.
func Segment(a *corpus.Article) ([]corpus.Span, error) {
	var out []corpus.Span
	for _, b := range a.Body() {
		start, end := clampSpan(b.Start, b.End, len(a.Text))
		runStart := start
		for start < end {
			nl := strings.IndexByte(a.Text[start:end], '\n')
			lineEnd := end
			if nl >= 0 {
				lineEnd = start + nl
			}
			next := ""
			if lineEnd < end {
				next = a.Text[lineEnd+1 : end]
				if i := strings.IndexByte(next, '\n'); i >= 0 {
					next = next[:i]
				}
			}
			if next == "" || !softWrap(a.Text[start:lineEnd], next) && !listRun(a.Text[start:lineEnd], next) {
				var err error
				if out, err = appendLineSentences(out, a.Text, runStart, lineEnd); err != nil {
					return nil, err
				}
				runStart = lineEnd + 1
			}
			start = lineEnd + 1
		}
	}
	return out, nil
}

// softWrapMin is the least length of a line that runs on into the next
// when that starts in upper case.
const softWrapMin = 40

// softWrap reports whether the break between line and next is a hard wrap
// inside a paragraph.
func softWrap(line, next string) bool {
	line = strings.TrimSpace(line)
	next = strings.TrimSpace(next)
	if line == "" || next == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	if strings.ContainsRune(".!?:;\"”')…", last) || titleCase(line) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(next)
	if strings.ContainsRune("-*•–—", first) || unicode.IsDigit(first) {
		return false
	}
	return unicode.IsLower(first) || len(line) >= softWrapMin
}

// listRun reports whether line and next are items of one enumeration: two
// list items that are phrases, not sentences ("- Peace in Ukraine",
// "- Security guarantees"), which state one fact together as a sentence
// listing them would ("four areas: peace in Ukraine, security
// guarantees, …").
func listRun(line, next string) bool {
	phrase := func(s string) bool {
		s = strings.TrimSpace(s)
		if !isBullet(s) {
			return false
		}
		last, _ := utf8.DecodeLastRuneInString(s)
		return !strings.ContainsRune(".!?…\"”", last) && len(strings.Fields(s)) <= maxItemWords
	}
	return phrase(line) && phrase(next)
}

// maxItemWords is the most words of a list item read as a phrase of an
// enumeration.
const maxItemWords = 12

// titleCase reports whether most words of four letters or more in line
// start in upper case, as in headings.
func titleCase(line string) bool {
	upper, n := 0, 0
	for _, w := range strings.Fields(line) {
		if utf8.RuneCountInString(w) < 4 {
			continue
		}
		n++
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			upper++
		}
	}
	return n > 0 && 10*upper >= 6*n
}

func clampSpan(start, end, n int) (int, int) {
	start = max(0, min(start, n))
	end = max(start, min(end, n))
	return start, end
}

func appendLineSentences(out []corpus.Span, text string, start, end int) ([]corpus.Span, error) {
	line := text[start:end]
	if strings.TrimSpace(line) == "" {
		return out, nil
	}
	sents, err := punkt.Tokenize(line)
	if err != nil {
		return nil, fmt.Errorf("lineage: %w", err)
	}
	prev := 0
	for _, s := range sents {
		// Punkt's offsets are byte offsets into line; guard against
		// anything out of order so a bad boundary never loses text.
		if s.Start < prev || s.End > len(line) || s.End <= s.Start {
			continue
		}
		if s.End < len(line) && startsLower(line[s.End:]) {
			// Punkt's orthographic check covers periods only; a
			// sentence does not start with a lower-case word, so a "?"
			// or "!" before one is inside the sentence ("“Why?” he
			// asked", wiki markup such as "PageRank? denotes").
			continue
		}
		out = appendTrimmed(out, text, start+prev, start+s.End)
		prev = s.End
	}
	if prev < len(line) {
		out = appendTrimmed(out, text, start+prev, end)
	}
	return out, nil
}

// startsLower reports whether the first word of s is all lower-case
// letters (so "iPhone" and "eBay" do not count).
func startsLower(s string) bool {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	s = strings.TrimLeft(s, "\"“”'‘’([")
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsLower(r) {
		return false
	}
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(s)
	}
	return strings.ToLower(s[:end]) == s[:end]
}

func appendTrimmed(out []corpus.Span, text string, start, end int) []corpus.Span {
	for start < end {
		r, n := utf8.DecodeRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	if !strings.ContainsFunc(text[start:end], func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
		return out
	}
	return append(out, corpus.Span{Start: start, End: end})
}

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

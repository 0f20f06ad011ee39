package layout

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/internal/punkt"
)

// Sentences splits the compared parts of a (a.Body(), i.e. Text minus
// Furniture) into sentences and returns their byte ranges in a.Text.
//
// A line break ends a sentence, because news pages put headings, list
// items and captions on lines of their own without final punctuation,
// except where the text is hard-wrapped (see [softWrap]) or two list
// items are phrases of one enumeration (see [listRun]). Each run of lines
// is then split by Punkt (Kiss & Strunk 2006) with the English model
// bundled with github.com/neurosnap/sentences. Leading and trailing white
// space is trimmed from every sentence, and ranges without a letter or a
// digit are dropped.
func Sentences(a *corpus.Article) ([]corpus.Span, error) {
	var out []corpus.Span
	for _, r := range runs(a, func(line, next string, width int) bool {
		return softWrap(line, next, width) || listRun(line, next)
	}) {
		var err error
		if out, err = appendLineSentences(out, a.Text, r.Start, r.End); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// runs returns the runs of lines of a's body that join says run on, each
// line into the next, as spans of a.Text: join is asked of each line and
// the next in a span of the body, and of the width of the text's longest
// line.
func runs(a *corpus.Article, join func(line, next string, width int) bool) []corpus.Span {
	var out []corpus.Span
	ls := bodyLines(a)
	width := wrapWidth(a.Text, ls)
	runStart := -1
	for i, l := range ls {
		if runStart < 0 {
			runStart = l.start
		}
		if !l.last && join(a.Text[l.start:l.end], a.Text[ls[i+1].start:ls[i+1].end], width) {
			continue
		}
		out = append(out, corpus.Span{Start: runStart, End: l.end})
		runStart = -1
	}
	return out
}

// line is a line of an article's body: [start, end) in its Text, without
// the line break; last marks the last line of a span of the body.
type line struct {
	start, end int
	last       bool
}

// bodyLines returns the lines of a's body, blank lines included.
func bodyLines(a *corpus.Article) []line {
	var out []line
	for _, b := range a.Body() {
		start, end := Clamp(b.Start, b.End, len(a.Text))
		for start < end {
			e := end
			if nl := strings.IndexByte(a.Text[start:end], '\n'); nl >= 0 {
				e = start + nl
			}
			out = append(out, line{start: start, end: e})
			start = e + 1
		}
		if len(out) > 0 {
			out[len(out)-1].last = true
		}
	}
	return out
}

// paragraphs returns the paragraphs of a's body: its lines, hard-wrapped
// lines joined (see [softWrap]), trimmed of white space; blank ones left
// out.
func paragraphs(a *corpus.Article) []corpus.Span {
	var out []corpus.Span
	for _, r := range runs(a, softWrap) {
		out = AppendTrimmed(out, a.Text, r.Start, r.End)
	}
	return out
}

// wrapWidth is the width, in characters, of the longest of lines of
// text: the width a hard-wrapped text is wrapped at, or more.
func wrapWidth(text string, lines []line) int {
	w := 0
	for _, l := range lines {
		w = max(w, utf8.RuneCountInString(strings.TrimSpace(text[l.start:l.end])))
	}
	return w
}

// abbreviationEnd is a line ending in an abbreviation: initials with
// full stops (U.S., D.C., a.m.) or a capitalized word of up to three
// letters and its stop (Mr., Gov., Jan.).
var abbreviationEnd = regexp.MustCompile(`(?:^|[\s(])(?:\pL\.){2,}$|(?:^|[\s(])\p{Lu}\pL{0,2}\.$`)

// softWrapMin is the least length of a line that runs on into the next
// when that starts in upper case.
const softWrapMin = 40

// softWrap reports whether the break between line and next is a hard wrap
// inside a paragraph, in a text whose longest line is width characters
// long. A line that ends in terminal punctuation ends its paragraph
// (unless it is an abbreviation's and a word in lower case follows);
// otherwise the break is a wrap when the next line's first word would not
// have fitted on the line within that width (the rule of the program that
// wrapped it; in a text of lines of softWrapMin characters or more),
// when the next line goes on in lower case, or when the line
// is at least softWrapMin bytes long, not in title case (a heading), and
// the next line starts no list item and no number.
func softWrap(line, next string, width int) bool {
	line = strings.TrimSpace(line)
	next = strings.TrimSpace(next)
	if line == "" || next == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	if strings.ContainsRune(".!?:;\"”')…", last) {
		// But an abbreviation wrapped at its full stop ("brief U.S.\n
		// allies", "Gov.\nand"): no sentence starts in lower case.
		return last == '.' && startsLower(next) && abbreviationEnd.MatchString(line)
	}
	word, _, _ := strings.Cut(next, " ")
	if width >= softWrapMin && utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) > width {
		return true
	}
	first, _ := utf8.DecodeRuneInString(next)
	if strings.ContainsRune("-*•–—", first) || unicode.IsDigit(first) {
		return false
	}
	return unicode.IsLower(first) || !titleCase(line) && len(line) >= softWrapMin
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

// Clamp returns [start, end) clamped to a text of n bytes, end no
// less than start.
func Clamp(start, end, n int) (int, int) {
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
		return nil, fmt.Errorf("layout: %w", err)
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
		out = AppendTrimmed(out, text, start+prev, start+s.End)
		prev = s.End
	}
	if prev < len(line) {
		out = AppendTrimmed(out, text, start+prev, end)
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

// AppendTrimmed appends text[start:end] trimmed of white space to out
// as a span, unless it holds no letter or digit.
func AppendTrimmed(out []corpus.Span, text string, start, end int) []corpus.Span {
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

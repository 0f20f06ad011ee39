// Package quotation finds the quotations of news text: the words an
// article puts in someone else's mouth, as opposed to the outlet's own.
//
// It reads the quotation marks of English and European news: double marks,
// curly (“…”) or straight ("…"); single marks, curly (‘…’) or straight
// ('…'), as British outlets and headlines quote; low-9 marks („…“ or „…”);
// and guillemets («…», »…«). Curly marks pair by direction; straight marks
// alternate within a paragraph; a straight " right after a digit is an inch
// or seconds mark (5'10", a 6" pipe) and opens none. Marks inside an open quotation are part of
// it (a quotation within a quotation).
//
// News prose lets a quotation run on into the next paragraph, reopening it
// with a fresh mark and closing only the last: a double quotation left open
// at the end of a paragraph ends there, and a closing mark with none open
// (a curly ”, or a straight " after terminal punctuation at the end of its
// paragraph) closes one that began at the paragraph's start. A single mark
// is also the apostrophe ("don't", "the '90s", "students' union"): it opens
// a quotation only at the start of a word (not of a year's digits) and
// closes one only at the end of a word, and a single mark that nothing closes in its paragraph opens
// none (the marks after it are read as if it were not there).
package quotation

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Quote is one quotation: Start and End bound it with its marks,
// InnerStart and InnerEnd without them (byte offsets). A quotation left open
// at a paragraph's end has no closing mark: InnerEnd == End.
type Quote struct {
	Start, End           int
	InnerStart, InnerEnd int
	// Unclosed: the quotation was left open at its paragraph's end (or
	// the text's) and the next paragraph does not reopen it, as a
	// quotation running on would. Where it ends is a guess: its closing
	// mark was left out, the text was cut, or the mark was a stray.
	Unclosed bool
}

// Find returns the quotations of text in order of their closing, see
// [FindIn].
func Find(text string) []Quote { return FindIn(text, 0, len(text)) }

// FindIn returns the quotations of text[start:end], with offsets into
// text, in the order they close. A quotation whose words are blank is left
// out. Quotations nest only as a run-on quotation encloses one closed
// earlier in its paragraph.
func FindIn(text string, start, end int) []Quote {
	var out []Quote
	open, openLen := -1, 0
	var closers string           // the marks that close the open quotation
	single := false              // the open quotation is in single marks
	var apostrophes map[int]bool // single marks that turned out to open no quotation
	lineStart := start
	for i := start; i <= end; {
		if open >= 0 && single && (i == end || text[i] == '\n') {
			// A single mark that nothing closed in its paragraph was an
			// apostrophe ("the '90s"): read on from just after it, so that
			// the quotations it hid are found.
			if apostrophes == nil {
				apostrophes = map[int]bool{}
			}
			apostrophes[open] = true
			i, open = open+openLen, -1
			continue
		}
		if i == end {
			break
		}
		r, n := utf8.DecodeRuneInString(text[i:end])
		switch {
		case r == '\n':
			if open >= 0 {
				out = appendOpen(out, text, open, i)
			}
			open = -1
			lineStart = i + n
		case open >= 0:
			switch {
			case strings.ContainsRune(closers, r) && (!single || wordEnd(text, i, n, end)):
				out = appendQuote(out, text, open, i, i+n)
				open = -1
			case r == '“' && closers == "”":
				open = i // a second opening mark: the first was never closed
			case single && (r == '‘' || r == '\'') && wordStart(text, i, n, end) && !digitAfter(text, i+n, end):
				open, openLen, closers = i, n, "’" // likewise: the first was an apostrophe ("'em")
				if r == '\'' {
					closers = "'"
				}
			}
		case r == '”' || r == '"' && closesParagraph(text, i, end):
			out = appendRunOn(out, text, lineStart, i, i+n)
		case r == '“':
			open, openLen, closers, single = i, n, "”", false
		case r == '"' && !digitBefore(text, i):
			open, openLen, closers, single = i, n, `"`, false
		case r == '„':
			open, openLen, closers, single = i, n, "“”", false
		case r == '«':
			open, openLen, closers, single = i, n, "»", false
		case r == '»':
			if next, _ := utf8.DecodeRuneInString(text[i+n : end]); isWordRune(next) {
				open, openLen, closers, single = i, n, "«", false // »…«, not a breadcrumb's "Home » News"
			}
		case (r == '‘' || r == '\'') && !apostrophes[i] && wordStart(text, i, n, end) && !digitAfter(text, i+n, end):
			open, openLen, closers, single = i, n, "’", true
			if r == '\'' {
				closers = "'"
			}
		}
		i += n
	}
	if open >= 0 {
		out = appendOpen(out, text, open, end)
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// wordStart reports whether the mark of n bytes at i stands at the start of
// a word: after no letter or digit and before one.
func wordStart(text string, i, n, end int) bool {
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	next, _ := utf8.DecodeRuneInString(text[i+n : end])
	return !isWordRune(prev) && isWordRune(next)
}

// digitAfter reports whether a digit starts text[i:end]: a single mark
// before one elides a year ("the '90s", "in ’08"), it quotes nothing.
func digitAfter(text string, i, end int) bool {
	return i < end && text[i] >= '0' && text[i] <= '9'
}

// digitBefore reports whether a digit ends text[:i]: a straight " there is
// an inch or seconds mark (5'10", a 6" pipe), it opens no quotation.
func digitBefore(text string, i int) bool {
	return i > 0 && text[i-1] >= '0' && text[i-1] <= '9'
}

// wordEnd reports whether the mark of n bytes at i stands at the end of a
// word or of its punctuation: after no space and before no letter or digit.
func wordEnd(text string, i, n, end int) bool {
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	next, _ := utf8.DecodeRuneInString(text[i+n : end])
	return i > 0 && !unicode.IsSpace(prev) && !isWordRune(next)
}

// closesParagraph reports whether the straight quote at i follows terminal
// punctuation and ends its paragraph (`… to the greatest of us."`).
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
func appendRunOn(out []Quote, text string, lineStart, closeAt, outerEnd int) []Quote {
	for lineStart < closeAt {
		r, n := utf8.DecodeRuneInString(text[lineStart:closeAt])
		if !unicode.IsSpace(r) {
			break
		}
		lineStart += n
	}
	if strings.TrimSpace(text[lineStart:closeAt]) == "" {
		return out
	}
	return append(out, Quote{Start: lineStart, End: outerEnd, InnerStart: lineStart, InnerEnd: closeAt})
}

// appendOpen appends the quotation opened by the mark at open and left open
// at i, the end of its paragraph or of the range read.
func appendOpen(out []Quote, text string, open, i int) []Quote {
	n := len(out)
	out = appendQuote(out, text, open, i, i)
	if len(out) > n && (i == len(text) || text[i] == '\n') {
		rest := strings.TrimLeftFunc(text[i:], unicode.IsSpace)
		r, _ := utf8.DecodeRuneInString(rest)
		out[n].Unclosed = !strings.ContainsRune(`"“„«»‘'`, r)
	}
	return out
}

// appendQuote appends the quotation opened by the mark at open, its words
// ending at innerEnd and its closing mark at outerEnd.
func appendQuote(out []Quote, text string, open, innerEnd, outerEnd int) []Quote {
	_, n := utf8.DecodeRuneInString(text[open:])
	q := Quote{Start: open, End: outerEnd, InnerStart: open + n, InnerEnd: innerEnd}
	if strings.TrimSpace(text[q.InnerStart:q.InnerEnd]) == "" {
		return out
	}
	return append(out, q)
}

package editorial

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wirediff/wirediff/internal/punkt"
)

// Token is one word of a text: the byte range [Start, End) and its lower
// case form. A word is a run of letters and digits, with apostrophes and
// hyphens inside it ("don't", "far-right").
type Token struct {
	Start, End int
	Lower      string
}

// Tokens returns the words of text[start:end].
func Tokens(text string, start, end int) []Token {
	var out []Token
	i := start
	for i < end {
		r, n := utf8.DecodeRuneInString(text[i:end])
		if !isWordRune(r) {
			i += n
			continue
		}
		j := i + n
		for j < end {
			r, n := utf8.DecodeRuneInString(text[j:end])
			if isWordRune(r) {
				j += n
				continue
			}
			if isJoiner(r) && j+n < end {
				if r2, _ := utf8.DecodeRuneInString(text[j+n : end]); isWordRune(r2) {
					j += n
					continue
				}
			}
			break
		}
		out = append(out, Token{Start: i, End: j, Lower: lower(text[i:j])})
		i = j
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isJoiner(r rune) bool { return r == '\'' || r == '’' || r == '-' }

// lower returns s in lower case with typographic apostrophes made plain.
func lower(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	return strings.ReplaceAll(strings.ToLower(s), "’", "'")
}

// Range is a byte range [Start, End) of a text.
type Range struct{ Start, End int }

// Quotes returns the quotations of text: the ranges between quotation
// marks, the marks included, in the styles of English and European news:
// double marks, curly (“…”) or straight ("…"); single marks, curly (‘…’)
// or straight ('…'), as British outlets and headlines quote; low-9 marks
// („…“ or „…”); and guillemets («…», »…«). Curly marks pair by
// direction; straight marks alternate within a paragraph. Marks inside an
// open quotation are part of it (a quotation within a quotation).
//
// A double quotation left open at the end of a paragraph ends there, as
// news prose lets a quotation run on into the next paragraph with a fresh
// opening mark; a closing ” with none open closes one from the paragraph's
// start. A single mark is also the apostrophe ("don't", "the '90s",
// "students' union"): it opens a quotation only at the start of a word
// and closes one only at the end of a word, and a single quotation still
// open at the end of its paragraph is none.
func Quotes(text string) []Range {
	var out []Range
	open := -1
	var closers string // the marks that close the open quotation
	for i, r := range text {
		if r == '\n' {
			if open >= 0 && !strings.ContainsAny(closers, "’'") {
				out = append(out, Range{open, i})
			}
			open = -1
			continue
		}
		if open >= 0 {
			switch {
			case strings.ContainsRune(closers, r) && (r != '’' && r != '\'' || wordEnd(text, i, len(string(r)))):
				out = append(out, Range{open, i + len(string(r))})
				open = -1
			case r == '“' && closers == "”":
				open = i // a second opening mark: the first was never closed
			}
			continue
		}
		switch r {
		case '“':
			open, closers = i, "”"
		case '"':
			open, closers = i, `"`
		case '„':
			open, closers = i, "“”"
		case '«':
			open, closers = i, "»"
		case '»':
			if next, _ := utf8.DecodeRuneInString(text[i+len("»"):]); isWordRune(next) {
				open, closers = i, "«" // »…«, not a breadcrumb's "Home » News"
			}
		case '‘', '\'':
			if wordStart(text, i, len(string(r))) {
				open, closers = i, "’"
				if r == '\'' {
					closers = "'"
				}
			}
		case '”':
			out = append(out, Range{paragraphStart(text, i), i + len("”")})
		}
	}
	if open >= 0 && !strings.ContainsAny(closers, "’'") {
		out = append(out, Range{open, len(text)})
	}
	return out
}

// wordStart reports whether the mark of n bytes at i stands at the start of
// a word: after no letter or digit and before one.
func wordStart(text string, i, n int) bool {
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	next, _ := utf8.DecodeRuneInString(text[i+n:])
	return !isWordRune(prev) && isWordRune(next)
}

// wordEnd reports whether the mark of n bytes at i stands at the end of a
// word or of a phrase's punctuation: after no space and before no letter
// or digit.
func wordEnd(text string, i, n int) bool {
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	next, _ := utf8.DecodeRuneInString(text[i+n:])
	return i > 0 && !unicode.IsSpace(prev) && !isWordRune(next)
}

func paragraphStart(text string, i int) int {
	return strings.LastIndexByte(text[:i], '\n') + 1
}

// quoteSet answers whether a position lies inside a quotation.
type quoteSet []Range

func (q quoteSet) covers(pos int) bool {
	lo, hi := 0, len(q)
	for lo < hi {
		m := (lo + hi) / 2
		if q[m].End <= pos {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo < len(q) && q[lo].Start <= pos
}

// Sentences splits text into sentences: every line is a unit of its own,
// split further by Punkt (Kiss & Strunk 2006) with the English model
// bundled with github.com/neurosnap/sentences. Ranges are trimmed of white
// space, and ranges without a word are dropped.
func Sentences(text string) ([]Range, error) {
	var out []Range
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		line := text[start:end]
		if strings.TrimSpace(line) != "" {
			ss, err := punkt.Tokenize(line)
			if err != nil {
				return nil, fmt.Errorf("editorial: %w", err)
			}
			off := start
			for _, s := range ss {
				i := strings.Index(text[off:end], strings.TrimSpace(s.Text))
				if i < 0 {
					continue
				}
				a := off + i
				b := a + len(strings.TrimSpace(s.Text))
				if len(Tokens(text, a, b)) > 0 {
					out = append(out, Range{a, b})
				}
				off = b
			}
		}
		start = end + 1
	}
	return out, nil
}

package editorial

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/wirediff/wirediff/internal/punkt"
)

// Token is one word of a text: the byte range [Start, End) and its lower
// case form (NFC, so that a letter and a combining accent read as the
// letter they make: "re\u0301sume\u0301" is "résumé"). A word is a run of
// letters, digits and the combining marks after them, with apostrophes,
// hyphens and format characters inside it ("don't", "far-right",
// "reck\u00adless" with a soft hyphen); its lower-case form leaves the
// format characters out ("reckless").
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
			if isWordRune(r) || unicode.IsMark(r) {
				j += n
				continue
			}
			if (isJoiner(r) || unicode.Is(unicode.Cf, r)) && j+n < end {
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

// lower returns s in lower case (NFC) with typographic apostrophes made
// plain and format characters left out.
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
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '’':
			return '\''
		case unicode.Is(unicode.Cf, r):
			return -1 // a soft hyphen, a zero-width joiner, a direction mark
		}
		return r
	}, strings.ToLower(s))
	return norm.NFC.String(s)
}

// Range is a byte range [Start, End) of a text.
type Range struct{ Start, End int }

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

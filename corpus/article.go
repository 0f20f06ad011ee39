package corpus

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Span is a half-open byte range [Start, End) into an article's Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Article is one news article as read from the corpus.
//
// Text is the article text as read (HTML entities decoded, line endings
// normalized to \n); every offset wirediff reports points into it.
// Furniture lists the byte ranges of Text that were recognized as metadata
// or site furniture (a " date 2025-11-18" prefix, a dateline, a slug line,
// "You must Register or Login to post a comment."): they are kept, so no
// text is lost, but they are excluded from comparison.
type Article struct {
	ID     string `json:"id"`
	Outlet string `json:"outlet,omitempty"`
	Title  string `json:"title,omitempty"`
	// DerivedTitle, for an article without a Title, is the first
	// sentence of its body, as [Article.ShownTitle] shows it; set by
	// [Article.ExtractMetadata]. It is shown, never compared.
	DerivedTitle string    `json:"derived_title,omitempty"`
	Byline       string    `json:"byline,omitempty"`
	City         string    `json:"city,omitempty"`     // of the dateline or slug, as written ("WASHINGTON")
	Edition      string    `json:"edition,omitempty"`  // named in a slug ("Morning Edition")
	Published    time.Time `json:"published,omitzero"` // zero when unknown; in [NoZone] when the source gave no zone
	// DateInText says that Published was found in the opening of Text,
	// printed between headline and story ("... rehab May 3, 2013 at 7:31
	// AM ET Early Friday ..."), and not given by the record, front matter,
	// a date prefix or a dateline line. Such a date is shown, but grouping
	// leaves it out of its date window: it may be an update time or a
	// date of the story, and in a corpus where some articles have one and
	// others none, the window keeps the undated ones within reach of
	// every article (on ECB+ dev the 7-day window over such dates cut
	// story B-cubed F1 from 0.943 to 0.904).
	DateInText bool   `json:"date_in_text,omitempty"`
	URL        string `json:"url,omitempty"`
	Text       string `json:"text"`
	Furniture  []Span `json:"furniture,omitempty"`
	Origin     string `json:"origin,omitempty"` // "path:line" it was read from
}

// Body returns the parts of Text that are compared, in order, as spans:
// Text minus Furniture.
func (a *Article) Body() []Span {
	var out []Span
	pos := 0
	for _, f := range a.Furniture {
		if f.Start > pos {
			out = append(out, Span{pos, f.Start})
		}
		if f.End > pos {
			pos = f.End
		}
	}
	if pos < len(a.Text) {
		out = append(out, Span{pos, len(a.Text)})
	}
	return out
}

// MaxIDBytes is the longest article ID [Read] accepts, in bytes.
const MaxIDBytes = 4096

// CheckID reports why id cannot name an article: empty, longer than
// [MaxIDBytes], or holding a control character (a tab or a line break
// would break every line-oriented listing of IDs, an escape sequence a
// terminal). Every other string is a valid ID, kept byte for byte.
func CheckID(id string) error {
	switch {
	case id == "":
		return fmt.Errorf("empty id")
	case len(id) > MaxIDBytes:
		return fmt.Errorf("id of %d bytes, longer than %d", len(id), MaxIDBytes)
	}
	if i := strings.IndexFunc(id, unicode.IsControl); i >= 0 {
		r := []rune(id[i:])[0]
		return fmt.Errorf("id %.40q has control character %U at byte %d", id, r, i)
	}
	return nil
}

// cleanID is a record's own ID: a leading byte order mark and surrounding
// white space removed, nothing else changed (two IDs that differ inside,
// even only in spacing or an HTML entity, name different articles).
func cleanID(s string) string {
	return strings.TrimSpace(strings.TrimPrefix(s, bom))
}

// maxDerivedTitle bounds a title taken from the first sentence, in bytes.
const maxDerivedTitle = 160

// ShownTitle returns the title to show for a: Title when it has one, with
// derived false; else DerivedTitle, or when that is empty the first
// sentence of its body, cut at a word to at most 160 bytes with "…", with
// derived true. Lines that are photo captions are passed over. It is ""
// when the body has no sentence. Title itself is left empty: a derived
// title is not compared.
func (a *Article) ShownTitle() (title string, derived bool) {
	if a.Title != "" {
		return a.Title, false
	}
	if a.DerivedTitle != "" {
		return a.DerivedTitle, true
	}
	return a.firstSentence()
}

// firstSentence returns the first sentence of a's body as ShownTitle
// shows it, and whether there is one.
func (a *Article) firstSentence() (string, bool) {
	for _, sp := range a.Body() {
		for ln := range strings.SplitSeq(a.Text[sp.Start:sp.End], "\n") {
			ln = cleanField(ln)
			if ln == "" || captionRe.MatchString(ln) {
				continue
			}
			return cutAtWord(firstSentence(ln), maxDerivedTitle), true
		}
	}
	return "", false
}

// firstSentence returns s up to the end of its first sentence: a ".", "!"
// or "?" (and a closing quote) followed by a space and a capital, a digit
// or a quote, unless the period ends an abbreviation ("U.S.", "Mr.", a
// single letter).
func firstSentence(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		end := i + 1
		for end < len(s) && strings.ContainsRune(`"')”’`, rune(s[end])) {
			end++
		}
		if end < len(s) && s[end] >= 0x80 { // a closing curly quote
			if r, n := utf8.DecodeRuneInString(s[end:]); r == '”' || r == '’' {
				end += n
			}
		}
		if end >= len(s) {
			return s
		}
		if s[end] != ' ' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[end+1:])
		if !unicode.IsUpper(next) && !unicode.IsDigit(next) && !strings.ContainsRune(`"'“‘`, next) {
			continue
		}
		if c == '.' && abbreviation(s[:i]) {
			continue
		}
		return s[:end]
	}
	return s
}

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "jr": true, "sr": true, "gen": true, "sen": true,
	"rep": true, "gov": true, "lt": true, "col": true, "sgt": true, "capt": true, "prof": true, "rev": true,
	"vs": true, "inc": true, "co": true, "corp": true, "ltd": true, "calif": true, "mass": true,
	"jan": true, "feb": true, "aug": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

// abbreviation reports whether the word at the end of s is an
// abbreviation: one letter, one holding a period ("U.S"), or a known one.
func abbreviation(s string) bool {
	w := s[strings.LastIndexAny(s, " \t(\"“")+1:]
	return utf8.RuneCountInString(w) == 1 || strings.Contains(w, ".") || abbreviations[strings.ToLower(w)]
}

// cutAtWord returns s, or when it is longer than n bytes its longest
// prefix of whole words that fits, with "…".
func cutAtWord(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut <= 0 {
		cut = n
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " ,;:") + "…"
}

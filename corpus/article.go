package corpus

import (
	"fmt"
	"strings"
	"time"
	"unicode"
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
	ID        string    `json:"id"`
	Outlet    string    `json:"outlet,omitempty"`
	Title     string    `json:"title,omitempty"`
	Byline    string    `json:"byline,omitempty"`
	Published time.Time `json:"published,omitzero"` // zero when unknown
	URL       string    `json:"url,omitempty"`
	Text      string    `json:"text"`
	Furniture []Span    `json:"furniture,omitempty"`
	Origin    string    `json:"origin,omitempty"` // "path:line" it was read from
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

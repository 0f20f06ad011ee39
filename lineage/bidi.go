package lineage

import (
	"html/template"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// bidiNames finds, in a sentence the report writes (a reason, a note),
// the article IDs and outlet names of a group, and the texts it quotes
// from articles (“…”), so that a page can isolate each of them: an
// Arabic outlet name, or a direction override left open in an ID, then
// reorders none of the sentence around it (titles and texts are
// isolated where the page shows them).
type bidiNames struct {
	// byKey holds the names by their first run of letters and digits
	// (or their first character, when it is neither), longest first.
	byKey map[string][]string
}

// newBidiNames returns the IDs and outlets of r (and of its reverse)
// for isolating.
func newBidiNames(r *Report) *bidiNames {
	b := &bidiNames{byKey: map[string][]string{}}
	seen := map[string]bool{}
	add := func(name string) {
		if name == "" || name == "-" || seen[name] {
			return
		}
		seen[name] = true
		k := nameKey(name)
		b.byKey[k] = append(b.byKey[k], name)
	}
	for rr := r; rr != nil; rr = rr.Reverse {
		add(rr.Reference.SourceID)
		add(rr.Reference.Outlet)
		for _, m := range rr.Members {
			add(m.ID)
			add(m.Outlet)
			add(m.CopyOf)
		}
	}
	for _, names := range b.byKey {
		slices.SortFunc(names, func(x, y string) int { return len(y) - len(x) })
	}
	return b
}

// nameKey is what [bidiNames] files s under: its first run of letters
// and digits, or its first character when that is neither.
func nameKey(s string) string {
	end := strings.IndexFunc(s, func(r rune) bool { return !wordRune(r) })
	switch {
	case end < 0:
		return s
	case end > 0:
		return s[:end]
	}
	_, n := utf8.DecodeRuneInString(s)
	return s[:n]
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// segments calls emit for each piece of s in order, isolate true for a
// name or the text of a quotation (without its marks).
func (b *bidiNames) segments(s string, emit func(piece string, isolate bool)) {
	plain := 0
	for i := 0; i < len(s); {
		if strings.HasPrefix(s[i:], "“") {
			if end := strings.Index(s[i+len("“"):], "”"); end > 0 {
				inner := i + len("“")
				emit(s[plain:inner], false)
				emit(s[inner:inner+end], true)
				i, plain = inner+end, inner+end
				continue
			}
		}
		if name := b.nameAt(s, i); name != "" {
			emit(s[plain:i], false)
			emit(name, true)
			i += len(name)
			plain = i
			continue
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
	emit(s[plain:], false)
}

// nameAt returns the longest name that s holds at byte i, standing apart
// from the words around it, or "".
func (b *bidiNames) nameAt(s string, i int) string {
	if b == nil || len(b.byKey) == 0 {
		return ""
	}
	if before, _ := utf8.DecodeLastRuneInString(s[:i]); i > 0 && wordRune(before) {
		if r, _ := utf8.DecodeRuneInString(s[i:]); wordRune(r) {
			return "" // inside a word
		}
	}
	for _, name := range b.byKey[nameKey(s[i:])] {
		if !strings.HasPrefix(s[i:], name) {
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(name)
		if next, _ := utf8.DecodeRuneInString(s[i+len(name):]); i+len(name) < len(s) && wordRune(last) && wordRune(next) {
			continue // the start of a longer word
		}
		return name
	}
	return ""
}

// HTML returns s escaped, with its names and quoted texts in bdi
// elements.
func (b *bidiNames) HTML(s string) template.HTML {
	var out strings.Builder
	b.segments(s, func(piece string, isolate bool) {
		if piece == "" {
			return
		}
		if isolate {
			out.WriteString("<bdi>" + template.HTMLEscapeString(piece) + "</bdi>")
		} else {
			out.WriteString(template.HTMLEscapeString(piece))
		}
	})
	return template.HTML(out.String())
}

// Text returns s with its names and quoted texts between the Unicode
// isolate marks (FSI … PDI), for an attribute, which holds no markup.
func (b *bidiNames) Text(s string) string {
	var out strings.Builder
	b.segments(s, func(piece string, isolate bool) {
		if isolate && piece != "" {
			out.WriteString("\u2068" + piece + "\u2069")
		} else {
			out.WriteString(piece)
		}
	})
	return out.String()
}

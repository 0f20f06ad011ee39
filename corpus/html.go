package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/wirediff/wirediff/internal/lazyregexp"
)

// Markup in text fields. Feeds and content APIs (RSS content:encoded,
// CMS exports, WordPress's content.rendered) give an article's body as an
// HTML fragment. Read as text, its tags and attribute values would be
// words: shingles shared with every other page of the site, search hits
// on "href", "strong" read as loaded wording, and paragraphs run together
// where "</p><p>" stands without a space. Such a field is read as a
// browser shows it instead: the text of the fragment, a blank line
// between blocks (paragraphs, headings, list items, captions), a line
// break for <br>, white space collapsed outside <pre>, and nothing of
// scripts, styles, embedded frames or comments.

// markup finds what only markup writes: the end tag of a common element,
// <br>, or an <img> with attributes. A "<" in prose ("a < b", "<3",
// "if x<y and z>w", "the <p> tag") is none of these, so plain text stays
// as it is.
var markup = lazyregexp.New(`(?i)</(?:p|div|span|a|b|i|u|s|q|em|strong|small|mark|sub|sup|cite|abbr|time|font|center|del|ins|strike|ul|ol|li|dl|dt|dd|h[1-6]|blockquote|figure|figcaption|caption|table|thead|tbody|tr|td|th|section|article|header|footer|aside|nav|main|pre|label|script|style|iframe)\s*>|<br\s*/?>|<img\s[^<>]*>`)

// isMarkup reports whether s is an HTML fragment (see [markup]).
func isMarkup(s string) bool {
	return strings.IndexByte(s, '<') >= 0 && markup.MatchString(s)
}

// Elements whose content is not shown as text, and elements that stand
// as blocks of their own (a blank line before and after).
var (
	hiddenElements = map[string]bool{
		"script": true, "style": true, "noscript": true, "template": true, "iframe": true,
		"object": true, "svg": true, "math": true, "head": true, "select": true,
	}
	blockElements = map[string]bool{
		"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
		"ul": true, "ol": true, "li": true, "dl": true, "dt": true, "dd": true, "blockquote": true,
		"figure": true, "figcaption": true, "caption": true, "table": true, "tr": true, "hr": true,
		"section": true, "article": true, "header": true, "footer": true, "aside": true, "nav": true,
		"main": true, "pre": true, "address": true, "details": true, "summary": true, "body": true,
	}
)

// markupText returns the text of the HTML fragment s as a browser shows
// it (see above), but for the stray tags keepStrayTags keeps as text.
// Character references are decoded.
func markupText(s string) string {
	s = keepStrayTags(s)
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		// The parser refuses elements nested more than 512 deep: read
		// the fragment's tokens instead, so that no text is lost.
		return tokenText(s)
	}
	var w textWriter
	for _, n := range nodes {
		w.node(n)
	}
	return w.b.String()
}

// keepStrayTags returns s with the "<" of each stray tag escaped, so that
// it is read as text: a start tag of no HTML element (nor a custom
// element, named with a hyphen, nor a namespaced one, with a colon) that
// has no attributes and that no end tag closes. Wire copy names companies
// by their ticker codes in angle brackets ("Acme Corp <ACME.N> rose"),
// which a feed may leave unescaped in an HTML body; a browser would hide
// them as unknown elements, and with them the only word that names the
// company's listing.
func keepStrayTags(s string) string {
	type tag struct {
		at   int
		name string
	}
	var stray []tag
	closed := map[string]bool{}
	z := html.NewTokenizer(strings.NewReader(s))
	for at := 0; ; {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := len(z.Raw())
		switch tt {
		case html.EndTagToken:
			name, _ := z.TagName()
			closed[string(name)] = true
		case html.StartTagToken:
			name, attrs := z.TagName()
			if !attrs && atom.Lookup(name) == 0 && !strings.ContainsAny(string(name), "-:") {
				stray = append(stray, tag{at, string(name)})
			}
		}
		at += raw
	}
	if len(stray) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, t := range stray {
		if closed[t.name] || s[t.at] != '<' {
			continue
		}
		b.WriteString(s[last:t.at])
		b.WriteString("&lt;")
		last = t.at + 1
	}
	b.WriteString(s[last:])
	return b.String()
}

// tokenText returns the text of the HTML fragment s read token by token,
// without building its tree: the text outside hidden elements, block
// elements apart, as [textWriter.node] writes them but for lists and
// tables.
func tokenText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var w textWriter
	hidden := 0
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			return w.b.String()
		case html.TextToken:
			if hidden == 0 {
				w.text(string(z.Text()), false)
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch tag := string(name); {
			case hiddenElements[tag]:
				if tt == html.StartTagToken {
					hidden++
				} else if tt == html.EndTagToken && hidden > 0 {
					hidden--
				}
			case tag == "br":
				w.brk(1)
			case blockElements[tag]:
				w.brk(2)
			}
		}
	}
}

// nodeText returns the text of the HTML tree n as [markupText] reads it.
func nodeText(n *html.Node) string {
	var w textWriter
	w.node(n)
	return w.b.String()
}

// node writes the text of the tree n: a list item starts with "• ", a
// table cell ends with a tab. The walk keeps its own stack, so that a page
// nested however deep cannot exhaust the goroutine's.
func (w *textWriter) node(root *html.Node) {
	type frame struct {
		n    *html.Node
		pre  bool // inside <pre>
		exit bool // the element's children are written
	}
	stack := []frame{{n: root}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := f.n
		if n.Type == html.TextNode {
			w.text(n.Data, f.pre)
			continue
		}
		if n.Type != html.ElementNode && n.Type != html.DocumentNode {
			continue // comments, doctypes
		}
		tag := n.Data
		if n.Type == html.ElementNode && hiddenElements[tag] {
			continue
		}
		if f.exit {
			switch {
			case blockElements[tag]:
				w.brk(2)
			case tag == "td" || tag == "th":
				w.cell()
			}
			continue
		}
		switch {
		case tag == "br":
			w.brk(1)
			continue
		case blockElements[tag]:
			w.brk(2)
		}
		if tag == "li" {
			w.word("•")
			w.space = true
		}
		pre := f.pre || tag == "pre"
		stack = append(stack, frame{n: n, pre: f.pre, exit: true})
		// Children pushed last first, so that the first is written first.
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, frame{n: c, pre: pre})
		}
	}
}

// textWriter builds the text of a fragment: words and the white space,
// line breaks and blank lines that stand between them, none at its ends.
type textWriter struct {
	b     strings.Builder
	lines int  // line breaks owed before the next word: 1 or 2
	space bool // a space owed before the next word
	tab   bool // a tab owed before the next word (after a table cell)
}

// brk owes n line breaks (1: a new line, 2: a blank line) before the next
// word.
func (w *textWriter) brk(n int) {
	w.lines = max(w.lines, n)
	w.space, w.tab = false, false
}

// cell ends a table cell: a tab before the next word, unless a line
// break comes first.
func (w *textWriter) cell() {
	w.tab = true
}

// word writes s, which holds no white space (outside <pre>), after what
// is owed.
func (w *textWriter) word(s string) {
	if w.b.Len() > 0 {
		switch {
		case w.lines > 0:
			w.b.WriteString("\n\n"[:w.lines])
		case w.tab:
			w.b.WriteByte('\t')
		case w.space:
			w.b.WriteByte(' ')
		}
	}
	w.b.WriteString(s)
	w.lines, w.space, w.tab = 0, false, false
}

// text writes the text of a text token: white space collapsed to single
// spaces, or, in a <pre> block, as it is.
func (w *textWriter) text(s string, pre bool) {
	if pre {
		if s != "" {
			w.word(s)
		}
		return
	}
	fields := strings.Fields(s)
	if len(fields) == 0 {
		if s != "" {
			w.space = true
		}
		return
	}
	if blankLine.MatchString(s) {
		// A blank line within the text: a field that is plain text with
		// a tag or two in it, whose paragraphs are kept.
		w.paragraphs(s)
		return
	}
	if r, _ := utf8.DecodeRuneInString(s); unicode.IsSpace(r) { // U+00A0 too
		w.space = true
	}
	for i, f := range fields {
		if i > 0 {
			w.space = true
		}
		w.word(f)
	}
	if r, _ := utf8.DecodeLastRuneInString(s); unicode.IsSpace(r) {
		w.space = true
	}
}

// paragraphs writes s as [textWriter.text] does, each of its blank lines
// (white space holding two line breaks or more) a blank line.
func (w *textWriter) paragraphs(s string) {
	for i, para := range blankLine.Regexp().Split(s, -1) {
		if i > 0 {
			w.brk(2)
		}
		w.text(para, false)
	}
}

var blankLine = lazyregexp.New(`\n[ \t\r\f\v]*\n\s*`)

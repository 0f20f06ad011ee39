package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ErrFieldSpec is wrapped by the error [ParseFields] returns for a bad spec.
var ErrFieldSpec = errors.New("bad field spec")

// The canonical fields, in the order of fieldMap.keys.
const (
	fieldID = iota
	fieldOutlet
	fieldTitle
	fieldByline
	fieldPublished
	fieldURL
	fieldText
	numFields
)

// canonicalFields are the canonical field names, indexed by the field
// constants.
var canonicalFields = [numFields]string{"id", "outlet", "title", "byline", "published", "url", "text"}

// fieldAliases are the input names read for each canonical field, after the
// canonical name itself, in order of preference.
var fieldAliases = [numFields][]string{
	fieldID:        {"uri"},
	fieldOutlet:    {"source", "site", "publisher", "outlet_name", "source_domain", "copyrightholder"},
	fieldTitle:     {"headline", "webtitle", "headlines"},
	fieldByline:    {"author", "authors", "by"},
	fieldPublished: {"date", "published_at", "pubdate", "datetime", "pub_date", "publication_date", "webpublicationdate", "date_publish", "date_published", "published_date", "publish_date", "firstcreated", "versioncreated"},
	fieldURL:       {"link", "web_url", "weburl"},
	fieldText:      {"body", "content", "content_html", "content_text", "article", "maintext", "article_body", "article_text", "body_text", "full_text", "body_html", "bodies", "body_nitf"},
}

// foldKey returns a field name as it is matched: in lower case, without
// the spaces, hyphens and underscores that separate its words, so that
// "Published Date", "published_date" and "publishedDate" are one name
// (schema.org's datePublished and articleBody, a spreadsheet's "Article
// Text"). Dots, which separate the levels of a JSON path, and leading
// underscores stay.
func foldKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if !strings.ContainsAny(s, " _-\t") {
		return s
	}
	// Leading underscores mark a store's own fields (Elasticsearch's _id
	// and _source), which are not the article's id and source.
	body := strings.TrimLeft(s, "_")
	return s[:len(s)-len(body)] + strings.Map(func(r rune) rune {
		switch r {
		case ' ', '_', '-', '\t':
			return -1
		}
		return r
	}, body)
}

// tableHeader reads a table's header row: the column of each name as it
// is matched (see foldKey; the first of names that fold together, none
// for a blank name), and the names as written, in order.
func tableHeader(header []string) (map[string]int, []string) {
	cols := make(map[string]int, len(header))
	var names []string
	for i, h := range header {
		k := foldKey(h)
		if _, dup := cols[k]; dup || k == "" {
			continue
		}
		cols[k] = i
		names = append(names, strings.TrimSpace(h))
	}
	return cols, names
}

// fieldMap lists, for each canonical field, the input keys to try in
// order, folded (see foldKey), and the names they are written as.
type fieldMap struct {
	keys  [numFields][]string
	names [numFields][]string
}

// reads reports whether key k is one of a canonical field's keys.
func (m *fieldMap) reads(k string) bool {
	for f := range numFields {
		if slices.Contains(m.keys[f], k) {
			return true
		}
	}
	return false
}

// lookedFor lists the names of field f's keys for a message: "text, body,
// content, …".
func (m *fieldMap) lookedFor(f int) string { return strings.Join(m.names[f], ", ") }

var defaultFields = newFieldMap(nil)

// newFieldMap builds the lookup order from the aliases and the overrides
// (canonical name -> input name). An override replaces the default names of
// its field; overrides naming no canonical field are ignored.
func newFieldMap(over map[string]string) *fieldMap {
	m := &fieldMap{}
	for f := range numFields {
		for _, name := range append([]string{canonicalFields[f]}, fieldAliases[f]...) {
			if k := foldKey(name); !slices.Contains(m.keys[f], k) {
				m.keys[f] = append(m.keys[f], k)
				m.names[f] = append(m.names[f], name)
			}
		}
	}
	for canon, in := range over {
		if f := fieldIndex(canon); f >= 0 && foldKey(in) != "" {
			m.keys[f] = []string{foldKey(in)}
			m.names[f] = []string{strings.TrimSpace(in)}
		}
	}
	return m
}

// fieldIndex returns the index of a canonical field name, or -1.
func fieldIndex(name string) int {
	name = strings.ToLower(strings.TrimSpace(name))
	for f, c := range canonicalFields {
		if c == name {
			return f
		}
	}
	return -1
}

// pick returns the first non-blank value of field f that get finds under
// one of its keys, or "".
func (m *fieldMap) pick(f int, get func(key string) string) string {
	for _, k := range m.keys[f] {
		if v := get(k); strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// has reports whether get finds field f under one of its keys, even empty.
func (m *fieldMap) has(f int, present func(key string) bool) bool {
	for _, k := range m.keys[f] {
		if present(k) {
			return true
		}
	}
	return false
}

// ParseFields parses field overrides of the form "canonical=input", as given
// to a --field flag, into a map for [Options.Fields]. A spec may hold several
// overrides separated by commas. Canonical names are id, outlet, title,
// byline, published, url and text; names are matched as keys are (see
// foldKey). The error
// names the bad spec and wraps [ErrFieldSpec].
func ParseFields(specs []string) (map[string]string, error) {
	out := make(map[string]string)
	for _, spec := range specs {
		for part := range strings.SplitSeq(spec, ",") {
			canon, in, ok := strings.Cut(part, "=")
			canon = strings.ToLower(strings.TrimSpace(canon))
			in = foldKey(in)
			switch {
			case !ok || canon == "" || in == "":
				return nil, fmt.Errorf("corpus: %w %q: want canonical=input, e.g. text=body", ErrFieldSpec, part)
			case fieldIndex(canon) < 0:
				return nil, fmt.Errorf("corpus: %w %q: unknown field %q, want one of %s",
					ErrFieldSpec, part, canon, strings.Join(canonicalFields[:], ", "))
			}
			if prev, dup := out[canon]; dup && prev != in {
				return nil, fmt.Errorf("corpus: %w %q: field %q already read from %q", ErrFieldSpec, part, canon, prev)
			}
			out[canon] = in
		}
	}
	return out, nil
}

// jsonObject is one JSON record with its keys folded (see foldKey).
type jsonObject map[string]json.RawMessage

// parseJSONObject decodes raw as a JSON object. Keys are folded (see
// foldKey); when two keys fold together, the one already folded wins, else
// the lexically smallest, so the result does not depend on map order.
func parseJSONObject(raw []byte) (jsonObject, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	if m == nil {
		return nil, errors.New("null, want an object")
	}
	obj := make(jsonObject, len(m))
	orig := make(map[string]string, len(m))
	for k, v := range m {
		lk := foldKey(k)
		if prev, ok := orig[lk]; ok && (prev == lk || (k != lk && prev < k)) {
			continue
		}
		orig[lk] = k
		obj[lk] = v
	}
	return obj, nil
}

func (o jsonObject) present(key string) bool { _, ok := o.lookup(key); return ok }

// longestOther returns the top-level key of o, among those fields reads
// for no canonical field, whose value holds the most words as text, and
// their number (the first key in sorted order on a tie; "" and 0 when
// none holds a word).
func (o jsonObject) longestOther(fields *fieldMap) (string, int) {
	mapped := map[string]bool{}
	for _, keys := range fields.keys {
		for _, k := range keys {
			mapped[k] = true
		}
	}
	best, most := "", 0
	for _, k := range slices.Sorted(maps.Keys(o)) {
		if mapped[k] {
			continue
		}
		if n := len(strings.Fields(jsonText(o[k], "\n\n", 0))); n > most {
			best, most = k, n
		}
	}
	return best, most
}

// lookup returns the value under key. A key not found as it is that holds
// dots is a path into nested objects, "source.name" the name member of the
// source object, as APIs nest their fields (NewsAPI's source.name, The
// Guardian's fields.bodytext, Elasticsearch's _source); the longest key
// present at each level is taken, so a key with a dot of its own is found.
func (o jsonObject) lookup(key string) (json.RawMessage, bool) {
	if v, ok := o[key]; ok {
		return v, true
	}
	for i := strings.LastIndexByte(key, '.'); i > 0; i = strings.LastIndexByte(key[:i], '.') {
		v, ok := o[key[:i]]
		if !ok {
			continue
		}
		if v = bytes.TrimSpace(v); len(v) == 0 || v[0] != '{' {
			continue
		}
		if inner, err := parseJSONObject(v); err == nil {
			if v, ok := inner.lookup(key[i+1:]); ok {
				return v, true
			}
		}
	}
	return nil, false
}

// getter returns a lookup converting values to text; paragraphs of a text
// array are joined with sep.
func (o jsonObject) getter(sep string) func(string) string {
	return func(key string) string {
		raw, ok := o.lookup(key)
		if !ok {
			return ""
		}
		return jsonText(raw, sep, 0)
	}
}

// jsonText converts a JSON value to text: strings as they are, numbers as
// written, booleans as true/false, null as "", arrays as their non-empty
// elements joined with sep, objects by their name, text or value member.
func jsonText(raw json.RawMessage, sep string, depth int) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || depth > 8 {
		return ""
	}
	switch raw[0] {
	case '"':
		if len(raw) >= 2 && plainJSONString(raw[1:len(raw)-1]) {
			return string(raw[1 : len(raw)-1]) // no escapes: the bytes are the string
		}
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return ""
		}
		return s
	case 'n':
		return ""
	case '[':
		var elems []json.RawMessage
		if json.Unmarshal(raw, &elems) != nil {
			return ""
		}
		elems = mainRole(elems)
		parts := make([]string, 0, len(elems))
		for _, e := range elems {
			if s := jsonText(e, sep, depth+1); strings.TrimSpace(s) != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, sep)
	case '{':
		if v, ok := textMember(raw); ok {
			return jsonText(v, sep, depth+1)
		}
		return ""
	default: // number, true, false
		return string(raw)
	}
}

// mainRole returns, of an array of alternative texts (IPTC ninjs 2's
// headlines, bodies and descriptions: one text in several roles or
// content types, under a value member), the first whose role is "main",
// else the first; an array is one of alternatives when an element's role
// is "main", when its elements give content types, or when each gives a
// role of its own and a value. Any other array, such as paragraphs or
// authors that each give a role ("lede", "body"; "writer",
// "photographer"), is returned as it is.
func mainRole(elems []json.RawMessage) []json.RawMessage {
	typed, valued, roles, main := false, true, map[string]bool{}, -1
	for i, e := range elems {
		e = bytes.TrimSpace(e)
		if len(e) == 0 || e[0] != '{' {
			return elems
		}
		obj, err := parseJSONObject(e)
		if err != nil {
			return elems
		}
		if _, ok := obj["contenttype"]; ok {
			typed = true
		}
		if _, ok := obj["value"]; !ok {
			valued = false
		}
		var role string
		if raw, ok := obj["role"]; ok && json.Unmarshal(raw, &role) == nil {
			role = strings.ToLower(strings.TrimSpace(role))
			if role == "main" && main < 0 {
				main = i
			}
			roles[role] = true
		}
	}
	switch {
	case main >= 0:
		return elems[main : main+1]
	case len(elems) > 1 && (typed || valued && len(roles) == len(elems) && !roles[""]):
		return elems[:1]
	}
	return elems
}

// textMembers are the members of an object value whose text [jsonText]
// takes, the first present: WordPress's REST API gives a post's title and
// content as {"rendered": "<p>…</p>", "protected": false}.
var textMembers = []string{"name", "full_name", "text", "value", "title", "rendered"}

// textMember returns the member of the object raw whose value is its text.
func textMember(raw json.RawMessage) (json.RawMessage, bool) {
	obj, err := parseJSONObject(raw)
	if err != nil {
		return nil, false
	}
	for _, k := range textMembers {
		if v, ok := obj[k]; ok {
			return v, true
		}
	}
	return nil, false
}

// notText says why raw, a value whose text [jsonText] finds blank, holds
// no text it can read: an array nested too deep, or an object with none
// of the members jsonText looks in. It returns "" for a value that is
// blank as it is (an empty string or array, null).
func notText(raw json.RawMessage, depth int) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	if depth > 8 {
		return "a value nested more than 8 levels deep"
	}
	switch raw[0] {
	case '[':
		var elems []json.RawMessage
		if json.Unmarshal(raw, &elems) != nil {
			return ""
		}
		for _, e := range elems {
			if why := notText(e, depth+1); why != "" {
				return why
			}
		}
	case '{':
		if v, ok := textMember(raw); ok {
			return notText(v, depth+1)
		}
		return "an object with none of the members " + strings.Join(textMembers, ", ")
	}
	return ""
}

// plainJSONString reports whether b, the inside of a JSON string already
// validated by the decoder, holds no escapes and only valid UTF-8, so that it
// is its own value.
func plainJSONString(b []byte) bool {
	return bytes.IndexByte(b, '\\') < 0 && utf8.Valid(b)
}

// cleanField prepares a metadata value: entities decoded (markup read as
// text, see [decodeText]), whitespace runs collapsed to one space, ends
// trimmed.
func cleanField(s string) string {
	s = decodeText(strings.TrimPrefix(s, bom))
	s = strings.Join(strings.Fields(s), " ")
	if strings.IndexFunc(s, unicode.IsControl) >= 0 {
		// Escape sequences and other controls in a title, outlet or
		// byline would reach the terminal of every listing.
		s = strings.Map(func(r rune) rune {
			if unicode.IsControl(r) {
				return -1
			}
			return r
		}, s)
	}
	return s
}

const bom = "\ufeff"

// decodeText returns s with its character references decoded, or, when s
// is an HTML fragment, its text (see [markupText]); also when the
// fragment's own markup was escaped once more ("&lt;p&gt;…", as some
// feeds write it).
func decodeText(s string) string {
	if isMarkup(s) {
		return markupText(s)
	}
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	u := html.UnescapeString(s)
	if isMarkup(u) {
		return markupText(u)
	}
	return u
}

// normalizeText prepares article text: a leading byte order mark removed,
// HTML entities decoded, \r\n and \r turned into \n. Nothing else changes,
// but for the text of a record's field (not a text file's: markup, with
// its collapsed white space, is no reading of Markdown or plain text) that
// is an HTML fragment, read as its text (see [decodeText]).
func normalizeText(s string, field bool) string {
	s = strings.TrimPrefix(s, bom)
	switch {
	case field && (strings.IndexByte(s, '&') >= 0 || strings.IndexByte(s, '<') >= 0):
		s = strings.TrimPrefix(decodeText(s), bom)
	case strings.IndexByte(s, '&') >= 0:
		s = strings.TrimPrefix(html.UnescapeString(s), bom)
	}
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s
}

// firstInvalidUTF8 returns the 1-based line of the first byte of b that is
// not valid UTF-8, or 0 when b is valid.
func firstInvalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return 0
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return 1 + bytes.Count(b[:i], []byte{'\n'})
		}
		i += n
	}
	return 0
}

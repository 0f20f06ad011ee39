package index

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight/format/plain"
	"github.com/blevesearch/bleve/v2/search/highlight/fragmenter/simple"
	shl "github.com/blevesearch/bleve/v2/search/highlight/highlighter/simple"
	"github.com/blevesearch/bleve/v2/search/query"
)

// ErrQuery is a search query that does not parse.
var ErrQuery = errors.New("malformed query")

// Filter restricts search results by metadata. The zero Filter keeps
// everything.
type Filter struct {
	// Outlets keeps articles from any of these outlets (exact match).
	Outlets []string
	// Since and Until keep articles published in [Since, Until]; a zero
	// bound is open. With a bound set, articles of unknown date are left out.
	Since, Until time.Time
}

func (f Filter) query() query.Query {
	var qs []query.Query
	if len(f.Outlets) > 0 {
		d := bleve.NewDisjunctionQuery()
		for _, o := range f.Outlets {
			t := bleve.NewTermQuery(o)
			t.SetField("outlet")
			d.AddQuery(t)
		}
		qs = append(qs, d)
	}
	if !f.Since.IsZero() || !f.Until.IsZero() {
		yes := true
		r := bleve.NewDateRangeInclusiveQuery(f.Since, f.Until, &yes, &yes)
		r.SetField("published")
		qs = append(qs, r)
	}
	switch len(qs) {
	case 0:
		return nil
	case 1:
		return qs[0]
	}
	return bleve.NewConjunctionQuery(qs...)
}

// Marks bracket the query terms in a highlighted fragment.
type Marks struct{ Before, After string }

// Query is a full-text search.
type Query struct {
	// Text is in bleve's query-string syntax: words, "phrases", +must,
	// -not, field:value (a field of [Fields]); see [ParseQuery] for what
	// is an error. Empty matches every article.
	Text   string
	Filter Filter
	// From and Size select the page of hits, best first.
	From, Size int
	// Marks, when set, asks for a highlighted fragment of the text of
	// every hit, of about FragmentSize bytes (default 160).
	Marks        *Marks
	FragmentSize int
}

// Hit is one search result.
type Hit struct {
	ID        string
	Score     float64
	Outlet    string
	Title     string
	Published time.Time // zero when unknown
	Fragment  string    // with Query.Marks; whitespace collapsed

	match   *search.DocumentMatch
	query   query.Query // that found the hit, to locate its terms
	located bool        // match holds the terms' locations
}

// Results is a page of hits.
type Results struct {
	Total int // hits in all, not only this page
	Hits  []Hit
	Took  time.Duration
}

// Fields are the fields a query can name (field:value): the ones the
// index searches (see newMapping). bleve's "_all", the default field,
// is accepted too.
var Fields = []string{"text", "title", "outlet", "byline", "url", "published"}

// ParseQuery checks a query string, returning an error wrapping
// [ErrQuery] that names the problem when it does not parse, names a
// field not in [Fields], or holds a parenthesis outside quotes: bleve's
// syntax has no grouping and would read "(" as part of a word, which
// matches nothing.
func ParseQuery(text string) (query.Query, error) {
	if strings.TrimSpace(text) == "" {
		return bleve.NewMatchAllQuery(), nil
	}
	if i := bareParen(text); i >= 0 {
		return nil, fmt.Errorf(`%w %q: %q at character %d: parentheses do not group terms in this syntax (each term is optional, +required or -excluded); leave them out, or escape them as \( and \)`,
			ErrQuery, text, text[i:i+1], utf8.RuneCountInString(text[:i])+1)
	}
	q, err := bleve.NewQueryStringQuery(text).Parse()
	if err != nil {
		return nil, fmt.Errorf("%w %q: %v", ErrQuery, text, err)
	}
	if f, ok := unknownField(q); ok {
		return nil, fmt.Errorf("%w %q: unknown field %q (fields: %s)", ErrQuery, text, f, strings.Join(Fields, ", "))
	}
	return q, nil
}

// bareParen returns the byte offset of the first parenthesis in text
// that bleve's query-string lexer reads as part of a word, or -1: one
// not inside a "phrase", not escaped (\(), and not in a /regexp/. It
// follows the lexer's states: a word ends at an unescaped space, colon,
// ^ or ~; a boost (^2) or fuzziness (~1) ends at a space.
func bareParen(text string) int {
	const (
		start = iota // between terms
		word
		phrase
		suffix // a boost or fuzziness
	)
	state, escaped := start, false
	wordStart, paren := 0, -1
	// endWord returns paren unless the word is a /regexp/.
	endWord := func(end int) int {
		w := text[wordStart:end]
		if len(w) >= 2 && w[0] == '/' && w[len(w)-1] == '/' {
			return -1
		}
		return paren
	}
	for i, r := range text {
		if escaped || r == '\\' {
			if state == start { // an escape starts a word
				state, wordStart, paren = word, i, -1
			}
			escaped = !escaped
			continue
		}
		switch state {
		case word:
			if r == '(' || r == ')' {
				if paren < 0 {
					paren = i
				}
				continue
			}
			if r != ' ' && r != ':' && r != '^' && r != '~' {
				continue
			}
			if p := endWord(i); p >= 0 {
				return p
			}
			state = start // and r is read again there
		case phrase:
			if r == '"' {
				state = start
			}
			continue
		case suffix:
			if r == ' ' {
				state = start
			}
			continue
		}
		switch {
		case r == '"':
			state = phrase
		case r == '^' || r == '~':
			state = suffix
		case r == '(' || r == ')':
			return i
		case strings.ContainsRune("+-:><=", r) || unicode.IsSpace(r):
		default:
			state, wordStart, paren = word, i, -1
		}
	}
	if state == word {
		return endWord(len(text))
	}
	return -1
}

// unknownField returns the first field q names that is not in [Fields].
func unknownField(q query.Query) (string, bool) {
	var subs []query.Query
	switch q := q.(type) {
	case *query.BooleanQuery:
		subs = []query.Query{q.Must, q.Should, q.MustNot, q.Filter}
	case *query.ConjunctionQuery:
		subs = q.Conjuncts
	case *query.DisjunctionQuery:
		subs = q.Disjuncts
	case query.FieldableQuery:
		if f := q.Field(); f != "" && f != "_all" && !slices.Contains(Fields, f) {
			return f, true
		}
	}
	for _, s := range subs {
		if v := reflect.ValueOf(s); !v.IsValid() || v.Kind() == reflect.Pointer && v.IsNil() {
			continue
		}
		if f, ok := unknownField(s); ok {
			return f, true
		}
	}
	return "", false
}

// Search runs q. A query that does not parse is an error wrapping
// [ErrQuery].
func (ix *Index) Search(q Query) (*Results, error) {
	start := time.Now()
	main, err := ParseQuery(q.Text)
	if err != nil {
		return nil, err
	}
	var bq query.Query = main
	if f := q.Filter.query(); f != nil {
		b := bleve.NewBooleanQuery()
		b.AddMust(main)
		b.AddFilter(f)
		bq = b
	}
	size := q.Size
	if size <= 0 {
		size = 10
	}
	req := bleve.NewSearchRequestOptions(bq, size, max(q.From, 0), false)
	req.Fields = []string{"outlet", "title", "published"}
	// Score order only: a tie-break on _id would look up the ID of every
	// hit (a third of the time at 100k articles); ties keep the index's
	// order, the same on every run over the same index.
	//
	// No term locations: bleve would decode them for every matching
	// article, not only the page's (at 100k articles, decoding them and
	// collecting their garbage made a three-word query take 1.5 times as
	// long). The page's hits are located afterwards, by [Index.locate].
	res, err := ix.bleve.Search(req)
	if err != nil {
		return nil, fmt.Errorf("index: search %q: %w", q.Text, err)
	}
	out := &Results{Total: int(res.Total)}
	for _, m := range res.Hits {
		h := hitOf(m)
		h.query = bq
		out.Hits = append(out.Hits, h)
	}
	if q.Marks != nil {
		page := make([]*Hit, len(out.Hits))
		for i := range out.Hits {
			page[i] = &out.Hits[i]
		}
		if err := ix.locate(bq, page); err != nil {
			return nil, err
		}
		for i := range out.Hits {
			if err := ix.Highlight(&out.Hits[i], *q.Marks, q.FragmentSize); err != nil {
				return nil, err
			}
		}
	}
	out.Took = time.Since(start)
	return out, nil
}

// locate sets the locations of the query terms in hits, all found by q,
// by a second search for them over the hits' articles only. A query that
// [locating] cannot rewrite is searched again over the whole index.
func (ix *Index) locate(q query.Query, hits []*Hit) error {
	ids := make([]string, 0, len(hits))
	for _, h := range hits {
		if !h.located {
			ids = append(ids, h.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	only := bleve.NewDocIDQuery(ids)
	var lq query.Query
	if l, ok := locating(q, true); ok {
		lq = bleve.NewConjunctionQuery(only, l)
	} else {
		// A filter does not skip: q runs over every article it matches.
		b := bleve.NewBooleanQuery()
		b.AddMust(q)
		b.AddFilter(only)
		lq = b
	}
	req := bleve.NewSearchRequestOptions(lq, len(ids), 0, false)
	req.IncludeLocations = true
	req.Score = "none"
	res, err := ix.bleve.Search(req)
	if err != nil {
		return fmt.Errorf("index: locate terms: %w", err)
	}
	locs := make(map[string]search.FieldTermLocationMap, len(res.Hits))
	for _, m := range res.Hits {
		locs[m.ID] = m.Locations
	}
	for _, h := range hits {
		if !h.located {
			h.match.Locations, h.located = locs[h.ID], true
		}
	}
	return nil
}

// locating returns a query that finds the same term locations as q in
// the articles q matches (matched: in every article searched), but that
// can skip to given articles: bleve v2.5's boolean searcher, skipped
// ahead, can lose its should clauses' match at the article skipped to,
// so booleans and conjunctions become disjunctions of their clauses
// that can hold locations. That is exact because the article matched
// them: all of a conjunction's clauses, a boolean's must clause and
// perhaps its should; must-not and filter clauses hold no locations
// (bleve searches filters without them). Inside a disjunction, where a
// clause may not have matched, only simple clauses are taken; ok is
// false for anything else.
func locating(q query.Query, matched bool) (lq query.Query, ok bool) {
	var parts []query.Query
	add := func(q query.Query, matched bool) bool {
		l, ok := locating(q, matched)
		if ok {
			parts = append(parts, l)
		}
		return ok
	}
	switch q := q.(type) {
	case *query.BooleanQuery:
		if !matched || (q.Must != nil && !add(q.Must, true)) || (q.Should != nil && !add(q.Should, false)) {
			return nil, false
		}
		return bleve.NewDisjunctionQuery(parts...), true
	case *query.ConjunctionQuery:
		if !matched {
			return nil, false
		}
		for _, c := range q.Conjuncts {
			if !add(c, true) {
				return nil, false
			}
		}
		return bleve.NewDisjunctionQuery(parts...), true
	case *query.DisjunctionQuery:
		for _, c := range q.Disjuncts {
			if !add(c, false) {
				return nil, false
			}
		}
		d := bleve.NewDisjunctionQuery(parts...)
		d.SetMin(q.Min)
		return d, true
	}
	return q, true
}

// Highlight sets h.Fragment to the passage of the article's text with the
// most query terms, each between m.Before and m.After, of about size
// bytes (default 160). A hit whose query matched only other fields gets
// the opening of the text. h must come from [Index.Search].
func (ix *Index) Highlight(h *Hit, m Marks, size int) error {
	if size <= 0 {
		size = 160
	}
	if h.query != nil {
		if err := ix.locate(h.query, []*Hit{h}); err != nil {
			return err
		}
	}
	doc, err := ix.bleve.Document(h.ID)
	if err != nil {
		return fmt.Errorf("index: highlight %s: %w", h.ID, err)
	}
	if doc == nil {
		return fmt.Errorf("%w: %q", ErrNoID, h.ID)
	}
	frag := ""
	if h.match != nil && len(h.match.Locations["text"]) > 0 {
		hl := shl.NewHighlighter(simple.NewFragmenter(size), plain.NewFragmentFormatter(m.Before, m.After), " … ")
		if fs := hl.BestFragmentsInField(h.match, doc, "text", 1); len(fs) > 0 {
			frag = fs[0]
		}
	}
	if frag == "" {
		e, err := ix.Get(h.ID)
		if err != nil {
			return err
		}
		frag = opening(e.Article.Text, size)
	}
	h.Fragment = strings.Join(strings.Fields(frag), " ")
	return nil
}

// opening returns about the first n bytes of s, cut at a word boundary.
func opening(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexAny(s[:n], " \n\t")
	if cut <= 0 {
		cut = n
		for cut < len(s) && s[cut]&0xC0 == 0x80 { // not inside a rune
			cut++
		}
	}
	return s[:cut] + " …"
}

// Matching returns the IDs of the articles f keeps.
func (ix *Index) Matching(f Filter) (map[string]bool, error) {
	q := f.query()
	if q == nil {
		q = bleve.NewMatchAllQuery()
	}
	out := map[string]bool{}
	const page = 10000
	for from := 0; ; from += page {
		req := bleve.NewSearchRequestOptions(q, page, from, false)
		req.SortBy([]string{"_id"})
		res, err := ix.bleve.Search(req)
		if err != nil {
			return nil, fmt.Errorf("index: filter: %w", err)
		}
		for _, h := range res.Hits {
			out[h.ID] = true
		}
		if len(res.Hits) < page {
			return out, nil
		}
	}
}

// Headers returns the outlet, title and date of each of ids that is in
// the index, keyed by ID (Score and Fragment unset).
func (ix *Index) Headers(ids []string) (map[string]Hit, error) {
	out := make(map[string]Hit, len(ids))
	const chunk = 1000
	for lo := 0; lo < len(ids); lo += chunk {
		part := ids[lo:min(lo+chunk, len(ids))]
		req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(part), len(part), 0, false)
		req.Fields = []string{"outlet", "title", "published"}
		res, err := ix.bleve.Search(req)
		if err != nil {
			return nil, fmt.Errorf("index: headers: %w", err)
		}
		for _, m := range res.Hits {
			out[m.ID] = hitOf(m)
		}
	}
	return out, nil
}

func hitOf(m *search.DocumentMatch) Hit {
	h := Hit{ID: m.ID, Score: m.Score, match: m}
	h.Outlet, _ = m.Fields["outlet"].(string)
	h.Title, _ = m.Fields["title"].(string)
	if s, ok := m.Fields["published"].(string); ok {
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			h.Published = t
		}
	}
	return h
}

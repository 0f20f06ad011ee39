package index

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight"
	"github.com/blevesearch/bleve/v2/search/highlight/fragmenter/simple"
	shl "github.com/blevesearch/bleve/v2/search/highlight/highlighter/simple"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/outlet"
)

// ErrQuery is a search query that does not parse.
var ErrQuery = errors.New("malformed query")

// ErrTooManyTerms is a query that expands to more terms than its bound
// ([Options].MaxTerms, [Query].MaxTerms); it wraps [ErrQuery].
var ErrTooManyTerms = fmt.Errorf("%w: too many terms", ErrQuery)

// DefaultMaxTerms is the most terms one query may expand to unless
// [Options].MaxTerms or [Query].MaxTerms says otherwise: the words of a
// wildcard, prefix, regexp or fuzzy term (a bare * is every word of the
// index), or the words of a long query, each searched as a clause of its
// own. Without a bound, 'search *' over 10,000 articles searched every
// word of the index and took 11 s of CPU and 600 MB; at the bound such a
// query is refused at once. Lucene's default clause limit is the same.
const DefaultMaxTerms = 1024

// NoMaxTerms, as [Options].MaxTerms or [Query].MaxTerms, lifts the bound.
const NoMaxTerms = -1

// searchError wraps an error of bleve's search of the query text.
func searchError(text string, err error) error {
	return fmt.Errorf("index: search %s: %w", shownQuery(text), err)
}

// tooManyTerms is the error of a query over its bound.
func tooManyTerms(text string, bound int) error {
	return fmt.Errorf("%w %s: it expands to more than %d terms (a wildcard, prefix, regexp or fuzzy term matching that many words, or a query that long): narrow it",
		ErrTooManyTerms, shownQuery(text), bound)
}

// maxShown is the most characters of a query that an error quotes: a
// text pasted as a query is kilobytes long, and what is wrong with it came
// after all of it.
const maxShown = 80

// shownQuery is text quoted as an error shows it: its first maxShown
// characters, the rest cut as "…".
func shownQuery(text string) string {
	if r := []rune(text); len(r) > maxShown {
		text = string(r[:maxShown-1]) + "…"
	}
	return strconv.Quote(text)
}

// Filter restricts search results by metadata. The zero Filter keeps
// everything.
type Filter struct {
	// Outlets keeps articles from any of these outlets: those whose
	// stored outlet is the same outlet by [outlet.Table.Same] (case, a
	// leading "the" and the aliases of the outlet table do not matter:
	// "Fox" keeps "fox" and "Fox News"); see [Index.Outlets].
	Outlets []string
	// Since and Until keep articles published in [Since, Until]; a zero
	// bound is open. With a bound set, articles of unknown date are left out.
	Since, Until time.Time
}

// resolve returns f with its Outlets replaced by the stored outlet values
// they match, so that its query matches them exactly. An outlet matching
// none leaves a filter that keeps nothing.
func (ix *Index) resolve(f Filter) (Filter, error) {
	if len(f.Outlets) == 0 {
		return f, nil
	}
	stored, err := ix.Outlets(f.Outlets...)
	if err != nil {
		return f, err
	}
	f.Outlets = []string{}
	for _, o := range stored {
		f.Outlets = append(f.Outlets, o.Name)
	}
	return f, nil
}

// query returns the query of a filter whose Outlets are stored values.
func (f Filter) query() query.Query {
	var qs []query.Query
	if f.Outlets != nil {
		d := bleve.NewDisjunctionQuery()
		if len(f.Outlets) == 0 {
			d.AddQuery(bleve.NewMatchNoneQuery())
		}
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

// maxPage bounds [Query].From and Size: no index holds that many
// articles.
const maxPage = math.MaxInt / 4

// Query is a full-text search.
type Query struct {
	// Text is in bleve's query-string syntax: words, "phrases", +must,
	// -not, field:value (a field of [Fields]); see [ParseQuery] for what
	// is an error. Empty matches every article.
	Text   string
	Filter Filter
	// From and Size select the page of hits, best first.
	From, Size int
	// MaxTerms bounds the terms the query may expand to
	// ([ErrTooManyTerms] beyond it); 0 is the handle's bound
	// ([Options].MaxTerms), [NoMaxTerms] none.
	MaxTerms int
	// Marks, when set, asks for a highlighted fragment of the text of
	// every hit, of about FragmentSize bytes (default 160).
	Marks        *Marks
	FragmentSize int
}

// Hit is one search result.
type Hit struct {
	ID     string
	Score  float64
	Outlet string
	Title  string
	// TitleDerived says that Title is the first sentence of the text,
	// the article having no title of its own ([corpus.Article.ShownTitle]).
	TitleDerived bool
	Published    time.Time // zero when unknown
	// Byline, City, Edition, URL and Origin are the stored metadata of
	// [corpus.Article] by the same names.
	Byline, City, Edition, URL, Origin string
	Fragment                           string // with Query.Marks; whitespace collapsed

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
var Fields = []string{"text", "title", "outlet", "byline", "city", "edition", "url", "published"}

// ParseQuery checks a query string, returning an error wrapping
// [ErrQuery] that says what is wrong, and what to write instead, when
// the query does not parse, names a field not in [Fields], or holds
// outside quotes what bleve's syntax reads as part of a word but a
// Lucene or Elasticsearch user would take for an operator: a parenthesis
// (there is no grouping), AND, OR, NOT, && or || as a word, or ! before
// one (each term is optional, +required or -excluded, so a AND b
// matched either and a NOT b matched b), or a bracket or brace (there
// are no [a TO b] ranges). Lower-case and, or and not are words, and
// anything quoted, escaped or in a /regexp/ is text.
func ParseQuery(text string) (query.Query, error) {
	if strings.TrimSpace(text) == "" {
		return bleve.NewMatchAllQuery(), nil
	}
	for _, w := range bareWords(text) {
		if at, what, why := w.lucenism(text); why != "" {
			return nil, fmt.Errorf("%w %s: %q at character %d: %s",
				ErrQuery, shownQuery(text), what, utf8.RuneCountInString(text[:at])+1, why)
		}
	}
	q, err := bleve.NewQueryStringQuery(text).Parse()
	if err != nil {
		if m := unquotedComparison.FindStringSubmatch(text); m != nil {
			if _, num := strconv.ParseFloat(m[3], 64); num != nil {
				return nil, fmt.Errorf("%w %s: %v: a date (or any text) compared with %s is quoted, as in %s:%s%q",
					ErrQuery, shownQuery(text), err, m[2], m[1], m[2], m[3])
			}
		}
		return nil, fmt.Errorf("%w %s: %v", ErrQuery, shownQuery(text), err)
	}
	if f, ok := unknownField(q); ok {
		return nil, fmt.Errorf("%w %s: unknown field %q (fields: %s)", ErrQuery, shownQuery(text), f, strings.Join(Fields, ", "))
	}
	if q, err = publishedTerms(q); err != nil {
		return nil, fmt.Errorf("%w %s: %v", ErrQuery, shownQuery(text), err)
	}
	return rewriteTerms(q), nil
}

// publishedTerms rewrites the terms of q on the published field, a date
// the index holds as a time, which bleve's syntax would compare as text
// or as a number and never match: published:2025-11-18 (quoted or not)
// is that day, published:2025-11 that month, published:2025 that year, a
// date with a time that instant; published:>2025 (>=, <, <=) compares
// years. Other terms on published, and comparisons on the fields that
// hold text, are errors that say what to write.
func publishedTerms(q query.Query) (query.Query, error) {
	switch q := q.(type) {
	case *query.BooleanQuery:
		for _, sub := range []*query.Query{&q.Must, &q.Should, &q.MustNot, &q.Filter} {
			if v := reflect.ValueOf(*sub); v.IsValid() && !(v.Kind() == reflect.Pointer && v.IsNil()) {
				s, err := publishedTerms(*sub)
				if err != nil {
					return nil, err
				}
				*sub = s
			}
		}
	case *query.ConjunctionQuery:
		if err := publishedEach(q.Conjuncts); err != nil {
			return nil, err
		}
	case *query.DisjunctionQuery:
		if err := publishedEach(q.Disjuncts); err != nil {
			return nil, err
		}
	case *query.MatchQuery:
		if q.FieldVal == "published" {
			return periodQuery(q.Match, q.BoostVal)
		}
	case *query.MatchPhraseQuery:
		if q.FieldVal == "published" {
			return periodQuery(q.MatchPhrase, q.BoostVal)
		}
	case *query.TermQuery:
		if q.FieldVal == "published" {
			return periodQuery(q.Term, q.BoostVal)
		}
	case *query.NumericRangeQuery:
		if q.FieldVal == "published" {
			return yearRange(q)
		}
		// A number as a term (title:5) is read as text and as the
		// range [5, 5], which finds nothing in a field of text.
		number := q.Min != nil && q.Max != nil && *q.Min == *q.Max
		if !number && q.FieldVal != "" && q.FieldVal != "_all" {
			return nil, fmt.Errorf("%s holds text: >, >=, < and <= compare dates, in published", q.FieldVal)
		}
	case *query.DateRangeQuery:
		if q.FieldVal != "published" && q.FieldVal != "" && q.FieldVal != "_all" {
			return nil, fmt.Errorf("%s holds text: >, >=, < and <= compare dates, in published", q.FieldVal)
		}
	case query.FieldableQuery:
		if q.Field() == "published" {
			return nil, errors.New(publishedForms)
		}
	}
	return q, nil
}

// publishedEach rewrites each of qs in place with [publishedTerms].
func publishedEach(qs []query.Query) error {
	for i, q := range qs {
		s, err := publishedTerms(q)
		if err != nil {
			return err
		}
		qs[i] = s
	}
	return nil
}

// publishedForms says what the published field takes.
const publishedForms = `published takes a date: published:2025-11-18 (that day), published:2025-11 (that month), published:2025 (that year), or a comparison, published:>=2025 or published:>="2025-11-01"`

// periodRe is a year, a month or a day.
var periodRe = regexp.MustCompile(`^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$`)

// periodQuery is the range of times the date s names: the year, month
// or day it spells, or, with a time of day, that instant.
func periodQuery(s string, boost *query.Boost) (query.Query, error) {
	s = strings.TrimSpace(s)
	var start, end time.Time
	if m := periodRe.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, d := 1, 1
		if m[2] != "" {
			mo, _ = strconv.Atoi(m[2])
		}
		if m[3] != "" {
			d, _ = strconv.Atoi(m[3])
		}
		start = time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		if start.Month() != time.Month(mo) || start.Day() != d || mo < 1 || d < 1 {
			return nil, fmt.Errorf("%q is not a date; %s", s, publishedForms)
		}
		switch {
		case m[3] != "":
			end = start.AddDate(0, 0, 1)
		case m[2] != "":
			end = start.AddDate(0, 1, 0)
		default:
			end = start.AddDate(1, 0, 0)
		}
	} else if m, d, either := corpus.DateReadsEitherWay(s); either {
		return nil, fmt.Errorf("%q reads as %s or as %s: write which, as %s or %s", s,
			m.Format("January 2"), d.Format("2 January"), corpus.FormatDate(m), corpus.FormatDate(d))
	} else if t, ok := corpus.ParseDate(s); ok {
		start = t
		if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
			end = t.AddDate(0, 0, 1)
		} else {
			end = t.Add(time.Nanosecond)
		}
	} else {
		return nil, fmt.Errorf("%q is not a date; %s", s, publishedForms)
	}
	yes, no := true, false
	r := bleve.NewDateRangeInclusiveQuery(start, end, &yes, &no)
	r.SetField("published")
	if boost != nil {
		r.SetBoost(boost.Value())
	}
	return r, nil
}

// yearRange is a comparison of published with a number, read as a year:
// >2025 is from 2026 on, <=2025 until the end of 2025.
func yearRange(q *query.NumericRangeQuery) (query.Query, error) {
	year := func(v *float64) (int, error) {
		if *v != float64(int(*v)) || *v < 1800 || *v > 2200 {
			return 0, fmt.Errorf("%v is not a year; %s", *v, publishedForms)
		}
		return int(*v), nil
	}
	var start, end time.Time
	if q.Min != nil {
		y, err := year(q.Min)
		if err != nil {
			return nil, err
		}
		if q.InclusiveMin != nil && !*q.InclusiveMin {
			y++
		}
		start = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if q.Max != nil {
		y, err := year(q.Max)
		if err != nil {
			return nil, err
		}
		if q.InclusiveMax == nil || *q.InclusiveMax {
			y++
		}
		end = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	yes, no := true, false
	r := bleve.NewDateRangeInclusiveQuery(start, end, &yes, &no)
	r.SetField("published")
	if q.BoostVal != nil {
		r.SetBoost(q.BoostVal.Value())
	}
	return r, nil
}

// rewriteTerms rewrites two kinds of term of q that bleve's syntax reads
// otherwise than a user means them.
//
// A wildcard term ("Witk*") that searches text or title, whose words the
// index holds in lower case, is lower-cased: bleve compares a wildcard
// with the indexed terms as written, so "Witk*" matched nothing. A
// wildcard with no field searches every field, the keyword fields
// (outlet, byline, …) as written among them, so it matches either way
// ("Witk*" or "witk*"); one on a keyword field stays as written.
//
// A term in a script written without spaces (统计局, ราคาน้ำมัน), or in
// Hangul (한국은행), is a phrase: the index holds such text as overlapping
// character pairs (as single ideographs, and Korean words, in a format 3
// index), and a term's pieces would each be optional, so 统计局 matched
// every article with 统计 anywhere.
func rewriteTerms(q query.Query) query.Query {
	switch q := q.(type) {
	case *query.BooleanQuery:
		for _, sub := range []*query.Query{&q.Must, &q.Should, &q.MustNot, &q.Filter} {
			if v := reflect.ValueOf(*sub); v.IsValid() && !(v.Kind() == reflect.Pointer && v.IsNil()) {
				*sub = rewriteTerms(*sub)
			}
		}
	case *query.ConjunctionQuery:
		for i, c := range q.Conjuncts {
			q.Conjuncts[i] = rewriteTerms(c)
		}
	case *query.DisjunctionQuery:
		for i, d := range q.Disjuncts {
			q.Disjuncts[i] = rewriteTerms(d)
		}
	case *query.MatchQuery:
		if q.Fuzziness == 0 && q.Prefix == 0 && paired(q.Match) {
			p := query.NewMatchPhraseQuery(q.Match)
			p.FieldVal, p.Analyzer, p.BoostVal = q.FieldVal, q.Analyzer, q.BoostVal
			return p
		}
	case *query.WildcardQuery:
		lower := strings.ToLower(q.Wildcard)
		if lower == q.Wildcard {
			return q
		}
		switch q.FieldVal {
		case "text", "title":
			q.Wildcard = lower
		case "", "_all":
			folded := *q
			folded.Wildcard = lower
			either := query.NewDisjunctionQuery([]query.Query{q, &folded})
			if q.BoostVal != nil {
				either.SetBoost(q.BoostVal.Value())
			}
			return either
		}
	}
	return q
}

// unquotedComparison is a field compared with >, >=, < or <= to an
// unquoted value (field, operator, value): bleve's syntax takes a number
// there, and a date only in quotes.
var unquotedComparison = regexp.MustCompile(`(?:^|[\s+-])(\w+):(>=|<=|>|<)([^"\s][^\s]*)`)

// termsAre says how the syntax combines terms, in the errors of
// [ParseQuery].
const termsAre = "(each term is optional, +required or -excluded)"

// operators are Lucene's boolean operators, which bleve reads as words,
// with what to write instead.
var operators = map[string]string{
	"AND": "for a AND b write +a +b",
	"&&":  "for a && b write +a +b",
	"OR":  "for a OR b write a b (either may match; hits with both rank higher)",
	"||":  "for a || b write a b (either may match; hits with both rank higher)",
	"NOT": "for a NOT b write a -b",
	"!":   "for !b write -b",
}

// bareWord is a word of a query string as bleve's lexer reads it, outside
// quotes: text[start:end], escapes included.
type bareWord struct {
	start, end int
	bracket    int  // offset of its first unescaped ( ) [ ] { }, or -1
	field      bool // a colon follows: the word names a field
}

// bareWords returns the words of text outside "phrases", following the
// states of bleve's query-string lexer: a word starts at anything but
// white space or one of the operators + - : > < =, and ends at an
// unescaped space, colon, ^ or ~; a boost (^2) or fuzziness (~1) ends at
// a space; a backslash escapes the next character.
func bareWords(text string) []bareWord {
	const (
		start = iota // between terms
		word
		phrase
		suffix // a boost or fuzziness
	)
	var words []bareWord
	var w bareWord
	state, escaped := start, false
	for i, r := range text {
		if escaped || r == '\\' {
			if state == start { // an escape starts a word
				state, w = word, bareWord{start: i, bracket: -1}
			}
			escaped = !escaped
			continue
		}
		switch state {
		case word:
			if r != ' ' && r != ':' && r != '^' && r != '~' {
				if w.bracket < 0 && strings.ContainsRune("()[]{}", r) {
					w.bracket = i
				}
				continue
			}
			w.end, w.field = i, r == ':'
			words = append(words, w)
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
		case strings.ContainsRune("+-:><=", r) || unicode.IsSpace(r):
		default:
			state, w = word, bareWord{start: i, bracket: -1}
			if strings.ContainsRune("()[]{}", r) {
				w.bracket = i
			}
		}
	}
	if state == word {
		w.end = len(text)
		words = append(words, w)
	}
	return words
}

// lucenism returns what in w a Lucene user would take for grouping, a
// range or an operator, where bleve reads part of a word: its offset in
// text, its characters, and what is wrong and what to write instead; why
// is "" when there is none. A /regexp/ holds none.
func (w bareWord) lucenism(text string) (at int, what, why string) {
	s := text[w.start:w.end]
	const anchors = "a regexp matches whole terms already: leave ^ and $ out, as in /plan.*/"
	if len(s) >= 2 && s[0] == '/' && s[len(s)-1] == '/' {
		if strings.HasSuffix(s, "$/") && !strings.HasSuffix(s, `\$/`) {
			return w.end - 2, "$", anchors
		}
		return 0, "", ""
	}
	if s == "/" && w.end < len(text) && text[w.end] == '^' {
		// bleve's lexer ends the word at ^ and reads a boost.
		return w.end, "^", anchors
	}
	if w.bracket >= 0 {
		c := text[w.bracket : w.bracket+1]
		if c == "(" || c == ")" {
			return w.bracket, c, `parentheses do not group terms in this syntax ` + termsAre + `; leave them out, or escape them as \( and \)`
		}
		return w.bracket, c, `there are no [a TO b] ranges in this syntax: compare a date with >, >=, < or <=, as in +published:>="2025-11-01" +published:<="2025-11-30"; escape it as \` + c + ` to search for it`
	}
	if w.field {
		return 0, "", "" // a field name: unknownField reports it
	}
	// bleve's word ends only at a space, Lucene's at any white space not
	// escaped: look at each piece.
	from, escaped := 0, false
	for i, r := range s + " " {
		switch {
		case escaped:
			escaped = false
		case r == '\\':
			escaped = true
		case unicode.IsSpace(r):
			op := s[from:i]
			if strings.HasPrefix(op, "!") {
				op = "!"
			}
			if hint, ok := operators[op]; ok {
				return w.start + from, op, op + " is no operator in this syntax " + termsAre + ": " + hint
			}
			from = i + utf8.RuneLen(r)
		}
	}
	return 0, "", ""
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
func (ix *Index) Search(q Query) (_ *Results, err error) {
	defer ix.guard(&err)
	start := time.Now()
	bq, err := ix.prepare(q)
	if err != nil {
		return nil, err
	}
	size := q.Size
	if size <= 0 {
		size = 10
	}
	// bleve sizes its collector by From+Size+1: bound both, so that the
	// sum cannot overflow (a page past maxPage is past every hit).
	size = min(size, maxPage)
	req := bleve.NewSearchRequestOptions(bq, size, min(max(q.From, 0), maxPage), false)
	req.Fields = hitFields
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
		return nil, searchError(q.Text, err)
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

// prepare parses q's text, checks its expansion against its bound and
// adds q's filter: the query bleve runs for q.
func (ix *Index) prepare(q Query) (query.Query, error) {
	main, err := ParseQuery(q.Text)
	if err != nil {
		return nil, err
	}
	bound := ix.termBound(q)
	if err := ix.checkTerms(main, bound); errors.Is(err, errOverTerms) {
		return nil, tooManyTerms(q.Text, bound)
	} else if err != nil {
		return nil, err
	}
	filter, err := ix.resolve(q.Filter)
	if err != nil {
		return nil, err
	}
	f := filter.query()
	if f == nil {
		return main, nil
	}
	b := bleve.NewBooleanQuery()
	b.AddMust(main)
	b.AddFilter(f)
	return b, nil
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
func (ix *Index) Highlight(h *Hit, m Marks, size int) (err error) {
	defer ix.guard(&err)
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
		hl := shl.NewHighlighter(simple.NewFragmenter(size), markFormatter(m), " … ")
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

// markFormatter formats a fragment with each run of overlapping term
// locations between one pair of marks. The index holds a word of a script
// written without spaces as overlapping character pairs (统计局 is 统计 and
// 计局), and bleve's plain formatter skips a location that starts inside
// the one before it, after a merge of overlaps that reaches only those of
// the first location (bleve v2.5), so every occurrence of such a word but
// the first was marked in part ("[统计]局", "[รา][คา][น้ำ][มัน]").
type markFormatter Marks

func (m markFormatter) Format(f *highlight.Fragment, locs highlight.TermLocations) string {
	var b strings.Builder
	pos := f.Start     // the end of what is written
	start, end := 0, 0 // the run of overlapping locations not yet written
	flush := func() {
		if start < end {
			b.Write(f.Orig[pos:start])
			b.WriteString(m.Before)
			b.Write(f.Orig[start:end])
			b.WriteString(m.After)
			pos = end
		}
	}
	for _, l := range locs {
		if l == nil || !l.ArrayPositions.Equals(f.ArrayPositions) || l.Start < f.Start || l.End <= l.Start {
			continue
		}
		if l.End > f.End {
			break
		}
		if l.Start < end { // overlaps the run
			end = max(end, l.End)
			continue
		}
		flush()
		start, end = l.Start, l.End
	}
	flush()
	b.Write(f.Orig[pos:f.End])
	return b.String()
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

// StoredOutlet is an outlet as stored in the index, with the number of
// articles that carry it.
type StoredOutlet struct {
	Name     string
	Articles int
}

// Outlets returns the outlets stored in the index, sorted by name: all of
// them, or, given names, those that are the same outlet as one of them
// ([outlet.Table.Same]: "Fox" is "fox" and "Fox News").
func (ix *Index) Outlets(names ...string) (_ []StoredOutlet, err error) {
	defer ix.guard(&err)
	tab, err := outlet.Shipped()
	if err != nil {
		return nil, err
	}
	dict, err := ix.bleve.FieldDict("outlet")
	if err != nil {
		return nil, fmt.Errorf("index: outlets: %w", err)
	}
	defer dict.Close()
	var out []StoredOutlet
	for {
		e, err := dict.Next()
		if err != nil {
			return nil, fmt.Errorf("index: outlets: %w", err)
		}
		if e == nil {
			break
		}
		keep := len(names) == 0
		for _, n := range names {
			keep = keep || tab.Same(n, e.Term)
		}
		if keep {
			out = append(out, StoredOutlet{Name: e.Term, Articles: int(e.Count)})
		}
	}
	return out, nil
}

// Matching returns the IDs of the articles f keeps.
func (ix *Index) Matching(f Filter) (_ map[string]bool, err error) {
	defer ix.guard(&err)
	f, err = ix.resolve(f)
	if err != nil {
		return nil, err
	}
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
func (ix *Index) Headers(ids []string) (_ map[string]Hit, err error) {
	defer ix.guard(&err)
	out := make(map[string]Hit, len(ids))
	const chunk = 1000
	for lo := 0; lo < len(ids); lo += chunk {
		part := ids[lo:min(lo+chunk, len(ids))]
		req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(part), len(part), 0, false)
		req.Fields = hitFields
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

// hitFields are the stored fields a [Hit] is made of.
var hitFields = []string{"outlet", "title", "title_derived", "published", "published_text", "byline", "city", "edition", "url", "origin"}

func hitOf(m *search.DocumentMatch) Hit {
	h := Hit{ID: m.ID, Score: m.Score, match: m}
	h.Outlet, _ = m.Fields["outlet"].(string)
	h.Title, _ = m.Fields["title"].(string)
	h.Byline, _ = m.Fields["byline"].(string)
	h.City, _ = m.Fields["city"].(string)
	h.Edition, _ = m.Fields["edition"].(string)
	h.URL, _ = m.Fields["url"].(string)
	h.Origin, _ = m.Fields["origin"].(string)
	if d, _ := m.Fields["title_derived"].(string); h.Title == "" && d != "" {
		h.Title, h.TitleDerived = d, true
	}
	if s, ok := m.Fields["published_text"].(string); ok {
		h.Published, _ = parsePublishedText(s)
	}
	if s, ok := m.Fields["published"].(string); ok && h.Published.IsZero() {
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			h.Published = t
		}
	}
	return h
}

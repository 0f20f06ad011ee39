package index

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
)

// testIndex builds an index of a few articles; keys are fake LSH keys.
func testIndex(t *testing.T) *Index {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "t.index")
	ix, err := Open(dir, Options{Create: true, Meta: Meta{Seed: 1, NumHashes: 4, Shingle: 3, Bands: 2, Rows: 2}})
	require.NoError(t, err)
	w, err := ix.NewWriter()
	require.NoError(t, err)
	day := func(d int) time.Time { return time.Date(2025, 11, d, 12, 0, 0, 0, time.UTC) }
	for _, e := range []Entry{
		{Article: corpus.Article{ID: "a", Outlet: "fox", Title: "Peace plan drafted", Published: day(18),
			Text: "The envoy drafted a peace plan for Ukraine with Russian officials. The plan has 28 points."}},
		{Article: corpus.Article{ID: "b", Outlet: "nyt", Title: "Secret peace talks", Published: day(19),
			Text: "Officials said the envoy and Russian officials drafted a 28-point peace plan for Ukraine."}},
		{Article: corpus.Article{ID: "c", Outlet: "fox", Title: "Bakery prices",
			Text: "The village bakery raised the price of bread, butter and flour again this winter."}},
	} {
		require.NoError(t, w.Add(e))
	}
	require.NoError(t, w.Flush())
	return ix
}

func TestSearch(t *testing.T) {
	ix := testIndex(t)
	defer ix.Close()
	day := func(d int) time.Time { return time.Date(2025, 11, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		q    Query
		want []string // IDs, sorted
	}{
		// Query-string syntax.
		{Query{Text: "ukraine"}, []string{"a", "b"}},
		{Query{Text: `"peace plan"`}, []string{"a", "b"}},
		{Query{Text: `"plan peace"`}, nil},
		{Query{Text: "+bread"}, []string{"c"}},
		{Query{Text: "ukraine -secret"}, []string{"a"}},
		{Query{Text: "title:bakery"}, []string{"c"}},
		{Query{Text: "outlet:nyt"}, []string{"b"}},
		{Query{Text: ""}, []string{"a", "b", "c"}},
		// Wildcards match words whatever their case; on a keyword field
		// they match it as written.
		{Query{Text: "Ukr*"}, []string{"a", "b"}},
		{Query{Text: "title:Bak*"}, []string{"c"}},
		{Query{Text: "+UKR* -Secr*"}, []string{"a"}},
		{Query{Text: "outlet:ny*"}, []string{"b"}},
		{Query{Text: "outlet:NY*"}, nil},
		// Filters.
		{Query{Text: "", Filter: Filter{Outlets: []string{"fox"}}}, []string{"a", "c"}},
		{Query{Text: "plan", Filter: Filter{Outlets: []string{"fox", "nyt"}}}, []string{"a", "b"}},
		// Outlets match whatever the case and by the outlet table's aliases.
		{Query{Text: "", Filter: Filter{Outlets: []string{"Fox"}}}, []string{"a", "c"}},
		{Query{Text: "", Filter: Filter{Outlets: []string{"The New York Times"}}}, []string{"b"}},
		{Query{Text: "", Filter: Filter{Outlets: []string{"CNN"}}}, nil},
		{Query{Text: "", Filter: Filter{Since: day(19)}}, []string{"b"}},
		{Query{Text: "", Filter: Filter{Until: day(19)}}, []string{"a"}},
		{Query{Text: "plan", Filter: Filter{Since: day(1), Until: day(30), Outlets: []string{"nyt"}}}, []string{"b"}},
		// A date in the query is the day, month or year it names; a
		// year compared is from its first day or to its last.
		{Query{Text: "published:2025-11-18"}, []string{"a"}},
		{Query{Text: `published:"2025-11-19"`}, []string{"b"}},
		{Query{Text: "published:2025-11-20"}, nil},
		{Query{Text: "published:2025-11"}, []string{"a", "b"}},
		{Query{Text: "published:2025-10"}, nil},
		{Query{Text: "published:2025"}, []string{"a", "b"}},
		{Query{Text: `published:"2025-11-18T12:00:00Z"`}, []string{"a"}},
		{Query{Text: `published:"2025-11-18T12:00:01Z"`}, nil},
		{Query{Text: "plan -published:2025-11-18"}, []string{"b"}},
		{Query{Text: "published:>=2025"}, []string{"a", "b"}},
		{Query{Text: "published:<=2025"}, []string{"a", "b"}},
		{Query{Text: "published:>2025"}, nil},
		{Query{Text: "published:<2025"}, nil},
		{Query{Text: "published:>2024"}, []string{"a", "b"}},
		{Query{Text: "published:<2026"}, []string{"a", "b"}},
	}
	for _, tt := range tests {
		res, err := ix.Search(tt.q)
		require.NoError(t, err, "Search(%+v)", tt.q)
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		sort.Strings(got)
		assert.Equal(t, tt.want, got, "Search(%+v) = %v, want %v", tt.q, got, tt.want)
		assert.Equal(t, len(tt.want), res.Total, "Search(%+v).Total", tt.q)
	}
}

func TestSearchHighlight(t *testing.T) {
	ix := testIndex(t)
	defer ix.Close()
	res, err := ix.Search(Query{Text: "bread", Marks: &Marks{"[", "]"}})
	require.NoError(t, err)
	require.Len(t, res.Hits, 1)
	h := res.Hits[0]
	assert.Contains(t, h.Fragment, "[bread]")
	assert.Equal(t, "fox", h.Outlet)
	assert.Equal(t, "Bakery prices", h.Title)
	// A match in the title only: the fragment is the opening of the text.
	res, err = ix.Search(Query{Text: "title:secret", Marks: &Marks{"[", "]"}})
	require.NoError(t, err)
	require.Len(t, res.Hits, 1)
	assert.Equal(t, "Officials said the envoy and Russian officials drafted a 28-point peace plan for Ukraine.", res.Hits[0].Fragment)
	assert.Equal(t, time.Date(2025, 11, 19, 12, 0, 0, 0, time.UTC), res.Hits[0].Published)
	// A must and a should clause, the should matching only the article
	// highlighted: its terms are marked too.
	res, err = ix.Search(Query{Text: "+plan said", Size: 1, Marks: &Marks{"[", "]"}})
	require.NoError(t, err)
	require.Len(t, res.Hits, 1)
	assert.Equal(t, "b", res.Hits[0].ID)
	assert.Equal(t, "Officials [said] the envoy and Russian officials drafted a 28-point peace [plan] for Ukraine.", res.Hits[0].Fragment)
}

// A word of a script the index pairs matches as overlapping pairs: every
// occurrence of it is marked whole, not only the first.
func TestSearchHighlightPairs(t *testing.T) {
	ix, err := Open(filepath.Join(t.TempDir(), "x.index"), Options{Create: true, Meta: testMeta})
	require.NoError(t, err)
	defer ix.Close()
	add(t, ix,
		Entry{Article: corpus.Article{ID: "zh", Text: "国家统计局今天发布数据。统计局表示，价格上涨。"}},
		Entry{Article: corpus.Article{ID: "th", Text: "ราคาน้ำมันขึ้น ราคาน้ำมันคงที่"}},
		Entry{Article: corpus.Article{ID: "ko", Text: "한국은행은 동결했다. 한국은행이 밝혔다."}},
		Entry{Article: corpus.Article{ID: "en", Text: "Officials said the plan, the peace plan, was drafted."}},
	)
	tests := []struct {
		query, want string
	}{
		{"统计局", "国家[统计局]今天发布数据。[统计局]表示，价格上涨。"},
		{"ราคาน้ำมัน", "[ราคาน้ำมัน]ขึ้น [ราคาน้ำมัน]คงที่"},
		{"한국은행", "[한국은행]은 동결했다. [한국은행]이 밝혔다."},
		// Words of spaced scripts stay apart.
		{"\"peace plan\" officials", "[Officials] said the plan, the [peace] [plan], was drafted."},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res, err := ix.Search(Query{Text: tt.query, Marks: &Marks{"[", "]"}})
			require.NoError(t, err)
			require.Len(t, res.Hits, 1)
			assert.Equal(t, tt.want, res.Hits[0].Fragment)
		})
	}
}

// flatLocations lists the term locations of m, sorted.
func flatLocations(m search.FieldTermLocationMap) []string {
	var out []string
	for f, tl := range m {
		for term, locs := range tl {
			for _, l := range locs {
				out = append(out, fmt.Sprintf("%s:%s@%d[%d:%d]", f, term, l.Pos, l.Start, l.End))
			}
		}
	}
	sort.Strings(out)
	return out
}

// wantLocations returns the term locations of every article q matches,
// by ID, as bleve finds them searching the whole index with locations.
func wantLocations(t *testing.T, ix *Index, q query.Query) map[string][]string {
	t.Helper()
	req := bleve.NewSearchRequestOptions(q, 100, 0, false)
	req.IncludeLocations = true
	res, err := ix.bleve.Search(req)
	require.NoError(t, err)
	out := map[string][]string{}
	for _, m := range res.Hits {
		out[m.ID] = flatLocations(m.Locations)
	}
	return out
}

func TestLocate(t *testing.T) {
	ix := testIndex(t)
	defer ix.Close()
	fox := Filter{Outlets: []string{"fox"}}
	tests := []Query{
		// Words, phrases, fields.
		{Text: "ukraine"},
		{Text: "peace plan officials"},
		{Text: `"peace plan"`},
		{Text: `"peace plan" bread`},
		{Text: "title:secret plan"},
		{Text: "outlet:fox plan"},
		{Text: "plan~1 brea*"},
		// Must, should and must-not clauses: articles are located one at
		// a time too, where a should clause matches after the must's first.
		{Text: "+plan said"},
		{Text: "+plan said", From: 1, Size: 1},
		{Text: "+plan said", Size: 1},
		{Text: "+plan +officials envoy bread"},
		{Text: "plan -secret"},
		{Text: "-secret"},
		{Text: "+the plan"}, // a stopword
		{Text: ""},
		// Filters hold no locations.
		{Text: "plan said", Filter: fox},
		{Text: "+plan said", Filter: Filter{Since: time.Date(2025, 11, 19, 0, 0, 0, 0, time.UTC)}},
	}
	for _, q := range tests {
		q.Marks = &Marks{"[", "]"}
		res, err := ix.Search(q)
		require.NoError(t, err, "Search(%+v)", q)
		require.NotEmpty(t, res.Hits, "Search(%+v)", q)
		want := wantLocations(t, ix, res.Hits[0].query)
		for _, h := range res.Hits {
			got := flatLocations(h.match.Locations)
			assert.Equal(t, want[h.ID], got, "Search(%q %+v) locations of %s", q.Text, q.Filter, h.ID)
		}
	}
}

func TestLocating(t *testing.T) {
	ix := testIndex(t)
	defer ix.Close()
	match := func(s string) query.Query { return bleve.NewMatchQuery(s) }
	must := bleve.NewBooleanQuery()
	must.AddMust(match("plan"))
	must.AddShould(match("said"))
	tests := []struct {
		q  query.Query
		ok bool
	}{
		{match("plan"), true},
		{must, true},
		{bleve.NewConjunctionQuery(match("plan"), must), true},
		{bleve.NewDisjunctionQuery(match("plan"), match("bread")), true},
		// A boolean or conjunction that may not have matched: searched
		// again over the whole index.
		{bleve.NewDisjunctionQuery(must, match("bread")), false},
		{bleve.NewDisjunctionQuery(bleve.NewConjunctionQuery(match("plan"), match("said")), match("bread")), false},
	}
	for _, tt := range tests {
		_, ok := locating(tt.q, true)
		assert.Equal(t, tt.ok, ok, "locating(%T) ok = %v, want %v", tt.q, ok, tt.ok)
		// Either way, locate finds what a search with locations finds.
		res, err := ix.bleve.Search(bleve.NewSearchRequestOptions(tt.q, 10, 0, false))
		require.NoError(t, err)
		require.NotEmpty(t, res.Hits)
		var hits []*Hit
		for _, m := range res.Hits {
			h := hitOf(m)
			hits = append(hits, &h)
		}
		require.NoError(t, ix.locate(tt.q, hits))
		want := wantLocations(t, ix, tt.q)
		for _, h := range hits {
			assert.Equal(t, want[h.ID], flatLocations(h.match.Locations), "locate(%T) locations of %s", tt.q, h.ID)
		}
	}
}

func TestParseQuery(t *testing.T) {
	const fields = "(fields: text, title, outlet, byline, city, edition, url, published)"
	tests := []struct {
		q       string
		wantErr string // in the error; "" when the query is valid
	}{
		// Valid: words, phrases, operators, fields, ranges, escapes.
		{"", ""},
		{`"peace plan" +Witkoff -Gaza`, ""},
		{"title:ceasefire outlet:fox byline:x url:y text:z", ""},
		{`published:>"2025-11-01"`, ""},
		{"title:5", ""},
		{"published:>2025", ""}, // a year needs no quotes
		{"published:2025-11-18 published:\"2025-11\" published:2025", ""},
		{`published:"2025-11-18T12:00:00Z"`, ""},
		// published is a date: a number that is no year, a day that is no
		// day, a wildcard; comparisons on fields that hold text.
		{"published:>5", "5 is not a year; published takes a date"},
		{"published:<=2025.5", "2025.5 is not a year"},
		{"published:2025-02-30", `"2025-02-30" is not a date`},
		{"published:yesterday", `"yesterday" is not a date`},
		{`published:"02/11/2025"`, `"02/11/2025" reads as February 11 or as 2 November: write which, as 2025-02-11 or 2025-11-02`},
		{`published:"18/11/2025"`, ""},
		{"published:2025*", "published takes a date: published:2025-11-18 (that day)"},
		{"published:/20.*/", "published takes a date"},
		{"outlet:>5", "outlet holds text: >, >=, < and <= compare dates, in published"},
		{`title:<"2025-11-01"`, "title holds text"},
		// A date compared unquoted: bleve's syntax error, and the quotes.
		{"published:>2025-11-01", `syntax error: a date (or any text) compared with > is quoted, as in published:>"2025-11-01"`},
		{"+plan +published:<=2025-11-30T00:00:00Z", `compared with <= is quoted, as in published:<="2025-11-30T00:00:00Z"`},
		{"_all:plan", ""}, // bleve's name for the default field
		{"a^2 b~1 pla*", ""},
		// Parentheses that are text, not grouping: quoted, escaped, in a regexp.
		{`"a (b)"`, ""},
		{`title:"a (b)"`, ""},
		{`a\(b\)`, ""},
		{`\(`, ""},
		{"/re(x)/", ""},
		{"title:/a(b)?/", ""},
		{`/plan\$/`, ""},
		// Anchors in a regexp: bleve reads ^ as a boost and refuses $.
		{"/^plan.*/", `"^" at character 2: a regexp matches whole terms already`},
		{"title:/plan.*$/", `"$" at character 14: a regexp matches whole terms already`},
		// Lucene's operators, quoted or in lower case, are words; so are
		// words that start with them and ! or && inside a word (as in Lucene).
		{`"rock AND roll"`, ""},
		{`"AND" "OR" "NOT" "&&" "||" "!"`, ""},
		{`title:"NOT guilty"`, ""},
		{"rock and roll", ""},
		{"war or peace not now", ""},
		{"And Or Not", ""},
		{"ANDROID ORACLE NOTE TO", ""},
		{"AND/OR a&&b a||b", ""},
		{"Yahoo! wow!!", ""},
		{`\!important`, ""},
		{`a\ AND\ b`, ""}, // escaped spaces: one word for Lucene too
		// Brackets and braces that are text: quoted, escaped, in a regexp.
		{`"[sic]" "{x}"`, ""},
		{`\[sic\] \{x\}`, ""},
		{"/[a-z]+ing/ title:/colou?r{1}/", ""},
		// What to write instead of a range.
		{`+published:>="2025-11-01" +published:<="2025-11-30"`, ""},
		// bleve's own errors.
		{`"peace plan`, "unterminated quote"},
		{"title:", "syntax error"},
		{"+", "syntax error"},
		// Parentheses: bleve has no grouping and read them as part of a word.
		{"(", `"(" at character 1`},
		{"(a", `"(" at character 1`},
		{"a b)", `")" at character 4`},
		{"+(a b)", `"(" at character 2`},
		{`"x" (y`, `"(" at character 5`},
		{"title:(b", `"(" at character 7`},
		{"a^2 (b", `"(" at character 5`},
		{"é (", `"(" at character 3`},
		{`a\\(b`, `"(" at character 4`}, // an escaped backslash, then a parenthesis
		// Lucene's AND, OR and NOT (&&, || and !) and [a TO b] ranges: bleve
		// read them as words (stopwords, or dropped punctuation), so that
		// a AND b matched either and a NOT b matched b.
		{"Witkoff AND Dmitriev", `"AND" at character 9: AND is no operator in this syntax (each term is optional, +required or -excluded): for a AND b write +a +b`},
		{"a && b", `"&&" at character 3: && is no operator in this syntax (each term is optional, +required or -excluded): for a && b write +a +b`},
		{"a OR b", `"OR" at character 3: OR is no operator in this syntax (each term is optional, +required or -excluded): for a OR b write a b`},
		{"a || b", `"||" at character 3: || is no operator`},
		{"a NOT b", `"NOT" at character 3: NOT is no operator in this syntax (each term is optional, +required or -excluded): for a NOT b write a -b`},
		{"NOT b", `"NOT" at character 1`},
		{"a\nAND\tb", `"AND" at character 3`}, // one word for bleve, three for Lucene
		{"a !b", `"!" at character 3: ! is no operator in this syntax (each term is optional, +required or -excluded): for !b write -b`},
		{"!", `"!" at character 1`},
		{"+AND", `"AND" at character 2`},
		{"title:ukraine AND outlet:fox", `"AND" at character 15`},
		{`"rock AND roll" AND peace`, `"AND" at character 17`},
		{"[a TO b]", `"[" at character 1: there are no [a TO b] ranges in this syntax: compare a date with >, >=, < or <=, as in +published:>="2025-11-01" +published:<="2025-11-30"; escape it as \[ to search for it`},
		{"published:[2025-11-01 TO 2025-11-30]", `"[" at character 11`},
		{"{a TO b}", `"{" at character 1`},
		{"x:{1 TO 5}", `"{" at character 3`},
		{"a]", `"]" at character 2`},
		{`a\\[`, `"[" at character 4`}, // an escaped backslash, then a bracket
		// Fields the index does not search.
		{"foo:bar", `unknown field "foo" ` + fields},
		{"ukraine +sig:x", `unknown field "sig"`},
		{"Deep Look: U.S.", `unknown field "Look"`},
		{`-origin:"a b"`, `unknown field "origin"`},
		{"x:/re/", `unknown field "x"`},
		{`when:>"2025-11-01"`, `unknown field "when"`},
		{"Title:plan", `unknown field "Title"`}, // fields are case-sensitive
		{"AND:x", `unknown field "AND"`},        // a field name, not an operator
	}
	for _, tt := range tests {
		q, err := ParseQuery(tt.q)
		if tt.wantErr == "" {
			if assert.NoError(t, err, "ParseQuery(%q)", tt.q) {
				assert.NotNil(t, q, "ParseQuery(%q)", tt.q)
			}
			continue
		}
		if assert.Error(t, err, "ParseQuery(%q) = nil error, want %q", tt.q, tt.wantErr) {
			assert.ErrorIs(t, err, ErrQuery, "ParseQuery(%q)", tt.q)
			assert.Contains(t, err.Error(), tt.wantErr, "ParseQuery(%q)", tt.q)
		}
	}
}

// An error over a text pasted as a query quotes its opening, not all of
// it, so that what is wrong is not lost after kilobytes of text.
func TestParseQueryLongText(t *testing.T) {
	article := strings.Repeat("The plan is divided into four areas of security and trade. ", 40)
	tests := []struct {
		q, want string
	}{
		{article + "Its areas: Ukraine", `unknown field "areas"`},
		{article + "Russia AND Ukraine", `"AND" at character 2368: AND is no operator`},
		{article + `"unterminated`, "unterminated quote"},
	}
	for _, tt := range tests {
		_, err := ParseQuery(tt.q)
		if assert.Error(t, err) {
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), `"The plan is divided`)
			assert.Less(t, len(err.Error()), 400, "ParseQuery(%.20q…) = %.200q…", tt.q, err)
		}
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{`"peace plan" +Witkoff`, "title:x -y", `published:>"2025-11-01"`, "a~2", "/re.*/", `"`, "a AND b", `"NOT" !x`, "[a TO b]", `\[x\]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuery(s)
		if err == nil && q == nil {
			t.Fatalf("ParseQuery(%q) = nil, nil", s)
		}
		if err != nil && !errors.Is(err, ErrQuery) {
			t.Fatalf("ParseQuery(%q) error %v does not wrap ErrQuery", s, err)
		}
	})
}

func TestSimilar(t *testing.T) {
	ix := testIndex(t)
	defer ix.Close()
	// Article "a" as a query: "b" shares its words; "c" does not.
	e, err := ix.Get("a")
	require.NoError(t, err)
	cands, err := ix.Similar(Like{Text: e.Article.Title + "\n" + e.Article.Text, Exclude: "a"})
	require.NoError(t, err)
	require.Len(t, cands, 1)
	assert.Equal(t, "b", cands[0].ID)
	assert.Greater(t, cands[0].Score, 0.0)

	// A new text.
	cands, err = ix.Similar(Like{Text: "bread and butter prices"})
	require.NoError(t, err)
	require.NotEmpty(t, cands)
	assert.Equal(t, "c", cands[0].ID)

	// Size bounds the candidates.
	cands, err = ix.Similar(Like{Text: "officials drafted a peace plan", Size: 1})
	require.NoError(t, err)
	assert.Len(t, cands, 1)
	// Any size: no more than the candidates there are, and no
	// allocation of its size.
	for _, size := range []int{3, math.MaxInt32, math.MaxInt} {
		cands, err = ix.Similar(Like{Text: "officials drafted a peace plan", Size: size})
		require.NoError(t, err, "size %d", size)
		assert.Len(t, cands, 2, "size %d", size)
	}
}

func TestTermsAndDocFreqs(t *testing.T) {
	ix := testIndex(t)
	defer ix.Close()
	terms, err := ix.Terms("The officials' plans: planning, officials!")
	require.NoError(t, err)
	assert.Equal(t, map[string]int{"offici": 2, "plan": 2}, terms)
	dfs, n, err := ix.DocFreqs("text", []string{"plan", "bread", "nosuchterm"})
	require.NoError(t, err)
	assert.Equal(t, 3, n)
	assert.Equal(t, []int{2, 1, 0}, dfs)
}

func TestMatchingAndHeaders(t *testing.T) {
	ix := testIndex(t)
	defer ix.Close()
	m, err := ix.Matching(Filter{Outlets: []string{"fox"}})
	require.NoError(t, err)
	assert.Equal(t, map[string]bool{"a": true, "c": true}, m)
	hs, err := ix.Headers([]string{"b", "zzz"})
	require.NoError(t, err)
	require.Len(t, hs, 1)
	assert.Equal(t, "nyt", hs["b"].Outlet)
	assert.Equal(t, "Secret peace talks", hs["b"].Title)
}

// An outlet stored two ways is found by either, or by an alias.
func TestOutlets(t *testing.T) {
	ix := testIndex(t)
	defer ix.Close()
	w, err := ix.NewWriter()
	require.NoError(t, err)
	require.NoError(t, w.Add(Entry{Article: corpus.Article{ID: "d", Outlet: "Fox News", Title: "Weather",
		Text: "Snow fell on the hills overnight and the roads were closed until noon."}}))
	require.NoError(t, w.Flush())
	for _, name := range []string{"Fox", "fox", "Fox News", "FOX NEWS CHANNEL"} {
		res, err := ix.Search(Query{Filter: Filter{Outlets: []string{name}}})
		require.NoError(t, err)
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		sort.Strings(got)
		assert.Equal(t, []string{"a", "c", "d"}, got, "--outlet %q", name)
	}
	keep, err := ix.Matching(Filter{Outlets: []string{"Fox"}})
	require.NoError(t, err)
	assert.Equal(t, map[string]bool{"a": true, "c": true, "d": true}, keep)
	all, err := ix.Outlets()
	require.NoError(t, err)
	assert.Equal(t, []StoredOutlet{{"Fox News", 1}, {"fox", 2}, {"nyt", 1}}, all)
	fox, err := ix.Outlets("FOX")
	require.NoError(t, err)
	assert.Equal(t, []StoredOutlet{{"Fox News", 1}, {"fox", 2}}, fox)
	none, err := ix.Outlets("CNN")
	require.NoError(t, err)
	assert.Empty(t, none)
}

func TestSearchPages(t *testing.T) {
	ix := testIndex(t)
	defer ix.Close()
	const huge = math.MaxInt
	tests := []struct {
		from, size int
		want       int // hits
	}{
		// Pages within the hits.
		{0, 1, 1},
		{1, 10, 2},
		{3, 10, 0},
		// Pages far past the hits, whose end overflows an int: no hits,
		// not a panic in the collector.
		{huge, 10, 0},
		{huge - 5, 100, 0},
		{1, huge, 2},
		{huge, huge, 0},
	}
	for _, tt := range tests {
		q := Query{Text: "", From: tt.from, Size: tt.size}
		res, err := ix.Search(q)
		require.NoError(t, err, "Search(From %d, Size %d)", tt.from, tt.size)
		assert.Len(t, res.Hits, tt.want, "Search(From %d, Size %d)", tt.from, tt.size)
		assert.Equal(t, 3, res.Total, "Search(From %d, Size %d).Total", tt.from, tt.size)

		groups, err := ix.SearchGroups(q, NewGrouping(), cluster.Rewrite, Marks{})
		require.NoError(t, err, "SearchGroups(From %d, Size %d)", tt.from, tt.size)
		assert.Len(t, groups.Page, tt.want, "SearchGroups(From %d, Size %d)", tt.from, tt.size)
		assert.Equal(t, 3, groups.Hits, "SearchGroups(From %d, Size %d) hits", tt.from, tt.size)
		assert.Equal(t, 3, groups.Groups, "SearchGroups(From %d, Size %d) groups", tt.from, tt.size)
	}
}

// TestSearchGroupsCounts checks that a collapsed search counts the
// groups of all its hits, not the hits, whichever page it lists: those
// past the hits read for the page too.
func TestSearchGroupsCounts(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "t.index")
	ix, err := Open(dir, Options{Create: true, Meta: Meta{Seed: 1, NumHashes: 4, Shingle: 3, Bands: 2, Rows: 2}})
	require.NoError(t, err)
	defer ix.Close()
	w, err := ix.NewWriter()
	require.NoError(t, err)
	// More hits than a collapse page, in groups of three; the last
	// article in no group.
	const n = 2*collapsePage + 31
	g := NewGrouping()
	for k := range n {
		id := fmt.Sprintf("a%04d", k)
		outlet := "fox"
		if k%2 == 1 {
			outlet = "nyt"
		}
		require.NoError(t, w.Add(Entry{Article: corpus.Article{ID: id, Outlet: outlet, Text: fmt.Sprintf("Storm report number %d from the coast.", k)}}))
		if k < n-1 {
			lab := fmt.Sprintf("a%04d", k/3*3)
			g.Set(Assignment{ID: id, Copy: "c:" + id, Rewrite: "r:" + lab, Story: "s:a0000"})
		}
	}
	require.NoError(t, w.Flush())
	want := map[cluster.Level]int{cluster.Copy: n, cluster.Rewrite: (n-1+2)/3 + 1, cluster.Story: 2}
	for _, l := range []cluster.Level{cluster.Copy, cluster.Rewrite, cluster.Story} {
		for _, page := range []struct{ from, size int }{{0, 1}, {0, 10}, {5, 3}, {want[l] - 1, 10}, {want[l], 10}, {0, n}} {
			res, err := ix.SearchGroups(Query{Text: "storm", From: page.from, Size: page.size}, g, l, Marks{})
			require.NoError(t, err)
			assert.Equal(t, n, res.Hits, "%s, from %d size %d: hits", l, page.from, page.size)
			assert.Equal(t, want[l], res.Groups, "%s, from %d size %d: groups", l, page.from, page.size)
			assert.Len(t, res.Page, max(0, min(page.size, want[l]-page.from)), "%s, from %d size %d: page", l, page.from, page.size)
		}
	}
	// A filter keeps the hits it counts: the odd ones, one or two in
	// each group of three (the last article, in no group, is even).
	res, err := ix.SearchGroups(Query{Text: "storm", Filter: Filter{Outlets: []string{"nyt"}}, Size: 1}, g, cluster.Rewrite, Marks{})
	require.NoError(t, err)
	assert.Equal(t, n/2, res.Hits)
	assert.Equal(t, (n-1+2)/3, res.Groups)
}

// TestSearchGroupsUngroupedApart: an article the grouping does not hold
// is a group of its own when collapsed, even when a group of others bears
// the label its ID makes (it was that group's first member, deleted and
// indexed again).
func TestSearchGroupsUngroupedApart(t *testing.T) {
	ix := testIndex(t)
	defer ix.Close()
	g := NewGrouping()
	g.Set(Assignment{ID: "b", Copy: "c:b", Rewrite: "r:a", Story: "s:a"})
	g.Set(Assignment{ID: "c", Copy: "c:c", Rewrite: "r:a", Story: "s:a"})
	res, err := ix.SearchGroups(Query{Text: "peace", Size: 10}, g, cluster.Rewrite, Marks{})
	require.NoError(t, err)
	assert.Equal(t, 2, res.Hits)
	assert.Equal(t, 2, res.Groups, "a apart from r:a")
	require.Len(t, res.Page, 2)
	for _, h := range res.Page {
		want := map[string]int{"a": 1, "b": 2}[h.ID]
		assert.Equal(t, want, h.GroupSize, h.ID)
	}
	// A page of one counts both.
	res, err = ix.SearchGroups(Query{Text: "peace", Size: 1}, g, cluster.Rewrite, Marks{})
	require.NoError(t, err)
	assert.Equal(t, 2, res.Groups)
}

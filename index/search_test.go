package index

import (
	"errors"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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
		// Filters.
		{Query{Text: "", Filter: Filter{Outlets: []string{"fox"}}}, []string{"a", "c"}},
		{Query{Text: "plan", Filter: Filter{Outlets: []string{"fox", "nyt"}}}, []string{"a", "b"}},
		{Query{Text: "", Filter: Filter{Since: day(19)}}, []string{"b"}},
		{Query{Text: "", Filter: Filter{Until: day(19)}}, []string{"a"}},
		{Query{Text: "plan", Filter: Filter{Since: day(1), Until: day(30), Outlets: []string{"nyt"}}}, []string{"b"}},
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
}

func TestParseQueryErrors(t *testing.T) {
	for _, q := range []string{`"peace plan`, "title:", "+", "(a"} {
		_, err := ParseQuery(q)
		if q == "(a" { // bleve reads an unbalanced parenthesis as a word
			continue
		}
		assert.True(t, errors.Is(err, ErrQuery), "ParseQuery(%q) = %v, want ErrQuery", q, err)
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{`"peace plan" +Witkoff`, "title:x -y", `published:>"2025-11-01"`, "a~2", "/re.*/", `"`} {
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

package index

import (
	"strconv"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMaxTerms: a query that expands to more terms than its bound is
// refused with ErrTooManyTerms (an ErrQuery); within it, or with the
// bound lifted, it runs. The bound is the handle's (Options.MaxTerms) or
// the query's (Query.MaxTerms), each alike.
func TestMaxTerms(t *testing.T) {
	w := testIndex(t)
	dir := w.Dir()
	require.NoError(t, w.Close())
	tests := []struct {
		max  int
		text string
		hits int // -1: refused
	}{
		{0, "*", 3}, // DefaultMaxTerms
		{DefaultMaxTerms, "*", 3},
		{5, "*", -1},       // every word of the three articles
		{5, "pea*", 2},     // peace
		{5, "pea?", 2},     // a wildcard: peac, as stemmed
		{5, "/.*a.*/", -1}, // every word with an a: plan, drafted, bakery, …
		{5, "peace plan envoy bread butter flour", -1}, // six words, a clause each
		{5, "+peace +plan +envoy +bread +butter +flour", 0},
		{5, "title:pea* text:bread", 3},
		{1, "bred~1 plan", -1}, // two clauses
		{5, "bred~1", 1},       // bread
		{5, "ra~2", 3},         // rais (raised), 28
		{1, "ra~2", -1},
		{1, "officials~1", 2},
		{NoMaxTerms, "*", 3},
		{NoMaxTerms, "/.*a.*/", 3},
	}
	for _, tt := range tests {
		ix, err := Open(dir, Options{ReadOnly: true, MaxTerms: tt.max})
		require.NoError(t, err)
		byHandle, err1 := ix.Search(Query{Text: tt.text})
		byQuery, err2 := ix.Search(Query{Text: tt.text, MaxTerms: tt.max})
		require.NoError(t, ix.Close())
		for _, c := range []struct {
			how string
			res *Results
			err error
		}{{"handle", byHandle, err1}, {"query", byQuery, err2}} {
			if tt.hits < 0 {
				require.ErrorIs(t, c.err, ErrTooManyTerms, "%q with at most %d terms (%s)", tt.text, tt.max, c.how)
				assert.ErrorIs(t, c.err, ErrQuery)
				assert.Contains(t, c.err.Error(), "more than "+strconv.Itoa(tt.max)+" terms")
				continue
			}
			require.NoError(t, c.err, "%q with at most %d terms (%s)", tt.text, tt.max, c.how)
			assert.Equal(t, tt.hits, c.res.Total, "%q with at most %d terms (%s)", tt.text, tt.max, c.how)
		}
	}
}

// TestMaxTermsPerHandle: two handles with different bounds search at
// once, each held to its own.
func TestMaxTermsPerHandle(t *testing.T) {
	w := testIndex(t)
	dir := w.Dir()
	require.NoError(t, w.Close())
	tight, err := Open(dir, Options{ReadOnly: true, MaxTerms: 3})
	require.NoError(t, err)
	defer tight.Close()
	open, err := Open(dir, Options{ReadOnly: true, MaxTerms: NoMaxTerms})
	require.NoError(t, err)
	defer open.Close()
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for range 20 {
				_, err := tight.Search(Query{Text: "*"})
				assert.ErrorIs(t, err, ErrTooManyTerms)
			}
		}()
		go func() {
			defer wg.Done()
			for range 20 {
				res, err := open.Search(Query{Text: "*"})
				if assert.NoError(t, err) {
					assert.Equal(t, 3, res.Total)
				}
			}
		}()
	}
	wg.Wait()
	// A query's own bound overrides the handle's.
	res, err := tight.Search(Query{Text: "*", MaxTerms: NoMaxTerms})
	require.NoError(t, err)
	assert.Equal(t, 3, res.Total)
}

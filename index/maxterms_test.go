package index

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMaxTerms: a query that expands to more terms than the bound is
// refused with ErrTooManyTerms (an ErrQuery); within it, or with the
// bound lifted, it runs.
func TestMaxTerms(t *testing.T) {
	ix := testIndex(t)
	defer SetMaxTerms(DefaultMaxTerms)
	tests := []struct {
		max  int
		text string
		hits int // -1: refused
	}{
		{DefaultMaxTerms, "*", 3},
		{5, "*", -1},       // every word of the three articles
		{5, "pea*", 2},     // peace
		{5, "/.*a.*/", -1}, // every word with an a: plan, drafted, bakery, …
		{5, "peace plan envoy bread butter flour", -1}, // six words, a clause each
		{0, "*", 3},
		{0, "/.*a.*/", 3},
	}
	for _, tt := range tests {
		SetMaxTerms(tt.max)
		res, err := ix.Search(Query{Text: tt.text})
		if tt.hits < 0 {
			require.ErrorIs(t, err, ErrTooManyTerms, "%q with at most %d terms", tt.text, tt.max)
			assert.ErrorIs(t, err, ErrQuery)
			assert.True(t, strings.Contains(err.Error(), "more than 5 terms"), "%v", err)
			continue
		}
		require.NoError(t, err, "%q with at most %d terms", tt.text, tt.max)
		assert.Equal(t, tt.hits, res.Total, "%q with at most %d terms", tt.text, tt.max)
	}
}

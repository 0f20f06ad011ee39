package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestListingsBounded: search expands a query to at most --max-terms
// words (a bare * is refused at the default bound over a real index, at
// once), groups lists --limit groups (100 unless told), and both say so
// in --help.
func TestListingsBounded(t *testing.T) {
	ix := seedIndex(t)
	tests := []struct {
		args []string
		code int
		want string // in stderr
	}{
		{[]string{"search", "--index", ix, "--max-terms", "20", "*"}, 2, `malformed query: too many terms "*": it expands to more than 20 terms`},
		{[]string{"search", "--index", ix, "--max-terms", "20", "*"}, 2, "or raise --max-terms"},
		{[]string{"search", "--index", ix, "--max-terms", "0", "*"}, 0, "5 hits; hits 1-5 shown"},
		{[]string{"search", "--index", ix, "--max-terms", "20", "witk*"}, 0, "5 hits"},
		{[]string{"search", "--index", ix, "--max-terms", "-1", "x"}, 2, "--max-terms not negative"},
		{[]string{"groups", "--index", ix, "--level", "copy", "--min-size", "1", "-n", "2"}, 0, "groups at level copy; the 2 largest listed (--limit 0 lists all)"},
		{[]string{"groups", "--index", ix, "--level", "copy", "--min-size", "1", "-n", "0"}, 0, "groups at level copy\n"},
	}
	for _, tt := range tests {
		_, errs, code := wirediff(t, "", tt.args...)
		assert.Equal(t, tt.code, code, "wirediff %v\n%s", tt.args, errs)
		assert.Contains(t, errs, tt.want, "wirediff %v", tt.args)
	}
	for cmd, want := range map[string]string{"search": "--max-terms int", "groups": "groups to list, largest first (0 = all) (default 100)"} {
		out, errs, code := wirediff(t, "", cmd, "--help")
		require.Equal(t, 0, code, errs)
		assert.True(t, strings.Contains(out+errs, want), "%s --help does not state its bound (%q):\n%s%s", cmd, want, out, errs)
	}
}

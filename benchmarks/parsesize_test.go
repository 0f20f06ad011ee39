package benchmarks

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestParseSize: counts with k and m suffixes, and their names.
func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"1", 1},
		{"2500", 2500},
		{"1k", 1000},
		{"10K", 10000},
		{" 1m", 1000000},
	}
	for _, tt := range tests {
		got, err := ParseSize(tt.in)
		if assert.NoError(t, err, "ParseSize(%q)", tt.in) {
			assert.Equal(t, tt.want, got, "ParseSize(%q) = %d, want %d", tt.in, got, tt.want)
		}
		assert.Equal(t, tt.want, mustParse(t, SizeName(tt.want)), "SizeName(%d) does not parse back", tt.want)
	}
	for _, bad := range []string{"", "k", "0", "-5", "1g", "1.5k", "ten",
		"1001m", "1000001k", "18446744073709551m", "99999999999999m", "99999999999999999999"} {
		_, err := ParseSize(bad)
		assert.Error(t, err, "ParseSize(%q)", bad)
	}
}

func mustParse(t *testing.T, s string) int {
	n, err := ParseSize(s)
	require.NoError(t, err)
	return n
}

// TestParseLists: the comma-separated lists of bench run's --sizes and
// --modes.
func TestParseLists(t *testing.T) {
	sizes, err := ParseSizes("1k,10k, 2500")
	require.NoError(t, err)
	assert.Equal(t, []int{1000, 10000, 2500}, sizes)
	sizes, err = ParseSizes("10k,1k,1000,10k")
	require.NoError(t, err)
	assert.Equal(t, []int{10000, 1000}, sizes, "a size given again is measured once")
	for _, bad := range []string{"", "1k,", "1k,ten", ",1k"} {
		_, err := ParseSizes(bad)
		assert.Error(t, err, "ParseSizes(%q)", bad)
	}

	modes, err := ParseModes("copy,bleve-sig")
	require.NoError(t, err)
	assert.Equal(t, []string{"copy", "bleve-sig"}, modes)
	all, err := ParseModes(strings.Join(Modes, ","))
	require.NoError(t, err)
	assert.Equal(t, Modes, all)
	for _, bad := range []string{"", "copy,", "copy,fast", "Copy"} {
		_, err := ParseModes(bad)
		assert.ErrorContains(t, err, "unknown mode", "ParseModes(%q)", bad)
	}
}

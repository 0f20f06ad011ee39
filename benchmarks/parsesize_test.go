package benchmarks

import (
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
	for _, bad := range []string{"", "k", "0", "-5", "1g", "1.5k", "ten"} {
		_, err := ParseSize(bad)
		assert.Error(t, err, "ParseSize(%q)", bad)
	}
}

func mustParse(t *testing.T, s string) int {
	n, err := ParseSize(s)
	require.NoError(t, err)
	return n
}

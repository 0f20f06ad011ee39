package cluster

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseOptions(t *testing.T) {
	def := DefaultOptions()
	for _, tt := range []struct {
		level     string
		threshold float64
		window    string
		wantLevel Level
		want      func(*Options)
	}{
		// Nothing changed: the defaults.
		{"rewrite", 0, "", Rewrite, func(*Options) {}},
		// The threshold of the level named, and only of it.
		{"copy", 0.8, "", Copy, func(o *Options) { o.Thresholds.Copy = 0.8 }},
		{"story", 1, "", Story, func(o *Options) { o.Thresholds.Story = 1 }},
		// The window, in days or as a duration; 0 turns it off.
		{"story", 0, "36h", Story, func(o *Options) { o.Window = 36 * time.Hour }},
		{"copy", 0, "0", Copy, func(o *Options) { o.Window = 0 }},
	} {
		l, got, err := ParseOptions(tt.level, tt.threshold, tt.window)
		require.NoError(t, err, "ParseOptions(%q, %v, %q)", tt.level, tt.threshold, tt.window)
		want := def
		tt.want(&want)
		assert.Equal(t, tt.wantLevel, l)
		assert.Equal(t, want, got, "ParseOptions(%q, %v, %q)", tt.level, tt.threshold, tt.window)
	}
	for _, tt := range []struct {
		level     string
		threshold float64
		window    string
		want      string // the start of the error
	}{
		{"paragraph", 0, "", "level: "},
		{"copy", -0.1, "", "threshold -0.1: "},
		{"copy", 1.5, "", "threshold 1.5: "},
		{"copy", math.NaN(), "", "threshold NaN: "},
		{"copy", 0, "a week", "window: "},
		{"copy", 0, "-1d", "window: "},
	} {
		_, _, err := ParseOptions(tt.level, tt.threshold, tt.window)
		require.Error(t, err, "ParseOptions(%q, %v, %q)", tt.level, tt.threshold, tt.window)
		assert.Regexp(t, "^"+tt.want, err.Error())
	}
}

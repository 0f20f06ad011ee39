package cluster

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestParseWindow: durations and days, zero for off, and the refusals.
func TestParseWindow(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"7d", 7 * 24 * time.Hour, true},
		{"1.5d", 36 * time.Hour, true},
		{"36h", 36 * time.Hour, true},
		{"0", 0, true}, // off, as the help says
		{"0d", 0, true},
		{"0s", 0, true},
		{"-1d", 0, false},
		{"-2h", 0, false},
		{"soon", 0, false},
		{"d", 0, false},
		{"", 0, false},
		{"106751d", 106751 * 24 * time.Hour, true}, // the largest Duration in days
		{"200000d", 0, false},                      // would wrap around to a negative window
		{"NaNd", 0, false},
		{"Infd", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseWindow(tt.in)
		if !tt.ok {
			assert.Error(t, err, "ParseWindow(%q)", tt.in)
			continue
		}
		if assert.NoError(t, err, "ParseWindow(%q)", tt.in) {
			assert.Equal(t, tt.want, got, "ParseWindow(%q)", tt.in)
		}
	}
}

// TestWithinWindow: the window bounds the distance either way, inclusive;
// no window or an unknown date keeps a pair together.
func TestWithinWindow(t *testing.T) {
	const day = int64(24 * 60 * 60)
	week := 7 * 24 * time.Hour
	tests := []struct {
		a, b   int64
		window time.Duration
		want   bool
	}{
		{0, 7 * day, week, true},
		{7 * day, 0, week, true},
		{0, 7*day + 1, week, false},
		{7*day + 1, 0, week, false},
		{0, 100 * day, 0, true},
		{0, 100 * day, -time.Hour, true},
		{NoDate, 100 * day, week, true},
		{100 * day, NoDate, week, true},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, WithinWindow(tt.a, tt.b, tt.window), "WithinWindow(%d, %d, %v)", tt.a, tt.b, tt.window)
	}
}

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

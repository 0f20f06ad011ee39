package explain

import (
	"strings"
	"testing"
)

// TestWhy: the sentence says how the pair's score and the groups agree,
// for each combination, and why a pair whose figures differ does not
// pass.
func TestWhy(t *testing.T) {
	for _, tt := range []struct {
		passes, same, grouped bool
		want                  string
		figures               string
	}{
		{true, true, true, "is at or above the threshold 0.5; both are in r:a", ""},
		{false, true, true, "is below the threshold 0.5; both are in r:a, joined through other members", ""},
		{true, false, true, "they are in r:a and r:b: their groups as wholes fall short", ""},
		{false, false, true, "is below the threshold 0.5; they are in r:a and r:b", ""},
		{true, false, false, "the index holds no grouping of both", ""},
		{false, false, true, "is at or above the threshold 0.5, but they give different figures (1 of 17 shared): other figures, another report; they are in r:a and r:b",
			"they give different figures (1 of 17 shared)"},
	} {
		lv := Level{Level: "rewrite", Score: 0.4, Threshold: 0.5, Passes: tt.passes, SameGroup: tt.same}
		if tt.passes || tt.figures != "" {
			lv.Score = 0.6
		}
		lb := "r:b"
		if tt.same {
			lb = "r:a"
		}
		if got := why(lv, "r:a", lb, tt.grouped, tt.figures); !strings.Contains(got, tt.want) {
			t.Errorf("why(passes %v, same %v, grouped %v) = %q, want it to say %q", tt.passes, tt.same, tt.grouped, got, tt.want)
		}
	}
}

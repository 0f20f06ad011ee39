package lineage

import (
	"strings"
	"testing"
)

// TestSeedsEditorial: in the lineage of the five seeds, 003 (the rewrite
// full of asides) has the highest editorial score, its sarcastic aside is
// an editorial span covering the sentence, and no neutral word of the
// seeds that a lexicon flags is loaded wording.
func TestSeedsEditorial(t *testing.T) {
	rep, err := Analyze(loadSeeds(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	most, top := "", -1.0
	for _, m := range rep.Members {
		if m.EditorialScore > top {
			most, top = m.ID, m.EditorialScore
		}
		for _, s := range spansOf(m, SpanEditorial) {
			if !strings.HasPrefix(s.Why, "loaded wording") {
				continue
			}
			for _, w := range []string{"wealth", "supporters", "hostilities", "warring", "successes"} {
				if strings.Contains(strings.ToLower(s.Text), w) {
					t.Errorf("%s: %q flagged as loaded wording (%s)", m.ID, s.Text, s.Why)
				}
			}
		}
		if !strings.HasPrefix(m.ID, "003") {
			continue
		}
		want := "One can only assume the Washington foreign policy class hates that sentence."
		found := false
		for _, s := range spansOf(m, SpanEditorial) {
			found = found || s.Text == want
		}
		if !found {
			t.Errorf("003: %q is not an editorial span", want)
		}
	}
	if !strings.HasPrefix(most, "003") {
		t.Errorf("most editorial member = %s (%.1f), want 003", most, top)
	}
}

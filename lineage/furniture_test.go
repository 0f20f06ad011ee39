package lineage

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The seeds' captions, subheads, bullet summaries and standfirst are
// furniture, never added; the comment box stays boilerplate.
func TestSeedsFurniture(t *testing.T) {
	r, err := Analyze(loadSeeds(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"001_2ea4910e153269e2": {"Four Pillars of the Plan", "What Comes Next", "Ukraine Peace Plan Talks Quick Looks", "- Zelensky meeting in Turkey was postponed."},
		"002_ac49a336ca4eb3e9": {"Vladimir Putin and Donald Trump (Photo: ERA)"},
		"004_9e1179f061f0b57d": {"It isn't clear what Ukraine and its supporters in Europe will think of the deal."},
	}
	for _, m := range r.Members {
		kinds := map[string]string{}
		for _, s := range m.Spans {
			if s.Kind == SpanFurniture || s.Kind == SpanAdded || s.Kind == SpanBoilerplate {
				kinds[s.Text] = s.Kind
			}
		}
		for _, text := range want[m.ID] {
			assert.Equal(t, SpanFurniture, kinds[text], "%s: %q", m.ID, text)
		}
		if m.ID == "001_2ea4910e153269e2" {
			assert.Equal(t, SpanBoilerplate, kinds["You must Register or Login to post a comment."])
			assert.NotEqual(t, SpanFurniture, kinds["- Peace in Ukraine"], "an introduced list item is reporting, not furniture")
		}
	}
}

package lineage

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/corpus"
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

// A summary list under a label ending in a colon ("Key points:") is
// furniture whatever marks its items, so its phrases are neither joined
// into one sentence nor counted in the shares.
func TestLabelledSummaryFurniture(t *testing.T) {
	const body = "The city council voted on Tuesday to approve a new budget of $4.2 million for road repairs. " +
		"Mayor Jane Holt said the money would fix more than 200 potholes before winter. " +
		"Work is expected to begin in March and finish by October."
	for _, mark := range []string{"-", "*", "•"} {
		list := "\n\nKey points:\n" + mark + " Budget of $4.2 million\n" + mark + " More than 200 potholes fixed\n" + mark + " Work begins in March\n"
		arts := []corpus.Article{
			{ID: "a", Published: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), Text: body},
			{ID: "b", Published: time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC), Text: body + list},
		}
		r, err := Analyze(arts, Options{})
		require.NoError(t, err)
		require.Len(t, r.Members, 1)
		m := r.Members[0]
		require.Equal(t, "b", m.ID)
		for _, s := range m.Spans {
			if strings.Contains(s.Text, "Key points") || strings.HasPrefix(s.Text, mark) {
				assert.Equal(t, SpanFurniture, s.Kind, "%q", s.Text)
			}
		}
		assert.Zero(t, m.AddedShare, "mark %q", mark)
	}
}

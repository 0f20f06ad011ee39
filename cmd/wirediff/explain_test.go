package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/explain"
	"github.com/wirediff/wirediff/similarity"
)

// TestExplain: two seeds share the rewrite and story groups and are not
// copies; the evidence lists the shared items with offsets that point at
// the same words in both texts.
func TestExplain(t *testing.T) {
	ix := seedIndex(t)
	const a, b = "000_4bd703d3e122696c", "002_ac49a336ca4eb3e9"
	out, errs, code := wirediff(t, "", "explain", "--index", ix, "--format", "json", a, b)
	require.Equal(t, 0, code, errs)
	var ex explain.Explanation
	require.NoError(t, json.Unmarshal([]byte(out), &ex))
	require.Len(t, ex.Levels, 3)
	want := map[string][2]bool{"copy": {false, false}, "rewrite": {true, true}, "story": {true, true}}
	for _, lv := range ex.Levels {
		assert.Equal(t, want[lv.Level], [2]bool{lv.Passes, lv.SameGroup}, "%s: %s", lv.Level, lv.Why)
		assert.Equal(t, lv.Score >= lv.Threshold, lv.Passes)
	}
	assert.Equal(t, ex.Evidence.SharedNames, len(ex.Shared.Names), "one listed name per counted name")
	require.NotEmpty(t, ex.Shared.Quotes)
	require.NotEmpty(t, ex.Shared.Passages)
	textA, textB := articleText(t, ix, a), articleText(t, ix, b)
	words := func(s string) string {
		var w []string
		for _, tk := range similarity.AppendTokens(nil, s, 0, len(s)) {
			w = append(w, tk.Text)
		}
		return strings.Join(w, " ")
	}
	for _, p := range append(ex.Shared.Quotes, ex.Shared.Passages...) {
		assert.Equal(t, p.Text, textA[p.A.Start:p.A.End])
		assert.Equal(t, words(p.Text), words(textB[p.B.Start:p.B.End]), "passage %q at B %d-%d", p.Text, p.B.Start, p.B.End)
	}

	table, errs, code := wirediff(t, "", "explain", "--index", ix, a, b)
	require.Equal(t, 0, code, errs)
	for _, s := range []string{"rewrite", "both are in r:000_4bd703d3e122696c", "shared quotations", "the Russian position is really being heard"} {
		assert.Contains(t, table, s)
	}

	for _, args := range [][]string{{a}, {a, a}, {"--format", "xml", a, b}} {
		_, errs, code := wirediff(t, "", append([]string{"explain", "--index", ix}, args...)...)
		assert.Equal(t, 2, code, "explain %v: %s", args, errs)
	}
}

func articleText(t *testing.T, ix, id string) string {
	t.Helper()
	out, errs, code := wirediff(t, "", "show", "--index", ix, "--format", "json", id)
	require.Equal(t, 0, code, errs)
	var doc struct {
		Articles []struct {
			Text string `json:"text"`
		} `json:"articles"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc), out)
	require.Len(t, doc.Articles, 1)
	return doc.Articles[0].Text
}

// TestScoredWithRecordedOptions: explain and similar judge a pair by the
// thresholds the index's groups were made with, not the defaults: with a
// rewrite threshold of 0.6 no two seeds are rewrites of one another.
func TestScoredWithRecordedOptions(t *testing.T) {
	ix := seedIndex(t, "--level", "rewrite", "--threshold", "0.6")
	const a, b = "000_4bd703d3e122696c", "001_2ea4910e153269e2"
	out, errs, code := wirediff(t, "", "explain", "--index", ix, "--format", "json", a, b)
	require.Equal(t, 0, code, errs)
	var ex explain.Explanation
	require.NoError(t, json.Unmarshal([]byte(out), &ex))
	require.Len(t, ex.Levels, 3)
	rw := ex.Levels[1]
	assert.Equal(t, 0.6, rw.Threshold)
	assert.False(t, rw.Passes, rw.Why)
	assert.NotContains(t, rw.Why, "as wholes fall short")

	out, errs, code = wirediff(t, "", "similar", "--index", ix, "--format", "tsv", a)
	require.Equal(t, 0, code, errs)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 5, out)
	for _, l := range lines[1:] {
		assert.Equal(t, "story", strings.Split(l, "\t")[2], "every seed joins 000 at the story level only: %s", l)
	}
}

package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEditorialCommand: one JSONL record per input record, with byte
// offsets into its text, from standard input and from files.
func TestEditorialCommand(t *testing.T) {
	in := `{"id":"s1","text":"The council approved the budget on Tuesday, officials said."}
{"id":"s2","text":"Isn't it obvious that this disastrous, shameful plan will fail us all?"}
`
	out, errs, code := wirediff(t, in, "editorial", "--format", "jsonl", "-")
	require.Equal(t, 0, code, errs)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 2, out)
	texts := map[string]string{
		"s1": "The council approved the budget on Tuesday, officials said.",
		"s2": "Isn't it obvious that this disastrous, shameful plan will fail us all?",
	}
	type sentence struct {
		Start, End int
		Kind       string
		Label      string
		PEditorial *float64 `json:"p_editorial"`
	}
	type span struct {
		Kind, Text, Why string
		Start, End      int
	}
	type record struct {
		ID             string
		EditorialScore *float64 `json:"editorial_score"`
		Sentences      []sentence
		Spans          []span
	}
	recs := map[string]record{}
	for _, l := range lines {
		var r record
		require.NoError(t, json.Unmarshal([]byte(l), &r), l)
		recs[r.ID] = r
		text := texts[r.ID]
		require.NotNil(t, r.EditorialScore, l)
		require.NotEmpty(t, r.Sentences, l)
		for _, s := range r.Sentences {
			require.NotNil(t, s.PEditorial, l)
			assert.Contains(t, []string{"reporting", "background", "commentary"}, s.Kind)
			assert.Contains(t, []string{"editorial", "neutral"}, s.Label)
			assert.True(t, 0 <= s.Start && s.Start < s.End && s.End <= len(text), "%+v", s)
		}
		for _, s := range r.Spans {
			assert.Equal(t, "editorial", s.Kind)
			assert.Equal(t, text[s.Start:s.End], s.Text)
			assert.NotEmpty(t, s.Why)
		}
	}
	assert.Equal(t, "reporting", recs["s1"].Sentences[0].Kind)
	assert.Equal(t, "neutral", recs["s1"].Sentences[0].Label)
	assert.Equal(t, "editorial", recs["s2"].Sentences[0].Label)
	assert.Greater(t, *recs["s2"].EditorialScore, *recs["s1"].EditorialScore)

	// The table names every record; a bad format is a usage error.
	out, errs, code = wirediff(t, "", "editorial", "../../testdata/seeds")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "003_d4f861dc4b37a64b")
	_, _, code = wirediff(t, "", "editorial", "--format", "xml", "-")
	assert.Equal(t, 2, code)
}

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

// TestEditorialSkips: bad records are named, counted and skipped, the
// good ones written; with no record read at all it is a usage error.
func TestEditorialSkips(t *testing.T) {
	in := "{\"id\":\"a\",\"text\":\"The council approved the budget.\"}\n{\"id\":\"b\"}\n[1,2]\n"
	out, errs, code := wirediff(t, in, "editorial", "--format", "tsv", "-")
	require.Equal(t, 0, code, errs)
	assert.Equal(t, 2, strings.Count(out, "\n"), "the header and record a:\n%s", out)
	assert.Contains(t, errs, "-:2: empty")
	assert.Contains(t, errs, "-:3: malformed-json")
	assert.Contains(t, errs, "1 record read, skipped 2 (empty 1, malformed-json 1)")

	out, errs, code = wirediff(t, "{\"id\":\"b\"}\n", "editorial", "-")
	assert.Equal(t, 2, code)
	assert.Empty(t, out)
	assert.Contains(t, errs, "no records read from - (skipped 1 (empty 1))")

	// A plain-text article piped in is read as one text named by its
	// content;
	// dedup, which groups many, tells how "-" reads.
	out, errs, code = wirediff(t, "  The council approved the budget.\nIt met on Monday.\n", "editorial", "--format", "jsonl", "-")
	require.Equal(t, 0, code, errs)
	var rec struct {
		ID        string `json:"id"`
		Sentences []struct{ Start, End int }
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rec), out)
	assert.Regexp(t, `^stdin:[0-9a-f]{16}$`, rec.ID)
	if assert.Len(t, rec.Sentences, 2) {
		assert.Equal(t, 2, rec.Sentences[0].Start, "offsets into the text as piped in")
	}
	// Offsets count the text as read: a byte order mark removed, HTML
	// entities decoded, \r\n made \n.
	out, errs, code = wirediff(t, `{"id":"r","text":"\ufeffSmith &amp; Co met.\r\nThe reckless plan failed."}`+"\n",
		"editorial", "--format", "jsonl", "-")
	require.Equal(t, 0, code, errs)
	require.NoError(t, json.Unmarshal([]byte(out), &rec), out)
	read := "Smith & Co met.\nThe reckless plan failed."
	if assert.Len(t, rec.Sentences, 2) {
		assert.Equal(t, "The reckless plan failed.", read[rec.Sentences[1].Start:rec.Sentences[1].End])
	}
	_, errs, code = wirediff(t, "The council approved the budget.\n", "dedup", "--no-index", "-")
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "no articles read from - (skipped 1 (malformed-json 1)); \"-\" reads JSON lines")
}

package corpus

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// IDs are kept byte for byte; an ID no line-oriented listing could hold
// is a file:line skip, and its neighbours are read.
func TestReadIDValidation(t *testing.T) {
	long := strings.Repeat("x", MaxIDBytes+1)
	dir := writeFiles(t, map[string]string{
		"ids.jsonl": `{"id": "a b", "text": "One."}` + "\n" +
			`{"id": "a  b", "text": "Two."}` + "\n" +
			`{"id": "x&amp;y", "text": "Three."}` + "\n" +
			`{"id": "x&y", "text": "Four."}` + "\n" +
			`{"id": "tab\there", "text": "Five."}` + "\n" +
			`{"id": "nl\nhere", "text": "Six."}` + "\n" +
			`{"id": "esc\u001b[31m", "text": "Seven."}` + "\n" +
			`{"id": "` + long + `", "text": "Eight."}` + "\n" +
			`{"id": "` + long[1:] + `", "text": "Nine."}` + "\n",
	})
	r := read(t, []string{filepath.Join(dir, "ids.jsonl")}, Options{})
	assert.Equal(t, []string{"a b", "a  b", "x&amp;y", "x&y", long[1:]}, r.ids())
	require.Len(t, r.problems, 4)
	for k, line := range []string{":5: invalid-id", ":6: invalid-id", ":7: invalid-id", ":8: invalid-id"} {
		assert.Contains(t, r.problems[k], "ids.jsonl"+line)
	}
	assert.Contains(t, r.problems[3], "longer than 4096")
	assert.Equal(t, 4, r.stats.Skipped[InvalidID])
}

func TestCheckID(t *testing.T) {
	for _, c := range []struct {
		id string
		ok bool
	}{
		{"000_4bd703d3e122696c", true},
		{"https://example.com/a?b=c&d=e", true},
		{"émission spéciale", true},
		{"", false},
		{"a\tb", false},
		{"a\rb", false},
		{"a\u0085b", false}, // NEL, a C1 control
		{strings.Repeat("é", MaxIDBytes/2), true},
		{strings.Repeat("é", MaxIDBytes/2+1), false},
	} {
		err := CheckID(c.id)
		assert.Equal(t, c.ok, err == nil, "CheckID(%.30q) = %v", c.id, err)
	}
}

// A file with no records is a skip, not a silent zero; control characters
// leave titles, outlets and bylines.
func TestReadEmptyFilesAndControls(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"empty.jsonl": "",
		"blank.jsonl": "\n\n",
		"header.csv":  "id,text\n",
		"none.json":   "[]",
		"ok.jsonl":    `{"id": "x", "title": "Red \u001b[31malert\u001b[0m", "outlet": "A\u0007B", "text": "Body."}` + "\n",
	})
	var paths []string
	for _, n := range []string{"empty.jsonl", "blank.jsonl", "header.csv", "none.json", "ok.jsonl"} {
		paths = append(paths, filepath.Join(dir, n))
	}
	r := read(t, paths, Options{})
	require.Len(t, r.articles, 1)
	assert.Equal(t, "Red [31malert[0m", r.articles[0].Title)
	assert.Equal(t, "AB", r.articles[0].Outlet)
	assert.Equal(t, 4, r.stats.Skipped[Empty])
	for _, p := range r.problems {
		assert.Contains(t, p, ": empty: no records")
	}
}

package listing

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in      string
		allowed []Format
		want    Format
		err     bool
	}{
		// Every listing format by default.
		{"table", nil, Table, false},
		{"tsv", nil, TSV, false},
		{"xml", nil, "", true},
		// A report offers fewer.
		{"json", []Format{Table, JSON}, JSON, false},
		{"csv", []Format{Table, JSON}, "", true},
	}
	for _, tt := range tests {
		got, err := ParseFormat(tt.in, tt.allowed...)
		assert.Equal(t, tt.want, got, "ParseFormat(%q)", tt.in)
		assert.Equal(t, tt.err, errors.Is(err, ErrFormat), "ParseFormat(%q) error %v", tt.in, err)
	}
	assert.Equal(t, "table, json, jsonl, csv or tsv", Names())
	assert.Equal(t, "table or json", Names(Table, JSON))
}

// TestWrite: one list in every format; TSV and table cells hold no tab or
// line break, CSV quotes them, JSON lines are the records.
func TestWrite(t *testing.T) {
	type rec struct {
		ID   string `json:"id"`
		Text string `json:"text"`
	}
	recs := []rec{{"a", "one\ttab"}, {"b", "two\nlines"}}
	l := &List{Doc: map[string]any{"records": recs}, Columns: []string{"id", "text"}}
	for _, r := range recs {
		l.Records = append(l.Records, r)
		l.Rows = append(l.Rows, []string{r.ID, r.Text})
	}
	out := func(f Format) string {
		var b bytes.Buffer
		require.NoError(t, l.Write(&b, f))
		return b.String()
	}
	assert.Equal(t, "id\ttext\na\tone tab\nb\ttwo lines\n", out(TSV))
	rows, err := csv.NewReader(strings.NewReader(out(CSV))).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, [][]string{{"id", "text"}, {"a", "one\ttab"}, {"b", "two\nlines"}}, rows)
	assert.Equal(t, "{\"id\":\"a\",\"text\":\"one\\ttab\"}\n{\"id\":\"b\",\"text\":\"two\\nlines\"}\n", out(JSONL))
	assert.Contains(t, out(JSON), "\"records\": [")
	table := out(Table)
	assert.True(t, strings.HasPrefix(table, "ID  TEXT\n"), table)
	assert.Equal(t, 3, strings.Count(table, "\n"), "a line per row:\n%s", table)
}

func TestScore(t *testing.T) {
	for _, tt := range []struct{ in, want float64 }{{0.12345, 0.1235}, {0.99996, 1}, {-0.25004, -0.25}, {0, 0}} {
		assert.Equal(t, tt.want, Score(tt.in), "Score(%v)", tt.in)
	}
}

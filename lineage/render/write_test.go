package render

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/listing"
)

// TestWriteJSON: the JSON written report by report is the document
// encoded whole, and valid, for any number of groups.
func TestWriteJSON(t *testing.T) {
	r := pairReport(t)
	for n := range 4 {
		var reports []Named
		for i := range n {
			reports = append(reports, Named{strings.Repeat("g", i+1), r})
		}
		var want, got bytes.Buffer
		doc := struct {
			Lineage []Grouped `json:"lineage"`
		}{Lineage(reports)}
		require.NoError(t, listing.NewEncoder(&want, true).Encode(doc))
		require.NoError(t, Write(&got, "json", "", reports))
		assert.Equal(t, want.String(), got.String(), "%d groups", n)
		assert.True(t, json.Valid(got.Bytes()), "%d groups", n)
	}
}

// TestListWriter: the list written report by report as the value of a
// document's "lineage" field (listing.Object.Value) gives the document
// encoded whole, for any number of groups.
func TestListWriter(t *testing.T) {
	r := pairReport(t)
	type doc struct {
		Level   string    `json:"level"`
		Lineage []Grouped `json:"lineage"`
		Skipped int       `json:"skipped"`
	}
	for n := range 4 {
		var reports []Named
		for i := range n {
			reports = append(reports, Named{strings.Repeat("g", i+1), r})
		}
		var want, got bytes.Buffer
		require.NoError(t, listing.NewEncoder(&want, true).Encode(doc{"rewrite", Lineage(reports), 3}))
		o := listing.NewObject(&got)
		o.Field("level", "rewrite")
		o.Value("lineage", func(w io.Writer) error {
			lw := NewListWriter(w, n)
			for _, r := range reports {
				if err := lw.Write(r); err != nil {
					return err
				}
			}
			return lw.Close()
		})
		o.Field("skipped", 3)
		require.NoError(t, o.Close())
		assert.Equal(t, want.String(), got.String(), "%d groups", n)
	}
}

// TestWriteJSONLines: each line is one element of the JSON document's
// list, in order.
func TestWriteJSONLines(t *testing.T) {
	r := pairReport(t)
	reports := []Named{{"r:a", r}, {"ids", r}, {"r:b", r}}
	var doc, lines bytes.Buffer
	require.NoError(t, Write(&doc, "json", "", reports))
	require.NoError(t, Write(&lines, "jsonl", "", reports))
	var whole struct {
		Lineage []json.RawMessage `json:"lineage"`
	}
	require.NoError(t, json.Unmarshal(doc.Bytes(), &whole))
	got := strings.Split(strings.TrimSuffix(lines.String(), "\n"), "\n")
	require.Len(t, got, len(reports))
	for i, line := range got {
		var want bytes.Buffer
		require.NoError(t, json.Compact(&want, whole.Lineage[i]))
		assert.Equal(t, want.String(), line, "line %d", i)
	}
	lines.Reset()
	require.NoError(t, Write(&lines, "jsonl", "", nil))
	assert.Empty(t, lines.String(), "no group, no line")
}

// TestWrite: tables are headed by their group when there are several;
// HTML of one group goes to w, of several only into a directory, whose
// paths are listed.
func TestWrite(t *testing.T) {
	r := pairReport(t)
	one := []Named{{"r:a", r}}
	two := []Named{{"r:a", r}, {"ids", r}}

	var table, want bytes.Buffer
	require.NoError(t, Write(&table, "table", "", one))
	require.NoError(t, r.WriteTable(&want))
	assert.Equal(t, want.String(), table.String(), "one group: no heading")
	table.Reset()
	require.NoError(t, Write(&table, "table", "", two))
	assert.Equal(t, "== r:a (2 articles)\n"+want.String()+"\n== ids (2 articles)\n"+want.String(), table.String())

	var page bytes.Buffer
	require.NoError(t, Write(&page, "html", "", one))
	want.Reset()
	require.NoError(t, r.WriteHTMLPage(&want, "r:a", ""))
	assert.Equal(t, want.String(), page.String())
	assert.NotContains(t, page.String(), "index.html", "a page alone links to no index page")

	assert.ErrorIs(t, Write(&page, "html", "", two), ErrPagesNeedDir)
	assert.Error(t, Write(&page, "xml", "", one))

	dir := t.TempDir()
	var listed bytes.Buffer
	require.NoError(t, Write(&listed, "html", dir, two))
	lines := strings.Split(strings.TrimSpace(listed.String()), "\n")
	require.Len(t, lines, 3, "two pages and the index")
	assert.Equal(t, filepath.Join(dir, "index.html"), lines[2])
	first, err := os.ReadFile(lines[0])
	require.NoError(t, err)
	assert.Contains(t, string(first), `<a href="index.html">all groups</a>`, "a page of a directory links to its index")
	index, err := os.ReadFile(lines[2])
	require.NoError(t, err)
	assert.Contains(t, string(index), `<table id="outlets">`, "the index heads with the outlets")
	assert.Contains(t, string(index), "<tr><td>(none)</td><td>4</td><td>2</td><td>0</td>", "both directions of both pairs, no outlet")
}

// TestWriterCount: a Writer takes exactly the reports it was made for.
func TestWriterCount(t *testing.T) {
	r := Named{"r:a", pairReport(t)}
	for _, format := range []string{"table", "json", "html"} {
		var b bytes.Buffer
		s, err := NewWriter(&b, format, t.TempDir(), 2)
		require.NoError(t, err)
		require.NoError(t, s.Write(r))
		assert.Error(t, s.Close(), "%s: one report of two", format)
		assert.Error(t, s.Write(r), "%s: Write after Close", format)

		s, err = NewWriter(&b, format, t.TempDir(), 1)
		require.NoError(t, err)
		require.NoError(t, s.Write(r))
		assert.Error(t, s.Write(r), "%s: a second report of one", format)
	}
}

package corpus

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// writeWorkbook writes an .xlsx of the given sheets (the first one
// renamed from Excel's Sheet1), each a list of rows.
func writeWorkbook(t testing.TB, path string, sheets []string, rows map[string][][]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range sheets {
		if i == 0 {
			require.NoError(t, f.SetSheetName("Sheet1", name))
		} else {
			_, err := f.NewSheet(name)
			require.NoError(t, err)
		}
		for r, row := range rows[name] {
			cell, err := excelize.CoordinatesToCellName(1, r+1)
			require.NoError(t, err)
			require.NoError(t, f.SetSheetRow(name, cell, &row))
		}
	}
	require.NoError(t, f.SaveAs(path))
}

// TestReadXLSX: a workbook's worksheets with a text column are tables of
// articles, a row each at its row number; dates stored as spreadsheet
// dates are read; a worksheet without a text column is passed over.
func TestReadXLSX(t *testing.T) {
	dir := t.TempDir()
	when := time.Date(2025, 11, 18, 10, 30, 0, 0, time.UTC)
	writeWorkbook(t, filepath.Join(dir, "hits.xlsx"), []string{"Hits", "Summary", "More", "Later"}, map[string][][]any{
		"Hits": {
			{"Date", "Headline", "Body", "Source", "URL"},
			{when, "Talks resume", "Delegations met in Geneva on Tuesday.", "Example Wire", "https://a.example/1"},
			{},
			{"18-Nov-2025 11:30AM", "Talks resume again", "Delegations from both sides met in Geneva.", "Herald", ""},
			{"", "Headline only", "", "Herald", ""},
		},
		"Summary": {{"Source", "Hits"}, {"Herald", 2}},
		"More":    {{"id", "text", "published"}, {"m1", "A third story.", 2025}},
		"Later":   {{"id", "Article Text", "Date of publication"}, {"l1", "A fourth story.", when}},
	})
	writeWorkbook(t, filepath.Join(dir, "stats.xlsx"), []string{"Stats"}, map[string][][]any{"Stats": {{"Outlet", "Count"}, {"Wire", 3}}})
	require.NoError(t, os.WriteFile(filepath.Join(dir, "broken.xlsx"), []byte("PK\x03\x04 not a zip"), 0o644))

	var notes []string
	r := read(t, []string{dir}, Options{OnUnreadDate: func(p Problem) { notes = append(notes, p.Error()) }})
	assert.Equal(t, []string{"hits:2", "hits:4", "hits:5", "m1", "l1"}, r.ids())
	// A date under a name no field reads is named, with the flag.
	assert.Equal(t, []string{filepath.Join(dir, "hits.xlsx") + `:More:2: unread-date: published "2025" is not a date wirediff reads; the record is kept without a publication time`,
		filepath.Join(dir, "hits.xlsx") + `:Later:2: unread-date: no publication field (looked for ` + defaultFields.lookedFor(fieldPublished) +
			`), and the field "Date of publication" holds the date "2025-11-18T10:30:00": read it with --field "published=Date of publication"; the record is kept without a publication time`}, notes)
	r = read(t, []string{dir}, Options{Fields: map[string]string{"published": "date of publication"}})
	assert.Equal(t, when, r.byID(t, "l1").Published.UTC())
	r = read(t, []string{dir}, Options{})
	a := r.byID(t, "hits:2")
	assert.Equal(t, "Talks resume", a.Title)
	assert.Equal(t, "Delegations met in Geneva on Tuesday.", a.Text)
	assert.Equal(t, "Example Wire", a.Outlet)
	assert.Equal(t, "https://a.example/1", a.URL)
	assert.Equal(t, when, a.Published.UTC(), "a spreadsheet date")
	assert.Equal(t, filepath.Join(dir, "hits.xlsx")+":2", a.Origin)
	assert.Equal(t, time.Date(2025, 11, 18, 11, 30, 0, 0, time.UTC), r.byID(t, "hits:4").Published.UTC(), "a date written as text")
	assert.Equal(t, "Headline only", r.byID(t, "hits:5").Title)
	assert.True(t, r.byID(t, "m1").Published.IsZero(), "a year is no spreadsheet date")
	assert.Equal(t, filepath.Join(dir, "hits.xlsx")+":More:2", r.byID(t, "m1").Origin, "another worksheet's row is named with it")
	require.Len(t, r.problems, 2)
	assert.Contains(t, r.problems[0], filepath.Join(dir, "broken.xlsx")+": unreadable: not an Excel workbook (.xlsx)")
	assert.Equal(t, filepath.Join(dir, "stats.xlsx")+`: not-articles: no worksheet of "Stats" has a text column (looked for text, body, content, content_html, content_text, article, maintext, article_body, article_text, body_text, full_text, body_html, bodies, body_nitf); file skipped`, r.problems[1])

	r = read(t, []string{filepath.Join(dir, "stats.xlsx")}, Options{})
	assert.Equal(t, []string{filepath.Join(dir, "stats.xlsx") + `: empty: no worksheet of "Stats" has a text column (looked for text, body, content, content_html, content_text, article, maintext, article_body, article_text, body_text, full_text, body_html, bodies, body_nitf)`}, r.problems)
}

// FuzzReadXLSX reads arbitrary bytes as a workbook: the run never fails or
// panics, and every article has text or a title.
func FuzzReadXLSX(f *testing.F) {
	dir := f.TempDir()
	path := filepath.Join(dir, "seed.xlsx")
	f.Add([]byte("PK\x03\x04"))
	writeWorkbook(f, path, []string{"A"}, map[string][][]any{"A": {{"title", "text"}, {"T", "Body."}, {nil, 45979.5}}})
	if data, err := os.ReadFile(path); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), "in.xlsx")
		require.NoError(t, os.WriteFile(p, data, 0o644))
		_, err := Read([]string{p}, Options{MaxRecordBytes: 1 << 16}, func(a Article) error {
			if isBlank(a.Text) && isBlank(a.Title) {
				t.Fatalf("article %q with neither text nor title", a.ID)
			}
			return nil
		})
		require.NoError(t, err)
	})
}

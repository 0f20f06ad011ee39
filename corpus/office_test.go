package corpus

import (
	"archive/zip"
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadOffice reads one story saved by two word processors in both
// formats (testdata/office: written by pandoc 2.17 from Markdown, and by
// LibreOffice 7.4 converting pandoc's files to the other format): the
// Title-style paragraph is the title, the by-line and dateline are read as
// in a text file, the paragraphs of the text, a subhead and a table's
// cells are the text, a line break within a paragraph is kept, and the
// footnote is not part of it.
func TestReadOffice(t *testing.T) {
	for _, name := range []string{"pandoc-docx.docx", "pandoc-odt.odt", "libreoffice-docx.docx", "libreoffice-odt.odt"} {
		t.Run(name, func(t *testing.T) {
			r := read(t, []string{filepath.Join("testdata/office", name)}, Options{})
			require.Empty(t, r.problems)
			require.Len(t, r.articles, 1)
			a := r.articles[0]
			assert.Equal(t, strings.TrimSuffix(name, filepath.Ext(name)), a.ID)
			assert.Equal(t, "Dock Workers Strike Closes Port of Rotterdam", a.Title)
			assert.Equal(t, "Anna de Vries", a.Byline)
			assert.Equal(t, "ROTTERDAM", a.City)
			assert.Equal(t, "2025-11-18", FormatDate(a.Published))
			assert.Equal(t, "testdata/office/"+name+":1", a.Origin)
			assert.True(t, strings.HasPrefix(a.Text, "By Anna de Vries\n\nROTTERDAM, Nov.\u00a018, 2025 — Dock workers walked off the job"), "%q", a.Text)
			for _, want := range []string{
				"\n\nThe strike, called by the FNV union after talks over automation broke down, is expected to last 48 hours, union spokesman Niek Stam said.\n\n",
				"\n\nWhat comes next\n\n",
				"Antwerp and Hamburg.\nPort officials warned",
				"\n\nMaasvlakte\n\n14",
			} {
				assert.Contains(t, a.Text, want)
			}
			assert.NotContains(t, a.Text, "Footnote")
			assert.NotContains(t, a.Text, "Dock Workers Strike Closes", "the title is not repeated in the text")
			checkSpans(t, a)
		})
	}
}

// TestDocxText: what a reader of a Word document does not see is not
// read: deletions of tracked changes, field codes, a drawing's fallback
// copy of its text box, the properties of runs; insertions, a field's
// result, a text box's paragraphs, tabs and non-breaking hyphens are.
func TestDocxText(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
<w:body>
<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Port Strike</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>A second title-style line is text</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Dock workers </w:t></w:r><w:del w:id="1" w:author="Ed"><w:r><w:delText>never </w:delText></w:r></w:del><w:ins w:id="2" w:author="Ed"><w:r><w:t xml:space="preserve">walked </w:t></w:r></w:ins><w:r><w:t>out.</w:t></w:r></w:p>
<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DATE \@ "MMMM d" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>November 18</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>Box text</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Box text</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>Anchor paragraph</w:t></w:r></w:p>
<w:p><w:r><w:t>Terminal</w:t><w:tab/><w:t>14</w:t><w:br/><w:t>ship</w:t><w:noBreakHyphen/><w:t>to</w:t><w:softHyphen/><w:t>shore</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">   </w:t></w:r></w:p>
<w:sectPr><w:pgSz w:w="12240"/></w:sectPr>
</w:body></w:document>`
	got, err := docxText([]byte(doc))
	require.NoError(t, err)
	assert.Equal(t, "Port Strike", got.title)
	assert.Equal(t, "A second title-style line is text\n\nDock workers walked out.\n\nNovember 18\n\nBox text\n\nAnchor paragraph\n\nTerminal\t14\nship-toshore", got.text)
}

// TestODTText: an OpenDocument text's headings and paragraphs, its spaces
// as written (text:s, text:tab, text:line-break, white space collapsed),
// a paragraph in a style derived from Title as the title; not its notes,
// annotations or tracked deletions.
func TestODTText(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<office:automatic-styles><style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title"/></office:automatic-styles>
<office:body><office:text>
<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>Deleted words</text:p></text:deletion></text:changed-region></text:tracked-changes>
<text:p text:style-name="P1">Port   Strike</text:p>
<text:h text:outline-level="2">What comes
 next</text:h>
<text:p>Dock<text:s text:c="2"/>workers<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>A footnote.</text:p></text:note-body></text:note> walked<text:tab/>out.<text:line-break/>Second line<office:annotation><dc:creator>Ed</dc:creator><text:p>Check this</text:p></office:annotation>.</text:p>
<text:p/>
</office:text></office:body></office:document-content>`
	got, err := odtText([]byte(doc))
	require.NoError(t, err)
	assert.Equal(t, "Port Strike", got.title)
	assert.Equal(t, "What comes next\n\nDock  workers walked\tout.\nSecond line.", got.text)
}

// TestReadOfficeProblems: a file named .docx or .odt that is not such a
// document, or whose text does not parse, is reported naming the file,
// the part and why, and counted; one without text is empty; the files
// beside it are read.
func TestReadOfficeProblems(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, parts map[string]string) {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		for _, n := range slices.Sorted(maps.Keys(parts)) {
			w, err := zw.Create(n)
			require.NoError(t, err)
			_, err = w.Write([]byte(parts[n]))
			require.NoError(t, err)
		}
		require.NoError(t, zw.Close())
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644))
	}
	const wordNS = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a-text.docx"), []byte("plain text, not a zip"), 0o644))
	write("b-nomain.docx", map[string]string{"word/other.xml": "<x/>"})
	write("c-broken.docx", map[string]string{"word/document.xml": wordNS + `<w:p><w:r><w:t>cut off`})
	write("d-empty.odt", map[string]string{"content.xml": `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><office:body><office:text/></office:body></office:document-content>`})
	write("e-good.docx", map[string]string{
		"_rels/.rels":       `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/main.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
		"word/main.xml":     wordNS + `<w:p><w:r><w:t>Dock workers walked out.</w:t></w:r></w:p></w:body></w:document>`,
		"docProps/core.xml": `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><dc:title>Port strike</dc:title><dc:creator>Template Author</dc:creator><dcterms:created>2019-01-01T00:00:00Z</dcterms:created></cp:coreProperties>`,
	})
	good, err := os.ReadFile(filepath.Join(dir, "e-good.docx"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "f-renamed.txt"), good, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "g-packed.docx.gz"), []byte(gzipped(t, string(good))), 0o644))
	r := read(t, []string{dir}, Options{})
	require.Len(t, r.articles, 2)
	assert.Equal(t, "Dock workers walked out.", r.byID(t, "g-packed").Text, "a compressed document")
	a := r.articles[0]
	assert.Equal(t, "e-good", a.ID)
	assert.Equal(t, "Port strike", a.Title, "the properties' title, the document having no Title paragraph")
	assert.Empty(t, a.Byline, "the properties' author is the file's")
	assert.True(t, a.Published.IsZero(), "the properties' dates are the file's")
	assert.Equal(t, "Dock workers walked out.", a.Text)
	require.Len(t, r.problems, 5)
	assert.Equal(t, 3, r.stats.Skipped[Unreadable])
	assert.Equal(t, 1, r.stats.Skipped[Empty])
	assert.Equal(t, 1, r.stats.Skipped[Binary])
	for i, want := range []string{
		"a-text.docx: unreadable: not a Word document (.docx): zip: not a valid zip file",
		"b-nomain.docx: unreadable: not a Word document (.docx): no word/document.xml in the file",
		"c-broken.docx: unreadable: not a Word document (.docx): word/document.xml: XML syntax error on line 1: unexpected EOF",
		"d-empty.odt: empty: no text in the OpenDocument text (.odt)",
		"f-renamed.txt:1: binary: NUL or control bytes (a zip archive: a Word document, OpenDocument text or Excel workbook is read from a file named .docx, .odt or .xlsx)",
	} {
		assert.Equal(t, filepath.Join(dir, want), r.problems[i])
	}
}

// TestReadOfficeBomb: a part that unzips past the bound is refused, not
// unpacked into memory; a document's text over the record limit is too
// long.
func TestReadOfficeBomb(t *testing.T) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.Create("word/document.xml")
	require.NoError(t, err)
	_, err = w.Write(bytes.Repeat([]byte(" "), 1<<20))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	require.Less(t, b.Len(), 10<<10, "a megabyte of spaces compresses to a few kilobytes")
	_, err = readOfficeDoc(b.Bytes(), docx, 64<<10)
	require.ErrorContains(t, err, "word/document.xml unzips to more than 65536 bytes")

	dir := t.TempDir()
	path := filepath.Join(dir, "long.docx")
	b.Reset()
	zw = zip.NewWriter(&b)
	w, err = zw.Create("word/document.xml")
	require.NoError(t, err)
	_, err = w.Write([]byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>` + strings.Repeat("word ", 400) + `</w:t></w:r></w:p></w:body></w:document>`))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	require.NoError(t, os.WriteFile(path, b.Bytes(), 0o644))
	r := read(t, []string{path}, Options{MaxRecordBytes: 1000})
	assert.Equal(t, []string{path + ": too-long: Word document (.docx) of 1999 bytes of text, limit 1000"}, r.problems)
}

// FuzzOfficeText: neither reader fails on any part, and each returns
// its paragraphs trimmed and non-empty.
func FuzzOfficeText(f *testing.F) {
	f.Add([]byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>T</w:t></w:r></w:p><w:p><w:r><w:t>a</w:t><w:br/><w:t>b</w:t></w:r></w:p></w:body></w:document>`))
	f.Add([]byte(`<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>a<text:s text:c="99999999999"/>b<text:note><text:p>n</text:p></text:note></text:p></office:text></office:body></office:document-content>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, read := range []func([]byte) (officeDoc, error){docxText, odtText} {
			d, err := read(b)
			if err != nil {
				continue
			}
			for _, p := range strings.Split(d.text, "\n\n") {
				if d.text != "" && (p == "" || strings.TrimSpace(p) != p) {
					t.Fatalf("paragraph %q of %q is empty or untrimmed", p, d.text)
				}
			}
		}
	})
}

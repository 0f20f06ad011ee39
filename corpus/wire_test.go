package corpus

import (
	"encoding/xml"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadWire: agency copy in NITF and NewsML-G2 (and NITF inside NewsML
// 1) is read an article per document or text item, with its metadata;
// pictures are passed over.
func TestReadWire(t *testing.T) {
	r := read(t, []string{filepath.Join("testdata", "wire")}, Options{})
	require.Empty(t, r.problems)
	assert.Equal(t, []string{
		"urn:newsml:example.com:20251118:talks-nitf",
		"urn:newsml:example.com:20251118:talks-1", "urn:newsml:example.com:20251118:brief-1",
		"nml1-0001",
		"wire-2025-11-18-0042",
	}, r.ids())

	n := r.byID(t, "wire-2025-11-18-0042")
	assert.Equal(t, "Ceasefire talks resume in Geneva", n.Title)
	assert.Equal(t, "Jane Doe, Example Wire", n.Byline)
	assert.Equal(t, "Example Wire", n.Outlet)
	assert.Equal(t, time.Date(2025, 11, 18, 14, 30, 0, 0, time.UTC), n.Published.UTC())
	assert.Equal(t, "Delegations from both sides met in Geneva on Tuesday for a third round of ceasefire talks, officials said.\n\n"+
		"\"We are cautiously optimistic,\" said Anna Berg, a spokeswoman for the mediators & their office.\n\n"+
		"Next steps\n\n"+
		"A further meeting is planned for December.\n\n"+
		"Delegates arrive at the Palais des Nations.\n\n"+
		"The talks will go on as long as they must.\n\n"+
		"Anna Berg\n\n"+
		"Reporting by Jane Doe; Editing by John Roe", n.Text)

	g := r.byID(t, "urn:newsml:example.com:20251118:talks-1")
	assert.Equal(t, "Ceasefire talks resume in Geneva", g.Title)
	assert.Equal(t, "Jane Doe", g.Byline)
	assert.Equal(t, "EXAMPLEWIRE", g.Outlet)
	assert.Equal(t, time.Date(2025, 11, 18, 14, 30, 0, 0, time.UTC), g.Published.UTC(), "first created")
	assert.Equal(t, "Delegations from both sides met in Geneva on Tuesday.\n\nA further meeting is planned.", g.Text)

	b := r.byID(t, "urn:newsml:example.com:20251118:brief-1")
	assert.Equal(t, "Example Wire", b.Outlet)
	assert.Equal(t, "Talks adjourned until Wednesday & will resume at 10:00.", b.Text)
	assert.Equal(t, time.Date(2025, 11, 18, 15, 0, 0, 0, time.UTC), b.Published.UTC())

	x := r.byID(t, "urn:newsml:example.com:20251118:talks-nitf")
	assert.Equal(t, "Example Wire", x.Outlet)
	assert.Equal(t, "First paragraph.\n\nSecond paragraph.", x.Text)

	assert.Equal(t, "a\n\nstray words\n\nb", nitfText(&feedElem{
		Text: "stray words", Inner: "<p>a</p>stray words<p>b</p>",
		Elems: []feedElem{{XMLName: xml.Name{Local: "p"}, Inner: "a", Text: "a"}, {XMLName: xml.Name{Local: "p"}, Inner: "b", Text: "b"}},
	}), "words outside paragraphs are kept")

	o := r.byID(t, "nml1-0001")
	assert.Equal(t, "Talks in Geneva", o.Title)
	assert.Equal(t, "The talks went on.", o.Text)
	assert.Equal(t, time.Date(2025, 11, 18, 13, 30, 0, 0, time.UTC), o.Published.UTC())
}

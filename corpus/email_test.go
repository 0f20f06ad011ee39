package corpus

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadEmail reads messages written by Python's email package
// (testdata/email): a press release whose plain-text body (quoted-
// printable UTF-8) is chosen over its HTML alternative and whose PDF
// attachment is passed over, its subject decoded from RFC 2047's encoded
// words; a newsletter whose only body is HTML in base64 and ISO-8859-1;
// a plain message with no Content-Type. The sender is the outlet, the
// Date header the publication time.
func TestReadEmail(t *testing.T) {
	r := read(t, []string{"testdata/email"}, Options{})
	require.Empty(t, r.problems)
	require.Equal(t, []string{"newsletter", "plain", "press-release"}, r.ids())

	pr := r.byID(t, "press-release")
	assert.Equal(t, "Strike halts container traffic — Rotterdam, 18 November", pr.Title)
	assert.Equal(t, "Port of Rotterdam Press Office", pr.Outlet)
	assert.Equal(t, "2025-11-18T09:30:00+01:00", FormatDate(pr.Published))
	assert.Equal(t, "Dock workers walked off the job at the Port of Rotterdam on Tuesday, halting container traffic at Europe’s largest port for the first time in a decade.\n\nThe strike, called by the FNV union after talks over automation broke down, is expected to last 48 hours, union spokesman Niek Stam said.\n", pr.Text)
	assert.Equal(t, "testdata/email/press-release.eml:1", pr.Origin)

	nl := r.byID(t, "newsletter")
	assert.Equal(t, "Staking in de haven: 48 uur stilstand", nl.Title)
	assert.Equal(t, "Havennieuws", nl.Outlet)
	assert.Contains(t, nl.Text, "Staking\n\nHavenarbeiders legden dinsdag het werk neer.")
	assert.Contains(t, nl.Text, "Cafés in de haven bleven open.")

	pl := r.byID(t, "plain")
	assert.Equal(t, "Port strike", pl.Title)
	assert.Equal(t, "wire.example", pl.Outlet, "the sender's domain when it gives no name")
	assert.Equal(t, "ROTTERDAM", pl.City)
	assert.Equal(t, "2025-11-18T10:15:00Z", FormatDate(pl.Published))
	for _, a := range r.articles {
		checkSpans(t, a)
	}
}

// TestReadEmailProblems: a file named .eml that is no message, one whose
// multipart body has no boundary, one with no text part and one with a
// date that does not read are reported naming the file, and counted; the
// last is kept without its date.
func TestReadEmailProblems(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a-not.eml":      "this is not a message\n",
		"b-boundary.eml": "From: a@b.example\r\nSubject: x\r\nContent-Type: multipart/mixed\r\n\r\nbody\r\n",
		"c-notext.eml":   "From: a@b.example\r\nSubject: x\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n",
		"d-date.eml":     "From: a@b.example\r\nSubject: Port strike\r\nDate: sometime on Tuesday\r\n\r\nDock workers walked off the job.\r\n",
	})
	r := read(t, []string{dir}, Options{})
	assert.Equal(t, []string{"d-date"}, r.ids())
	assert.True(t, r.byID(t, "d-date").Published.IsZero())
	assert.Equal(t, []string{
		filepath.Join(dir, "a-not.eml") + ":1: unreadable: not an email message (.eml): malformed header line: this is not a message",
		filepath.Join(dir, "b-boundary.eml") + ":1: unreadable: email message (.eml) body: a multipart body without a boundary",
		filepath.Join(dir, "c-notext.eml") + ":1: empty: no text in the email message (.eml): no text/plain or text/html part",
	}, r.problems)
	assert.Equal(t, 1, r.stats.UnreadDates)
}

// FuzzReadEmail: any bytes as a message file are read or reported, never
// a failure of the run.
func FuzzReadEmail(f *testing.F) {
	for _, name := range []string{"press-release.eml", "newsletter.eml", "plain.eml"} {
		b, err := os.ReadFile(filepath.Join("testdata", "email", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		path := filepath.Join(t.TempDir(), "m.eml")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Read([]string{path}, Options{}, func(a Article) error { checkSpans(t, a); return nil }); err != nil {
			t.Fatalf("the run failed: %v", err)
		}
	})
}

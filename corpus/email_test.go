package corpus

import (
	"os"
	"path/filepath"
	"strings"
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
	r := read(t, []string{"testdata/email/newsletter.eml", "testdata/email/plain.eml", "testdata/email/press-release.eml"}, Options{})
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

// TestReadMbox: a mailbox written by Python's mailbox module is its
// messages, each named by its Message-ID (else the file and the line of
// its "From " line), a body line the mailbox escaped as ">From " read as
// written; the press release in it is read as its message file is.
func TestReadMbox(t *testing.T) {
	r := read(t, []string{"testdata/email/archive.mbox"}, Options{})
	require.Empty(t, r.problems)
	require.Equal(t, []string{"pr-2025-11-18@portofrotterdam.com", "strike-ends@wire.example", "archive:62"}, r.ids())
	pr := r.byID(t, "pr-2025-11-18@portofrotterdam.com")
	file := read(t, []string{"testdata/email/press-release.eml"}, Options{}).articles[0]
	assert.Equal(t, file.Text, pr.Text)
	assert.Equal(t, file.Title, pr.Title)
	assert.Equal(t, "testdata/email/archive.mbox:1", pr.Origin)
	ends := r.byID(t, "strike-ends@wire.example")
	assert.Contains(t, ends.Text, "\n\nFrom the port's side, officials said")
	assert.Equal(t, "testdata/email/archive.mbox:49", ends.Origin)
	assert.Equal(t, "Ships resume", r.byID(t, "archive:62").Title)
}

// TestReadMboxProblems: a file named .mbox whose first line is no "From "
// line is reported; a message over the limit is too long, and the ones
// after it are read; an empty mailbox holds no records.
func TestReadMboxProblems(t *testing.T) {
	msg := func(subject, body string) string {
		return "From a@b.example Tue Nov 18 10:00:00 2025\nFrom: a@b.example\nSubject: " + subject + "\n\n" + body + "\n\n"
	}
	dir := writeFiles(t, map[string]string{
		"a-not.mbox":   "Subject: no From line\n\nbody\n",
		"b-long.mbox":  msg("long", strings.Repeat("word ", 400)) + msg("short", "Dock workers walked off the job."),
		"c-empty.mbox": "",
	})
	r := read(t, []string{dir}, Options{MaxRecordBytes: 250})
	assert.Equal(t, []string{"b-long:7"}, r.ids())
	assert.Equal(t, []string{
		filepath.Join(dir, "a-not.mbox") + ":1: unreadable: not a mailbox (.mbox): its first line is no \"From \" line",
		filepath.Join(dir, "b-long.mbox") + ":1: too-long: message larger than 1000 bytes",
		filepath.Join(dir, "c-empty.mbox") + ": empty: no records",
	}, r.problems)
}

// TestReadForwardedEmail: a message whose body is a forwarded message
// (message/rfc822, quoted-printable inside) is read as that message's
// text, under the forwarding message's subject and sender.
func TestReadForwardedEmail(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"fwd.eml": "From: Desk <desk@paper.example>\r\nSubject: Fwd: Port strike\r\nMIME-Version: 1.0\r\n" +
			"Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n" +
			"--b1\r\nContent-Type: message/rfc822\r\n\r\n" +
			"From: press@port.example\r\nSubject: Port strike\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" +
			"Dock workers walked off the job at Europe=E2=80=99s largest port.\r\n" +
			"--b1--\r\n",
	})
	r := read(t, []string{dir}, Options{})
	require.Empty(t, r.problems)
	a := r.byID(t, "fwd")
	assert.Equal(t, "Dock workers walked off the job at Europe’s largest port.", a.Text)
	assert.Equal(t, "Fwd: Port strike", a.Title)
	assert.Equal(t, "Desk", a.Outlet)
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
	f.Fuzz(func(t *testing.T, b []byte) { readFileBytes(t, "m.eml", b) })
}

// FuzzReadMbox: any bytes as a mailbox are read or reported, message by
// message, never a failure of the run.
func FuzzReadMbox(f *testing.F) {
	b, err := os.ReadFile(filepath.Join("testdata", "email", "archive.mbox"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte("From x\n\nFrom y\n>From z\n"))
	f.Fuzz(func(t *testing.T, b []byte) { readFileBytes(t, "m.mbox", b) })
}

// readFileBytes reads b as a file named name: every article read holds
// together, and the run does not fail.
func readFileBytes(t *testing.T, name string, b []byte) {
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Read([]string{path}, Options{}, func(a Article) error { checkSpans(t, a); return nil }); err != nil {
		t.Fatalf("the run failed: %v", err)
	}
}

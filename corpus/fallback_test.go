package corpus

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseEncodings(t *testing.T) {
	tests := []struct {
		in       string
		enc      string // the WHATWG names; "" for an error
		fallback string // "" for none
		err      error
	}{
		// One name, as ParseEncoding.
		{"utf-8", "utf-8", "", nil},
		{"windows-1252", "windows-1252", "", nil},
		{"klingon", "", "", ErrUnknownEncoding},
		// UTF-8 and a single-byte fallback.
		{"utf-8,windows-1252", "utf-8", "windows-1252", nil},
		{"UTF8, latin1", "utf-8", "windows-1252", nil},
		{"utf-8,iso-8859-15", "utf-8", "iso-8859-15", nil},
		{"utf-8,koi8-r", "utf-8", "koi8-r", nil},
		// Unknown names in a list.
		{"utf-8,klingon", "", "", ErrUnknownEncoding},
		{"utf-8,", "", "", ErrUnknownEncoding},
		{",windows-1252", "", "", ErrUnknownEncoding},
		// Lists it does not take: another length, another first, a
		// fallback that is not single-byte.
		{"utf-8,windows-1252,latin1", "", "", ErrEncodingList},
		{"utf-8,windows-1252,", "", "", ErrEncodingList},
		{"windows-1252,utf-8", "", "", ErrEncodingList},
		{"latin1,windows-1252", "", "", ErrEncodingList},
		{"utf-8,utf-8", "", "", ErrEncodingList},
		{"utf-8,utf-16le", "", "", ErrEncodingList},
		{"utf-8,shift_jis", "", "", ErrEncodingList},
		{"utf-8,gbk", "", "", ErrEncodingList},
	}
	for _, tt := range tests {
		enc, fallback, err := ParseEncodings(tt.in)
		if tt.err != nil {
			require.Error(t, err, "ParseEncodings(%q)", tt.in)
			assert.ErrorIs(t, err, tt.err, "ParseEncodings(%q)", tt.in)
			if tt.err == ErrEncodingList {
				assert.Contains(t, err.Error(), `"`+tt.in+`"`)
			}
			continue
		}
		require.NoError(t, err, "ParseEncodings(%q)", tt.in)
		assert.Equal(t, tt.enc, whatwgName(t, enc), "ParseEncodings(%q) encoding", tt.in)
		assert.Equal(t, tt.fallback, whatwgName(t, fallback), "ParseEncodings(%q) fallback", tt.in)
	}
}

// fallbackOptions returns the options of "utf-8,windows-1252" and the
// notes of the read, as Note.String().
func fallbackOptions(t *testing.T) (Options, *[]string) {
	t.Helper()
	enc, fallback, err := ParseEncodings("utf-8,windows-1252")
	require.NoError(t, err)
	var notes []string
	return Options{Encoding: enc, Fallback: fallback, OnFallback: func(n Note) { notes = append(notes, n.String()) }}, &notes
}

// TestReadFallback reads, in every format, UTF-8 records (with curly
// quotes) among Windows-1252 ones (0x93 and 0x94 are “ and ”, 0x92 ’,
// 0xE9 é) with "utf-8,windows-1252": each record is read as UTF-8 where it
// is valid and decoded from windows-1252 where it is not, with a note.
func TestReadFallback(t *testing.T) {
	const (
		utf8Text = "The “harbour” kiosk’s owner re-opened on Monday."
		cpText   = "The \x93caf\xe9\x94 owner\x92s comeback, na\xefve as ever."
		cpWant   = "The “café” owner’s comeback, naïve as ever."
	)
	jsonl := `{"id": "u1", "text": "` + utf8Text + `"}` + "\n" +
		`{"id": "w2", "text": "` + cpText + `"}` + "\n\n" +
		`{"id": "u4", "title": "Caf` + "\xc3\xa9" + `", "text": "` + utf8Text + `"}` + "\n" +
		`{"id": "w5", "title": "Caf` + "\xe9" + `", "text": "` + cpText + `"}` + "\n"
	dir := writeFiles(t, map[string]string{
		"txt/u.txt": "Harbour news\n\n" + utf8Text + "\n",
		"txt/w.txt": "Harbour news\n\n" + cpText + "\n",
		"txt/m.md":  "# Caf\xe9 news\n\n" + cpText + "\n",
		"a.jsonl":   jsonl,
		"a.json": `[{"id": "u1", "text": "` + utf8Text + `"},` + "\n" +
			`{"id": "w2",` + "\n" + `"text": "` + cpText + `"},` + "\n" +
			`{"id": "u4", "text": "` + utf8Text + `"}]`,
		// A field of the row is valid UTF-8 (bytes C3 A9, é), the other
		// not: the whole row is windows-1252, and C3 A9 is Ã©.
		"a.csv": "id,title,text\n" +
			"u1,Café,\"" + utf8Text + "\"\n" +
			"w2,\xc3\xa9,\"" + cpText + "\"\n" +
			"w3,,\"two lines \xe9\n\xe9 of text\"\n" +
			"u5,,\"" + utf8Text + "\"\n",
	})
	in := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct {
		name  string
		path  string
		texts map[string]string // id -> Text
		notes []string
	}{
		{"text", in("txt"), map[string]string{
			"u": "Harbour news\n\n" + utf8Text + "\n",
			"w": "Harbour news\n\n" + cpWant + "\n",
			// The note names the line of the first byte that is not
			// UTF-8, as the skip would.
			"m": "# Café news\n\n" + cpWant + "\n",
		}, []string{in("txt/m.md") + ":1: decoded as windows-1252 (not UTF-8)", in("txt/w.txt") + ":3: decoded as windows-1252 (not UTF-8)"}},
		{"JSON lines", in("a.jsonl"), map[string]string{"u1": utf8Text, "w2": cpWant, "u4": utf8Text, "w5": cpWant},
			[]string{in("a.jsonl") + ":2: decoded as windows-1252 (not UTF-8)", in("a.jsonl") + ":5: decoded as windows-1252 (not UTF-8)"}},
		{"stdin", "-", map[string]string{"u1": utf8Text, "w2": cpWant, "u4": utf8Text, "w5": cpWant},
			[]string{"-:2: decoded as windows-1252 (not UTF-8)", "-:5: decoded as windows-1252 (not UTF-8)"}},
		{"JSON", in("a.json"), map[string]string{"u1": utf8Text, "w2": cpWant, "u4": utf8Text},
			[]string{in("a.json") + ":2: decoded as windows-1252 (not UTF-8)"}},
		{"CSV", in("a.csv"), map[string]string{"u1": utf8Text, "w2": cpWant, "w3": "two lines é\né of text", "u5": utf8Text},
			[]string{in("a.csv") + ":3: decoded as windows-1252 (not UTF-8)", in("a.csv") + ":4: decoded as windows-1252 (not UTF-8)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt, notes := fallbackOptions(t)
			opt.Stdin = strings.NewReader(jsonl)
			r := read(t, []string{tt.path}, opt)
			assert.Empty(t, r.problems)
			assert.Equal(t, tt.notes, *notes)
			assert.Equal(t, len(tt.notes), r.stats.Fallback)
			got := map[string]string{}
			for _, a := range r.articles {
				got[a.ID] = a.Text
				checkSpans(t, a)
			}
			assert.Equal(t, tt.texts, got)
		})
	}
	t.Run("titles", func(t *testing.T) {
		opt, _ := fallbackOptions(t)
		r := read(t, []string{in("a.jsonl"), in("a.csv")}, opt)
		assert.Equal(t, "Café", r.byID(t, "u4").Title)
		assert.Equal(t, "Café", r.byID(t, "w5").Title)
		assert.Equal(t, "Ã©", r.byID(t, "w2").Title, "the row is decoded whole")
	})
}

// TestReadFallbackLimits: what the fallback does not change, and what
// it adds.
func TestReadFallbackLimits(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		// A byte order mark decides the file's encoding.
		"bom8.txt":  "\xef\xbb\xbfCaf\xe9 after a UTF-8 mark.",
		"bom16.txt": "\xff\xfe" + utf16le(t, "Café owner’s story, in UTF-16."),
		// 33 bytes as read, 53 decoded (0x80 is €, three bytes).
		"long.jsonl": `{"id": "l", "text": "` + strings.Repeat("\x80", 10) + `"}` + "\n" + `{"id": "s", "text": "caf` + "\xe9" + `"}` + "\n",
		// Bad records stay bad once decoded, after the note.
		"bad.jsonl": `{"id": "b", "text": "caf` + "\xe9\n",
		// A quote left open: the rows after it are read again, as bytes
		// of the file, and decoded.
		"quote.csv": "id,text\n" +
			"e1,caf\xe9 before the bad row\n" +
			"e2,\"a quote that never closes \xe9\n" +
			"e3,caf\xe9 after it\n" +
			"e4,\"two \xe9\n\xe9 lines\"\n",
	})
	in := func(name string) string { return filepath.Join(dir, name) }
	t.Run("byte order marks", func(t *testing.T) {
		opt, notes := fallbackOptions(t)
		r := read(t, []string{in("bom8.txt"), in("bom16.txt")}, opt)
		assert.Equal(t, []string{in("bom8.txt") + ":1: invalid-utf8: bytes that are not UTF-8 after a UTF-8 byte order mark"}, r.problems)
		assert.Equal(t, "Café owner’s story, in UTF-16.", r.byID(t, "bom16").Text)
		assert.Empty(t, *notes)
		assert.Zero(t, r.stats.Fallback)
	})
	t.Run("record limit", func(t *testing.T) {
		opt, notes := fallbackOptions(t)
		opt.MaxRecordBytes = 40
		r := read(t, []string{in("long.jsonl")}, opt)
		assert.Equal(t, []string{in("long.jsonl") + ":1: too-long: 53 bytes once decoded from windows-1252, limit 40"}, r.problems)
		assert.Equal(t, []string{"s"}, r.ids())
		assert.Len(t, *notes, 2)
		assert.Equal(t, 2, r.stats.Fallback)
	})
	t.Run("malformed", func(t *testing.T) {
		opt, notes := fallbackOptions(t)
		r := read(t, []string{in("bad.jsonl")}, opt)
		assert.Equal(t, []string{in("bad.jsonl") + ":1: malformed-json: unexpected end of JSON input"}, r.problems)
		assert.Equal(t, []string{in("bad.jsonl") + ":1: decoded as windows-1252 (not UTF-8)"}, *notes)
	})
	t.Run("CSV quote", func(t *testing.T) {
		opt, notes := fallbackOptions(t)
		r := read(t, []string{in("quote.csv")}, opt)
		assert.Equal(t, []string{in("quote.csv") + `:3: malformed-csv: line 5, column 4: extraneous or missing " in quoted-field`}, r.problems)
		assert.Equal(t, []string{"e1", "e3", "e4"}, r.ids())
		assert.Equal(t, "café after it", r.byID(t, "e3").Text)
		assert.Equal(t, "two é\né lines", r.byID(t, "e4").Text)
		assert.Len(t, *notes, 3)
	})
	t.Run("decoded input", func(t *testing.T) {
		// With another Encoding than UTF-8, nothing is left for the
		// fallback.
		opt, notes := fallbackOptions(t)
		opt.Encoding = encodingNamed(t, "iso-8859-15")
		r := read(t, []string{in("quote.csv")}, opt)
		assert.Equal(t, []string{"e1", "e3", "e4"}, r.ids())
		assert.Empty(t, *notes)
	})
}

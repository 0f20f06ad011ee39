package corpus

import (
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// utf16le returns s in UTF-16LE, without a byte order mark.
func utf16le(t *testing.T, s string) string {
	t.Helper()
	b, err := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().String(s)
	require.NoError(t, err)
	return b
}

func encodingNamed(t *testing.T, name string) encoding.Encoding {
	t.Helper()
	enc, err := ParseEncoding(name)
	require.NoError(t, err)
	return enc
}

func TestParseEncoding(t *testing.T) {
	tests := []struct {
		name string
		want string // the WHATWG name; "" for an error
	}{
		{"utf-8", "utf-8"},
		{"UTF8", "utf-8"},
		{"windows-1252", "windows-1252"},
		{" cp1252 ", "windows-1252"},
		// Latin-1 is read as windows-1252, as browsers read it: the two
		// differ only in 0x80-0x9F, control codes in Latin-1.
		{"latin1", "windows-1252"},
		{"ISO-8859-1", "windows-1252"},
		{"iso-8859-15", "iso-8859-15"},
		{"utf-16le", "utf-16le"},
		{"utf-16be", "utf-16be"},
		{"shift_jis", "shift_jis"},
		// Unknown, and the encoding that reads everything as one U+FFFD.
		{"", ""},
		{"klingon", ""},
		{"replacement", ""},
		{"iso-2022-kr", ""},
	}
	for _, tt := range tests {
		enc, err := ParseEncoding(tt.name)
		if tt.want == "" {
			require.Error(t, err, "ParseEncoding(%q)", tt.name)
			assert.ErrorIs(t, err, ErrUnknownEncoding)
			assert.Contains(t, err.Error(), `"`+tt.name+`"`)
			continue
		}
		require.NoError(t, err, "ParseEncoding(%q)", tt.name)
		assert.Equal(t, tt.want, whatwgName(t, enc), "ParseEncoding(%q)", tt.name)
	}
}

// whatwgName returns the WHATWG name of enc, "" for nil.
func whatwgName(t *testing.T, enc encoding.Encoding) string {
	t.Helper()
	if enc == nil {
		return ""
	}
	name, err := htmlindex.Name(enc)
	require.NoError(t, err)
	return name
}

// TestReadEncodings reads one Windows-1252 article (0x92 is ’, 0xE9 é) in
// every format: decoded with the encoding, skipped as invalid UTF-8 with a
// hint without it.
func TestReadEncodings(t *testing.T) {
	const (
		title = "Caf\xe9 owner\x92s comeback"
		text  = "The caf\xe9\x92s owner re-opened on Monday, na\xefve as ever."
	)
	files := map[string]string{
		"a.txt":   title + "\n\n" + text + "\n",
		"a.md":    "# " + title + "\n\n" + text + "\n",
		"a.jsonl": `{"id": "x", "text": "ok"}` + "\n" + `{"id": "a", "title": "` + title + `", "text": "` + text + `"}` + "\n",
		"a.json":  `[{"id": "x", "text": "ok"},` + "\n" + `{"id": "a", "title": "` + title + `", "text": "` + text + `"}]`,
		"a.csv":   "id,title,text\nx,,ok\na," + title + `,"` + text + `"` + "\n",
	}
	dir := writeFiles(t, files)
	const (
		wantTitle = "Café owner’s comeback"
		wantText  = "The café’s owner re-opened on Monday, naïve as ever."
	)
	tests := []struct {
		name    string
		file    string // "-" for standard input, given the JSON lines file
		id      string
		problem string // the skip without --encoding
	}{
		// a.txt and a.md share a directory: each is named with its extension.
		{"text", "a.txt", "a.txt", "a.txt:1: invalid-utf8: bytes that are not UTF-8"},
		{"markdown", "a.md", "a.md", "a.md:1: invalid-utf8: bytes that are not UTF-8"},
		{"JSON lines", "a.jsonl", "a", "a.jsonl:2: invalid-utf8: bytes that are not UTF-8"},
		{"JSON", "a.json", "a", "a.json:2: invalid-utf8: bytes that are not UTF-8"},
		{"CSV", "a.csv", "a", "a.csv:3: invalid-utf8: bytes that are not UTF-8"},
		{"stdin", "-", "a", "-:2: invalid-utf8: bytes that are not UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			opt := Options{Encoding: encodingNamed(t, "windows-1252")}
			if tt.file == "-" {
				path = "-"
			}
			stdin := func() io.Reader { return strings.NewReader(files["a.jsonl"]) }
			opt.Stdin = stdin()
			r := read(t, []string{path}, opt)
			assert.Empty(t, r.problems)
			a := r.byID(t, tt.id)
			assert.Equal(t, wantTitle, a.Title)
			assert.Contains(t, a.Text, wantText)
			assert.True(t, strings.HasSuffix(bodyText(a), wantText), "body %q", bodyText(a))
			checkSpans(t, a)

			// The default reads UTF-8 and says what to try.
			r = read(t, []string{path}, Options{Stdin: stdin()})
			want := tt.problem + " (legacy encoding? try --encoding windows-1252)"
			if tt.file != "-" {
				want = filepath.Join(dir, want)
			}
			assert.Equal(t, []string{want}, r.problems)
			assert.Equal(t, map[Reason]int{InvalidUTF8: 1}, r.stats.Skipped)
		})
	}
}

// TestReadByteOrderMarks: a byte order mark decides the encoding of its
// file whatever Options.Encoding says; UTF-16 without one is read with
// the encoding named, and looks binary without it.
func TestReadByteOrderMarks(t *testing.T) {
	const text = "Café owner’s story, in UTF-16."
	dir := writeFiles(t, map[string]string{
		"le.txt":     "\xff\xfe" + utf16le(t, text),
		"le.jsonl":   "\xff\xfe" + utf16le(t, `{"id": "lej", "text": "`+text+`"}`+"\n"),
		"le.csv":     "\xff\xfe" + utf16le(t, "id,text\nlec,\""+text+"\"\n"),
		"bare.txt":   utf16le(t, text),
		"bare.jsonl": utf16le(t, `{"id": "barej", "text": "`+text+`"}`+"\n"),
		"be.txt":     "\xfe\xff\x00C\x00a\x00f\x00\xe9",
		"utf8.txt":   "\xef\xbb\xbfCafé in UTF-8 with its mark.",
		"bad8.txt":   "\xef\xbb\xbfCaf\xe9 after a UTF-8 mark.",
	})
	in := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct {
		name     string
		files    []string
		enc      string
		texts    map[string]string // id -> Text
		problems []string
	}{
		// With a mark: decoded whatever the option.
		{"UTF-16LE mark", []string{"le.txt", "le.jsonl", "le.csv"}, "", map[string]string{"le": text, "lej": text, "lec": text}, nil},
		{"UTF-16LE mark over windows-1252", []string{"le.txt"}, "windows-1252", map[string]string{"le": text}, nil},
		{"UTF-16BE mark", []string{"be.txt"}, "", map[string]string{"be": "Café"}, nil},
		{"UTF-8 mark over windows-1252", []string{"utf8.txt"}, "windows-1252", map[string]string{"utf8": "Café in UTF-8 with its mark."}, nil},
		{"UTF-8 mark, invalid bytes", []string{"bad8.txt"}, "windows-1252", nil,
			[]string{in("bad8.txt") + ":1: invalid-utf8: bytes that are not UTF-8 after a UTF-8 byte order mark"}},
		// Without a mark: the encoding named, or a hint.
		{"UTF-16LE named", []string{"bare.txt", "bare.jsonl"}, "utf-16le", map[string]string{"bare": text, "barej": text}, nil},
		{"UTF-16LE unnamed", []string{"bare.txt", "bare.jsonl"}, "", nil, []string{
			in("bare.txt") + ":1: binary: NUL or control bytes (UTF-16 without a byte order mark? try --encoding utf-16le)",
			in("bare.jsonl") + ":1: binary: NUL bytes (UTF-16 without a byte order mark? try --encoding utf-16le)",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opt Options
			if tt.enc != "" {
				opt.Encoding = encodingNamed(t, tt.enc)
			}
			var paths []string
			for _, f := range tt.files {
				paths = append(paths, in(f))
			}
			r := read(t, paths, opt)
			assert.Equal(t, tt.problems, r.problems)
			got := map[string]string{}
			for _, a := range r.articles {
				got[a.ID] = a.Text
			}
			if len(tt.texts) == 0 {
				assert.Empty(t, got)
			} else {
				assert.Equal(t, tt.texts, got)
			}
		})
	}
}

// TestReadEncodingOffsets: furniture spans are byte offsets into the
// decoded UTF-8 text, where one input byte may be two or three, whether
// the file is decoded as it streams or as a record of the fallback.
func TestReadEncodingOffsets(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.txt": "By Jos\xe9 P\xe9rez\n\nThe caf\xe9\x92s story.\n\nAdvertisement\n\nMore about the caf\xe9 \x80 prices.\n"})
	fallback, _ := fallbackOptions(t)
	for _, opt := range []Options{{Encoding: encodingNamed(t, "windows-1252")}, fallback} {
		r := read(t, []string{filepath.Join(dir, "a.txt")}, opt)
		a := r.byID(t, "a")
		checkSpans(t, a)
		assert.Equal(t, "José Pérez", a.Byline)
		var furniture []string
		for _, s := range a.Furniture {
			furniture = append(furniture, strings.TrimSpace(a.Text[s.Start:s.End]))
		}
		assert.Equal(t, []string{"By José Pérez", "Advertisement"}, furniture)
		assert.Equal(t, "The café’s story.\n\nMore about the café € prices.", bodyText(a))
	}
}

// TestReadEncodingCSVQuote: a quote left open in a decoded CSV file is
// read again from the line after it, at an offset of the decoded text.
func TestReadEncodingCSVQuote(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.csv": "id,text\n" +
		"e1,\xe9\xe9\xe9\xe9\xe9\xe9\xe9\xe9 before the bad row\n" +
		"e2,\"a quote that never closes \xe9\n" +
		"e3,caf\xe9 after it\n" +
		"e4,\"two \xe9\n\xe9 lines\"\n"})
	path := filepath.Join(dir, "a.csv")
	r := read(t, []string{path}, Options{Encoding: encodingNamed(t, "iso-8859-15")})
	assert.Equal(t, []string{path + `:3: malformed-csv: line 5, column 4: extraneous or missing " in quoted-field`}, r.problems)
	assert.Equal(t, []string{"e1", "e3", "e4"}, r.ids())
	assert.Equal(t, "café after it", r.byID(t, "e3").Text)
	assert.Equal(t, "two é\né lines", r.byID(t, "e4").Text)
}

func TestDecode(t *testing.T) {
	tests := []struct {
		in   string
		enc  string
		want string
	}{
		{"caf\xe9", "windows-1252", "café"},
		{"caf\xe9", "", "caf\xe9"}, // UTF-8 as it is, invalid bytes kept for the reader to report
		{"\xef\xbb\xbfcafé", "", "café"},
		{"\xef\xbb\xbfcafé", "windows-1252", "café"},
		{"\xff\xfe" + utf16le(t, "café"), "", "café"},
		{utf16le(t, "café"), "utf-16le", "café"},
		{"", "windows-1252", ""},
	}
	for _, tt := range tests {
		var enc encoding.Encoding
		if tt.enc != "" {
			enc = encodingNamed(t, tt.enc)
		}
		got, err := io.ReadAll(Decode(strings.NewReader(tt.in), enc))
		require.NoError(t, err)
		assert.Equal(t, tt.want, string(got), "Decode(%q, %s)", tt.in, tt.enc)
	}
}

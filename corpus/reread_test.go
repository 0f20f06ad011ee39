package corpus

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

// badRowsCSV returns a CSV file of rows rows after its header, with é, ’
// and € in every row; every every-th row opens a quote it never closes,
// which swallows the rows up to the next bad row's quote.
func badRowsCSV(rows, every int) string {
	var b strings.Builder
	b.WriteString("id,title,text\n")
	for i := 1; i <= rows; i++ {
		if i%every == 0 {
			fmt.Fprintf(&b, "bad%d,Café,\"a quote that never closes, row %d ’ €\n", i, i)
			continue
		}
		fmt.Fprintf(&b, "r%d,Café %d,The owner’s story number %d costs 3 € in the café.\n", i, i, i)
	}
	return b.String()
}

// windows1252 returns s, UTF-8 text, encoded in Windows-1252.
func windows1252(tb testing.TB, s string) string {
	tb.Helper()
	out, err := charmap.Windows1252.NewEncoder().String(s)
	require.NoError(tb, err)
	return out
}

// countingEncoding is an encoding whose decoders count the times they
// are made and the bytes they decode.
type countingEncoding struct {
	encoding.Encoding
	decoders, decoded *int
}

func (e countingEncoding) NewDecoder() *encoding.Decoder {
	*e.decoders++
	return &encoding.Decoder{Transformer: countingTransformer{e.Encoding.NewDecoder(), e.decoded}}
}

type countingTransformer struct {
	transform.Transformer
	n *int
}

func (t countingTransformer) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	nDst, nSrc, err = t.Transformer.Transform(dst, src, atEOF)
	*t.n += nSrc
	return nDst, nSrc, err
}

// TestReadCSVQuoteDecodesOnce: the rows swallowed by a quote left open
// in a decoded CSV file are read again without decoding the file again
// from its start, so that a file with many bad rows is decoded in time
// linear in its size.
func TestReadCSVQuoteDecodesOnce(t *testing.T) {
	const rows, every = 2000, 20
	data := windows1252(t, badRowsCSV(rows, every))
	dir := writeFiles(t, map[string]string{"a.csv": data})
	var decoders, decoded int
	r := read(t, []string{filepath.Join(dir, "a.csv")}, Options{
		Encoding: countingEncoding{charmap.Windows1252, &decoders, &decoded},
	})
	require.Equal(t, rows/every, r.stats.Skipped[MalformedCSV], "every bad row reported")
	require.Equal(t, rows-rows/every, r.stats.Read, "every good row read")
	t.Logf("%d bytes, %d bad rows: %d decoders, %d bytes decoded (%.1f times the file)",
		len(data), rows/every, decoders, decoded, float64(decoded)/float64(len(data)))
	assert.Equal(t, 1, decoders, "decoders made for the file")
	assert.Less(t, decoded, 2*len(data), "bytes decoded, for a file of %d bytes", len(data))
}

// TestReadCSVQuoteEncodings: what is read, skipped and reported after a
// quote left open is the same whether the file is UTF-8, decoded from
// Windows-1252 or UTF-16, or read with the fallback.
func TestReadCSVQuoteEncodings(t *testing.T) {
	long := strings.Repeat("long words of text ", 5000) // 95,000 bytes: more than a read buffer
	tests := []struct {
		name, csv string
		ids       []string
		problems  []string // with the file as "a.csv"
	}{
		{"open to the end", "id,text\nr1,café\nr2,\"never closes €\nr3,owner’s\nr4,last\n",
			[]string{"r1", "r3", "r4"},
			[]string{`a.csv:3: malformed-csv: line 5, column 9: extraneous or missing " in quoted-field`}},
		{"open to a quoted row", "id,text\nr1,café\nr2,\"never closes €\nr3,owner’s\nr4,\"quoted, é\"\nr5,last\n",
			[]string{"r1", "r3", "r4", "r5"},
			[]string{`a.csv:3: malformed-csv: line 5, column 4: extraneous or missing " in quoted-field`}},
		{"first row", "id,text\nr1,\"never closes é\nr2,café\n",
			[]string{"r2"},
			[]string{`a.csv:2: malformed-csv: line 3, column 10: extraneous or missing " in quoted-field`}},
		{"last row without newline", "id,text\nr1,café\nr2,\"never closes é",
			[]string{"r1"},
			[]string{`a.csv:3: malformed-csv: column 20: extraneous or missing " in quoted-field`}},
		{"bad rows in a row", "id,text\nr1,\"one é\nr2,\"two €\nr3,\"three ’\nr4,café\n",
			[]string{"r4"},
			[]string{
				`a.csv:2: malformed-csv: line 3, column 4: extraneous or missing " in quoted-field`,
				`a.csv:3: malformed-csv: line 4, column 4: extraneous or missing " in quoted-field`,
				`a.csv:4: malformed-csv: line 5, column 10: extraneous or missing " in quoted-field`,
			}},
		{"CRLF and blank lines", "id,text\r\nr1,café\r\n\r\nr2,\"never closes €\r\n\r\n\r\nr3,owner’s\r\n\r\nr4,\"two\r\nlines é\"\r\n",
			[]string{"r1", "r3", "r4"},
			[]string{`a.csv:4: malformed-csv: line 9, column 4: extraneous or missing " in quoted-field`}},
		{"multi-line rows around", "id,text\nr1,\"two é\nlines\"\nr2,\"never closes\n€\nr3,owner’s\nr4,\"two\nlines ’\"\n",
			[]string{"r1", "r3", "r4"},
			[]string{
				`a.csv:4: malformed-csv: line 7, column 4: extraneous or missing " in quoted-field`,
				`a.csv:5: malformed-csv: wrong number of fields`,
			}},
		{"swallows more than a read buffer", "id,text\nr1,café\nr2,\"never closes €\n" +
			strings.Repeat("r3,"+long+"é\n", 2) + "r4,\"quoted ’\"\nr5,last\n",
			[]string{"r1", "r3", "r4", "r5"},
			[]string{
				`a.csv:3: malformed-csv: line 6, column 4: extraneous or missing " in quoted-field`,
				`a.csv:5: duplicate-id: id "r3" also at a.csv:4, which is kept (same content, the earlier line)`,
			}},
		{"long first line", "id,text\nr1,\"never closes " + long + "\nr2,café\n",
			[]string{"r2"},
			[]string{`a.csv:2: malformed-csv: line 3, column 10: extraneous or missing " in quoted-field`}},
		{"many bad rows", badRowsCSV(200, 7), nil, nil},
	}
	fallback, _ := fallbackOptions(t)
	// The fallback decodes a row once it is parsed: the column of a
	// malformed row counts bytes of the file, not of UTF-8 text.
	fileColumns := regexp.MustCompile(`column [0-9]+`)
	encodings := []struct {
		name        string
		encode      func(string) string
		opt         Options
		fileColumns bool
	}{
		{"windows-1252", func(s string) string { return windows1252(t, s) }, Options{Encoding: charmap.Windows1252}, false},
		{"utf-8,windows-1252", func(s string) string { return windows1252(t, s) }, fallback, true},
		{"utf-16le", func(s string) string { return utf16le(t, s) }, Options{Encoding: encodingNamed(t, "utf-16le")}, false},
		{"UTF-16LE byte order mark", func(s string) string { return "\xff\xfe" + utf16le(t, s) }, Options{}, false},
		{"UTF-8 byte order mark", func(s string) string { return bom + s }, Options{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := readCSVString(t, tt.csv, Options{})
			if tt.ids != nil {
				assert.Equal(t, tt.ids, want.ids())
				assert.Equal(t, tt.problems, want.problems)
			}
			for _, enc := range encodings {
				want, got := want, readCSVString(t, enc.encode(tt.csv), enc.opt)
				if enc.fileColumns {
					want.problems, got.problems = replaceAll(fileColumns, want.problems), replaceAll(fileColumns, got.problems)
				}
				assertSameRead(t, enc.name, want, got)
			}
		})
	}
}

// FuzzReadCSVDecoded: a CSV file decoded from Windows-1252 reads as its
// text does in UTF-8, rows read again after a quote left open included.
func FuzzReadCSVDecoded(f *testing.F) {
	data, err := os.ReadFile("testdata/bad/malformed.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(windows1252(f, badRowsCSV(30, 4))))
	f.Add([]byte("id,text\r\nr1,caf\xe9\r\n\r\nr2,\"never \x80\r\n\r\nr3,x\r\nr4,\"two\r\nlines\"\r\n"))
	f.Add([]byte("id,text\nr1,\"one\nr2,\"two \"\"\nr3,\"three\"x\nr4,caf\xe9"))
	f.Fuzz(func(t *testing.T, data []byte) {
		// A byte order mark would choose another encoding; NUL bytes make
		// the file binary, with a hint at UTF-16 for undecoded text.
		if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) || bytes.HasPrefix(data, []byte("\xff\xfe")) ||
			bytes.HasPrefix(data, []byte("\xfe\xff")) || bytes.IndexByte(data, 0) >= 0 {
			return
		}
		text, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			t.Fatal(err)
		}
		want := readCSVString(t, string(text), Options{MaxRecordBytes: 256})
		got := readCSVString(t, string(data), Options{MaxRecordBytes: 256, Encoding: charmap.Windows1252})
		assertSameRead(t, "windows-1252", want, got)
	})
}

// assertSameRead checks that got, a read in the encoding named enc,
// read, skipped and reported what want did.
func assertSameRead(t *testing.T, enc string, want, got result) {
	t.Helper()
	assert.Equal(t, want.problems, got.problems, enc)
	assert.Equal(t, want.stats.Skipped, got.stats.Skipped, enc)
	if assert.Equal(t, want.ids(), got.ids(), enc) {
		for i, a := range got.articles {
			assert.Equal(t, want.articles[i].Text, a.Text, "%s: %s", enc, a.ID)
			assert.Equal(t, want.articles[i].Origin, a.Origin, enc)
		}
	}
}

// replaceAll returns ss with every match of re replaced by "column N".
func replaceAll(re *regexp.Regexp, ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = re.ReplaceAllString(s, "column N")
	}
	return out
}

// readCSVString reads data as a file a.csv of a new directory; problems
// and origins name it "a.csv".
func readCSVString(t *testing.T, data string, opt Options) result {
	t.Helper()
	dir := writeFiles(t, map[string]string{"a.csv": data}) + string(filepath.Separator)
	r := read(t, []string{dir + "a.csv"}, opt)
	for i := range r.problems {
		r.problems[i] = strings.ReplaceAll(r.problems[i], dir, "")
	}
	for i := range r.articles {
		r.articles[i].Origin = strings.TrimPrefix(r.articles[i].Origin, dir)
	}
	return r
}

// BenchmarkReadCSVBadRows reads a CSV file of 4 MiB with a quote left
// open every 50 rows, as UTF-8 and decoded from Windows-1252.
func BenchmarkReadCSVBadRows(b *testing.B) {
	text := badRowsCSV(60_000, 50)
	for _, bench := range []struct {
		name string
		data string
		opt  Options
	}{
		{"utf-8", text, Options{}},
		{"windows-1252", windows1252(b, text), Options{Encoding: charmap.Windows1252}},
	} {
		b.Run(bench.name, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "a.csv")
			require.NoError(b, os.WriteFile(path, []byte(bench.data), 0o644))
			b.ReportAllocs()
			b.SetBytes(int64(len(bench.data)))
			for b.Loop() {
				stats, err := Read([]string{path}, bench.opt, nil)
				if err != nil || stats.Read == 0 {
					b.Fatalf("Read = %+v, %v", stats, err)
				}
			}
		})
	}
}

// TestReplay reads text through a replay that keeps it from a little
// before where it is read, and reads a stretch again now and then: what
// is read is the text, and what is kept stays small.
func TestReplay(t *testing.T) {
	var b strings.Builder
	for i := range 100_000 {
		fmt.Fprintf(&b, "%d,", i)
	}
	text := b.String()
	const chunk, behind = 4096, 2000
	p := &replay{r: strings.NewReader(text)}
	buf := make([]byte, chunk)
	pos, maxKept := 0, 0
	for i := 0; ; i++ {
		n, err := p.Read(buf)
		require.Equal(t, text[pos:pos+n], string(buf[:n]), "read at %d", pos)
		pos += n
		if err != nil {
			require.ErrorIs(t, err, io.EOF)
			break
		}
		p.keep(int64(pos - behind))
		maxKept = max(maxKept, len(p.buf))
		if i%10 == 9 {
			_, err := p.at(int64(pos - behind - 1))
			require.Error(t, err, "reading again before the offset kept")
			_, err = p.at(int64(pos + 1))
			require.Error(t, err, "reading on past the text read")
			rd, err := p.at(int64(pos - behind/2))
			require.NoError(t, err)
			require.Same(t, p, rd)
			pos -= behind / 2
		}
	}
	require.Equal(t, len(text), pos)
	t.Logf("%d bytes read, at most %d kept", len(text), maxKept)
	assert.LessOrEqual(t, maxKept, 2*(chunk+behind), "bytes kept")
}

// A CSV row too long to hold is skipped from memory when the text is
// decoded, as when it is not: the rows after it are read, at their lines.
func TestReadCSVLongRowDecoded(t *testing.T) {
	text := "id,text\n" +
		"d1,Before the long row.\n" +
		"d2,\"" + strings.Repeat("caf\u00e9 \"\"au lait\"\",\n", 30_000) + "\"\n" +
		"d3,After the long row.\n"
	for _, tt := range []struct {
		name string
		data string
		opt  Options
	}{
		{"utf-8", text, Options{}},
		{"windows-1252", windows1252(t, text), Options{Encoding: charmap.Windows1252}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"long.csv": tt.data})
			tt.opt.MaxRecordBytes = 1000
			r := read(t, []string{filepath.Join(dir, "long.csv")}, tt.opt)
			assert.Equal(t, []string{"d1", "d3"}, r.ids())
			assert.Equal(t, []string{filepath.Join(dir, "long.csv") + ":3: too-long: row of 570006 bytes as written, limit 1000"}, r.problems)
		})
	}
}

// Rows of random CSV, short, over the limit and far over it (skipped
// without being read whole), with quotes, commas, CR LF and newlines in
// their fields and blank lines between them: each row over the limit is
// reported at its first line, every other row is read.
func TestReadCSVLongRowsRandom(t *testing.T) {
	const max = 1000
	alphabet := []string{"a", "b", " ", "\"", ",", "\n", "\r\n", "é"}
	for seed := range uint64(8) {
		rng := rand.New(rand.NewPCG(seed, 7))
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.UseCRLF = seed%2 == 1
		require.NoError(t, w.Write([]string{"id", "text"}))
		w.Flush()
		var ids, problems []string
		path := filepath.Join(t.TempDir(), "rows.csv")
		for i := range 40 {
			if rng.IntN(5) == 0 {
				buf.WriteString("\n")
			}
			size := 1 + rng.IntN(300)
			switch rng.IntN(4) {
			case 0:
				size = 2*max + rng.IntN(3000)
			case 1:
				size = 70_000 + rng.IntN(60_000)
			}
			var text strings.Builder
			text.WriteString("t")
			for text.Len() < size {
				text.WriteString(alphabet[rng.IntN(len(alphabet))])
			}
			id := fmt.Sprintf("r%d", i)
			line := 1 + bytes.Count(buf.Bytes(), []byte{'\n'})
			require.NoError(t, w.Write([]string{id, text.String()}))
			w.Flush()
			// encoding/csv reads CR LF inside quotes as LF.
			if n := len(id) + len(strings.ReplaceAll(text.String(), "\r\n", "\n")); n <= max {
				ids = append(ids, id)
				continue
			}
			problems = append(problems, fmt.Sprintf("%s:%d: too-long", path, line))
		}
		require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
		r := read(t, []string{path}, Options{MaxRecordBytes: max})
		assert.Equal(t, ids, r.ids(), "seed %d", seed)
		got := make([]string, len(r.problems))
		for i, p := range r.problems {
			got[i], _, _ = strings.Cut(p, ": row of")
		}
		assert.Equal(t, problems, got, "seed %d", seed)
	}
}

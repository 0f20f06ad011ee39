package corpus

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
)

// checkSpans fails unless a's furniture lies within Text, is sorted and
// non-overlapping, falls on rune boundaries of valid text, and together with
// Body() tiles Text exactly.
func checkSpans(t *testing.T, a Article) {
	t.Helper()
	n := len(a.Text)
	prev := -1
	for _, f := range a.Furniture {
		if f.Start < 0 || f.End > n || f.Start >= f.End {
			t.Fatalf("furniture %v out of bounds or empty in %d bytes", f, n)
		}
		if f.Start <= prev {
			t.Fatalf("furniture %v not after the previous span ending at %d", f, prev)
		}
		if utf8.ValidString(a.Text) && (!boundary(a.Text, f.Start) || !boundary(a.Text, f.End)) {
			t.Fatalf("furniture %v splits a rune of %q", f, a.Text)
		}
		prev = f.End
	}
	spans := append(append([]Span(nil), a.Furniture...), a.Body()...)
	covered := make([]bool, n)
	for _, s := range spans {
		for i := s.Start; i < s.End; i++ {
			if covered[i] {
				t.Fatalf("byte %d is in two spans of %v", i, spans)
			}
			covered[i] = true
		}
	}
	for i, c := range covered {
		if !c {
			t.Fatalf("byte %d is in neither Body() nor Furniture: %v", i, spans)
		}
	}
}

func boundary(s string, i int) bool { return i == len(s) || utf8.RuneStart(s[i]) }

func FuzzReadJSONL(f *testing.F) {
	for _, name := range []string{"malformed.jsonl", "dup-ids.jsonl", "binary.txt", "invalid-utf8.txt"} {
		data, err := os.ReadFile(filepath.Join("testdata", "bad", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("\ufeff{\"text\": \"bom\"}\r\n{\"text\": \"crlf\"}\r\n"))
	f.Add([]byte(`{"id": 1, "text": ["a", "b"], "authors": [{"name": "X"}], "date": 1763510400}`))
	f.Add([]byte("\x00\x01{\n{\"text\": \"after NUL\"}"))
	f.Add([]byte(`{"text": "` + strings.Repeat("long ", 100) + `"}` + "\n \t\r\n" + `{"text": "short"}`))
	f.Add([]byte(`{"text": " date 2025-11-18 a/ b/ c/ d/ x"}` + "\nnull\n\"s\"\n{}\n"))
	f.Add([]byte("{\"text\": \"caf\xe9\x92s\"}\n"))
	f.Add([]byte("\xff\xfe{\x00}\x00\n\x00"))
	f.Add([]byte("{\"text\": \"“UTF-8”\"}\n{\"text\": \"\x93caf\xe9\x94\"}\n{\"text\": \"" + strings.Repeat("\x80", 80) + "\"}\n"))
	f.Add([]byte("\xef\xbb\xbf{\"text\": \"caf\xe9\"}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "in.jsonl")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		stats := map[string]Stats{}
		for _, enc := range fuzzEncodings(t) {
			stats[enc.name] = checkReadJSONL(t, path, data, enc)
		}
		// The fallback decodes the very records UTF-8 alone skips.
		u8, fb := stats["utf-8"], stats["utf-8,windows-1252"]
		if fb.Fallback+fb.Skipped[InvalidUTF8] != u8.Skipped[InvalidUTF8] {
			t.Fatalf("with the fallback %+v, without %+v: want the records skipped as invalid-utf8 decoded", fb, u8)
		}
		checkFallbackSkips(t, data, fb)
	})
}

// fuzzEncoding is one way the reader fuzz tests read an input, named by
// its --encoding value.
type fuzzEncoding struct {
	name          string
	enc, fallback encoding.Encoding
}

// fuzzEncodings are the ways the reader fuzz tests read every input: UTF-8
// as it is, two decoders, and UTF-8 with the windows-1252 fallback.
func fuzzEncodings(t *testing.T) []fuzzEncoding {
	var encs []fuzzEncoding
	for _, name := range []string{"utf-8", "windows-1252", "utf-16le", "utf-8,windows-1252"} {
		enc, fallback, err := ParseEncodings(name)
		if err != nil {
			t.Fatal(err)
		}
		encs = append(encs, fuzzEncoding{name, enc, fallback})
	}
	return encs
}

// options returns the options of a fuzz read of path in enc with the
// record limit at 256 bytes, and a check of the problems and notes
// reported against the stats.
func (enc fuzzEncoding) options(t *testing.T, path string) (Options, func(Stats)) {
	var problems []Problem
	var notes []Note
	opt := Options{
		MaxRecordBytes: 256, Encoding: enc.enc, Fallback: enc.fallback,
		OnProblem:  func(p Problem) { problems = append(problems, p) },
		OnFallback: func(n Note) { notes = append(notes, n) },
	}
	return opt, func(stats Stats) {
		t.Helper()
		if stats.Files != 1 || len(problems) != stats.SkippedTotal() || len(notes) != stats.Fallback {
			t.Fatalf("%s: Stats = %+v with %d problems and %d notes, want 1 file, one problem per skip and one note per record decoded",
				enc.name, stats, len(problems), len(notes))
		}
		for _, p := range problems {
			if p.Path != path || p.Line < 0 {
				t.Fatalf("problem %v names the wrong place", p)
			}
		}
		for _, n := range notes {
			if n.Path != path || n.Line < 1 || n.Encoding != "windows-1252" {
				t.Fatalf("note %v names the wrong place or encoding", n)
			}
		}
	}
}

// checkFallbackSkips fails if a read of data with the fallback skipped a
// record as invalid UTF-8, unless a UTF-8 byte order mark said UTF-8.
func checkFallbackSkips(t *testing.T, data []byte, fb Stats) {
	t.Helper()
	if fb.Skipped[InvalidUTF8] > 0 && !bytes.HasPrefix(data, []byte(bom)) {
		t.Fatalf("with the fallback: Stats = %+v, want no invalid-utf8 skip", fb)
	}
}

// decoded returns data as Read reads it in enc, before any record is
// decoded from the fallback.
func decoded(t *testing.T, data []byte, enc fuzzEncoding) []byte {
	t.Helper()
	text, err := io.ReadAll(Decode(bytes.NewReader(data), enc.enc))
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	return text
}

// checkReadJSONL reads path, holding data, as JSON lines in enc, checks
// what a read of any input must satisfy and returns the stats.
func checkReadJSONL(t *testing.T, path string, data []byte, enc fuzzEncoding) Stats {
	t.Helper()
	seen := make(map[string]bool)
	opt, checkReports := enc.options(t, path)
	stats, err := Read([]string{path}, opt,
		func(a Article) error {
			if a.ID == "" {
				t.Fatalf("article with an empty ID")
			}
			seen[a.ID] = true // a repeated ID replaces the earlier article
			if !utf8.ValidString(a.Text) {
				t.Fatalf("article %q has invalid UTF-8 text", a.ID)
			}
			checkSpans(t, a)
			return nil
		})
	if err != nil {
		t.Fatalf("Read = %v, want no error", err)
	}
	if stats.Read != len(seen) {
		t.Fatalf("Stats.Read = %d, want the %d distinct IDs passed to fn", stats.Read, len(seen))
	}
	checkReports(stats)
	if stats.Skipped[Binary] > 0 { // the whole file, once
		if stats.Read != 0 || stats.SkippedTotal() != 1 || stats.Fallback != 0 {
			t.Fatalf("binary file: Stats = %+v, want one skip and nothing read", stats)
		}
		return stats
	}
	lines := 0
	for l := range bytes.SplitSeq(decoded(t, data, enc), []byte{'\n'}) {
		if len(bytes.Trim(l, " \t\r")) > 0 {
			lines++
		}
	}
	want := lines
	if lines == 0 {
		want = 1 // the file itself, reported as holding no records
	}
	if got := stats.Read + stats.SkippedTotal(); got != want || lines == 0 && stats.Skipped[Empty] != 1 {
		t.Fatalf("%s: read %d + skipped %d = %d (%v), want one per non-blank line (%d), or the file as empty", enc.name, stats.Read, stats.SkippedTotal(), got, stats.Skipped, lines)
	}
	return stats
}

func FuzzExtractMetadata(f *testing.F) {
	seeds, _ := filepath.Glob("../testdata/seeds/*.txt")
	for _, p := range seeds {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	for _, s := range []string{
		"", "\n", "---\n", "---\na: b\n---", "---\na: b\n---\n", "# ", "# T\n", "By Jane Doe", " date 2025-11-18",
		"a/ b/ c/ ", "x/ y/ z/ w", "Headline Words Here\n\n", "Body.\n\nAdvertisement\n\nComments",
		"13:43, Wed, Nov 19, 2025 Updated: 13:44, Wed, Nov 19, 2025", "\u00a0By Jane Doe\u00a0\n", "Read more: X\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		a := Article{Text: text}
		a.ExtractMetadata()
		if a.Text != text {
			t.Fatalf("ExtractMetadata changed Text")
		}
		checkSpans(t, a)
		again := a
		again.Furniture = append([]Span(nil), a.Furniture...)
		again.ExtractMetadata()
		if len(again.Furniture) != len(a.Furniture) {
			t.Fatalf("a second ExtractMetadata changed Furniture from %v to %v", a.Furniture, again.Furniture)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-11-18", "Nov. 19th, 2025 3:04 p.m. ET", "13:43, Wed, Nov 19, 2025", "1763510400", "20251118", "Tue, 18 Nov 2025 09:30:00 GMT"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseDate(s)
		if ok && (d.Year() < 1800 || d.Year() > 2200) {
			t.Fatalf("ParseDate(%q) = %v, outside 1800-2200", s, d)
		}
		if !ok && !d.IsZero() {
			t.Fatalf("ParseDate(%q) = %v, false; want the zero time", s, d)
		}
	})
}

func FuzzReadCSV(f *testing.F) {
	data, err := os.ReadFile("testdata/bad/malformed.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte("text\n\"a\"\"b\"\n\"unterminated\n"))
	f.Add([]byte("\ufeffTitle,Body\r\nx,y\r\n"))
	f.Add([]byte("id,text\na,caf\xe9\nb,\"open \xe9\nc,x\n"))
	f.Add([]byte("id,t\xe9xt\na,caf\xe9\n"))
	f.Add([]byte("id,text\na,“UTF-8”\nb,\"\x93caf\xe9\x94\n\xe9\"\n"))
	f.Add([]byte("\xef\xbb\xbfid,text\na,caf\xe9\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "in.csv")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		stats := map[string]Stats{}
		for _, enc := range fuzzEncodings(t) {
			stats[enc.name] = checkReadCSV(t, path, data, enc)
		}
		// The fallback decodes the records UTF-8 alone skips, and the
		// rows after a header it decodes.
		u8, fb := stats["utf-8"], stats["utf-8,windows-1252"]
		if fb.Fallback+fb.Skipped[InvalidUTF8] < u8.Skipped[InvalidUTF8] {
			t.Fatalf("with the fallback %+v, without %+v: want the records skipped as invalid-utf8 decoded", fb, u8)
		}
		checkFallbackSkips(t, data, fb)
	})
}

func FuzzReadTSV(f *testing.F) {
	f.Add([]byte("id\ttitle\ttext\nt1\tT\tA row.\n"))
	f.Add([]byte("\ufeffid\ttext\r\na\t\"tab\there \"\"q\"\"\nline\"\r\nb\t\"open\" text\nc\tx\n"))
	f.Add([]byte("id\tcluster\na\t1\n"))
	f.Add([]byte("id\ttext\na\tcaf\xe9\nb\t\"open \xe9\nc\tx\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "in.tsv")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, enc := range fuzzEncodings(t) {
			checkReadCSV(t, path, data, enc)
		}
	})
}

// checkReadCSV reads path, holding data, as CSV (or TSV) in enc, checks what a
// read of any input must satisfy and returns the stats.
func checkReadCSV(t *testing.T, path string, data []byte, enc fuzzEncoding) Stats {
	t.Helper()
	opt, checkReports := enc.options(t, path)
	stats, err := Read([]string{path}, opt, func(a Article) error {
		if a.ID == "" || !utf8.ValidString(a.Text) {
			t.Fatalf("article %q: empty ID or invalid text", a.ID)
		}
		checkSpans(t, a)
		return nil
	})
	if err != nil {
		t.Fatalf("Read = %+v, %v", stats, err)
	}
	checkReports(stats)
	if rows := bytes.Count(decoded(t, data, enc), []byte{'\n'}) + 1; stats.Read+stats.SkippedTotal() > rows {
		t.Fatalf("%s: read %d + skipped %d from %d lines", enc.name, stats.Read, stats.SkippedTotal(), rows)
	}
	return stats
}

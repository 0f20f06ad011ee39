package corpus

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// result is everything one Read call produced.
type result struct {
	articles []Article
	problems []string // Problem.Error() of each problem, in order
	stats    Stats
}

func (r result) ids() []string {
	ids := make([]string, len(r.articles))
	for i, a := range r.articles {
		ids[i] = a.ID
	}
	return ids
}

func (r result) byID(t *testing.T, id string) Article {
	t.Helper()
	for _, a := range r.articles {
		if a.ID == id {
			return a
		}
	}
	t.Fatalf("no article %q among %q", id, r.ids())
	return Article{}
}

func read(t *testing.T, paths []string, opt Options) result {
	t.Helper()
	var r result
	opt.OnProblem = func(p Problem) { r.problems = append(r.problems, p.Error()) }
	stats, err := Read(paths, opt, func(a Article) error {
		// A later article with an ID already passed replaces it.
		for i := range r.articles {
			if r.articles[i].ID == a.ID {
				r.articles[i] = a
				return nil
			}
		}
		r.articles = append(r.articles, a)
		return nil
	})
	require.NoError(t, err)
	r.stats = stats
	require.Len(t, r.articles, stats.Read, "Stats.Read counts the distinct articles passed to fn")
	require.Len(t, r.problems, stats.SkippedTotal(), "every skip is reported once")
	return r
}

// writeFiles creates files (name -> content, names with slashes make
// directories) under a new temporary directory and returns it.
func writeFiles(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	return dir
}

func TestReadBadInput(t *testing.T) {
	long := writeFiles(t, map[string]string{"long.jsonl": `{"id": "l1", "text": "Before the long line."}` + "\n" +
		`{"id": "l2", "text": "` + strings.Repeat("x", 300_000) + `"}` + "\n" +
		`{"id": "l3", "text": "After the long line."}` + "\n"})
	bigCSV := writeFiles(t, map[string]string{"big.csv": "id,text\n" +
		"b1,Before the long rows.\n" +
		"b2," + strings.Repeat("x", 200_000) + "\n" +
		"b3,\"" + strings.Repeat("a \"\"quoted\"\", text\n", 20_000) + "\"\n" +
		"\n\n" +
		"b4,\"Within the limit: \"\"" + strings.Repeat("\"\"", 495) + "\"\n" +
		"b5,After the long rows.\n" +
		"b6," + strings.Repeat("y", 200_000)})
	deepJSON := writeFiles(t, map[string]string{"deep.json": "[\n" +
		`{"id": "j1", "text": "Before the deep element."},` + "\n" +
		`{"id": "j2", "text": ` + strings.Repeat("[", 10_001) + strings.Repeat("]", 10_001) + "},\n" +
		`{"id": "j3", "text": "Between the deep elements."},` + "\n" +
		strings.Repeat(`{"a":`, 10_001) + "1" + strings.Repeat("}", 10_001) + ",\n" +
		`{"id": "j5", "text": "After the deep elements."}` + "\n" +
		"]\n"})
	longTxt := writeFiles(t, map[string]string{"long.txt": strings.Repeat("Words and more words. ", 100)})
	walk := writeFiles(t, map[string]string{"a.txt": "An article.", "notes.rtf": "{\\rtf1 notes}", "z.txt": "Another article."})

	tests := []struct {
		name     string
		path     string
		max      int
		problems []string
		ids      []string // valid articles that survive, in order
		skipped  map[Reason]int
	}{
		// Whole files.
		{
			name:     "binary",
			path:     "testdata/bad/binary.txt",
			problems: []string{"testdata/bad/binary.txt:2: binary: NUL or control bytes"},
			skipped:  map[Reason]int{Binary: 1},
		},
		{
			name:     "invalid UTF-8",
			path:     "testdata/bad/invalid-utf8.txt",
			problems: []string{"testdata/bad/invalid-utf8.txt:2: invalid-utf8: bytes that are not UTF-8" + utf8Hint},
			skipped:  map[Reason]int{InvalidUTF8: 1},
		},
		{
			name:     "only furniture",
			path:     "testdata/bad/empty.txt",
			problems: []string{"testdata/bad/empty.txt:1: empty: no text left after metadata and furniture"},
			skipped:  map[Reason]int{Empty: 1},
		},
		{
			name:     "missing",
			path:     "testdata/bad/no-such-file.jsonl",
			problems: []string{"testdata/bad/no-such-file.jsonl: unreadable: no such file or directory"},
			skipped:  map[Reason]int{Unreadable: 1},
		},
		{
			name:     "text file over the limit",
			path:     filepath.Join(longTxt, "long.txt"),
			max:      1000,
			problems: []string{filepath.Join(longTxt, "long.txt") + ":1: too-long: file larger than 1000 bytes"},
			skipped:  map[Reason]int{TooLong: 1},
		},
		{
			name:     "unsupported file in a directory",
			path:     walk,
			problems: []string{filepath.Join(walk, "notes.rtf") + `: unsupported: extension ".rtf" not readable, want .txt, .md, .html, .jsonl, .ndjson, .json, .csv, .tsv, .xlsx, .docx, .odt, .eml, .mbox, .rss, .atom, .xml, .nitf, .newsml or .warc (or one of them .gz or .bz2)`},
			ids:      []string{"a", "z"},
			skipped:  map[Reason]int{Unsupported: 1},
		},
		// Records: the bad ones are skipped, the good ones around them kept.
		{
			name: "malformed JSON lines",
			path: "testdata/bad/malformed.jsonl",
			problems: []string{
				"testdata/bad/malformed.jsonl:2: malformed-json: unexpected end of JSON input",
				"testdata/bad/malformed.jsonl:4: malformed-json: a JSON array, want an object",
				"testdata/bad/malformed.jsonl:6: invalid-utf8: bytes that are not UTF-8" + utf8Hint,
				"testdata/bad/malformed.jsonl:7: empty: no text field (looked for text, body, content, content_html, content_text, article, maintext, article_body, article_text, body_text, full_text, body_html, bodies, body_nitf)",
				"testdata/bad/malformed.jsonl:8: empty: no text left after metadata and furniture",
				"testdata/bad/malformed.jsonl:9: malformed-json: invalid character 'o' in literal null (expecting 'u')",
			},
			ids:     []string{"m1", "m3", "m7"},
			skipped: map[Reason]int{MalformedJSON: 3, InvalidUTF8: 1, Empty: 2},
		},
		{
			name: "malformed CSV rows",
			path: "testdata/bad/malformed.csv",
			problems: []string{
				`testdata/bad/malformed.csv:3: malformed-csv: column 15: extraneous or missing " in quoted-field`,
				"testdata/bad/malformed.csv:4: malformed-csv: wrong number of fields",
				"testdata/bad/malformed.csv:8: malformed-csv: wrong number of fields",
				"testdata/bad/malformed.csv:9: invalid-utf8: bytes that are not UTF-8" + utf8Hint,
			},
			ids:     []string{"c1", "c4", "c5", "c8"},
			skipped: map[Reason]int{MalformedCSV: 3, InvalidUTF8: 1},
		},
		{
			name: "CSV quote left open",
			path: "testdata/bad/unterminated.csv",
			problems: []string{
				`testdata/bad/unterminated.csv:3: malformed-csv: line 6, column 9: extraneous or missing " in quoted-field`,
			},
			ids:     []string{"u1", "u3", "u4", "u5"},
			skipped: map[Reason]int{MalformedCSV: 1},
		},
		{
			name: "duplicate IDs",
			path: "testdata/bad/dup-ids.jsonl",
			problems: []string{
				`testdata/bad/dup-ids.jsonl:1: duplicate-id: id "d1" replaced by the record at testdata/bad/dup-ids.jsonl:3 (the longer)`,
				`testdata/bad/dup-ids.jsonl:4: duplicate-id: id "7" replaced by the record at testdata/bad/dup-ids.jsonl:5 (the longer)`,
			},
			ids:     []string{"d1", "d2", "7"},
			skipped: map[Reason]int{DuplicateID: 2},
		},
		{
			name: "text that is not a string",
			path: "testdata/bad/not-text.jsonl",
			problems: []string{
				"testdata/bad/not-text.jsonl:2: malformed-json: text is not a string: a value nested more than 8 levels deep",
				"testdata/bad/not-text.jsonl:3: malformed-json: body is not a string: an object with none of the members name, full_name, text, value, title, rendered",
				"testdata/bad/not-text.jsonl:4: empty: no text left after metadata and furniture",
			},
			ids:     []string{"n1", "n5"},
			skipped: map[Reason]int{MalformedJSON: 2, Empty: 1},
		},
		{
			name: "JSON array element nested too deep",
			path: filepath.Join(deepJSON, "deep.json"),
			problems: []string{
				filepath.Join(deepJSON, "deep.json") + ":3: malformed-json: element nested deeper than the decoder's limit of 10000 levels",
				filepath.Join(deepJSON, "deep.json") + ":5: malformed-json: element nested deeper than the decoder's limit of 10000 levels",
			},
			ids:     []string{"j1", "j3", "j5"},
			skipped: map[Reason]int{MalformedJSON: 2},
		},
		{
			name: "over-long CSV rows",
			path: filepath.Join(bigCSV, "big.csv"),
			max:  1000,
			problems: []string{
				filepath.Join(bigCSV, "big.csv") + ":3: too-long: row of 200004 bytes as written, limit 1000",
				filepath.Join(bigCSV, "big.csv") + ":4: too-long: row of 380006 bytes as written, limit 1000",
				filepath.Join(bigCSV, "big.csv") + ":20009: too-long: row of 200003 bytes as written, limit 1000",
			},
			ids:     []string{"b1", "b4", "b5"},
			skipped: map[Reason]int{TooLong: 3},
		},
		{
			name:     "over-long JSON line",
			path:     filepath.Join(long, "long.jsonl"),
			max:      100_000,
			problems: []string{filepath.Join(long, "long.jsonl") + ":2: too-long: line of 300024 bytes, limit 100000"},
			ids:      []string{"l1", "l3"},
			skipped:  map[Reason]int{TooLong: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := read(t, []string{tt.path}, Options{MaxRecordBytes: tt.max})
			assert.Equal(t, tt.problems, r.problems)
			if len(tt.ids) == 0 {
				assert.Empty(t, r.ids())
			} else {
				assert.Equal(t, tt.ids, r.ids())
			}
			assert.Equal(t, tt.skipped, r.stats.Skipped)
		})
	}
}

func TestReadAllBadTogether(t *testing.T) {
	// One run over the whole directory: the problems of every file, the
	// valid articles of every file, in sorted file order.
	r := read(t, []string{"testdata/bad"}, Options{})
	assert.Equal(t, []string{"d1", "d2", "7", "c1", "c4", "c5", "c8", "m1", "m3", "m7", "n1", "n5", "u1", "u3", "u4", "u5"}, r.ids())
	assert.Equal(t, 8, r.stats.Files)
	assert.Equal(t, map[Reason]int{Binary: 1, InvalidUTF8: 3, Empty: 4, MalformedJSON: 5, MalformedCSV: 4, DuplicateID: 2},
		r.stats.Skipped)
	assert.Equal(t, 19, r.stats.SkippedTotal())
}

// A record with a title and no text field is a headline alone, unless
// a field of another name holds a body: then it is skipped, the detail
// naming the field and the flag that reads it, and never read as its
// headline with the body lost.
func TestReadJSONBodyUnderAnotherName(t *testing.T) {
	body := strings.Repeat("The court ruled on the detention of immigrants awaiting deportation. ", 6) // 60 words
	summary := "The court ruled on the detention of immigrants awaiting deportation, handing the administration a victory."
	lines := []string{
		`{"id": "story", "headline": "Court rules", "story": "` + body + `", "section": "politics"}`,
		`{"id": "summary", "headline": "Court rules", "short_description": "` + summary + `", "category": "POLITICS"}`,
		`{"id": "schema", "headline": "Court rules", "articleBody": "` + body + `"}`,
		`{"id": "full", "title": "Court rules", "full_text": "` + body + `"}`,
		`{"id": "paras", "title": "Court rules", "paragraphs": ["` + body + `", "More."]}`,
	}
	dir := writeFiles(t, map[string]string{"a.jsonl": strings.Join(lines, "\n")})
	path := filepath.Join(dir, "a.jsonl")
	r := read(t, []string{path}, Options{})
	assert.Equal(t, []string{"summary", "schema", "full"}, r.ids())
	summ := r.byID(t, "summary")
	assert.Equal(t, "Court rules", summ.Title, "a headline and a summary: the headline alone")
	assert.Empty(t, summ.Text)
	assert.Equal(t, body, r.byID(t, "schema").Text)
	assert.Equal(t, []string{
		path + ":1: empty: no text field (looked for " + defaultFields.lookedFor(fieldText) + `), and the field "story" holds 60 words: read it with --field text=story`,
		path + ":5: empty: no text field (looked for " + defaultFields.lookedFor(fieldText) + `), and the field "paragraphs" holds 61 words: read it with --field text=paragraphs`,
	}, r.problems)

	fields, err := ParseFields([]string{"text=story"})
	require.NoError(t, err)
	r = read(t, []string{path}, Options{Fields: fields})
	assert.Equal(t, body, r.byID(t, "story").Text, "read with the flag the detail names")
}

func TestReadJSONFieldsAndAliases(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.jsonl": strings.Join([]string{
		`{"ID": 42, "Headline": "A &amp; B", "Authors": ["Jane Doe", {"name": "John Roe"}], "source": "Wire",` +
			` "date": "2025-11-19T10:30:00Z", "link": "https://example.org/a", "BODY": "\ufeffOne &amp; two.\r\nThree.\rFour."}`,
		`{"id": "b", "site": "Site", "published_at": "Nov. 19th, 2025", "author": "A. Writer", "content": ["Para one.", "Para two."]}`,
		`{"id": "c", "publisher": "Pub", "pubdate": 1763510400, "article": "Text c.", "url": "https://www.axios.com/2025/11/18/x"}`,
		`{"id": "d", "outlet_name": "O", "datetime": "Wed, 19 Nov 2025 08:00:00 GMT", "text": "Text d.", "body": "ignored"}`,
		`{"id": "e", "text": "Text e.", "link": "https://edition.cnn.com/x", "outlet": null, "title": true}`,
		// news-please's fields.
		`{"id": "f", "title": "F", "maintext": "Text f.", "date_publish": "2025-11-19 08:00:00", "source_domain": "example.org", "authors": ["A", "B"]}`,
	}, "\n")})
	r := read(t, []string{filepath.Join(dir, "a.jsonl")}, Options{})
	require.Equal(t, []string{"42", "b", "c", "d", "e", "f"}, r.ids())

	f := r.byID(t, "f")
	assert.Equal(t, "Text f.", f.Text)
	assert.Equal(t, "example.org", f.Outlet)
	assert.Equal(t, "A, B", f.Byline)
	assert.Equal(t, "2025-11-19", f.Published.Format(time.DateOnly))

	a := r.byID(t, "42")
	assert.Equal(t, "A & B", a.Title)
	assert.Equal(t, "Jane Doe, John Roe", a.Byline)
	assert.Equal(t, "Wire", a.Outlet)
	assert.Equal(t, time.Date(2025, 11, 19, 10, 30, 0, 0, time.UTC), a.Published)
	assert.Equal(t, "https://example.org/a", a.URL)
	assert.Equal(t, "One & two.\nThree.\nFour.", a.Text, "BOM stripped, entities decoded, line ends normalized")
	assert.Equal(t, filepath.Join(dir, "a.jsonl")+":1", a.Origin)

	b := r.byID(t, "b")
	assert.Equal(t, "Site", b.Outlet)
	assert.Equal(t, "A. Writer", b.Byline)
	assert.Equal(t, "2025-11-19", b.Published.Format(time.DateOnly))
	assert.Equal(t, "Para one.\n\nPara two.", b.Text, "a text array is paragraphs")

	c := r.byID(t, "c")
	assert.Equal(t, "Pub", c.Outlet)
	assert.Equal(t, "Text c.", c.Text)
	assert.Equal(t, time.Unix(1763510400, 0).UTC(), c.Published)

	d := r.byID(t, "d")
	assert.Equal(t, "O", d.Outlet)
	assert.Equal(t, "Text d.", d.Text, "the canonical name wins over an alias")
	assert.Equal(t, time.Date(2025, 11, 19, 8, 0, 0, 0, time.UTC), d.Published.UTC())

	e := r.byID(t, "e")
	assert.Equal(t, "CNN", e.Outlet, "outlet from a known domain when the record has none")
	assert.Equal(t, "true", e.Title)
}

func TestReadFieldOverrides(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.jsonl": `{"Key": "k1", "story": "The story text.", "text": "not this", "paper": "P"}` + "\n" +
			`{"key": "k2", "text": "only the default field"}` + "\n",
		"b.csv": "key,story,paper\nk3,Row text.,Q\n",
	})
	fields, err := ParseFields([]string{"text=story", "ID=key,outlet=Paper"})
	require.NoError(t, err)
	r := read(t, []string{dir}, Options{Fields: fields})
	assert.Equal(t, []string{"k1", "k3"}, r.ids())
	assert.Equal(t, "The story text.", r.byID(t, "k1").Text)
	assert.Equal(t, "P", r.byID(t, "k1").Outlet)
	assert.Equal(t, "Q", r.byID(t, "k3").Outlet)
	assert.Equal(t, []string{filepath.Join(dir, "a.jsonl") + ":2: empty: no text field (looked for story)"}, r.problems,
		"an override replaces the default names")
}

func TestReadIDRules(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"top.txt":            "Top article.",
		"sub/deeper/x.md":    "Markdown article.",
		"sub/y.TXT":          "Upper-case extension.",
		"sub/records.jsonl":  `{"text": "No id here."}` + "\n\n" + `{"id": "own", "text": "Own id."}` + "\n" + `{"text": "No id either."}`,
		"sub/rows.csv":       "title,text\nT,No id in the row.\n",
		"sub/array.json":     `[{"text": "first"},` + "\n" + `{"id": "j2", "text": "second"}]`,
		"000_seed-like.txt":  "Seed-like name.",
		".hidden.txt":        "Hidden file.",
		".git/config.txt":    "Hidden directory.",
		"sub/.cache/z.jsonl": `{"text": "hidden"}`,
	})
	r := read(t, []string{dir}, Options{})
	assert.Equal(t, []string{
		"000_seed-like",
		"array:1", "j2",
		"sub/deeper/x",
		"records:1", "own", "records:4",
		"rows:2",
		"sub/y",
		"top",
	}, r.ids(), "lexical walk order, hidden entries skipped; text files by relative path, records by base:line")
	assert.Empty(t, r.problems)

	// A single file argument is named by its base name.
	r = read(t, []string{filepath.Join(dir, "sub", "deeper", "x.md")}, Options{})
	assert.Equal(t, []string{"x"}, r.ids())
	r = read(t, []string{"../testdata/seeds/000_4bd703d3e122696c.txt"}, Options{})
	assert.Equal(t, []string{"000_4bd703d3e122696c"}, r.ids())
}

// Exclude passes over a file in a walk (the gold file beside the
// articles), whatever path names it, but not one named as a path.
func TestReadExclude(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.txt":     "First article.",
		"gold.tsv":  "a\t1\n",
		"notes.tsv": "not articles",
		"sub/b.txt": "Second article.",
	})
	wd, err := os.Getwd()
	require.NoError(t, err)
	rel, err := filepath.Rel(wd, filepath.Join(dir, "gold.tsv"))
	require.NoError(t, err)
	tests := []struct {
		name     string
		paths    []string
		exclude  []string
		ids      []string
		problems int
	}{
		{"nothing excluded", []string{dir}, nil, []string{"a", "sub/b"}, 2},
		{"the gold file, by a relative path", []string{dir}, []string{rel}, []string{"a", "sub/b"}, 1},
		{"an article file", []string{dir}, []string{filepath.Join(dir, "sub", "b.txt")}, []string{"a"}, 2},
		{"a missing file", []string{dir}, []string{filepath.Join(dir, "nope.tsv")}, []string{"a", "sub/b"}, 2},
		{"named as a path, still read", []string{filepath.Join(dir, "a.txt")}, []string{filepath.Join(dir, "a.txt")}, []string{"a"}, 0},
		{"a directory", []string{dir}, []string{filepath.Join(dir, "sub")}, []string{"a"}, 2},
		{"the directory named itself, still read", []string{dir}, []string{dir}, []string{"a", "sub/b"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := read(t, tt.paths, Options{Exclude: tt.exclude})
			assert.Equal(t, tt.ids, r.ids())
			assert.Len(t, r.problems, tt.problems, "%q", r.problems)
		})
	}
}

func TestReadStdin(t *testing.T) {
	in := strings.NewReader(`{"text": "From standard input."}` + "\n" + `{"id": "s2", "text": "Second."}` + "\n" + "{bad\n")
	r := read(t, []string{"-"}, Options{Stdin: in})
	assert.Equal(t, []string{ContentID(&r.articles[0]), "s2"}, r.ids())
	assert.Regexp(t, `^stdin:[0-9a-f]{16}$`, r.articles[0].ID)
	assert.Equal(t, "-:1", r.articles[0].Origin)
	assert.Equal(t, []string{"-:3: malformed-json: invalid character 'b' looking for beginning of object key string"}, r.problems)
	assert.Equal(t, 1, r.stats.Files)

	r = read(t, []string{"-"}, Options{})
	assert.Equal(t, []string{"-: unreadable: no standard input given"}, r.problems)

	// With StdinText, input that does not start with '{' is one text
	// (named by its content: want nil).
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"\n \t{\"id\": \"j\", \"text\": \"JSON lines.\"}\n", []string{"j"}},
		{"A plain article.\nIts second line.\n", nil},
		{"\ufeffA text with a byte order mark.", nil},
		{"[1, 2]", nil},
		{"\n<!DOCTYPE html><html><head><title>T</title></head><body><article><p>A page piped in.</p></article></body></html>", nil},
		{"<rss><channel><title>F</title><item><guid>i1</guid><title>One</title></item><item><guid>i2</guid><title>Two</title></item></channel></rss>", []string{"i1", "i2"}},
		{" \n ", []string{}},
	} {
		r = read(t, []string{"-"}, Options{Stdin: strings.NewReader(tt.in), StdinText: true})
		if tt.want == nil {
			require.Len(t, r.articles, 1, "%q", tt.in)
			tt.want = []string{ContentID(&r.articles[0])}
		}
		assert.Equal(t, tt.want, r.ids(), "%q", tt.in)
	}
	r = read(t, []string{"-"}, Options{Stdin: strings.NewReader("<html><body><p>Piped <b>page</b>.</p></body></html>"), StdinText: true})
	require.Len(t, r.articles, 1)
	assert.Equal(t, "Piped page.", r.articles[0].Text, "a page piped in is read as a page")
	r = read(t, []string{"-"}, Options{Stdin: strings.NewReader(strings.Repeat(" ", 70000) + "Late text."), StdinText: true})
	assert.Equal(t, []string{"-:1: malformed-json: invalid character 'L' looking for beginning of value"}, r.problems, "white space past the buffer reads as JSON lines")

	// A saved email message piped in is read as one; a text that opens
	// with "From:" and no address, or no header after it, stays a text.
	msg, err := os.ReadFile(filepath.Join("testdata", "email", "press-release.eml"))
	require.NoError(t, err)
	r = read(t, []string{"-"}, Options{Stdin: bytes.NewReader(msg), StdinText: true})
	require.Equal(t, []string{"pr-2025-11-18@portofrotterdam.com"}, r.ids(), "named by its Message-ID")
	assert.Equal(t, "Port of Rotterdam Press Office", r.articles[0].Outlet)
	assert.True(t, strings.HasPrefix(r.articles[0].Text, "Dock workers walked off the job"), r.articles[0].Text)
	r = read(t, []string{"-"}, Options{Stdin: strings.NewReader("Received: from mx.example by host\r\nFrom: a@b.example\r\nSubject: S\r\n\r\nBody text.\r\n"), StdinText: true})
	require.Len(t, r.articles, 1)
	assert.Equal(t, "Body text.\n", r.articles[0].Text)
	assert.Equal(t, ContentID(&r.articles[0]), r.articles[0].ID, "no Message-ID: named by its content")
	for _, in := range []string{"From: the editor's desk\nA letter to readers.\n", "From: ed@paper.example\n\nA letter to readers.\n"} {
		r = read(t, []string{"-"}, Options{Stdin: strings.NewReader(in), StdinText: true})
		require.Len(t, r.articles, 1)
		assert.Equal(t, in, r.articles[0].Text, "a text")
	}
}

// An article on standard input without an id is named by its content:
// the same in every batch and order, different for different articles;
// a page by its canonical URL.
func TestStdinIDs(t *testing.T) {
	ids := func(in string, text bool) []string {
		t.Helper()
		r := read(t, []string{"-"}, Options{Stdin: strings.NewReader(in), StdinText: text})
		require.Empty(t, r.problems)
		return r.ids()
	}
	a := `{"title":"Monday","text":"Markets fell sharply on Monday."}` + "\n"
	b := `{"title":"Tuesday","text":"A storm closed schools on Tuesday."}` + "\n"
	one, two := ids(a, false), ids(b, false)
	require.Len(t, one, 1)
	require.Len(t, two, 1)
	assert.NotEqual(t, one, two, "a second batch does not take the first's IDs")
	assert.Equal(t, append(two, one...), ids(b+"\n"+a, false), "nor does the order or the line")
	for _, other := range []string{
		`{"title":"Monday","text":"Markets fell sharply on Monday!"}`,
		`{"title":"Monday","text":"Markets fell sharply on Monday.","outlet":"Wire"}`,
		`{"title":"Monday","text":"Markets fell sharply on Monday.","published":"2025-11-18"}`,
		`{"title":"Monday","text":"Markets fell sharply on Monday.","url":"https://example.com/m"}`,
		`{"title":"Monday","text":"Markets fell sharply on Monday.","byline":"A. Writer"}`,
		`{"title":"Mon","text":"dayMarkets fell sharply on Monday."}`,
	} {
		assert.NotEqual(t, one, ids(other+"\n", false), other)
	}
	assert.Equal(t, ids("Plain text piped in.\n", true), ids("Plain text piped in.\n", true))
	assert.NotEqual(t, ids("Plain text piped in.\n", true), ids("Other text piped in.\n", true))

	page := func(head string) string {
		return "<!DOCTYPE html><html><head><title>T</title>" + head + "</head><body><article><p>A page piped in.</p></article></body></html>"
	}
	assert.Equal(t, []string{"https://example.com/a"}, ids(page(`<link rel="canonical" href="https://example.com/a">`), true))
	assert.Equal(t, []string{"https://example.com/og"}, ids(page(`<meta property="og:url" content="https://example.com/og">`), true))
	assert.Regexp(t, `^stdin:[0-9a-f]{16}$`, ids(page(""), true)[0], "no address")

	// The publication time counts by its instant and offset, not by the
	// name of its zone, which depends on the process's time zone.
	at := func(loc *time.Location) string {
		return ContentID(&Article{Text: "x", Published: time.Date(2024, 3, 1, 10, 0, 0, 0, loc)})
	}
	assert.Equal(t, at(time.FixedZone("", 3600)), at(time.FixedZone("CET", 3600)))
	assert.NotEqual(t, at(time.FixedZone("", 3600)), at(time.FixedZone("", 7200)))
	assert.NotEqual(t, at(time.UTC), at(NoZone), "a time without a zone is not UTC")

	// A file's records are named by file and line as before.
	dir := writeFiles(t, map[string]string{"f.jsonl": a})
	assert.Equal(t, []string{"f:1"}, read(t, []string{filepath.Join(dir, "f.jsonl")}, Options{}).ids())
}

func TestReadJSONFile(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"one.json":    "\ufeff" + `{"id": "single", "text": "A single object."}`,
		"many.json":   "[\n" + `{"id": "a1", "text": "First."},` + "\n" + `"not an object",` + "\n" + `{"id": "a3", "text": "Third."}` + "\n]",
		"broken.json": "[\n" + `{"id": "b1", "text": "Kept."},` + "\n" + `{"id": "b2", "text": }` + "\n]",
	})
	r := read(t, []string{dir}, Options{})
	assert.Equal(t, []string{"b1", "a1", "a3", "single"}, r.ids())
	assert.Equal(t, []string{
		filepath.Join(dir, "broken.json") + ":3: malformed-json: invalid character '}' looking for beginning of value; rest of file skipped",
		filepath.Join(dir, "many.json") + ":3: malformed-json: a JSON string, want an object",
	}, r.problems)
}

func TestReadCSV(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.csv":      "\ufeffHeadline,Body,Source,Date\r\nH1,\"Line one.\r\nLine two.\",S1,2025-11-19\r\n",
		"notext.csv": "id,cluster\nx,1\n",
		"empty.csv":  "",
	})
	r := read(t, []string{dir}, Options{})
	require.Equal(t, []string{"a:2"}, r.ids())
	a := r.articles[0]
	assert.Equal(t, "H1", a.Title)
	assert.Equal(t, "S1", a.Outlet)
	assert.Equal(t, "Line one.\nLine two.", a.Text)
	assert.Equal(t, "2025-11-19", a.Published.Format(time.DateOnly))
	assert.Equal(t, []string{
		filepath.Join(dir, "empty.csv") + ":1: empty: no header row",
		filepath.Join(dir, "notext.csv") + ":1: not-articles: a table with the columns id, cluster: no text or title (looked for text, body, content, content_html, content_text, article, maintext, article_body, article_text, body_text, full_text, body_html, bodies, body_nitf)",
	}, r.problems)
	r = read(t, []string{filepath.Join(dir, "notext.csv")}, Options{})
	assert.Equal(t, []string{
		filepath.Join(dir, "notext.csv") + ":1: malformed-csv: header has no text column (looked for text, body, content, content_html, content_text, article, maintext, article_body, article_text, body_text, full_text, body_html, bodies, body_nitf)",
	}, r.problems, "a file named as a path is read as articles")
}

// TestReadTSV: a tab-separated table of articles is read as CSV is, its
// fields separated by tabs and quoted as spreadsheets and pandas quote
// them; in a directory walk, one without a text column (a gold grouping,
// the groups dedup writes) is not articles.
func TestReadTSV(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.tsv": "\ufeffid\ttitle\ttext\toutlet\r\n" +
			"t1\tPlain\tA plain row.\tWire\r\n" +
			"t2\tQuoted\t\"A tab\there, \"\"quotes\"\" and\nA second line.\"\tWire\r\n" +
			"t3\tShort\tNo outlet column\r\n" +
			"t4\tOpen\t\"We feel\" he said.\tWire\r\n" +
			"t5\tLast\tThe last row.\tWire\r\n",
		"groups.tsv": "id\tgroup\tgroup_size\tcopy\trewrite\tstory\toutlet\tpublished\ttitle\nt1\tr:t1\t1\tc:t1\tr:t1\ts:t1\tWire\t\tPlain\n",
		"gold.tab":   "id\tcluster\nt1\t1\n",
	})
	r := read(t, []string{dir}, Options{})
	require.Equal(t, []string{"t1", "t2", "t5"}, r.ids())
	assert.Equal(t, "A plain row.", r.articles[0].Text)
	assert.Equal(t, "Wire", r.articles[0].Outlet)
	assert.Equal(t, "A tab\there, \"quotes\" and\nA second line.", r.articles[1].Text)
	assert.Equal(t, filepath.Join(dir, "a.tsv")+":7", r.articles[2].Origin)
	assert.Equal(t, []string{
		filepath.Join(dir, "a.tsv") + ":5: malformed-csv: wrong number of fields",
		filepath.Join(dir, "a.tsv") + `:6: malformed-csv: column 17: extraneous or missing " in quoted-field`,
		filepath.Join(dir, "gold.tab") + ":1: not-articles: a tab-separated table with the columns id, cluster: no text column (looked for text, body, content, content_html, content_text, article, maintext, article_body, article_text, body_text, full_text, body_html, bodies, body_nitf)",
		filepath.Join(dir, "groups.tsv") + ":1: not-articles: a tab-separated table with the columns id, group, group_size, copy, rewrite, story, outlet, published, title: no text column (looked for text, body, content, content_html, content_text, article, maintext, article_body, article_text, body_text, full_text, body_html, bodies, body_nitf)",
	}, r.problems)
	r = read(t, []string{filepath.Join(dir, "groups.tsv")}, Options{})
	assert.Equal(t, []string{
		filepath.Join(dir, "groups.tsv") + ":1: malformed-csv: header has no text column (looked for text, body, content, content_html, content_text, article, maintext, article_body, article_text, body_text, full_text, body_html, bodies, body_nitf)",
	}, r.problems, "a file named as a path is read as articles")
}

// Files in a directory that hold something else than articles are
// recognised by the fields of their first record (or their header) and
// skipped whole, with one report each; the same files named as paths are
// read as asked.
func TestReadNotArticles(t *testing.T) {
	spans := `{"id": "a1", "start": 81, "end": 87, "text": "fierce", "bias": "lex", "quote": "no"}` + "\n" +
		`{"id": "a1", "start": 90, "end": 99, "text": "who was", "bias": "inf", "quote": "yes"}` + "\n"
	dir := writeFiles(t, map[string]string{
		"articles.jsonl": `{"id": "a1", "title": "T", "text": "An article that spans point into."}` + "\n",
		"spans.jsonl":    spans,
		"gold.tsv":       "id\tcluster\na1\t1\n",
		"gold.jsonl":     `{"id": "a1", "cluster": 1}` + "\n" + `{"id": "a2", "cluster": 1}` + "\n",
		"spans.json":     "[" + strings.ReplaceAll(strings.TrimSpace(spans), "\n", ",") + "]",
		// Offsets beside article metadata: an article after all.
		"marked.jsonl": `{"id": "m1", "start": 0, "end": 4, "outlet": "Wire", "text": "An article with offsets."}` + "\n",
		// The first record decides: a later record without text is one skip.
		"later.jsonl": `{"id": "l1", "text": "An article."}` + "\n" + `{"id": "l2", "cluster": 1}` + "\n",
	})
	r := read(t, []string{dir}, Options{})
	assert.Equal(t, []string{"a1", "l1", "m1"}, r.ids())
	assert.Equal(t, []string{
		filepath.Join(dir, "gold.jsonl") + ":1: not-articles: records with the fields cluster, id: no text or title (looked for text, body, content, content_html, content_text, article, maintext, article_body, article_text, body_text, full_text, body_html, bodies, body_nitf); file skipped",
		filepath.Join(dir, "gold.tsv") + ":1: not-articles: a tab-separated table with the columns id, cluster: no text column (looked for text, body, content, content_html, content_text, article, maintext, article_body, article_text, body_text, full_text, body_html, bodies, body_nitf)",
		filepath.Join(dir, "later.jsonl") + ":2: empty: no text field (looked for text, body, content, content_html, content_text, article, maintext, article_body, article_text, body_text, full_text, body_html, bodies, body_nitf)",
		filepath.Join(dir, "spans.json") + ":1: not-articles: records with the fields bias, end, id, quote, start, text: character offsets (start, end) and no article metadata, as annotations of text spans have; file skipped",
		filepath.Join(dir, "spans.jsonl") + ":1: not-articles: records with the fields bias, end, id, quote, start, text: character offsets (start, end) and no article metadata, as annotations of text spans have; file skipped",
	}, r.problems)
	assert.Equal(t, map[Reason]int{NotArticles: 4, Empty: 1}, r.stats.Skipped)

	r = read(t, []string{filepath.Join(dir, "spans.jsonl")}, Options{})
	assert.Equal(t, []string{"a1"}, r.ids(), "named as a path, the file is read as articles")
	assert.Equal(t, map[Reason]int{DuplicateID: 1}, r.stats.Skipped)
}

func TestReadMarkdownFrontMatter(t *testing.T) {
	dir := writeFiles(t, map[string]string{"post.md": "---\ntitle: \"Front title\"\nsource: Blog\ndate: 2025-11-18\nauthors:\n  - Jane Doe\n  - John Roe\n---\n# Heading title\n\nBy Someone Else\n\nThe body of the post.\n\nShare this article\n"})
	r := read(t, []string{filepath.Join(dir, "post.md")}, Options{})
	require.Len(t, r.articles, 1)
	a := r.articles[0]
	assert.Equal(t, "post", a.ID)
	assert.Equal(t, "Front title", a.Title, "front matter comes first")
	assert.Equal(t, "Blog", a.Outlet)
	assert.Equal(t, "Jane Doe, John Roe", a.Byline)
	assert.Equal(t, "2025-11-18", a.Published.Format(time.DateOnly))
	assert.Equal(t, "Heading title\n\nThe body of the post.", bodyText(a))
}

func TestReadCallbackError(t *testing.T) {
	stop := errors.New("stop here")
	n := 0
	stats, err := Read([]string{"testdata/bad/dup-ids.jsonl", "testdata/bad/malformed.jsonl"}, Options{}, func(a Article) error {
		if n++; n == 2 {
			return stop
		}
		return nil
	})
	require.ErrorIs(t, err, stop)
	assert.Equal(t, "corpus: testdata/bad/dup-ids.jsonl:2: stop here", err.Error())
	assert.Equal(t, 2, stats.Read)
	assert.Equal(t, 1, stats.Files)
}

func TestReadNilCallback(t *testing.T) {
	stats, err := Read([]string{"../testdata/seeds"}, Options{}, nil)
	require.NoError(t, err)
	assert.Equal(t, Stats{Files: 5, Read: 5, Skipped: map[Reason]int{}}, stats)
}

func TestProblemError(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{"a.jsonl", 3, MalformedJSON, "unexpected end"}, "a.jsonl:3: malformed-json: unexpected end"},
		{Problem{"dir/x.txt", 0, Unreadable, "permission denied"}, "dir/x.txt: unreadable: permission denied"},
		{Problem{"-", 1, Empty, ""}, "-:1: empty"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.p.Error(), "Problem%+v.Error()", tt.p)
	}
	assert.Equal(t, 0, Stats{}.SkippedTotal())
	assert.Equal(t, 5, Stats{Skipped: map[Reason]int{Empty: 2, TooLong: 3}}.SkippedTotal())
}

func TestParseFields(t *testing.T) {
	tests := []struct {
		specs   []string
		want    map[string]string
		wantErr string
	}{
		{nil, map[string]string{}, ""},
		{[]string{"text=body"}, map[string]string{"text": "body"}, ""},
		{[]string{"Text = Story ", "id=Key,outlet=paper"}, map[string]string{"text": "story", "id": "key", "outlet": "paper"}, ""},
		{[]string{"text=body", "text=body"}, map[string]string{"text": "body"}, ""},
		{[]string{"text"}, nil, `corpus: bad field spec "text": want canonical=input, e.g. text=body`},
		{[]string{"text="}, nil, `corpus: bad field spec "text=": want canonical=input, e.g. text=body`},
		{[]string{"=body"}, nil, `corpus: bad field spec "=body": want canonical=input, e.g. text=body`},
		{[]string{"body=text"}, nil, `corpus: bad field spec "body=text": unknown field "body", want one of id, outlet, title, byline, published, url, text`},
		{[]string{"text=a", "text=b"}, nil, `corpus: bad field spec "text=b": field "text" already read from "a"`},
	}
	for _, tt := range tests {
		got, err := ParseFields(tt.specs)
		if tt.wantErr != "" {
			require.Error(t, err, "ParseFields(%q)", tt.specs)
			assert.Equal(t, tt.wantErr, err.Error(), "ParseFields(%q)", tt.specs)
			assert.ErrorIs(t, err, ErrFieldSpec)
			continue
		}
		require.NoError(t, err, "ParseFields(%q)", tt.specs)
		assert.Equal(t, tt.want, got, "ParseFields(%q)", tt.specs)
	}
}

// bodyText joins the body spans of a with blank lines.
func bodyText(a Article) string {
	var parts []string
	for _, s := range a.Body() {
		if p := strings.TrimSpace(a.Text[s.Start:s.End]); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "\n\n")
}

func TestReadLinksAndEncodings(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"data/a.txt":       "An article.",
		"data/utf16.txt":   "\xff\xfeA\x00b\x00",
		"data/utf16.jsonl": "\xfe\xff\x00{",
		"data/utf16.csv":   "\xff\xfe\x00\x00",
	})
	require.NoError(t, os.Symlink(filepath.Join(dir, "data"), filepath.Join(dir, "link")))
	require.NoError(t, os.Symlink(filepath.Join(dir, "data"), filepath.Join(dir, "data", "loop")))
	require.NoError(t, os.Symlink(filepath.Join(dir, "data", "a.txt"), filepath.Join(dir, "data", "b.txt")))

	// A named link to a directory is walked; links inside it to files are
	// read, links to directories are not followed. A UTF-16 byte order
	// mark makes the file UTF-16.
	r := read(t, []string{filepath.Join(dir, "link")}, Options{})
	assert.Equal(t, []string{"a", "b", "utf16"}, r.ids())
	assert.Equal(t, "Ab", r.byID(t, "utf16").Text)
	link := filepath.Join(dir, "link")
	assert.Equal(t, []string{
		link + "/loop: unsupported: symbolic link to a directory, not followed",
		link + "/utf16.csv:1: binary: NUL bytes",
		link + "/utf16.jsonl:1: malformed-json: unexpected end of JSON input",
	}, r.problems)
}

// TestReadDuplicateIDsOrderFree checks that which record is kept for a
// duplicated ID depends on the records, not on the order of the lines or
// of the paths: every permutation keeps the same articles.
func TestReadDuplicateIDsOrderFree(t *testing.T) {
	lines := []string{
		`{"id": "date", "published": "2025-11-18", "text": "The first version, longer than the update."}`,
		`{"id": "date", "published": "2025-11-19", "text": "The update."}`, // later published wins
		`{"id": "len", "text": "Short."}`,
		`{"id": "len", "text": "Short, then longer."}`, // longer wins
		`{"id": "hash", "text": "Same length A."}`,
		`{"id": "hash", "text": "Same length B."}`, // one of the two, always the same
		`{"id": "same", "text": "Identical."}`,
		`{"id": "same", "text": "Identical."}`, // the earlier line
		`{"id": "solo", "text": "Alone."}`,
	}
	other := `{"id": "same", "text": "Identical."}` + "\n" + `{"id": "len", "text": "Short."}` + "\n"
	type kept struct{ text, origin string }
	keep := func(order []int, otherFirst bool) map[string]kept {
		var b strings.Builder
		for _, i := range order {
			b.WriteString(lines[i] + "\n")
		}
		dir := writeFiles(t, map[string]string{"a.jsonl": b.String(), "b.jsonl": other})
		paths := []string{filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl")}
		if otherFirst {
			paths[0], paths[1] = paths[1], paths[0]
		}
		r := read(t, paths, Options{})
		assert.Equal(t, 5, r.stats.Read)
		assert.Equal(t, map[Reason]int{DuplicateID: 6}, r.stats.Skipped)
		got := map[string]kept{}
		for _, a := range r.articles {
			k := kept{text: a.Text}
			if a.ID == "same" {
				// The same content: the first path, then the first line
				// there, so the kept origin is a.jsonl at the earlier of
				// its two lines.
				k.origin = a.Origin
			}
			got[a.ID] = k
		}
		return got
	}
	identity := []int{0, 1, 2, 3, 4, 5, 6, 7, 8}
	want := keep(identity, false)
	assert.Equal(t, "The update.", want["date"].text)
	assert.Equal(t, "Short, then longer.", want["len"].text)
	assert.Contains(t, []string{"Same length A.", "Same length B."}, want["hash"].text)
	assert.True(t, strings.HasSuffix(want["same"].origin, "a.jsonl:7"), want["same"].origin)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		order := slices.Clone(identity)
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		got := keep(order, rng.IntN(2) == 0)
		for id, w := range want {
			if id == "same" {
				// Lines moved: compare where, among the two lines, it was kept.
				pos := slices.Index(order, 6)
				if p7 := slices.Index(order, 7); p7 < pos {
					pos = p7
				}
				assert.True(t, strings.HasSuffix(got[id].origin, "a.jsonl:"+strconv.Itoa(pos+1)), "order %v: kept %s", order, got[id].origin)
				continue
			}
			assert.Equal(t, w.text, got[id].text, "order %v, id %s", order, id)
		}
	}
}

// TestReadFileMatchesRead: one file read from a reader, seekable or not,
// gives the articles and problems Read gives for it.
func TestReadFileMatchesRead(t *testing.T) {
	const csvText = "id,text\nu1,first\nu2,\"open quote\nu3,third\nu4,fourth\n"
	for _, tc := range []struct{ name, text string }{
		{"a.csv", csvText},
		{"a.jsonl", "{\"id\":\"j1\",\"text\":\"one\"}\nnot json\n{\"text\":\"no id\"}\n{\"id\":\"j1\",\"text\":\"one, longer\"}\n"},
		{"story.txt", "A text file's article.\n"},
	} {
		path := filepath.Join(t.TempDir(), tc.name)
		require.NoError(t, os.WriteFile(path, []byte(tc.text), 0o644))
		collect := func(read func(Options, func(Article) error) (Stats, error)) ([]string, []string, Stats) {
			var ids, probs []string
			st, err := read(Options{OnProblem: func(p Problem) { probs = append(probs, p.Error()) }}, func(a Article) error {
				ids = append(ids, a.ID+"@"+a.Origin)
				return nil
			})
			require.NoError(t, err)
			return ids, probs, st
		}
		wantIDs, wantProbs, wantStats := collect(func(o Options, fn func(Article) error) (Stats, error) { return Read([]string{path}, o, fn) })
		for _, rd := range []struct {
			name string
			r    func() io.Reader
		}{
			{"seekable", func() io.Reader { return strings.NewReader(tc.text) }},
			{"stream", func() io.Reader { return io.MultiReader(strings.NewReader(tc.text)) }},
		} {
			ids, probs, st := collect(func(o Options, fn func(Article) error) (Stats, error) { return ReadFile(path, "", rd.r(), o, fn) })
			assert.Equal(t, wantIDs, ids, "%s %s", tc.name, rd.name)
			assert.Equal(t, wantProbs, probs, "%s %s", tc.name, rd.name)
			assert.Equal(t, wantStats, st, "%s %s", tc.name, rd.name)
		}
	}
}

// TestPreferred: the record Read keeps for a duplicated ID is the one
// Preferred picks, whichever order the two come in.
func TestPreferred(t *testing.T) {
	old := Article{ID: "x", Text: "short", Origin: "a.jsonl:1"}
	long := Article{ID: "x", Text: "longer text", Origin: "b.jsonl:7"}
	dated := Article{ID: "x", Text: "short", Published: time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC), Origin: "a.jsonl:9"}
	same := Article{ID: "x", Text: "short", Origin: "a.jsonl:4"}
	for _, tc := range []struct {
		a, b Article
		want bool
	}{
		{long, old, true}, {old, long, false},
		{dated, long, true}, {long, dated, false},
		{old, same, true}, {same, old, false},
	} {
		_, got := Preferred(&tc.a, &tc.b)
		assert.Equal(t, tc.want, got, "%s over %s", tc.a.Origin, tc.b.Origin)
	}
	p := DuplicateProblem(&old, &long, "the longer")
	assert.Equal(t, "a.jsonl:1: duplicate-id: id \"x\" also at b.jsonl:7, which is kept (the longer)", p.Error())
}

// TestReadUnreadDate: a publication value that is not a date (in a JSON
// line, a CSV row or front matter) keeps its record, without a time, and
// is reported once with its file, line and value and counted apart from
// the skips; a blank or missing value says nothing.
func TestReadUnreadDate(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.jsonl": `{"id":"j1","published":"2025-11-18T24:28:00Z","text":"The council approved the budget."}` + "\n" +
			`{"id":"j2","published":"2025-11-18T10:00:00Z","text":"The mayor opened the bridge."}` + "\n" +
			`{"id":"j3","published":"  ","text":"The ferry runs again."}` + "\n" +
			`{"id":"j4","text":"The school reopened."}` + "\n" +
			`{"id":"j5","published":{"d":1},"text":"The museum reopened."}` + "\n",
		"b.csv": "id,published,text\nc1,not a date,The harbor closed for the storm.\n",
		"c.md":  "---\ntitle: Post\ndate: 2025-02-31\n---\nThe library extended its hours.\n",
	})
	var notes []string
	r := read(t, []string{dir}, Options{OnUnreadDate: func(p Problem) { notes = append(notes, p.Error()) }})
	assert.Equal(t, []string{"c", "c1", "j1", "j2", "j3", "j4", "j5"}, slices.Sorted(slices.Values(r.ids())), "every record kept")
	assert.Empty(t, r.problems, "nothing skipped")
	for _, id := range []string{"j1", "c1", "c", "j5"} {
		assert.True(t, r.byID(t, id).Published.IsZero(), id)
	}
	assert.False(t, r.byID(t, "j2").Published.IsZero())
	assert.Equal(t, 4, r.stats.UnreadDates)
	require.Len(t, notes, 4)
	assert.Contains(t, notes, filepath.Join(dir, "a.jsonl")+`:5: unread-date: published an object with none of the members `+strings.Join(textMembers, ", ")+` is not a date wirediff reads; the record is kept without a publication time`)
	assert.Contains(t, notes, filepath.Join(dir, "a.jsonl")+`:1: unread-date: published "2025-11-18T24:28:00Z" is not a date wirediff reads; the record is kept without a publication time`)
	assert.Contains(t, notes, filepath.Join(dir, "b.csv")+`:2: unread-date: published "not a date" is not a date wirediff reads; the record is kept without a publication time`)
	assert.Contains(t, notes, filepath.Join(dir, "c.md")+`:1: unread-date: published "2025-02-31" is not a date wirediff reads; the record is kept without a publication time`)
}

// TestReadFieldNamesFold: field names match whatever their case and the
// spaces, hyphens and underscores between their words (a spreadsheet's
// "Published Date", schema.org's datePublished, "Article-Text"), in
// headers, JSON keys, paths and --field; a store's own fields, with a
// leading underscore, are not the article's.
func TestReadFieldNamesFold(t *testing.T) {
	body := "The council approved the budget on Monday after a long debate over schools."
	dir := writeFiles(t, map[string]string{
		"a.csv":   "ID,Headline,Article Text,Published Date\nc1,Budget passes,\"" + body + "\",2025-11-18\n",
		"b.jsonl": `{"identifier":"x","headline":"Budget","datePublished":"2025-11-19","articleBody":"` + body + `","_source":"crawler","_id":"abc"}` + "\n",
		"c.jsonl": `{"ID":"j1","Full-Text":"` + body + `","publish_date":"2025-11-20","meta":{"Source_Name":"Daily Planet"}}` + "\n",
	})
	r := read(t, []string{dir}, Options{Fields: map[string]string{"outlet": "meta.source name"}})
	assert.Empty(t, r.problems)
	c1 := r.byID(t, "c1")
	assert.Equal(t, "Budget passes", c1.Title)
	assert.Equal(t, "2025-11-18", FormatDate(c1.Published))
	assert.Contains(t, c1.Text, "approved the budget")
	b := r.byID(t, "b:1")
	assert.Equal(t, "2025-11-19", FormatDate(b.Published))
	assert.Empty(t, b.Outlet, "_source is the store's, not the outlet")
	j := r.byID(t, "j1")
	assert.Equal(t, "2025-11-20", FormatDate(j.Published))
	assert.Equal(t, "Daily Planet", j.Outlet)
	assert.Contains(t, j.Text, "approved the budget")
	assert.Equal(t, "publisheddate", foldKey(" Published_Date "))
	assert.Equal(t, "_source.bodytext", foldKey("_source.body-Text"))
}

// TestReadUnmappedDate: a record with no publication field and a field of
// another name that holds a date is kept without a time, reported with the
// flag that reads it and counted; a field of another time (an update, a
// crawl) or a value that is no date says nothing, and neither does a
// blank publication field.
func TestReadUnmappedDate(t *testing.T) {
	body := "The council approved the budget on Monday after a long debate over schools."
	dir := writeFiles(t, map[string]string{
		"a.csv": "id,Date of publication,text\nc1,2025-11-18,\"" + body + "\"\n",
		"b.jsonl": `{"id":"j1","crawl_time":"2025-11-20T10:00:00Z","text":"` + body + `"}` + "\n" +
			`{"id":"j2","crawl_time":"2025-11-20T10:00:00Z","timestamp":"1763458200","text":"` + body + ` Again."}` + "\n" +
			`{"id":"j3","date":"","timestamp":"1763458200","text":"` + body + ` Once more."}` + "\n" +
			`{"id":"j4","posted_by":"Jane Doe","text":"` + body + ` And again."}` + "\n" +
			`{"id":"j5","edition_date":"2025-11-21","weekend_edition":"2025-11-22","text":"` + body + ` Still again."}` + "\n",
	})
	var notes []string
	r := read(t, []string{dir}, Options{OnUnreadDate: func(p Problem) { notes = append(notes, p.Error()) }})
	assert.Len(t, r.articles, 6)
	for _, a := range r.articles {
		assert.True(t, a.Published.IsZero(), a.ID)
	}
	looked := defaultFields.lookedFor(fieldPublished)
	assert.Equal(t, []string{
		filepath.Join(dir, "a.csv") + `:2: unread-date: no publication field (looked for ` + looked + `), and the field "Date of publication" holds the date "2025-11-18": read it with --field "published=Date of publication"; the record is kept without a publication time`,
		filepath.Join(dir, "b.jsonl") + `:2: unread-date: no publication field (looked for ` + looked + `), and the field "timestamp" holds the date "1763458200": read it with --field published=timestamp; the record is kept without a publication time`,
		filepath.Join(dir, "b.jsonl") + `:5: unread-date: no publication field (looked for ` + looked + `), and the field "editiondate" holds the date "2025-11-21": read it with --field published=editiondate; the record is kept without a publication time`,
	}, notes)
	assert.Equal(t, 3, r.stats.UnreadDates)

	r = read(t, []string{dir}, Options{Fields: map[string]string{"published": "Date of Publication"}})
	assert.Equal(t, "2025-11-18", FormatDate(r.byID(t, "c1").Published))
}

// TestReadDateOrder: a numeric date that reads either way is read month
// first, whatever else its file holds and in whatever order; a file that
// holds such dates and one that reads only day first is reported once,
// naming both, and its dates read month first are counted and kept. An
// order given reads every file so, and says nothing.
func TestReadDateOrder(t *testing.T) {
	row := func(id, date string) string { return id + "," + date + ",The council met on the budget " + id + ".\n" }
	dir := writeFiles(t, map[string]string{
		"a.csv": "id,published,text\n" + row("a1", "02/11/2025") + row("a2", "05/11/2025") + row("a3", "18/11/2025") +
			row("a4", "03/11/2025") + row("a5", "11/18/2025"),
		"b.csv": "id,published,text\n" + row("b1", "19/11/2025") + row("b2", "18/11/2025") + row("b3", "03/11/2025"),
		"c.csv": "id,published,text\n" + row("c1", "02/11/2025") + row("c2", "05/05/2025") + row("c3", "11/18/2025"),
	})
	day := func(r result, id string) string { return FormatDate(r.byID(t, id).Published) }
	var notes []string
	r := read(t, []string{dir}, Options{OnUnreadDate: func(p Problem) { notes = append(notes, p.Error()) }})
	assert.Equal(t, []string{"2025-02-11", "2025-05-11", "2025-11-18", "2025-03-11", "2025-11-18"},
		[]string{day(r, "a1"), day(r, "a2"), day(r, "a3"), day(r, "a4"), day(r, "a5")})
	assert.Equal(t, []string{"2025-11-19", "2025-11-18", "2025-03-11"}, []string{day(r, "b1"), day(r, "b2"), day(r, "b3")})
	assert.Equal(t, []string{"2025-02-11", "2025-05-05"}, []string{day(r, "c1"), day(r, "c2")})
	assert.Equal(t, []string{
		filepath.Join(dir, "a.csv") + `:4: date-order: published "18/11/2025" at line 4 reads only day first, yet the file's dates that read either way are read month first ("02/11/2025" at line 2 as 2025-02-11): read the file with --date-order dmy`,
		filepath.Join(dir, "b.csv") + `:4: date-order: published "19/11/2025" at line 2 reads only day first, yet the file's dates that read either way are read month first ("03/11/2025" at line 4 as 2025-03-11): read the file with --date-order dmy`,
	}, notes)
	assert.Equal(t, 4, r.stats.MixedDates, "a1, a2, a4 and b3")
	assert.Zero(t, r.stats.UnreadDates)
	assert.Empty(t, r.problems)

	notes = nil
	r = read(t, []string{dir}, Options{DateOrder: DayFirst, OnUnreadDate: func(p Problem) { notes = append(notes, p.Error()) }})
	assert.Equal(t, []string{"2025-11-02", "2025-11-05", "2025-11-18", "2025-11-03", "2025-11-18"},
		[]string{day(r, "a1"), day(r, "a2"), day(r, "a3"), day(r, "a4"), day(r, "a5")})
	assert.Equal(t, "2025-11-03", day(r, "b3"))
	assert.Empty(t, notes)
	assert.Zero(t, r.stats.MixedDates)

	r = read(t, []string{dir}, Options{DateOrder: MonthFirst, OnUnreadDate: func(p Problem) { notes = append(notes, p.Error()) }})
	assert.Equal(t, []string{"2025-02-11", "2025-05-11", "2025-11-18", "2025-03-11"}, []string{day(r, "a1"), day(r, "a2"), day(r, "a3"), day(r, "a4")})
	assert.Empty(t, notes)
}

// gzipped returns s compressed with gzip.
func gzipped(t *testing.T, s string) string {
	t.Helper()
	var b strings.Builder
	zw := gzip.NewWriter(&b)
	_, err := zw.Write([]byte(s))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return b.String()
}

// badChecksum returns gzip data z with its CRC-32 (the trailer's first
// four bytes) wrong.
func badChecksum(z string) string {
	b := []byte(z)
	b[len(b)-8] ^= 0xff
	return string(b)
}

// A file compressed with gzip or bzip2 is read as the file its name
// names without the .gz or .bz2, named by that name; compressed data
// that is corrupt or cut short is reported with the line it stopped at,
// and what came before it is kept.
func TestReadCompressed(t *testing.T) {
	const jsonl = "{\"id\":\"j1\",\"text\":\"One.\"}\n{\"text\":\"No id.\"}\n{\"id\":\"j3\",\"text\":\"Three.\"}\n"
	full := gzipped(t, jsonl)
	bz, err := base64.StdEncoding.DecodeString("QlpoOTFBWSZTWXJf6lEAAATdgAAQQAEQACAAMy3cMCAAMUwmmgNMQiaAZBiepPd7R7KuikzT6YNy0aRVQB8XckU4UJByX+pR")
	require.NoError(t, err)
	dir := writeFiles(t, map[string]string{
		"a.jsonl.gz":       full,
		"sub/story.txt.gz": gzipped(t, "A story kept in a gzip file.\n"),
		"b.CSV.GZ":         gzipped(t, "id,text\nc1,A row.\n"),
		"c.txt.bz2":        string(bz),
		"cut.jsonl.gz":     gzipped(t, jsonl+jsonl)[:len(full)-4],
		"fake.jsonl.gz":    "not gzip",
		"sum.jsonl.gz":     badChecksum(full),
		"named.jsonl":      full,
		"data.gz":          gzipped(t, "no extension inside"),
	})
	r := read(t, []string{dir}, Options{})
	ids := r.ids()
	slices.Sort(ids)
	whole, cut := slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return strings.HasPrefix(id, "cut:") }), len(ids)
	assert.Equal(t, []string{"a:2", "c", "c1", "j1", "j3", "sub/story", "sum:2"}, whole, "records before a failed checksum are read")
	assert.Contains(t, ids, "cut:2", "the records before the cut are kept")
	assert.Less(t, cut-len(whole), 6, "a cut file yields fewer records than it held")
	assert.Equal(t, "A story kept in a gzip file.\n", r.byID(t, "sub/story").Text)
	assert.Equal(t, "A story kept in a bzip2 file.\n", r.byID(t, "c").Text)
	assert.Equal(t, filepath.Join(dir, "a.jsonl.gz")+":3", r.byID(t, "j3").Origin)
	problems := strings.Join(r.problems, "\n")
	assert.Contains(t, problems, filepath.Join(dir, "data.gz")+`: unsupported: extension "" not readable`)
	assert.Contains(t, problems, filepath.Join(dir, "fake.jsonl.gz")+": unreadable: not gzip data")
	assert.Regexp(t, `cut\.jsonl\.gz:\d: unreadable: gzip data ends early \(a truncated file\?\)`, problems)
	assert.Contains(t, problems, filepath.Join(dir, "named.jsonl")+":1: binary: NUL bytes (gzip-compressed data: give the file a .gz name")
	assert.Contains(t, problems, filepath.Join(dir, "sum.jsonl.gz")+":4: unreadable: gzip data fails its checksum, so the records read before this line may hold damaged text")
	// The same files read one by one, as a distributed run reads them.
	for _, name := range []string{"a.jsonl.gz", "sub/story.txt.gz", "c.txt.bz2"} {
		path := filepath.Join(dir, filepath.FromSlash(name))
		f, err := os.Open(path)
		require.NoError(t, err)
		var got []string
		_, err = ReadFile(path, name, f, Options{}, func(a Article) error { got = append(got, a.ID); return nil })
		f.Close()
		require.NoError(t, err)
		assert.NotEmpty(t, got, name)
		for _, id := range got {
			assert.Contains(t, ids, id, name)
		}
	}
}

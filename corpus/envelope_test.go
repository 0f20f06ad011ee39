package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadJSONCompactArray: a .json array written on one line, as APIs and
// json.dump write it, is as many articles as elements, each named apart;
// an array with one element per line keeps the names by line.
func TestReadJSONCompactArray(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"compact.json": `[{"text": "First story."},{"text": "Second story."}, {"text": "Third story."}]`,
		"lines.json":   "[\n" + `{"text": "One."},` + "\n" + `{"text": "Two."}, {"text": "Three."}` + "\n]",
		"stream.json":  `{"text": "Alpha."} {"text": "Beta."}`,
	})
	r := read(t, []string{dir}, Options{})
	assert.Equal(t, []string{"compact:1", "compact:1:2", "compact:1:3", "lines:2", "lines:3", "lines:3:2", "stream:1", "stream:1:2"}, r.ids())
	assert.Empty(t, r.problems)
	assert.Equal(t, "Second story.", r.byID(t, "compact:1:2").Text)
	assert.Equal(t, "Three.", r.byID(t, "lines:3:2").Text)
	assert.Equal(t, filepath.Join(dir, "compact.json")+":1", r.byID(t, "compact:1:3").Origin)
}

// TestReadJSONEnvelope: a .json file that is one object holding its
// articles in an array, as news APIs answer, is read as the array's
// articles, with nested fields reached by path; arrays of something else
// are passed over, and an object with no array of articles is reported.
func TestReadJSONEnvelope(t *testing.T) {
	newsapi := `{
  "status": "ok",
  "totalResults": 2,
  "articles": [
    {"source": {"id": null, "name": "Example News"}, "author": "Ann Lee", "title": "Talks resume",
     "url": "https://example.com/a", "publishedAt": "2025-11-18T10:00:00Z", "content": "Talks resumed on Tuesday."},
    {"source": {"id": "wire", "name": "Wire"}, "title": "Talks resume again",
     "publishedAt": "2025-11-19T10:00:00Z", "content": "Talks resumed again on Wednesday."}
  ]
}`
	nested := `{"status": "OK", "copyright": "x", "response": {"meta": {"hits": 1}, "facets": [{"name": "section", "count": 3}],
"docs": [{"_id": "nyt://article/1", "headline": {"main": "A headline"}, "web_url": "https://nyt.example/1",
"pub_date": "2025-11-18T09:00:00+0000", "body": "The body."}]}}`
	guardian := `{"response": {"status": "ok", "results": [{"id": "world/2025/nov/18/talks", "webTitle": "Talks",
"webUrl": "https://guardian.example/talks", "webPublicationDate": "2025-11-18T08:00:00Z",
"fields": {"bodyText": "The Guardian's text."}}]}}`
	dir := writeFiles(t, map[string]string{
		"newsapi.json":  newsapi,
		"nyt.json":      nested,
		"guardian.json": guardian,
		"noarts.json":   `{"status": "error", "items": [{"count": 1}], "message": "rate limited"}`,
		"adfirst.json":  `{"results": [{"type": "ad"}, {"title": "After the ad", "body": "The story."}]}`,
		"deep.json":     `{"a": {"b": {"c": {"d": [{"text": "Too deep to be the answer's articles."}]}}}}`,
	})
	r := read(t, []string{dir}, Options{})
	assert.Equal(t, []string{"adfirst:1:2", "world/2025/nov/18/talks", "newsapi:5", "newsapi:7", "nyt:2"}, r.ids())
	assert.Equal(t, []string{
		filepath.Join(dir, "adfirst.json") + ":1: empty: no text field (looked for text, body, content, content_html, content_text, article, maintext, article_body, article_text, body_text, full_text, body_html, bodies, body_nitf)",
		filepath.Join(dir, "deep.json") + ":1: not-articles: records with the fields a: no text or title (looked for text, body, content, content_html, content_text, article, maintext, article_body, article_text, body_text, full_text, body_html, bodies, body_nitf); file skipped",
		filepath.Join(dir, "noarts.json") + ":1: not-articles: records with the fields items, message, status: no text or title (looked for text, body, content, content_html, content_text, article, maintext, article_body, article_text, body_text, full_text, body_html, bodies, body_nitf); file skipped",
	}, r.problems)

	a := r.byID(t, "newsapi:5")
	assert.Equal(t, "Example News", a.Outlet)
	assert.Equal(t, "Ann Lee", a.Byline)
	assert.Equal(t, "Talks resume", a.Title)
	assert.Equal(t, "Talks resumed on Tuesday.", a.Text)
	assert.Equal(t, time.Date(2025, 11, 18, 10, 0, 0, 0, time.UTC), a.Published.UTC())
	assert.Equal(t, filepath.Join(dir, "newsapi.json")+":5", a.Origin)
	assert.Equal(t, "Wire", r.byID(t, "newsapi:7").Outlet)

	g := r.byID(t, "world/2025/nov/18/talks")
	assert.Equal(t, "Talks", g.Title)
	assert.Empty(t, g.Text, "the Guardian's text is under fields.bodyText")
	assert.Equal(t, "https://guardian.example/talks", g.URL)
	assert.Equal(t, "2025-11-18", g.Published.Format(time.DateOnly))

	n := r.byID(t, "nyt:2")
	assert.Equal(t, "The body.", n.Text)
	assert.Equal(t, "https://nyt.example/1", n.URL)

	fields, err := ParseFields([]string{"text=fields.bodyText"})
	require.NoError(t, err)
	r = read(t, []string{filepath.Join(dir, "guardian.json")}, Options{Fields: fields})
	require.Equal(t, []string{"world/2025/nov/18/talks"}, r.ids())
	assert.Equal(t, "The Guardian's text.", r.articles[0].Text)

	r = read(t, []string{filepath.Join(dir, "noarts.json")}, Options{})
	assert.Equal(t, []string{
		filepath.Join(dir, "noarts.json") + ":1: empty: no text field (looked for text, body, content, content_html, content_text, article, maintext, article_body, article_text, body_text, full_text, body_html, bodies, body_nitf)",
	}, r.problems, "a file named as a path is read as asked")
}

// TestReadJSONFeed: a JSON Feed (jsonfeed.org), whose top object has a
// title beside its items, is its items, not one headline: each with its
// HTML or plain text, authors and publication time, the feed's title as
// their outlet. A headline record with a URL or time is one article, even
// beside an array of related headlines.
func TestReadJSONFeed(t *testing.T) {
	feed := `{"version": "https://jsonfeed.org/version/1.1", "title": "Example News", "home_page_url": "https://example.org/",
  "items": [
    {"id": "https://example.org/strike", "url": "https://example.org/strike", "title": "Port strike",
     "content_html": "<p>Dock workers walked out.</p><p>The strike will last 48 hours.</p>",
     "date_published": "2025-11-18T10:02:00+01:00", "authors": [{"name": "Anna de Vries"}]},
    {"id": "2", "title": "Delays", "content_text": "Ships were diverted.", "author": {"name": "Desk"}}
  ]}`
	search := `{"title": "Search results", "results": [{"title": "A", "body": "Alpha."}]}`
	related := `{"title": "Port strike", "url": "https://example.org/strike", "related": [{"title": "Earlier strike"}]}`
	dir := writeFiles(t, map[string]string{
		"feed.json":    feed,
		"search.json":  search,
		"related.json": related,
		"feed.jsonl":   strings.ReplaceAll(feed, "\n", " ") + "\n",
	})
	r := read(t, []string{filepath.Join(dir, "feed.json"), filepath.Join(dir, "search.json"), filepath.Join(dir, "related.json")}, Options{})
	assert.Empty(t, r.problems)
	assert.Equal(t, []string{"https://example.org/strike", "2", "search:1", "related:1"}, r.ids())
	a := r.byID(t, "https://example.org/strike")
	assert.Equal(t, "Example News", a.Outlet)
	assert.Equal(t, "Port strike", a.Title)
	assert.Equal(t, "Anna de Vries", a.Byline)
	assert.Equal(t, "Dock workers walked out.\n\nThe strike will last 48 hours.", a.Text)
	assert.Equal(t, "2025-11-18T10:02:00+01:00", FormatDate(a.Published))
	b := r.byID(t, "2")
	assert.Equal(t, "Ships were diverted.", b.Text)
	assert.Equal(t, "Desk", b.Byline)
	assert.Equal(t, "Example News", b.Outlet)
	assert.Empty(t, r.byID(t, "search:1").Outlet, "a search's title is not its results' outlet")
	assert.Equal(t, "Port strike", r.byID(t, "related:1").Title)

	r = read(t, []string{filepath.Join(dir, "feed.jsonl")}, Options{})
	assert.Empty(t, r.problems)
	assert.Equal(t, []string{"https://example.org/strike", "2"}, r.ids(), "a feed on one line of JSON lines")
}

// TestReadWordPressPosts: the posts WordPress's REST API answers
// (/wp-json/wp/v2/posts) give title and content as {"rendered": HTML}; the
// author is a user's number, which names no one.
func TestReadWordPressPosts(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"posts.json": `[{"id": 123, "date": "2025-11-18T10:00:00", "guid": {"rendered": "https://example.org/?p=123"},
 "link": "https://example.org/2025/11/18/port-strike/", "title": {"rendered": "Dock workers strike"},
 "content": {"rendered": "<p>Dock workers walked off the job at Europe&#8217;s largest port.</p>\n<p>The strike will last 48 hours.</p>\n", "protected": false},
 "excerpt": {"rendered": "<p>Dock workers walked off the job.</p>", "protected": false}, "author": 3}]`,
	})
	r := read(t, []string{dir}, Options{})
	assert.Empty(t, r.problems)
	a := r.byID(t, "123")
	assert.Equal(t, "Dock workers strike", a.Title)
	assert.Equal(t, "Dock workers walked off the job at Europe’s largest port.\n\nThe strike will last 48 hours.", a.Text)
	assert.Equal(t, "https://example.org/2025/11/18/port-strike/", a.URL)
	assert.Equal(t, "2025-11-18T10:00:00", FormatDate(a.Published))
	assert.Empty(t, a.Byline)
}

// TestReadNinjs: news items in the IPTC's JSON format (ninjs), as news
// agencies' APIs answer: version 1's headline, body_html, byline and
// versioncreated, and version 2's headlines, bodies and by, whose texts come
// in roles and content types (the main one read, once); the uri is the ID,
// the first creation the publication time; a picture associated with the
// item is not its text.
func TestReadNinjs(t *testing.T) {
	v1 := `{"uri": "urn:agency:8c3f2b1a", "type": "text", "version": "3", "versioncreated": "2025-11-18T14:02:00Z",
 "firstcreated": "2025-11-18T13:45:00Z", "pubstatus": "usable", "language": "en", "headline": "Fed holds rates steady",
 "byline": "By Jane Doe", "copyrightholder": "Example Agency", "located": "WASHINGTON",
 "body_html": "<p>The Federal Reserve held its key rate steady on Wednesday.</p><p>Officials said inflation stayed high.</p>",
 "associations": {"featureimage": {"uri": "urn:agency:pic1", "type": "picture", "body_text": "The Fed chair speaks (Photo: Agency)"}}}`
	v2 := `{"uri": "urn:agency:9d4e", "type": "text", "versioncreated": "2025-11-18T15:00:00Z",
 "headlines": [{"role": "short", "value": "Fed on hold"}, {"role": "main", "value": "Fed keeps rates on hold"}],
 "bodies": [{"role": "main", "contenttype": "text/html", "value": "<p>The Federal Reserve held its key rate steady on Wednesday.</p>"},
            {"role": "main", "contenttype": "text/plain", "value": "The Federal Reserve held its key rate steady on Wednesday."}],
 "by": [{"name": "Jane Doe"}, {"name": "John Roe"}]}`
	dir := writeFiles(t, map[string]string{"v1.json": v1, "v2.jsonl": strings.ReplaceAll(v2, "\n", " ") + "\n"})
	r := read(t, []string{dir}, Options{})
	assert.Empty(t, r.problems)
	assert.Equal(t, []string{"urn:agency:8c3f2b1a", "urn:agency:9d4e"}, r.ids())
	a := r.byID(t, "urn:agency:8c3f2b1a")
	assert.Equal(t, "Fed holds rates steady", a.Title)
	assert.Equal(t, "The Federal Reserve held its key rate steady on Wednesday.\n\nOfficials said inflation stayed high.", a.Text)
	assert.Equal(t, "2025-11-18T13:45:00Z", FormatDate(a.Published))
	assert.Equal(t, "Example Agency", a.Outlet)
	// Alternatives without a main role: content types, or a role each.
	alts := `{"uri": "u1", "headline": "H", "bodies": [{"contenttype": "text/plain", "value": "A storm hit the coast."}, {"contenttype": "text/html", "value": "<p>A storm hit the coast.</p>"}]}` + "\n" +
		`{"uri": "u2", "headline": "H", "bodies": [{"contenttype": "text/plain", "value": "Plain."}, {"role": "main", "contenttype": "text/html", "value": "<p>Main.</p>"}]}` + "\n" +
		`{"uri": "u3", "headlines": [{"role": "short", "value": "Storm"}, {"role": "long", "value": "Storm hits coast"}], "body_text": "Text."}` + "\n"
	dir = writeFiles(t, map[string]string{"alts.jsonl": alts})
	ra := read(t, []string{dir}, Options{})
	assert.Equal(t, "A storm hit the coast.", ra.byID(t, "u1").Text)
	assert.Equal(t, "Main.", ra.byID(t, "u2").Text)
	assert.Equal(t, "Storm", ra.byID(t, "u3").Title)

	// Paragraphs and authors that each give a role of their own are all
	// the text and every author.
	dir = writeFiles(t, map[string]string{"r.jsonl": `{"id": "r", "title": "T", "authors": [{"name": "Jane Roe", "role": "writer"}, {"name": "Bob Poe", "role": "photographer"}], "body": [{"role": "lede", "text": "A storm hit."}, {"role": "body", "text": "Power was cut."}]}` + "\n"})
	rr := read(t, []string{dir}, Options{}).byID(t, "r")
	assert.Equal(t, "A storm hit.\n\nPower was cut.", rr.Text)
	assert.Equal(t, "Jane Roe, Bob Poe", rr.Byline)

	// Paragraphs that each give a role are all the text.
	dir = writeFiles(t, map[string]string{"p.jsonl": `{"id": "p", "title": "T", "body": [{"role": "paragraph", "text": "First paragraph."}, {"role": "paragraph", "text": "Second paragraph."}]}` + "\n"})
	assert.Equal(t, "First paragraph.\n\nSecond paragraph.", read(t, []string{dir}, Options{}).byID(t, "p").Text)
	b := r.byID(t, "urn:agency:9d4e")
	assert.Equal(t, "Fed keeps rates on hold", b.Title)
	assert.Equal(t, "The Federal Reserve held its key rate steady on Wednesday.", b.Text)
	assert.Equal(t, "Jane Doe, John Roe", b.Byline)
	assert.Equal(t, "2025-11-18T15:00:00Z", FormatDate(b.Published))
}

// TestJSONFieldPath: a field named with dots is found in nested objects,
// a key holding a dot of its own before that.
func TestJSONFieldPath(t *testing.T) {
	tests := []struct {
		json, key, want string
	}{
		{`{"source": {"name": "Wire"}}`, "source.name", "Wire"},
		{`{"Fields": {"BodyText": "Text."}}`, "fields.bodytext", "Text."},
		{`{"a.b": "literal", "a": {"b": "nested"}}`, "a.b", "literal"},
		{`{"a.b": {"c": "under a.b"}, "a": {"b": {"c": "under a"}}}`, "a.b.c", "under a.b"},
		{`{"a.b": 1, "a": {"b": {"c": "under a"}}}`, "a.b.c", "under a"},
		{`{"a": "not an object"}`, "a.b", ""},
		{`{"a": {"b": "x"}}`, "a.c", ""},
		{`{"a": {"b": "x"}}`, ".a", ""},
	}
	for _, tt := range tests {
		obj, err := parseJSONObject([]byte(tt.json))
		require.NoError(t, err)
		assert.Equal(t, tt.want, obj.getter(", ")(tt.key), "%s in %s", tt.key, tt.json)
		assert.Equal(t, tt.want != "", obj.present(tt.key), "%s in %s", tt.key, tt.json)
	}
}

// TestReadCSVSeparators: a .csv file whose header separates its columns by
// semicolons (spreadsheets where the comma is the decimal mark) or tabs is
// read so; commas and semicolons inside quotes, and in the rows, do not
// decide.
func TestReadCSVSeparators(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"semi.csv":   "id;title;text;outlet\r\ns1;Talks;\"Talks resumed; a deal, perhaps.\";Wire\r\n",
		"tab.csv":    "id\ttext\nt1\tTab, separated; really.\n",
		"comma.csv":  "id,text\nc1,\"One; two\"\n",
		"quoted.csv": "\"id;x\",text\nq1,Quoted header.\n",
	})
	r := read(t, []string{dir}, Options{})
	assert.Empty(t, r.problems)
	assert.Equal(t, []string{"c1", "quoted:2", "s1", "t1"}, r.ids())
	s := r.byID(t, "s1")
	assert.Equal(t, "Talks resumed; a deal, perhaps.", s.Text)
	assert.Equal(t, "Wire", s.Outlet)
	assert.Equal(t, "Tab, separated; really.", r.byID(t, "t1").Text)
	assert.Equal(t, "One; two", r.byID(t, "c1").Text)
}

func TestSniffComma(t *testing.T) {
	tests := []struct {
		head string
		want rune
	}{
		{"id,text\n", ','},
		{"id;text\n", ';'},
		{"id\ttext\r\n", '\t'},
		{"id;a,b\n", ','},
		{"text\n", ','},
		{"\"a;b\",text\n", ','},
		{"\"a,b\";text\n", ';'},
		{"id;text", ','}, // no line end: the header may go on
		{"", ','},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, sniffComma([]byte(tt.head)), "%q", tt.head)
	}
}

// FuzzReadJSON reads arbitrary .json files: the reader never fails the run
// or panics, and every article has text or a title and an origin in the
// file.
func FuzzReadJSON(f *testing.F) {
	f.Add([]byte(`[{"text": "a"},{"text": "b"}]`))
	f.Add([]byte(`{"status": "ok", "articles": [{"title": "t", "content": "c"}], "n": 1}`))
	f.Add([]byte(`{"a": {"b": [{"x": 1}], "c": [{"body": "deep"}, 2, "s"]}}`))
	f.Add([]byte(`{"text": "x"} {"text": "y"}` + "\n" + `{"text": "z"}`))
	f.Add([]byte(`{"a": [[{"text": "nested"}]], "b": [], "c": {}}`))
	f.Add([]byte(`{"title": {"0": "A", "1": "B"}, "text": {"0": "x", "1": "y"}}`))
	f.Add([]byte(`{"k1": {"text": "x"}, "k2": {"title": "t"}, "k3": {}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "in.json")
		require.NoError(t, os.WriteFile(path, data, 0o644))
		_, err := Read([]string{path}, Options{MaxRecordBytes: 1 << 10}, func(a Article) error {
			if isBlank(a.Text) && isBlank(a.Title) {
				t.Fatalf("article %q with neither text nor title", a.ID)
			}
			if !strings.HasPrefix(a.Origin, path+":") {
				t.Fatalf("article %q from %q", a.ID, a.Origin)
			}
			return nil
		})
		require.NoError(t, err)
	})
}

// TestReadJSONLEnvelopes: a line of JSON lines that is an array of
// articles, or an API's answer holding them, is as many records, named by
// the line and their place on it; other lines read as before.
func TestReadJSONLEnvelopes(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"api.jsonl": `{"status": "ok", "articles": [{"title": "A", "content": "Alpha."}, {"title": "B", "content": "Beta."}]}` + "\n" +
			`{"id": "plain", "text": "A plain line."}` + "\n" +
			`[{"text": "Gamma."}, {"text": "Delta."}]` + "\n" +
			`[1, 2]` + "\n" +
			`{"status": "error"}` + "\n",
	})
	r := read(t, []string{filepath.Join(dir, "api.jsonl")}, Options{})
	assert.Equal(t, []string{"api:1", "api:1:2", "plain", "api:3", "api:3:2"}, r.ids())
	assert.Equal(t, "Beta.", r.byID(t, "api:1:2").Text)
	assert.Equal(t, "Delta.", r.byID(t, "api:3:2").Text)
	assert.Equal(t, []string{
		filepath.Join(dir, "api.jsonl") + ":4: malformed-json: a JSON array, want an object",
		filepath.Join(dir, "api.jsonl") + ":5: empty: no text field (looked for text, body, content, content_html, content_text, article, maintext, article_body, article_text, body_text, full_text, body_html, bodies, body_nitf)",
	}, r.problems)
}

// TestReadJSONKeyed: a table keyed by row or by column, as pandas'
// DataFrame.to_json writes it (column by column by default), is a record
// per row, in the order written, named by its row label.
func TestReadJSONKeyed(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"columns.json": `{"title": {"b7": "Talks resume", "a2": "Talks stall"}, "text": {"b7": "Talks resumed.", "a2": "Talks stalled."},` +
			` "published": {"b7": 1763510400000, "a2": null}, "outlet": {"b7": "Wire", "a2": "Herald"}}`,
		"index.json": "{\n" + `"x1": {"title": "One", "text": "First story."},` + "\n" + `"X2": {"id": "own", "text": "Second story."},` + "\n" +
			`"x3": {"title": "Three", "text": "Third story."}` + "\n}",
		"empty.json":   `{"title": {}, "text": {}}`,
		"single.json":  `{"id": "s", "title": "Single", "text": "A single article."}`,
		"textobj.json": `{"id": "t", "text": {"value": "Text in an object."}}`,
		"ragged.json":  `{"title": {"0": "A"}, "text": {"0": "Ragged.", "1": "Two."}}`,
	})
	r := read(t, []string{dir}, Options{})
	assert.Equal(t, []string{"columns:b7", "columns:a2", "index:x1", "own", "index:x3", "s", "t"}, r.ids())
	c := r.byID(t, "columns:b7")
	assert.Equal(t, "Talks resume", c.Title)
	assert.Equal(t, "Talks resumed.", c.Text)
	assert.Equal(t, "Wire", c.Outlet)
	assert.Equal(t, "2025-11-19", c.Published.Format(time.DateOnly))
	assert.Equal(t, "Herald", r.byID(t, "columns:a2").Outlet)
	assert.Equal(t, "Second story.", r.byID(t, "own").Text)
	assert.Equal(t, "Text in an object.", r.byID(t, "t").Text)
	assert.Equal(t, []string{
		filepath.Join(dir, "empty.json") + ":1: empty: a table of no rows",
		filepath.Join(dir, "ragged.json") + ":1: malformed-json: text is not a string: an object with none of the members name, full_name, text, value, title, rendered",
	}, r.problems)
}

// BenchmarkReadJSONFiles reads a directory of .json files of one article
// each (the first 2,000 NeuS dev articles), as scrapers save them: the
// common case the readers of tables and API answers must not slow.
func BenchmarkReadJSONFiles(b *testing.B) {
	src, err := os.ReadFile(filepath.Join(sharedData(b), "neus-dev", "articles.jsonl"))
	if err != nil {
		b.Skipf("neus-dev: %v", err)
	}
	dir := b.TempDir()
	var size int64
	for i, line := range strings.SplitN(string(src), "\n", 2001)[:2000] {
		require.NoError(b, os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%04d.json", i)), []byte(line), 0o644))
		size += int64(len(line))
	}
	b.ReportAllocs()
	b.SetBytes(size)
	articles := 0
	for b.Loop() {
		stats, err := Read([]string{dir}, Options{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		articles += stats.Read
	}
	b.ReportMetric(float64(articles)/b.Elapsed().Seconds(), "articles/s")
}

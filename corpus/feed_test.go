package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"
)

const rssFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
  <title>Example Wire - World</title>
  <link>https://example.com/world</link>
  <description>World news</description>
  <item>
    <title>U.S. and Russia draft Ukraine peace plan</title>
    <link>https://example.com/2025/11/18/plan</link>
    <guid isPermaLink="false">example-1234</guid>
    <pubDate>Tue, 18 Nov 2025 21:05:00 GMT</pubDate>
    <dc:creator>Jane Doe</dc:creator>
    <media:title>A photo caption, not the headline</media:title>
    <description>&lt;p&gt;A short summary.&lt;/p&gt;</description>
    <content:encoded><![CDATA[<p>The U.S. is secretly working with Russia on a new plan.</p><p>Witkoff is leading the drafting&nbsp;process.</p>]]></content:encoded>
  </item>
  <item>
    <title>Markets fall</title>
    <link>https://example.com/2025/11/18/markets</link>
    <pubDate>Tue, 18 Nov 2025 08:00:00 +0000</pubDate>
    <author>jroe@example.com (John Roe)</author>
    <source url="https://reuters.com/rss">Reuters</source>
    <description>Stocks fell sharply on Tuesday &amp; bonds rallied.</description>
  </item>
  <item>
    <title>Headline only</title>
  </item>
</channel>
</rss>
`

const atomFeed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example Atom</title>
  <entry>
    <title>Ceasefire talks resume</title>
    <id>tag:example.com,2025:1</id>
    <link rel="self" href="https://example.com/api/1"/>
    <link rel="alternate" href="https://example.com/talks"/>
    <published>2025-11-19T10:00:00Z</published>
    <updated>2025-11-19T12:00:00Z</updated>
    <author><name>Ana Ruiz</name></author>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Talks resumed in Geneva.</p><p>Both sides sent envoys.</p></div></content>
  </entry>
  <entry>
    <title>Second entry</title>
    <id>tag:example.com,2025:2</id>
    <updated>2025-11-20T08:00:00Z</updated>
    <summary type="html">&lt;p&gt;A summary in HTML.&lt;/p&gt;</summary>
  </entry>
</feed>
`

func TestReadFeeds(t *testing.T) {
	utf16 := "\xff\xfe"
	for _, r := range `<?xml version="1.0" encoding="UTF-16"?><rss><channel><title>W</title><item><guid>u16</guid><title>Café</title></item></channel></rss>` {
		utf16 += string([]byte{byte(r), byte(r >> 8)})
	}
	latin, err := charmap.ISO8859_1.NewEncoder().String(`<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>Le Monde</title><item><guid>fr-1</guid><title>Café</title><description>Le café du coin a fermé.</description></item></channel></rss>`)
	require.NoError(t, err)
	dir := writeFiles(t, map[string]string{
		"world.rss":    rssFeed,
		"atom.xml":     atomFeed,
		"latin.rss":    latin,
		"utf16.rss":    utf16,
		"sitemap.xml":  `<?xml version="1.0"?><urlset><url><loc>https://example.com/</loc></url></urlset>`,
		"broken.atom":  "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>B</title>\n<entry><id>b1</id><title>Kept</title><summary>First.</summary></entry>\n<<<\n<entry><id>b3</id><title>Lost</title></entry>\n",
		"empty.rss":    `<rss><channel><title>Nothing</title></channel></rss>`,
		"rdf/feed.xml": `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://example.com/"><title>RDF site</title></channel><item rdf:about="https://example.com/r1"><title>RSS one</title><link>https://example.com/r1</link><description>An RSS 1.0 item.</description></item></rdf:RDF>`,
	})
	r := read(t, []string{dir}, Options{})
	assert.ElementsMatch(t, []string{"example-1234", "https://example.com/2025/11/18/markets", "world:25",
		"tag:example.com,2025:1", "tag:example.com,2025:2", "fr-1", "b1", "https://example.com/r1", "u16"}, r.ids())
	assert.Equal(t, "Café", r.byID(t, "u16").Title, "a UTF-16 feed, decoded from its byte order mark")

	a := r.byID(t, "example-1234")
	assert.Equal(t, "U.S. and Russia draft Ukraine peace plan", a.Title)
	assert.Equal(t, "Example Wire - World", a.Outlet)
	assert.Equal(t, "Jane Doe", a.Byline)
	assert.Equal(t, "https://example.com/2025/11/18/plan", a.URL)
	assert.Equal(t, time.Date(2025, 11, 18, 21, 5, 0, 0, time.UTC), a.Published.UTC())
	assert.Equal(t, "The U.S. is secretly working with Russia on a new plan.\n\nWitkoff is leading the drafting process.", a.Text, "the full content, as text")
	assert.Equal(t, filepath.Join(dir, "world.rss")+":7", a.Origin)

	m := r.byID(t, "https://example.com/2025/11/18/markets")
	assert.Equal(t, "Reuters", m.Outlet, "the item's source")
	assert.Equal(t, "John Roe", m.Byline)
	assert.Equal(t, "Stocks fell sharply on Tuesday & bonds rallied.", m.Text)
	assert.Equal(t, "Headline only", r.byID(t, "world:25").Title)

	e := r.byID(t, "tag:example.com,2025:1")
	assert.Equal(t, "Example Atom", e.Outlet)
	assert.Equal(t, "Ana Ruiz", e.Byline)
	assert.Equal(t, "https://example.com/talks", e.URL, "the alternate link, not self")
	assert.Equal(t, time.Date(2025, 11, 19, 10, 0, 0, 0, time.UTC), e.Published.UTC(), "published before updated")
	assert.Equal(t, "Talks resumed in Geneva.\n\nBoth sides sent envoys.", e.Text)
	assert.Equal(t, "A summary in HTML.", r.byID(t, "tag:example.com,2025:2").Text)
	assert.Equal(t, "Le café du coin a fermé.", r.byID(t, "fr-1").Text)
	assert.Equal(t, "RDF site", r.byID(t, "https://example.com/r1").Outlet)

	require.Len(t, r.problems, 3, "%q", r.problems)
	assert.Contains(t, r.problems[0], "broken.atom:4: malformed-xml:")
	assert.Contains(t, r.problems[0], "rest of file skipped")
	assert.Equal(t, filepath.Join(dir, "empty.rss")+": empty: a feed with no items (or a wire document with no article)", r.problems[1])
	assert.Equal(t, filepath.Join(dir, "sitemap.xml")+": not-articles: an XML file whose root is <urlset>, not a news feed (RSS, Atom) or wire format (NITF, NewsML)", r.problems[2])
}

// TestReadFeedFieldsMapped: a field mapping given for records (--field
// text=body) leaves a feed's items read as they are.
func TestReadFeedFieldsMapped(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.rss": rssFeed, "b.jsonl": `{"id": "j1", "body": "From the body field."}` + "\n"})
	r := read(t, []string{dir}, Options{Fields: map[string]string{"text": "body"}})
	assert.Equal(t, "From the body field.", r.byID(t, "j1").Text)
	assert.Contains(t, r.byID(t, "example-1234").Text, "Witkoff is leading")
}

func TestRSSAuthor(t *testing.T) {
	for in, want := range map[string]string{
		"jroe@example.com (John Roe)": "John Roe",
		"John Roe":                    "John Roe",
		"jroe@example.com":            "jroe@example.com",
		"(unbalanced":                 "(unbalanced",
	} {
		assert.Equal(t, want, rssAuthor(in), in)
	}
}

func FuzzReadFeed(f *testing.F) {
	for _, s := range []string{rssFeed, atomFeed, "<rss><channel><item><title>x</title></item></channel></rss>", "<feed><entry>", "<rss>&nbsp;<item><description>&lt;p&gt;a</description></item></rss>",
		"<nitf><body><body.content><p>a</p><block><p>b</p></block></body.content></body></nitf>",
		`<newsMessage><itemSet><newsItem guid="g"><contentSet><inlineData>x</inlineData></contentSet></newsItem></itemSet></newsMessage>`} {
		f.Add(s)
	}
	for _, name := range []string{"talks.nitf", "message.xml"} {
		data, err := os.ReadFile(filepath.Join("testdata", "wire", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	f.Fuzz(func(t *testing.T, s string) {
		path := filepath.Join(writeFiles(t, map[string]string{"f.rss": s}), "f.rss")
		var problems int
		stats, err := Read([]string{path}, Options{OnProblem: func(Problem) { problems++ }}, func(a Article) error {
			if a.ID == "" || strings.TrimSpace(a.Text) == "" && strings.TrimSpace(a.Title) == "" {
				t.Fatalf("article without an ID or text: %+v", a)
			}
			return nil
		})
		require.NoError(t, err)
		require.Equal(t, stats.SkippedTotal(), problems)
	})
}

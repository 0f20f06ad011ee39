package corpus

import (
	"errors"
	"fmt"
	stdhtml "html"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
	"golang.org/x/text/encoding/charmap"
)

// seedPage returns the seed article 000 as a news site serves it: the body
// paragraphs in an <article> among the site's navigation, share buttons,
// related links, a newsletter box and footer, its metadata in the head.
func seedPage(t testing.TB) (page string, paragraphs []string) {
	t.Helper()
	data, err := os.ReadFile("../testdata/seeds/000_4bd703d3e122696c.txt")
	require.NoError(t, err)
	for p := range strings.SplitSeq(string(data), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			paragraphs = append(paragraphs, p)
		}
	}
	// The text file opens with its date, which the page says in its head.
	paragraphs[0] = strings.TrimPrefix(paragraphs[0], "date 2025-11-18 ")
	var body strings.Builder
	for i, p := range paragraphs {
		if i == 3 {
			body.WriteString(`<div class="ad-slot"><p>Advertisement</p></div>` + "\n")
		}
		fmt.Fprintf(&body, "<p>%s</p>\n", stdhtml.EscapeString(p))
	}
	page = `<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>U.S. and Russia draft Ukraine peace plan | Example Wire</title>
<meta property="og:title" content="U.S. and Russia draft Ukraine peace plan">
<meta property="og:site_name" content="Example Wire">
<meta property="article:published_time" content="2025-11-18T21:05:00Z">
<meta name="author" content="Jane Doe">
<link rel="canonical" href="https://example.com/2025/11/18/ukraine-plan">
<script>window.dataLayer = [];</script>
<style>body { font-family: serif; }</style>
</head><body>
<header class="site-header"><a href="/">Example Wire</a>
<nav><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li><li><a href="/business">Business</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav></header>
<main>
<article>
<h1>U.S. and Russia draft Ukraine peace plan</h1>
<div class="byline">By Jane Doe</div>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
<div class="article-body">
` + body.String() + `</div>
</article>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/a">Markets rally on rate hopes</a></li><li><a href="/b">Storm closes schools across the region</a></li></ul></aside>
<div class="newsletter"><p>Sign up for our morning newsletter.</p><form><input type="email"><button>Sign up</button></form></div>
</main>
<footer class="site-footer"><p>© 2025 Example Wire. All rights reserved.</p><ul><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li></ul></footer>
</body></html>
`
	return page, paragraphs
}

func TestReadPage(t *testing.T) {
	page, paragraphs := seedPage(t)
	index := `<!DOCTYPE html><html><head><title>World | Example Wire</title></head><body><nav><a href="/">Home</a></nav>
<ul><li><a href="/a">Markets rally on rate hopes</a></li><li><a href="/b">Storm closes schools</a></li></ul></body></html>`
	legacy, err := charmap.Windows1252.NewEncoder().String(`<html><head><meta charset="windows-1252"><title>Café</title></head><body><article><p>` +
		strings.Repeat("The café owner’s résumé was read aloud to the council on Monday evening. ", 8) + `</p></article></body></html>`)
	require.NoError(t, err)
	// A brief: too short for Readability's check, an article by its own
	// word (Open Graph's type, or JSON-LD's).
	brief := func(head string) string {
		return `<html><head><title>Talks adjourned</title>` + head + `</head><body><nav><a href="/">Home</a></nav>` +
			`<article><p>Talks in Geneva were adjourned until Wednesday, the mediators said.</p></article></body></html>`
	}
	dir := writeFiles(t, map[string]string{
		"site/2025/ukraine-plan.html": page,
		"site/world/index.html":       index,
		"site/cafe.htm":               legacy,
		"site/brief-og.html":          brief(`<meta property="og:type" content="article">`),
		"site/brief-ld.html":          brief(`<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Talks adjourned"}</script>`),
		"site/brief.html":             brief(""),
	})
	r := read(t, []string{dir}, Options{})
	assert.ElementsMatch(t, []string{"site/2025/ukraine-plan", "site/cafe", "site/brief-og", "site/brief-ld"}, r.ids())
	assert.Equal(t, []string{
		filepath.Join(dir, "site", "brief.html") + ":1: not-articles: a page without an article's text (Readability's check: too little text in paragraphs); name the file to read it anyway",
		filepath.Join(dir, "site", "world", "index.html") + ":1: not-articles: a page without an article's text (Readability's check: too little text in paragraphs); name the file to read it anyway",
	}, r.problems)
	assert.Equal(t, "Talks in Geneva were adjourned until Wednesday, the mediators said.", r.byID(t, "site/brief-og").Text)

	a := r.byID(t, "site/2025/ukraine-plan")
	assert.Equal(t, "U.S. and Russia draft Ukraine peace plan", a.Title)
	assert.Equal(t, "Example Wire", a.Outlet)
	assert.Equal(t, "Jane Doe", a.Byline)
	assert.Equal(t, "https://example.com/2025/11/18/ukraine-plan", a.URL)
	assert.Equal(t, time.Date(2025, 11, 18, 21, 5, 0, 0, time.UTC), a.Published)
	body := bodyText(a)
	for _, p := range paragraphs {
		assert.Contains(t, body, p, "every paragraph of the article")
	}
	for _, furniture := range []string{"Politics", "Subscribe", "Share on", "Related stories", "Markets rally", "newsletter", "All rights reserved", "Privacy", "dataLayer", "font-family"} {
		assert.NotContains(t, a.Text, furniture, "the site's furniture is not the article's text")
	}
	for _, s := range a.Body() {
		assert.NotContains(t, a.Text[s.Start:s.End], "\n\n\n")
	}
	checkSpans(t, a)

	cafe := r.byID(t, "site/cafe")
	assert.Contains(t, cafe.Text, "The café owner’s résumé", "decoded from the page's charset")

	// Named itself, a page that fails the check is read for what text it has.
	r = read(t, []string{filepath.Join(dir, "site", "world", "index.html")}, Options{})
	assert.Empty(t, r.problems)
	require.Len(t, r.articles, 1)

	// Read again, the same article: Readability's choices are deterministic.
	again := read(t, []string{dir}, Options{})
	assert.Equal(t, a, again.byID(t, "site/2025/ukraine-plan"))
}

func TestReadPageBadInput(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"empty.html":  "",
		"binary.html": "\x00\x01\x02<html>",
		"nobody.html": "<html><head><title>Only a title</title></head><body></body></html>",
		"deep.html":   "<html><body>" + strings.Repeat("<div>", 600) + "<p>Deep.</p>" + strings.Repeat("</div>", 600) + "</body></html>",
	})
	for _, tt := range []struct{ name, want string }{
		{"empty.html", "empty"},
		{"binary.html", "binary"},
		{"deep.html", "unreadable: not parsed as a web page: html: open stack of elements exceeds 512 nodes"},
	} {
		r := read(t, []string{filepath.Join(dir, tt.name)}, Options{})
		require.Len(t, r.problems, 1, tt.name)
		assert.Contains(t, r.problems[0], tt.name+":", tt.name)
		assert.Contains(t, r.problems[0], ": "+tt.want, tt.name)
	}
	// A page with a title and no text is a headline-only article, as a
	// record with a title and no text is.
	r := read(t, []string{filepath.Join(dir, "nobody.html")}, Options{})
	assert.Empty(t, r.problems)
	if assert.Len(t, r.articles, 1) {
		assert.Equal(t, "Only a title", r.articles[0].Title)
	}
}

// TestPageMeta: a page's URL and publication time come from its head (and
// microdata), read with ParseDate whatever the machine's time zone.
func TestPageMeta(t *testing.T) {
	for _, tt := range []struct {
		name, head, body, url, published string
		article                          bool
	}{
		{"canonical over og:url", `<link rel="canonical" href="https://a.example/x"><meta property="og:url" content="https://b.example/y">`, "", "https://a.example/x", "", false},
		{"og:url", `<meta property="og:url" content="https://b.example/y">`, "", "https://b.example/y", "", false},
		{"relative canonical", `<link rel="canonical" href="/x">`, "", "", "", false},
		{"JSON-LD first", `<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-11-18T10:00:00Z"}</script><meta property="article:published_time" content="2025-11-17">`, "", "", "2025-11-18T10:00:00Z", true},
		{"JSON-LD graph", `<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle", "datePublished": "2025-11-19"}]}</script>`, "", "", "2025-11-19", true},
		{"JSON-LD array", `<script type="application/ld+json">[{"@type": "Organization"}, {"datePublished": "2025-11-20"}]</script>`, "", "", "2025-11-20", false},
		{"JSON-LD in CDATA", "<script type=\"application/ld+json\">\n  <![CDATA[\n  {\"datePublished\": \"2018-04-05T06:00\"}\n  ]]>\n</script>", "", "", "2018-04-05T06:00", false},
		{"broken JSON-LD, then meta", `<script type="application/ld+json">{oops</script><meta property="article:published_time" content="2025-11-17T08:00:00-05:00">`, "", "", "2025-11-17T08:00:00-05:00", false},
		{"ranked metas", `<meta name="date" content="2025-01-01"><meta name="pdate" content="20170113">`, "", "", "20170113", false},
		{"microdata in the body", "", `<meta itemprop="datePublished" content="2017-01-13T00:00:04-05:00"><time datetime="2016-01-01">x</time>`, "", "2017-01-13T00:00:04-05:00", false},
		{"time element", "", `<p>Posted <time datetime="2025-11-18T09:30">Nov 18</time></p>`, "", "2025-11-18T09:30", false},
		{"og:type article", `<meta property="og:type" content="article">`, "", "", "", true},
		{"og:type website", `<meta property="og:type" content="website">`, "", "", "", false},
		{"JSON-LD type list, schema.org URL", `<script type="application/ld+json">{"@type": ["WebPage", "https://schema.org/ReportageNewsArticle"]}</script>`, "", "", "", true},
		{"JSON-LD collection page", `<script type="application/ld+json">{"@type": "CollectionPage"}</script>`, "", "", "", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<html><head>" + tt.head + "</head><body>" + tt.body + "</body></html>"))
			require.NoError(t, err)
			info := pageMeta(doc)
			assert.Equal(t, tt.url, info.url)
			assert.Equal(t, tt.published, info.published)
			assert.Equal(t, tt.article, info.article)
		})
	}
}

func BenchmarkReadPage(b *testing.B) {
	page, _ := seedPage(b)
	dir := b.TempDir()
	path := filepath.Join(dir, "page.html")
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, err := Read([]string{path}, Options{}, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

func FuzzReadPage(f *testing.F) {
	page, _ := seedPage(f)
	for _, s := range []string{page, "<html><body><p>x</p></body></html>", "<article><p>a<p>b</article>", "<table><tr><td><p>cell</table>", "<!DOCTYPE html><title>t</title><div><br><br>text<br></div>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		path := filepath.Join(writeFiles(t, map[string]string{"p.html": s}), "p.html")
		var problems int
		stats, err := Read([]string{path}, Options{OnProblem: func(Problem) { problems++ }}, func(a Article) error {
			require.True(t, utf8.ValidString(a.Text))
			return nil
		})
		require.NoError(t, err)
		require.Equal(t, stats.SkippedTotal(), problems)
	})
}

func TestGuard(t *testing.T) {
	assert.NoError(t, guard(func() error { return nil }))
	assert.EqualError(t, guard(func() error { return fmt.Errorf("plain") }), "plain")
	assert.EqualError(t, guard(func() error { panic("index out of range") }), "the parser failed: index out of range")
}

// TestReadPagesWorkers: the web pages of a walk, read side by side, are
// handed on in the walk's order among the other files' records and
// problems, whatever the number of workers; a callback error stops it.
func TestReadPagesWorkers(t *testing.T) {
	page, _ := seedPage(t)
	files := map[string]string{}
	for i := range 30 {
		body := strings.ReplaceAll(page, "Example Wire", fmt.Sprintf("Outlet %d", i))
		switch i % 6 {
		case 1:
			body = `<html><body><nav><a href="/a">A</a></nav></body></html>` // not an article
		case 4:
			files[fmt.Sprintf("d/p%02d-note.txt", i)] = "A text file between the pages."
		case 5:
			files[fmt.Sprintf("d/p%02d-feed.jsonl", i)] = `{"id": "j` + fmt.Sprint(i) + `", "text": "A record."}` + "\n{bad\n"
		}
		files[fmt.Sprintf("d/p%02d.html", i)] = body
	}
	files["d/p07.html.gz"] = "not gzip"
	files["d/p08.doc"] = "unsupported"
	dir := writeFiles(t, files)
	defer func(n int) { pageWorkers = n }(pageWorkers)
	var want result
	for _, workers := range []int{1, 3, 8} {
		pageWorkers = workers
		got := read(t, []string{dir}, Options{})
		if workers == 1 {
			want = got
			require.Len(t, got.ids(), 25+5+5)
			continue
		}
		assert.Equal(t, want.ids(), got.ids(), "workers %d", workers)
		assert.Equal(t, want.problems, got.problems, "workers %d: problems in the walk's order", workers)
		assert.Equal(t, want.articles, got.articles, "workers %d", workers)
		assert.Equal(t, want.stats, got.stats, "workers %d", workers)
	}
	stop := errors.New("enough")
	for _, workers := range []int{1, 4} {
		pageWorkers = workers
		n := 0
		_, err := Read([]string{dir}, Options{}, func(Article) error {
			if n++; n == 7 {
				return stop
			}
			return nil
		})
		assert.ErrorIs(t, err, stop, "workers %d", workers)
		assert.Equal(t, 7, n, "workers %d", workers)
	}
}

func BenchmarkReadPagesDir(b *testing.B) {
	page, _ := seedPage(b)
	const pages = 200
	files := map[string]string{}
	for i := range pages {
		files[fmt.Sprintf("site/p%03d.html", i)] = page
	}
	dir := writeFiles(b, files)
	defer func(n int) { pageWorkers = n }(pageWorkers)
	for _, workers := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			pageWorkers = workers
			for b.Loop() {
				if _, err := Read([]string{dir}, Options{}, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*pages)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}

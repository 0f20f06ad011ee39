package main

import (
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/listing"
)

// TestDedupWebFormats: seed 000 republished as a web page, as a feed
// item and as a JSON record whose body is HTML, beside the five seeds:
// each is read as its article's text, so the three and the seed are one
// copy group, with the metadata each format gives.
func TestDedupWebFormats(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(seeds, "000_4bd703d3e122696c.txt"))
	require.NoError(t, err)
	var paras []string
	for p := range strings.SplitSeq(string(data), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			paras = append(paras, p)
		}
	}
	paras[0] = strings.TrimPrefix(paras[0], "date 2025-11-18 ")
	var body strings.Builder
	for _, p := range paras {
		fmt.Fprintf(&body, "<p>%s</p>\n", html.EscapeString(p))
	}
	page := `<!DOCTYPE html><html><head><title>Plan | Example Wire</title>
<meta property="og:site_name" content="Example Wire"><meta property="article:published_time" content="2025-11-18T20:00:00Z">
<link rel="canonical" href="https://example.com/plan"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/subscribe">Subscribe</a></nav>
<article><h1>Plan</h1>` + body.String() + `</article>
<aside><h2>Related</h2><ul><li><a href="/x">Markets rally</a></li></ul></aside><footer><p>© Example Wire</p></footer></body></html>`
	feed := `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Feed Daily</title>
<item><guid>feed-1</guid><title>Plan</title><link>https://feed.example/plan</link><pubDate>Tue, 18 Nov 2025 21:00:00 GMT</pubDate>
<content:encoded><![CDATA[` + body.String() + `]]></content:encoded></item></channel></rss>`
	rec, err := json.Marshal(map[string]string{"id": "json-1", "outlet": "JSON Post", "content": `<div class="entry">` + body.String() + `</div>`})
	require.NoError(t, err)

	dir := t.TempDir()
	for name, content := range map[string]string{"page.html": page, "news.rss": feed, "api.jsonl": string(rec) + "\n"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644))
	}
	out, errs, code := wirediff(t, "", "dedup", "--no-index", "--level", "copy", "--format", "jsonl", "--strict", seeds, dir)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "read 8 articles from 8 files, skipped 0")
	members := map[string]listing.Member{}
	for line := range strings.SplitSeq(strings.TrimSpace(out), "\n") {
		var m listing.Member
		require.NoError(t, json.Unmarshal([]byte(line), &m))
		members[m.ID] = m
	}
	seed := members["000_4bd703d3e122696c"]
	require.NotEmpty(t, seed.Groups.Copy)
	assert.NotEqual(t, seed.Groups.Copy, members["001_2ea4910e153269e2"].Groups.Copy, "a rewrite is no copy")
	for _, id := range []string{"page", "feed-1", "json-1"} {
		assert.Equal(t, seed.Groups.Copy, members[id].Groups.Copy, "%s is a copy of seed 000", id)
	}
	assert.Equal(t, "Example Wire", members["page"].Outlet)
	assert.Equal(t, "Feed Daily", members["feed-1"].Outlet)
	assert.Equal(t, "JSON Post", members["json-1"].Outlet)
}

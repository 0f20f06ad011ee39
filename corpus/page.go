package corpus

import (
	"bytes"
	"errors"
	"io"
	"net/url"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// Web pages. A saved or crawled page (.html, .htm) is one article: its
// main text as Mozilla's Readability finds it (the Go port
// codeberg.org/readeck/go-readability), leaving out navigation, headers,
// footers, share buttons and related links; its title, byline, site name
// (the outlet) and publication time from the page's metadata (Open Graph,
// JSON-LD, meta tags); its URL from the canonical link. A page found in a
// directory walk that holds no article by Readability's check (a section
// front, an index page) is skipped as [NotArticles]; one named itself is
// read whatever its text.

// readPage reads an HTML page as one article.
func (r *run) readPage(src *source, id string) error {
	path := src.path
	data, ok := r.wholeFile(src)
	if !ok {
		return nil
	}
	if !src.decoded && !utf8.Valid(data) {
		// The page says its encoding (a byte order mark, <meta charset>),
		// or HTML's default for pages that do not: windows-1252.
		enc, name, _ := charset.DetermineEncoding(data, "text/html")
		dec, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			r.problem(path, 1, InvalidUTF8, "not readable as %s, the page's encoding: %v", name, err)
			return nil
		}
		data = dec
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		r.problem(path, 0, Unreadable, "%v", err)
		return nil
	}
	if r.walked && !readability.CheckDocument(doc) {
		r.problem(path, 0, NotArticles, "a page without an article's text (Readability's check: too little text in paragraphs); name the file to read it anyway")
		return nil
	}
	pageURL := canonicalURL(doc)
	var base *url.URL
	if pageURL != "" {
		base, _ = url.Parse(pageURL)
	}
	parser := readability.NewParser()
	page, err := parser.ParseAndMutate(doc, base)
	if err != nil {
		r.problem(path, 0, Empty, "no article text found in the page: %v", err)
		return nil
	}
	a := Article{
		Title:  cleanField(page.Title()),
		Outlet: cleanField(page.SiteName()),
		Byline: cleanField(page.Byline()),
		URL:    pageURL,
		Origin: path + ":1",
	}
	if page.Node != nil {
		a.Text = nodeText(page.Node)
	}
	switch t, err := page.PublishedTime(); {
	case err == nil:
		a.Published = t.UTC()
	case !errors.Is(err, readability.ErrTimestampMissing):
		r.unreadDate(path, 1, "the page's publication time: "+err.Error())
	}
	return r.finish(a, record{path: path, line: 1, defaultID: id})
}

// wholeFile reads the whole of src, a file read as one article, or
// reports why it cannot be and returns false: unreadable, over the record
// limit, or binary.
func (r *run) wholeFile(src *source) ([]byte, bool) {
	path := src.path
	data, err := io.ReadAll(io.LimitReader(src.r, int64(r.max)+1))
	if err != nil {
		r.problem(path, 0, Unreadable, "%v", unwrapPathError(err))
		return nil, false
	}
	if len(data) > r.max {
		r.problem(path, 1, TooLong, "file larger than %d bytes", r.max)
		return nil, false
	}
	if line, ok := binaryLine(data); ok {
		r.problem(path, line, Binary, "NUL or control bytes%s", binaryHint(src, data[:min(len(data), sniffBytes)]))
		return nil, false
	}
	return data, true
}

// canonicalURL returns the page's own URL as its head states it: the
// canonical link, else the Open Graph URL; "" when it states neither as an
// absolute http(s) URL.
func canonicalURL(doc *html.Node) string {
	var canonical, og string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "link":
				if canonical == "" && strings.EqualFold(attr(n, "rel"), "canonical") {
					canonical = absoluteURL(attr(n, "href"))
				}
			case "meta":
				if og == "" && attr(n, "property") == "og:url" {
					og = absoluteURL(attr(n, "content"))
				}
			case "body":
				return // the head's links are what the page says of itself
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if canonical != "" {
		return canonical
	}
	return og
}

// absoluteURL returns s, trimmed, when it is an absolute http or https
// URL, else "".
func absoluteURL(s string) string {
	s = strings.TrimSpace(s)
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return s
}

// attr returns the value of n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
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
// directory walk (or a web archive) that holds no article by Readability's
// check (a section front, an index page) is skipped as [NotArticles],
// unless it says it is an article (its Open Graph type, a JSON-LD
// NewsArticle: a brief too short for the check); one named itself is read
// whatever its text.

// readPage reads an HTML page as one article.
func (r *run) readPage(src *source, id string) error {
	data, ok := r.wholeFile(src)
	if !ok {
		return nil
	}
	if job := r.pending; job != nil {
		// A page of a walk's batch: read with the others.
		job.data, job.id, job.charset = data, id, !src.decoded
		return nil
	}
	return r.page(src.path, 1, data, !src.decoded, r.walked, id, "")
}

// page reads data, an HTML page found in the file at path at line, as
// one article named id (see [extractPage]).
func (r *run) page(path string, line int, data []byte, charsetDecode, check bool, id, fetched string) error {
	return r.emitPage(path, line, id, extractPage(data, charsetDecode, check, fetched))
}

// pageRead is a page as [extractPage] read it: the article (without its
// ID and origin) and its publication time as written, or why it is none.
type pageRead struct {
	a         Article
	published string
	reason    Reason // "" when the page was read
	detail    string
}

// extractPage reads data, an HTML page, as one article: decoded from the
// charset it declares when charsetDecode is set and it is not UTF-8;
// none ([NotArticles]) when check is set and Readability finds no article
// in it. fetched is the URL it was fetched from, "" when not known: the
// URL unless the page names its own. It touches no state of a run, so
// that pages can be read side by side.
func extractPage(data []byte, charsetDecode, check bool, fetched string) pageRead {
	fail := func(reason Reason, format string, args ...any) pageRead {
		return pageRead{reason: reason, detail: fmt.Sprintf(format, args...)}
	}
	if charsetDecode && !utf8.Valid(data) {
		// The page says its encoding (a byte order mark, <meta charset>),
		// or HTML's default for pages that do not: windows-1252.
		enc, name, _ := charset.DetermineEncoding(data, "text/html")
		dec, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return fail(InvalidUTF8, "not readable as %s, the page's encoding: %v", name, err)
		}
		// A page guessed to be UTF-8 from its first kilobyte may hold
		// bytes that are not, further on: a browser shows each as U+FFFD.
		data = bytes.ToValidUTF8(dec, []byte("\uFFFD"))
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		// Only a page nested deeper than the parser's 512 open elements.
		return fail(Unreadable, "not parsed as a web page: %v", err)
	}
	meta := pageMeta(doc)
	if check && !meta.article {
		readable := false
		if err := guard(func() error { readable = readability.CheckDocument(doc); return nil }); err != nil {
			return fail(Empty, "no article text found in %s: %v", orPage(fetched), err)
		}
		if !readable {
			return fail(NotArticles, "%s without an article's text (Readability's check: too little text in paragraphs)%s", orPage(fetched), map[bool]string{true: "; name the file to read it anyway", false: ""}[fetched == ""])
		}
	}
	pageURL, published := meta.url, meta.published
	if pageURL == "" {
		pageURL = absoluteURL(fetched)
	}
	var base *url.URL
	if pageURL != "" {
		base, _ = url.Parse(pageURL)
	}
	var page readability.Article
	err = guard(func() (err error) {
		parser := readability.NewParser()
		page, err = parser.ParseAndMutate(doc, base)
		return err
	})
	if err != nil {
		return fail(Empty, "no article text found in %s: %v", orPage(fetched), err)
	}
	a := Article{
		Title:  cleanField(page.Title()),
		Outlet: cleanField(page.SiteName()),
		Byline: pageByline(page.Byline()),
		URL:    pageURL,
	}
	if page.Node != nil {
		a.Text = nodeText(page.Node)
	}
	return pageRead{a: a, published: published}
}

// emitPage reports p, the page at line of the file at path, as its
// problem, or hands it on as the article named id.
func (r *run) emitPage(path string, line int, id string, p pageRead) error {
	if p.reason != "" {
		r.problem(path, line, p.reason, "%s", p.detail)
		return nil
	}
	a := p.a
	a.Origin = path + ":" + strconv.Itoa(line)
	if p.published != "" {
		if d, ok := ParseDateAs(p.published, r.opt.DateOrder); ok {
			a.Published = d
		} else {
			r.unreadDate(path, line, quoteValue(p.published))
		}
	}
	return r.finish(a, record{path: path, line: line, defaultID: id, byURL: true})
}

// guard runs fn, a third-party parser reading untrusted input, and
// returns a panic of it as an error, so that one bad page or record is
// reported rather than the run stopped.
func guard(fn func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("the parser failed: %v", p)
		}
	}()
	return fn()
}

// orPage names the page fetched from url, "a page" when url is "".
func orPage(url string) string {
	if url == "" {
		return "a page"
	}
	return "the page of " + url
}

// wholeFile reads the whole of src, a file read as one article, or
// reports why it cannot be and returns false: unreadable, over the record
// limit, or binary.
func (r *run) wholeFile(src *source) ([]byte, bool) {
	path := src.path
	data, ok := r.readBounded(path, src.r, int64(r.max), 1, "file larger than %d bytes")
	if !ok {
		return nil, false
	}
	if line, ok := binaryLine(data); ok {
		r.problem(path, line, Binary, "NUL or control bytes%s", binaryHint(src, data[:min(len(data), sniffBytes)]))
		return nil, false
	}
	return data, true
}

// pageInfo is what a page says of itself (see [pageMeta]).
type pageInfo struct {
	url, published string
	article        bool
}

// pageMeta returns what the page says of itself: its own URL (the
// canonical link, else the Open Graph URL; "" unless an absolute http(s)
// URL) and its publication time as written ("" when it gives none), read
// with [ParseDate] like every other date rather than by Readability, whose
// parser reads a time without a zone in the machine's. The time is the
// first found of: JSON-LD's datePublished, the meta tags
// article:published_time, a microdata datePublished, Dublin Core's
// issued, created or available, parsely-pub-date, pdate, pubdate,
// publish-date and date, then the first <time datetime>. The page is an
// article by its own word when its Open Graph type is "article" or a
// JSON-LD object of it is a schema.org article (NewsArticle and its kinds,
// Article, Report, BlogPosting).
func pageMeta(doc *html.Node) pageInfo {
	var info pageInfo
	var canonical, og, timeTag string
	var jsonLD []string
	metas := map[string]string{} // the first value of each date meta tag
	stack := []*html.Node{doc}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
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
				if attr(n, "property") == "og:type" && strings.EqualFold(strings.TrimSpace(attr(n, "content")), "article") {
					info.article = true
				}
				for _, key := range []string{attr(n, "property"), attr(n, "name"), "itemprop:" + attr(n, "itemprop")} {
					key = strings.ToLower(strings.TrimSpace(key))
					if _, ok := metas[key]; !ok && dateMetas[key] > 0 {
						metas[key] = strings.TrimSpace(attr(n, "content"))
					}
				}
			case "time":
				if timeTag == "" {
					timeTag = strings.TrimSpace(attr(n, "datetime"))
				}
			case "script":
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil {
					jsonLD = append(jsonLD, n.FirstChild.Data)
				}
				continue
			}
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	info.url = canonical
	if info.url == "" {
		info.url = og
	}
	for _, src := range jsonLD {
		v, article := jsonLDPublished(src)
		info.article = info.article || article
		if info.published == "" {
			info.published = v
		}
	}
	if info.published != "" {
		return info
	}
	best, rank := "", 0
	for key, v := range metas {
		if r := dateMetas[key]; v != "" && (rank == 0 || r < rank) {
			best, rank = v, r
		}
	}
	if best != "" {
		info.published = best
		return info
	}
	info.published = timeTag
	return info
}

// articleTypes are the schema.org types of a JSON-LD object that make a
// page an article by its own word.
var articleTypes = map[string]bool{
	"Article": true, "NewsArticle": true, "AnalysisNewsArticle": true, "AskPublicNewsArticle": true,
	"BackgroundNewsArticle": true, "OpinionNewsArticle": true, "ReportageNewsArticle": true,
	"ReviewNewsArticle": true, "Report": true, "BlogPosting": true, "SatiricalArticle": true,
}

// dateMetas ranks the meta tags that give a page's publication time, by
// property, name or (prefixed "itemprop:") microdata property: the lower
// the rank, the more it is trusted.
var dateMetas = map[string]int{
	"article:published_time": 1, "itemprop:datepublished": 2,
	"dcterms.issued": 3, "dcterms.created": 4, "dcterms.available": 5, "dc.date.issued": 6,
	"parsely-pub-date": 7, "pdate": 8, "pubdate": 9, "publish-date": 10, "date": 11,
}

// jsonLDPublished returns the datePublished of a JSON-LD block: of its
// object, of the first object of a top-level array holding one, or of
// the first object of its @graph holding one; "" when none, or when the
// block is not JSON (within a CDATA section or not). It also reports
// whether one of those objects is of a schema.org article type.
func jsonLDPublished(src string) (published string, article bool) {
	src = strings.TrimSpace(src)
	if s, ok := strings.CutPrefix(src, "<![CDATA["); ok { // as XHTML writes scripts
		src, _ = strings.CutSuffix(strings.TrimSpace(s), "]]>")
	}
	var v any
	if json.Unmarshal([]byte(src), &v) != nil {
		return "", false
	}
	var objects []any
	switch v := v.(type) {
	case map[string]any:
		objects = append(objects, v)
		if g, ok := v["@graph"].([]any); ok {
			objects = append(objects, g...)
		}
	case []any:
		objects = v
	}
	for _, o := range objects {
		m, ok := o.(map[string]any)
		if !ok {
			continue
		}
		types, _ := m["@type"].([]any)
		if t, ok := m["@type"].(string); ok {
			types = append(types, t)
		}
		for _, t := range types {
			if t, ok := t.(string); ok && articleTypes[strings.TrimPrefix(strings.TrimPrefix(t, "https://schema.org/"), "http://schema.org/")] {
				article = true
			}
		}
		if d, ok := m["datePublished"].(string); ok && strings.TrimSpace(d) != "" && published == "" {
			published = strings.TrimSpace(d)
		}
	}
	return published, article
}

// pageByline returns the byline a page gives, without a leading "By".
func pageByline(s string) string {
	if names, ok := bylineLine(s); ok {
		return names
	}
	return cleanField(s)
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

// isPage reports whether path names a web page (see [run.reader]).
func isPage(path string) bool {
	name, _ := compression(path)
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".xhtml":
		return true
	}
	return false
}

// pageJob is a web page met in a directory walk: its bytes, read in the
// walk's order, and then the page as read, handed on in that order.
type pageJob struct {
	path, id string
	data     []byte // nil when the file gave no page (its problems say why)
	charset  bool   // the page's declared charset decides, if not UTF-8
	page     pageRead
	problems []Problem // met reading the file, said in its turn
}

// queuePage reads the web page at path, met in a walk at rel, into the
// batch of pages read side by side (see [run.flushPages]); a full batch
// is read and handed on.
func (r *run) queuePage(path, rel string) error {
	job := &pageJob{path: path}
	r.pending = job
	err := r.file(path, rel) // readPage fills job
	r.pending = nil
	if err != nil {
		return err
	}
	r.pages = append(r.pages, job)
	if len(r.pages) >= 4*max(1, pageWorkers) {
		return r.flushPages()
	}
	return nil
}

// flushPages reads the batch of pages side by side, with pageWorkers
// goroutines, and hands them on in the walk's order: the problems met
// reading each file, then its article or why it is none.
func (r *run) flushPages() error {
	jobs := r.pages
	r.pages = r.pages[:0]
	if len(jobs) == 0 {
		return nil
	}
	next := make(chan *pageJob)
	var wg sync.WaitGroup
	for range min(max(1, pageWorkers), len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				j.page = extractPage(j.data, j.charset, true, "")
				j.data = nil
			}
		}()
	}
	for _, j := range jobs {
		if j.data != nil {
			next <- j
		}
	}
	close(next)
	wg.Wait()
	for _, j := range jobs {
		for _, p := range j.problems {
			if r.opt.OnProblem != nil {
				r.opt.OnProblem(p)
			}
		}
		if j.id == "" {
			continue // no page: its problems said why
		}
		if err := r.emitPage(j.path, 1, j.id, j.page); err != nil {
			return err
		}
	}
	return nil
}

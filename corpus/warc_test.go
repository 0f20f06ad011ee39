package corpus

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net/http/httputil"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/zstd"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testWARCRecord returns a WARC/1.1 record of type typ for uri holding block.
func testWARCRecord(typ, uri, contentType string, block []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%08d-0000-0000-0000-000000000000>\r\nWARC-Date: 2025-11-19T10:00:00Z\r\n", typ, len(uri)+len(block))
	if uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", uri)
	}
	fmt.Fprintf(&b, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n", contentType, len(block))
	b.Write(block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

// httpResponse returns an HTTP/1.1 response of status with headers and body.
func httpResponse(status string, headers []string, body []byte) []byte {
	var b bytes.Buffer
	b.WriteString("HTTP/1.1 " + status + "\r\n")
	for _, h := range headers {
		b.WriteString(h + "\r\n")
	}
	b.WriteString("\r\n")
	b.Write(body)
	return b.Bytes()
}

func gzipBytes(t *testing.T, p []byte) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	_, err := zw.Write(p)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return b.Bytes()
}

// TestReadWARC: a crawl of one site, as a .warc.gz of one gzip member per
// record: the HTML responses are articles (a plain one, one sent gzipped
// and chunked), and the rest is passed over: the warcinfo and request
// records, a redirect, an image, and a section front (reported).
func TestReadWARC(t *testing.T) {
	page, paragraphs := seedPage(t)
	front := `<!DOCTYPE html><html><head><title>World</title></head><body><nav><a href="/a">One</a> <a href="/b">Two</a></nav></body></html>`
	var chunked bytes.Buffer
	cw := httputil.NewChunkedWriter(&chunked)
	_, err := cw.Write(gzipBytes(t, []byte(strings.Replace(page, "https://example.com/2025/11/18/ukraine-plan", "https://example.com/2025/11/18/ukraine-plan-2", 1))))
	require.NoError(t, err)
	require.NoError(t, cw.Close())
	chunked.WriteString("\r\n")
	html := "Content-Type: text/html; charset=utf-8"
	records := [][]byte{
		testWARCRecord("warcinfo", "", "application/warc-fields", []byte("software: test\r\n")),
		testWARCRecord("request", "https://example.com/2025/11/18/ukraine-plan", "application/http; msgtype=request", []byte("GET /2025/11/18/ukraine-plan HTTP/1.1\r\nHost: example.com\r\n\r\n")),
		testWARCRecord("response", "https://example.com/2025/11/18/ukraine-plan", "application/http; msgtype=response", httpResponse("200 OK", []string{html}, []byte(page))),
		testWARCRecord("response", "https://example.com/old", "application/http; msgtype=response", httpResponse("301 Moved Permanently", []string{"Location: https://example.com/new", html}, nil)),
		testWARCRecord("response", "https://example.com/logo.png", "application/http; msgtype=response", httpResponse("200 OK", []string{"Content-Type: image/png"}, []byte("\x89PNG\r\n\x1a\n"))),
		testWARCRecord("response", "https://example.com/world", "application/http; msgtype=response", httpResponse("200 OK", []string{html}, []byte(front))),
		testWARCRecord("response", "https://mirror.example/plan", "application/http; msgtype=response", httpResponse("200 OK", []string{html, "Content-Encoding: gzip", "Transfer-Encoding: chunked"}, chunked.Bytes())),
	}
	var plain, gz bytes.Buffer
	for _, rec := range records {
		plain.Write(rec)
		gz.Write(gzipBytes(t, rec))
	}
	dir := writeFiles(t, map[string]string{"crawl.warc.gz": gz.String(), "plain/crawl.warc": plain.String()})
	for _, name := range []string{"crawl.warc.gz", filepath.Join("plain", "crawl.warc")} {
		path := filepath.Join(dir, name)
		r := read(t, []string{path}, Options{})
		assert.Equal(t, []string{"https://example.com/2025/11/18/ukraine-plan", "https://mirror.example/plan"}, r.ids(), name)
		a := r.byID(t, "https://example.com/2025/11/18/ukraine-plan")
		assert.Equal(t, "Example Wire", a.Outlet)
		assert.Equal(t, "https://example.com/2025/11/18/ukraine-plan", a.URL)
		for _, p := range paragraphs {
			assert.Contains(t, a.Text, p)
		}
		m := r.byID(t, "https://mirror.example/plan")
		assert.Equal(t, a.Text, m.Text, "gzipped and chunked, the same page")
		assert.Equal(t, "https://example.com/2025/11/18/ukraine-plan-2", m.URL, "the page's canonical URL")
		require.Len(t, r.problems, 1, "%q", r.problems)
		assert.Contains(t, r.problems[0], "not-articles: the page of https://example.com/world without an article's text")
	}
	// A web archive is a container of its own, whose pages name their
	// encodings: --encoding leaves its bytes alone (a gzipped page decoded
	// as windows-1252 was no longer gzip).
	enc, fallback, err := ParseEncodings("windows-1252")
	require.NoError(t, err)
	r := read(t, []string{filepath.Join(dir, "plain", "crawl.warc")}, Options{Encoding: enc, Fallback: fallback})
	assert.Equal(t, []string{"https://example.com/2025/11/18/ukraine-plan", "https://mirror.example/plan"}, r.ids(), "with --encoding")
	assert.Equal(t, r.byID(t, "https://example.com/2025/11/18/ukraine-plan").Text, r.byID(t, "https://mirror.example/plan").Text)

	// The record lines are the file's.
	r = read(t, []string{filepath.Join(dir, "plain", "crawl.warc")}, Options{})
	line := 1 + bytes.Count(plain.Bytes()[:bytes.Index(plain.Bytes(), records[2])], []byte("\n"))
	assert.Equal(t, fmt.Sprintf("%s:%d", filepath.Join(dir, "plain", "crawl.warc"), line), r.byID(t, "https://example.com/2025/11/18/ukraine-plan").Origin)
}

// encodeBytes returns p compressed with the HTTP content coding named.
func encodeBytes(t *testing.T, coding string, p []byte) []byte {
	var b bytes.Buffer
	var w io.WriteCloser
	var err error
	switch coding {
	case "gzip":
		return gzipBytes(t, p)
	case "br":
		w = brotli.NewWriter(&b)
	case "zstd":
		w, err = zstd.NewWriter(&b)
	case "deflate":
		w = zlib.NewWriter(&b)
	case "raw deflate":
		w, err = flate.NewWriter(&b, flate.DefaultCompression)
	}
	require.NoError(t, err)
	_, err = w.Write(p)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return b.Bytes()
}

// TestReadWARCContentEncodings: a page sent with each content coding a
// crawler meets (deflate as the RFC has it, zlib-wrapped, and raw as some
// servers send it; codings stacked; a body stored decompressed under its
// header) reads as the plain page does.
func TestReadWARCContentEncodings(t *testing.T) {
	page, _ := seedPage(t)
	html := "Content-Type: text/html; charset=utf-8"
	response := func(uri string, header string, body []byte) []byte {
		return testWARCRecord("response", uri, "application/http; msgtype=response", httpResponse("200 OK", []string{html, header}, body))
	}
	var w bytes.Buffer
	w.Write(response("https://example.com/plain", "X-Plain: 1", []byte(page)))
	want := []string{"https://example.com/plain"}
	for _, coding := range []string{"gzip", "br", "zstd", "deflate", "raw deflate"} {
		uri := "https://example.com/" + strings.ReplaceAll(coding, " ", "-")
		w.Write(response(uri, "Content-Encoding: "+strings.TrimPrefix(coding, "raw "), encodeBytes(t, coding, []byte(page))))
		want = append(want, uri)
	}
	w.Write(response("https://example.com/stacked", "Content-Encoding: br, gzip", encodeBytes(t, "gzip", encodeBytes(t, "br", []byte(page)))))
	w.Write(response("https://example.com/stored", "Content-Encoding: br", []byte("\ufeff\n "+page)))
	want = append(want, "https://example.com/stacked", "https://example.com/stored")
	dir := writeFiles(t, map[string]string{"crawl.warc": w.String()})
	r := read(t, []string{dir}, Options{})
	require.Empty(t, r.problems)
	assert.ElementsMatch(t, want, r.ids())
	plain := r.byID(t, "https://example.com/plain").Text
	require.NotEmpty(t, plain)
	for _, id := range want {
		assert.Equal(t, plain, r.byID(t, id).Text, id)
	}
}

// TestReadWARCHTTPVersions: crawlers that fetch over HTTP/2 and HTTP/3
// write the status line without a minor version ("HTTP/2 200"), which
// net/http does not parse: those pages are read too, and a head that
// does not parse is reported, not passed over.
func TestReadWARCHTTPVersions(t *testing.T) {
	page, _ := seedPage(t)
	var w bytes.Buffer
	var want []string
	for _, version := range []string{"HTTP/1.0", "HTTP/1.1", "HTTP/2", "HTTP/2.0", "HTTP/3"} {
		var b bytes.Buffer
		b.WriteString(version + " 200\r\nContent-Type: text/html\r\n\r\n" + page)
		uri := "https://example.com/" + strings.ReplaceAll(version, "/", "-")
		w.Write(testWARCRecord("response", uri, "application/http; msgtype=response", b.Bytes()))
		want = append(want, uri)
	}
	w.Write(testWARCRecord("response", "https://example.com/bad", "application/http; msgtype=response", []byte("HTTP/1.1 OK\r\nContent-Type: text/html\r\n\r\n"+page)))
	dir := writeFiles(t, map[string]string{"crawl.warc": w.String()})
	r := read(t, []string{dir}, Options{})
	assert.ElementsMatch(t, want, r.ids())
	require.Len(t, r.problems, 1, "%q", r.problems)
	assert.Contains(t, r.problems[0], "crawl.warc:")
	assert.Contains(t, r.problems[0], "malformed-warc: https://example.com/bad: HTTP response head: ")
}

// A response without a Content-Type header is sniffed as a browser does:
// a page is read (before, it was passed over unreported), an image or
// plain text is not a page.
func TestReadWARCUntypedResponses(t *testing.T) {
	page, _ := seedPage(t)
	response := func(uri string, headers []string, body []byte) []byte {
		return testWARCRecord("response", uri, "application/http; msgtype=response", httpResponse("200 OK", headers, body))
	}
	var w bytes.Buffer
	w.Write(response("https://example.com/page", nil, []byte("\n  "+page)))
	w.Write(response("https://example.com/gzipped", []string{"Content-Encoding: gzip"}, gzipBytes(t, []byte(page))))
	w.Write(response("https://example.com/logo", nil, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")))
	w.Write(response("https://example.com/robots", nil, []byte("User-agent: *\nDisallow:\n")))
	dir := writeFiles(t, map[string]string{"crawl.warc": w.String()})
	r := read(t, []string{dir}, Options{})
	assert.Empty(t, r.problems)
	assert.Equal(t, []string{"https://example.com/page", "https://example.com/gzipped"}, r.ids())
	assert.Equal(t, r.byID(t, "https://example.com/page").Text, r.byID(t, "https://example.com/gzipped").Text)
}

// A page stored without its HTTP head (a resource record of HTML, a
// response of type text/html, or one that says application/http and
// holds markup) is read; a response that says application/http and holds
// neither a head nor markup is reported, not passed over; a DNS lookup is
// no page. A file of records none of which is a page says so.
func TestReadWARCStoredPages(t *testing.T) {
	page, _ := seedPage(t)
	var w bytes.Buffer
	w.Write(testWARCRecord("response", "https://example.com/nohead", "application/http; msgtype=response", []byte(page)))
	w.Write(testWARCRecord("response", "https://example.com/garbage", "application/http; msgtype=response", []byte("garbage line\r\nContent-Type: text/html\r\n\r\n"+page)))
	w.Write(testWARCRecord("response", "https://example.com/texthtml", "text/html", []byte(page)))
	w.Write(testWARCRecord("resource", "https://example.com/resource", "text/html; charset=utf-8", []byte(page)))
	w.Write(testWARCRecord("resource", "https://example.com/logo", "image/png", []byte("\x89PNG\r\n\x1a\n")))
	w.Write(testWARCRecord("response", "dns:example.com", "text/dns", []byte("20251119100000\nexample.com. 300 IN A 192.0.2.1\n")))
	dir := writeFiles(t, map[string]string{
		"crawl.warc": w.String(),
		"dns.warc":   string(testWARCRecord("response", "dns:example.com", "text/dns", []byte("20251119100000\n"))),
	})
	r := read(t, []string{dir}, Options{})
	assert.Equal(t, []string{"https://example.com/nohead", "https://example.com/texthtml", "https://example.com/resource"}, r.ids())
	require.Len(t, r.problems, 2, "%q", r.problems)
	assert.Contains(t, r.problems[0], `crawl.warc:`)
	assert.Contains(t, r.problems[0], `malformed-warc: https://example.com/garbage: HTTP response head: not an HTTP response (it starts "garbage line")`)
	assert.Contains(t, r.problems[1], "dns.warc:1: empty: no HTML page among its WARC records (1: ")
}

func TestReadWARCBad(t *testing.T) {
	page, _ := seedPage(t)
	good := testWARCRecord("response", "https://example.com/a", "application/http; msgtype=response", httpResponse("200 OK", []string{"Content-Type: text/html"}, []byte(page)))
	dir := writeFiles(t, map[string]string{
		"cut.warc":   string(good) + "WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 90000\r\n\r\n<html>cut short",
		"junk.warc":  "this is not a web archive\n",
		"empty.warc": "",
		"nouri.warc": string(testWARCRecord("response", "", "application/http; msgtype=response", httpResponse("200 OK", []string{"Content-Type: text/html"}, []byte(page)))),
		"br.warc":    string(testWARCRecord("response", "https://example.com/b", "application/http; msgtype=response", httpResponse("200 OK", []string{"Content-Type: text/html", "Content-Encoding: br"}, []byte("\x0b\x02\x80 no brotli")))),
		"lzw.warc":   string(testWARCRecord("response", "https://example.com/c", "application/http; msgtype=response", httpResponse("200 OK", []string{"Content-Type: text/html", "Content-Encoding: compress"}, []byte("\x1f\x9d\x90")))),
	})
	r := read(t, []string{dir}, Options{})
	assert.ElementsMatch(t, []string{"https://example.com/a", "nouri:1"}, r.ids(), "a response without its address is named after its file and line")
	require.Len(t, r.problems, 5, "%q", r.problems)
	assert.Contains(t, r.problems[0], "br.warc:1: unreadable: https://example.com/b: content encoding \"br\": ")
	assert.Contains(t, r.problems[1], "cut.warc:")
	assert.Contains(t, r.problems[1], "malformed-warc")
	assert.Contains(t, r.problems[2], "empty.warc:1: empty: no WARC records")
	assert.Contains(t, r.problems[3], "junk.warc:1: malformed-warc")
	assert.Contains(t, r.problems[4], "lzw.warc:1: unreadable: https://example.com/c: content encoding \"compress\" not read")
}

func FuzzReadWARC(f *testing.F) {
	page := "<html><head><title>T</title></head><body><article><p>" + strings.Repeat("Some words of the article. ", 30) + "</p></article></body></html>"
	f.Add(string(testWARCRecord("response", "https://example.com/a", "application/http; msgtype=response", httpResponse("200 OK", []string{"Content-Type: text/html"}, []byte(page)))))
	f.Add(string(testWARCRecord("request", "https://example.com/a", "application/http; msgtype=request", []byte("GET / HTTP/1.1\r\n\r\n"))))
	f.Add("WARC/1.1\r\nContent-Length: 5\r\n\r\nab")
	f.Fuzz(func(t *testing.T, s string) {
		path := filepath.Join(writeFiles(t, map[string]string{"f.warc": s}), "f.warc")
		var problems int
		stats, err := Read([]string{path}, Options{OnProblem: func(Problem) { problems++ }}, func(a Article) error {
			if a.ID == "" {
				t.Fatalf("article without an ID: %+v", a)
			}
			return nil
		})
		require.NoError(t, err)
		require.Equal(t, stats.SkippedTotal(), problems)
	})
}

func BenchmarkReadWARC(b *testing.B) {
	page, _ := seedPage(b)
	var w bytes.Buffer
	const pages = 200
	for i := range pages {
		uri := fmt.Sprintf("https://example.com/%d", i)
		w.Write(testWARCRecord("request", uri, "application/http; msgtype=request", []byte("GET / HTTP/1.1\r\n\r\n")))
		w.Write(testWARCRecord("response", uri, "application/http; msgtype=response", httpResponse("200 OK", []string{"Content-Type: text/html"}, []byte(page))))
	}
	path := filepath.Join(b.TempDir(), "crawl.warc")
	if err := os.WriteFile(path, w.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	defer func(n int) { pageWorkers = n }(pageWorkers)
	for _, workers := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			pageWorkers = workers
			b.SetBytes(int64(w.Len()))
			for b.Loop() {
				if _, err := Read([]string{path}, Options{}, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*pages)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}

// TestReadWARCWorkers: pages read side by side are handed on in the
// records' order, with the problems among them, whatever the number of
// workers; a callback error stops the reading.
func TestReadWARCWorkers(t *testing.T) {
	page, _ := seedPage(t)
	front := `<html><body><nav><a href="/a">A</a></nav></body></html>`
	var w bytes.Buffer
	for i := range 60 {
		body := page
		if i%7 == 3 {
			body = front // not an article: a problem among the pages
		}
		body = strings.Replace(body, "Example Wire", fmt.Sprintf("Outlet %d", i), -1)
		uri := fmt.Sprintf("https://example.com/%02d", i)
		w.Write(testWARCRecord("response", uri, "application/http; msgtype=response", httpResponse("200 OK", []string{"Content-Type: text/html"}, []byte(body))))
	}
	path := filepath.Join(writeFiles(t, map[string]string{"c.warc": w.String()}), "c.warc")
	defer func(n int) { pageWorkers = n }(pageWorkers)
	var want result
	for _, workers := range []int{1, 4, 16} {
		pageWorkers = workers
		got := read(t, []string{path}, Options{})
		require.Len(t, got.articles, 51, "workers %d", workers)
		require.Len(t, got.problems, 9, "workers %d", workers)
		if workers == 1 {
			want = got
			continue
		}
		assert.Equal(t, want.ids(), got.ids(), "workers %d: the records' order", workers)
		assert.Equal(t, want.problems, got.problems, "workers %d", workers)
		assert.Equal(t, want.articles, got.articles, "workers %d", workers)
	}
	stop := errors.New("enough")
	for _, workers := range []int{1, 4} {
		pageWorkers = workers
		n := 0
		_, err := Read([]string{path}, Options{}, func(Article) error {
			if n++; n == 5 {
				return stop
			}
			return nil
		})
		assert.ErrorIs(t, err, stop, "workers %d", workers)
		assert.Equal(t, 5, n, "workers %d: no article handed on after the error", workers)
	}
}

package corpus

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httputil"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/zstd"
	gowarc "github.com/nlnwa/gowarc/v3"
)

// Web archives. A WARC file (.warc, or .warc.gz as crawlers and Common
// Crawl's CC-NEWS write it) holds the pages a crawler fetched: each HTML
// response with status 2xx is read as a web page is (see [run.page]), its
// ID and URL the address it was fetched from unless the page names its
// own canonical URL (the ID stays the address). Requests, metadata,
// redirects and responses that are not HTML (images, scripts) are no
// articles and are passed over without a report; a page in which
// Readability finds no article (a section front) is reported as
// [NotArticles], as one met in a directory walk is; a response whose
// HTTP head does not parse, as [MalformedWARC]. A record the reader
// cannot parse ends the file, reported as [MalformedWARC] at its line,
// the records before it kept; one cut short (fewer bytes than its
// Content-Length) is reported so and passed over.

// readWARC reads the HTML responses of a WARC file. The records are read
// in order; their pages are read side by side by [pageWorkers]
// goroutines (Readability is most of the time a page takes); and the
// articles and problems are handed on in the records' order, so the run is
// the same whatever the number of cores.
func (r *run) readWARC(src *source, base string) error {
	path := src.path
	lines := &lineTracker{r: src.raw} // a container of its own: no text decoding, no line-end conversion
	// Findings are collected, not fatal: a record is read unless it is
	// cut short. (gowarc v3.1.0 cuts payloads short when they are
	// ignored instead.)
	wf, err := gowarc.NewWarcFileReaderFromStream(lines, 0,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn), gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrWarn))
	if err != nil {
		r.problem(path, 0, Unreadable, "%v", err)
		return nil
	}
	defer wf.Close()

	workers := max(1, pageWorkers)
	jobs := make(chan *warcJob, workers)
	results := make(chan *warcJob, workers)
	stop := make(chan struct{})
	tokens := make(chan struct{}, 4*workers) // jobs read and not yet handed on
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // the records, in order
		defer wg.Done()
		defer close(jobs)
		seq := 0
		send := func(j *warcJob) bool {
			j.seq = seq
			seq++
			select {
			case tokens <- struct{}{}:
			case <-stop:
				return false
			}
			select {
			case jobs <- j:
				return true
			case <-stop:
				return false
			}
		}
		records := 0
		for {
			var rec gowarc.Record
			err := guard(func() (err error) {
				rec, err = wf.Next()
				return err
			})
			if err == io.EOF {
				break
			}
			line := lines.at(rec.Offset)
			if err != nil {
				if rec.WarcRecord != nil {
					rec.WarcRecord.Close()
				}
				send(&warcJob{line: line, reason: MalformedWARC, detail: fmt.Sprintf("%v; rest of file skipped", err)})
				return
			}
			records++
			lines.keep(rec.Offset + rec.Size)
			var j *warcJob
			if cut := cutShort(rec.Validation); cut != nil {
				j = &warcJob{line: line, reason: MalformedWARC, detail: fmt.Sprintf("record cut short: %v", cut)}
			} else {
				j = warcRecord(rec.WarcRecord, r.max)
			}
			rec.WarcRecord.Close()
			if j == nil {
				continue // no article and no problem
			}
			j.line = line
			if j.id == "" {
				j.id = fmt.Sprintf("%s:%d", base, line)
			}
			if !send(j) {
				return
			}
		}
		switch {
		case records == 0:
			send(&warcJob{line: 1, reason: Empty, detail: "no WARC records"})
		case seq == 0:
			send(&warcJob{line: 1, reason: Empty, detail: fmt.Sprintf("no HTML page among its WARC records (%d: requests, redirects, images and the like)", records)})
		}
	}()
	for range workers {
		wg.Add(1)
		go func() { // the pages, side by side
			defer wg.Done()
			for j := range jobs {
				if j.reason == "" {
					j.page = extractPage(j.data, true, true, j.uri)
					j.data = nil
				}
				select {
				case results <- j:
				case <-stop:
					return
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	// Hand the jobs on in their order.
	pending := map[int]*warcJob{}
	next := 0
	var failed error
	for j := range results {
		if failed != nil {
			continue // drained until the goroutines are done
		}
		pending[j.seq] = j
		for {
			j, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-tokens
			if j.reason != "" {
				r.problem(path, j.line, j.reason, "%s", j.detail)
				continue
			}
			if err := r.emitPage(path, j.line, j.id, j.page); err != nil {
				failed = err
				close(stop)
				break
			}
		}
	}
	return failed
}

// pageWorkers is how many pages of a web archive are read side by side.
var pageWorkers = runtime.GOMAXPROCS(0)

// warcJob is one record of a web archive on its way through readWARC: an
// HTML page to read, or the problem it is.
type warcJob struct {
	seq, line int
	id, uri   string
	data      []byte   // the page, until it is read
	page      pageRead // the page as read
	reason    Reason   // the record's problem, "" when it is a page
	detail    string
}

// cutShort returns the finding among findings that the record holds
// fewer bytes than its Content-Length says, or nil.
func cutShort(findings []error) error {
	for _, f := range findings {
		var cle *gowarc.ContentLengthError
		if errors.As(f, &cle) && cle.Actual < cle.Expected {
			return f
		}
	}
	return nil
}

// warcRecord reads one record of a web archive: a page to read when it
// is an HTML response (its ID its address, left empty when it has none),
// or a page stored as it is (see storedPage); a problem when its page
// cannot be had (more than max bytes, an encoding not read, a response
// whose HTTP head is not one); nil when it is no page (a request, a
// redirect, an image, a DNS lookup, a response without a type whose body
// does not sniff as HTML).
func warcRecord(wr gowarc.WarcRecord, max int) *warcJob {
	if t := wr.Type(); t != gowarc.Response && t != gowarc.Resource {
		return nil
	}
	uri := strings.Trim(wr.WarcHeader().Get(gowarc.WarcTargetURI), "<>")
	fail := func(reason Reason, format string, args ...any) *warcJob {
		return &warcJob{reason: reason, detail: uri + ": " + fmt.Sprintf(format, args...)}
	}
	block, ok := wr.Block().(gowarc.HttpResponseBlock)
	if !ok {
		return storedPage(wr, uri, max, fail)
	}
	status, header := block.HttpStatusCode(), block.HttpHeader()
	if header == nil {
		// The WARC reader parses the head with net/http, which knows no
		// "HTTP/2 200": crawlers that fetch over HTTP/2 and HTTP/3 write
		// the version so.
		h, err := http.ReadResponse(bufio.NewReader(io.MultiReader(
			strings.NewReader(responseVersion.ReplaceAllString(string(block.ProtocolHeaderBytes()), "HTTP/$1.0$2")),
			strings.NewReader("\r\n"))), nil)
		if err != nil {
			return fail(MalformedWARC, "HTTP response head: %v", err)
		}
		status, header = h.StatusCode, &h.Header
	}
	if status/100 != 2 {
		return nil
	}
	// A response that names no type is sniffed as a browser does
	// (net/http's DetectContentType, after the WHATWG algorithm): servers
	// that leave the header out still send pages.
	ct := strings.TrimSpace(header.Get("Content-Type"))
	sniff := ct == ""
	if mt, _, err := mime.ParseMediaType(ct); !sniff && (err != nil || mt != "text/html" && mt != "application/xhtml+xml") {
		return nil
	}
	payload, err := block.PayloadBytes()
	if err != nil {
		return fail(MalformedWARC, "%v", err)
	}
	// The parsed header leaves out Transfer-Encoding: read it from the
	// header's bytes.
	chunked := bytes.Contains(bytes.ToLower(block.ProtocolHeaderBytes()), []byte("transfer-encoding: chunked"))
	data, err := httpBody(payload, chunked, header.Get("Content-Encoding"), max)
	if err != nil {
		if sniff {
			return nil // no page said so, and none to be read
		}
		return fail(Unreadable, "%v", err)
	}
	if sniff && !strings.HasPrefix(http.DetectContentType(data), "text/html") {
		return nil
	}
	return warcPage(uri, data, max, fail)
}

// storedPage reads a record whose block is no HTTP response: a page
// stored as it is, without the HTTP head (a resource record, or a
// response written so), when the record's type is HTML or when it says it
// holds an HTTP message (application/http) and holds markup instead; a
// problem when it says so and holds neither, whose page would otherwise be
// lost unsaid; nil for any other record (a DNS lookup, an image).
func storedPage(wr gowarc.WarcRecord, uri string, max int, fail func(Reason, string, ...any) *warcJob) *warcJob {
	mt, _, _ := mime.ParseMediaType(wr.WarcHeader().Get(gowarc.ContentType))
	read := func() ([]byte, error) {
		rd, err := wr.Block().RawBytes()
		if err != nil {
			return nil, err
		}
		return io.ReadAll(io.LimitReader(rd, int64(max)+1))
	}
	switch mt {
	case "application/http":
		if wr.Type() != gowarc.Response {
			return nil
		}
		data, err := read()
		if err == nil && strings.HasPrefix(http.DetectContentType(data), "text/html") {
			return warcPage(uri, data, max, fail)
		}
		head, _, _ := bytes.Cut(data, []byte("\n"))
		if len(head) > 40 {
			head = head[:40]
		}
		return fail(MalformedWARC, "HTTP response head: not an HTTP response (it starts %q)", bytes.TrimSpace(head))
	case "text/html", "application/xhtml+xml":
		data, err := read()
		if err != nil {
			return fail(Unreadable, "%v", err)
		}
		return warcPage(uri, data, max, fail)
	}
	return nil
}

// warcPage is the page data of uri to read, or the problem it is: more
// than max bytes, or binary.
func warcPage(uri string, data []byte, max int, fail func(Reason, string, ...any) *warcJob) *warcJob {
	if len(data) > max {
		return fail(TooLong, "page larger than %d bytes", max)
	}
	if _, ok := binaryLine(data); ok {
		return fail(Binary, "NUL or control bytes in a page said to be HTML")
	}
	return &warcJob{id: uri, uri: uri, data: data}
}

// httpBody returns the entity of an HTTP message body as it was sent,
// chunked or compressed, undoing both; at most max+1 bytes of it (more
// is too long a page). The content codings are undone last applied
// first (RFC 9110, 8.4): gzip, deflate (zlib-wrapped as the RFC has it,
// or raw as some servers send it), br (brotli) and zstd. A crawler may
// store a body decompressed while keeping its header: a body that does
// not decode and reads as markup is taken as it is.
func httpBody(body io.Reader, chunked bool, content string, max int) ([]byte, error) {
	if chunked {
		br := bufio.NewReader(body)
		// A crawler may store the body de-chunked while keeping the
		// header: read as chunked only what starts as a chunk size.
		if head, _ := br.Peek(1); len(head) == 1 && isHex(head[0]) {
			body = httputil.NewChunkedReader(br)
		} else {
			body = br
		}
	}
	data, err := io.ReadAll(io.LimitReader(body, int64(max)+1))
	if err != nil {
		return nil, err
	}
	codings := strings.Split(strings.ToLower(content), ",")
	for i := len(codings) - 1; i >= 0 && len(data) <= max; i-- {
		if data, err = decodeContent(data, strings.TrimSpace(codings[i]), max); err != nil {
			return nil, err
		}
	}
	return data, nil
}

// responseVersion matches an HTTP status line whose version has no minor
// number.
var responseVersion = regexp.MustCompile(`\AHTTP/([23])( )`)

var (
	gzipMagic = []byte{0x1f, 0x8b}
	zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}
)

// decodeContent undoes one content coding of data, returning at most
// max+1 bytes.
func decodeContent(data []byte, coding string, max int) ([]byte, error) {
	var r io.Reader
	var err error
	switch coding {
	case "", "identity":
		return data, nil
	case "gzip", "x-gzip":
		if !bytes.HasPrefix(data, gzipMagic) {
			return data, nil
		}
		r, err = gzip.NewReader(bytes.NewReader(data))
	case "deflate":
		if len(data) >= 2 && data[0]&0x0f == 8 && (uint16(data[0])<<8|uint16(data[1]))%31 == 0 {
			r, err = zlib.NewReader(bytes.NewReader(data))
		} else {
			r = flate.NewReader(bytes.NewReader(data))
		}
	case "br":
		r = brotli.NewReader(bytes.NewReader(data))
	case "zstd":
		if !bytes.HasPrefix(data, zstdMagic) {
			return data, nil
		}
		var d *zstd.Decoder
		// RFC 9659 bounds an HTTP zstd window at 8 MiB: a frame asking for
		// more is refused rather than allocated.
		if d, err = zstd.NewReader(bytes.NewReader(data), zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxWindow(8<<20)); err == nil {
			defer d.Close()
			r = d
		}
	default:
		return nil, fmt.Errorf("content encoding %q not read", coding)
	}
	var out []byte
	if err == nil {
		out, err = io.ReadAll(io.LimitReader(r, int64(max)+1))
	}
	if err != nil {
		if startsAsMarkup(data) {
			return data, nil // stored decompressed, the header kept
		}
		return nil, fmt.Errorf("content encoding %q: %w", coding, err)
	}
	return out, nil
}

// startsAsMarkup reports whether data starts as markup does: "<" after white
// space and a byte-order mark.
func startsAsMarkup(data []byte) bool {
	data = bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	return len(data) > 0 && data[0] == '<'
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// lineTracker reads r and keeps the offsets of the line breaks read,
// from the last offset passed to keep on, so that the line of an offset
// at or after it can be told while the reader reads ahead of it.
type lineTracker struct {
	r       io.Reader
	off     int64   // the offset of the next byte read
	breaks  []int64 // the offsets of the line breaks kept, in order
	dropped int     // the line breaks before breaks[0]
}

func (t *lineTracker) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	for i, c := range p[:n] {
		if c == '\n' {
			t.breaks = append(t.breaks, t.off+int64(i))
		}
	}
	t.off += int64(n)
	return n, err
}

// at returns the 1-based line of offset off.
func (t *lineTracker) at(off int64) int {
	return 1 + t.dropped + sort.Search(len(t.breaks), func(i int) bool { return t.breaks[i] >= off })
}

// keep drops the line breaks before offset off.
func (t *lineTracker) keep(off int64) {
	k := sort.Search(len(t.breaks), func(i int) bool { return t.breaks[i] >= off })
	t.dropped += k
	t.breaks = t.breaks[k:]
}

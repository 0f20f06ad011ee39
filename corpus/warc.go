package corpus

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http/httputil"
	"sort"
	"strings"

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
// [NotArticles], as one met in a directory walk is. A record the reader
// cannot parse ends the file, reported as [MalformedWARC] at its line,
// the records before it kept; one cut short (fewer bytes than its
// Content-Length) is reported so and passed over.

// readWARC reads the HTML responses of a WARC file.
func (r *run) readWARC(src *source, base string) error {
	path := src.path
	lines := &lineTracker{r: src.r}
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
			r.problem(path, line, MalformedWARC, "%v; rest of file skipped", err)
			return nil
		}
		records++
		lines.keep(rec.Offset + rec.Size)
		if cut := cutShort(rec.Validation); cut != nil {
			rec.WarcRecord.Close()
			r.problem(path, line, MalformedWARC, "record cut short: %v", cut)
			continue
		}
		err = r.warcRecord(path, base, line, rec.WarcRecord)
		rec.WarcRecord.Close()
		if err != nil {
			return err
		}
	}
	if records == 0 {
		r.problem(path, 1, Empty, "no WARC records")
	}
	return nil
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

// warcRecord reads one record of a WARC file, at line: an article when
// it is an HTML response, named after its address (else base and line,
// as records without an ID are).
func (r *run) warcRecord(path, base string, line int, wr gowarc.WarcRecord) error {
	if wr.Type() != gowarc.Response {
		return nil
	}
	block, ok := wr.Block().(gowarc.HttpResponseBlock)
	if !ok || block.HttpStatusCode()/100 != 2 {
		return nil
	}
	header := block.HttpHeader()
	if header == nil {
		return nil
	}
	if mt, _, err := mime.ParseMediaType(header.Get("Content-Type")); err != nil || mt != "text/html" && mt != "application/xhtml+xml" {
		return nil
	}
	uri := strings.Trim(wr.WarcHeader().Get(gowarc.WarcTargetURI), "<>")
	payload, err := block.PayloadBytes()
	if err != nil {
		r.problem(path, line, MalformedWARC, "%s: %v", uri, err)
		return nil
	}
	// The parsed header leaves out Transfer-Encoding: read it from the
	// header's bytes.
	chunked := bytes.Contains(bytes.ToLower(block.ProtocolHeaderBytes()), []byte("transfer-encoding: chunked"))
	body, err := httpBody(payload, chunked, header.Get("Content-Encoding"))
	if err != nil {
		r.problem(path, line, Unreadable, "%s: %v", uri, err)
		return nil
	}
	data, err := io.ReadAll(io.LimitReader(body, int64(r.max)+1))
	if err != nil {
		r.problem(path, line, Unreadable, "%s: %v", uri, err)
		return nil
	}
	if len(data) > r.max {
		r.problem(path, line, TooLong, "%s: page larger than %d bytes", uri, r.max)
		return nil
	}
	if _, ok := binaryLine(data); ok {
		r.problem(path, line, Binary, "%s: NUL or control bytes in a page said to be HTML", uri)
		return nil
	}
	id := uri
	if id == "" {
		id = fmt.Sprintf("%s:%d", base, line)
	}
	return r.page(path, line, data, true, true, id, uri)
}

// httpBody returns the entity of an HTTP message body as it was sent,
// chunked or compressed, undoing both.
func httpBody(body io.Reader, chunked bool, content string) (io.Reader, error) {
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
	switch enc := strings.ToLower(strings.TrimSpace(content)); enc {
	case "", "identity":
		return body, nil
	case "gzip", "x-gzip":
		br := bufio.NewReader(body)
		if head, _ := br.Peek(2); !bytes.Equal(head, []byte{0x1f, 0x8b}) {
			return br, nil // stored decompressed, the header kept
		}
		return gzip.NewReader(br)
	case "deflate":
		return flate.NewReader(body), nil
	default:
		return nil, fmt.Errorf("content encoding %q not read", enc)
	}
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

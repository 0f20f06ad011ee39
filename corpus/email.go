package corpus

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strconv"
	"strings"
)

// Email messages. A saved message (.eml, as mail programs save one and
// as press offices and newsletters send copy) is one article: its subject
// the title, its sender the outlet (the display name, else the address's
// domain), its Date header the publication time, and its text the
// message's plain-text body, or else its HTML body read as a browser
// shows it. Multipart messages are read part by part (RFC 2046): the
// first text/plain part outside attachments, else the first text/html
// one, a forwarded message (message/rfc822) read for them in its turn;
// attachments and other parts are passed over. Bodies are decoded
// from their transfer encoding (quoted-printable, base64) and charset;
// headers from RFC 2047's encoded words.

// maxEmailDepth bounds the nesting of multipart bodies read.
const maxEmailDepth = 8

// readEmail reads an email message as one article.
func (r *run) readEmail(src *source, id string) error {
	p := src.path
	data, ok := r.readBounded(p, src.raw, int64(r.max)*emailRecords, 0, "message larger than %d bytes")
	if !ok {
		return nil
	}
	return r.message(p, 1, data, id, ".eml")
}

// emailRecords bounds a message, attachments and all, in records' worth
// of bytes.
const emailRecords = 4

// message reads data, an email message at line of the file at path, as
// one article named id when it has no Message-ID (in a mailbox; a
// message file is named after the file); kind names the file's format in
// messages.
func (r *run) message(p string, line int, data []byte, id, kind string) error {
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		r.problem(p, line, Unreadable, "not an email message (%s): %v", kind, err)
		return nil
	}
	var dec mime.WordDecoder
	dec.CharsetReader = charsetReader
	header := func(k string) string {
		v := msg.Header.Get(k)
		if d, err := dec.DecodeHeader(v); err == nil {
			v = d
		}
		return strings.TrimSpace(v)
	}
	text, html, err := emailBody(msg.Header, msg.Body, 0)
	if err != nil {
		r.problem(p, line, Unreadable, "email message (%s) body: %v", kind, err)
		return nil
	}
	if strings.TrimSpace(text) == "" && strings.TrimSpace(html) != "" {
		text = markupText(html)
	}
	if isBlank(text) {
		r.problem(p, line, Empty, "no text in the email message (%s): no text/plain or text/html part", kind)
		return nil
	}
	a := Article{
		Title:  cleanField(header("Subject")),
		Outlet: cleanField(sender(msg.Header.Get("From"))),
		Text:   normalizeText(text, false),
		Origin: p + ":" + strconv.Itoa(line),
	}
	if kind == ".mbox" || p == "-" {
		// A mailbox's messages are named by their Message-ID, as is a
		// message piped in, which has no file name.
		a.ID = cleanID(strings.Trim(header("Message-ID"), "<> "))
	}
	if v := header("Date"); v != "" {
		if d, ok := ParseDateAs(v, r.opt.DateOrder); ok {
			a.Published = d
		} else {
			r.unreadDate(p, line, quoteValue(v))
		}
	}
	return r.finish(a, record{path: p, line: line, defaultID: id})
}

// readMbox reads a mailbox (.mbox, as mail programs and Google Takeout
// export a folder of messages): each message, from its "From " line to
// the next one that follows a blank line (or ends the file), is an
// article, named by its Message-ID, else "base:line" of its "From "
// line; a body line escaped as ">From " (mboxrd) is read unescaped. A
// message over the record limit is too long, and the messages after it
// are read.
func (r *run) readMbox(src *source, base string) error {
	p := src.path
	br := bufio.NewReaderSize(src.raw, 64<<10)
	limit := r.max * emailRecords
	var msg []byte
	start, n := 0, 0              // the line of the message's "From " line; the line read
	tooLong, blank := false, true // the message is over the limit; the line read was blank
	flush := func() error {
		defer func() { msg, tooLong = msg[:0], false }()
		switch {
		case start == 0:
			return nil
		case tooLong:
			r.problem(p, start, TooLong, "message larger than %d bytes", limit)
			return nil
		}
		return r.message(p, start, msg, base+":"+strconv.Itoa(start), ".mbox")
	}
	var buf []byte
	for {
		var l lineRead
		buf, l = readLine(br, buf[:0], limit)
		if l.err != nil && !errors.Is(l.err, io.EOF) {
			r.problem(p, n+1, Unreadable, "%v", unwrapPathError(l.err))
			break
		}
		if l.size == 0 && l.err != nil {
			break // the end of the file
		}
		n++
		switch {
		case blank && bytes.HasPrefix(buf, []byte("From ")):
			if err := flush(); err != nil {
				return err
			}
			start = n
		case start == 0:
			r.problem(p, 1, Unreadable, "not a mailbox (.mbox): its first line is no \"From \" line")
			return nil
		case l.tooLong || len(msg)+len(buf)+1 > limit:
			tooLong = true
		default:
			if len(buf) > 0 && buf[0] == '>' && bytes.HasPrefix(bytes.TrimLeft(buf, ">"), []byte("From ")) {
				buf = buf[1:] // mboxrd: one ">" less
			}
			msg = append(append(msg, buf...), '\n')
		}
		blank = len(bytes.TrimRight(buf, "\r")) == 0 && !l.tooLong
		if l.err != nil {
			break
		}
	}
	return flush()
}

// mimeHeader is the header of a message or part, as emailBody reads it.
type mimeHeader interface{ Get(string) string }

// emailBody returns the first text/plain and text/html bodies of a
// message or part with header h and body body, decoded, at nesting depth.
func emailBody(h mimeHeader, body io.Reader, depth int) (text, html string, err error) {
	ctype := h.Get("Content-Type")
	if ctype == "" {
		ctype = "text/plain"
	}
	media, params, err := mime.ParseMediaType(ctype)
	if err != nil {
		// RFC 2045: a type that does not parse is read as plain text.
		media, params = "text/plain", nil
	}
	if strings.HasPrefix(media, "multipart/") {
		if depth >= maxEmailDepth {
			return "", "", fmt.Errorf("multipart bodies nested deeper than %d", maxEmailDepth)
		}
		if params["boundary"] == "" {
			return "", "", errors.New("a multipart body without a boundary")
		}
		mr := multipart.NewReader(body, params["boundary"])
		for {
			part, err := mr.NextRawPart()
			if errors.Is(err, io.EOF) {
				return text, html, nil
			}
			if err != nil {
				return text, html, err
			}
			if attachment(part.Header.Get("Content-Disposition")) {
				continue
			}
			t, h, err := emailBody(part.Header, part, depth+1)
			if err != nil {
				return text, html, err
			}
			if text == "" {
				text = t
			}
			if html == "" {
				html = h
			}
		}
	}
	if media == "message/rfc822" {
		// A forwarded message: its body, when the message around it
		// has none of its own.
		if depth >= maxEmailDepth {
			return "", "", fmt.Errorf("messages nested deeper than %d", maxEmailDepth)
		}
		inner, err := mail.ReadMessage(transferDecoder(h.Get("Content-Transfer-Encoding"), body))
		if err != nil {
			return "", "", fmt.Errorf("forwarded message: %w", err)
		}
		return emailBody(inner.Header, inner.Body, depth+1)
	}
	if media != "text/plain" && media != "text/html" {
		return "", "", nil
	}
	b, err := io.ReadAll(transferDecoder(h.Get("Content-Transfer-Encoding"), body))
	if err != nil {
		return "", "", fmt.Errorf("%s part: %w", media, err)
	}
	s, err := decodeCharset(b, params["charset"])
	if err != nil {
		return "", "", fmt.Errorf("%s part: %w", media, err)
	}
	if media == "text/html" {
		return "", s, nil
	}
	return s, "", nil
}

// attachment reports whether a part's Content-Disposition makes it an
// attachment rather than the message's body.
func attachment(disposition string) bool {
	d, _, err := mime.ParseMediaType(disposition)
	return err == nil && d == "attachment"
}

// transferDecoder decodes a body of transfer encoding enc.
func transferDecoder(enc string, body io.Reader) io.Reader {
	switch strings.ToLower(strings.TrimSpace(enc)) {
	case "quoted-printable":
		return quotedprintable.NewReader(body)
	case "base64":
		// Line breaks within the encoding are not data.
		return base64.NewDecoder(base64.StdEncoding, newlineSkipper{body})
	}
	return body
}

// newlineSkipper reads r without its line breaks.
type newlineSkipper struct{ r io.Reader }

func (n newlineSkipper) Read(p []byte) (int, error) {
	for {
		k, err := n.r.Read(p)
		j := 0
		for _, c := range p[:k] {
			if c != '\r' && c != '\n' && c != ' ' && c != '\t' {
				p[j] = c
				j++
			}
		}
		if j > 0 || err != nil {
			return j, err
		}
	}
}

// decodeCharset decodes b from charset name (UTF-8 when it names none).
func decodeCharset(b []byte, name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" || strings.EqualFold(name, "utf-8") || strings.EqualFold(name, "us-ascii") {
		return string(bytes.ToValidUTF8(b, []byte("\uFFFD"))), nil
	}
	rd, err := charsetReader(name, bytes.NewReader(b))
	if err != nil {
		return "", err
	}
	out, err := io.ReadAll(rd)
	return string(out), err
}

// charsetReader decodes from the charset named label, looked up as
// --encoding names are (ParseEncoding: WHATWG's labels, and not the
// replacement encoding, which would read the text as one U+FFFD).
func charsetReader(label string, r io.Reader) (io.Reader, error) {
	enc, err := ParseEncoding(label)
	if err != nil {
		return nil, fmt.Errorf("unknown charset %q", label)
	}
	return enc.NewDecoder().Reader(r), nil
}

// sender returns the outlet a From header names (as written, encoded
// words and all): its display name, else the domain of its address; ""
// when it does not parse.
func sender(from string) string {
	addr, err := mail.ParseAddress(from)
	if err != nil {
		return ""
	}
	if addr.Name != "" {
		return addr.Name
	}
	if _, domain, ok := strings.Cut(addr.Address, "@"); ok {
		return domain
	}
	return ""
}

package corpus

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// ErrUnknownEncoding is returned by [ParseEncoding] for a name it does not
// know.
var ErrUnknownEncoding = errors.New("corpus: unknown encoding")

// ParseEncoding returns the text encoding of the WHATWG Encoding Standard
// with the given name or label, in any case: "utf-8", "windows-1252",
// "latin1" and "iso-8859-1" (both read as windows-1252, as browsers do),
// "iso-8859-15", "utf-16le", "shift_jis" and so on. The "replacement"
// encoding, which reads any input as one U+FFFD, is refused too.
func ParseEncoding(name string) (encoding.Encoding, error) {
	enc, err := htmlindex.Get(name)
	if err != nil || enc == encoding.Replacement {
		return nil, fmt.Errorf("%w %q; want a WHATWG encoding name such as utf-8, windows-1252, latin1, iso-8859-15 or utf-16le",
			ErrUnknownEncoding, name)
	}
	return enc, nil
}

// ErrEncodingList is returned by [ParseEncodings] for a list of encodings
// it does not take.
var ErrEncodingList = errors.New("corpus: bad encoding list")

// ParseEncodings parses one encoding name, as [ParseEncoding] does, or a
// list of two separated by a comma, "utf-8,windows-1252": UTF-8 where a
// record is valid UTF-8, and where it is not the second, which must be a
// single-byte encoding (see [Options.Fallback]). fallback is nil for one
// name. A longer list, one whose first is not UTF-8, or whose second is
// not a single-byte encoding is an error wrapping [ErrEncodingList]; an
// unknown name one wrapping [ErrUnknownEncoding].
func ParseEncodings(s string) (enc, fallback encoding.Encoding, err error) {
	first, second, list := strings.Cut(s, ",")
	if !list {
		enc, err = ParseEncoding(s)
		return enc, nil, err
	}
	if strings.Contains(second, ",") {
		return nil, nil, fmt.Errorf("%w %q: want one name, or two: utf-8 and a fallback such as windows-1252", ErrEncodingList, s)
	}
	if enc, err = ParseEncoding(first); err != nil {
		return nil, nil, err
	}
	if !isUTF8(enc) {
		return nil, nil, fmt.Errorf("%w %q: the first must be utf-8, the second its fallback", ErrEncodingList, s)
	}
	if fallback, err = ParseEncoding(second); err != nil {
		return nil, nil, err
	}
	// A multi-byte encoding could hide a backslash or a bracket in a
	// character's second byte, which the reader of a .json file meets
	// before the element is decoded.
	if !slices.Contains(charmap.All, fallback) {
		return nil, nil, fmt.Errorf("%w %q: the fallback must be a single-byte encoding such as windows-1252 or iso-8859-15",
			ErrEncodingList, s)
	}
	return enc, fallback, nil
}

// encodingName returns the WHATWG name of enc, such as "windows-1252".
func encodingName(enc encoding.Encoding) string {
	if name, err := htmlindex.Name(enc); err == nil {
		return name
	}
	return fmt.Sprint(enc)
}

// isUTF8 reports whether enc means UTF-8 read as it is: invalid bytes are
// reported, not replaced.
func isUTF8(enc encoding.Encoding) bool { return enc == nil || enc == unicode.UTF8 }

// Decode returns the text of rd as UTF-8: a byte order mark at its start
// (UTF-8, UTF-16LE or UTF-16BE) decides its encoding and is dropped;
// without one, the text is decoded from enc. With enc nil or
// [unicode.UTF8] the bytes pass unchanged, invalid UTF-8 included, as
// [Read] would check them. Decoding streams.
func Decode(rd io.Reader, enc encoding.Encoding) io.Reader {
	return newSource("", rd, enc).r
}

// source is one input, a file or standard input, as UTF-8 text.
type source struct {
	path string
	r    io.Reader // the text from its start, decoded, without a byte order mark
	// raw is the file's bytes as they are (after a leading byte order mark,
	// which no binary format starts with), for the readers of binary
	// containers (web archives, workbooks), which no text decoding or
	// line-ending conversion must touch. Read r or raw, not both.
	raw io.Reader
	// decoded is set when r goes through a decoder (another encoding than
	// UTF-8, named by Options.Encoding or by a UTF-16 byte order mark),
	// which leaves no invalid UTF-8.
	decoded bool
	bom     bool // a byte order mark chose the encoding
	// fallback, when set, decodes a record that is not valid UTF-8
	// (Options.Fallback): the text is UTF-8 without a byte order mark.
	fallback encoding.Encoding
	// at returns the text from its byte offset off, to read a stretch of
	// it again: a file read as UTF-8 from that offset of the file, decoded
	// text once [source.rereadable] keeps it; nil otherwise.
	at func(off int64) (io.Reader, error)
	// replay keeps decoded text to be read again (see [source.rereadable]).
	replay *replay
}

// byteOrderMarks maps the byte order marks [newSource] recognizes to their
// encodings.
var byteOrderMarks = []struct {
	mark string
	enc  encoding.Encoding
}{
	{bom, unicode.UTF8},
	{"\xff\xfe", unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)},
	{"\xfe\xff", unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)},
}

// newSource reads rd as text in enc, unless a byte order mark says
// otherwise, with the line endings of [crLines]. Without a decoder the
// reader is a buffered view of rd, so reading UTF-8 costs no copy.
func newSource(path string, rd io.Reader, enc encoding.Encoding) source {
	start := int64(-1) // where rd starts, when it can seek
	if f, ok := rd.(io.ReadSeeker); ok {
		if off, err := f.Seek(0, io.SeekCurrent); err == nil {
			start = off
		}
	}
	br := bufio.NewReaderSize(rd, bufferSize(rd))
	head, _ := br.Peek(len(bom))
	skip := 0
	s := source{path: path}
	for _, m := range byteOrderMarks {
		if bytes.HasPrefix(head, []byte(m.mark)) {
			enc, skip, s.bom = m.enc, len(m.mark), true
			break
		}
	}
	br.Discard(skip)
	s.r, s.raw = br, br
	if !isUTF8(enc) {
		s.r, s.decoded = transform.NewReader(br, enc.NewDecoder()), true
	}
	cr := &crLines{r: s.r}
	s.r = cr
	if f, ok := rd.(io.ReadSeeker); ok && !s.decoded && start >= 0 && isRegular(rd) {
		s.at = func(off int64) (io.Reader, error) {
			_, err := f.Seek(start+int64(skip)+off, io.SeekStart)
			return cr.reader(f), err
		}
	}
	return s
}

// rereadable lets the reader of s read a stretch of its text again with
// s.at, from an offset at or after the last one passed to [source.keep].
// A regular file read as UTF-8 is read again from the file. Decoded text,
// and the text of a pipe or device (which cannot be read twice), is kept
// in memory from that offset on: a decoder cannot start in the middle of
// a file, and decoding again from its start would make a file with many
// stretches read again take time growing with the square of its size.
func (s *source) rereadable() {
	if s.at == nil && s.replay == nil {
		s.replay = &replay{r: s.r}
		s.r, s.at = s.replay, s.replay.at
	}
}

// isRegular reports whether rd, when it is a file, is a regular one, one
// that can be read again from an offset (a pipe or a device cannot). A
// reader that is not a file is taken at its word that it can seek.
// bufferSize is the size of the buffer a source reads rd through: 64 KiB,
// or for a smaller regular file its size and a little more, at least
// sniffBytes, so that a directory of small files (a .json per article) is
// not read through a 64 KiB buffer each.
func bufferSize(rd io.Reader) int {
	const full = 64 << 10
	f, ok := rd.(*os.File)
	if !ok {
		return full
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Size() >= full-16 {
		return full
	}
	return int(max(fi.Size()+16, sniffBytes))
}

func isRegular(rd io.Reader) bool {
	f, ok := rd.(*os.File)
	if !ok {
		return true
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode().IsRegular()
}

// keep says that the text of s before offset off will not be read again.
func (s *source) keep(off int64) {
	if s.replay != nil {
		s.replay.keep(off)
	}
}

// replay reads text from r and keeps what it read from an offset on, so
// that it can be read again from there without reading r again.
type replay struct {
	r    io.Reader
	buf  []byte // the text from offset base on, as far as r was read
	base int64
	pos  int64 // the offset of the next byte Read returns
	kept int64 // the offset before which the text will not be read again
}

func (p *replay) Read(b []byte) (int, error) {
	end := p.base + int64(len(p.buf))
	if p.pos < end {
		n := copy(b, p.buf[p.pos-p.base:])
		p.pos += int64(n)
		return n, nil
	}
	// Drop the text no longer kept once it is half of buf: each byte is
	// moved at most once on average.
	if drop := p.kept - p.base; drop > 0 && drop >= int64(len(p.buf))/2 {
		p.buf = p.buf[:copy(p.buf, p.buf[drop:])]
		p.base = p.kept
	}
	n, err := p.r.Read(b)
	p.buf = append(p.buf, b[:n]...)
	p.pos += int64(n)
	return n, err
}

// at returns p reading again from offset off, which must be kept; the
// readers it returned before are not to be read after.
func (p *replay) at(off int64) (io.Reader, error) {
	if off < p.kept || off > p.base+int64(len(p.buf)) {
		return nil, fmt.Errorf("offset %d of the decoded text not kept (%d to %d)", off, p.kept, p.base+int64(len(p.buf)))
	}
	p.pos = off
	return p, nil
}

// keep says that the text before offset off, up to what was read, will
// not be read again.
func (p *replay) keep(off int64) {
	p.kept = min(max(p.kept, off), p.base+int64(len(p.buf)))
}

// source returns the input rd, named path, as text (see newSource), with
// the fallback of the options for records that are not UTF-8 where it
// applies: input read as UTF-8, without a byte order mark.
func (r *run) source(path string, rd io.Reader) *source {
	s := newSource(path, rd, r.opt.Encoding)
	if !s.bom && !s.decoded {
		s.fallback = r.opt.Fallback
	}
	return &s
}

// Note reports a record that is not valid UTF-8 and was decoded from
// [Options.Fallback] instead of being skipped.
type Note struct {
	Path string // the file as named or walked; "-" for standard input
	// Line is the 1-based line where the record starts; in a text file,
	// the line of its first byte that is not UTF-8, as an [InvalidUTF8]
	// skip would say.
	Line     int
	Encoding string // the fallback's WHATWG name, such as "windows-1252"
}

// String returns "path:line: decoded as windows-1252 (not UTF-8)", the
// path as [ShowPath] writes it.
func (n Note) String() string {
	return fmt.Sprintf("%s:%d: decoded as %s (not UTF-8)", ShowPath(n.Path), n.Line, n.Encoding)
}

// notUTF8 is called with raw, a record of s starting at line (where its
// bytes that are not UTF-8 start, for a text file), that is not valid
// UTF-8. Without a fallback it reports the record as [InvalidUTF8] and
// returns false; with one it notes the record and returns it decoded, or
// false when decoding made it longer than the record limit ([TooLong]).
func (r *run) notUTF8(s *source, line int, raw []byte) ([]byte, bool) {
	dec := r.fallback(s, line, "bytes that are not UTF-8")
	if dec == nil {
		return nil, false
	}
	text, _ := dec.Bytes(raw) // a single-byte decoder reads any byte
	return text, !r.decodedTooLong(s, line, len(text))
}

// fallback is called for a record of s at line that is not valid UTF-8.
// Without a fallback it reports the record as [InvalidUTF8] (what says
// which bytes) and returns nil; with one it notes the record and returns
// the decoder to read it with.
func (r *run) fallback(s *source, line int, what string) *encoding.Decoder {
	if s.fallback == nil {
		r.invalidUTF8(s, line, what)
		return nil
	}
	r.stats.Fallback++
	if r.opt.OnFallback != nil {
		r.opt.OnFallback(Note{Path: s.path, Line: line, Encoding: encodingName(s.fallback)})
	}
	return s.fallback.NewDecoder()
}

// decodedTooLong reports a record of size bytes once decoded from the
// fallback as [TooLong] when that is over the record limit.
func (r *run) decodedTooLong(s *source, line, size int) bool {
	if size <= r.max {
		return false
	}
	r.problem(s.path, line, TooLong, "%d bytes once decoded from %s, limit %d", size, encodingName(s.fallback), r.max)
	return true
}

// utf8Hint is added to the detail of an [InvalidUTF8] skip of input read as
// UTF-8 because nothing said otherwise.
const utf8Hint = " (legacy encoding? try --encoding windows-1252)"

// invalidUTF8 reports a record of s that is not valid UTF-8; what says
// which bytes.
func (r *run) invalidUTF8(s *source, line int, what string) {
	hint := utf8Hint
	if s.bom {
		hint = " after a UTF-8 byte order mark"
	}
	r.problem(s.path, line, InvalidUTF8, "%s%s", what, hint)
}

// binaryHint returns a hint for binary-looking input read as UTF-8 whose
// first bytes are gzip's (compressed data whose name does not say so), or
// look like UTF-16 without a byte order mark (ASCII text with a NUL byte
// beside every character), or "" when they are neither.
func binaryHint(s *source, head []byte) string {
	if bytes.HasPrefix(head, []byte{0x1f, 0x8b}) {
		if s.path == "-" {
			return " (gzip-compressed data: decompress it before piping it in, as with zcat)"
		}
		return " (gzip-compressed data: give the file a .gz name, as in name.jsonl.gz, or decompress it)"
	}
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		return " (a zip archive: a Word document, OpenDocument text or Excel workbook is read from a file named .docx, .odt or .xlsx)"
	}
	if bytes.HasPrefix(head, []byte("%PDF-")) {
		return " (a PDF: export its text, or save it as a Word document)"
	}
	if s.decoded || len(head) < 4 {
		return ""
	}
	var nuls [2]int
	for i, c := range head[:len(head)&^1] {
		if c == 0 {
			nuls[i%2]++
		}
	}
	pairs := len(head) / 2
	switch {
	case nuls[1]*10 >= pairs*9 && nuls[0]*10 < pairs:
		return " (UTF-16 without a byte order mark? try --encoding utf-16le)"
	case nuls[0]*10 >= pairs*9 && nuls[1]*10 < pairs:
		return " (UTF-16 without a byte order mark? try --encoding utf-16be)"
	}
	return ""
}

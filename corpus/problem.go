package corpus

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Reason classifies a skipped input.
type Reason string

// The reasons an input is skipped. Every skip is reported through
// [Options.OnProblem] and counted in [Stats.Skipped].
const (
	Unreadable    Reason = "unreadable"     // cannot open/read file or path does not exist
	InvalidUTF8   Reason = "invalid-utf8"   // the raw bytes of the record or file are not UTF-8
	Binary        Reason = "binary"         // NUL bytes / mostly control bytes
	Empty         Reason = "empty"          // no text left after metadata/furniture extraction, or a file with no records
	MalformedJSON Reason = "malformed-json" // a JSON line or element that does not parse as an object, or whose text value holds no text
	MalformedCSV  Reason = "malformed-csv"  // a CSV row that does not parse or has the wrong number of fields
	MalformedXML  Reason = "malformed-xml"  // a feed whose XML does not parse from that line on
	MalformedWARC Reason = "malformed-warc" // a web archive record that does not parse, and the rest of its file
	TooLong       Reason = "too-long"       // record larger than Options.MaxRecordBytes
	DuplicateID   Reason = "duplicate-id"   // a record with an ID another record of the run also has, and not the one kept
	InvalidID     Reason = "invalid-id"     // an ID with a control character or longer than MaxIDBytes
	Unsupported   Reason = "unsupported"    // file extension not readable, met while walking a directory
	NotArticles   Reason = "not-articles"   // a walked file whose fields say it holds something else (annotations, a gold table)
)

// UnreadDate is the reason of a record kept without its publication
// time, whose value is not a date [ParseDate] reads: not a skip, it is
// reported to [Options.OnUnreadDate] and counted in [Stats.UnreadDates].
const UnreadDate Reason = "unread-date"

// MixedDateOrder is the reason of a file of records that holds numeric
// dates that read either way ("02/11/2025"), read month first, and one
// that reads only day first ("18/11/2025"), so that the others are likely
// misread: not a skip, it is reported once per file to
// [Options.OnUnreadDate], at the line where both were first seen, and the
// file's records read month first are counted in [Stats.MixedDates].
// [Options.DateOrder] DayFirst reads them day first.
const MixedDateOrder Reason = "date-order"

// Problem describes one skipped input: a file, a line of a file, or a
// record starting at that line; or, with reason [UnreadDate], a record
// kept without the publication time its field gave.
type Problem struct {
	Path   string // the file as named or walked; "-" for standard input
	Line   int    // 1-based line where the record starts; 0 when the problem concerns no line
	Reason Reason
	Detail string
}

// Error returns "path:line: reason: detail", leaving out ":line" when Line
// is 0 and ": detail" when Detail is empty. It is one line: the path is
// written as [ShowPath] writes it, and a control character of the detail
// (but a tab) as a Go escape.
func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString(ShowPath(p.Path))
	if p.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(p.Line))
	}
	b.WriteString(": ")
	b.WriteString(string(p.Reason))
	if p.Detail != "" {
		b.WriteString(": ")
		writeEscaped(&b, p.Detail)
	}
	return b.String()
}

// ShowPath returns path as a report line shows it: as it is, or, when it
// holds a control character, a line or paragraph separator or bytes
// that are not UTF-8, or starts with a double quote, quoted as a Go
// string ("dir/new\nline.jsonl"), so that the line stays one line and a
// quoted path cannot be taken for a name.
func ShowPath(path string) string {
	if strings.HasPrefix(path, `"`) || !utf8.ValidString(path) || strings.IndexFunc(path, breaksLine) >= 0 {
		return strconv.Quote(path)
	}
	return path
}

// breaksLine reports whether r, in a report line, could end the line or
// hide what follows: a control character or a line or paragraph
// separator.
func breaksLine(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029'
}

// writeEscaped writes s to b with each rune for which breaksLine is
// true, but a tab, written as its Go escape.
func writeEscaped(b *strings.Builder, s string) {
	start := 0
	for i, r := range s {
		if r == '\t' || !breaksLine(r) {
			continue
		}
		b.WriteString(s[start:i])
		q := strconv.QuoteRune(r)
		b.WriteString(q[1 : len(q)-1])
		start = i + utf8.RuneLen(r)
	}
	b.WriteString(s[start:])
}

// Stats counts what [Read] did.
type Stats struct {
	Files   int            // files (and standard input) opened for reading
	Read    int            // distinct articles passed to the callback (a replacement is not counted again)
	Skipped map[Reason]int // skipped inputs by reason
	// Fallback counts the records that were not UTF-8 and were decoded
	// from [Options.Fallback], each reported as a [Note]; such a record
	// may still be skipped for another reason.
	Fallback int
	// UnreadDates counts the records whose publication field could not
	// be read as a date, each reported with reason [UnreadDate]; they are
	// kept without a publication time (and may still be skipped for
	// another reason).
	UnreadDates int
	// MixedDates counts the records whose date, which reads either way,
	// was read month first in a file holding a date that reads only day
	// first (see [MixedDateOrder]); they are kept.
	MixedDates int
}

// SkippedTotal returns the number of skipped inputs of every reason.
func (s Stats) SkippedTotal() int {
	n := 0
	for _, c := range s.Skipped {
		n += c
	}
	return n
}

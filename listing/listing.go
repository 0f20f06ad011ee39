// Package listing writes what wirediff's commands list (articles, groups,
// search hits, near-duplicates) in the formats every listing command
// offers, so that each format of each command follows one contract:
//
//   - table: aligned columns for people, headed by the CSV column names
//     in upper case; IDs and group labels are never cut.
//   - json: one indented document, always an object, with the records in
//     a list inside (see each command's schema in docs/schema).
//   - jsonl: one record a line, of one type per command: the elements of
//     the JSON document's list.
//   - csv and tsv: a header row, then one row per record (a record that
//     holds a list, such as a group, is one row per member), with the
//     JSON field names as column names. TSV cells have tabs and line
//     breaks turned into spaces, so that a row is a line.
//
// Every format lists the records in the same order.
//
// The records (Article and those built on it) carry the field names
// shared across commands: a thing has one name wherever it appears.
package listing

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/wirediff/wirediff/internal/table"
	"io"
	"slices"
	"strings"
)

// Format is an output format.
type Format string

// The formats. A listing command offers all five; a report (lineage,
// eval) offers Table and JSON.
const (
	Table Format = "table"
	JSON  Format = "json"
	JSONL Format = "jsonl"
	CSV   Format = "csv"
	TSV   Format = "tsv"
)

// Formats are the formats of a listing command, in the order help lists
// them.
var Formats = []Format{Table, JSON, JSONL, CSV, TSV}

// ErrFormat is the error of ParseFormat for a name it does not accept.
var ErrFormat = errors.New("unknown format")

// ParseFormat returns the format named s among allowed (all of Formats
// when none are given).
func ParseFormat(s string, allowed ...Format) (Format, error) {
	if len(allowed) == 0 {
		allowed = Formats
	}
	if slices.Contains(allowed, Format(s)) {
		return Format(s), nil
	}
	return "", fmt.Errorf("%w %q: want %s", ErrFormat, s, Names(allowed...))
}

// Names lists formats for a message or a flag's help: "table, json or
// jsonl".
func Names(fs ...Format) string {
	if len(fs) == 0 {
		fs = Formats
	}
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = string(f)
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
}

// List is what a listing command prints, ready for any format.
type List struct {
	// Doc is the JSON document: an object whose list holds Records.
	Doc any
	// Records are the JSON lines, one per line.
	Records []any
	// Columns name the cells of Rows: the CSV and TSV header and, in
	// upper case, the table's headings.
	Columns []string
	// Rows are the CSV, TSV and table rows, in the order of Records.
	Rows [][]string
	// Table, when set, writes the table instead of Columns and Rows (a
	// table shows fewer columns, or text beneath a row).
	Table func(w io.Writer) error
}

// Write writes l to w in format f.
func (l *List) Write(w io.Writer, f Format) error {
	switch f {
	case JSON:
		return NewEncoder(w, true).Encode(l.Doc)
	case JSONL:
		enc := NewEncoder(w, false)
		for _, r := range l.Records {
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		return nil
	case CSV:
		cw := csv.NewWriter(w)
		cw.Write(l.Columns)
		cw.WriteAll(l.Rows) // flushes
		return cw.Error()
	case TSV:
		return writeTSV(w, l.Columns, l.Rows)
	case Table:
		if l.Table != nil {
			return l.Table(w)
		}
		return WriteTable(w, l.Columns, l.Rows)
	}
	return fmt.Errorf("listing: %w %q", ErrFormat, f)
}

// WriteTable writes rows as aligned columns under the upper-cased column
// names; cells are written whole.
func WriteTable(w io.Writer, columns []string, rows [][]string) error {
	tw := table.NewWriter(w, 0)
	heads := make([]string, len(columns))
	for i, c := range columns {
		heads[i] = strings.ToUpper(c)
	}
	fmt.Fprintln(tw, strings.Join(heads, "\t"))
	for _, r := range rows {
		cells := make([]string, len(r))
		for i, c := range r {
			cells[i] = oneLine(c)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	return tw.Flush()
}

func writeTSV(w io.Writer, columns []string, rows [][]string) error {
	return writeTSVRows(w, append([][]string{columns}, rows...))
}

// writeTSVRows writes rows, a line each, their cells on one line.
func writeTSVRows(w io.Writer, rows [][]string) error {
	ew := &ErrWriter{W: w}
	for _, r := range rows {
		cells := make([]string, len(r))
		for i, c := range r {
			cells[i] = oneLine(c)
		}
		io.WriteString(ew, strings.Join(cells, "\t")+"\n")
	}
	return ew.Err
}

// oneLine turns tabs and line breaks into spaces.
var oneLineReplacer = strings.NewReplacer("\t", " ", "\r\n", " ", "\n", " ", "\r", " ")

func oneLine(s string) string { return oneLineReplacer.Replace(s) }

// ErrWriter writes to W until a write fails, then only remembers the
// error, so that a writer of many lines checks once at the end.
type ErrWriter struct {
	W   io.Writer
	Err error
}

func (e *ErrWriter) Write(p []byte) (int, error) {
	if e.Err != nil {
		return 0, e.Err
	}
	n, err := e.W.Write(p)
	e.Err = err
	return n, err
}

// NewEncoder returns the encoder of every JSON output, indented for a
// document or one value a line, writing <, > and & as they are: the JSON
// is for programs, and an HTML report escapes its own.
func NewEncoder(w io.Writer, indent bool) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if indent {
		enc.SetIndent("", "  ")
	}
	return enc
}

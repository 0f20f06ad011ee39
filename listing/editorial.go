package listing

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/wirediff/wirediff/editorial"
)

// Editorial is one input record's reading by the editorial detector: a
// JSON line of editorial, an element of its document's "records".
type Editorial struct {
	ID string `json:"id"`
	*editorial.Result
}

// WriteEditorial writes the detector's records in format f.
func WriteEditorial(w io.Writer, f Format, read []editorial.Record) error {
	recs := make([]Editorial, len(read))
	for i, r := range read {
		recs[i] = Editorial{ID: r.ID, Result: r.Result}
	}
	doc := struct {
		Records []Editorial `json:"records"`
	}{recs}
	l := &List{Doc: doc, Columns: EditorialColumns, Table: func(w io.Writer) error { return editorialTable(w, recs) }}
	for _, r := range recs {
		l.Records = append(l.Records, r)
		l.Rows = append(l.Rows, r.Cells())
	}
	return l.Write(w, f)
}

// An EditorialWriter writes the detector's records one at a time, as
// [WriteEditorial] writes them all in a format other than the table (whose
// columns are aligned over every row): the JSON document, a JSON line
// each, CSV or TSV rows. It writes nothing before the first record.
type EditorialWriter struct {
	w   *bufio.Writer
	f   Format
	o   *Object
	cw  *csv.Writer
	n   int
	err error
}

// NewEditorialWriter returns an EditorialWriter to w in format f (not
// Table).
func NewEditorialWriter(w io.Writer, f Format) (*EditorialWriter, error) {
	switch f {
	case JSON, JSONL, CSV, TSV:
	default:
		return nil, fmt.Errorf("listing: %w %q: the editorial records are written one at a time as json, jsonl, csv or tsv", ErrFormat, f)
	}
	return &EditorialWriter{w: bufio.NewWriterSize(w, 1<<16), f: f}, nil
}

// start writes what comes before the first record.
func (e *EditorialWriter) start() {
	switch e.f {
	case JSON:
		e.o = NewObject(e.w)
		e.o.BeginList("records")
	case CSV:
		e.cw = csv.NewWriter(e.w)
		e.cw.Write(EditorialColumns)
	case TSV:
		e.err = writeTSV(e.w, EditorialColumns, nil)
	}
}

// Write writes the next record.
func (e *EditorialWriter) Write(r editorial.Record) error {
	if e.n == 0 {
		e.start()
	}
	e.n++
	rec := Editorial{ID: r.ID, Result: r.Result}
	switch e.f {
	case JSON:
		e.o.Elem(rec)
		e.err = e.o.Err()
	case JSONL:
		if e.err == nil {
			e.err = NewEncoder(e.w, false).Encode(rec)
		}
	case CSV:
		e.cw.Write(rec.Cells())
		e.err = e.cw.Error()
	case TSV:
		if e.err == nil {
			e.err = writeTSVRows(e.w, [][]string{rec.Cells()})
		}
	}
	return e.err
}

// Close ends the output (with no record, that of none) and flushes it.
func (e *EditorialWriter) Close() error {
	if e.n == 0 {
		e.start()
	}
	switch e.f {
	case JSON:
		e.o.EndList()
		if err := e.o.Close(); e.err == nil {
			e.err = err
		}
	case CSV:
		e.cw.Flush()
		if e.err == nil {
			e.err = e.cw.Error()
		}
	}
	if err := e.w.Flush(); e.err == nil {
		e.err = err
	}
	return e.err
}

// EditorialColumns are the CSV columns of editorial: a record's score
// and its counts of sentences (all, editorial, commentary, reporting),
// of editorial spans and of sentences left unscored (in another
// language).
var EditorialColumns = []string{"id", "editorial_score", "sentences", "editorial", "commentary", "reporting", "spans", "unscored_sentences"}

// Cells are the cells of EditorialColumns.
func (r Editorial) Cells() []string {
	ed, com, rep := 0, 0, 0
	for _, s := range r.Sentences {
		if s.Label == editorial.LabelEditorial {
			ed++
		}
		switch s.Kind {
		case editorial.KindCommentary:
			com++
		case editorial.KindReporting:
			rep++
		}
	}
	return []string{r.ID, strconv.FormatFloat(Score(r.EditorialScore), 'f', -1, 64), strconv.Itoa(len(r.Sentences)),
		strconv.Itoa(ed), strconv.Itoa(com), strconv.Itoa(rep), strconv.Itoa(len(r.Spans)), strconv.Itoa(r.Unscored)}
}

// editorialTable writes a row per record, then the spans of each.
func editorialTable(w io.Writer, recs []Editorial) error {
	rows := make([][]string, len(recs))
	for i, r := range recs {
		rows[i] = r.Cells()
		if score, err := strconv.ParseFloat(rows[i][1], 64); err == nil {
			rows[i][1] = fmt.Sprintf("%.1f", score)
		}
	}
	if err := WriteTable(w, EditorialColumns, rows); err != nil {
		return err
	}
	for _, r := range recs {
		if len(r.Spans) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s\n", r.ID)
		for _, s := range r.Spans {
			fmt.Fprintf(w, "  %d-%d  %q  %s\n", s.Start, s.End, strings.Join(strings.Fields(s.Text), " "), s.Why)
		}
	}
	return nil
}

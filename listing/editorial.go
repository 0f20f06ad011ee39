package listing

import (
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

// EditorialColumns are the CSV columns of editorial: a record's score
// and its counts of sentences (all, editorial, commentary, reporting)
// and of editorial spans.
var EditorialColumns = []string{"id", "editorial_score", "sentences", "editorial", "commentary", "reporting", "spans"}

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
		strconv.Itoa(ed), strconv.Itoa(com), strconv.Itoa(rep), strconv.Itoa(len(r.Spans))}
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

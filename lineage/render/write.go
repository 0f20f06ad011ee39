package render

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/wirediff/wirediff/lineage"
	"github.com/wirediff/wirediff/lineage/outlets"
	"github.com/wirediff/wirediff/listing"
)

// indexPage is the name of the index page of a directory of pages.
const indexPage = "index.html"

// ErrPagesNeedDir is [NewWriter] or [Write] asked for the HTML of several
// groups with no directory to write their pages into.
var ErrPagesNeedDir = errors.New("render: the HTML pages of several groups need a directory")

// A Writer writes the reports of a known number of groups one at a time,
// as they are analyzed, and keeps none once written (of HTML pages, only
// each report's [lineage.Report.Summary] and the outlets' sums
// ([outlets.Tally]) for the index page): a long run takes the memory of
// the reports being written, not of all of them. The bytes are those of
// writing all the reports at once.
//
// JSON is one document, {"lineage": [...]}, whatever the number of
// groups; JSON lines are one element of its list per line. Tables are
// headed by their group and size when there are several, a blank line
// between two. HTML goes to w as one page when there is one group and no
// directory; with a directory, each group's page goes into it, named by
// [PageName], then index.html linking them under a table of the outlets,
// and the path of each file is written to w, one a line, as it is
// written.
type Writer struct {
	w        io.Writer
	format   string
	dir      string
	n, count int
	entries  []lineage.IndexEntry
	tally    *outlets.Tally // HTML pages: the index page's outlets
	closed   bool
	list     bool // JSON: the list alone, not a document holding it
}

// NewListWriter returns a Writer of the reports of n groups as a JSON
// list, [...], indented as the value of a top-level key of a document
// encoded whole: the "lineage" list of another document, written in its
// place as the reports are analyzed. Close writes the list's end.
func NewListWriter(w io.Writer, n int) *Writer {
	return &Writer{w: w, format: "json", list: true, n: n}
}

// NewWriter returns a Writer of the reports of n groups in format
// "table", "json", "jsonl" or "html" to w, the HTML pages into dir when it is not
// "". It writes nothing yet.
func NewWriter(w io.Writer, format, dir string, n int) (*Writer, error) {
	switch format {
	case "table", "json", "jsonl":
	case "html":
		if dir == "" && n > 1 {
			return nil, ErrPagesNeedDir
		}
	default:
		return nil, fmt.Errorf("render: format %q: want table, json, jsonl or html", format)
	}
	s := &Writer{w: w, format: format, dir: dir, n: n}
	if format == "html" && dir != "" {
		t, err := outlets.New()
		if err != nil {
			return nil, err
		}
		s.tally = t
	}
	return s, nil
}

// Write writes the next group's report.
func (s *Writer) Write(r Named) error {
	if s.closed {
		return errors.New("render: Write after Close")
	}
	if s.count == s.n {
		return fmt.Errorf("render: report %d of a writer of %d groups", s.count+1, s.n)
	}
	s.count++
	switch {
	case s.format == "json":
		return s.writeJSON(r)
	case s.format == "jsonl":
		if err := listing.NewEncoder(s.w, false).Encode(Grouped(r)); err != nil {
			return fmt.Errorf("lineage: writing JSON of %s: %w", r.Group, err)
		}
		return nil
	case s.format == "table":
		return s.writeTable(r)
	case s.dir == "":
		return r.WriteHTMLPage(s.w, r.Group, "")
	}
	name := PageName(r.Group)
	path := filepath.Join(s.dir, name)
	if err := writeFile(path, func(f io.Writer) error { return r.WriteHTMLPage(f, r.Group, indexPage) }); err != nil {
		return err
	}
	s.entries = append(s.entries, lineage.IndexEntry{Group: r.Group, Page: name, Report: r.Summary()})
	s.tally.Add(r.Report)
	_, err := fmt.Fprintln(s.w, path)
	return err
}

// Close ends the output: the JSON document's end, or the HTML index page.
// It fails when fewer reports were written than the writer was made for.
func (s *Writer) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	if s.count != s.n {
		return fmt.Errorf("render: %d of %d groups' reports written", s.count, s.n)
	}
	switch {
	case s.format == "json":
		end := "\n  ]"
		if s.n == 0 {
			end = "[]"
			if !s.list {
				end = docStart + end
			}
		}
		if !s.list {
			end += "\n}\n"
		}
		_, err := io.WriteString(s.w, end)
		return err
	case s.format == "html" && s.dir != "":
		index := filepath.Join(s.dir, indexPage)
		var outs []lineage.IndexOutlet
		for _, o := range s.tally.Rows() {
			outs = append(outs, lineage.IndexOutlet{Outlet: o.Outlet, Articles: o.Articles, Groups: o.Groups, Sources: o.Sources,
				KeptShare: o.KeptShare, AddedShare: o.AddedShare, DroppedShare: o.DroppedShare, EditorialScore: o.EditorialScore,
				ScoredArticles: o.ScoredArticles})
		}
		if err := writeFile(index, func(f io.Writer) error { return lineage.WriteIndexHTML(f, s.entries, outs) }); err != nil {
			return err
		}
		_, err := fmt.Fprintln(s.w, index)
		return err
	}
	return nil
}

// docStart begins the JSON document of the reports, up to its list.
const docStart = "{\n  \"lineage\": "

// writeJSON writes r as the next element of the "lineage" list, indented
// as the element of a document encoded whole.
func (s *Writer) writeJSON(r Named) error {
	var b bytes.Buffer
	if s.count == 1 {
		if !s.list {
			b.WriteString(docStart)
		}
		b.WriteString("[\n    ")
	} else {
		b.WriteString(",\n    ")
	}
	enc := listing.NewEncoder(&b, false)
	enc.SetIndent("    ", "  ")
	if err := enc.Encode(Grouped(r)); err != nil {
		return fmt.Errorf("lineage: writing JSON of %s: %w", r.Group, err)
	}
	b.Truncate(b.Len() - 1) // the encoder's newline
	_, err := s.w.Write(b.Bytes())
	return err
}

// writeTable writes r's table, headed by its group and size when there
// are several groups.
func (s *Writer) writeTable(r Named) error {
	if s.count > 1 {
		if _, err := fmt.Fprintln(s.w); err != nil {
			return err
		}
	}
	if s.n > 1 {
		n := len(r.Members)
		if r.Reference.SourceID != "" {
			n++
		}
		fmt.Fprintf(s.w, "== %s (%s)\n", r.Group, listing.Plural(n, "article"))
	}
	return r.WriteTable(s.w)
}

// Write writes reports as a [Writer] of len(reports) groups does.
func Write(w io.Writer, format, dir string, reports []Named) error {
	s, err := NewWriter(w, format, dir, len(reports))
	if err != nil {
		return err
	}
	for _, r := range reports {
		if err := s.Write(r); err != nil {
			return err
		}
	}
	return s.Close()
}

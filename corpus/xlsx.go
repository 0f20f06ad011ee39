package corpus

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Workbooks. An Excel workbook (.xlsx, as spreadsheets and media
// monitoring services export lists of articles) is read as its tables:
// every worksheet whose first non-blank row names a text column (by the
// names a CSV header uses) is a table of articles, a row per article, its
// row number the record's line; other worksheets (a summary, a chart's
// data) are passed over. Cells are read as stored, shared strings
// resolved; a publication time stored as a spreadsheet date (a serial
// number of days) is read as that date. Records without an id are named
// "base:row" on the first worksheet and "base:sheet:row" on the others;
// their origins, and the problems of their rows, are "path:row" and
// "path:sheet:row" likewise.

// xlsxDateRange bounds the serial numbers read as spreadsheet dates in a
// publication time column: 1970 to 2119. A number outside it (a year, a
// Unix time) is read by [ParseDate] as written.
const xlsxDateMin, xlsxDateMax = 25569, 80000

// readXLSX reads an Excel workbook (see above).
func (r *run) readXLSX(src *source, base string) error {
	path := src.path
	limit := int64(r.max) * jsonFileFactor
	data, ok := r.readBounded(path, src.raw, limit, 0, "workbook larger than %d bytes; export it as CSV")
	if !ok {
		return nil
	}
	var f *excelize.File
	if err := guard(func() (err error) {
		f, err = excelize.OpenReader(bytes.NewReader(data), excelize.Options{
			// A workbook's parts unzip to at most the bound of a .json
			// file: a zip bomb is refused, not unpacked; a worksheet over
			// a quarter of it is read from a temporary file, not memory.
			UnzipSizeLimit: limit, UnzipXMLSizeLimit: limit / 4,
		})
		return err
	}); err != nil {
		r.problem(path, 0, Unreadable, "not an Excel workbook (.xlsx): %v", err)
		return nil
	}
	defer f.Close()
	tables, sheets := 0, f.GetSheetList()
	for i, sheet := range sheets {
		// The first worksheet's rows are the file's lines; another's are
		// named with the worksheet, in IDs, origins and messages alike.
		prefix, at := base+":", path
		if i > 0 {
			prefix, at = base+":"+sheet+":", path+":"+sheet
		}
		read, err := r.xlsxSheet(f, at, sheet, prefix)
		if err != nil {
			return err
		}
		if read {
			tables++
		}
	}
	if tables == 0 {
		reason, detail := Empty, ""
		if r.sniff {
			reason, detail = NotArticles, "; file skipped"
		}
		r.problem(path, 0, reason, "no worksheet of %s has a text column (looked for %s)%s",
			quoteList(sheets), r.fields.lookedFor(fieldText), detail)
	}
	return nil
}

// xlsxSheet reads the worksheet sheet of f as a table of articles, named
// prefix+row when they have no id, their origins and problems at path
// and row; false when it is no such table.
func (r *run) xlsxSheet(f *excelize.File, path, sheet, prefix string) (bool, error) {
	// The rows are parsed first, under a guard against a panic of the
	// parser, then read.
	var rows [][]string
	if err := guard(func() error {
		it, err := f.Rows(sheet)
		if err != nil {
			return err
		}
		defer it.Close()
		for it.Next() {
			row, err := it.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				return fmt.Errorf("row %d: %w", len(rows)+1, err)
			}
			rows = append(rows, row)
		}
		return it.Error()
	}); err != nil {
		r.problem(path, len(rows)+1, Unreadable, "worksheet %q: %v; the rest of it skipped", sheet, err)
	}
	var cols map[string]int
	var names []string // the header's names, as written
	published := map[string]bool{}
	for _, k := range r.fields.keys[fieldPublished] {
		published[k] = true
	}
	for i, row := range rows {
		n := i + 1
		if blankRow(row) {
			continue
		}
		if cols == nil {
			cols, names = tableHeader(row)
			if !r.fields.has(fieldText, func(k string) bool { _, ok := cols[k]; return ok }) {
				return false, nil
			}
			r.sniff = false
			continue
		}
		size := 0
		for _, v := range row {
			size += len(v)
		}
		if size > r.max {
			r.problem(path, n, TooLong, "worksheet %q: row of %d bytes, limit %d", sheet, size, r.max)
			continue
		}
		get := func(k string) string {
			i, ok := cols[k]
			if !ok || i >= len(row) {
				return ""
			}
			if published[k] || dateFieldName(k) {
				return xlsxDate(row[i])
			}
			return row[i]
		}
		keys := func() []string { return names }
		if err := r.emit(record{path: path, line: n, defaultID: prefix + strconv.Itoa(n), get: get, keys: keys}); err != nil {
			return true, err
		}
	}
	return cols != nil, nil
}

// xlsxDate returns a cell of a publication time column as a date
// [ParseDate] reads: a spreadsheet date (days since 1899-12-30, the time
// of day as the fraction) as an ISO 8601 time without a zone, anything
// else as it is.
func xlsxDate(v string) string {
	serial, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || serial < xlsxDateMin || serial >= xlsxDateMax {
		return v
	}
	t, err := excelize.ExcelDateToTime(serial, false)
	if err != nil {
		return v
	}
	return t.Round(1e9).Format("2006-01-02T15:04:05")
}

// blankRow reports whether every cell of row is blank.
func blankRow(row []string) bool {
	for _, v := range row {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// quoteList returns the names quoted and joined with commas.
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

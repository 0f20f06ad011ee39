package corpus

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// readObject reads a .json file whose text from start is one JSON object:
// an article, parsed once (the common file of one article); a table keyed
// by column or by row, as pandas' DataFrame.to_json writes one (see
// [run.readColumns] and [run.readRows]); or an API's answer holding its
// articles in arrays (see [run.readEnvelope]). It returns false, having
// read nothing, when the text is not one object in valid UTF-8 within the
// record limit (a stream of objects, bytes in another encoding), or an
// object none of these, which the caller reads as a record as it is.
func (r *run) readObject(src *source, base string, data []byte, start int, lines *lineCounter) (bool, error) {
	raw := bytes.TrimRight(data[start:], " \t\r\n")
	if len(raw) == 0 || raw[0] != '{' || !utf8.Valid(raw) {
		return false, nil
	}
	obj, err := parseJSONObject(raw)
	if err != nil {
		return false, nil // several values, or a syntax error the caller reports
	}
	n := lines.at(start)
	if r.standsAlone(obj) {
		if read, err := r.readColumns(src, base, n, obj); read || err != nil {
			return read, err
		}
		if len(raw) > r.max {
			return false, nil // the caller reports it
		}
		_, id := lines.record(base, start)
		return true, r.jsonRecord(src.path, id, n, obj)
	}
	if read, err := r.readRows(src, base, n, raw); read || err != nil {
		return read, err
	}
	return r.readEnvelope(src, base, data, start, lines)
}

// readRows reads a table written row by row, raw: an object whose every
// member is an object, one of them with a text or title field (pandas'
// orient "index", or a dictionary of articles keyed by ID). Each row is a
// record, in the order written, named "base:label" when it has no id of
// its own.
func (r *run) readRows(src *source, base string, n int, raw []byte) (bool, error) {
	keys, vals, ok := orderedMembers(raw)
	if !ok || len(keys) == 0 {
		return false, nil
	}
	for _, v := range vals {
		if v = bytes.TrimSpace(v); len(v) == 0 || v[0] != '{' {
			return false, nil
		}
	}
	var article jsonObject // the first row that is an article
	for _, v := range vals {
		if row, err := parseJSONObject(v); err == nil && r.isArticle(row) {
			article = row
			break
		}
	}
	if article == nil {
		return false, nil
	}
	// A walk judges the file by its first article.
	if err := r.sniffed(src.path, n, article); err != nil {
		return true, err
	}
	for i, k := range keys {
		if len(vals[i]) > r.max {
			r.problem(src.path, n, TooLong, "row %q of %d bytes, limit %d", k, len(vals[i]), r.max)
			continue
		}
		row, err := parseJSONObject(vals[i])
		if err != nil {
			r.problem(src.path, n, MalformedJSON, "row %q: %v", k, jsonErr(err))
			continue
		}
		if err := r.row(src.path, n, base+":"+k, row); err != nil {
			return true, err
		}
	}
	return true, nil
}

// readColumns reads a table written column by column (pandas' default
// orient "columns"): obj maps each column to an object of the rows' values
// by row label, every column with the same labels; the rows are records in
// the order of the text column, named "base:label" when they have no id of
// their own. It returns false at once when the text is not an object (an
// article).
func (r *run) readColumns(src *source, base string, n int, obj jsonObject) (bool, error) {
	var rows []string
	for _, k := range r.fields.keys[fieldText] {
		if v, ok := obj.lookup(k); ok {
			if v = bytes.TrimSpace(v); len(v) == 0 || v[0] != '{' {
				return false, nil // an article whose text is not a column
			}
			rows, _, _ = orderedMembers(v)
			break
		}
	}
	cols := make(map[string]map[string]json.RawMessage, len(obj))
	for name, v := range obj {
		var col map[string]json.RawMessage
		if json.Unmarshal(v, &col) != nil || col == nil || len(col) != len(rows) {
			return false, nil // not a table: a column that is not an object of every row
		}
		for _, label := range rows {
			if _, ok := col[label]; !ok {
				return false, nil
			}
		}
		cols[name] = col
	}
	if len(rows) == 0 {
		r.problem(src.path, n, Empty, "a table of no rows")
		return true, nil
	}
	for i, label := range rows {
		row := make(jsonObject, len(cols))
		size := 0
		for name, col := range cols {
			row[name] = col[label]
			size += len(col[label])
		}
		if size > r.max {
			r.problem(src.path, n, TooLong, "row %q of %d bytes, limit %d", label, size, r.max)
			continue
		}
		if i == 0 {
			if err := r.sniffed(src.path, n, row); err != nil {
				return true, err
			}
		}
		if err := r.row(src.path, n, base+":"+label, row); err != nil {
			return true, err
		}
	}
	return true, nil
}

// row emits one row of a keyed table as a record at line n of path.
func (r *run) row(path string, n int, id string, row jsonObject) error {
	return r.emit(record{path: path, line: n, defaultID: id, present: row.present}.withText(row, r.fields))
}

// orderedMembers returns the names of the members of the JSON object raw,
// in the order written and as written, with their values; false when raw
// is not an object.
func orderedMembers(raw []byte) ([]string, []json.RawMessage, bool) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, nil, false
	}
	var keys []string
	var vals []json.RawMessage
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, nil, false
		}
		k, ok := t.(string)
		if !ok {
			return nil, nil, false
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, nil, false
		}
		keys, vals = append(keys, k), append(vals, v)
	}
	return keys, vals, true
}

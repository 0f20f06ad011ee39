package corpus

import (
	"bytes"
	"encoding/json"
)

// readKeyed reads a .json file that is one object keyed by record, as
// pandas' DataFrame.to_json writes a table: by default column by column
// ({"title": {"0": "A", "1": "B"}, "text": {"0": …, "1": …}}; orient
// "columns"), or row by row ({"0": {"title": "A", "text": …}, …}; orient
// "index", also a dictionary of articles keyed by ID). Each row is a record
// of the file, in the order written, named "base:row" when it has no id of
// its own. It returns false, having read nothing, when the object is
// neither: a column table has a text column whose value is an object, and
// every column is an object of the same row labels; a row table has an
// object for every member, one of them with a text or title field.
func (r *run) readKeyed(src *source, base string, data []byte, start int, lines *lineCounter) (bool, error) {
	raw := bytes.TrimSpace(data[start:])
	if len(raw) == 0 || raw[0] != '{' {
		return false, nil
	}
	keys, vals, ok := orderedMembers(raw)
	if !ok || len(keys) == 0 {
		return false, nil
	}
	obj, err := parseJSONObject(raw)
	if err != nil {
		return false, nil
	}
	n := lines.at(start)
	if r.fields.has(fieldText, obj.present) {
		return r.readColumns(src, base, n, obj)
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

// readColumns reads a table written column by column: obj maps each column
// to an object of the rows' values by row label, every column with the
// same labels; the rows are in the order of the text column.
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
		for name, col := range cols {
			row[name] = col[label]
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

package corpus

import (
	"bytes"
	"encoding/json"
	"strings"
)

// envelopeDepth is how deep in a JSON document's objects [run.readEnvelope]
// looks for arrays of articles: NewsAPI's "articles" is one level down, the
// New York Times' "response.docs" two.
const envelopeDepth = 3

// readEnvelope reads a .json file (or a line of JSON lines) that is one
// object holding its articles in arrays, as news APIs answer: {"status":
// "ok", "articles": [{…}, …]}; a line may also be one array of articles.
// An array, the value of a member of the object or of an object within it
// (up to [envelopeDepth] levels), holds articles when one of its elements
// is an object with a text or title field; each of its elements is then
// read as a record of the file, at its own line. Members that are not such
// arrays (a status, a count, a page cursor) are passed over. It returns
// false, having read nothing, when the data is not one object (or array),
// the object is itself an article, or no array in it holds articles.
func (r *run) readEnvelope(src *source, base string, data []byte, start int, lines *lineCounter) (bool, error) {
	dec := json.NewDecoder(bytes.NewReader(data[start:]))
	var raw json.RawMessage
	if dec.Decode(&raw) != nil || len(raw) == 0 || raw[0] != '{' && raw[0] != '[' ||
		skipJSONSpace(data, start+int(dec.InputOffset())) != len(data) {
		return false, nil
	}
	dec = json.NewDecoder(bytes.NewReader(raw))
	if raw[0] == '[' {
		// A line of JSON lines that is an array of articles.
		dec.Token()
		return r.envelopeArray(src, base, dec, data, start, lines, true)
	}
	obj, err := parseJSONObject(raw)
	if err != nil || r.standsAlone(obj) {
		return false, nil // callers that have parsed it know; a line has not
	}
	if v, _ := obj.lookup("version"); strings.HasPrefix(jsonText(v, "", 0), jsonFeedVersion) {
		// A JSON Feed's items are its site's: its title is their outlet.
		r.feedOutlet = cleanField(jsonText(obj["title"], " ", 0))
		defer func() { r.feedOutlet = "" }()
	}
	// keys holds, for each object entered, whether its next token is a
	// member's name.
	var keys []bool
	found := false
	for {
		tok, err := dec.Token()
		if err != nil {
			return found, nil // the end of the object, which was decoded whole above
		}
		switch n := len(keys); {
		case tok == json.Delim('}'):
			keys = keys[:n-1]
		case n > 0 && keys[n-1]:
			keys[n-1] = false // a member's name: its value follows
			continue
		case tok == json.Delim('{'):
			keys = append(keys, true)
			continue
		case tok == json.Delim('['):
			read, err := r.envelopeArray(src, base, dec, data, start, lines, len(keys) <= envelopeDepth)
			found = found || read
			if err != nil {
				return found, err
			}
		}
		if n := len(keys); n > 0 {
			keys[n-1] = true // a value ended: a name or the object's end follows
		}
	}
}

// envelopeArray reads the elements of the array whose "[" dec has just
// given, up to and including its "]": as records when look is set and one
// of them is an article (so that an advertisement's placeholder in first
// place does not hide the articles after it; the elements that are not
// articles are then reported as records without text), else passing over
// them. It reports whether it read them as records.
func (r *run) envelopeArray(src *source, base string, dec *json.Decoder, data []byte, start int, lines *lineCounter, look bool) (bool, error) {
	type element struct {
		off int
		raw json.RawMessage
	}
	var elems []element
	var article jsonObject // the first element that is an article
	articleOff := 0
	for dec.More() {
		off := skipJSONSpace(data, start+int(dec.InputOffset()))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return false, nil // cannot happen: the value was decoded whole
		}
		if look && article == nil {
			if obj, err := parseJSONObject(raw); err == nil && r.isArticle(obj) {
				article, articleOff = obj, off
			}
		}
		if look {
			elems = append(elems, element{off, raw})
		}
	}
	dec.Token() // the "]"
	if article == nil {
		return false, nil
	}
	// A walk judges the file by its first article, not by what precedes it.
	if err := r.sniffed(src.path, lines.at(articleOff), article); err != nil {
		return true, err
	}
	for _, e := range elems {
		n, id := lines.record(base, e.off)
		if err := r.jsonValue(src, id, n, e.raw); err != nil {
			return true, err
		}
	}
	return true, nil
}

// isArticle reports whether a JSON object has a text or a title field.
func (r *run) isArticle(obj jsonObject) bool {
	return r.fields.has(fieldText, obj.present) || r.fields.has(fieldTitle, obj.present)
}

// jsonFeedVersion begins the version of a JSON Feed (jsonfeed.org), the
// JSON counterpart of RSS: {"version": "https://jsonfeed.org/version/1.1",
// "title": "…", "items": [{"id", "url", "title", "content_html",
// "date_published", "authors"}, …]}.
const jsonFeedVersion = "https://jsonfeed.org/version/"

// standsAlone reports whether obj, a JSON document's (or line's) top
// object, is an article itself rather than a list holding articles: it
// has a text field; or a title, and a publication time or URL or no
// member that is an array of articles. A title alone is a feed's or a
// search's when an array beside it holds the articles (a JSON Feed's
// "title" and "items"): reading it as a headline would lose them.
func (r *run) standsAlone(obj jsonObject) bool {
	switch {
	case r.fields.has(fieldText, obj.present):
		return true
	case !r.fields.has(fieldTitle, obj.present):
		return false
	case r.fields.has(fieldPublished, obj.present) || r.fields.has(fieldURL, obj.present):
		return true
	}
	for _, v := range obj {
		if v = bytes.TrimSpace(v); len(v) == 0 || v[0] != '[' {
			continue
		}
		var elems []json.RawMessage
		if json.Unmarshal(v, &elems) != nil {
			continue
		}
		for _, e := range elems {
			if el, err := parseJSONObject(e); err == nil && r.isArticle(el) {
				return false
			}
		}
	}
	return true
}

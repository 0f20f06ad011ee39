package corpus

import (
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"

	"golang.org/x/net/html/charset"
)

// News feeds. An RSS (0.9x, 1.0, 2.0) or Atom file (.rss, .atom, or .xml
// whose root element is a feed's) is one article per item or entry: its
// title; its text from content:encoded or Atom's content, else its
// description or summary (feeds give HTML there, read as its text, see
// [decodeText]); its link; its guid or Atom id as the ID, else the link;
// pubDate, published, dc:date or updated as its publication time;
// dc:creator or the author's name as the byline; and as the outlet the
// item's <source>, else the feed's own title. An item with a title and no
// text is a headline-only article, as a record with no text is.
//
// The XML is read as browsers read feeds: HTML's named entities (&nbsp;)
// are known and unclosed HTML tags in a feed's text are closed, and the
// encoding its declaration names is decoded. A syntax error is reported at
// its line as [MalformedXML] and ends the file, its items before it kept.

// Namespaces of the elements read.
const (
	nsAtom    = "http://www.w3.org/2005/Atom"
	nsRSS1    = "http://purl.org/rss/1.0/"
	nsRDF     = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	nsDC      = "http://purl.org/dc/elements/1.1/"
	nsContent = "http://purl.org/rss/1.0/modules/content/"
)

// feedElem is an element of a feed item, with its children.
type feedElem struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Inner   string     `xml:",innerxml"`
	Text    string     `xml:",chardata"`
	Elems   []feedElem `xml:",any"`
}

// child returns the first child of e named local in the feed's own
// vocabulary (no namespace, RSS 1.0's or Atom's) or, with space, in that
// namespace; nil when it has none.
func (e *feedElem) child(local, space string) *feedElem {
	for i := range e.Elems {
		c := &e.Elems[i]
		if c.XMLName.Local != local {
			continue
		}
		switch s := c.XMLName.Space; {
		case space != "" && s == space, space == "" && (s == "" || s == nsAtom || s == nsRSS1):
			return c
		}
	}
	return nil
}

// attr returns the value of e's attribute local, or "".
func (e *feedElem) attr(local string) string {
	for _, a := range e.Attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// text returns the text of child local (in space, see child), trimmed, or "".
func (e *feedElem) text(local, space string) string {
	if c := e.child(local, space); c != nil {
		return strings.TrimSpace(c.Text)
	}
	return ""
}

// fields returns the item's values under the canonical field names.
func (e *feedElem) fields(outlet string) map[string]string {
	f := map[string]string{"title": e.text("title", ""), "outlet": outlet}
	// The text: the full content, else the summary.
	if c := e.child("encoded", nsContent); c != nil {
		f["text"] = c.Text
	} else if c := e.child("content", ""); c != nil {
		if c.attr("type") == "xhtml" {
			f["text"] = c.Inner // XHTML markup, read as markup
		} else {
			f["text"] = c.Text
		}
	} else if d := e.child("description", ""); d != nil {
		f["text"] = d.Text
	} else if s := e.child("summary", ""); s != nil {
		f["text"] = s.Text
	}
	// The link: RSS's text, Atom's alternate href.
	for i := range e.Elems {
		c := &e.Elems[i]
		if c.XMLName.Local != "link" || c.XMLName.Space != "" && c.XMLName.Space != nsAtom && c.XMLName.Space != nsRSS1 {
			continue
		}
		if href := c.attr("href"); href != "" {
			if rel := c.attr("rel"); rel == "" || rel == "alternate" {
				f["url"] = strings.TrimSpace(href)
				break
			}
			continue
		}
		if t := strings.TrimSpace(c.Text); t != "" {
			f["url"] = t
			break
		}
	}
	f["id"] = e.text("guid", "")
	if f["id"] == "" {
		f["id"] = e.text("id", "")
	}
	if f["id"] == "" {
		f["id"] = e.attr("about") // RSS 1.0's rdf:about
	}
	if f["id"] == "" {
		f["id"] = f["url"]
	}
	for _, d := range []struct{ local, space string }{{"pubDate", ""}, {"published", ""}, {"date", nsDC}, {"updated", ""}} {
		if v := e.text(d.local, d.space); v != "" {
			f["published"] = v
			break
		}
	}
	if v := e.text("creator", nsDC); v != "" {
		f["byline"] = v
	} else if a := e.child("author", ""); a != nil {
		if n := a.text("name", ""); n != "" {
			f["byline"] = n
		} else {
			f["byline"] = rssAuthor(strings.TrimSpace(a.Text))
		}
	}
	if s := e.text("source", ""); s != "" && e.child("source", "").attr("url") != "" {
		f["outlet"] = s // RSS's <source url="…">Reuters</source>
	}
	return f
}

// feedFields maps the canonical field names to themselves, the names
// [feedElem.fields] gives.
var feedFields = newFieldMap(nil)

// rssAuthor returns the name of an RSS author, "jdoe@example.com (Jane
// Doe)", or the value as it is.
func rssAuthor(s string) string {
	if i, j := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')'); i > 0 && j > i && strings.Contains(s[:i], "@") {
		return strings.TrimSpace(s[i+1 : j])
	}
	return s
}

// readFeed reads an RSS or Atom feed, an article per item, or a wire
// document (NITF, NewsML; see [nitfFields] and [newsItemFields]).
func (r *run) readFeed(src *source, base string) error {
	path := src.path
	// An item's fields have their feed's names, whatever Options.Fields
	// maps for records.
	fields := r.fields
	r.fields = feedFields
	defer func() { r.fields = fields }()
	dec := xml.NewDecoder(src.r)
	dec.Strict = false
	dec.AutoClose = feedAutoClose
	dec.Entity = xml.HTMLEntity
	dec.CharsetReader = func(label string, input io.Reader) (io.Reader, error) {
		if src.decoded {
			// Decoded already (a UTF-16 byte order mark, --encoding):
			// the declaration names what the bytes were.
			return input, nil
		}
		return charset.NewReaderLabel(label, input)
	}
	var stack []string // the local names of the open elements
	outlet, root, items := "", "", 0
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, _ := dec.InputPos()
			r.problem(path, line, MalformedXML, "%v; rest of file skipped", xmlErr(err))
			return nil
		}
		switch t := tok.(type) {
		case xml.StartElement:
			local := t.Name.Local
			if root == "" {
				root = local
				switch {
				case local == "rss", local == "feed", local == "RDF" && t.Name.Space == nsRDF:
				case local == "nitf", local == "newsItem", local == "newsMessage", local == "NewsML":
				default:
					r.problem(path, 0, NotArticles, "an XML file whose root is <%s>, not a news feed (RSS, Atom) or wire format (NITF, NewsML)", local)
					return nil
				}
			}
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			switch {
			case local == "item" || local == "entry" || local == "nitf" || local == "newsItem":
				line, _ := dec.InputPos()
				var e feedElem
				if err := dec.DecodeElement(&e, &t); err != nil {
					line, _ := dec.InputPos()
					r.problem(path, line, MalformedXML, "%v; rest of file skipped", xmlErr(err))
					return nil
				}
				items++
				if size := dec.InputOffset() - start; size > int64(r.max) {
					r.problem(path, line, TooLong, "item of %d bytes, limit %d", size, r.max)
					continue
				}
				var f map[string]string
				switch local {
				case "nitf":
					f = nitfFields(&e)
				case "newsItem":
					var text bool
					if f, text = newsItemFields(&e); !text {
						continue // a picture, a video: no article
					}
				default:
					f = e.fields(outlet)
				}
				if err := r.emit(record{
					path: path, line: line, defaultID: base + ":" + strconv.Itoa(line),
					get: func(key string) string { return f[key] },
				}); err != nil {
					return err
				}
				continue
			case local == "title" && (parent == "channel" || parent == "feed") && outlet == "":
				var title string
				if err := dec.DecodeElement(&title, &t); err != nil {
					line, _ := dec.InputPos()
					r.problem(path, line, MalformedXML, "%v; rest of file skipped", xmlErr(err))
					return nil
				}
				outlet = strings.TrimSpace(title)
				continue
			}
			stack = append(stack, local)
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	if root == "" {
		r.problem(path, 1, Empty, "no XML element")
	} else if items == 0 {
		r.problem(path, 0, Empty, "a feed with no items (or a wire document with no article)")
	}
	return nil
}

// feedAutoClose is xml.HTMLAutoClose without "link", which RSS writes
// with its URL inside.
var feedAutoClose = func() []string {
	var out []string
	for _, e := range xml.HTMLAutoClose {
		if e != "link" {
			out = append(out, e)
		}
	}
	return out
}()

// xmlErr returns err's message without the line encoding/xml puts in it
// (the problem names the line).
func xmlErr(err error) string {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return se.Msg
	}
	return err.Error()
}

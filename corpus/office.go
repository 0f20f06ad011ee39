package corpus

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"
)

// Word-processor documents. A Word document (.docx, Office Open XML, as
// Word, Google Docs and LibreOffice save it) or an OpenDocument text
// (.odt) is one article, as agencies and press offices send copy: its
// paragraphs in order (those of tables and text boxes included), a blank
// line between them, a line break within one kept as one. What a reader of
// the page does not see as the text is left out: page headers and footers,
// footnotes and comments, deletions of tracked changes, field codes, and
// the fallback copy of drawings that Word writes beside their text boxes.
// The first paragraph in the document's Title style is the title and not
// part of the text; without one, the title the document's properties give
// (docProps/core.xml, meta.xml). The properties' dates and author are not
// read: they are the file's, not the article's (a template's author, the
// day the file was saved); a date or "By" line in the text is read as in a
// text file. A file that is no such document, or whose parts do not parse,
// is reported with the part and why; its paragraphs before an XML error are
// not read (a document is one article, not a list of records).

// officeKind names a word-processor format.
type officeKind int

const (
	docx officeKind = iota
	odt
)

func (k officeKind) String() string {
	if k == odt {
		return "OpenDocument text (.odt)"
	}
	return "Word document (.docx)"
}

// officeMarkupFactor bounds what a document's part unzips to, in records'
// worth of bytes.
const officeMarkupFactor = 16

// readDocx reads a Word document as one article.
func (r *run) readDocx(src *source, id string) error { return r.readOffice(src, id, docx) }

// readODT reads an OpenDocument text as one article.
func (r *run) readODT(src *source, id string) error { return r.readOffice(src, id, odt) }

// readOffice reads the document of kind k in src as one article named id.
func (r *run) readOffice(src *source, id string, k officeKind) error {
	p := src.path
	limit := int64(r.max) * jsonFileFactor
	data, ok := r.readBounded(p, src.raw, limit, 0, "document larger than %d bytes")
	if !ok {
		return nil
	}
	// A part unzips to at most this: the markup around an article's text
	// is a few times the text, and a zip bomb is refused, not unpacked.
	doc, err := readOfficeDoc(data, k, int64(r.max)*officeMarkupFactor)
	if err != nil {
		r.problem(p, 0, Unreadable, "not a %v: %v", k, err)
		return nil
	}
	switch {
	case isBlank(doc.text):
		r.problem(p, 0, Empty, "no text in the %v", k)
		return nil
	case len(doc.text) > r.max:
		r.problem(p, 0, TooLong, "%v of %d bytes of text, limit %d", k, len(doc.text), r.max)
		return nil
	}
	a := Article{Title: cleanField(doc.title), Text: normalizeText(doc.text, false), Origin: p + ":1"}
	return r.finish(a, record{path: p, line: 1, defaultID: id})
}

// officeDoc is what a word-processor document gives an article.
type officeDoc struct {
	title, text string
}

// readOfficeDoc reads data, a document of kind k whose parts unzip to at
// most limit bytes each.
func readOfficeDoc(data []byte, k officeKind, limit int64) (officeDoc, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return officeDoc{}, err
	}
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[strings.TrimPrefix(f.Name, "/")] = f
	}
	read := func(name string) ([]byte, error) {
		f := parts[name]
		if f == nil {
			return nil, nil
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		defer rc.Close()
		b, err := io.ReadAll(io.LimitReader(rc, limit+1))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if int64(len(b)) > limit {
			return nil, fmt.Errorf("%s unzips to more than %d bytes", name, limit)
		}
		return b, nil
	}
	var doc officeDoc
	main, props := "content.xml", "meta.xml"
	if k == docx {
		rels, err := read("_rels/.rels")
		if err != nil {
			return doc, err
		}
		main, props = docxParts(rels)
	}
	body, err := read(main)
	if err != nil {
		return doc, err
	}
	if body == nil {
		return doc, fmt.Errorf("no %s in the file", main)
	}
	if k == docx {
		doc, err = docxText(body)
	} else {
		doc, err = odtText(body)
	}
	if err != nil {
		return doc, fmt.Errorf("%s: %w", main, err)
	}
	if doc.title == "" {
		// The properties are optional and a damaged one costs the
		// title only.
		if b, err := read(props); err == nil && b != nil {
			doc.title = propsTitle(b)
		}
	}
	return doc, nil
}

// Relationship types of a Word document's package.
const (
	relDocument = "/officeDocument"
	relCore     = "/metadata/core-properties"
)

// docxParts returns the names of a Word document's main part and core
// properties from its package relationships (_rels/.rels), or the names
// Word gives them when rels names none.
func docxParts(rels []byte) (main, props string) {
	main, props = "word/document.xml", "docProps/core.xml"
	var doc struct {
		Rels []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(rels, &doc) != nil {
		return main, props
	}
	for _, rel := range doc.Rels {
		target := strings.TrimPrefix(path.Clean("/"+rel.Target), "/")
		switch {
		case strings.HasSuffix(rel.Type, relDocument):
			main = target
		case strings.HasSuffix(rel.Type, relCore):
			props = target
		}
	}
	return main, props
}

// propsTitle returns the title of a document's properties (Dublin Core's
// title in docProps/core.xml or meta.xml), "" when it has none.
func propsTitle(b []byte) string {
	d := xml.NewDecoder(bytes.NewReader(b))
	in := false
	var title strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			return ""
		}
		switch t := tok.(type) {
		case xml.StartElement:
			in = t.Name.Local == "title" && t.Name.Space == nsDC
		case xml.CharData:
			if in {
				title.Write(t)
			}
		case xml.EndElement:
			if in {
				return strings.TrimSpace(title.String())
			}
		}
	}
}

// XML namespaces of the documents' elements.
const (
	nsWord   = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsMC     = "http://schemas.openxmlformats.org/markup-compatibility/2006"
	nsText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	nsOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	nsStyle  = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
)

// paragraphs gathers a document's paragraphs: text is written to the
// innermost open one (a text box's paragraphs nest inside the paragraph
// anchoring it), and each is added when it closes, in the order they
// close; the first closed in the Title style is the title.
type paragraphs struct {
	open  []*para
	done  []string
	title string // "" until a paragraph in the Title style closes
}

// para is an open paragraph: its text so far, and whether it is in the
// Title style.
type para struct {
	text  strings.Builder
	title bool
}

func (p *paragraphs) start(title bool) { p.open = append(p.open, &para{title: title}) }

func (p *paragraphs) write(s string) {
	if len(p.open) > 0 {
		p.open[len(p.open)-1].text.WriteString(s)
	}
}

// setTitle puts the innermost open paragraph in the Title style.
func (p *paragraphs) setTitle() {
	if len(p.open) > 0 {
		p.open[len(p.open)-1].title = true
	}
}

// end closes the innermost paragraph.
func (p *paragraphs) end() {
	if len(p.open) == 0 {
		return
	}
	last := p.open[len(p.open)-1]
	p.open = p.open[:len(p.open)-1]
	s := strings.TrimSpace(last.text.String())
	if s == "" {
		return
	}
	if last.title && p.title == "" {
		p.title = strings.Join(strings.Fields(s), " ")
		return
	}
	p.done = append(p.done, s)
}

func (p *paragraphs) doc() officeDoc {
	return officeDoc{title: p.title, text: strings.Join(p.done, "\n\n")}
}

// docxSkipped are the elements of a Word document's body whose content is
// not the text a reader sees: deleted runs of tracked changes, field
// codes, text moved away, and the properties of runs and sections (the
// fallback copy of a drawing is skipped too, in its own namespace).
var docxSkipped = map[string]bool{
	"del": true, "delText": true, "instrText": true, "delInstrText": true,
	"rPr": true, "sectPr": true, "moveFrom": true,
}

// docxText reads the paragraphs of a Word document's main part.
func docxText(b []byte) (officeDoc, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	var p paragraphs
	skip := 0 // depth inside a skipped element
	inText := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return p.doc(), nil
		}
		if err != nil {
			return officeDoc{}, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			if skip > 0 {
				skip++
				continue
			}
			if t.Name.Space == nsWord && name == "pPr" {
				// A paragraph's properties: its style, and nothing shown.
				if pPrTitle(d) {
					p.setTitle()
				}
				continue
			}
			if t.Name.Space == nsMC && name == "Fallback" || t.Name.Space == nsWord && docxSkipped[name] {
				skip++
				continue
			}
			if t.Name.Space != nsWord {
				continue
			}
			switch name {
			case "p":
				p.start(false)
			case "t":
				inText = true
			case "tab", "ptab":
				p.write("\t")
			case "br", "cr":
				p.write("\n")
			case "noBreakHyphen":
				p.write("-")
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			if t.Name.Space != nsWord {
				continue
			}
			switch t.Name.Local {
			case "p":
				p.end()
			case "t":
				inText = false
			}
		case xml.CharData:
			if skip == 0 && inText {
				p.write(string(t))
			}
		}
	}
}

// pPrTitle reads a paragraph's properties (w:pPr, its start element just
// read by d) to their end, and reports whether they give it the Title
// style.
func pPrTitle(d *xml.Decoder) bool {
	title, depth := false, 1
	for depth > 0 {
		tok, err := d.Token()
		if err != nil {
			return title
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if t.Name.Local == "pStyle" {
				for _, a := range t.Attr {
					if a.Name.Local == "val" && strings.EqualFold(a.Value, "Title") {
						title = true
					}
				}
			}
		case xml.EndElement:
			depth--
		}
	}
	return title
}

// odtSkipped are the elements of an OpenDocument text whose content is not
// the text a reader sees: footnotes and endnotes, tracked changes (the
// deleted text they keep), annotations, and the names of sequence fields.
var odtSkipped = map[string]bool{
	"note": true, "tracked-changes": true, "sequence-decls": true,
	"variable-decls": true, "user-field-decls": true,
}

// odtText reads the paragraphs and headings of an OpenDocument text's
// content.xml.
func odtText(b []byte) (officeDoc, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	var p paragraphs
	// titleStyles are the automatic styles derived from Title (a
	// paragraph in the Title style that was formatted by hand names one).
	titleStyles := map[string]bool{"Title": true}
	skip := 0
	inBody := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return p.doc(), nil
		}
		if err != nil {
			return officeDoc{}, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			if t.Name.Space == nsStyle && name == "style" {
				var own, parent string
				for _, a := range t.Attr {
					switch {
					case a.Name.Space == nsStyle && a.Name.Local == "name":
						own = a.Value
					case a.Name.Space == nsStyle && a.Name.Local == "parent-style-name":
						parent = a.Value
					}
				}
				if titleStyles[parent] {
					titleStyles[own] = true
				}
				continue
			}
			if t.Name.Space == nsOffice && name == "body" {
				inBody = true
				continue
			}
			if !inBody {
				continue
			}
			if skip > 0 || (t.Name.Space == nsText || t.Name.Space == nsOffice) && (odtSkipped[name] || name == "annotation") {
				skip++
				continue
			}
			if t.Name.Space != nsText {
				continue
			}
			switch name {
			case "p", "h":
				title := false
				for _, a := range t.Attr {
					if a.Name.Space == nsText && a.Name.Local == "style-name" && titleStyles[a.Value] {
						title = true
					}
				}
				p.start(title)
			case "s":
				n := 1
				for _, a := range t.Attr {
					if a.Name.Local == "c" {
						fmt.Sscan(a.Value, &n)
					}
				}
				p.write(strings.Repeat(" ", min(max(n, 1), 1000)))
			case "tab":
				p.write("\t")
			case "line-break":
				p.write("\n")
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			if t.Name.Space == nsText && (t.Name.Local == "p" || t.Name.Local == "h") {
				p.end()
			}
		case xml.CharData:
			if skip == 0 && inBody {
				// White space in a paragraph collapses to one space, as
				// in HTML; text:s and text:tab write what is kept.
				p.write(odtSpace.ReplaceAllString(string(t), " "))
			}
		}
	}
}

// odtSpace is a run of white space in an OpenDocument text.
var odtSpace = regexp.MustCompile(`[ \t\r\n]+`)

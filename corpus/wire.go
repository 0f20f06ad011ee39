package corpus

import (
	"strings"
)

// Wire formats. News agencies deliver their copy in the IPTC's formats,
// read as feeds are (.xml, .nitf, .newsml; see [run.readFeed]):
//
//   - NITF (News Industry Text Format, 3.x), an article per <nitf>
//     element, also inside NewsML 1 documents: the headline (hedline's
//     hl1, else the head's title), the body.content's paragraphs,
//     subheads, block quotes, lists and media captions as paragraphs and
//     the body.end's tagline (a sign-off, which credits), the byline, doc-id's id-string as the ID, date.issue's norm (else
//     pubdata's date.publication or date.release's norm) as the
//     publication time, and pubdata's name (else the copyright holder or
//     the distributor) as the outlet.
//   - NewsML-G2, an article per text <newsItem> (pictures, video and
//     packages are passed over), alone or in a <newsMessage>: contentMeta's
//     headline, by (else the creator's name) and the item's guid; the
//     content's firstCreated (else contentCreated, versionCreated) as the
//     publication time; the provider (its literal, name or qcode code, else
//     the copyright holder) as the outlet; and the text of its inlineXML
//     (NITF or XHTML) or inlineData.

// find returns the descendant of e reached by the local names path, each
// the first child of that name in any namespace; nil when there is none.
func (e *feedElem) find(path ...string) *feedElem {
	for _, local := range path {
		var next *feedElem
		for i := range e.Elems {
			if e.Elems[i].XMLName.Local == local {
				next = &e.Elems[i]
				break
			}
		}
		if next == nil {
			return nil
		}
		e = next
	}
	return e
}

// value returns the trimmed attribute attr of the descendant at path, or
// its text (markup inside read as text) when attr is ""; "" when there is
// none.
func (e *feedElem) value(attr string, path ...string) string {
	d := e.find(path...)
	switch {
	case d == nil:
		return ""
	case attr != "":
		return strings.TrimSpace(d.attr(attr))
	case len(d.Elems) == 0:
		return strings.TrimSpace(d.Text) // CDATA too
	}
	return strings.TrimSpace(markupText(d.Inner))
}

// first returns the first non-empty of vals, or "".
func first(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// nitfBlocks are the elements of NITF's body.content that stand as
// paragraphs of their own; block and bq hold more of them.
var nitfBlocks = map[string]bool{
	"p": true, "hl2": true, "media-caption": true, "li": true, "dt": true, "dd": true,
	"pre": true, "note": true, "fn": true, "table": true, "nitf-table": true,
}

// nitfText returns the text of NITF's body.content e: its paragraphs apart,
// the words of their inline elements (person, org, location, chron, num, a)
// as they read. An element holding words outside any paragraph (a quote's
// credit, text written straight into body.content) is read whole, so that
// no words are lost.
func nitfText(e *feedElem) string {
	if strings.TrimSpace(e.Text) != "" {
		return strings.TrimSpace(markupText(e.Inner))
	}
	var paras []string
	var walk func(e *feedElem)
	walk = func(e *feedElem) {
		for i := range e.Elems {
			c := &e.Elems[i]
			switch local := c.XMLName.Local; {
			case local == "media-reference", local == "media-object", local == "media-metadata", local == "media-producer":
				// The picture itself: no words.
			case nitfBlocks[local] || strings.TrimSpace(c.Text) != "":
				if t := strings.TrimSpace(markupText(c.Inner)); t != "" {
					paras = append(paras, t)
				}
			default: // block, bq, media, ul, ol, dl, and what NITF adds
				walk(c)
			}
		}
	}
	walk(e)
	return strings.Join(paras, "\n\n")
}

// nitfFields returns the values of the NITF document e under the
// canonical field names.
func nitfFields(e *feedElem) map[string]string {
	f := map[string]string{
		"id":    e.value("id-string", "head", "docdata", "doc-id"),
		"title": first(e.value("", "body", "body.head", "hedline", "hl1"), e.value("", "head", "title")),
		"byline": strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(
			e.value("", "body", "body.head", "byline"), "By "), "BY ")),
		"published": first(e.value("norm", "head", "docdata", "date.issue"), e.value("date.publication", "head", "pubdata"),
			e.value("norm", "head", "docdata", "date.release")),
		"outlet": first(e.value("name", "head", "pubdata"), e.value("holder", "head", "docdata", "doc.copyright"),
			e.value("", "body", "body.head", "distributor")),
	}
	if c := e.find("body", "body.content"); c != nil {
		f["text"] = nitfText(c)
	}
	// The sign-off ("Reporting by …; Editing by …"), which credits.
	if t := e.value("", "body", "body.end", "tagline"); t != "" {
		f["text"] = strings.TrimSpace(f["text"] + "\n\n" + t)
	}
	return f
}

// newsItemFields returns the values of the NewsML-G2 newsItem e under the
// canonical field names, and false for an item that is not text (a
// picture, a video, a graphic).
func newsItemFields(e *feedElem) (map[string]string, bool) {
	if class := e.value("qcode", "itemMeta", "itemClass"); class != "" && !strings.HasSuffix(class, ":text") {
		return nil, false
	}
	provider := e.value("literal", "itemMeta", "provider")
	if provider == "" {
		provider = e.value("", "itemMeta", "provider", "name")
	}
	if provider == "" {
		if _, code, ok := strings.Cut(e.value("qcode", "itemMeta", "provider"), ":"); ok {
			provider = code
		}
	}
	f := map[string]string{
		"id":    strings.TrimSpace(e.attr("guid")),
		"title": e.value("", "contentMeta", "headline"),
		"byline": strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(
			first(e.value("", "contentMeta", "by"), e.value("", "contentMeta", "creator", "name")), "By "), "BY ")),
		"published": first(e.value("", "itemMeta", "firstCreated"), e.value("", "contentMeta", "contentCreated"),
			e.value("", "itemMeta", "versionCreated")),
		"outlet": first(provider, e.value("literal", "rightsInfo", "copyrightHolder"),
			e.value("", "rightsInfo", "copyrightHolder", "name")),
	}
	if c := e.find("contentSet"); c != nil {
		for i := range c.Elems {
			x := &c.Elems[i]
			switch x.XMLName.Local {
			case "inlineXML":
				if n := x.find("nitf"); n != nil {
					if c := n.find("body", "body.content"); c != nil {
						f["text"] = nitfText(c)
					}
				} else if b := x.find("html", "body"); b != nil {
					f["text"] = strings.TrimSpace(markupText(b.Inner))
				} else {
					f["text"] = strings.TrimSpace(markupText(x.Inner))
				}
			case "inlineData":
				f["text"] = strings.TrimSpace(x.Text)
			}
			if f["text"] != "" {
				break
			}
		}
	}
	return f, true
}

package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"
)

// ContentID is the ID of an article read from standard input without an
// id, an address or a Message-ID of its own: "stdin:" and the first 16
// hexadecimal digits of the SHA-256 of its outlet, title, byline,
// publication time, URL and text as read. Standard input has no name,
// and no lines that last, to name a record by, as a file has; an ID made
// from what the article says is the same for the same article piped
// again, in any batch or order (adding it again finds it indexed as it
// is), and differs for articles that differ in any of those fields, so
// that one batch never takes the place of another's articles and an ID
// never names two texts. a.ID is not read.
func ContentID(a *Article) string {
	h := sha256.New()
	var published string
	if !a.Published.IsZero() {
		// The instant and its offset as numbers: the zone's name depends
		// on the process's time zone ("Local" when the offset is its own).
		published = a.Published.Format(time.RFC3339Nano)
		if a.Published.Location() == NoZone {
			published += " no zone"
		}
	}
	for _, f := range [...]string{a.Outlet, a.Title, a.Byline, published, a.URL, a.Text} {
		// Each field after its length: no text moves into the next.
		h.Write(strconv.AppendInt(nil, int64(len(f)), 10))
		h.Write([]byte{':'})
		h.Write([]byte(f))
	}
	return "stdin:" + hex.EncodeToString(h.Sum(nil)[:8])
}

// stdinID is the ID of a, read from standard input without an id of its
// own: its address when rec says it has one to be named by (a web page's
// canonical URL), else [ContentID].
func stdinID(a *Article, rec record) string {
	if rec.byURL && a.URL != "" && CheckID(a.URL) == nil {
		return a.URL
	}
	return ContentID(a)
}

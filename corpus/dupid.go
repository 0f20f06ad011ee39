package corpus

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/cespare/xxhash/v2"
)

// keptID is what [Read] remembers of the record kept for an ID, enough to
// decide whether a later record with the same ID replaces it. The choice
// depends on the two records alone, never on which was read first, so the
// article kept for a duplicated ID is the same whatever the order of the
// paths or of the lines in a file.
type keptID struct {
	path      string
	line      int
	published time.Time
	size      int    // bytes of title and text
	sum       uint64 // hash of every field but the origin
}

func newKeptID(a *Article, rec record) keptID {
	h := xxhash.New()
	for _, s := range []string{a.Outlet, a.Title, a.Byline, a.URL, a.Text} {
		h.WriteString(strconv.Itoa(len(s)))
		h.WriteString(":")
		h.WriteString(s)
	}
	h.WriteString(a.Published.UTC().Format(time.RFC3339Nano))
	return keptID{
		path:      rec.path,
		line:      rec.line,
		published: a.Published,
		size:      len(a.Title) + len(a.Text),
		sum:       h.Sum64(),
	}
}

func (k keptID) origin() string { return k.path + ":" + strconv.Itoa(k.line) }

// preferredTo reports whether k is kept rather than old, and why: the later
// published (an update of the story; a known date beats none), then the
// longer title and text, then, for different content of one length, the
// lower content hash (arbitrary but fixed), and for the same content the
// earlier origin (the path first in sort order, whatever the order the
// paths were given in, then the earlier line).
func (k keptID) preferredTo(old keptID) (why string, prefer bool) {
	switch {
	case !k.published.Equal(old.published):
		return "the later published", k.published.After(old.published)
	case k.size != old.size:
		return "the longer", k.size > old.size
	case k.sum != old.sum:
		return "same date and length, the lower content hash", k.sum < old.sum
	case k.path != old.path:
		return "same content, the path first in sort order", k.path < old.path
	default:
		return "same content, the earlier line", k.line < old.line
	}
}

// Preferred reports whether a is the record kept rather than b when both
// have one ID, by the rule of [Read] (the later published, then the
// longer, then the lower content hash, then the earlier origin), and why.
// Each article's origin is the "path:line" it was read from.
func Preferred(a, b *Article) (why string, prefer bool) {
	return newKeptID(a, originRecord(a.Origin)).preferredTo(newKeptID(b, originRecord(b.Origin)))
}

// OriginPath is the path of an origin, Article.Origin's "path:line": the
// file an article was read from.
func OriginPath(origin string) string { return originRecord(origin).path }

// originRecord is the record an origin "path:line" names.
func originRecord(origin string) record {
	rec := record{path: origin}
	if i := strings.LastIndexByte(origin, ':'); i >= 0 {
		if n, err := strconv.Atoi(origin[i+1:]); err == nil {
			rec.path, rec.line = origin[:i], n
		}
	}
	return rec
}

// DuplicateProblem is the problem [Read] reports for dropped, a record
// whose ID the record kept also has, and why kept was preferred.
func DuplicateProblem(dropped, kept *Article, why string) Problem {
	rec := originRecord(dropped.Origin)
	return Problem{Path: rec.path, Line: rec.line, Reason: DuplicateID,
		Detail: fmt.Sprintf("id %q also at %s, which is kept (%s)", dropped.ID, kept.Origin, why)}
}

package neardup

import (
	"errors"
	"fmt"
	"slices"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/index"
)

// Writer is where an [Adder] writes new articles; [*index.Writer] is one.
type Writer interface {
	Add(index.Entry) error
	Flush() error
}

// Grouping is the grouping an [Adder] places new articles among and
// records their groups in; [*index.Grouping] is one.
type Grouping interface {
	Groups
	Set(index.Assignment)
}

// The grouping an index records is the one new articles are placed among.
var _ Grouping = (*index.Grouping)(nil)

// Adder places new articles among the groups of the last grouping and
// indexes them, one at a time: each is written (and flushed) before the
// next is placed, so new articles can join one another. Their groups are
// recorded in the Grouping; the caller writes them to the index at the
// end ([index.Index.WriteGroups]). An Adder is not safe for concurrent
// use.
type Adder struct {
	f *Finder
	w Writer
	g Grouping
}

// NewAdder returns an Adder that places with f, writes to w and records
// in g. f must read the index w writes to.
func NewAdder(f *Finder, w Writer, g Grouping) *Adder {
	return &Adder{f: f, w: w, g: g}
}

// ErrGrouped is the error of [Adder.Add] for an article whose ID the
// grouping holds: placing the new version would leave the old one's
// groups as they are (and name a group after it if it was the first
// member), so a grouping run, which regroups them, replaces it.
var ErrGrouped = errors.New("already grouped")

// Grouped reports whether g holds the groups of article id.
func Grouped(g Groups, id string) bool {
	return slices.Contains(g.Members(cluster.Copy, g.Label(id, cluster.Copy)), id)
}

// Add places a, given its hits from [Finder.Find] (with indexed false),
// writes it to the index with its signature, and records its groups,
// and those of a near-duplicate it made a new group with (see
// [Finder.Place]), and returns a's. An article whose ID the grouping
// holds is [ErrGrouped].
func (ad *Adder) Add(a *corpus.Article, hits []Hit) (index.Assignment, error) {
	if Grouped(ad.g, a.ID) {
		return index.Assignment{}, fmt.Errorf("neardup: %q: %w", a.ID, ErrGrouped)
	}
	p, err := ad.f.Place(a, hits, ad.g)
	if err != nil {
		return index.Assignment{}, err
	}
	d := ad.f.f.CopyOnly(a)
	if err := ad.w.Add(index.Entry{Article: *a, Signature: d.Sig}); err != nil {
		return index.Assignment{}, err
	}
	if err := ad.w.Flush(); err != nil {
		return index.Assignment{}, err
	}
	ad.g.Set(p.Assignment)
	if p.With != nil {
		ad.g.Set(*p.With)
	}
	return p.Assignment, nil
}

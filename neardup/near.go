package neardup

import (
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/index"
)

// Query is an article whose near-duplicates are asked for.
type Query struct {
	Article corpus.Article
	// Indexed says the index holds the article as it is (the same ID and
	// text): it is left out of its own candidates and never added.
	Indexed bool
}

// Queries collects query articles in the order they are read; a later
// article of an ID replaces the earlier one in its place.
type Queries struct {
	ix   Index
	list []Query
	at   map[string]int // ID -> its place in list
}

// NewQueries returns an empty collection of queries against ix.
func NewQueries(ix Index) *Queries { return &Queries{ix: ix, at: map[string]int{}} }

// Add adds a, marked Indexed when ix holds it with the same text.
func (qs *Queries) Add(a corpus.Article) {
	q := Query{Article: a}
	if ent, err := qs.ix.Get(a.ID); err == nil {
		q.Indexed = ent.Article.Text == a.Text
	}
	if i, again := qs.at[a.ID]; again {
		qs.list[i] = q
		return
	}
	qs.at[a.ID] = len(qs.list)
	qs.list = append(qs.list, q)
}

// List returns the queries in the order their IDs were first read.
func (qs *Queries) List() []Query { return qs.list }

// NearOptions say what [Finder.Near] scores and keeps.
type NearOptions struct {
	Candidates int  // candidates scored
	Limit      int  // near-duplicates kept, best first
	All        bool // keep the candidates that join no level too
	// Add, when set, places and indexes a query the index does not hold.
	Add *Adder
}

// Near is what [Finder.Near] finds of one query.
type Near struct {
	Hits       []Hit // the near-duplicates kept, ranked as Find ranks them
	Candidates int   // the candidates scored
	// Added is the groups the query joined, when it was added.
	Added *index.Assignment
}

// Near finds q's near-duplicates as 'wirediff similar' lists them: its
// opt.Candidates best candidates scored by [Finder.Find], those that join
// no level left out unless opt.All, at most opt.Limit kept; with opt.Add,
// a query the index does not hold is placed and indexed first.
func (s *Finder) Near(q *Query, opt NearOptions) (Near, error) {
	hits, err := s.Find(&q.Article, q.Indexed, opt.Candidates)
	if err != nil {
		return Near{}, err
	}
	out := Near{Candidates: len(hits)}
	if opt.Add != nil && !q.Indexed {
		as, err := opt.Add.Add(&q.Article, hits)
		if err != nil {
			return out, err
		}
		out.Added = &as
	}
	if !opt.All {
		kept := hits[:0]
		for _, h := range hits {
			if h.Joins {
				kept = append(kept, h)
			}
		}
		hits = kept
	}
	if opt.Limit > 0 && len(hits) > opt.Limit {
		hits = hits[:opt.Limit]
	}
	out.Hits = hits
	return out, nil
}

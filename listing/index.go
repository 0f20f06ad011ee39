package listing

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/index"
)

// Store is what the listings of an index read of it; [*index.Index] has
// it.
type Store interface {
	Get(id string) (index.Entry, error)
	Headers(ids []string) (map[string]index.Hit, error)
}

// HeaderArticle is an article as listed, from its stored header.
func HeaderArticle(id string, h index.Hit) Article {
	return Article{ID: id, Outlet: h.Outlet, Published: Date(h.Published), Title: h.Title, TitleDerived: h.TitleDerived,
		Byline: h.Byline, City: h.City, Edition: h.Edition, URL: h.URL, Origin: h.Origin}
}

// NewHit is search hit h at rank (1 for the best) as listed.
func NewHit(rank int, h index.Hit) Hit {
	return Hit{Rank: rank, Article: HeaderArticle(h.ID, h), Relevance: Score(h.Score), Fragment: h.Fragment}
}

// GroupsQuery says which groups of a grouping [IndexGroups] lists.
type GroupsQuery struct {
	Level   cluster.Level
	MinSize int // groups of fewer members are left out
	Limit   int // the most groups listed; 0 for all
	// Keep, when not nil, holds the articles that pass a filter: a group
	// is listed when one of its members does (with all its members).
	Keep map[string]bool
}

// IndexGroups lists the groups of g as q asks, largest first (ties by
// label), each with its members' stored headers, as 'wirediff groups'
// prints them; it returns the list and the number of groups q selects,
// those beyond q.Limit included.
func IndexGroups(s Store, g *index.Grouping, q GroupsQuery) (*List, int, error) {
	by := map[string][]string{}
	hit := map[string]bool{}
	for _, id := range g.IDs() {
		lab := g.Label(id, q.Level)
		by[lab] = append(by[lab], id)
		if q.Keep == nil || q.Keep[id] {
			hit[lab] = true
		}
	}
	var labels []string
	for lab, ids := range by {
		if len(ids) >= q.MinSize && hit[lab] {
			labels = append(labels, lab)
		}
	}
	sort.Slice(labels, func(i, j int) bool {
		a, b := labels[i], labels[j]
		if len(by[a]) != len(by[b]) {
			return len(by[a]) > len(by[b])
		}
		return a < b
	})
	found := len(labels)
	if q.Limit > 0 && len(labels) > q.Limit {
		labels = labels[:q.Limit]
	}
	var ids []string
	for _, lab := range labels {
		ids = append(ids, by[lab]...)
	}
	heads, err := s.Headers(ids)
	if err != nil {
		return nil, 0, err
	}
	doc := struct {
		Level  string  `json:"level"`
		Groups []Group `json:"groups"`
	}{Level: q.Level.String(), Groups: []Group{}}
	l := &List{Doc: &doc, Columns: MemberColumns}
	var members []Member
	for _, lab := range labels {
		og := Group{ID: lab, Level: q.Level.String(), Size: len(by[lab]), MemberIDs: by[lab]}
		for _, id := range by[lab] {
			m := Member{Article: HeaderArticle(id, heads[id]), Group: lab, GroupSize: len(by[lab]),
				Groups: Groups{Copy: g.Label(id, cluster.Copy), Rewrite: g.Label(id, cluster.Rewrite), Story: g.Label(id, cluster.Story)}}
			og.Members = append(og.Members, m)
			l.Rows = append(l.Rows, m.Cells())
		}
		members = append(members, og.Members...)
		doc.Groups = append(doc.Groups, og)
		l.Records = append(l.Records, og)
	}
	l.Table = func(w io.Writer) error { return MemberTable(w, members) }
	return l, found, nil
}

// Show lists the indexed articles ids as 'wirediff show' prints them:
// each with its metadata, its group at each level of g with the other
// members, and its text unless noText. The table shows at most
// maxMembers members per group. IDs the index does not hold are an
// error that wraps [index.ErrNoID] and names them all.
func Show(s Store, g *index.Grouping, ids []string, noText bool, maxMembers int) (*List, error) {
	var outs []Shown
	var missing []string
	for _, id := range ids {
		ent, err := s.Get(id)
		if errors.Is(err, index.ErrNoID) {
			missing = append(missing, strconv.Quote(id))
			continue
		}
		if err != nil {
			return nil, err
		}
		if len(missing) > 0 {
			continue // only the missing are reported
		}
		o := Shown{Article: NewArticle(&ent.Article), Groups: map[string]LevelGroup{}}
		if !noText {
			o.Text = ent.Article.Text
		}
		_, grouped := g.Assignment(id)
		for l := cluster.Copy; l <= cluster.Story; l++ {
			lab, size := g.Group(id, l)
			// An article indexed since the grouping is a group of its
			// own, whose label a group of others may bear: one whose
			// first member it was, deleted and indexed again.
			ids := []string{id}
			if grouped {
				ids = g.Members(l, lab)
			}
			heads, err := s.Headers(ids)
			if err != nil {
				return nil, err
			}
			lg := LevelGroup{ID: lab, Size: size}
			for _, m := range ids {
				lg.Members = append(lg.Members, HeaderArticle(m, heads[m]))
			}
			o.Groups[l.String()] = lg
		}
		outs = append(outs, o)
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%w: %s", index.ErrNoID, strings.Join(missing, ", "))
	}
	doc := struct {
		Articles []Shown `json:"articles"`
	}{outs}
	l := &List{Doc: doc, Columns: ShownColumns, Table: func(w io.Writer) error {
		for i, o := range outs {
			if i > 0 {
				fmt.Fprintln(w, strings.Repeat("─", 72))
			}
			if err := ShownTable(w, o, maxMembers); err != nil {
				return err
			}
		}
		return nil
	}}
	for _, o := range outs {
		l.Records = append(l.Records, o)
		l.Rows = append(l.Rows, o.Cells())
	}
	return l, nil
}

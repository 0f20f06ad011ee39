// Package outlets sums lineage reports outlet by outlet: over many groups,
// how much of what they report each outlet kept of the reference, copied
// word for word, added and dropped, how much it editorialized, and how
// often its article was the source the others were compared with.
//
// An article's outlet is its outlet field, or the web domain of its URL
// when the field is empty, resolved with the shipped table of outlet names
// (package outlet: "Fox News" and "fox" are one outlet); articles with
// neither are summed as one row with no outlet.
package outlets

import (
	"net/url"
	"slices"
	"strings"

	"github.com/wirediff/wirediff/lineage"
	"github.com/wirediff/wirediff/outlet"
)

// Row is one outlet's figures over the reports summed. The shares are
// means over its articles compared with a reference (Articles of them),
// each article counting once per report; the editorial score is the mean
// over those of them the detector scored (ScoredArticles: an article in
// another language has no score to give).
type Row struct {
	// Outlet is the outlet as its articles name it most often ("" when
	// they do not).
	Outlet string `json:"outlet"`
	// Articles is the number of its articles compared with a reference
	// (not those with no words to compare, such as a headline alone:
	// their shares say nothing); Groups the number of groups with an
	// article of it (a source, or one with no words, included); Sources
	// the number of groups whose source is its article.
	Articles int `json:"articles"`
	Groups   int `json:"groups"`
	Sources  int `json:"sources"`
	// The means of lineage.Member's shares and editorial score.
	KeptShare      float64 `json:"kept_share"`
	VerbatimShare  float64 `json:"verbatim_share"`
	AddedShare     float64 `json:"added_share"`
	DroppedShare   float64 `json:"dropped_share"`
	EditorialScore float64 `json:"editorial_score"`
	// ScoredArticles is the number of its articles compared of which the
	// editorial detector scored a sentence or more.
	ScoredArticles int `json:"scored_articles"`

	key string // the outlet's key: names and domains resolved
}

// A Tally sums reports by outlet. The zero value is not ready: use New.
type Tally struct {
	names *outlet.Table
	by    map[string]*sums
}

type sums struct {
	Row
	spellings map[string]int
}

// New returns an empty Tally.
func New() (*Tally, error) {
	t, err := outlet.Shipped()
	if err != nil {
		return nil, err
	}
	return &Tally{names: t, by: map[string]*sums{}}, nil
}

// key returns the outlet an article belongs to, and how it names it.
func (t *Tally) key(name, link string) (key, spelling string) {
	if name = strings.TrimSpace(name); name != "" {
		if k, ok := t.names.Key(name); ok {
			return k, name
		}
		return outlet.Normalize(name), name
	}
	if u, err := url.Parse(link); err == nil && u.Hostname() != "" {
		host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		if k, ok := t.names.Domain(host); ok {
			return k, host
		}
		return host, host
	}
	return "", ""
}

func (t *Tally) sums(key, spelling string) *sums {
	s := t.by[key]
	if s == nil {
		s = &sums{Row: Row{key: key}, spellings: map[string]int{}}
		t.by[key] = s
	}
	if spelling != "" {
		s.spellings[spelling]++
	}
	return s
}

// Add sums one group's report (both directions of a pair).
func (t *Tally) Add(r *lineage.Report) {
	seen := map[string]bool{}
	group := func(key string, s *sums) {
		if !seen[key] {
			seen[key] = true
			s.Groups++
		}
	}
	if ref := r.Reference; ref.Kind == lineage.KindSource {
		k, sp := t.key(ref.Outlet, ref.URL)
		s := t.sums(k, sp)
		s.Sources++
		group(k, s)
	}
	members := r.Members
	if r.Reverse != nil {
		// A pair: each member compared with the other.
		members = append(slices.Clip(members), r.Reverse.Members...)
	}
	for _, m := range members {
		k, sp := t.key(m.Outlet, m.URL)
		s := t.sums(k, sp)
		group(k, s)
		if m.Words == 0 {
			continue
		}
		s.Articles++
		s.KeptShare += m.KeptShare
		s.VerbatimShare += m.VerbatimShare
		s.AddedShare += m.AddedShare
		s.DroppedShare += m.DroppedShare
		if m.Unscored == 0 || m.Unscored < len(m.Sentences) {
			s.ScoredArticles++
			s.EditorialScore += m.EditorialScore
		}
	}
}

// Rows returns the outlets' rows, the outlets with most articles first
// (then by name; the row of no outlet last among equals).
func (t *Tally) Rows() []Row {
	out := make([]Row, 0, len(t.by))
	for _, s := range t.by {
		r := s.Row
		r.Outlet = mostUsed(s.spellings)
		if n := float64(r.Articles); n > 0 {
			r.KeptShare /= n
			r.VerbatimShare /= n
			r.AddedShare /= n
			r.DroppedShare /= n
		}
		if n := float64(r.ScoredArticles); n > 0 {
			r.EditorialScore /= n
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b Row) int {
		switch {
		case a.Articles != b.Articles:
			return b.Articles - a.Articles
		case a.Sources != b.Sources:
			return b.Sources - a.Sources
		case (a.Outlet == "") != (b.Outlet == ""):
			if a.Outlet == "" {
				return 1
			}
			return -1
		case a.Outlet != b.Outlet:
			return strings.Compare(a.Outlet, b.Outlet)
		}
		return strings.Compare(a.key, b.key)
	})
	return out
}

// mostUsed returns the spelling used most, the first in order on a tie,
// "" for none.
func mostUsed(spellings map[string]int) string {
	best, n := "", 0
	for s, c := range spellings {
		if c > n || c == n && s < best {
			best, n = s, c
		}
	}
	return best
}

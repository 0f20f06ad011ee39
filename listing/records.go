package listing

import (
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/internal/table"
)

// Article is an article's metadata as every command lists it.
type Article struct {
	ID        string `json:"id"`
	Outlet    string `json:"outlet,omitempty"`
	Published string `json:"published,omitempty"`
	Title     string `json:"title,omitempty"`
	// TitleDerived says that Title is the first sentence of the text,
	// the article having no title of its own.
	TitleDerived bool   `json:"title_derived,omitempty"`
	Byline       string `json:"byline,omitempty"`
	City         string `json:"city,omitempty"`
	Edition      string `json:"edition,omitempty"`
	URL          string `json:"url,omitempty"`
	Origin       string `json:"origin,omitempty"`
}

// ArticleColumns are the CSV columns of an Article, in the order of
// Article.Cells.
var ArticleColumns = []string{"outlet", "published", "title", "title_derived", "byline", "city", "edition", "url", "origin"}

// NewArticle is a's metadata as listed.
func NewArticle(a *corpus.Article) Article {
	title, derived := a.ShownTitle()
	return Article{ID: a.ID, Outlet: a.Outlet, Published: Date(a.Published), Title: title, TitleDerived: derived,
		Byline: a.Byline, City: a.City, Edition: a.Edition, URL: a.URL, Origin: a.Origin}
}

// Cells are the cells of ArticleColumns (the ID is left to the caller,
// which puts it first).
func (a Article) Cells() []string {
	return []string{a.Outlet, a.Published, a.Title, strconv.FormatBool(a.TitleDerived), a.Byline, a.City, a.Edition, a.URL, a.Origin}
}

// ShownTitle is the title as a table shows it, cut to n characters; one
// taken from the first sentence is marked with a leading "~ ".
func (a Article) ShownTitle(n int) string {
	if a.TitleDerived {
		return "~ " + Truncate(a.Title, n-2)
	}
	return Truncate(a.Title, n)
}

// Date formats a publication time (see corpus.FormatDate): the day alone
// at midnight, no zone where the source gave none, "" when unknown.
func Date(t time.Time) string { return corpus.FormatDate(t) }

// Truncate cuts s to n columns of a terminal, the last an ellipsis
// (titles in tables; never IDs or labels): a Chinese, Japanese or Korean
// character takes two ([table.Wide]).
func Truncate(s string, n int) string {
	if table.Width(s) <= n {
		return s
	}
	w := 0
	for i, r := range s {
		if w += table.RuneWidth(r); w > n-1 {
			return s[:i] + "…"
		}
	}
	return s
}

// Score rounds a score in [0, 1] to four decimals, the precision every
// output gives, so that a pair's score reads the same in every command.
func Score(x float64) float64 {
	return math.Round(x*1e4) / 1e4
}

// Groups are an article's groups at the three levels.
type Groups struct {
	Copy    string `json:"copy"`
	Rewrite string `json:"rewrite"`
	Story   string `json:"story"`
}

// Member is an article with its group at the level listed and its groups
// at every level: a line of dedup's and groups' listings.
type Member struct {
	Article
	Group     string `json:"group"`
	GroupSize int    `json:"group_size"`
	Groups    Groups `json:"groups"`
}

// MemberColumns are the CSV columns of a Member, in the order of
// Member.Cells.
var MemberColumns = append([]string{"id", "group", "group_size", "copy", "rewrite", "story"}, ArticleColumns...)

// Cells are the cells of MemberColumns.
func (m Member) Cells() []string {
	return append([]string{m.ID, m.Group, strconv.Itoa(m.GroupSize), m.Groups.Copy, m.Groups.Rewrite, m.Groups.Story}, m.Article.Cells()...)
}

// MemberTable writes members as the table of dedup and groups: group,
// size, ID, outlet, publication time and title (cut to 60 characters).
func MemberTable(w io.Writer, members []Member) error {
	rows := make([][]string, len(members))
	for i, m := range members {
		rows[i] = []string{m.Group, strconv.Itoa(m.GroupSize), m.ID, m.Outlet, m.Published, m.ShownTitle(60)}
	}
	return WriteTable(w, []string{"group", "size", "id", "outlet", "published", "title"}, rows)
}

// MemberList is the listing of members: doc is the JSON document holding
// them.
func MemberList(doc any, members []Member) *List {
	l := &List{Doc: doc, Columns: MemberColumns, Table: func(w io.Writer) error { return MemberTable(w, members) }}
	for _, m := range members {
		l.Records = append(l.Records, m)
		l.Rows = append(l.Rows, m.Cells())
	}
	return l
}

// Group is a group of two or more articles at one level, as dedup's JSON
// lists it: its members by ID and the scores of its pairs.
type Group struct {
	ID     string `json:"id"`
	Level  string `json:"level"`
	Size   int    `json:"size"`
	Parent string `json:"parent,omitempty"` // its group at the next level
	// MemberIDs are the members' IDs (their metadata is in the
	// document's "articles").
	MemberIDs []string `json:"member_ids"`
	// Members are the members with their metadata, where the
	// document has no list of articles to look them up in (groups).
	Members []Member `json:"members,omitempty"`
	Pairs   []Pair   `json:"pairs,omitempty"`
}

// Pair is two articles with the scores between them; similar's hits
// carry the same fields.
type Pair struct {
	A        string           `json:"a"`
	B        string           `json:"b"`
	Story    float64          `json:"story"`
	Evidence cluster.Evidence `json:"evidence"`
	Passages []string         `json:"shared_passages,omitempty"`
	// Shared lists the items behind the evidence's counts (names and
	// numbers, quotations, passages with their offsets in both).
	Shared cluster.Shared `json:"shared"`
}

// RoundEvidence rounds the scores of e as every output prints them (see
// Score).
func RoundEvidence(e cluster.Evidence) cluster.Evidence {
	for _, x := range []*float64{&e.Jaccard, &e.Cosine, &e.QuoteShare, &e.NameShare, &e.PassageShare, &e.DayAgreement, &e.Rewrite} {
		*x = Score(*x)
	}
	return e
}

// Passages are shared passages as listed: whitespace collapsed.
func Passages(ps []string) []string {
	for k, p := range ps {
		ps[k] = strings.Join(strings.Fields(p), " ")
	}
	return ps
}

// Hit is a search hit: the article, its rank and relevance, the passage
// that matched best, and its group at the rewrite level (with --collapse,
// the group it stands for, at that level) with the group's size; no group
// for an article the last grouping run did not group.
type Hit struct {
	Rank int `json:"rank"` // 1 for the first hit of all, past --offset too
	Article
	// Relevance is the full-text relevance the hits are ranked by
	// (bleve's TF-IDF scoring): unbounded, comparable only within one
	// query, and no similarity score.
	Relevance float64 `json:"relevance"`
	Fragment  string  `json:"fragment,omitempty"`
	Group     string  `json:"group,omitempty"`
	GroupSize int     `json:"group_size,omitempty"`
}

// HitColumns are the CSV columns of a Hit, in the order of Hit.Cells.
var HitColumns = append([]string{"rank", "id", "relevance", "group", "group_size"}, append(ArticleColumns, "fragment")...)

// Cells are the cells of HitColumns.
func (h Hit) Cells() []string {
	size := ""
	if h.GroupSize > 0 {
		size = strconv.Itoa(h.GroupSize)
	}
	return append(append([]string{strconv.Itoa(h.Rank), h.ID, strconv.FormatFloat(h.Relevance, 'f', -1, 64), h.Group, size}, h.Article.Cells()...), h.Fragment)
}

// Near is a near-duplicate of a query article, as similar lists it: the
// level it would join, the score behind that level, and the same scores
// (story, evidence, shared_passages) as dedup's Pair.
type Near struct {
	Query string `json:"query"` // the query article's ID
	Article
	Level    string           `json:"level"` // "" when it joins no level (--all)
	Score    float64          `json:"score"` // the score behind Level, in [0, 1]
	Group    string           `json:"group,omitempty"`
	Story    float64          `json:"story"`
	Evidence cluster.Evidence `json:"evidence"`
	Passages []string         `json:"shared_passages,omitempty"`
}

// NearColumns are the CSV columns of a Near, in the order of Near.Cells;
// shared_passages are joined with " | ".
var NearColumns = append([]string{"query", "id", "level", "score", "jaccard", "cosine", "rewrite", "story", "group"},
	append(ArticleColumns, "shared_passages")...)

// Cells are the cells of NearColumns.
func (n Near) Cells() []string {
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	return append(append([]string{n.Query, n.ID, n.Level, f(n.Score), f(n.Evidence.Jaccard), f(n.Evidence.Cosine), f(n.Evidence.Rewrite), f(n.Story), n.Group},
		n.Article.Cells()...), strings.Join(n.Passages, " | "))
}

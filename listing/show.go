package listing

import (
	"fmt"
	"github.com/wirediff/wirediff/internal/table"
	"io"
	"strconv"
	"strings"

	"github.com/wirediff/wirediff/cluster"
)

// LevelGroup is an article's group at one level, with its members.
type LevelGroup struct {
	ID      string    `json:"id"`
	Size    int       `json:"size"`
	Members []Article `json:"members"`
}

// Shown is an article as show lists it: a JSON line, an element of the
// document's "articles".
type Shown struct {
	Article
	Groups map[string]LevelGroup `json:"groups"`
	Text   string                `json:"text,omitempty"`
}

// ShownColumns are the CSV columns of a Shown: the article, its group and
// group size at each level, and its text.
var ShownColumns = append(append([]string{"id"}, ArticleColumns...),
	"copy", "copy_size", "rewrite", "rewrite_size", "story", "story_size", "text")

// Cells are the cells of ShownColumns.
func (o Shown) Cells() []string {
	c := append([]string{o.ID}, o.Article.Cells()...)
	for l := cluster.Copy; l <= cluster.Story; l++ {
		g := o.Groups[l.String()]
		c = append(c, g.ID, strconv.Itoa(g.Size))
	}
	return append(c, o.Text)
}

// ShownTable writes o as show's table: its metadata, a line per level
// with its group and up to maxMembers other members, then its text.
func ShownTable(w io.Writer, o Shown, maxMembers int) error {
	tw := table.NewWriter(w, 0)
	title := o.Title
	if o.TitleDerived {
		title = "~ " + title + "  (no title: the first sentence)"
	}
	for _, kv := range [][2]string{{"ID", o.ID}, {"Outlet", o.Outlet}, {"Published", o.Published}, {"Title", title},
		{"Byline", o.Byline}, {"City", o.City}, {"Edition", o.Edition}, {"URL", o.URL}, {"Origin", o.Origin}} {
		if kv[1] != "" {
			fmt.Fprintf(tw, "%s\t%s\n", kv[0], kv[1])
		}
	}
	for l := cluster.Copy; l <= cluster.Story; l++ {
		g := o.Groups[l.String()]
		fmt.Fprintf(tw, "%s\t%s (%s)\n", strings.ToUpper(l.String()[:1])+l.String()[1:], g.ID, Plural(g.Size, "article"))
		shown := 0
		for _, m := range g.Members {
			if m.ID == o.ID {
				continue
			}
			if shown == maxMembers {
				fmt.Fprintf(tw, "\t  … %d more\n", len(g.Members)-1-shown)
				break
			}
			fmt.Fprintf(tw, "\t  %s\n", joinNonEmpty("  ", m.ID, m.Outlet, m.Published, m.ShownTitle(60)))
			shown++
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if o.Text != "" {
		_, err := fmt.Fprintf(w, "\n%s\n", strings.TrimRight(o.Text, "\n"))
		return err
	}
	return nil
}

// joinNonEmpty joins the non-empty strings of parts with sep.
func joinNonEmpty(sep string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}

// Plural is "1 article" or "n articles".
func Plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

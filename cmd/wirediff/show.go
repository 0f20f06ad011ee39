package main

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/pflag"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/listing"
)

const showUsage = `Usage: wirediff show [flags] ID...

Prints an indexed article: its metadata, its group at each level (copy,
rewrite, story: from the last 'wirediff dedup' over the index) with the
other members, and its text.

Examples:
  wirediff show 000_4bd703d3e122696c
  wirediff show --format json --no-text 000_4bd703d3e122696c
`

// maxMembersShown bounds the members listed per group in table output.
const maxMembersShown = 12

// headerArticle is an article as listed, from its stored header.
func headerArticle(id string, h index.Hit) listing.Article {
	return listing.Article{ID: id, Outlet: h.Outlet, Published: dateString(h.Published), Title: h.Title, TitleDerived: h.TitleDerived,
		Byline: h.Byline, City: h.City, Edition: h.Edition, URL: h.URL, Origin: h.Origin}
}

// levelGroupOut is an article's group at one level, with its members.
type levelGroupOut struct {
	ID      string            `json:"id"`
	Size    int               `json:"size"`
	Members []listing.Article `json:"members"`
}

// showOut is an article as show lists it: a JSON line, an element of the
// document's "articles".
type showOut struct {
	listing.Article
	Groups map[string]levelGroupOut `json:"groups"`
	Text   string                   `json:"text,omitempty"`
}

// showColumns are the CSV columns of show: the article, its group and
// group size at each level, and its text.
var showColumns = append(append([]string{"id"}, listing.ArticleColumns...),
	"copy", "copy_size", "rewrite", "rewrite_size", "story", "story_size", "text")

func (o showOut) cells() []string {
	c := append([]string{o.ID}, o.Article.Cells()...)
	for l := cluster.Copy; l <= cluster.Story; l++ {
		g := o.Groups[l.String()]
		c = append(c, g.ID, strconv.Itoa(g.Size))
	}
	return append(c, o.Text)
}

func cmdShow(e *env, args []string) error {
	fs := pflag.NewFlagSet("show", pflag.ContinueOnError)
	dir := fs.String("index", index.DefaultDir, "index directory")
	format := fs.StringP("format", "f", "table", "output format: "+listing.Names())
	noText := fs.Bool("no-text", false, "leave out the article text")
	if err := parseFlags(e, fs, showUsage, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("show: no article ID")
	}
	f, err := parseFormat(*format)
	if err != nil {
		return err
	}
	ix, err := openIndex(*dir)
	if err != nil {
		return err
	}
	defer ix.Close()
	gi, err := loadGroups(ix)
	if err != nil {
		return err
	}
	var outs []showOut
	for _, id := range fs.Args() {
		ent, err := ix.Get(id)
		if errors.Is(err, index.ErrNoID) {
			return cliError{fmt.Errorf("show: %w (in %s)", err, *dir), 2}
		}
		if err != nil {
			return err
		}
		o := showOut{Article: listing.NewArticle(&ent.Article), Groups: map[string]levelGroupOut{}}
		if !*noText {
			o.Text = ent.Article.Text
		}
		for l := cluster.Copy; l <= cluster.Story; l++ {
			lab, size := gi.Group(id, l)
			ids := gi.Members(l, lab)
			if len(ids) == 0 {
				ids = []string{id}
			}
			heads, err := ix.Headers(ids)
			if err != nil {
				return err
			}
			g := levelGroupOut{ID: lab, Size: size}
			for _, m := range ids {
				g.Members = append(g.Members, headerArticle(m, heads[m]))
			}
			o.Groups[l.String()] = g
		}
		outs = append(outs, o)
	}
	doc := struct {
		Articles []showOut `json:"articles"`
	}{outs}
	l := &listing.List{Doc: doc, Columns: showColumns, Table: func(w io.Writer) error {
		for i, o := range outs {
			if i > 0 {
				fmt.Fprintln(w, strings.Repeat("─", 72))
			}
			if err := writeShow(w, o); err != nil {
				return err
			}
		}
		return nil
	}}
	for _, o := range outs {
		l.Records = append(l.Records, o)
		l.Rows = append(l.Rows, o.cells())
	}
	return l.Write(e.stdout, f)
}

func writeShow(w io.Writer, o showOut) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
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
		fmt.Fprintf(tw, "%s\t%s (%s)\n", strings.ToUpper(l.String()[:1])+l.String()[1:], g.ID, plural(g.Size, "article"))
		shown := 0
		for _, m := range g.Members {
			if m.ID == o.ID {
				continue
			}
			if shown == maxMembersShown {
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

// loadGroups reads the groups of the last grouping run over ix; a
// groups file that cannot be read is exit status 2, like a missing index.
func loadGroups(ix *index.Index) (*index.Grouping, error) {
	g, err := ix.Grouping()
	if err != nil {
		return nil, cliError{err, 2}
	}
	return g, nil
}

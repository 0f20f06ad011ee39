package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

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
	return listing.Article{ID: id, Outlet: h.Outlet, Published: listing.Date(h.Published), Title: h.Title, TitleDerived: h.TitleDerived,
		Byline: h.Byline, City: h.City, Edition: h.Edition, URL: h.URL, Origin: h.Origin}
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
	var outs []listing.Shown
	for _, id := range fs.Args() {
		ent, err := ix.Get(id)
		if errors.Is(err, index.ErrNoID) {
			return cliError{fmt.Errorf("show: %w (in %s)", err, *dir), 2}
		}
		if err != nil {
			return err
		}
		o := listing.Shown{Article: listing.NewArticle(&ent.Article), Groups: map[string]listing.LevelGroup{}}
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
			g := listing.LevelGroup{ID: lab, Size: size}
			for _, m := range ids {
				g.Members = append(g.Members, headerArticle(m, heads[m]))
			}
			o.Groups[l.String()] = g
		}
		outs = append(outs, o)
	}
	doc := struct {
		Articles []listing.Shown `json:"articles"`
	}{outs}
	l := &listing.List{Doc: doc, Columns: listing.ShownColumns, Table: func(w io.Writer) error {
		for i, o := range outs {
			if i > 0 {
				fmt.Fprintln(w, strings.Repeat("─", 72))
			}
			if err := listing.ShownTable(w, o, maxMembersShown); err != nil {
				return err
			}
		}
		return nil
	}}
	for _, o := range outs {
		l.Records = append(l.Records, o)
		l.Rows = append(l.Rows, o.Cells())
	}
	return l.Write(e.stdout, f)
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

package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/pflag"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/index"
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

type memberOut struct {
	ID           string `json:"id"`
	Outlet       string `json:"outlet,omitempty"`
	Published    string `json:"published,omitempty"`
	Title        string `json:"title,omitempty"`
	TitleDerived bool   `json:"title_derived,omitempty"`
}

// newMemberOut is a group member as printed, from its stored header.
func newMemberOut(id string, h index.Hit) memberOut {
	return memberOut{ID: id, Outlet: h.Outlet, Published: dateString(h.Published), Title: h.Title, TitleDerived: h.TitleDerived}
}

type levelGroupOut struct {
	ID      string      `json:"id"`
	Size    int         `json:"size"`
	Members []memberOut `json:"members"`
}

type showOut struct {
	ID        string `json:"id"`
	Outlet    string `json:"outlet,omitempty"`
	Published string `json:"published,omitempty"`
	Title     string `json:"title,omitempty"`
	// TitleDerived says that Title is the first sentence of the text.
	TitleDerived bool                     `json:"title_derived,omitempty"`
	Byline       string                   `json:"byline,omitempty"`
	City         string                   `json:"city,omitempty"`
	Edition      string                   `json:"edition,omitempty"`
	URL          string                   `json:"url,omitempty"`
	Origin       string                   `json:"origin,omitempty"`
	Groups       map[string]levelGroupOut `json:"groups"`
	Text         string                   `json:"text,omitempty"`
}

func cmdShow(e *env, args []string) error {
	fs := pflag.NewFlagSet("show", pflag.ContinueOnError)
	dir := fs.String("index", index.DefaultDir, "index directory")
	format := fs.StringP("format", "f", "table", "output format: table or json")
	noText := fs.Bool("no-text", false, "leave out the article text")
	if err := parseFlags(e, fs, showUsage, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("show: no article ID")
	}
	if *format != "table" && *format != "json" {
		return usagef("--format %q: want table or json", *format)
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
		a := &ent.Article
		title, derived := a.ShownTitle()
		o := showOut{ID: a.ID, Outlet: a.Outlet, Published: dateString(a.Published), Title: title, TitleDerived: derived,
			Byline: a.Byline, City: a.City, Edition: a.Edition, URL: a.URL, Origin: a.Origin, Groups: map[string]levelGroupOut{}}
		if !*noText {
			o.Text = a.Text
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
				g.Members = append(g.Members, newMemberOut(m, heads[m]))
			}
			o.Groups[l.String()] = g
		}
		outs = append(outs, o)
	}
	if *format == "json" {
		enc := newJSONEncoder(e.stdout, true)
		if len(outs) == 1 {
			return enc.Encode(outs[0])
		}
		return enc.Encode(outs)
	}
	for i, o := range outs {
		if i > 0 {
			fmt.Fprintln(e.stdout, strings.Repeat("─", 72))
		}
		if err := writeShow(e.stdout, o); err != nil {
			return err
		}
	}
	return nil
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
			fmt.Fprintf(tw, "\t  %s\n", joinNonEmpty("  ", m.ID, m.Outlet, m.Published, tableTitle(m.Title, m.TitleDerived)))
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

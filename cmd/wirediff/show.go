package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/internal/cli"
	"github.com/wirediff/wirediff/listing"
)

// maxMembersShown bounds the members listed per group in table output.
const maxMembersShown = 12

func cmdShow(e *env, args []string) error {
	fs := cli.NewFlagSet("show")
	dir := indexFlag(fs)
	format := formatFlag(fs)
	noText := fs.Bool("no-text", false, "leave out the article text")
	if err := parseFlags(e, fs, usage("show"), args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return cli.Usagef("show: no article ID")
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
	l, err := listing.Show(ix, gi, fs.Args(), *noText, maxMembersShown)
	if errors.Is(err, index.ErrNoID) {
		if id, ms := groupNamed(gi, fs.Args()); id != "" {
			also := ""
			if len(ms) > 1 {
				also = fmt.Sprintf(", 'wirediff lineage %s' reports it", id)
			}
			return cli.WithStatus(fmt.Errorf("show: %q is a group of %s, not an article: 'wirediff show %s' shows its first%s",
				id, listing.Plural(len(ms), "article"), ms[0], also), 2)
		}
		return cli.WithStatus(fmt.Errorf("show: %w (in %s)", err, *dir), 2)
	} else if err != nil {
		return err
	}
	return l.Write(e.stdout, f)
}

// groupNamed returns the first of ids that is not an article but the
// label of a group of g, and the group's members (sorted); "" when none
// is.
func groupNamed(g *index.Grouping, ids []string) (string, []string) {
	for _, id := range ids {
		for lv := cluster.Copy; lv <= cluster.Story; lv++ {
			if strings.HasPrefix(id, cluster.GroupID(lv, "")) {
				if ms := g.Members(lv, id); len(ms) > 0 {
					return id, ms
				}
			}
		}
	}
	return "", nil
}

// loadGroups reads the groups of the last grouping run over ix; a
// groups file that cannot be read is exit status 2, like a missing index.
func loadGroups(ix *index.Index) (*index.Grouping, error) {
	g, err := ix.Grouping()
	if err != nil {
		return nil, cli.WithStatus(err, 2)
	}
	return g, nil
}

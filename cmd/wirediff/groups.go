package main

import (
	"fmt"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/internal/cli"
	"github.com/wirediff/wirediff/listing"
)

// defaultGroupsLimit bounds the groups listed unless --limit says
// otherwise: an archive holds tens of thousands.
const defaultGroupsLimit = 100

func cmdGroups(e *env, args []string) error {
	fs := cli.NewFlagSet("groups")
	dir := indexFlag(fs)
	var ff filterFlags
	ff.register(fs)
	level := fs.String("level", "rewrite", "level: copy, rewrite or story")
	minSize := fs.Int("min-size", 2, "list groups of at least this many articles")
	limit := fs.IntP("limit", "n", defaultGroupsLimit, "groups to list, largest first (0 = all)")
	format := formatFlag(fs)
	if err := parseFlags(e, fs, usage("groups"), args); err != nil {
		return err
	}
	if err := cli.NoArgs(fs); err != nil {
		return err
	}
	lvl, err := cluster.ParseLevel(*level)
	if err != nil {
		return cli.Usagef("--level: %v", err)
	}
	f, err := parseFormat(*format)
	if err != nil {
		return err
	}
	if *minSize < 1 || *limit < 0 {
		return cli.Usagef("--min-size must be at least 1 and --limit not negative")
	}
	filter, err := ff.filter()
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
	held, err := ix.Count()
	if err != nil {
		return err
	}
	switch {
	case gi.Len() == 0 && held == 0:
		return cli.WithStatus(fmt.Errorf("index %s holds no articles: add some with 'wirediff dedup --index %s PATH...'", *dir, *dir), 2)
	case gi.Len() == 0:
		return cli.WithStatus(fmt.Errorf("index %s has no groups yet: run 'wirediff dedup --index %s' to group the articles it holds (no PATH needed)", *dir, *dir), 2)
	}
	if err := noteOutlets(e, ix, filter.Outlets); err != nil {
		return err
	}
	q := listing.GroupsQuery{Level: lvl, MinSize: *minSize, Limit: *limit}
	if !filter.IsZero() {
		if q.Keep, err = ix.Matching(filter); err != nil {
			return err
		}
	}
	l, found, err := listing.IndexGroups(ix, gi, q)
	if err != nil {
		return err
	}
	if err := l.Write(e.stdout, f); err != nil {
		return err
	}
	note := fmt.Sprintf("wirediff: %s at level %s", listing.Plural(found, "group"), lvl)
	if *limit > 0 && found > *limit {
		note += fmt.Sprintf("; the %d largest listed (--limit 0 lists all)", *limit)
	}
	if n := held - gi.Len(); n > 0 {
		// Indexed since the last grouping run ('index', 'dedup
		// --input-only'): in no group, so in none listed.
		note += fmt.Sprintf("; %s indexed since the last grouping run in no group yet ('wirediff dedup --index %s' groups them)", listing.Plural(n, "article"), *dir)
	}
	fmt.Fprintln(e.stderr, note)
	return nil
}

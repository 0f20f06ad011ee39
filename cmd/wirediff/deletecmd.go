package main

import (
	"bufio"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/internal/cli"
	"github.com/wirediff/wirediff/listing"
)

func cmdDelete(e *env, args []string) (err error) {
	fs := cli.NewFlagSet("delete")
	dir := indexFlag(fs)
	var ff filterFlags
	ff.register(fs)
	dryRun := fs.Bool("dry-run", false, "list the IDs that would be deleted, one a line, and delete nothing")
	if err := parseFlags(e, fs, usage("delete"), args); err != nil {
		return err
	}
	f, err := ff.filter()
	if err != nil {
		return err
	}
	switch {
	case fs.NArg() == 0 && f.IsZero():
		return cli.Usagef("delete: give the IDs of the articles to delete (- reads them from standard input), or --since, --until or --outlet")
	case fs.NArg() > 0 && !f.IsZero():
		return cli.Usagef("delete: give IDs or --since, --until and --outlet, not both")
	}
	ids, err := deleteIDs(e, fs.Args())
	if err != nil {
		return err
	}
	if fs.NArg() > 0 && len(ids) == 0 {
		return cli.Usagef("delete: no IDs given (standard input held none)")
	}
	var ix *index.Index
	if *dryRun {
		ix, err = openIndex(*dir)
	} else {
		ix, err = openWriter(e, *dir, false)
	}
	if err != nil {
		return err
	}
	defer closeWriter(ix, &err)
	if !f.IsZero() {
		if err := noteOutlets(e, ix, ff.outlets); err != nil {
			return err
		}
		m, err := ix.Matching(f)
		if err != nil {
			return err
		}
		ids = slices.Sorted(maps.Keys(m))
		if len(ids) == 0 {
			fmt.Fprintf(e.stderr, "wirediff: no article of %s passes the filters; nothing deleted\n", *dir)
			return cli.ExitStatus(1)
		}
	}
	if *dryRun {
		return listDeletable(e, ix, *dir, ids)
	}
	yieldToReaders(e)
	deleted, missing, err := dedup.Delete(ix, ids)
	if err != nil {
		return err
	}
	// The deletion is committed when the index closes, before the summary.
	if err := ix.Close(); err != nil {
		return err
	}
	if len(deleted) > 0 {
		fmt.Fprintf(e.stderr, "wirediff: deleted %s from %s; the next 'wirediff dedup --index %s' regroups what they were grouped with\n",
			listing.Plural(len(deleted), "article"), *dir, *dir)
	}
	if len(missing) > 0 {
		return cli.WithStatus(fmt.Errorf("delete: %s not in %s: %s", listing.Plural(len(missing), "ID"), *dir, quoted(missing, 5)), 1)
	}
	return nil
}

// listDeletable writes, one a line, those of ids that ix holds, and
// names the others (exit status 1).
func listDeletable(e *env, ix *index.Index, dir string, ids []string) error {
	var missing []string
	w := bufio.NewWriter(e.stdout)
	n := 0
	for _, id := range ids {
		if ok, err := ix.Has(id); err != nil {
			return err
		} else if !ok {
			missing = append(missing, id)
			continue
		}
		n++
		fmt.Fprintln(w, id)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wirediff: --dry-run: %s of %s would be deleted\n", listing.Plural(n, "article"), dir)
	if len(missing) > 0 {
		return cli.WithStatus(fmt.Errorf("delete: %s not in %s: %s", listing.Plural(len(missing), "ID"), dir, quoted(missing, 5)), 1)
	}
	return nil
}

// deleteIDs returns the IDs args name, each once: each argument, or, for
// "-", the lines of standard input (blank ones skipped, and a byte order
// mark before the first, as Windows tools write one).
func deleteIDs(e *env, args []string) ([]string, error) {
	var ids []string
	seen := map[string]bool{}
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, a := range args {
		if a != "-" {
			add(a)
			continue
		}
		sc := bufio.NewScanner(e.stdin)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for first := true; sc.Scan(); first = false {
			line := sc.Text()
			if first {
				line = strings.TrimPrefix(line, "\ufeff")
			}
			if id := strings.TrimSpace(line); id != "" {
				add(id)
			}
		}
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("delete: reading IDs from standard input: %w", err)
		}
	}
	return ids, nil
}

// quoted lists the first n of ids, quoted, and how many more there are.
func quoted(ids []string, n int) string {
	var b strings.Builder
	for i, id := range ids[:min(len(ids), n)] {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", id)
	}
	if len(ids) > n {
		fmt.Fprintf(&b, " and %d more", len(ids)-n)
	}
	return b.String()
}

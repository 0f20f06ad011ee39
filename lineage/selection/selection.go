// Package selection resolves what a lineage report is asked for (a group
// label of the last grouping run, a story group, two or more article IDs,
// an article given as the source, or nothing: every rewrite group) into
// groups of article IDs of an index, with errors that say what to give
// instead.
package selection

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/wirediff/wirediff/index"
)

// Index is what [Resolve] reads of an index; [*index.Index] has it.
type Index interface {
	Groups() (map[string]index.Assignment, error)
	Has(id string) (bool, error)
}

// Error is a request that names no group to report: a name the index
// does not hold, a group of one article, or, when Usage is set, a request
// written wrong (a group among article IDs, a single article). Its
// message says what to give instead.
type Error struct {
	Err   error
	Usage bool
}

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

func usage(format string, args ...any) error {
	return &Error{Err: fmt.Errorf(format, args...), Usage: true}
}

// IDsName is the label of a group of article IDs given by hand.
const IDsName = "ids"

type Group struct {
	Name string   // the group's label, or IDsName for article IDs
	IDs  []string // its members, sorted by ID unless given
	Note string   // a remark for the user, said before the reports
}

// Resolve resolves the arguments into groups of article IDs: no
// argument is every rewrite group, or with --source ID alone that
// article's rewrite group; a story group is reported per rewrite
// subgroup.
func Resolve(ix Index, args []string, source string) ([]Group, error) {
	as, err := ix.Groups()
	if err != nil {
		return nil, &Error{Err: err}
	}
	members := map[string][]string{}
	for _, a := range as {
		for _, g := range []string{a.Copy, a.Rewrite, a.Story} {
			members[g] = append(members[g], a.ID)
		}
	}
	for _, ids := range members {
		sort.Strings(ids)
	}
	if len(args) == 0 && source != "" {
		a, ok := as[source]
		if !ok {
			return nil, &Error{Err: fmt.Errorf("source %q: not a grouped article in the index (see 'wirediff groups' or /groups)", source)}
		}
		if len(members[a.Rewrite]) < 2 {
			return nil, &Error{Err: fmt.Errorf("source %q: its rewrite group %s has no other article; name the articles to compare it with", source, a.Rewrite)}
		}
		return []Group{{Name: a.Rewrite, IDs: members[a.Rewrite]}}, nil
	}
	if len(args) == 1 && strings.HasPrefix(args[0], "s:") {
		if _, ok := members[args[0]]; ok {
			return storyLineageGroups(args[0], as, members)
		}
	}
	if len(args) == 0 {
		var out []Group
		for g, ids := range members {
			if strings.HasPrefix(g, "r:") && len(ids) > 1 {
				out = append(out, Group{Name: g, IDs: ids})
			}
		}
		sort.Slice(out, func(i, j int) bool {
			if len(out[i].IDs) != len(out[j].IDs) {
				return len(out[i].IDs) > len(out[j].IDs)
			}
			return out[i].Name < out[j].Name
		})
		if len(out) == 0 {
			return nil, errors.New("no rewrite group of two or more articles in the index (run 'wirediff dedup' first, or name article IDs)")
		}
		return out, nil
	}
	if len(args) == 1 {
		ids, ok := members[args[0]]
		if !ok {
			return nil, notAGroup(ix, args[0], as, members)
		}
		if len(ids) < 2 {
			return nil, &Error{Err: fmt.Errorf("group %q has one article: nothing to compare", args[0])}
		}
		return []Group{{Name: args[0], IDs: ids}}, nil
	}
	// Several arguments are article IDs: a group label among them is a
	// usage mistake, not a missing article.
	var groups []string
	missing := ""
	named := make(map[string]bool, len(args))
	for _, id := range args {
		if named[id] {
			return nil, usage("lineage: article %q is named twice", id)
		}
		named[id] = true
		ok, err := ix.Has(id)
		if err != nil {
			return nil, err
		}
		_, group := members[id]
		switch {
		case ok:
		case group:
			groups = append(groups, id)
		case missing == "":
			missing = id
		}
	}
	switch {
	case len(groups) == 1:
		return nil, usage("lineage: %q is a group, not an article: give one group alone, or article IDs only", groups[0])
	case len(groups) > 1:
		return nil, usage("lineage: %s are groups: give one group, or none for every rewrite group, or two or more article IDs", quoteList(groups))
	case missing != "":
		return nil, &Error{Err: fmt.Errorf("%w: %q", index.ErrNoID, missing)}
	}
	return []Group{{Name: IDsName, IDs: args}}, nil
}

// storyLineageGroups splits story group s into its rewrite subgroups: a
// story group holds different reports of one story, which have no common
// reference. Subgroups of one article are named in a note; a story with
// no subgroup of two or more is refused with their names.
func storyLineageGroups(s string, as map[string]index.Assignment, members map[string][]string) ([]Group, error) {
	var rewrites []string
	for _, id := range members[s] {
		rewrites = append(rewrites, as[id].Rewrite)
	}
	sort.Strings(rewrites)
	rewrites = slices.Compact(rewrites)
	var out []Group
	var single []string
	for _, r := range rewrites {
		if len(members[r]) > 1 {
			out = append(out, Group{Name: r, IDs: members[r]})
		} else {
			single = append(single, r)
		}
	}
	if len(out) == 0 {
		return nil, &Error{Err: fmt.Errorf("story group %s holds independent reports, no rewrite group of two or more articles (%s): name two or more of its articles to compare them",
			s, strings.Join(rewrites, ", "))}
	}
	note := fmt.Sprintf("story group %s is reported per rewrite group: %s", s, joinLabels(out))
	if len(single) > 0 {
		note += fmt.Sprintf("; %s of one article left out (%s)", pluralWord(len(single), "rewrite group", "rewrite groups"), strings.Join(single, ", "))
	}
	out[0].Note = note
	return out, nil
}

func joinLabels(gs []Group) string {
	var ls []string
	for _, g := range gs {
		ls = append(ls, fmt.Sprintf("%s (%d articles)", g.Name, len(g.IDs)))
	}
	return strings.Join(ls, ", ")
}

// pluralWord returns "1 group", "2 groups".
func pluralWord(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// quoteList lists ss quoted, as in prose: "a", "b" and "c".
func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// notAGroup is the error for a single argument that names no group: a
// usage error when it is an article (a lineage needs two), else an
// unknown group.
func notAGroup(ix Index, arg string, as map[string]index.Assignment, members map[string][]string) error {
	a, grouped := as[arg]
	if !grouped {
		ok, err := ix.Has(arg)
		if err != nil {
			return &Error{Err: err}
		}
		if !ok {
			return &Error{Err: fmt.Errorf("unknown group %q: neither a group nor an article in the index (see 'wirediff groups')", arg)}
		}
	}
	hint := "two or more article IDs"
	if n := len(members[a.Rewrite]); grouped && n > 1 {
		hint = fmt.Sprintf("its group %s (%d articles) or %s", a.Rewrite, n, hint)
	}
	return usage("lineage: %q is an article, not a group: a lineage needs at least two articles; give %s", arg, hint)
}

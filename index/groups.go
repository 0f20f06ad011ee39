package index

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/wirediff/wirediff/cluster"
)

// Assignment is one article's group at each level.
type Assignment struct {
	ID, Copy, Rewrite, Story string
}

const groupsHeader = "id\tcopy\trewrite\tstory"

// escapeField writes a field of groups.tsv: a backslash, tab, line feed
// or carriage return is written \\, \t, \n or \r, so that a field
// holds any string on one line.
var escapeField = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`)

// unescapeField undoes escapeField. A backslash before any other byte
// is kept as it is.
func unescapeField(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			switch s[i+1] {
			case '\\':
				c = '\\'
			case 't':
				c = '\t'
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			default:
				b.WriteByte(c)
				continue
			}
			i++
		}
		b.WriteByte(c)
	}
	return b.String()
}

// WriteGroups replaces DIR/groups.tsv with the given assignments, sorted
// by ID. Fields are escaped (see escapeField), so any ID can be written.
func (ix *Index) WriteGroups(as []Assignment) error {
	if ix.readOnly {
		return ErrReadOnly
	}
	byID := func(a, b Assignment) int { return strings.Compare(a.ID, b.ID) }
	sorted := as
	if !slices.IsSortedFunc(as, byID) {
		sorted = slices.Clone(as)
		slices.SortFunc(sorted, byID)
	}
	var b strings.Builder
	b.WriteString(groupsHeader + "\n")
	for _, a := range sorted {
		for k, f := range [...]string{a.ID, a.Copy, a.Rewrite, a.Story} {
			if k > 0 {
				b.WriteByte('\t')
			}
			escapeField.WriteString(&b, f)
		}
		b.WriteByte('\n')
	}
	if err := writeFileAtomic(filepath.Join(ix.dir, "groups.tsv"), []byte(b.String())); err != nil {
		return fmt.Errorf("index: write groups: %w", err)
	}
	return nil
}

// Groups reads the groups file (a writer's DIR/groups.tsv, a reader's
// snapshot of it). An index that was never grouped has none: the map is
// empty and the error nil. Lines may be of any length.
func (ix *Index) Groups() (map[string]Assignment, error) {
	as, _, err := ix.readGroups()
	return as, err
}

// readGroups reads the groups file as Groups does, with the IDs in the
// order of the file.
func (ix *Index) readGroups() (map[string]Assignment, []string, error) {
	path := filepath.Join(ix.view, "groups.tsv")
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]Assignment{}, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("index: %w", err)
	}
	// One string for the file: the fields are slices of it, and the map
	// is sized once, which at a million rows saves most of the reading.
	text := string(b)
	rows := strings.Count(text, "\n")
	out := make(map[string]Assignment, rows)
	order := make([]string, 0, rows)
	for line := 1; text != ""; line++ {
		row, rest, _ := strings.Cut(text, "\n")
		text = rest
		if line == 1 {
			if row != groupsHeader {
				return nil, nil, fmt.Errorf("%w: %s:1: unexpected header %.60q", ErrCorrupt, path, row)
			}
			continue
		}
		var parts [4]string
		n := 0
		for f := range strings.SplitSeq(row, "\t") {
			if n < len(parts) {
				parts[n] = unescapeField(f)
			}
			n++
		}
		if n != len(parts) {
			return nil, nil, fmt.Errorf("%w: %s:%d: want 4 fields, got %d%s", ErrCorrupt, path, line, n, ix.recoverHint())
		}
		if _, dup := out[parts[0]]; !dup {
			order = append(order, parts[0])
		}
		out[parts[0]] = Assignment{parts[0], parts[1], parts[2], parts[3]}
	}
	return out, order, nil
}

// Label is a's group at level l.
func (a Assignment) Label(l cluster.Level) string {
	switch l {
	case cluster.Copy:
		return a.Copy
	case cluster.Rewrite:
		return a.Rewrite
	}
	return a.Story
}

// Grouping is the grouping of the last run over an index as articles'
// labels, with the members of each group: the groups a new article is
// placed among ([github.com/wirediff/wirediff/neardup.Groups]). An article indexed since the run is a
// group of its own ([cluster.GroupID] of its ID). Its methods but Set
// are safe for concurrent use; Set is not safe alongside any other.
type Grouping struct {
	as map[string]Assignment
	// ids are the IDs of as, sorted, but for added: those Set added
	// since, in no order.
	ids, added []string
	// sizes and byLabel (members by label, sorted) are built per level
	// on first use: a run that reads one group of an index of millions
	// need not index them all.
	sizes       [3]map[string]int
	sizesOnce   [3]sync.Once
	byLabel     [3]map[string][]string
	byLabelOnce [3]sync.Once
}

// Grouping reads the groups of the last grouping run (DIR/groups.tsv);
// an index never grouped has an empty one.
func (ix *Index) Grouping() (*Grouping, error) {
	as, ids, err := ix.readGroups()
	if err != nil {
		return nil, err
	}
	if !slices.IsSorted(ids) { // WriteGroups sorts them
		slices.Sort(ids)
	}
	return &Grouping{as: as, ids: ids}, nil
}

// Len is the number of articles with groups.
func (g *Grouping) Len() int { return len(g.as) }

// Assignment returns id's groups, and whether the grouping has them.
func (g *Grouping) Assignment(id string) (Assignment, bool) {
	a, ok := g.as[id]
	return a, ok
}

// IDs lists the articles with groups, sorted.
func (g *Grouping) IDs() []string {
	if len(g.added) == 0 {
		return slices.Clone(g.ids)
	}
	added := slices.Sorted(slices.Values(g.added))
	out := make([]string, 0, len(g.ids)+len(added))
	i, j := 0, 0
	for i < len(g.ids) || j < len(added) {
		if j == len(added) || i < len(g.ids) && g.ids[i] < added[j] {
			out = append(out, g.ids[i])
			i++
		} else {
			out = append(out, added[j])
			j++
		}
	}
	return out
}

// Assignments lists every article's groups, sorted by ID.
func (g *Grouping) Assignments() []Assignment {
	out := make([]Assignment, 0, len(g.as))
	for _, id := range g.IDs() {
		out = append(out, g.as[id])
	}
	return out
}

// Label returns the group of id at level l.
func (g *Grouping) Label(id string, l cluster.Level) string {
	a, ok := g.as[id]
	if !ok {
		return cluster.GroupID(l, id)
	}
	return a.Label(l)
}

// Group returns the group of id at level l and its size.
func (g *Grouping) Group(id string, l cluster.Level) (string, int) {
	a, ok := g.as[id]
	if !ok {
		return cluster.GroupID(l, id), 1
	}
	lab := a.Label(l)
	g.countSizes(l)
	return lab, g.sizes[l][lab]
}

// CountSizes counts the groups' sizes at every level now, which Group
// otherwise does at its first call per level: a server calls it before
// a grouping serves requests, so that no request waits for it.
func (g *Grouping) CountSizes() {
	for l := cluster.Copy; l <= cluster.Story; l++ {
		g.countSizes(l)
	}
}

func (g *Grouping) countSizes(l cluster.Level) {
	g.sizesOnce[l].Do(func() {
		m := map[string]int{}
		for _, a := range g.as {
			m[a.Label(l)]++
		}
		g.sizes[l] = m
	})
}

// Members lists the members of group label at level l, sorted; none
// when the grouping has no such group. The first call at a level
// indexes the members of every group at that level; to read a few
// groups once, [Grouping.MembersOf] passes over the articles instead.
func (g *Grouping) Members(l cluster.Level, label string) []string {
	g.byLabelOnce[l].Do(func() {
		m := map[string][]string{}
		for id, a := range g.as {
			m[a.Label(l)] = append(m[a.Label(l)], id)
		}
		for _, ids := range m {
			sort.Strings(ids)
		}
		g.byLabel[l] = m
	})
	return g.byLabel[l][label]
}

// MembersOf returns the members of each group of labels at level l,
// sorted, by label (a label of no group has none). It reads the index of
// members when Members has built it, and otherwise passes once over the
// articles.
func (g *Grouping) MembersOf(l cluster.Level, labels []string) map[string][]string {
	out := make(map[string][]string, len(labels))
	if g.byLabel[l] != nil {
		for _, lab := range labels {
			if ms := g.byLabel[l][lab]; ms != nil {
				out[lab] = ms
			}
		}
		return out
	}
	want := make(map[string]bool, len(labels))
	for _, lab := range labels {
		want[lab] = true
	}
	for id, a := range g.as {
		if lab := a.Label(l); want[lab] {
			out[lab] = append(out[lab], id)
		}
	}
	for _, ids := range out {
		sort.Strings(ids)
	}
	return out
}

// Set records the groups of one article, replacing those it had. The
// index keeps them when the caller writes [Grouping.Assignments] with
// [Index.WriteGroups].
func (g *Grouping) Set(a Assignment) {
	old, had := g.as[a.ID]
	g.as[a.ID] = a
	if !had {
		g.added = append(g.added, a.ID)
	}
	for l := cluster.Copy; l <= cluster.Story; l++ {
		// Indexes not built yet are built from g.as when first used.
		if had {
			lab := old.Label(l)
			if g.sizes[l] != nil {
				g.sizes[l][lab]--
			}
			if m := g.byLabel[l]; m != nil {
				ids := m[lab]
				if k, ok := slices.BinarySearch(ids, a.ID); ok {
					m[lab] = slices.Concat(ids[:k], ids[k+1:]) // a new slice: callers may hold the old
				}
			}
		}
		lab := a.Label(l)
		if g.sizes[l] != nil {
			g.sizes[l][lab]++
		}
		if m := g.byLabel[l]; m != nil {
			ids := m[lab]
			k, _ := slices.BinarySearch(ids, a.ID)
			m[lab] = slices.Concat(ids[:k], []string{a.ID}, ids[k:])
		}
	}
}

package index

import (
	"bufio"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"unsafe"

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
	byID := func(a, b Assignment) int { return strings.Compare(a.ID, b.ID) }
	sorted := as
	if !slices.IsSortedFunc(as, byID) {
		sorted = slices.Clone(as)
		slices.SortFunc(sorted, byID)
	}
	return ix.writeGroupsFile(func(w rowWriter) {
		for _, a := range sorted {
			writeRow(w, a)
		}
	})
}

// WriteGrouping replaces DIR/groups.tsv with g's assignments, as
// WriteGroups(g.Assignments()) does. The rows g read and still holds as
// they were are copied as they are, so that a run that moved a few
// groups of millions writes the file at the speed of a copy.
func (ix *Index) WriteGrouping(g *Grouping) error {
	added := slices.Sorted(slices.Values(g.added))
	return ix.writeGroupsFile(func(w rowWriter) {
		j := 0
		for k := range g.t.len() {
			id := g.t.id(k)
			for ; j < len(added) && added[j] < id; j++ {
				writeRow(w, g.over[added[j]])
			}
			if a, ok := g.over[id]; ok {
				writeRow(w, a)
			} else {
				w.WriteString(g.t.text[g.t.start[k]:g.t.start[k+1]]) // with its line feed
			}
		}
		for ; j < len(added); j++ {
			writeRow(w, g.over[added[j]])
		}
	})
}

// rowWriter is where rows are written: a buffered file, or a builder.
type rowWriter interface {
	io.Writer
	io.ByteWriter
	io.StringWriter
}

// writeRow writes a's row of groups.tsv.
func writeRow(w rowWriter, a Assignment) {
	for k, f := range [...]string{a.ID, a.Copy, a.Rewrite, a.Story} {
		if k > 0 {
			w.WriteByte('\t')
		}
		escapeField.WriteString(w, f)
	}
	w.WriteByte('\n')
}

// writeGroupsFile replaces DIR/groups.tsv with its header and the rows
// rows writes, remembering the file's SHA-256 (see GroupsDigest).
// Write errors of the buffered file surface when it is flushed.
func (ix *Index) writeGroupsFile(rows func(w rowWriter)) error {
	if ix.readOnly {
		return ErrReadOnly
	}
	ix.written.Lock()
	defer ix.written.Unlock()
	ix.written.ok = false
	h := sha256.New()
	err := writeAtomic(filepath.Join(ix.dir, "groups.tsv"), func(f io.Writer) error {
		w := bufio.NewWriterSize(io.MultiWriter(f, h), 1<<20)
		w.WriteString(groupsHeader + "\n")
		rows(w)
		return w.Flush()
	})
	if err != nil {
		return fmt.Errorf("index: write groups: %w", err)
	}
	ix.written.ok = true
	h.Sum(ix.written.sum[:0])
	return nil
}

// Groups reads the groups file (a writer's DIR/groups.tsv, a reader's
// snapshot of it) as a map by ID. An index that was never grouped has
// none: the map is empty and the error nil. Lines may be of any length.
func (ix *Index) Groups() (map[string]Assignment, error) {
	g, err := ix.Grouping()
	if err != nil {
		return nil, err
	}
	out := make(map[string]Assignment, g.Len())
	g.each(func(a Assignment) { out[a.ID] = a })
	return out, nil
}

// table is a groups file held as its text: one row per article, sorted
// by ID, each field still escaped. Reading a million rows this way is
// a pass over the bytes; a row is parsed when it is asked for.
type table struct {
	text string
	// start[k] is where row k begins in text; start[len] = len(text).
	// Every row ends with a line feed.
	start []int
	// escaped says a field holds a backslash somewhere, so that fields
	// must be unescaped as they are read.
	escaped bool
	// file is the whole file as read (text is part of it, unless the
	// rows were put in order), found whether there was one.
	file  string
	found bool
}

func (t *table) len() int { return len(t.start) - 1 }

// raw is row k as the file holds it, without its line feed.
func (t *table) raw(k int) string { return t.text[t.start[k] : t.start[k+1]-1] }

// id is the ID of row k.
func (t *table) id(k int) string {
	r := t.raw(k)
	id := r[:strings.IndexByte(r, '\t')]
	if t.escaped {
		return unescapeField(id)
	}
	return id
}

// field is field f of row k (0 the ID, 1+l the label at level l).
func (t *table) field(k, f int) string {
	r := t.raw(k)
	for range f {
		r = r[strings.IndexByte(r, '\t')+1:]
	}
	if i := strings.IndexByte(r, '\t'); i >= 0 {
		r = r[:i]
	}
	if t.escaped {
		return unescapeField(r)
	}
	return r
}

// row is row k's assignment.
func (t *table) row(k int) Assignment {
	return Assignment{t.field(k, 0), t.field(k, 1), t.field(k, 2), t.field(k, 3)}
}

// find returns the row of id.
func (t *table) find(id string) (int, bool) {
	k := sort.Search(t.len(), func(k int) bool { return t.id(k) >= id })
	return k, k < t.len() && t.id(k) == id
}

// ErrGroupsDamaged is, besides [ErrCorrupt], the error of a groups file
// that does not parse: the groups of the last run, which a full regroup
// of the articles the index holds makes again.
var ErrGroupsDamaged = errors.New("index: groups file damaged")

// groupsDamage is the error of a groups file that does not parse; what
// says where and how ("DIR/groups.tsv:7: want 4 fields, got 1").
type groupsDamage struct {
	error
	what string
}

func (e groupsDamage) Unwrap() []error { return []error{e.error, ErrGroupsDamaged} }

// GroupsDamage says where and how the groups file err reports as damaged
// does not parse ("DIR/groups.tsv:7: want 4 fields, got 1"), or "" when
// err is not such an error.
func GroupsDamage(err error) string {
	var d groupsDamage
	if errors.As(err, &d) {
		return d.what
	}
	return ""
}

// NewGrouping returns an empty grouping, as of an index never grouped:
// the one a run regroups from when the index's groups file is damaged.
func NewGrouping() *Grouping {
	return &Grouping{t: table{start: []int{0}}, over: map[string]Assignment{}}
}

// readTable reads the groups file at path: its rows checked (four
// fields each, no header line but the first; [ErrCorrupt] naming the
// line otherwise) and, when they
// are not in strictly increasing ID order (a file not written by
// WriteGroups), put in order, the last row of an ID kept.
func readTable(path string, hint func() string) (table, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return table{start: []int{0}}, nil
	}
	if err != nil {
		return table{}, fmt.Errorf("index: %w", err)
	}
	// The bytes are the table's own, never written again: one string of
	// them, not a copy.
	text := unsafe.String(unsafe.SliceData(b), len(b))
	if text == "" {
		return table{start: []int{0}, file: text, found: true}, nil
	}
	head, rest, _ := strings.Cut(text, "\n")
	if head != groupsHeader {
		what := fmt.Sprintf("%s:1: unexpected header %.60q", path, head)
		return table{}, groupsDamage{fmt.Errorf("%w: %s", ErrCorrupt, what), what}
	}
	if rest != "" && !strings.HasSuffix(rest, "\n") {
		rest += "\n"
	}
	t := table{text: rest, start: make([]int, 0, strings.Count(rest, "\n")+1), escaped: strings.IndexByte(rest, '\\') >= 0, file: text, found: true}
	sorted := true
	prev := ""
	for at, line := 0, 2; at < len(rest); line++ {
		end := at + strings.IndexByte(rest[at:], '\n')
		row := rest[at:end]
		what := ""
		if n := strings.Count(row, "\t") + 1; n != 4 {
			what = fmt.Sprintf("%s:%d: want 4 fields, got %d", path, line, n)
		} else if row == groupsHeader {
			// Two files run together: no row WriteGroups writes, whose
			// labels are cluster.GroupID's ("c:ID").
			what = fmt.Sprintf("%s:%d: the header line again", path, line)
		}
		if what != "" {
			return table{}, groupsDamage{fmt.Errorf("%w: %s%s", ErrCorrupt, what, hint()), what}
		}
		t.start = append(t.start, at)
		if sorted {
			id := row[:strings.IndexByte(row, '\t')]
			if t.escaped {
				id = unescapeField(id)
			}
			if len(t.start) > 1 && id <= prev {
				sorted = false
			}
			prev = id
		}
		at = end + 1
	}
	t.start = append(t.start, len(rest))
	if sorted {
		return t, nil
	}
	// Out of order, or an ID twice: the last row of each, in order.
	last := make(map[string]Assignment, t.len())
	for k := range t.len() {
		a := t.row(k)
		last[a.ID] = a
	}
	var w strings.Builder
	for _, id := range slices.Sorted(maps.Keys(last)) {
		writeRow(&w, last[id])
	}
	s := w.String()
	out := table{text: s, start: make([]int, 0, len(last)+1), file: text, found: true}
	for at := 0; at < len(s); at += strings.IndexByte(s[at:], '\n') + 1 {
		out.start = append(out.start, at)
	}
	out.start = append(out.start, len(s))
	out.escaped = strings.IndexByte(s, '\\') >= 0
	return out, nil
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
//
// It holds the groups file as its text (see table), sorted by ID: an
// article's groups are found by binary search, and what Set changes is
// kept beside it, so that reading and rewriting the groups of millions
// of articles costs little more than reading and writing the file.
type Grouping struct {
	t table
	// over holds what Set recorded, by ID; added the IDs of over the
	// file does not hold, in no order.
	over  map[string]Assignment
	added []string
	// sizes and byLabel (members by label, sorted) are built per level
	// on first use: a run that reads one group of an index of millions
	// need not index them all.
	sizes       [3]map[string]int
	sizesOnce   [3]sync.Once
	byLabel     [3]map[string][]string
	byLabelOnce [3]sync.Once
	digest      [32]byte
	digestOnce  sync.Once
}

// Grouping reads the groups of the last grouping run (DIR/groups.tsv);
// an index never grouped has an empty one.
func (ix *Index) Grouping() (*Grouping, error) {
	t, err := readTable(filepath.Join(ix.view, "groups.tsv"), ix.recoverHint)
	if err != nil {
		return nil, err
	}
	return &Grouping{t: t, over: map[string]Assignment{}}, nil
}

// Digest is the SHA-256 of the groups file g was read from, as
// [Index.GroupsDigest] gives it (zero when the index had none),
// computed on first use.
func (g *Grouping) Digest() [32]byte {
	g.digestOnce.Do(func() {
		if g.t.found {
			g.digest = sha256.Sum256(unsafe.Slice(unsafe.StringData(g.t.file), len(g.t.file)))
		}
	})
	return g.digest
}

// Len is the number of articles with groups.
func (g *Grouping) Len() int { return g.t.len() + len(g.added) }

// Assignment returns id's groups, and whether the grouping has them.
func (g *Grouping) Assignment(id string) (Assignment, bool) {
	if a, ok := g.over[id]; ok {
		return a, true
	}
	if k, ok := g.t.find(id); ok {
		return g.t.row(k), true
	}
	return Assignment{}, false
}

// each calls fn with every article's groups: those of the file in ID
// order, then those Set recorded.
func (g *Grouping) each(fn func(a Assignment)) {
	for k := range g.t.len() {
		if len(g.over) > 0 {
			if _, ok := g.over[g.t.id(k)]; ok {
				continue
			}
		}
		fn(g.t.row(k))
	}
	for _, a := range g.over {
		fn(a)
	}
}

// IDs lists the articles with groups, sorted.
func (g *Grouping) IDs() []string {
	added := slices.Sorted(slices.Values(g.added))
	out := make([]string, 0, g.Len())
	j := 0
	for k := range g.t.len() {
		id := g.t.id(k)
		for ; j < len(added) && added[j] < id; j++ {
			out = append(out, added[j])
		}
		out = append(out, id)
	}
	return append(out, added[j:]...)
}

// Assignments lists every article's groups, sorted by ID.
func (g *Grouping) Assignments() []Assignment {
	out := make([]Assignment, 0, g.Len())
	for _, id := range g.IDs() {
		a, _ := g.Assignment(id)
		out = append(out, a)
	}
	return out
}

// Label returns the group of id at level l.
func (g *Grouping) Label(id string, l cluster.Level) string {
	a, ok := g.Assignment(id)
	if !ok {
		return cluster.GroupID(l, id)
	}
	return a.Label(l)
}

// Group returns the group of id at level l and its size.
func (g *Grouping) Group(id string, l cluster.Level) (string, int) {
	a, ok := g.Assignment(id)
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
		g.each(func(a Assignment) { m[a.Label(l)]++ })
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
		g.each(func(a Assignment) { m[a.Label(l)] = append(m[a.Label(l)], a.ID) })
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
// articles, reading only their labels at l.
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
	for k := range g.t.len() {
		if lab := g.t.field(k, 1+int(l)); want[lab] {
			id := g.t.id(k)
			if _, ok := g.over[id]; !ok {
				out[lab] = append(out[lab], id)
			}
		}
	}
	for _, a := range g.over {
		if lab := a.Label(l); want[lab] {
			out[lab] = append(out[lab], a.ID)
		}
	}
	for _, ids := range out {
		sort.Strings(ids)
	}
	return out
}

// Set records the groups of one article, replacing those it had. The
// index keeps them when the caller writes the grouping with
// [Index.WriteGrouping].
func (g *Grouping) Set(a Assignment) {
	old, had := g.Assignment(a.ID)
	if !had {
		g.added = append(g.added, a.ID)
	}
	g.over[a.ID] = a
	for l := cluster.Copy; l <= cluster.Story; l++ {
		// Indexes not built yet are built when first used.
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

// renameDeleted renames the groups of as (sorted by ID) named after an
// article of deleted (sorted) after their first member left, as a
// grouping run names them ([cluster.GroupID]): a group's name stays one
// of its members', never that of an article indexed again later, which
// is a group of its own under its ID until it is grouped.
func renameDeleted(as []Assignment, deleted []string) {
	for l := cluster.Copy; l <= cluster.Story; l++ {
		prefix := cluster.GroupID(l, "")
		renamed := map[string]string{}
		for i := range as {
			lab := as[i].at(l)
			first, ok := strings.CutPrefix(*lab, prefix)
			if _, gone := slices.BinarySearch(deleted, first); !ok || !gone {
				continue
			}
			n, ok := renamed[*lab]
			if !ok {
				n = cluster.GroupID(l, as[i].ID)
				renamed[*lab] = n
			}
			*lab = n
		}
	}
}

// at is the label of a at level l, to be set.
func (a *Assignment) at(l cluster.Level) *string {
	switch l {
	case cluster.Copy:
		return &a.Copy
	case cluster.Rewrite:
		return &a.Rewrite
	}
	return &a.Story
}

// Delete removes the articles ids from the index and from the groups of
// its last grouping run, and returns those it held (deleted, sorted) and
// those it did not (missing, in the order given). The groups of the
// others stay as the run left them, less the articles deleted, until the
// next grouping run; a group named after an article deleted is named
// after its first member left. The state files a grouping run keeps beside the
// groups (package dedup's counts) then describe other groups, so that run
// regroups the whole index; dedup.Delete updates them instead. The
// deletion is committed, with the groups, when ix is closed.
func (ix *Index) Delete(ids []string) (deleted, missing []string, err error) {
	defer ix.guard(&err)
	if ix.readOnly {
		return nil, nil, ErrReadOnly
	}
	seen := make(map[string]bool, len(ids))
	b := ix.bleve.NewBatch()
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		has, err := ix.Has(id)
		if err != nil {
			return nil, nil, err
		}
		if !has {
			missing = append(missing, id)
			continue
		}
		b.Delete(id)
		deleted = append(deleted, id)
	}
	if len(deleted) == 0 {
		return nil, missing, nil
	}
	g, err := ix.Grouping()
	if err != nil {
		return nil, nil, err
	}
	if err := ix.bleve.Batch(b); err != nil {
		return nil, nil, fmt.Errorf("index: delete: %w", err)
	}
	slices.Sort(deleted)
	if g.Len() > 0 {
		kept := slices.DeleteFunc(g.Assignments(), func(a Assignment) bool {
			_, gone := slices.BinarySearch(deleted, a.ID)
			return gone
		})
		renameDeleted(kept, deleted)
		if err := ix.WriteGroups(kept); err != nil {
			return nil, nil, err
		}
	}
	return deleted, missing, nil
}

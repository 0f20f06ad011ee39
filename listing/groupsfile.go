package listing

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/wirediff/wirediff/index"
)

// Grouped is what [GroupsFile.Record] reads and writes of an index;
// [*index.Index] has it.
type Grouped interface {
	Has(id string) (bool, error)
	Count() (int, error)
	WriteGroups([]index.Assignment) error
}

// GroupsFile is the groups a batch run wrote, read by [ReadGroupsFile].
type GroupsFile struct {
	path  string
	lines []int // of each assignment
	as    []index.Assignment
}

// ReadGroupsFile reads the groups of a file that a batch run wrote: JSON
// lines, each an article's "id" and its "groups" at copy, rewrite and
// story level, as the JSON lines of dedup (and of the Beam pipeline) give
// them; or the CSV or TSV of dedup (and of the Beam pipeline's TSV), whose
// header names the columns id, copy, rewrite and story. A line without an
// id and its three groups, or naming an article a second time, is an
// error naming it. A file that cannot be opened is an error that wraps
// the [os.Open] one.
func ReadGroupsFile(path string) (*GroupsFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	g := &GroupsFile{path: path}
	seen := map[string]bool{}
	err = readGroupRows(f, path, func(line int, a index.Assignment) error {
		if a.ID == "" || a.Copy == "" || a.Rewrite == "" || a.Story == "" {
			return fmt.Errorf("%s:%d: want an id and its copy, rewrite and story groups", path, line)
		}
		if seen[a.ID] {
			return fmt.Errorf("%s:%d: %s named twice", path, line, a.ID)
		}
		seen[a.ID] = true
		g.lines, g.as = append(g.lines, line), append(g.as, a)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := g.nested(); err != nil {
		return nil, err
	}
	return g, nil
}

// nested checks that the groups are a grouping as a run writes one: each
// label of its level's form, named by one of its members ("r:ID", ID in
// the group), each copy group inside one rewrite group and each rewrite
// group inside one story group. A file cut short inside its last row
// ("s:a" for "s:a1") is not one.
func (g *GroupsFile) nested() error {
	members := map[string]map[string]bool{}
	parent := map[string]string{} // copy → rewrite, rewrite → story
	first := map[string]int{}     // label → the first line naming it
	for i, a := range g.as {
		line := g.lines[i]
		for _, lv := range []struct{ label, prefix, up string }{
			{a.Copy, "c:", a.Rewrite}, {a.Rewrite, "r:", a.Story}, {a.Story, "s:", ""},
		} {
			if !strings.HasPrefix(lv.label, lv.prefix) {
				return fmt.Errorf("%s:%d: group %q: want a label starting %q", g.path, line, lv.label, lv.prefix)
			}
			if members[lv.label] == nil {
				members[lv.label] = map[string]bool{}
				first[lv.label] = line
			}
			members[lv.label][a.ID] = true
			if lv.up == "" {
				continue
			}
			if up, ok := parent[lv.label]; ok && up != lv.up {
				return fmt.Errorf("%s:%d: group %s is inside %s here and inside %s at line %d; a grouping nests each group in one", g.path, line, lv.label, lv.up, up, first[lv.label])
			}
			parent[lv.label] = lv.up
		}
	}
	for _, label := range slices.Sorted(maps.Keys(members)) {
		if !members[label][label[2:]] {
			return fmt.Errorf("%s:%d: group %s is named by no member of it (a group is named by its first member)", g.path, first[label], label)
		}
	}
	return nil
}

// Record records the groups in idx, replacing those it held. The file
// must name every indexed article and no other; an article not indexed
// is an error naming its line.
func (g *GroupsFile) Record(idx Grouped) error {
	for i, a := range g.as {
		ok, err := idx.Has(a.ID)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("%s:%d: %s is not in the index", g.path, g.lines[i], a.ID)
		}
	}
	n, err := idx.Count()
	if err != nil {
		return err
	}
	if n != len(g.as) {
		return fmt.Errorf("%s: groups for %d of the %d indexed articles; a grouping covers them all", g.path, len(g.as), n)
	}
	return idx.WriteGroups(g.as)
}

// groupColumns are the columns a CSV or TSV groups file needs.
var groupColumns = []string{"id", "copy", "rewrite", "story"}

// readGroupRows calls row for every article of a groups file (see
// [ReadGroupsFile]) with its line number, telling JSON lines (the first
// character that is not white space is "{"), TSV (a tab in the header)
// and CSV apart.
func readGroupRows(r io.Reader, path string, row func(line int, a index.Assignment) error) error {
	br := bufio.NewReaderSize(r, 1<<20)
	// A byte order mark, as Excel's "CSV UTF-8" and Windows editors
	// save a file, is not part of the first column's name.
	if b, _ := br.Peek(3); string(b) == "\ufeff" {
		br.Discard(3)
	}
	first := 1 // the line the first record or header is on
	for {
		b, err := br.Peek(1)
		if err != nil {
			return nil // empty: no rows
		}
		if b[0] != ' ' && b[0] != '\t' && b[0] != '\r' && b[0] != '\n' {
			if b[0] == '{' {
				return readGroupJSONL(br, path, first, row)
			}
			break
		}
		if b[0] == '\n' {
			first++
		}
		br.ReadByte()
	}
	header, err := br.ReadString('\n')
	if err != nil && err != io.EOF {
		return fmt.Errorf("%s: %w", path, err)
	}
	// next returns the next record and the line it starts on.
	var cols []string
	var next func() ([]string, int, error)
	if strings.Contains(header, "\t") {
		cols = strings.Split(strings.TrimRight(header, "\r\n"), "\t")
		line := first
		next = func() ([]string, int, error) {
			text, err := br.ReadString('\n')
			if text == "" && err != nil {
				return nil, 0, err
			}
			line++
			return strings.Split(strings.TrimRight(text, "\r\n"), "\t"), line, nil
		}
	} else {
		cr := csv.NewReader(io.MultiReader(strings.NewReader(header), br))
		cr.FieldsPerRecord = -1
		if cols, err = cr.Read(); err != nil {
			return fmt.Errorf("%s:%d: %w", path, first, err)
		}
		next = func() ([]string, int, error) {
			rec, err := cr.Read()
			if err != nil {
				if pe := (*csv.ParseError)(nil); errors.As(err, &pe) {
					return nil, first - 1 + pe.StartLine, pe.Err
				}
				return nil, 0, err
			}
			line, _ := cr.FieldPos(0)
			return rec, first - 1 + line, nil
		}
	}
	at := make(map[string]int, len(groupColumns))
	for _, c := range groupColumns {
		i := slices.Index(cols, c)
		if i < 0 {
			return fmt.Errorf("%s:%d: not a groups file: want JSON lines of dedup --format jsonl (or wirediff-beam), or the CSV or TSV of dedup --format csv or tsv, with the columns %s; the header has no %q",
				path, first, strings.Join(groupColumns, ", "), c)
		}
		at[c] = i
	}
	for {
		rec, line, err := next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		cell := func(c string) string {
			if i := at[c]; i < len(rec) {
				return rec[i]
			}
			return ""
		}
		if err := row(line, index.Assignment{ID: cell("id"), Copy: cell("copy"), Rewrite: cell("rewrite"), Story: cell("story")}); err != nil {
			return err
		}
	}
}

// readGroupJSONL reads the JSON lines of a groups file, the first on
// line first.
func readGroupJSONL(r io.Reader, path string, first int, row func(line int, a index.Assignment) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	for line := first; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var rec struct {
			ID     string            `json:"id"`
			Groups map[string]string `json:"groups"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			if line == first {
				return fmt.Errorf("%s:%d: %w (want one JSON object a line, as dedup --format jsonl writes them, not the one document of --format json)", path, line, err)
			}
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
		if err := row(line, index.Assignment{ID: rec.ID, Copy: rec.Groups["copy"], Rewrite: rec.Groups["rewrite"], Story: rec.Groups["story"]}); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

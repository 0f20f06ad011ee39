package index

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Assignment is one article's group at each level.
type Assignment struct {
	ID, Copy, Rewrite, Story string
}

const groupsHeader = "id\tcopy\trewrite\tstory"

// WriteGroups replaces DIR/groups.tsv with the given assignments, sorted
// by ID.
func (ix *Index) WriteGroups(as []Assignment) error {
	if ix.readOnly {
		return ErrReadOnly
	}
	sorted := append([]Assignment(nil), as...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	var b strings.Builder
	b.WriteString(groupsHeader + "\n")
	for _, a := range sorted {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", a.ID, a.Copy, a.Rewrite, a.Story)
	}
	if err := writeFileAtomic(filepath.Join(ix.dir, "groups.tsv"), []byte(b.String())); err != nil {
		return fmt.Errorf("index: write groups: %w", err)
	}
	return nil
}

// Groups reads DIR/groups.tsv. An index that was never grouped has none:
// the map is empty and the error nil.
func (ix *Index) Groups() (map[string]Assignment, error) {
	path := filepath.Join(ix.dir, "groups.tsv")
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]Assignment{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	defer f.Close()
	out := map[string]Assignment{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	line := 0
	for sc.Scan() {
		line++
		if line == 1 {
			if sc.Text() != groupsHeader {
				return nil, fmt.Errorf("index: %s:1: unexpected header %q", path, sc.Text())
			}
			continue
		}
		parts := strings.Split(sc.Text(), "\t")
		if len(parts) != 4 {
			return nil, fmt.Errorf("index: %s:%d: want 4 fields, got %d", path, line, len(parts))
		}
		out[parts[0]] = Assignment{parts[0], parts[1], parts[2], parts[3]}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("index: %s: %w", path, err)
	}
	return out, nil
}

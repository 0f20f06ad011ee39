package index

import (
	"bufio"
	"errors"
	"fmt"
	"io"
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
	sorted := append([]Assignment(nil), as...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
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
	path := filepath.Join(ix.view, "groups.tsv")
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]Assignment{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	defer f.Close()
	out := map[string]Assignment{}
	r := bufio.NewReaderSize(f, 64*1024)
	for line := 1; ; line++ {
		text, err := r.ReadString('\n')
		if err == io.EOF && text == "" {
			break
		}
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("index: %s: %w", path, err)
		}
		text = strings.TrimSuffix(text, "\n")
		if line == 1 {
			if text != groupsHeader {
				return nil, fmt.Errorf("%w: %s:1: unexpected header %.60q", ErrCorrupt, path, text)
			}
			continue
		}
		parts := strings.Split(text, "\t")
		if len(parts) != 4 {
			return nil, fmt.Errorf("%w: %s:%d: want 4 fields, got %d%s", ErrCorrupt, path, line, len(parts), ix.recoverHint())
		}
		for k := range parts {
			parts[k] = unescapeField(parts[k])
		}
		out[parts[0]] = Assignment{parts[0], parts[1], parts[2], parts[3]}
	}
	return out, nil
}

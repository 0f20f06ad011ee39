package listing

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/wirediff/wirediff/index"
)

// Grouped is what [ImportGroups] reads and writes of an index;
// [*index.Index] has it.
type Grouped interface {
	Has(id string) (bool, error)
	Count() (int, error)
	WriteGroups([]index.Assignment) error
}

// ImportGroups records in idx the groups of a JSON lines file: each line
// an article's "id" and its "groups" at copy, rewrite and story level, as
// the JSON lines of dedup (and of the Beam pipeline) give them. The file
// must name every indexed article, once, and no other; a line that does
// not is an error naming it. A file that cannot be opened is an error
// that wraps the [os.Open] one.
func ImportGroups(idx Grouped, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var as []index.Assignment
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var row struct {
			ID     string            `json:"id"`
			Groups map[string]string `json:"groups"`
		}
		if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
		a := index.Assignment{ID: row.ID, Copy: row.Groups["copy"], Rewrite: row.Groups["rewrite"], Story: row.Groups["story"]}
		if a.ID == "" || a.Copy == "" || a.Rewrite == "" || a.Story == "" {
			return fmt.Errorf("%s:%d: want an id and its copy, rewrite and story groups", path, line)
		}
		if seen[a.ID] {
			return fmt.Errorf("%s:%d: %s named twice", path, line, a.ID)
		}
		ok, err := idx.Has(a.ID)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("%s:%d: %s is not in the index", path, line, a.ID)
		}
		seen[a.ID] = true
		as = append(as, a)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	n, err := idx.Count()
	if err != nil {
		return err
	}
	if n != len(as) {
		return fmt.Errorf("%s: groups for %d of the %d indexed articles; a grouping covers them all", path, len(as), n)
	}
	return idx.WriteGroups(as)
}

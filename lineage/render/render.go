// Package render writes lineage reports ([lineage.Report]) of one or more
// groups: a terminal table per group, one JSON document holding them all,
// or HTML, one page per group with an index page linking them; a [Writer]
// writes them one at a time, as they are analyzed.
package render

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/wirediff/wirediff/lineage"
)

// Named is the lineage report of one group, with the group's label ("ids"
// for a group of article IDs given by hand).
type Named struct {
	Group string
	*lineage.Report
}

// Grouped is a report as JSON lists it: with its group.
type Grouped struct {
	Group string `json:"group"`
	*lineage.Report
}

// Lineage lists reports as JSON does: each with its group, [] when there
// are none: the "lineage" list a [Writer] writes report by report, for a
// caller that holds the reports (from selection.Analyze, say).
func Lineage(reports []Named) []Grouped {
	out := make([]Grouped, 0, len(reports))
	for _, r := range reports {
		out = append(out, Grouped(r))
	}
	return out
}

// writeFile creates path (and its directory) and writes it with write.
func writeFile(path string, write func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// PageName returns the file name of group's HTML page: the label in
// lower case with every character but a-z, 0-9, '_' and '-' as '_' (and
// a leading '-' too), cut at 100 bytes, then '-', 16 hex digits of the
// label's SHA-256 and ".html". The hash tells apart labels that differ
// only in the characters replaced (r:a/b, r:a:b, r_a_b), in case (on
// case-insensitive filesystems) or past the cut; the name holds no dot
// but the extension's (no hidden file, no "con.txt" on Windows) and no
// separator, whatever the label.
func PageName(group string) string {
	const maxStem = 100
	var b strings.Builder
	for _, r := range group {
		if b.Len() >= maxStem {
			break
		}
		switch {
		case 'A' <= r && r <= 'Z':
			b.WriteRune(r - 'A' + 'a')
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9', r == '_', r == '-' && b.Len() > 0:
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		b.WriteByte('_')
	}
	sum := sha256.Sum256([]byte(group))
	return fmt.Sprintf("%s-%x.html", b.String(), sum[:8])
}

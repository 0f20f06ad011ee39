package listing

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/wirediff/wirediff/index"
)

// maxOutletsNamed bounds the outlets an [OutletNote] lists.
const maxOutletsNamed = 10

// OutletNote is what to tell a user who filtered by the outlet names
// given: when they match none of the stored outlets, which outlets the
// index holds (all); when they match outlets stored under other names
// ("Fox" matching "fox" and "Fox News"), those (matched); "" when the
// names are the stored ones.
func OutletNote(names []string, matched, all []index.StoredOutlet) string {
	list := func(os []index.StoredOutlet) string {
		var parts []string
		for i, o := range os {
			if i == maxOutletsNamed {
				parts = append(parts, fmt.Sprintf("and %d more", len(os)-i))
				break
			}
			name := o.Name
			if name == "" {
				name = "no outlet"
			}
			parts = append(parts, fmt.Sprintf("%s (%s)", name, Plural(o.Articles, "article")))
		}
		return strings.Join(parts, ", ")
	}
	if len(matched) == 0 {
		return fmt.Sprintf("--outlet %s: no article has that outlet or another name of it; outlets in the index: %s",
			strings.Join(names, ","), list(all))
	}
	exact := len(matched) == len(names)
	for _, o := range matched {
		exact = exact && slices.Contains(names, o.Name)
	}
	if exact {
		return ""
	}
	return fmt.Sprintf("--outlet %s: outlets stored as %s", strings.Join(names, ","), list(matched))
}

// Outlets is what [NoteOutlets] reads of an index: its stored outlets
// that names match, or all of them with no names; [*index.Index] has it.
type Outlets interface {
	Outlets(names ...string) ([]index.StoredOutlet, error)
}

// NoteOutlets is the [OutletNote] for the outlet names given, from the
// outlets ix stores ("" with no names).
func NoteOutlets(ix Outlets, names []string) (string, error) {
	if len(names) == 0 {
		return "", nil
	}
	matched, err := ix.Outlets(names...)
	if err != nil {
		return "", err
	}
	var all []index.StoredOutlet
	if len(matched) == 0 {
		if all, err = ix.Outlets(); err != nil {
			return "", err
		}
	}
	return OutletNote(names, matched, all), nil
}

// WriteCheck writes what [index.Check] found in the index dir, as check
// prints it: the counts, then "ok" or each problem with its fix.
func WriteCheck(w io.Writer, dir string, rep *index.CheckReport) error {
	b := &strings.Builder{}
	fmt.Fprintf(b, "index %s: ", dir)
	if rep.Articles >= 0 {
		fmt.Fprintf(b, "%s committed", Plural(rep.Articles, "article"))
	} else {
		b.WriteString("articles not counted (the committed snapshot does not read)")
	}
	if rep.Grouped >= 0 {
		fmt.Fprintf(b, ", %d grouped", rep.Grouped)
	} else if rep.Articles >= 0 {
		b.WriteString(", groups not read")
	}
	if rep.Live >= 0 {
		fmt.Fprintf(b, "; live store %d", rep.Live)
	} else {
		b.WriteString("; live store not checked (a writer holds it, or it is damaged)")
	}
	b.WriteString("\n")
	if len(rep.Findings) == 0 {
		b.WriteString("ok\n")
	}
	for _, f := range rep.Findings {
		fmt.Fprintf(b, "problem: %s\n  fix: %s\n", f.Problem, f.Fix)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

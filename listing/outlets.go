package listing

import (
	"fmt"
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
			parts = append(parts, fmt.Sprintf("%s (%s)", o.Name, Plural(o.Articles, "article")))
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

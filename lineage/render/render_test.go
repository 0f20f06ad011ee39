package render

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/lineage"
)

// pairReport is the lineage of two short articles, one a rewrite of the
// other.
func pairReport(t *testing.T) *lineage.Report {
	t.Helper()
	r, err := lineage.Analyze([]corpus.Article{
		{ID: "a", Text: "The council approved the harbour budget on Monday. The vote was close."},
		{ID: "b", Text: "The council approved the harbour budget on Monday, officials said."},
	}, lineage.Options{})
	require.NoError(t, err)
	return r
}

// writePages writes the pages of reports into dir and returns the paths
// printed, one a line.
func writePages(t *testing.T, dir string, reports []Named) []string {
	t.Helper()
	var listed bytes.Buffer
	require.NoError(t, Write(&listed, "html", dir, reports))
	return strings.Split(strings.TrimSuffix(listed.String(), "\n"), "\n")
}

// TestWritePages: HTML into a directory is one page per group, even for group
// labels that differ only in characters a file name cannot hold or in
// case, under names safe on every filesystem.
func TestWritePages(t *testing.T) {
	r := pairReport(t)
	groups := []string{
		"r:x/y", "r:x:y", "r_x_y", "r:x\\y", "r:x?y", // '_' for both ':' and '/' made these one file
		"r:X/Y", "R:x/y", // the same file on a case-insensitive filesystem
		"ids", "", "r:../../up", "r:.hidden", "-r", "s:con", "s:con.txt", "r:nul ", "r:ünï",
		"r:" + strings.Repeat("long", 100), // longer than a file name may be
	}
	var reports []Named
	for _, g := range groups {
		reports = append(reports, Named{g, r})
	}
	dir := filepath.Join(t.TempDir(), "pages")
	printed := writePages(t, dir, reports)
	require.Len(t, printed, len(groups)+1, "one path per group, then the index:\n%s", printed)
	index := printed[len(printed)-1]
	assert.Equal(t, filepath.Join(dir, "index.html"), index)
	printed = printed[:len(groups)]
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, len(groups)+1, "one page per group and the index")
	idx, err := os.ReadFile(index)
	require.NoError(t, err)
	for _, p := range printed {
		assert.Contains(t, string(idx), `href="`+filepath.Base(p)+`"`, "the index links %s", p)
	}
	folded := map[string]string{}
	portable := regexp.MustCompile(`^[a-z0-9_][a-z0-9_-]*\.html$`)
	for i, p := range printed {
		name := filepath.Base(p)
		assert.Equal(t, dir, filepath.Dir(p), "page of %q written in dir", groups[i])
		assert.Regexp(t, portable, name, "page of %q", groups[i])
		assert.LessOrEqual(t, len(name), 255, "page of %q", groups[i])
		if prev, ok := folded[strings.ToLower(name)]; ok {
			t.Errorf("groups %q and %q share the page %s (compared without case, as on macOS and Windows)", prev, groups[i], name)
		}
		folded[strings.ToLower(name)] = groups[i]
		page, err := os.ReadFile(p)
		if assert.NoError(t, err) {
			assert.Contains(t, string(page), "<html")
		}
	}
	// The same group gets the same page on every run.
	again := writePages(t, dir, reports)
	assert.Equal(t, append(printed, index), again)
}

package corpus

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadSharedFileNames: files of one input whose articles would take
// one ID from their names are each named by their full path, whatever
// the order they are named in; the others keep their names.
func TestReadSharedFileNames(t *testing.T) {
	dir := sharedNamesDir(t)
	r := read(t, []string{dir}, Options{})
	want := []string{
		"a.md", "a.md.txt", "a.txt",
		"feed.csv:2", "feed.jsonl:1",
		"mon/wire.jsonl:1",
		"other/story",
		"records:1", "records/x",
		"sub/story.html", "sub/story.txt",
		"own", "tue/wire.jsonl:1",
		"x.md", "x.txt",
		"y",
		"z.txt", "z.txt.gz",
	}
	assert.ElementsMatch(t, want, r.ids())
	assert.Equal(t, 0, r.stats.Skipped[DuplicateID], r.problems)

	// Named themselves, files are named as a walk of their directory
	// names them, in any order, whatever else is named with them.
	for _, names := range [][]string{{"x.txt", "x.md", "y.txt"}, {"y.txt", "x.md", "x.txt", "x.md"}} {
		var paths []string
		for _, n := range names {
			paths = append(paths, filepath.Join(dir, n))
		}
		r = read(t, paths, Options{})
		got := slices.Sorted(slices.Values(r.ids()))
		assert.Equal(t, []string{"x.md", "x.txt", "y"}, got, "%v", names)
	}
	for _, tc := range []struct {
		paths []string
		want  []string
	}{
		{[]string{"x.txt"}, []string{"x.txt"}},
		{[]string{"x.txt", "x.txt"}, []string{"x.txt"}},
		{[]string{"y.txt"}, []string{"y"}},
		{[]string{"feed.csv"}, []string{"feed.csv:2"}},
		{[]string{"mon/wire.jsonl"}, []string{"wire:1"}},
		{[]string{"sub/story.txt"}, []string{"story.txt"}},
		{[]string{".", "x.md"}, want},
	} {
		var paths []string
		for _, p := range tc.paths {
			paths = append(paths, filepath.Join(dir, p))
		}
		r = read(t, paths, Options{})
		assert.ElementsMatch(t, tc.want, r.ids(), "%v", tc.paths)
	}
}

// sharedNamesDir writes files of which some would give their articles
// one ID from their names.
func sharedNamesDir(t *testing.T) string {
	t.Helper()
	return writeFiles(t, map[string]string{
		"x.txt":           "A text file's article.",
		"x.md":            "A Markdown file's article.",
		"x.pdf":           "not read: no name taken",
		"y.txt":           "Alone under its name.",
		"z.txt":           "Plain.",
		"z.txt.gz":        gzipped(t, "Compressed."),
		"a.md.txt":        "Its name is another's full one.",
		"a.md":            "Markdown.",
		"a.txt":           "Text.",
		"feed.jsonl":      `{"text": "A record without an id."}` + "\n",
		"feed.csv":        "text\nA row without an id.\n",
		"mon/wire.jsonl":  `{"text": "Monday's."}` + "\n",
		"tue/wire.jsonl":  `{"text": "Tuesday's."}` + "\n",
		"tue/own.jsonl":   `{"id": "own", "text": "Its own id."}` + "\n",
		"sub/story.txt":   "Below.",
		"sub/story.html":  "<html><head><meta property=\"og:type\" content=\"article\"></head><body><article><p>A page of its own, long enough to be read as one.</p></article></body></html>",
		"other/story.txt": "Elsewhere: another path.",
		"records.jsonl":   `{"text": "x"}` + "\n",
		"records/x.txt":   "A directory of the same name.",
	})
}

// TestInputNames: files read one at a time with ReadFile, given the
// names InputNames lists, take the IDs Read gives them, from a walk of a
// directory and named themselves.
func TestInputNames(t *testing.T) {
	dir := sharedNamesDir(t)
	readEach := func(files [][2]string, names map[string]string) []string {
		var ids []string
		for _, f := range files {
			fh, err := os.Open(f[0])
			require.NoError(t, err)
			_, err = ReadFile(f[0], f[1], fh, Options{Names: names}, func(a Article) error {
				ids = append(ids, a.ID)
				return nil
			})
			fh.Close()
			require.NoError(t, err)
		}
		return ids
	}
	var walked [][2]string
	require.NoError(t, filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, path)
			walked = append(walked, [2]string{path, rel})
		}
		return err
	}))
	names := InputNames([]string{dir}, Options{})
	assert.Equal(t, "x.md", names[filepath.Join(dir, "x.md")])
	assert.NotContains(t, names, filepath.Join(dir, "y.txt"), "a file that keeps its name")
	assert.ElementsMatch(t, read(t, []string{dir}, Options{}).ids(), readEach(walked, names))

	named := [][2]string{{filepath.Join(dir, "x.txt")}, {filepath.Join(dir, "y.txt")}, {filepath.Join(dir, "mon", "wire.jsonl")}}
	var paths []string
	for _, f := range named {
		paths = append(paths, f[0])
	}
	want := read(t, paths, Options{}).ids()
	assert.ElementsMatch(t, []string{"x.txt", "y", "wire:1"}, want)
	assert.ElementsMatch(t, want, readEach(named, InputNames(paths, Options{})))
	assert.NotEqual(t, want, readEach(named, nil), "without the names, x.txt is x")
}

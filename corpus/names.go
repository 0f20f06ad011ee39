package corpus

import (
	"path/filepath"
	"strings"
)

// inputFile is a file of one input, as the name of its articles is
// derived: rel is its path below the directory argument with forward
// slashes, or its base name when it was named itself.
type inputFile struct {
	path, rel string
	whole     bool // one article per file, named after the file
}

// defaultName is the name f's articles take from it: a whole file's path
// without its extension ("sub/story"), a file of records' base name
// without it ("feed", its records without an id "feed:12").
func (f inputFile) defaultName() string {
	name, _ := compression(f.rel)
	if !f.whole {
		name = name[strings.LastIndexByte(name, '/')+1:]
	}
	return strings.TrimSuffix(name, filepath.Ext(name))
}

// fileNames names the files of one input whose articles would otherwise
// share IDs: two files whose names differ only in their extension
// ("x.txt" and "x.md"; "x.jsonl" and "x.csv" for records without an
// id), or files of records with one base name in two directories
// ("mon/feed.jsonl" and "tue/feed.jsonl"). Each such file is named by
// its full rel, extension included ("x.txt", "mon/feed.jsonl"), so that
// both are read whatever the order of the walk; a file whose name no
// other shares keeps its name. It returns the names given, by path.
func fileNames(files []inputFile) map[string]string {
	out := map[string]string{}
	name := func(f inputFile) string {
		if n, ok := out[f.path]; ok {
			return n
		}
		return f.defaultName()
	}
	// A full name may be another file's default one ("x.md" of x.md.txt):
	// name again until no two files share a name. Full names are unique,
	// so each file is renamed at most once.
	for {
		by := map[[2]string][]inputFile{}
		for _, f := range files {
			k := [2]string{"r", name(f)}
			if f.whole {
				k[0] = "w"
			}
			by[k] = append(by[k], f)
		}
		renamed := false
		for _, fs := range by {
			if len(fs) < 2 {
				continue
			}
			for _, f := range fs {
				if _, ok := out[f.path]; !ok {
					out[f.path] = f.rel
					renamed = true
				}
			}
		}
		if !renamed {
			return out
		}
	}
}

package beam

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/memfs" // memfs://, a registered scheme besides the local one

	"github.com/wirediff/wirediff/cluster"
)

// TestPaths: a path on a file system this program has none for, an
// output on the path of an input or of another output, and a local output
// that cannot be written, are reported by Check and
// PrepareOutputs, before any pipeline is built or run; Build returns the
// error instead of panicking; good paths pass, a missing local output
// directory is made, and nothing else is left behind.
func TestPaths(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte("not a directory"), 0o644); err != nil {
		t.Fatal(err)
	}
	seeds := []string{"../testdata/seeds"}
	// An input directory holding an article, and a link to it.
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(filepath.Join(in, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	article := filepath.Join(in, "sub", "a.txt")
	if err := os.WriteFile(article, []byte("The harbour reopened on Wednesday."), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(in, link); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		c    Config
		want string // a part of the error; "" for none
	}{
		{"unknown input scheme", Config{Paths: []string{"hdfs://namenode/news/*.jsonl"}, Out: filepath.Join(dir, "a.tsv")},
			`input hdfs://namenode/news/*.jsonl: no file system for scheme "hdfs" in this program (it has: local paths, `},
		{"input scheme typo", Config{Paths: []string{"../testdata/seeds", "gcs://bucket/news/*.jsonl"}, Out: filepath.Join(dir, "b.tsv")},
			`input gcs://bucket/news/*.jsonl: no file system for scheme "gcs"`},
		{"unknown output scheme", Config{Paths: seeds, Out: "hdfs://namenode/out/groups.tsv"},
			`--out hdfs://namenode/out/groups.tsv: no file system for scheme "hdfs"`},
		{"unknown dead-letter scheme", Config{Paths: seeds, Out: filepath.Join(dir, "c.tsv"), Skipped: "hdfs://namenode/out/skipped"},
			`--skipped hdfs://namenode/out/skipped: no file system for scheme "hdfs"`},
		{"unknown lineage scheme", Config{Paths: seeds, Out: filepath.Join(dir, "d.tsv"), Lineage: "gcs://bucket/lineage.jsonl"},
			`--lineage gcs://bucket/lineage.jsonl: no file system for scheme "gcs"`},
		{"uncreatable local output dir", Config{Paths: seeds, Out: filepath.Join(file, "sub", "groups.tsv")},
			"--out " + filepath.Join(file, "sub", "groups.tsv") + ": mkdir " + file + ": not a directory"},
		{"uncreatable dead-letter dir", Config{Paths: seeds, Out: filepath.Join(dir, "e.tsv"), Skipped: filepath.Join(file, "skipped")},
			"--skipped " + filepath.Join(file, "skipped") + ": mkdir " + file + ": not a directory"},
		{"output is a directory", Config{Paths: seeds, Out: dir},
			"--out " + dir + ": is a directory"},
		{"output is an input", Config{Paths: []string{file}, Out: file},
			"--out " + file + ": also an input path; writing it would replace the articles read from it"},
		{"standard input", Config{Paths: []string{"../testdata/seeds", "-"}, Out: filepath.Join(dir, "s.tsv")},
			"input -: the pipeline does not read standard input; give files, directories or globs"},
		{"output is a file of an input directory", Config{Paths: []string{in}, Out: filepath.Join(dir, "g.tsv"), Lineage: article},
			"--lineage " + article + ": inside the input directory " + in + ", whose files are all read; give it a path outside"},
		{"output would be a file of an input directory", Config{Paths: []string{link}, Out: filepath.Join(in, "new", "g.tsv")},
			"--out " + filepath.Join(in, "new", "g.tsv") + ": inside the input directory " + link + ", whose files are all read; give it a path outside"},
		{"output in an input directory through a link", Config{Paths: []string{in}, Out: filepath.Join(link, "g.tsv")},
			"--out " + filepath.Join(link, "g.tsv") + ": inside the input directory " + in},
		{"dead-letter file is the output", Config{Paths: seeds, Out: filepath.Join(dir, "f.tsv"), Skipped: filepath.Join(dir, ".", "f.tsv")},
			"--skipped " + filepath.Join(dir, ".", "f.tsv") + ": also the --out file; give each output a path of its own"},
		{"lineage file is the dead-letter file", Config{Paths: seeds, Out: "memfs://out/g.tsv", Skipped: "memfs://out/x", Lineage: "memfs://out/x"},
			"--lineage memfs://out/x: also the --skipped file"},
		{"hidden output in an input directory", Config{Paths: []string{in}, Out: filepath.Join(in, ".out", "g.tsv")}, ""},
		{"output beside an input directory", Config{Paths: []string{in}, Out: filepath.Join(dir, "in2", "g.tsv")}, ""},
		{"good local path", Config{Paths: seeds, Out: filepath.Join(dir, "new", "dir", "groups.tsv"), Skipped: filepath.Join(dir, "new", "skipped")}, ""},
		{"good registered scheme", Config{Paths: append(seeds, "memfs://news/*.jsonl"), Out: "memfs://out/groups.tsv"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.c
			c.Level, c.Format, c.Options, c.Rounds = cluster.Story, "tsv", cluster.DefaultOptions(), DefaultRounds
			err := c.Check()
			if err == nil {
				err = c.PrepareOutputs()
			}
			if tc.want == "" {
				if err != nil {
					t.Fatalf("error %v, want none", err)
				}
			} else if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one holding %q", err, tc.want)
			}
			if err == nil && scheme(c.Out) == "" {
				// The output's directory is made, and holds no probe.
				entries, err := os.ReadDir(filepath.Dir(c.Out))
				if err != nil {
					t.Fatalf("output directory: %v", err)
				}
				if len(entries) > 0 {
					t.Errorf("left in the output directory: %s", entries[0].Name())
				}
			}
			if tc.want != "" && !strings.HasPrefix(tc.name, "uncreatable") && tc.name != "output is a directory" {
				// Build checks the schemes too, and returns the error.
				_, s := beam.NewPipelineWithRoot()
				if err := Build(s, c); err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("Build: error %v, want one holding %q", err, tc.want)
				}
			}
		})
	}
}

// TestReadOnlyDirectory: an output file that exists and could be
// written in place, in a directory that takes no new file, is reported
// before the run: the output is written beside it and renamed over it.
func TestReadOnlyDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("skipping: a directory's permissions do not bind root")
	}
	dir := filepath.Join(t.TempDir(), "ro")
	out := filepath.Join(dir, "groups.tsv")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, []byte("earlier run\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o755)
	c := Config{Paths: []string{"../testdata/seeds"}, Out: out, Skipped: filepath.Join(t.TempDir(), "skipped")}
	if err := c.PrepareOutputs(); err == nil || !strings.Contains(err.Error(), "--out "+out+": directory not writable") {
		t.Errorf("error %v, want one saying the directory of --out takes no file", err)
	}
}

// TestSchemes: the file systems a path may name are those registered in
// the binary, local paths first.
func TestSchemes(t *testing.T) {
	got := schemes()
	if len(got) == 0 || got[0] != "local paths" || !slices.Contains(got, "memfs://") || slices.Contains(got, "hdfs://") {
		t.Errorf("schemes %q, want local paths first, memfs:// and no hdfs://", got)
	}
}

package beam

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteAtomic: an output file holds what it held before or the whole
// of the new output, never a part of it: a write that fails half-way
// leaves the earlier file as it was and no temporary file behind; one
// that succeeds replaces it, keeping its permissions, and writes through
// a link to the file the link names.
func TestWriteAtomic(t *testing.T) {
	failing := func(w io.Writer) error {
		if _, err := io.WriteString(w, "id\tgroup\nhalf a row"); err != nil {
			return err
		}
		return errors.New("disk full")
	}
	writing := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	for _, tc := range []struct {
		name  string
		old   *string // the file before, if any
		link  bool    // the output path is a link to the file
		write func(io.Writer) error
		want  string // the file after; "" for none
		err   bool
	}{
		{"failed write keeps the old file", ptr("earlier run\n"), false, failing, "earlier run\n", true},
		{"failed write makes no file", nil, false, failing, "", true},
		{"write replaces the old file", ptr("earlier run\n"), false, writing("new\n"), "new\n", false},
		{"write makes a new file", nil, false, writing("new\n"), "new\n", false},
		{"write through a link", ptr("earlier run\n"), true, writing("new\n"), "new\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "groups.tsv")
			path := file
			if tc.old != nil {
				if err := os.WriteFile(file, []byte(*tc.old), 0o640); err != nil {
					t.Fatal(err)
				}
			}
			if tc.link {
				path = filepath.Join(dir, "link.tsv")
				if err := os.Symlink(file, path); err != nil {
					t.Fatal(err)
				}
			}
			err := writeAtomic(context.Background(), path, tc.write)
			if (err != nil) != tc.err {
				t.Fatalf("error %v, want one: %v", err, tc.err)
			}
			b, rerr := os.ReadFile(file)
			if tc.want == "" {
				if rerr == nil {
					t.Errorf("%s written: %q", file, b)
				}
			} else if string(b) != tc.want {
				t.Errorf("%s holds %q, want %q", file, b, tc.want)
			}
			if info, err := os.Stat(file); err == nil && tc.old != nil && info.Mode().Perm() != 0o640 {
				t.Errorf("mode %v, want the old file's -rw-r-----", info.Mode().Perm())
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			want := 0
			if tc.want != "" || tc.old != nil {
				want++
			}
			if tc.link {
				want++
				if li, err := os.Lstat(path); err != nil || li.Mode()&os.ModeSymlink == 0 {
					t.Errorf("%s is no longer a link", path)
				}
			}
			if len(entries) != want {
				t.Errorf("%d files in the directory, want %d: %v", len(entries), want, entries)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

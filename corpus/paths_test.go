package corpus

import (
	"errors"
	"io/fs"
	"path/filepath"
	"testing"
)

func TestCheckPaths(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.jsonl")
	for _, tt := range []struct {
		name  string
		paths []string
		want  string // the error, "" for none
	}{
		{"none given", nil, ""},
		{"stdin", []string{missing, "-"}, ""},
		{"one exists", []string{missing, dir}, ""},
		{"none exists", []string{missing, filepath.Join(dir, "b")}, "no input: " + missing + ": no such file or directory"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckPaths(tt.paths)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("CheckPaths(%q) = %v, want nil", tt.paths, err)
				}
				return
			}
			if err == nil || err.Error() != tt.want || !errors.Is(err, ErrNoInput) || !errors.Is(err, fs.ErrNotExist) {
				t.Fatalf("CheckPaths(%q) = %v, want %q (ErrNoInput, fs.ErrNotExist)", tt.paths, err, tt.want)
			}
		})
	}
}

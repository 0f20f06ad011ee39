package tmpfile

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestNew: the file reads back what was written, and where the system
// lets an open file be removed (not Windows) its directory holds nothing
// while it is open; after Remove, nothing either way.
func TestNew(t *testing.T) {
	dir := t.TempDir()
	f, err := New(dir, "spool-*")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(f, "kept"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(f)
	if err != nil || string(b) != "kept" {
		t.Fatalf("read back %q, %v; want kept", b, err)
	}
	if entries, _ := os.ReadDir(dir); runtime.GOOS != "windows" && len(entries) != 0 {
		t.Errorf("%s holds %v while the file is open, want nothing", dir, entries)
	}
	f.Remove()
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("%s holds %v after Remove, want nothing", dir, entries)
	}
}

func TestNewMissingDir(t *testing.T) {
	if _, err := New(t.TempDir()+"/missing", "spool-*"); err == nil {
		t.Error("New in a missing directory: no error")
	}
}

// TestReplace: the file holds the new data, keeps its permissions, and
// the directory holds nothing else; a reader that opened the file
// before reads the earlier data whole (the file was replaced, not
// written over).
func TestReplace(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "results.csv")
	if err := Replace(path, []byte("first\n")); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(path); err != nil || runtime.GOOS != "windows" && info.Mode().Perm() != 0o644 {
		t.Fatalf("new file: %v, %v; want mode 0644", info, err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	old, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	if err := Replace(path, []byte("second, longer\n")); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "second, longer\n" {
		t.Errorf("read %q, %v; want the new data", b, err)
	}
	if b, err := io.ReadAll(old); err != nil || string(b) != "first\n" {
		t.Errorf("the reader opened before read %q, %v; want the earlier data whole", b, err)
	}
	if info, err := os.Stat(path); err != nil || runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Errorf("replaced file: %v, %v; want its mode 0600 kept", info, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%s holds %v, want results.csv alone", dir, entries)
	}
}

// TestReplaceMissingDir: an error naming the file, nothing created.
func TestReplaceMissingDir(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "results.csv")
	if err := Replace(path, []byte("x")); err == nil {
		t.Fatalf("Replace into a missing directory: no error")
	}
}

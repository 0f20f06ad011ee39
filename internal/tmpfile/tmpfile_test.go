package tmpfile

import (
	"io"
	"os"
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

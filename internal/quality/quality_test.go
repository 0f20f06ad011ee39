package quality

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	errs  []string
	fatal bool
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.fatal = true
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func TestCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "testdata", "quality.golden")

	// No golden file: an error, unless recording.
	r := &recorder{TB: t}
	Check(r, path, false, Scores{"a/f1": 0.5})
	if !r.fatal {
		t.Fatalf("Check without a golden file did not fail")
	}
	Check(t, path, true, Scores{"b/f1": 0.91234, "a/f1": 0.5})
	Check(t, path, true, Scores{"c/p": 1}) // adds, keeps the others
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := header + "a/f1 0.5000\nb/f1 0.9123\nc/p 1.0000\n"; string(data) != want {
		t.Fatalf("golden file:\n%s\nwant:\n%s", data, want)
	}

	for _, c := range []struct {
		scores Scores
		fails  string // a substring of the failure, "" for none
	}{
		{Scores{"a/f1": 0.5, "b/f1": 0.91234}, ""},
		{Scores{"b/f1": 0.91231}, ""}, // equal at four decimals
		{Scores{"b/f1": 0.9126}, "b/f1 = 0.9126, golden 0.9123"},
		{Scores{"d/r": 0.1}, "d/r = 0.1000 is not recorded"},
	} {
		r := &recorder{TB: t}
		Check(r, path, false, c.scores)
		got := strings.Join(r.errs, "\n")
		if c.fails == "" && got != "" || !strings.Contains(got, c.fails) {
			t.Errorf("Check(%v) failed with %q, want %q", c.scores, got, c.fails)
		}
	}
}

func TestReadMalformed(t *testing.T) {
	for _, text := range []string{"a/f1\n", "a/f1 x\n", "a/f1 1\na/f1 2\n"} {
		path := filepath.Join(t.TempDir(), "q.golden")
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Read(path); err == nil || !strings.Contains(err.Error(), path+":") {
			t.Errorf("Read(%q) = %v, want an error naming the file and line", text, err)
		}
	}
}

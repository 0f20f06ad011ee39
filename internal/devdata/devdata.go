// Package devdata finds the labelled development data in ../shared beside
// the repository, for tests, evaluations and benchmarks. The data is
// copyrighted research data, read in place.
package devdata

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the shared/ directory beside the repository root, looking
// upwards from the working directory, or "" when there is none. The
// WIREDIFF_SHARED environment variable overrides the search.
func Dir() string {
	if d := os.Getenv("WIREDIFF_SHARED"); d != "" {
		return d
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for d := wd; ; {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			s := filepath.Join(filepath.Dir(d), "shared")
			if fi, err := os.Stat(filepath.Join(s, "data")); err == nil && fi.IsDir() {
				return s
			}
			return ""
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// Path returns shared/<rel>, skipping t with a clear message when the
// shared data is not there.
func Path(t testing.TB, rel string) string {
	t.Helper()
	d := Dir()
	if d == "" {
		t.Skip("skipping: ../shared/data (the labelled development data) is not beside the repository")
	}
	p := filepath.Join(d, rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("skipping: %s not found", p)
	}
	return p
}

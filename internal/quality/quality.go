// Package quality keeps quality scores on the labelled development data
// as golden numbers, the way search engines keep their ranking quality:
// each evaluation test records its scores in a golden file of its package
// (testdata/quality.golden), so that a change that moves quality fails the
// evaluation and, rewritten with -update, shows as a diff in review.
//
// A golden file holds one score a line, "name value", sorted by name,
// values with four decimals; lines starting with # are comments. Names
// are chosen by the tests ("story/ecbplus-dev/bcubed-f1"); the file holds
// only numbers, never text from the data.
package quality

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/wirediff/wirediff/eval"
)

// Scores are named scores.
type Scores map[string]float64

// format is how a value is written and compared.
func format(v float64) string { return strconv.FormatFloat(v, 'f', 4, 64) }

// Check compares scores with the values recorded under the same names in
// the golden file path and fails t for each that differs at four decimals
// or is not recorded. With update it records them instead, keeping the
// file's other lines.
func Check(t testing.TB, path string, update bool, scores Scores) {
	t.Helper()
	golden, err := Read(path)
	if err != nil && !(update && errors.Is(err, fs.ErrNotExist)) {
		t.Fatalf("quality: %v (run the evaluation with -update to record the scores)", err)
	}
	if update {
		if golden == nil {
			golden = map[string]string{}
		}
		for name, v := range scores {
			golden[name] = format(v)
		}
		if err := write(path, golden); err != nil {
			t.Fatalf("quality: %v", err)
		}
		return
	}
	names := make([]string, 0, len(scores))
	for name := range scores {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		got := format(scores[name])
		want, ok := golden[name]
		switch {
		case !ok:
			t.Errorf("quality: %s = %s is not recorded in %s (run with -update to record it)", name, got, path)
		case got != want:
			t.Errorf("quality: %s = %s, golden %s (%s; run with -update if the change is intended)", name, got, want, path)
		}
	}
}

// Read reads a golden file: each name with its value as written.
func Read(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		name, value, ok := strings.Cut(s, " ")
		if _, err := strconv.ParseFloat(value, 64); !ok || err != nil {
			return nil, fmt.Errorf("%s:%d: want \"name value\", got %q", path, line, s)
		}
		if _, dup := out[name]; dup {
			return nil, fmt.Errorf("%s:%d: %s recorded twice", path, line, name)
		}
		out[name] = value
	}
	return out, sc.Err()
}

// header opens every golden file.
const header = "# Quality on the development data, written by the evaluation tests with -update.\n"

func write(path string, golden map[string]string) error {
	names := make([]string, 0, len(golden))
	for name := range golden {
		names = append(names, name)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString(header)
	for _, name := range names {
		fmt.Fprintf(&b, "%s %s\n", name, golden[name])
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// Clustering returns the scores of a clustering under prefix: pairwise
// and B-cubed precision, recall and F1, and the adjusted Rand index.
func Clustering(prefix string, s eval.Scores) Scores {
	return Scores{
		prefix + "/pairwise-p":  s.Pairwise.Precision,
		prefix + "/pairwise-r":  s.Pairwise.Recall,
		prefix + "/pairwise-f1": s.Pairwise.F1,
		prefix + "/bcubed-p":    s.BCubed.Precision,
		prefix + "/bcubed-r":    s.BCubed.Recall,
		prefix + "/bcubed-f1":   s.BCubed.F1,
		prefix + "/ari":         s.ARI,
	}
}

// With returns s with the scores of o added.
func (s Scores) With(o Scores) Scores {
	out := make(Scores, len(s)+len(o))
	for k, v := range s {
		out[k] = v
	}
	for k, v := range o {
		out[k] = v
	}
	return out
}

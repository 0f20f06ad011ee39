package lineage

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden and the evaluations' testdata/quality.golden")

// qualityGolden holds the scores of the evaluations (eval_*_test.go; see
// package quality).
const qualityGolden = "testdata/quality.golden"

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./lineage -run TestGoldenSeeds -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; run with -update if the change is intended\ngot:\n%s", name, got)
	}
}

// TestGoldenSeeds checks the table and the JSON for the five seed
// rewrites, whose source (an Axios report) is not in the corpus, so the
// reference is the consensus.
func TestGoldenSeeds(t *testing.T) {
	rep, err := Analyze(loadSeeds(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Reference.Kind != KindConsensus {
		t.Errorf("reference kind = %q, want %q (%s)", rep.Reference.Kind, KindConsensus, rep.Reference.Why)
	}
	var table, js bytes.Buffer
	if err := rep.WriteTable(&table); err != nil {
		t.Fatal(err)
	}
	if err := rep.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	golden(t, "seeds.table.txt", table.Bytes())
	golden(t, "seeds.json", js.Bytes())
}

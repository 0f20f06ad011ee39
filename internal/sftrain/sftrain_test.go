package sftrain

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wirediff/wirediff/internal/devdata"
)

// TestIRLS recovers the coefficients of a logistic model from samples
// drawn from it.
func TestIRLS(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	want := []float64{-0.5, 2, -1}
	var z [][]float64
	var y []float64
	for range 20000 {
		x := []float64{1, r.NormFloat64(), r.NormFloat64()}
		eta := 0.0
		for j := range x {
			eta += want[j] * x[j]
		}
		z = append(z, x)
		y = append(y, b2f(r.Float64() < 1/(1+math.Exp(-eta))))
	}
	got, err := irls(z, y, 0)
	if err != nil {
		t.Fatal(err)
	}
	for j := range want {
		if math.Abs(got[j]-want[j]) > 0.1 {
			t.Errorf("coefficient %d: %.3f, want %.3f", j, got[j], want[j])
		}
	}
}

func TestSolve(t *testing.T) {
	a := [][]float64{{4, 2, 0}, {2, 5, 1}, {0, 1, 3}}
	x := []float64{1, -2, 3}
	b := make([]float64, 3)
	for i := range a {
		for j := range x {
			b[i] += a[i][j] * x[j]
		}
	}
	got, err := solve(a, b)
	if err != nil {
		t.Fatal(err)
	}
	for i := range x {
		if math.Abs(got[i]-x[i]) > 1e-9 {
			t.Errorf("x[%d] = %v, want %v", i, got[i], x[i])
		}
	}
	if _, err := solve([][]float64{{1, 2}, {2, 1}}, []float64{1, 1}); err == nil {
		t.Error("an indefinite matrix gives no error")
	}
}

// TestEvalShippedModel fits the model on the MSRP training set and compares
// it with the shipped lineage/samefact.json: make train reproduces it.
//
//	WIREDIFF_EVAL=1 go test ./internal/sftrain -run TestEvalShippedModel
func TestEvalShippedModel(t *testing.T) {
	if os.Getenv("WIREDIFF_EVAL") != "1" {
		t.Skip("set WIREDIFF_EVAL=1 to fit the model on ../shared/data")
	}
	ex, err := Examples(devdata.Path(t, filepath.Join("data", "msrp", "msr_paraphrase_train.txt")), nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Fit(ex)
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.MarshalIndent(res.Model, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "..", "lineage", "samefact.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(append(got, '\n'), want) {
		t.Errorf("the model fitted on MSRP train differs from lineage/samefact.json (run make train)\n%s", res.Summary())
	}
}

// TestShippedLexicon writes the lexicon from the WordNet database of
// Debian's wordnet-base and compares it with the shipped
// lineage/wordnet.txt: make train reproduces it.
func TestShippedLexicon(t *testing.T) {
	if _, err := os.Stat(filepath.Join(WordNetDir, "index.noun")); err != nil {
		t.Skipf("no WordNet database in %s (Debian, Ubuntu: apt-get install wordnet-base): %v", WordNetDir, err)
	}
	var got bytes.Buffer
	if err := WriteLexicon(WordNetDir, &got); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "..", "lineage", "wordnet.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Error("the lexicon written from WordNet differs from lineage/wordnet.txt (run make train)")
	}
}

// TestWriteLexicon writes the lexicon of a small database in WordNet's
// format and checks what it keeps.
func TestWriteLexicon(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		// lemma pos synset_cnt p_cnt [ptr...] sense_cnt tagsense_cnt offsets
		"index.noun": "  1 Licence  header, line 1.  \n  2   \nplan n 2 1 @ 2 1 00000010 00000020\nproposal n 1 1 @ 1 1 00000010\nrare n 1 0 1 0 00000030\ncar_park n 1 0 1 1 00000040\n",
		"index.verb": "plan v 1 0 1 1 00000050\ndesign v 1 0 1 1 00000050\n",
		"index.adj":  "",
		"index.adv":  "",
		"noun.exc":   "plans plan\nrares rare\n",
		"verb.exc":   "planned plan\n",
		"adj.exc":    "",
		"adv.exc":    "",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := WriteLexicon(dir, &b); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		if !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	// rare has no tagged sense, car_park is a collocation; synset 20 and
	// the plan's second noun sense are no one else's.
	want := []string{"L design 1", "L plan 0 1", "L proposal 0", "X planned plan", "X plans plan"}
	if !slices.Equal(lines, want) {
		t.Errorf("lexicon lines:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(b.String(), "\n# Licence header, line 1.\n#\n") {
		t.Errorf("the lexicon lacks WordNet's notice:\n%s", b.String())
	}
	if err := os.WriteFile(filepath.Join(dir, "index.verb"), []byte("plan v 2 0 1 1 00000050\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteLexicon(dir, &b); err == nil || !strings.Contains(err.Error(), "index.verb:1: malformed") {
		t.Errorf("a malformed index line: error %v, want one naming the file and line", err)
	}
}

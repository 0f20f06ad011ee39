package sftrain

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
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
	ex, err := Examples(devdata.Path(t, filepath.Join("data", "msrp", "msr_paraphrase_train.txt")))
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

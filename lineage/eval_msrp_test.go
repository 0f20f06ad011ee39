package lineage

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wirediff/wirediff/internal/quality"
	"github.com/wirediff/wirediff/similarity"
)

// evalGate skips unless WIREDIFF_EVAL=1 and returns shared/data.
func evalGate(t *testing.T) string {
	t.Helper()
	if os.Getenv("WIREDIFF_EVAL") != "1" {
		t.Skip("set WIREDIFF_EVAL=1 to run the evaluation on ../shared/data")
	}
	return sharedData(t)
}

type msrpPair struct {
	same bool
	a, b string
}

// readMSRP reads an MSRP file: UTF-8 with a BOM, CRLF line ends, a header,
// tab-separated Quality, #1 ID, #2 ID, #1 String, #2 String.
func readMSRP(t *testing.T, path string) []msrpPair {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []msrpPair
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	first := true
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if first {
			first = false
			if strings.HasPrefix(strings.TrimPrefix(line, "\ufeff"), "Quality") {
				continue
			}
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			continue
		}
		out = append(out, msrpPair{same: f[0] == "1", a: f[3], b: f[4]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

type binScores struct{ acc, f1, p, r float64 }

func scoreBinary(pred, gold []bool) binScores {
	var tp, fp, fn, tn float64
	for i := range pred {
		switch {
		case pred[i] && gold[i]:
			tp++
		case pred[i]:
			fp++
		case gold[i]:
			fn++
		default:
			tn++
		}
	}
	s := binScores{acc: (tp + tn) / float64(len(pred))}
	if tp > 0 {
		s.p, s.r = tp/(tp+fp), tp/(tp+fn)
		s.f1 = 2 * s.p * s.r / (s.p + s.r)
	}
	return s
}

// wordJaccard is the word-overlap baseline: Jaccard of the sets of
// normalized tokens.
func wordJaccard(a, b string) float64 {
	set := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, t := range similarity.AppendTokens(nil, s, 0, len(s)) {
			m[t.Text] = true
		}
		return m
	}
	x, y := set(a), set(b)
	inter := 0
	for w := range x {
		if y[w] {
			inter++
		}
	}
	union := len(x) + len(y) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

// bestThreshold returns the threshold on score that maximizes accuracy.
func bestThreshold(score []float64, gold []bool) (float64, float64) {
	best, bestAcc := 0.0, -1.0
	for th := 0.05; th < 1.0; th += 0.01 {
		pred := make([]bool, len(score))
		for i, s := range score {
			pred[i] = s >= th
		}
		if a := scoreBinary(pred, gold).acc; a > bestAcc {
			best, bestAcc = th, a
		}
	}
	return best, bestAcc
}

// TestEvalMSRP measures the aligner's same-fact decision on the MSRP test
// set, with its threshold calibrated on the training set only.
//
//	WIREDIFF_EVAL=1 go test ./lineage -run TestEvalMSRP -v
func TestEvalMSRP(t *testing.T) {
	data := evalGate(t)
	train := readMSRP(t, filepath.Join(data, "msrp", "msr_paraphrase_train.txt"))
	test := readMSRP(t, filepath.Join(data, "msrp", "msr_paraphrase_test.txt"))
	if len(train) < 4000 || len(test) < 1700 {
		t.Fatalf("read %d train and %d test pairs, want 4076 and 1725", len(train), len(test))
	}
	var background []string
	for _, p := range train {
		background = append(background, p.a, p.b)
	}
	goldOf := func(ps []msrpPair) []bool {
		g := make([]bool, len(ps))
		for i, p := range ps {
			g[i] = p.same
		}
		return g
	}

	// Calibrate SameFact on train, the other options at their defaults: the
	// pair scores do not depend on the threshold, so they are computed once.
	base := NewAligner(background, Options{})
	trainScores := make([]pairScore, len(train))
	for i, p := range train {
		trainScores[i] = base.score(p.a, p.b)
	}
	trainGold := goldOf(train)
	bestOpt, bestAcc := Options{}, -1.0
	pred := make([]bool, len(train))
	for th := 20; th <= 90; th++ {
		opt := Options{SameFact: float64(th) / 100}
		opt.setDefaults()
		for i, p := range trainScores {
			pred[i] = opt.sameFact(p)
		}
		if a := scoreBinary(pred, trainGold).acc; a > bestAcc {
			bestOpt, bestAcc = opt, a
		}
	}
	al := NewAligner(background, bestOpt)
	pred = make([]bool, len(test))
	for i, p := range test {
		pred[i] = al.Same(p.a, p.b)
	}
	ours := scoreBinary(pred, goldOf(test))

	// Baseline: word Jaccard, threshold calibrated on train.
	trainJ := make([]float64, len(train))
	for i, p := range train {
		trainJ[i] = wordJaccard(p.a, p.b)
	}
	thJ, _ := bestThreshold(trainJ, goldOf(train))
	for i, p := range test {
		pred[i] = wordJaccard(p.a, p.b) >= thJ
	}
	baseline := scoreBinary(pred, goldOf(test))

	// Defaults, as Analyze uses them.
	def := NewAligner(background, Options{})
	for i, p := range test {
		pred[i] = def.Same(p.a, p.b)
	}
	defs := scoreBinary(pred, goldOf(test))

	t.Logf("MSRP test (%d pairs), thresholds calibrated on train (%d pairs):", len(test), len(train))
	t.Logf("%-44s %6s %6s %6s %6s", "method", "acc", "F1", "P", "R")
	row := func(name string, s binScores) {
		t.Logf("%-44s %6.3f %6.3f %6.3f %6.3f", name, s.acc, s.f1, s.p, s.r)
	}
	row(fmt.Sprintf("aligner (SameFact=%.2f, NumberPenalty=%.1f, Contained=%.1f)", bestOpt.SameFact, bestOpt.NumberPenalty, bestOpt.Contained), ours)
	row("aligner, package defaults", defs)
	row(fmt.Sprintf("word-overlap Jaccard >= %.2f", thJ), baseline)
	t.Logf("train accuracy at the calibrated thresholds: %.3f", bestAcc)
	scores := quality.Scores{
		"msrp/aligner/same-fact":          bestOpt.SameFact,
		"msrp/aligner/train-acc":          bestAcc,
		"msrp/jaccard-baseline/threshold": thJ,
	}
	for name, s := range map[string]binScores{"aligner": ours, "aligner-defaults": defs, "jaccard-baseline": baseline} {
		for k, v := range map[string]float64{"acc": s.acc, "f1": s.f1, "p": s.p, "r": s.r} {
			scores["msrp/"+name+"/"+k] = v
		}
	}
	quality.Check(t, qualityGolden, *update, scores)

	if ours.acc < 0.71 || ours.f1 < 0.80 {
		t.Errorf("aligner on MSRP test: acc %.3f, F1 %.3f; want at least 0.71 and 0.80", ours.acc, ours.f1)
	}
	if d := bestOpt.SameFact - def.opt.SameFact; d > 0.02 || d < -0.02 {
		t.Errorf("calibrated SameFact %.2f, package default %.2f: update the default", bestOpt.SameFact, def.opt.SameFact)
	}
	if ours.f1 < baseline.f1 {
		t.Errorf("aligner F1 %.3f below the word-overlap baseline's %.3f", ours.f1, baseline.f1)
	}
}

package lineage

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/internal/msrp"

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

// readMSRP reads the MSRP training and test pairs, and the training
// sentences as the aligner's background collection.
func readMSRP(t *testing.T) (train, test []msrp.Pair, background []string) {
	data := evalGate(t)
	train, err := msrp.ReadFile(filepath.Join(data, "msrp", "msr_paraphrase_train.txt"))
	if err != nil {
		t.Fatal(err)
	}
	test, err = msrp.ReadFile(filepath.Join(data, "msrp", "msr_paraphrase_test.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(train) != 4080 || len(test) != 1725 {
		t.Fatalf("read %d train and %d test pairs, want 4080 and 1725", len(train), len(test))
	}
	for _, p := range train {
		background = append(background, p.A, p.B)
	}
	return train, test, background
}

func msrpGold(ps []msrp.Pair) []bool {
	g := make([]bool, len(ps))
	for i, p := range ps {
		g[i] = p.Same
	}
	return g
}

// TestCalibrateLexicalProb sweeps Options.LexicalProb, the least model
// probability the Dice rule needs, with Options.Contained (the merge
// rule), and logs for each the aligner's decision on MSRP train and test,
// the Clough & Stevenson AUC of kept share, and the seeds' consensus
// (facts, whether the Witkoff drafting fact is one, mean kept share).
//
//	WIREDIFF_EVAL=1 go test ./lineage -run TestCalibrateLexicalProb -v
func TestCalibrateLexicalProb(t *testing.T) {
	train, test, background := readMSRP(t)
	trainGold, testGold := msrpGold(train), msrpGold(test)
	seeds := loadSeeds(t)
	t.Logf("%-12s %-9s %9s %9s %9s %10s %12s %10s", "LexicalProb", "Contained", "train acc", "test acc", "test F1", "Clough AUC", "seeds facts", "seeds kept")
	for _, c := range []struct{ prob, contained float64 }{
		{0, 0.8}, {0.1, 0.8}, {0.25, 0.8}, {0.35, 0.8}, {0.45, 0.8}, {0.5, 0.8}, {0.45, 0.7}, {0.5, 0.7},
	} {
		opt := Options{LexicalProb: c.prob, Contained: c.contained}
		al, err := NewAligner(background, opt)
		if err != nil {
			t.Fatal(err)
		}
		tr, te := al.scoreMSRP(train, trainGold), al.scoreMSRP(test, testGold)
		facts, witkoff, kept := seedsConsensus(t, seeds, opt)
		t.Logf("%-12.2f %-9.2f %9.3f %9.3f %9.3f %10.3f %8d (%d) %10.3f", c.prob, c.contained, tr.acc, te.acc, te.f1,
			cloughAUC(cloughAnswers(t, opt)), facts, witkoff, kept)
	}
}

// TestCalibrateSameFact sweeps Options.SameFact, the Dice threshold above
// which two sentences state the same fact without the model, and logs
// for each value the aligner's decision on MSRP train and test, the
// Clough & Stevenson AUC of kept share, the seeds' consensus (facts, how
// many state the Witkoff drafting fact, mean kept share) and the Clough &
// Stevenson tasks whose original is inferred as the source (of 5). 0.41
// is the default; 2 leaves the model alone.
//
//	WIREDIFF_EVAL=1 go test ./lineage -run TestCalibrateSameFact -v
func TestCalibrateSameFact(t *testing.T) {
	calibrateDecision(t, "SameFact", []float64{0.41, 0.45, 0.5, 0.55, 0.6, 0.7, 2}, func(v float64) Options { return Options{SameFact: v} })
}

// calibrateDecision logs, for each value of the option named name (opt
// gives the options), the aligner's decision on MSRP train and test, the
// Clough & Stevenson AUC of kept share, the seeds' consensus (facts, how
// many state the Witkoff drafting fact, mean kept share) and the Clough &
// Stevenson tasks whose original is inferred as the source (of 5).
func calibrateDecision(t *testing.T, name string, values []float64, opt func(float64) Options) {
	train, test, background := readMSRP(t)
	trainGold, testGold := msrpGold(train), msrpGold(test)
	seeds := loadSeeds(t)
	t.Logf("%-8s %9s %9s %9s %10s %12s %10s %14s", name, "train acc", "test acc", "test F1", "Clough AUC", "seeds facts", "seeds kept", "Clough sources")
	for _, v := range values {
		o := opt(v)
		al, err := NewAligner(background, o)
		if err != nil {
			t.Fatal(err)
		}
		tr, te := al.scoreMSRP(train, trainGold), al.scoreMSRP(test, testGold)
		facts, witkoff, kept := seedsConsensus(t, seeds, o)
		sources, _ := cloughSources(t, o)
		t.Logf("%-8.3f %9.3f %9.3f %9.3f %10.4f %8d (%d) %10.3f %14d", v, tr.acc, te.acc, te.f1,
			cloughAUC(cloughAnswers(t, o)), facts, witkoff, kept, sources)
	}
}

// scoreMSRP scores the aligner's same-fact decision on MSRP pairs.
func (a *Aligner) scoreMSRP(ps []msrp.Pair, gold []bool) binScores {
	pred := make([]bool, len(ps))
	for i, p := range ps {
		pred[i] = a.opt.sameFact(a.pair(p.A, p.B))
	}
	return scoreBinary(pred, gold)
}

// seedsConsensus analyzes the seeds with opt and returns the number of
// facts of their consensus, how many of them state the Witkoff drafting
// fact, and the members' mean kept share.
func seedsConsensus(t *testing.T, seeds []corpus.Article, opt Options) (facts, witkoff int, kept float64) {
	t.Helper()
	r, err := Analyze(seeds, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range r.Reference.Sentences {
		if strings.Contains(s.Text, "Witkoff") && strings.Contains(s.Text, "draft") {
			witkoff++
		}
	}
	for _, m := range r.Members {
		kept += m.KeptShare
	}
	return len(r.Reference.Sentences), witkoff, kept / float64(len(r.Members))
}

// TestCalibrateCarried sweeps Options.Carried, the directional
// containment that replaces the Dice rule when set, and logs for each
// value the aligner's decision on MSRP train and test, the Clough &
// Stevenson AUC of kept share, the seeds' consensus (facts, how many
// state the Witkoff drafting fact, mean kept share) and the Clough &
// Stevenson tasks whose original is inferred as the source (of 5).
// Carried 0 is the default decision.
//
//	WIREDIFF_EVAL=1 go test ./lineage -run TestCalibrateCarried -v
func TestCalibrateCarried(t *testing.T) {
	calibrateDecision(t, "Carried", []float64{0, 0.40, 0.45, 0.475, 0.50, 0.525, 0.55, 0.60, 0.70, 0.80}, func(v float64) Options { return Options{Carried: v} })
}

// TestEvalMSRP measures on the MSRP test set the aligner's same-fact
// decision (the weighted Dice threshold or the learned model, both fitted
// on the training set only; make train), the learned model alone, the
// Dice threshold alone, and the word-overlap baseline.
//
//	WIREDIFF_EVAL=1 go test ./lineage -run TestEvalMSRP -v
func TestEvalMSRP(t *testing.T) {
	train, test, background := readMSRP(t)
	trainGold, testGold := msrpGold(train), msrpGold(test)
	al, err := NewAligner(background, Options{})
	if err != nil {
		t.Fatal(err)
	}
	o := &al.opt
	decisions := map[string]func(a, b *sentence, p pairScore) bool{
		// As Analyze decides.
		"aligner": o.sameFact,
		// The model alone.
		"model": func(a, b *sentence, p pairScore) bool {
			return p.Shared >= 1 && o.penalized(p) >= o.ModelDice && o.prob(a, b, p) >= o.Model.Threshold || o.merged(p)
		},
		// The Dice threshold alone.
		"dice-only": func(a, b *sentence, p pairScore) bool {
			return p.Shared >= 1 && o.penalized(p) >= o.SameFact || o.merged(p)
		},
	}
	run := func(ps []msrp.Pair, gold []bool, decide func(a, b *sentence, p pairScore) bool) binScores {
		pred := make([]bool, len(ps))
		for i, p := range ps {
			pred[i] = decide(al.pair(p.A, p.B))
		}
		return scoreBinary(pred, gold)
	}
	figures := map[string]binScores{}
	scores := quality.Scores{}
	for name, decide := range decisions {
		figures[name] = run(test, testGold, decide)
		scores["msrp/"+name+"/train-acc"] = run(train, trainGold, decide).acc
	}
	pred := make([]bool, len(test))
	// Baseline: word Jaccard, threshold calibrated on train.
	trainJ := make([]float64, len(train))
	for i, p := range train {
		trainJ[i] = wordJaccard(p.A, p.B)
	}
	thJ, _ := bestThreshold(trainJ, trainGold)
	for i, p := range test {
		pred[i] = wordJaccard(p.A, p.B) >= thJ
	}
	baseline := scoreBinary(pred, testGold)

	figures["jaccard-baseline"] = baseline

	t.Logf("MSRP test (%d pairs), models and thresholds from train (%d pairs):", len(test), len(train))
	t.Logf("%-60s %6s %6s %6s %6s", "method", "acc", "F1", "P", "R")
	row := func(name string, s binScores) {
		t.Logf("%-60s %6.3f %6.3f %6.3f %6.3f", name, s.acc, s.f1, s.p, s.r)
	}
	row(fmt.Sprintf("aligner: Dice >= %.2f, or Dice >= %.2f and model p >= %.2f", o.SameFact, o.ModelDice, o.Model.Threshold), figures["aligner"])
	row(fmt.Sprintf("same-fact model alone (Dice >= %.2f, p >= %.2f)", o.ModelDice, o.Model.Threshold), figures["model"])
	row(fmt.Sprintf("weighted Dice >= %.2f alone", o.SameFact), figures["dice-only"])
	row(fmt.Sprintf("word-overlap Jaccard >= %.2f", thJ), baseline)
	scores["msrp/jaccard-baseline/threshold"] = thJ
	for name, s := range figures {
		for k, v := range map[string]float64{"acc": s.acc, "f1": s.f1, "p": s.p, "r": s.r} {
			scores["msrp/"+name+"/"+k] = v
		}
	}
	quality.Check(t, qualityGolden, *update, scores)

	// The model alone reaches the targets (0.75, 0.83); the aligner, which
	// also takes pairs where one sentence adds to the other's fact, does
	// not (docs/measurements.md, Lineage): the floors guard its figures.
	if m := figures["model"]; m.acc < 0.75 || m.f1 < 0.83 {
		t.Errorf("same-fact model on MSRP test: acc %.3f, F1 %.3f; want at least 0.75 and 0.83", m.acc, m.f1)
	}
	ours := figures["aligner"]
	if ours.acc < 0.73 || ours.f1 < 0.825 {
		t.Errorf("aligner on MSRP test: acc %.3f, F1 %.3f; want at least 0.73 and 0.825", ours.acc, ours.f1)
	}
	for _, other := range []string{"dice-only", "jaccard-baseline"} {
		if b := figures[other]; ours.acc <= b.acc || ours.f1 <= b.f1 {
			t.Errorf("aligner (acc %.3f, F1 %.3f) not above %s (%.3f, %.3f)", ours.acc, ours.f1, other, b.acc, b.f1)
		}
	}
}

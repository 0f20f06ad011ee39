// Package sftrain fits lineage's same-fact model ([lineage.SameFactModel])
// on the MSRP training set (Dolan & Brockett 2005): a logistic regression
// over the lexical features of each sentence pair (lineage.FeatureNames),
// fitted on the pairs whose weighted Dice reaches a floor, and the Dice
// threshold that decides alone.
//
// The model says a pair means the same when its Dice reaches the floor
// and its probability is at least one half, the decision that maximizes
// expected accuracy for a calibrated model. The floor is chosen by
// 10-fold cross-validation of that decision on the training pairs (folds
// by pair position) from MinDiceGrid: for each fold, the model is fitted
// on the other nine folds' pairs and the held-out fold scored; the floor
// with the best accuracy is taken (the lowest of equals). The model is
// then fitted on all training pairs with it. The Dice threshold
// (LexicalDice) is the one that maximizes training accuracy on its own
// (with the containment rule). In lineage a pair states the same fact
// when either says so (see lineage.Options.SameFact). Everything is deterministic: the same
// file gives the same model.
package sftrain

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"

	"github.com/wirediff/wirediff/internal/msrp"
	"github.com/wirediff/wirediff/lineage"
)

// NumberPenalty is taken off the Dice of pairs whose numbers disagree
// before it is compared with the floor (lineage.Options.NumberPenalty).
const NumberPenalty = 0.2

// Ridge is the L2 penalty on the weights of the standardized features.
const Ridge = 1.0

// Threshold is the probability at or above which a pair states the same
// fact.
const Threshold = 0.5

// Folds is the number of cross-validation folds.
const Folds = 10

// MinDiceGrid are the floors tried.
// Below 0.2, the alignment of long articles can no longer skip most pairs
// (lineage's TestLinkWorkGrowsSubquadratically).
var MinDiceGrid = []float64{0.2, 0.25, 0.3, 0.35, 0.4}

// Example is one training pair as the model sees it.
type Example struct {
	lineage.PairFeatures
	Same bool
}

// Examples reads the MSRP training file and computes the features of its
// pairs, with term weights from all of its sentences and the lemmas and
// synonyms of lex (nil for lineage's shipped lexicon).
func Examples(trainPath string, lex *lineage.Lexicon) ([]Example, error) {
	pairs, err := msrp.ReadFile(trainPath)
	if err != nil {
		return nil, err
	}
	return Featurize(pairs, lex)
}

// Featurize computes the features of pairs, with term weights from their
// sentences and the lemmas and synonyms of lex (nil for lineage's shipped
// lexicon).
func Featurize(pairs []msrp.Pair, lex *lineage.Lexicon) ([]Example, error) {
	var background []string
	for _, p := range pairs {
		background = append(background, p.A, p.B)
	}
	al, err := lineage.NewAligner(background, lineage.Options{Model: untrained(), Lexicon: lex, NumberPenalty: NumberPenalty})
	if err != nil {
		return nil, err
	}
	out := make([]Example, len(pairs))
	for i, p := range pairs {
		out[i] = Example{al.Features(p.A, p.B), p.Same}
	}
	return out, nil
}

// untrained is a valid model that weighs nothing, for computing features.
func untrained() *lineage.SameFactModel {
	n := len(lineage.FeatureNames)
	m := &lineage.SameFactModel{Features: lineage.FeatureNames, Mean: make([]float64, n), Scale: make([]float64, n),
		Weights: make([]float64, n), Threshold: 0.5, MinDice: 0, LexicalDice: 1, NumberPenalty: NumberPenalty}
	for i := range m.Scale {
		m.Scale[i] = 1
	}
	return m
}

// Result is a fitted model with how it was chosen.
type Result struct {
	Model *lineage.SameFactModel
	// CV is the cross-validated accuracy of each floor of MinDiceGrid.
	CV []float64
	// TrainAcc is the accuracy of Paraphrase on all training pairs, and
	// DecisionAcc that of Decide.
	TrainAcc, DecisionAcc float64
	Log                   []string
}

// Fit chooses the floor and fits the model on ex.
func Fit(ex []Example) (*Result, error) {
	if len(ex) < 2*Folds {
		return nil, fmt.Errorf("sftrain: %d training pairs, too few", len(ex))
	}
	res := &Result{}
	top := -1
	for gi, floor := range MinDiceGrid {
		correct := 0
		for k := range Folds {
			var tr, te []Example
			for i, e := range ex {
				if i%Folds == k {
					te = append(te, e)
				} else {
					tr = append(tr, e)
				}
			}
			m, err := fit(tr, floor)
			if err != nil {
				return nil, err
			}
			for _, e := range te {
				if Paraphrase(m, e) == e.Same {
					correct++
				}
			}
		}
		acc := float64(correct) / float64(len(ex))
		res.CV = append(res.CV, acc)
		res.Log = append(res.Log, fmt.Sprintf("min dice %.2f: cross-validated accuracy %.4f (%d of %d)", floor, acc, correct, len(ex)))
		if top < 0 || acc > res.CV[top] {
			top = gi
		}
	}
	best := top
	res.Log = append(res.Log, fmt.Sprintf("best cross-validated accuracy %.4f (min dice %.2f)", res.CV[top], MinDiceGrid[top]))
	m, err := fit(ex, MinDiceGrid[best])
	if err != nil {
		return nil, err
	}
	correct, lexical := 0, 0
	for _, e := range ex {
		if Paraphrase(m, e) == e.Same {
			correct++
		}
		if Decide(m, e) == e.Same {
			lexical++
		}
	}
	res.TrainAcc = float64(correct) / float64(len(ex))
	res.DecisionAcc = float64(lexical) / float64(len(ex))
	m.Fitted = fmt.Sprintf("logistic regression (L2 %.1f) on the %d MSRP training pairs by internal/train (make train); min_dice by %d-fold cross-validation (accuracy %.4f), training accuracy %.4f, %.4f with lexical_dice",
		Ridge, len(ex), Folds, res.CV[best], res.TrainAcc, res.DecisionAcc)
	res.Model = m
	res.Log = append(res.Log, fmt.Sprintf("chosen min dice %.2f, threshold %.3f, training accuracy %.4f; lexical dice %.2f, training accuracy of lineage's decision %.4f",
		m.MinDice, m.Threshold, res.TrainAcc, m.LexicalDice, res.DecisionAcc))
	return res, nil
}

// Paraphrase is the model's own decision: e means the same as the model
// says.
func Paraphrase(m *lineage.SameFactModel, e Example) bool {
	return e.Shared >= 1 && e.Dice >= m.MinDice && m.Prob(e.X) >= m.Threshold || e.Merged
}

// Decide is the same-fact decision of lineage with model m.
func Decide(m *lineage.SameFactModel, e Example) bool {
	if e.Shared >= 1 && (e.Dice >= m.LexicalDice || e.Dice >= m.MinDice && m.Prob(e.X) >= m.Threshold) {
		return true
	}
	return e.Merged
}

// lexicalDice returns the Dice threshold, from 0.20 to 0.90 by 0.01, that
// maximizes the accuracy of the Dice and the containment rule alone on ex
// (the lowest of equals).
func lexicalDice(ex []Example) float64 {
	best, bestN := 0.0, -1
	for k := 20; k <= 90; k++ {
		th := float64(k) / 100
		n := 0
		for _, e := range ex {
			if (e.Shared >= 1 && e.Dice >= th || e.Merged) == e.Same {
				n++
			}
		}
		if n > bestN {
			best, bestN = th, n
		}
	}
	return best
}

// fit fits the model on the candidates of ex (Dice at least floor).
func fit(ex []Example, floor float64) (*lineage.SameFactModel, error) {
	n := len(lineage.FeatureNames)
	var xs [][]float64
	var ys []float64
	for _, e := range ex {
		if e.Dice >= floor && e.Shared >= 1 {
			xs = append(xs, e.X)
			ys = append(ys, b2f(e.Same))
		}
	}
	if len(xs) < n {
		return nil, fmt.Errorf("sftrain: %d candidate pairs at min dice %.2f, too few", len(xs), floor)
	}
	m := untrained()
	m.MinDice, m.LexicalDice = floor, lexicalDice(ex)
	for j := range n {
		s, ss := 0.0, 0.0
		for _, x := range xs {
			s += x[j]
		}
		mean := s / float64(len(xs))
		for _, x := range xs {
			ss += (x[j] - mean) * (x[j] - mean)
		}
		m.Mean[j] = mean
		if sd := math.Sqrt(ss / float64(len(xs))); sd > 1e-9 {
			m.Scale[j] = sd
		}
	}
	z := make([][]float64, len(xs))
	for i, x := range xs {
		z[i] = make([]float64, n+1)
		z[i][0] = 1
		for j := range n {
			z[i][j+1] = (x[j] - m.Mean[j]) / m.Scale[j]
		}
	}
	beta, err := irls(z, ys, Ridge)
	if err != nil {
		return nil, err
	}
	m.Bias, m.Weights = beta[0], beta[1:]
	m.Threshold = Threshold
	return m, nil
}

// irls fits a logistic regression with an L2 penalty ridge on every
// coefficient but the first (the intercept) by Newton's method
// (iteratively reweighted least squares).
func irls(z [][]float64, y []float64, ridge float64) ([]float64, error) {
	p := len(z[0])
	beta := make([]float64, p)
	for iter := 0; iter < 100; iter++ {
		grad := make([]float64, p)
		hess := make([][]float64, p)
		for j := range hess {
			hess[j] = make([]float64, p)
		}
		for i, x := range z {
			eta := 0.0
			for j, v := range x {
				eta += beta[j] * v
			}
			mu := 1 / (1 + math.Exp(-eta))
			w := mu * (1 - mu)
			for j, v := range x {
				grad[j] += (y[i] - mu) * v
				for k := 0; k <= j; k++ {
					hess[j][k] += w * v * x[k]
				}
			}
		}
		for j := 1; j < p; j++ {
			grad[j] -= ridge * beta[j]
			hess[j][j] += ridge
		}
		for j := range p {
			for k := j + 1; k < p; k++ {
				hess[j][k] = hess[k][j]
			}
		}
		step, err := solve(hess, grad)
		if err != nil {
			return nil, err
		}
		most := 0.0
		for j := range beta {
			beta[j] += step[j]
			most = max(most, math.Abs(step[j]))
		}
		if most < 1e-10 {
			return beta, nil
		}
	}
	return beta, nil
}

// solve solves a·x = b for a symmetric positive definite a (Cholesky).
func solve(a [][]float64, b []float64) ([]float64, error) {
	n := len(b)
	l := make([][]float64, n)
	for i := range l {
		l[i] = make([]float64, n)
	}
	for i := range n {
		for j := 0; j <= i; j++ {
			s := a[i][j]
			for k := range j {
				s -= l[i][k] * l[j][k]
			}
			if i == j {
				if s <= 0 {
					return nil, fmt.Errorf("sftrain: the Hessian is not positive definite")
				}
				l[i][i] = math.Sqrt(s)
			} else {
				l[i][j] = s / l[j][j]
			}
		}
	}
	y := make([]float64, n)
	for i := range n {
		s := b[i]
		for k := range i {
			s -= l[i][k] * y[k]
		}
		y[i] = s / l[i][i]
	}
	x := make([]float64, n)
	for i := n - 1; i >= 0; i-- {
		s := y[i]
		for k := i + 1; k < n; k++ {
			s -= l[k][i] * x[k]
		}
		x[i] = s / l[i][i]
	}
	return x, nil
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// TrainPath is the MSRP training file under a data directory.
func TrainPath(data string) string {
	return filepath.Join(data, "msrp", "msr_paraphrase_train.txt")
}

// Summary describes a result in a few lines.
func (r *Result) Summary() string {
	var b strings.Builder
	for _, l := range r.Log {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}

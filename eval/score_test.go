package eval

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

const eps = 1e-12

func TestScore(t *testing.T) {
	// gold5 has 5 articles in clusters {a,b,c} and {d,e}: 4 gold pairs of 10.
	gold5 := Clustering{"a": "X", "b": "X", "c": "X", "d": "Y", "e": "Y"}
	// gold221 has clusters {a,b}, {c,d}, {e}: 2 gold pairs of 10.
	gold221 := Clustering{"a": "X", "b": "X", "c": "Y", "d": "Y", "e": "W"}
	// one41 has clusters {a,b,c,d}, {e}: 6 pairs of 10.
	one41 := Clustering{"a": "1", "b": "1", "c": "1", "d": "1", "e": "2"}

	tests := []struct {
		name       string
		gold, pred Clustering
		want       Scores
	}{
		// The prediction is the gold with other labels.
		{"perfect", gold5, Clustering{"a": "p", "b": "p", "c": "p", "d": "q", "e": "q"},
			Scores{N: 5, GoldClusters: 2, PredClusters: 2,
				Pairwise: PRF{1, 1, 1}, BCubed: PRF{1, 1, 1}, ARI: 1}},
		// No predicted pairs: pairwise precision 1 by convention; B-cubed
		// recall = Σ 1/a_i per item = clusters/N = 2/5.
		{"all singletons", gold5, Clustering{"a": "1", "b": "2", "c": "3", "d": "4", "e": "5"},
			Scores{N: 5, GoldClusters: 2, PredClusters: 5,
				Pairwise: PRF{1, 0, 0}, BCubed: PRF{1, 0.4, 0.8 / 1.4}, ARI: 0}},
		// Every pair predicted: P = 4/10; B-cubed P = (3·3/5 + 2·2/5)/5 = 0.52;
		// ARI: E = 4·10/10 = 4 = TP.
		{"all in one", gold5, Clustering{"a": "z", "b": "z", "c": "z", "d": "z", "e": "z"},
			Scores{N: 5, GoldClusters: 2, PredClusters: 1,
				Pairwise: PRF{0.4, 1, 0.8 / 1.4}, BCubed: PRF{0.52, 1, 1.04 / 1.52}, ARI: 0}},
		// {a,b}+{c,d} merged: TP 2 of 6 predicted pairs; B-cubed P =
		// (4·2/4 + 1)/5 = 0.6; ARI: E = 2·6/10 = 1.2, M = 4, (2−1.2)/(4−1.2) = 2/7.
		{"one merge", gold221, one41,
			Scores{N: 5, GoldClusters: 3, PredClusters: 2,
				Pairwise: PRF{1.0 / 3, 1, 0.5}, BCubed: PRF{0.6, 1, 0.75}, ARI: 2.0 / 7}},
		// The same with gold and prediction swapped: precision and recall
		// swap, ARI is symmetric.
		{"one split", one41, gold221,
			Scores{N: 5, GoldClusters: 2, PredClusters: 3,
				Pairwise: PRF{1, 1.0 / 3, 0.5}, BCubed: PRF{1, 0.6, 0.75}, ARI: 2.0 / 7}},
		// c is absent from pred: a singleton. Gold pairs 3, predicted 1 (a,b),
		// TP 1; B-cubed R = (2/3 + 2/3 + 1/3 + 1)/4 = 2/3; ARI: E = 3·1/6,
		// M = 2, (1−0.5)/(2−0.5) = 1/3.
		{"missing ids are singletons",
			Clustering{"a": "X", "b": "X", "c": "X", "d": "Y"}, Clustering{"a": "1", "b": "1", "d": "2"},
			Scores{N: 4, GoldClusters: 2, PredClusters: 3,
				Pairwise: PRF{1, 1.0 / 3, 0.5}, BCubed: PRF{1, 2.0 / 3, 0.8}, ARI: 1.0 / 3}},
		// A missing ID does not join a predicted cluster whose label is "".
		{"missing id not joined to empty label",
			Clustering{"a": "X", "b": "X"}, Clustering{"a": ""},
			Scores{N: 2, GoldClusters: 1, PredClusters: 2,
				Pairwise: PRF{1, 0, 0}, BCubed: PRF{1, 0.5, 2.0 / 3}, ARI: 0}},
		// y and z are not in the gold: ignored, so the prediction is perfect.
		{"extra pred ids ignored",
			Clustering{"a": "X", "b": "X", "c": "Y"}, Clustering{"a": "1", "b": "1", "c": "2", "z": "1", "y": "2"},
			Scores{N: 3, GoldClusters: 2, PredClusters: 2,
				Pairwise: PRF{1, 1, 1}, BCubed: PRF{1, 1, 1}, ARI: 1}},
		// Degenerate inputs.
		{"empty gold", Clustering{}, Clustering{"a": "1"},
			Scores{Pairwise: PRF{1, 1, 1}, BCubed: PRF{1, 1, 1}, ARI: 1}},
		{"one article", Clustering{"a": "X"}, nil,
			Scores{N: 1, GoldClusters: 1, PredClusters: 1,
				Pairwise: PRF{1, 1, 1}, BCubed: PRF{1, 1, 1}, ARI: 1}},
		{"both one cluster", Clustering{"a": "X", "b": "X", "c": "X"}, Clustering{"a": "1", "b": "1", "c": "1"},
			Scores{N: 3, GoldClusters: 1, PredClusters: 1,
				Pairwise: PRF{1, 1, 1}, BCubed: PRF{1, 1, 1}, ARI: 1}},
		{"both singletons", Clustering{"a": "X", "b": "Y"}, nil,
			Scores{N: 2, GoldClusters: 2, PredClusters: 2,
				Pairwise: PRF{1, 1, 1}, BCubed: PRF{1, 1, 1}, ARI: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Score(tt.gold, tt.pred)
			assertScores(t, tt.want, got)
		})
	}
}

func assertScores(t *testing.T, want, got Scores) {
	t.Helper()
	assert.Equal(t, want.N, got.N, "N = %d, want %d", got.N, want.N)
	assert.Equal(t, want.GoldClusters, got.GoldClusters, "GoldClusters = %d, want %d", got.GoldClusters, want.GoldClusters)
	assert.Equal(t, want.PredClusters, got.PredClusters, "PredClusters = %d, want %d", got.PredClusters, want.PredClusters)
	for _, m := range []struct {
		name      string
		got, want float64
	}{
		{"Pairwise.Precision", got.Pairwise.Precision, want.Pairwise.Precision},
		{"Pairwise.Recall", got.Pairwise.Recall, want.Pairwise.Recall},
		{"Pairwise.F1", got.Pairwise.F1, want.Pairwise.F1},
		{"BCubed.Precision", got.BCubed.Precision, want.BCubed.Precision},
		{"BCubed.Recall", got.BCubed.Recall, want.BCubed.Recall},
		{"BCubed.F1", got.BCubed.F1, want.BCubed.F1},
		{"ARI", got.ARI, want.ARI},
	} {
		assert.InDelta(t, m.want, m.got, eps, "Score %s = %v, want %v", m.name, m.got, m.want)
	}
}

// naiveScore computes the same scores as Score by looping over all pairs of
// articles, straight from the definitions; IDs missing from pred get a
// label no other article has.
func naiveScore(gold, pred Clustering) Scores {
	type item struct{ g, p string }
	var items []item
	goldSet, predSet := map[string]bool{}, map[string]bool{}
	for id, g := range gold {
		p, ok := pred[id]
		if ok {
			p = "p:" + p
		} else {
			p = "missing:" + id
		}
		items = append(items, item{g, p})
		goldSet[g], predSet[p] = true, true
	}
	n := len(items)
	s := Scores{N: n, GoldClusters: len(goldSet), PredClusters: len(predSet)}
	if n == 0 {
		return Scores{Pairwise: PRF{1, 1, 1}, BCubed: PRF{1, 1, 1}, ARI: 1}
	}
	// Rand pair counts: a together in both, b only in gold, c only in pred,
	// d apart in both.
	var a, b, c, d float64
	for i := range items {
		for j := i + 1; j < n; j++ {
			sg, sp := items[i].g == items[j].g, items[i].p == items[j].p
			switch {
			case sg && sp:
				a++
			case sg:
				b++
			case sp:
				c++
			default:
				d++
			}
		}
	}
	p, r := 1.0, 1.0
	if a+c > 0 {
		p = a / (a + c)
	}
	if a+b > 0 {
		r = a / (a + b)
	}
	s.Pairwise = prf(p, r)

	var bp, br float64
	for i := range items {
		var inG, inP, both float64
		for j := range items {
			sg, sp := items[i].g == items[j].g, items[i].p == items[j].p
			if sg {
				inG++
			}
			if sp {
				inP++
			}
			if sg && sp {
				both++
			}
		}
		bp += both / inP
		br += both / inG
	}
	s.BCubed = prf(bp/float64(n), br/float64(n))

	// ARI in its pair-count form (Hubert & Arabie 1985, eq. 5 as usually
	// restated): 2(ad − bc) / ((a+b)(b+d) + (a+c)(c+d)).
	den := (a+b)*(b+d) + (a+c)*(c+d)
	if den == 0 {
		s.ARI = 1
	} else {
		s.ARI = 2 * (a*d - b*c) / den
	}
	return s
}

// randomPair returns a random gold clustering of up to maxN articles and a
// prediction over most of its IDs plus some extra ones.
func randomPair(rng *rand.Rand, maxN int) (gold, pred Clustering) {
	n := rng.IntN(maxN + 1)
	gk := 1 + rng.IntN(n+1) // number of gold labels to draw from
	pk := 1 + rng.IntN(n+1)
	gold, pred = Clustering{}, Clustering{}
	missing := rng.Float64() * 0.3
	for i := range n {
		id := fmt.Sprintf("d%d", i)
		gold[id] = fmt.Sprintf("g%d", rng.IntN(gk))
		if rng.Float64() >= missing {
			pred[id] = fmt.Sprintf("p%d", rng.IntN(pk))
		}
	}
	for i := range rng.IntN(5) {
		pred[fmt.Sprintf("extra%d", i)] = fmt.Sprintf("p%d", rng.IntN(pk))
	}
	return gold, pred
}

func TestScoreMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 500 {
		gold, pred := randomPair(rng, 60)
		got, want := Score(gold, pred), naiveScore(gold, pred)
		t.Run(fmt.Sprintf("case%d_n%d", i, len(gold)), func(t *testing.T) {
			assertScores(t, want, got)
		})
		if t.Failed() {
			t.Logf("gold %v\npred %v", gold, pred)
			return
		}
	}
}

// rename returns c with every label replaced by a bijective renaming.
func rename(c Clustering) Clustering {
	out := make(Clustering, len(c))
	for id, l := range c {
		r := []rune(l)
		for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
			r[i], r[j] = r[j], r[i]
		}
		out[id] = "renamed/" + string(r)
	}
	return out
}

func TestScoreProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		gold, pred := randomPair(rng, 200)
		s := Score(gold, pred)

		// Renaming labels changes nothing, bit for bit.
		assert.Equal(t, s, Score(rename(gold), rename(pred)), "Score changed when labels were renamed")
		// Deterministic despite random map iteration.
		assert.Equal(t, s, Score(gold, pred), "Score is not deterministic")
		// A clustering scores perfectly against itself.
		self := Score(gold, gold)
		assert.Equal(t, 1.0, self.ARI, "Score(g, g).ARI = %v, want 1", self.ARI)
		assert.Equal(t, PRF{1, 1, 1}, self.Pairwise, "Score(g, g).Pairwise")
		assert.InDelta(t, 1.0, self.BCubed.F1, eps, "Score(g, g).BCubed.F1")
		assert.Equal(t, self, Score(gold, rename(gold)), "Score(g, renamed g) differs from Score(g, g)")

		// Swapping gold and prediction over the same IDs swaps precision
		// and recall and keeps ARI.
		shared := Clustering{}
		for id := range gold {
			if l, ok := pred[id]; ok {
				shared[id] = l
			}
		}
		g2 := Clustering{}
		for id := range shared {
			g2[id] = gold[id]
		}
		ab, ba := Score(g2, shared), Score(shared, g2)
		assert.InDelta(t, ab.Pairwise.Precision, ba.Pairwise.Recall, eps)
		assert.InDelta(t, ab.BCubed.Precision, ba.BCubed.Recall, eps)
		assert.InDelta(t, ab.ARI, ba.ARI, eps)

		for _, v := range []float64{s.Pairwise.Precision, s.Pairwise.Recall, s.Pairwise.F1,
			s.BCubed.Precision, s.BCubed.Recall, s.BCubed.F1} {
			assert.True(t, v >= 0 && v <= 1+eps, "score %v outside [0, 1]", v)
		}
		assert.LessOrEqual(t, s.ARI, 1+eps)
	}
}

// largePair returns a gold clustering of n articles in clusters of 1 to 8
// and a noisy prediction: most clusters kept, some split, some merged with
// the next one, a few IDs missing.
func largePair(n int, seed uint64) (gold, pred Clustering) {
	rng := rand.New(rand.NewPCG(seed, seed+1))
	gold, pred = make(Clustering, n), make(Clustering, n)
	c := 0
	for i := 0; i < n; {
		size := 1 + rng.IntN(8)
		for k := 0; k < size && i < n; k++ {
			id := fmt.Sprintf("article-%07d", i)
			gold[id] = fmt.Sprintf("story-%d", c)
			switch x := rng.Float64(); {
			case x < 0.02: // missing
			case x < 0.10:
				pred[id] = fmt.Sprintf("p-%d-%d", c, k) // split off
			case x < 0.15:
				pred[id] = fmt.Sprintf("p-%d", c+1) // merged with the next story
			default:
				pred[id] = fmt.Sprintf("p-%d", c)
			}
			i++
		}
		c++
	}
	return gold, pred
}

func BenchmarkScore(b *testing.B) {
	for _, docs := range []int{10_000, 1_000_000} {
		gold, pred := largePair(docs, 42)
		b.Run(fmt.Sprintf("docs=%d", docs), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Score(gold, pred)
			}
			b.ReportMetric(float64(docs)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

package eval

import (
	"maps"
	"slices"
)

// PRF holds a precision, a recall and their harmonic mean.
type PRF struct{ Precision, Recall, F1 float64 }

// Scores are the scores of a predicted clustering against a gold one; see
// the package documentation for the definitions and conventions.
type Scores struct {
	N                          int // articles scored (those in gold)
	GoldClusters, PredClusters int // clusters over the N articles; IDs missing from pred count as singletons
	Pairwise                   PRF
	BCubed                     PRF
	ARI                        float64 // adjusted Rand index (Hubert & Arabie 1985)
}

// Score scores pred against gold on gold's IDs only; IDs absent from pred
// count as singletons; IDs in pred but not in gold are ignored.
//
// It runs in O(N + cells) time, N = len(gold), with no loop over pairs.
func Score(gold, pred Clustering) Scores {
	t := newTable(gold, pred, false)
	s := Scores{N: t.n, GoldClusters: len(t.goldSize), PredClusters: len(t.predSize)}
	if t.n == 0 {
		s.Pairwise = PRF{1, 1, 1}
		s.BCubed = PRF{1, 1, 1}
		s.ARI = 1
		return s
	}

	var tp, goldPairs, predPairs int64
	goldSq := make([]int64, len(t.goldSize)) // Σ_j n_ij² per gold cluster i
	predSq := make([]int64, len(t.predSize)) // Σ_i n_ij² per predicted cluster j
	for _, c := range t.cells {
		tp += pairs(c.n)
		goldSq[c.g] += c.n * c.n
		predSq[c.p] += c.n * c.n
	}
	for _, a := range t.goldSize {
		goldPairs += pairs(a)
	}
	for _, b := range t.predSize {
		predPairs += pairs(b)
	}

	s.Pairwise = prf(ratio(tp, predPairs), ratio(tp, goldPairs))
	s.BCubed = prf(
		sumBySize(t.predSize, predSq)/float64(t.n),
		sumBySize(t.goldSize, goldSq)/float64(t.n),
	)
	s.ARI = ari(tp, goldPairs, predPairs, pairs(int64(t.n)))
	return s
}

// pairs returns C(x, 2), the number of unordered pairs among x items.
func pairs(x int64) int64 { return x * (x - 1) / 2 }

// ratio returns num/den, or 1 when den is 0 (no pairs claimed, none wrong).
func ratio(num, den int64) float64 {
	if den == 0 {
		return 1
	}
	return float64(num) / float64(den)
}

func prf(p, r float64) PRF {
	f := 0.0
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return PRF{Precision: p, Recall: r, F1: f}
}

// sumBySize returns Σ_k sq[k]/size[k]. The integer numerators are first
// summed exactly per cluster size and then divided in increasing order of
// size, so the result does not depend on the order of the clusters.
func sumBySize(size, sq []int64) float64 {
	bySize := make(map[int64]int64)
	for k, sz := range size {
		bySize[sz] += sq[k]
	}
	total := 0.0
	for _, sz := range slices.Sorted(maps.Keys(bySize)) {
		total += float64(bySize[sz]) / float64(sz)
	}
	return total
}

// ari returns the adjusted Rand index from the pair counts: tp pairs
// together in both, goldPairs and predPairs together in each, all pairs.
func ari(tp, goldPairs, predPairs, all int64) float64 {
	if (goldPairs == 0 && predPairs == 0) || (goldPairs == all && predPairs == all) {
		return 1 // both trivial and identical; M − E = 0
	}
	a, b := float64(goldPairs), float64(predPairs)
	expected := a * b / float64(all)
	maximum := (a + b) / 2
	return (float64(tp) - expected) / (maximum - expected)
}

// cell is one non-empty cell of the contingency table: n articles in gold
// cluster g and predicted cluster p.
type cell struct {
	g, p int32
	n    int64
}

// contingency is the contingency table of gold against pred over gold's IDs.
type contingency struct {
	n          int
	goldLabels []string // gold cluster index -> label
	predLabels []string // predicted cluster index -> label; "" for a missing ID
	predMiss   []bool   // predicted cluster index -> singleton for an ID absent from pred
	goldSize   []int64
	predSize   []int64
	cells      []cell

	// Per article, kept when asked for (for Errors).
	ids    []string
	gi, pi []int32
}

func newTable(gold, pred Clustering, keepIDs bool) *contingency {
	t := &contingency{n: len(gold)}
	gi := make([]int32, 0, len(gold))
	pi := make([]int32, 0, len(gold))
	if keepIDs {
		t.ids = make([]string, 0, len(gold))
	}
	// Size hints: news clusterings have a few articles per cluster, and a
	// map that need not grow is several times cheaper to fill.
	goldIdx := make(map[string]int32, len(gold)/4)
	predIdx := make(map[string]int32, len(gold)/4)
	for id, gl := range gold {
		g, ok := goldIdx[gl]
		if !ok {
			g = int32(len(t.goldLabels))
			goldIdx[gl] = g
			t.goldLabels = append(t.goldLabels, gl)
			t.goldSize = append(t.goldSize, 0)
		}
		pl, inPred := pred[id]
		p, ok := predIdx[pl]
		if !inPred || !ok {
			p = int32(len(t.predLabels))
			if inPred {
				predIdx[pl] = p
			} else {
				pl = ""
			}
			t.predLabels = append(t.predLabels, pl)
			t.predMiss = append(t.predMiss, !inPred)
			t.predSize = append(t.predSize, 0)
		}
		t.goldSize[g]++
		t.predSize[p]++
		gi = append(gi, g)
		pi = append(pi, p)
		if keepIDs {
			t.ids = append(t.ids, id)
		}
	}

	// Group articles by gold cluster (counting sort), then count the
	// predicted clusters within each group.
	start := make([]int32, len(t.goldSize)+1)
	for g, sz := range t.goldSize {
		start[g+1] = start[g] + int32(sz)
	}
	next := slices.Clone(start[:len(t.goldSize)])
	order := make([]int32, len(gi))
	for k, g := range gi {
		order[next[g]] = int32(k)
		next[g]++
	}
	count := make([]int64, len(t.predSize))
	mark := make([]int32, len(t.predSize)) // gold cluster index + 1 that last touched p
	var touched []int32
	for g := range t.goldSize {
		touched = touched[:0]
		for _, k := range order[start[g]:start[g+1]] {
			p := pi[k]
			if mark[p] != int32(g)+1 {
				mark[p] = int32(g) + 1
				count[p] = 0
				touched = append(touched, p)
			}
			count[p]++
		}
		for _, p := range touched {
			t.cells = append(t.cells, cell{g: int32(g), p: p, n: count[p]})
		}
	}
	if keepIDs {
		t.gi, t.pi = gi, pi
	}
	return t
}

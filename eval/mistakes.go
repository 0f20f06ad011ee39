package eval

import (
	"cmp"
	"slices"
)

// MissingLabel is the key under which [Errors] lists, in a [Split]'s Parts,
// the gold IDs that are absent from the prediction. Each of them is scored
// as a singleton of its own; they are listed together only for reading.
const MissingLabel = "(not in prediction)"

// Merge is a predicted cluster that joins articles of several gold clusters.
type Merge struct {
	Pred       string              // predicted cluster label
	WrongPairs int                 // pairs it puts together that the gold keeps apart
	Parts      map[string][]string // gold label -> ids (sorted)
}

// Split is a gold cluster whose articles the prediction spreads across
// several clusters.
type Split struct {
	Gold        string              // gold cluster label
	MissedPairs int                 // gold pairs the prediction keeps apart
	Parts       map[string][]string // pred label (or MissingLabel) -> ids (sorted)
}

// Errors lists the worst merges (predicted clusters that join several gold
// clusters, ranked by the number of wrong pairs they create) and worst
// splits (gold clusters spread across several predicted clusters, ranked by
// missed pairs), each with member IDs grouped by the other side's label, at
// most n of each. Ties are broken by label. Like [Score], it considers
// gold's IDs only.
//
// WrongPairs summed over all merges is the pairwise false positive count
// Σ_j C(b_j) − TP, and MissedPairs summed over all splits the false
// negative count Σ_i C(a_i) − TP.
func Errors(gold, pred Clustering, n int) ([]Merge, []Split) {
	merges, splits, _, _ := mistakes(gold, pred, n)
	return merges, splits
}

// mistakes is [Errors] with the number of all merges and splits, of which
// it lists the n worst.
func mistakes(gold, pred Clustering, n int) (_ []Merge, _ []Split, allMerges, allSplits int) {
	if len(gold) == 0 {
		return nil, nil, 0, 0
	}
	t := newTable(gold, pred, true)

	wrong := make([]int64, len(t.predSize))  // C(b_j) − Σ_i C(n_ij)
	missed := make([]int64, len(t.goldSize)) // C(a_i) − Σ_j C(n_ij)
	for j, b := range t.predSize {
		wrong[j] = pairs(b)
	}
	for i, a := range t.goldSize {
		missed[i] = pairs(a)
	}
	for _, c := range t.cells {
		wrong[c.p] -= pairs(c.n)
		missed[c.g] -= pairs(c.n)
	}

	topMerges, allMerges := worst(wrong, t.predLabels, n)
	topSplits, allSplits := worst(missed, t.goldLabels, n)
	if n <= 0 {
		return nil, nil, allMerges, allSplits
	}

	merges := make([]Merge, len(topMerges))
	mergeAt := make(map[int32]int, len(topMerges)) // pred index -> position in merges
	for k, j := range topMerges {
		merges[k] = Merge{Pred: t.predLabels[j], WrongPairs: int(wrong[j]), Parts: make(map[string][]string)}
		mergeAt[j] = k
	}
	splits := make([]Split, len(topSplits))
	splitAt := make(map[int32]int, len(topSplits)) // gold index -> position in splits
	for k, i := range topSplits {
		splits[k] = Split{Gold: t.goldLabels[i], MissedPairs: int(missed[i]), Parts: make(map[string][]string)}
		splitAt[i] = k
	}
	for k, id := range t.ids {
		g, p := t.gi[k], t.pi[k]
		if m, ok := mergeAt[p]; ok {
			gl := t.goldLabels[g]
			merges[m].Parts[gl] = append(merges[m].Parts[gl], id)
		}
		if s, ok := splitAt[g]; ok {
			pl := t.predLabels[p]
			if t.predMiss[p] {
				pl = MissingLabel
			}
			splits[s].Parts[pl] = append(splits[s].Parts[pl], id)
		}
	}
	for _, m := range merges {
		for _, ids := range m.Parts {
			slices.Sort(ids)
		}
	}
	for _, s := range splits {
		for _, ids := range s.Parts {
			slices.Sort(ids)
		}
	}
	return merges, splits, allMerges, allSplits
}

// worst returns the indexes of the at most n clusters with the largest
// positive cost, largest first, ties by label, and the number of clusters
// with a positive cost.
func worst(cost []int64, labels []string, n int) ([]int32, int) {
	var idx []int32
	for k, c := range cost {
		if c > 0 {
			idx = append(idx, int32(k))
		}
	}
	slices.SortFunc(idx, func(a, b int32) int {
		if c := cmp.Compare(cost[b], cost[a]); c != 0 {
			return c
		}
		return cmp.Compare(labels[a], labels[b])
	})
	return idx[:max(0, min(n, len(idx)))], len(idx)
}

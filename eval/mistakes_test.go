package eval

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestErrors(t *testing.T) {
	gold := Clustering{
		"a1": "A", "a2": "A", "a3": "A",
		"b1": "B", "b2": "B",
		"c1": "C", "c2": "C", "c3": "C", "c4": "C",
		"d1": "D",
	}
	pred := Clustering{
		"a1": "p1", "a2": "p1", "a3": "p1", "b1": "p1", "b2": "p1", // A+B merged: 3·2 = 6 wrong pairs
		"c1": "p2", "c2": "p2", "d1": "p2", // C part + D merged: 2 wrong pairs
		"c3": "p3", // c4 missing; C split 2+1+1: 6−1 = 5 missed pairs
		"x9": "p1", // not in gold: ignored
	}
	merges, splits := Errors(gold, pred, 10)
	assert.Equal(t, []Merge{
		{Pred: "p1", WrongPairs: 6, Parts: map[string][]string{"A": {"a1", "a2", "a3"}, "B": {"b1", "b2"}}},
		{Pred: "p2", WrongPairs: 2, Parts: map[string][]string{"C": {"c1", "c2"}, "D": {"d1"}}},
	}, merges)
	assert.Equal(t, []Split{
		{Gold: "C", MissedPairs: 5, Parts: map[string][]string{"p2": {"c1", "c2"}, "p3": {"c3"}, MissingLabel: {"c4"}}},
	}, splits)

	// At most n of each.
	merges, splits = Errors(gold, pred, 1)
	require.Len(t, merges, 1)
	assert.Equal(t, "p1", merges[0].Pred)
	assert.Len(t, splits, 1)

	merges, splits = Errors(gold, pred, 0)
	assert.Nil(t, merges)
	assert.Nil(t, splits)

	// A perfect prediction has no errors.
	merges, splits = Errors(gold, gold, 5)
	assert.Empty(t, merges)
	assert.Empty(t, splits)
}

func TestErrorsTiesByLabel(t *testing.T) {
	gold := Clustering{"1": "A", "2": "B", "3": "C", "4": "D", "5": "E", "6": "E", "7": "F", "8": "F"}
	pred := Clustering{"1": "z", "2": "z", "3": "m", "4": "m", "5": "b", "7": "a"}
	merges, splits := Errors(gold, pred, 10)
	var ml, sl []string
	for _, m := range merges {
		ml = append(ml, m.Pred)
	}
	for _, s := range splits {
		sl = append(sl, s.Gold)
	}
	assert.Equal(t, []string{"m", "z"}, ml, "merges with 1 wrong pair each, by label")
	assert.Equal(t, []string{"E", "F"}, sl, "splits with 1 missed pair each, by label")
}

// TestErrorsMatchesNaive checks Errors against pair counts computed per
// cluster from the definitions, and that the wrong and missed pairs add up
// to the pairwise false positives and false negatives.
func TestErrorsMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 300 {
		gold, pred := randomPair(rng, 50)
		merges, splits := Errors(gold, pred, len(gold)+1)

		type ranked struct {
			label string
			cost  int
		}
		var wantM, wantS []ranked
		byPred := map[string][]string{}
		byGold := map[string][]string{}
		for id, g := range gold {
			byGold[g] = append(byGold[g], id)
			if p, ok := pred[id]; ok {
				byPred[p] = append(byPred[p], id)
			}
		}
		for p, ids := range byPred {
			wrong := 0
			for i := range ids {
				for j := i + 1; j < len(ids); j++ {
					if gold[ids[i]] != gold[ids[j]] {
						wrong++
					}
				}
			}
			if wrong > 0 {
				wantM = append(wantM, ranked{p, wrong})
			}
		}
		for g, ids := range byGold {
			missed := 0
			for i := range ids {
				for j := i + 1; j < len(ids); j++ {
					pi, iok := pred[ids[i]]
					pj, jok := pred[ids[j]]
					if !iok || !jok || pi != pj {
						missed++
					}
				}
			}
			if missed > 0 {
				wantS = append(wantS, ranked{g, missed})
			}
		}
		order := func(a, b ranked) int {
			if c := cmp.Compare(b.cost, a.cost); c != 0 {
				return c
			}
			return strings.Compare(a.label, b.label)
		}
		slices.SortFunc(wantM, order)
		slices.SortFunc(wantS, order)

		var gotM, gotS []ranked
		for _, m := range merges {
			gotM = append(gotM, ranked{m.Pred, m.WrongPairs})
			n := 0
			for g, ids := range m.Parts {
				n += len(ids)
				assert.True(t, slices.IsSorted(ids))
				for _, id := range ids {
					assert.Equal(t, g, gold[id])
					assert.Equal(t, m.Pred, pred[id])
				}
			}
			assert.Equal(t, len(byPred[m.Pred]), n)
		}
		for _, s := range splits {
			gotS = append(gotS, ranked{s.Gold, s.MissedPairs})
			n := 0
			for _, ids := range s.Parts {
				n += len(ids)
			}
			assert.Equal(t, len(byGold[s.Gold]), n)
		}
		require.Equal(t, wantM, gotM, "Errors merges")
		require.Equal(t, wantS, gotS, "Errors splits")
	}
}

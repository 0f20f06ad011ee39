package dedup

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/index"
)

// nestedGroups assigns ids (sorted) to random nested groups, each
// labelled by its first member as a run labels them.
func nestedGroups(rng *rand.Rand, ids []string) []index.Assignment {
	as := make([]index.Assignment, len(ids))
	var split func(l cluster.Level, members []int)
	split = func(l cluster.Level, members []int) {
		var groups [][]int
		for _, m := range members {
			if k := rng.IntN(len(groups) + 1); k < len(groups) && rng.IntN(3) > 0 {
				groups[k] = append(groups[k], m)
			} else {
				groups = append(groups, []int{m})
			}
		}
		for _, g := range groups {
			lab := cluster.GroupID(l, ids[g[0]])
			for _, m := range g {
				as[m].ID = ids[m]
				switch l {
				case cluster.Story:
					as[m].Story = lab
				case cluster.Rewrite:
					as[m].Rewrite = lab
				default:
					as[m].Copy = lab
				}
			}
			if l > cluster.Copy {
				split(l-1, g)
			}
		}
	}
	split(cluster.Story, slices.Collect(func(yield func(int) bool) {
		for i := range ids {
			if !yield(i) {
				return
			}
		}
	}))
	return as
}

// TestMovedReadsOnlyTheRegrouped: moved, which reads the old groups of
// the regrouped articles alone, counts what a pass over every old group
// counts, for runs that regroup whole old story groups with new
// articles, as incremental and full runs do.
func TestMovedReadsOnlyTheRegrouped(t *testing.T) {
	for seed := range uint64(40) {
		rng := rand.New(rand.NewPCG(seed, 3))
		var ids []string
		for i := range 20 + rng.IntN(40) {
			ids = append(ids, fmt.Sprintf("a%03d", i))
		}
		sc, err := DefaultScheme()
		require.NoError(t, err)
		ix, err := index.Open(filepath.Join(t.TempDir(), "x.index"), index.Options{Create: true, Meta: sc.Meta()})
		require.NoError(t, err)
		old := nestedGroups(rng, ids)
		require.NoError(t, ix.WriteGroups(old))
		g, err := ix.Grouping()
		require.NoError(t, err)
		ix.Close()

		// Regroup some old story groups whole (all of them, at times),
		// with some new articles.
		stories := map[string]bool{}
		for _, a := range old {
			stories[a.Story] = true
		}
		var re []string
		for _, s := range slices.Sorted(maps.Keys(stories)) {
			if seed%5 == 0 || rng.IntN(3) == 0 {
				ms := g.MembersOf(cluster.Story, []string{s})[s]
				re = append(re, ms...)
			}
		}
		for i := range rng.IntN(5) {
			re = append(re, fmt.Sprintf("n%03d", i))
		}
		slices.Sort(re)
		if len(re) == 0 {
			continue
		}
		as := nestedGroups(rng, re)
		if rng.IntN(4) == 0 { // a run that moves nothing
			for i, a := range as {
				if o, ok := g.Assignment(a.ID); ok {
					as[i] = o
				}
			}
		}

		var want [3]int
		for l := cluster.Copy; l <= cluster.Story; l++ {
			now := map[string][]string{}
			for _, a := range as {
				now[a.Label(l)] = append(now[a.Label(l)], a.ID)
			}
			was := g.MembersOf(l, slices.Collect(maps.Keys(now)))
			for lab, ms := range now {
				if !slices.Equal(was[lab], ms) {
					want[l]++
				}
			}
		}
		require.Equal(t, want, moved(g, as), "seed %d", seed)
	}
}

package cluster

import (
	"container/heap"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// matrixSim returns a SimFunc over a symmetric matrix.
func matrixSim(m [][]float64) SimFunc {
	return func(i, j int) float64 { return m[i][j] }
}

func blocks(n int, sizes []int, in, out float64) [][]float64 {
	m := make([][]float64, n)
	block := make([]int, n)
	k := 0
	for b, s := range sizes {
		for range s {
			block[k] = b
			k++
		}
	}
	for i := range m {
		m[i] = make([]float64, n)
		for j := range m[i] {
			if block[i] == block[j] {
				m[i][j] = in
			} else {
				m[i][j] = out
			}
		}
	}
	return m
}

func allEdges(n int) []Edge {
	var es []Edge
	for i := range n {
		for j := i + 1; j < n; j++ {
			es = append(es, Edge{int32(i), int32(j)})
		}
	}
	return es
}

func TestAverageLinkBlocks(t *testing.T) {
	m := blocks(7, []int{3, 2, 2}, 0.8, 0.1)
	got := AverageLink(7, nil, allEdges(7), matrixSim(m), 0.5, 1000)
	assert.Equal(t, []int{0, 0, 0, 3, 3, 5, 5}, got)
	// Below every similarity nothing stays apart; above none, nothing joins.
	assert.Equal(t, []int{0, 0, 0, 0, 0, 0, 0}, AverageLink(7, nil, allEdges(7), matrixSim(m), 0.05, 1000))
	assert.Equal(t, []int{0, 1, 2, 3, 4, 5, 6}, AverageLink(7, nil, allEdges(7), matrixSim(m), 0.9, 1000))
}

// TestAverageLinkNoChaining: one article close to two stories must not
// chain them together, as single link (connected components) would.
func TestAverageLinkNoChaining(t *testing.T) {
	// 0-2 story A, 3-5 story B, 6 bridges: close to all of both.
	m := blocks(7, []int{3, 3, 1}, 0.8, 0.05)
	for i := range 6 {
		m[i][6], m[6][i] = 0.7, 0.7
	}
	got := AverageLink(7, nil, allEdges(7), matrixSim(m), 0.5, 1000)
	assert.NotEqual(t, got[0], got[3], "stories chained through the bridge: %v", got)
	assert.Equal(t, got[0], got[1])
	assert.Equal(t, got[3], got[4])
}

// TestAverageLinkScoresNonCandidates: the average covers all cross pairs,
// not only candidate edges.
func TestAverageLinkScoresNonCandidates(t *testing.T) {
	m := blocks(4, []int{4}, 0.9, 0)
	m[0][3], m[3][0] = 0, 0 // an unrelated pair
	m[1][3], m[3][1] = 0, 0
	m[2][3], m[3][2] = 0, 0
	m[2][3], m[3][2] = 0.6, 0.6
	// Only 2-3 is a candidate between {0,1,2} and {3}: its 0.6 alone would
	// merge; the true average (0+0+0.6)/3 = 0.2 must not.
	edges := []Edge{{0, 1}, {0, 2}, {1, 2}, {2, 3}}
	got := AverageLink(4, nil, edges, matrixSim(m), 0.5, 1000)
	assert.Equal(t, []int{0, 0, 0, 3}, got)
}

func TestAverageLinkStartsFromPartition(t *testing.T) {
	m := blocks(4, []int{4}, 0.1, 0)
	got := AverageLink(4, []int{7, 7, 9, 9}, allEdges(4), matrixSim(m), 0.5, 1000)
	assert.Equal(t, []int{0, 0, 2, 2}, got, "the starting groups stay together")
}

// TestAverageLinkDeterministic: the same labels whatever the edge order.
func TestAverageLinkDeterministic(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for trial := range 20 {
		n := 30
		m := make([][]float64, n)
		for i := range m {
			m[i] = make([]float64, n)
		}
		for i := range n {
			for j := i + 1; j < n; j++ {
				v := float64(r.IntN(10)) / 10 // ties on purpose
				m[i][j], m[j][i] = v, v
			}
		}
		edges := allEdges(n)
		want := AverageLink(n, nil, edges, matrixSim(m), 0.45, 1000)
		for range 3 {
			r.Shuffle(len(edges), func(i, j int) { edges[i], edges[j] = edges[j], edges[i] })
			require.Equal(t, want, AverageLink(n, nil, edges, matrixSim(m), 0.45, 1000), "trial %d", trial)
		}
		// Labels are the smallest member of their cluster.
		for i, l := range want {
			require.LessOrEqual(t, l, i)
			require.Equal(t, l, want[l])
		}
	}
}

// Dropping the stale candidates from the heap changes no merge: with the
// heap compacted after every merge the labels are those of a heap never
// compacted, on sparse and dense candidate graphs, with ties.
func TestAverageLinkCompaction(t *testing.T) {
	defer func(m int) { compactMin = m }(compactMin)
	r := rand.New(rand.NewPCG(5, 6))
	for trial := range 30 {
		n := 20 + r.IntN(60)
		m := make([][]float64, n)
		for i := range m {
			m[i] = make([]float64, n)
		}
		var edges []Edge
		for i := range n {
			for j := i + 1; j < n; j++ {
				v := float64(r.IntN(10)) / 10
				m[i][j], m[j][i] = v, v
				if trial%2 == 0 || r.IntN(4) == 0 {
					edges = append(edges, Edge{int32(i), int32(j)})
				}
			}
		}
		compactMin = 1 << 62
		want := AverageLink(n, nil, edges, matrixSim(m), 0.35, 1000)
		compactMin = 0
		got := AverageLink(n, nil, edges, matrixSim(m), 0.35, 1000)
		require.Equal(t, want, got, "trial %d", trial)
	}
}

// The count of live candidate pairs the compaction relies on is the
// number of neighbouring cluster pairs, merge after merge.
func TestAggloPairsCount(t *testing.T) {
	n := 40
	r := rand.New(rand.NewPCG(7, 8))
	m := make([][]float64, n)
	for i := range m {
		m[i] = make([]float64, n)
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			v := r.Float64()
			m[i][j], m[j][i] = v, v
		}
	}
	a := &agglo{sim: matrixSim(m), exactBudget: 1000, members: make([][]int32, n), label: make([]int32, n), adj: make([]map[int32]float64, n)}
	for i := range n {
		a.label[i], a.members[i] = int32(i), []int32{int32(i)}
	}
	for _, e := range allEdges(n) {
		if r.IntN(3) == 0 {
			s, _ := a.crossSum(e.I, e.J)
			a.setAdj(e.I, e.J, s)
			a.push(e.I, e.J)
		}
	}
	count := func() int {
		k := 0
		for _, nb := range a.adj {
			k += len(nb)
		}
		return k / 2
	}
	require.Equal(t, count(), a.pairs)
	for a.h.Len() > 0 {
		c := heap.Pop(&a.h).(cand)
		if a.stale(c) {
			continue
		}
		a.merge(c.x, c.y)
		require.Equal(t, count(), a.pairs)
	}
}

package similarity

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mutate returns a copy of base with each element replaced by a fresh one
// with probability p.
func mutate(r *rand.Rand, base []uint64, p float64) []uint64 {
	out := slices.Clone(base)
	for i := range out {
		if r.Float64() < p {
			out[i] = r.Uint64()
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// corpusSigs returns the signatures of a synthetic corpus: families of
// rewrites of random base sets at assorted similarities, and one large
// family of exact copies that makes oversized buckets.
func corpusSigs(t *testing.T, m *MinHasher, seed uint64) []Signature {
	r := rand.New(rand.NewPCG(seed, 99))
	var sigs []Signature
	for range 80 {
		base := randomSet(r, 50+r.IntN(300))
		sigs = append(sigs, m.Sign(base))
		for range r.IntN(5) {
			sigs = append(sigs, m.Sign(mutate(r, base, 0.6*r.Float64())))
		}
	}
	copies := m.Sign(randomSet(r, 100))
	for range 25 {
		sigs = append(sigs, copies)
	}
	r.Shuffle(len(sigs), func(i, j int) { sigs[i], sigs[j] = sigs[j], sigs[i] })
	return sigs
}

// bruteForcePairs returns the pairs a < b sharing a band key in a bucket of
// at most maxBucket ids (0: any), and the number of larger buckets.
func bruteForcePairs(b Bands, sigs []Signature, maxBucket int) (map[[2]int32]bool, int) {
	keys := make([][]uint64, len(sigs))
	for i, s := range sigs {
		keys[i] = b.AppendKeys(nil, s)
	}
	pairs := map[[2]int32]bool{}
	skipped := 0
	for j := range b.B {
		size := map[uint64]int{}
		for i := range sigs {
			size[keys[i][j]]++
		}
		for _, n := range size {
			if maxBucket > 0 && n > maxBucket {
				skipped++
			}
		}
		for x := range sigs {
			for y := x + 1; y < len(sigs); y++ {
				k := keys[x][j]
				if k == keys[y][j] && (maxBucket == 0 || size[k] <= maxBucket) {
					pairs[[2]int32{int32(x), int32(y)}] = true
				}
			}
		}
	}
	return pairs, skipped
}

func collectPairs(l *LSH, maxBucket int) [][2]int32 {
	var out [][2]int32
	l.Pairs(maxBucket, func(a, b int32) { out = append(out, [2]int32{a, b}) })
	return out
}

func TestLSHPairsBruteForce(t *testing.T) {
	m, _ := NewMinHasher(DefaultNumHashes, DefaultSeed)
	b, err := OptimalBands(0.5, DefaultNumHashes, 0.5, 0.5)
	require.NoError(t, err)
	sigs := corpusSigs(t, m, 1)
	l := NewLSH(b)
	for i, s := range sigs {
		l.Add(int32(i), s)
	}
	l.Build()
	require.Equal(t, len(sigs), l.Len())
	for _, maxBucket := range []int{0, 10, 30, 2} {
		got := collectPairs(l, maxBucket)
		want, wantSkipped := bruteForcePairs(b, sigs, maxBucket)
		seen := map[[2]int32]bool{}
		for _, p := range got {
			require.Less(t, p[0], p[1], "Pairs(%d) gave %v, want a < b", maxBucket, p)
			require.False(t, seen[p], "Pairs(%d) gave %v twice", maxBucket, p)
			seen[p] = true
		}
		assert.Equal(t, want, seen, "Pairs(%d) differs from brute force", maxBucket)
		assert.Equal(t, wantSkipped, l.SkippedBuckets(), "SkippedBuckets after Pairs(%d)", maxBucket)
		if maxBucket == 0 {
			assert.Greater(t, len(got), 25*24/2, "the copies alone make 300 pairs")
		}
		if maxBucket == 10 {
			assert.Positive(t, l.SkippedBuckets(), "the 25 copies make oversized buckets")
		}
	}
}

func TestLSHDeterministic(t *testing.T) {
	m, _ := NewMinHasher(DefaultNumHashes, DefaultSeed)
	b, _ := OptimalBands(0.6, DefaultNumHashes, 0.5, 0.5)
	sigs := corpusSigs(t, m, 2)
	build := func(order []int) *LSH {
		l := NewLSH(b)
		for _, i := range order {
			l.Add(int32(i), sigs[i])
		}
		l.Build()
		return l
	}
	order := make([]int, len(sigs))
	for i := range order {
		order[i] = i
	}
	l1 := build(order)
	r := rand.New(rand.NewPCG(3, 3))
	r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	l2 := build(order)
	slices.Reverse(order)
	l3 := build(order)
	for _, maxBucket := range []int{0, 10} {
		p1 := collectPairs(l1, maxBucket)
		require.NotEmpty(t, p1)
		assert.Equal(t, p1, collectPairs(l2, maxBucket), "Pairs(%d) depends on Add order", maxBucket)
		assert.Equal(t, p1, collectPairs(l3, maxBucket), "Pairs(%d) depends on Add order", maxBucket)
	}
	for i := 0; i < len(sigs); i += 7 {
		var q1, q2 []int32
		l1.Query(sigs[i], func(id int32) { q1 = append(q1, id) })
		l2.Query(sigs[i], func(id int32) { q2 = append(q2, id) })
		assert.Equal(t, q1, q2)
	}
}

func TestLSHQuery(t *testing.T) {
	m, _ := NewMinHasher(DefaultNumHashes, DefaultSeed)
	b, _ := OptimalBands(0.5, DefaultNumHashes, 0.5, 0.5)
	sigs := corpusSigs(t, m, 4)
	l := NewLSH(b)
	for i, s := range sigs[1:] { // sigs[0] only queried
		l.Add(int32(i+1), s)
	}
	l.Build()
	for _, q := range sigs[:40] {
		qk := b.AppendKeys(nil, q)
		var want []int32
		for i := 1; i < len(sigs); i++ {
			k := b.AppendKeys(nil, sigs[i])
			for j := range qk {
				if qk[j] == k[j] {
					want = append(want, int32(i))
					break
				}
			}
		}
		var got []int32
		l.Query(q, func(id int32) { got = append(got, id) })
		assert.Equal(t, want, got)
	}
}

func TestLSHRejects(t *testing.T) {
	m, _ := NewMinHasher(64, 1)
	b := Bands{B: 8, R: 8}
	l := NewLSH(b)
	sig := m.Sign([]uint64{1, 2, 3})
	l.Add(-1, sig)
	l.Add(0, sig[:63])
	l.Add(1, m.Sign(nil))
	assert.Equal(t, 3, l.Rejected())
	assert.Equal(t, 0, l.Len())
	l.Add(5, sig)
	l.Add(2, sig)
	l.Add(2, sig) // again: replaces
	assert.Equal(t, 2, l.Len())
	assert.Equal(t, [][2]int32{{2, 5}}, collectPairs(l, 0)) // Pairs builds
	var got []int32
	l.Query(sig, func(id int32) { got = append(got, id) })
	assert.Equal(t, []int32{2, 5}, got)
	l.Query(sig[:10], func(id int32) { t.Errorf("short query matched %d", id) })
	l.Query(m.Sign(nil), func(id int32) { t.Errorf("empty query matched %d", id) })
	// A zero Bands table accepts nothing useful but does not panic.
	z := NewLSH(Bands{})
	z.Add(0, sig)
	z.Build()
	assert.Empty(t, collectPairs(z, 0))
}

// TestLSHCandidateRate checks that pairs become candidates at the rate
// Bands.Probability predicts from their exact Jaccard similarity.
func TestLSHCandidateRate(t *testing.T) {
	const n = DefaultNumHashes
	m, _ := NewMinHasher(n, DefaultSeed)
	for _, th := range []float64{0.5, 0.8} {
		b, err := OptimalBands(th, n, 0.5, 0.5)
		require.NoError(t, err)
		r := rand.New(rand.NewPCG(uint64(th*100), 5))
		for _, band := range [][2]float64{{th - 0.15, th - 0.05}, {th - 0.05, th + 0.05}, {th + 0.05, th + 0.15}} {
			const pairs = 400
			l := NewLSH(b)
			expected := 0.0
			for i := range pairs {
				j := band[0] + (band[1]-band[0])*r.Float64()
				x, y := randomPair(r, 300+r.IntN(700), j)
				expected += b.Probability(Jaccard(x, y))
				l.Add(int32(2*i), m.Sign(x))
				l.Add(int32(2*i+1), m.Sign(y))
			}
			expected /= pairs
			found := 0
			l.Pairs(0, func(a, c int32) {
				if a%2 == 0 && c == a+1 {
					found++
				}
			})
			rate := float64(found) / pairs
			tol := 4*math.Sqrt(expected*(1-expected)/pairs) + 0.03
			t.Logf("threshold %v, J in [%.2f, %.2f]: candidate rate %.3f, predicted %.3f", th, band[0], band[1], rate, expected)
			assert.InDelta(t, expected, rate, tol, "threshold %v, J in %v: candidate rate %v, want %v±%v", th, band, rate, expected, tol)
		}
	}
}

func BenchmarkLSH(b *testing.B) {
	m, _ := NewMinHasher(DefaultNumHashes, DefaultSeed)
	bands, _ := OptimalBands(0.5, DefaultNumHashes, 0.5, 0.5)
	for _, docs := range []int{10000, 100000} {
		r := rand.New(rand.NewPCG(1, 2))
		// Families of four rewrites of a 300-shingle base.
		sigs := make([]Signature, docs)
		var base []uint64
		for i := range sigs {
			if i%4 == 0 {
				base = randomSet(r, 300)
			}
			sigs[i] = m.Sign(mutate(r, base, 0.3*r.Float64()))
		}
		b.Run(fmt.Sprintf("docs=%d", docs), func(b *testing.B) {
			b.ReportAllocs()
			pairs := 0
			for b.Loop() {
				l := NewLSH(bands)
				l.Grow(docs)
				for i, s := range sigs {
					l.Add(int32(i), s)
				}
				l.Build()
				pairs = 0
				l.Pairs(100, func(a, b int32) { pairs++ })
			}
			b.ReportMetric(float64(pairs), "candidates/op")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(docs), "ns/doc")
		})
	}
}

// Oversized lists exactly the buckets Pairs leaves out, with their ids.
func TestLSHOversized(t *testing.T) {
	b := Bands{B: 4, R: 2}
	l := NewLSH(b)
	same := Signature{1, 2, 3, 4, 5, 6, 7, 8}
	for i := range 30 {
		l.Add(int32(i), same)
	}
	l.Add(30, Signature{9, 10, 11, 12, 13, 14, 15, 16})
	var runs [][]int32
	l.Oversized(10, func(band int, run []int32) {
		runs = append(runs, append([]int32(nil), run...))
	})
	require.Len(t, runs, 4, "one bucket of 30 per band")
	for _, r := range runs {
		require.Len(t, r, 30)
		assert.Equal(t, int32(0), r[0])
		assert.Equal(t, int32(29), r[29])
	}
	n := 0
	l.Pairs(10, func(a, b int32) { n++ })
	assert.Zero(t, n)
	assert.Equal(t, 4, l.SkippedBuckets())
	l.Oversized(0, func(int, []int32) { t.Fatal("no cap, no oversized bucket") })
}

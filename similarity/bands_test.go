package similarity

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// halfPoint returns the Jaccard similarity at which Probability is 1/2.
func halfPoint(b Bands) float64 {
	return math.Pow(1-math.Pow(0.5, 1/float64(b.B)), 1/float64(b.R))
}

func TestOptimalBands(t *testing.T) {
	tests := []struct {
		threshold float64
		n         int
		tol       float64 // allowed |half point - threshold|
	}{
		// Equal weights put the half point a little below the threshold
		// at low thresholds, where the false-negative area is larger.
		{0.5, 128, 0.03},
		{0.8, 128, 0.03},
		{0.2, 128, 0.05},
		{0.05, 128, 0.04},
		{0.9, 128, 0.03},
		{0.5, 256, 0.02},
		{0.8, 64, 0.04},
	}
	for _, tt := range tests {
		b, err := OptimalBands(tt.threshold, tt.n, 0.5, 0.5)
		require.NoError(t, err)
		assert.LessOrEqual(t, b.B*b.R, tt.n, "OptimalBands(%v, %d) = %+v: B*R > n", tt.threshold, tt.n, b)
		assert.Equal(t, tt.threshold, b.Threshold)
		h := halfPoint(b)
		assert.InDelta(t, tt.threshold, h, tt.tol, "OptimalBands(%v, %d) = %+v: half point %v, want %v±%v", tt.threshold, tt.n, b, h, tt.threshold, tt.tol)
		assert.InDelta(t, 0.5, b.Probability(h), 1e-9)
		// The reported error areas match an independent integration.
		assert.InDelta(t, midpoint(b.Probability, 0, tt.threshold), b.FalsePositive, 1e-5)
		assert.InDelta(t, midpoint(func(s float64) float64 { return 1 - b.Probability(s) }, tt.threshold, 1), b.FalseNegative, 1e-5)
		assert.Less(t, b.FalsePositive+b.FalseNegative, 0.1)
	}
}

// midpoint integrates f over [lo, hi] by the midpoint rule with many steps.
func midpoint(f func(float64) float64, lo, hi float64) float64 {
	const n = 20000
	h := (hi - lo) / n
	sum := 0.0
	for i := range n {
		sum += f(lo + (float64(i)+0.5)*h)
	}
	return sum * h
}

// TestOptimalBandsExhaustive checks the choice against a brute-force search
// with a different integration rule.
func TestOptimalBandsExhaustive(t *testing.T) {
	for _, th := range []float64{0.1, 0.3, 0.5, 0.7, 0.85} {
		for _, w := range [][2]float64{{0.5, 0.5}, {0.2, 0.8}, {0.9, 0.1}} {
			const n = 24
			got, err := OptimalBands(th, n, w[0], w[1])
			require.NoError(t, err)
			cost := func(b Bands) float64 {
				fp := midpoint(b.Probability, 0, th)
				fn := midpoint(func(s float64) float64 { return 1 - b.Probability(s) }, th, 1)
				return w[0]*fp + w[1]*fn
			}
			best := math.Inf(1)
			for b := 1; b <= n; b++ {
				for r := 1; b*r <= n; r++ {
					best = min(best, cost(Bands{B: b, R: r}))
				}
			}
			assert.InDelta(t, best, cost(got), 1e-6, "OptimalBands(%v, %d, %v) = %+v is not optimal", th, n, w, got)
		}
	}
}

// TestOptimalBandsDocumented pins the figures quoted in the package comment.
func TestOptimalBandsDocumented(t *testing.T) {
	for _, tt := range []struct {
		threshold float64
		b, r      int
	}{{0.5, 25, 5}, {0.8, 9, 13}} {
		got, err := OptimalBands(tt.threshold, 128, 0.5, 0.5)
		require.NoError(t, err)
		assert.Equal(t, [2]int{tt.b, tt.r}, [2]int{got.B, got.R}, "OptimalBands(%v, 128, 0.5, 0.5)", tt.threshold)
	}
	low, _ := OptimalBands(0.2, 128, 0.5, 0.5)
	assert.InDelta(t, 0.16, halfPoint(low), 0.005)
}

func TestOptimalBandsWeights(t *testing.T) {
	recall, err := OptimalBands(0.5, 128, 0.1, 0.9)
	require.NoError(t, err)
	precise, err := OptimalBands(0.5, 128, 0.9, 0.1)
	require.NoError(t, err)
	assert.Less(t, halfPoint(recall), halfPoint(precise))
	assert.Less(t, recall.FalseNegative, precise.FalseNegative)
	assert.Greater(t, recall.FalsePositive, precise.FalsePositive)
	// Weights are normalized.
	a, _ := OptimalBands(0.5, 128, 1, 1)
	b, _ := OptimalBands(0.5, 128, 0.5, 0.5)
	assert.Equal(t, a, b)
}

func TestOptimalBandsErrors(t *testing.T) {
	tests := []struct {
		threshold float64
		n         int
		fp, fn    float64
	}{
		{0, 128, 0.5, 0.5},
		{1, 128, 0.5, 0.5},
		{math.NaN(), 128, 0.5, 0.5},
		{0.5, 0, 0.5, 0.5},
		{0.5, MaxNumHashes + 1, 0.5, 0.5},
		{0.5, 128, -1, 0.5},
		{0.5, 128, 0, 0},
		{0.5, 128, math.Inf(1), 0.5},
		{0.5, 128, math.NaN(), 0.5},
	}
	for _, tt := range tests {
		_, err := OptimalBands(tt.threshold, tt.n, tt.fp, tt.fn)
		assert.ErrorIs(t, err, ErrInvalidParameter, "OptimalBands(%v, %d, %v, %v)", tt.threshold, tt.n, tt.fp, tt.fn)
	}
}

func TestProbability(t *testing.T) {
	b := Bands{B: 20, R: 5}
	tests := []struct{ s, want float64 }{
		{0, 0},
		{-1, 0},
		{1, 1},
		{2, 1},
		{0.5, 1 - math.Pow(1-math.Pow(0.5, 5), 20)},
		{0.8, 1 - math.Pow(1-math.Pow(0.8, 5), 20)},
	}
	for _, tt := range tests {
		got := b.Probability(tt.s)
		assert.InDelta(t, tt.want, got, 1e-12, "Bands{20,5}.Probability(%v) = %v, want %v", tt.s, got, tt.want)
	}
	assert.Zero(t, Bands{}.Probability(0.5))
	prev := 0.0
	for s := 0.0; s <= 1; s += 0.01 {
		p := b.Probability(s)
		require.GreaterOrEqual(t, p, prev, "Probability not monotone at %v", s)
		prev = p
	}
}

func TestAppendKeys(t *testing.T) {
	b := Bands{B: 4, R: 3}
	r := rand.New(rand.NewPCG(21, 22))
	sig := make(Signature, 13)
	for i := range sig {
		sig[i] = r.Uint32()
	}
	keys := b.AppendKeys([]uint64{7}, sig)
	require.Len(t, keys, 5)
	assert.Equal(t, uint64(7), keys[0])
	// A key depends on its band's rows only.
	sig2 := append(Signature(nil), sig...)
	sig2[4]++  // band 1
	sig2[12]++ // past B*R: unused
	keys2 := b.AppendKeys(nil, sig2)
	assert.Equal(t, keys[1], keys2[0])
	assert.NotEqual(t, keys[2], keys2[1])
	assert.Equal(t, keys[3:], keys2[2:])
	// Equal rows in different bands give different keys.
	same := Signature{1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3}
	k := b.AppendKeys(nil, same)
	assert.Len(t, k, 4)
	assert.NotEqual(t, k[0], k[1])
	// Short signatures get keys for complete bands only; R = 1 and odd R.
	assert.Len(t, b.AppendKeys(nil, sig[:7]), 2)
	assert.Empty(t, Bands{B: 3, R: 0}.AppendKeys(nil, sig))
	assert.Len(t, Bands{B: 13, R: 1}.AppendKeys(nil, sig), 13)
	// Golden: keys are stored, so the scheme must not change silently.
	assert.Equal(t, []uint64{0xd98f9dd9159fa52a, 0x90c2caf589fc9fb9}, Bands{B: 2, R: 2}.AppendKeys(nil, Signature{1, 2, 3, 4}))
}

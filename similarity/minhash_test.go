package similarity

import (
	"encoding/binary"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/cespare/xxhash/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestXXH64Uint64(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 100 {
		x, seed := r.Uint64(), r.Uint64()
		d := xxhash.NewWithSeed(seed)
		d.Write(binary.LittleEndian.AppendUint64(nil, x))
		require.Equal(t, d.Sum64(), xxh64Uint64(x, seed), "xxh64Uint64(%#x, %#x)", x, seed)
	}
}

// TestSignGolden pins the signature scheme: tokenizer, shingle hash, bin
// hash, densification. If it fails, the scheme changed and every stored
// signature is stale: bump the index format version, then update the want.
func TestSignGolden(t *testing.T) {
	text := "The U.S. is secretly working with Russia on a new plan to end the war in Ukraine."
	m, err := NewMinHasher(DefaultNumHashes, DefaultSeed)
	require.NoError(t, err)
	sh := Shingles(nil, tokensOf(text), 3)
	require.Len(t, sh, 16)
	sig := m.Sign(sh)
	require.Len(t, sig, DefaultNumHashes)
	want := Signature{0x0b32c08a, 0x0b32c08a, 0xbb364cd6, 0xbb364cd6, 0x31c56b0c, 0xbbe2bbf8, 0xa9b2e36f, 0x7ca058eb}
	assert.Equal(t, want, sig[:len(want)], "Sign(golden)[:8] = %#x, want %#x", sig[:len(want)], want)
	// One shingle fills every bin with its value.
	one := m.Sign(sh[:1])
	assert.Equal(t, slices.Repeat(Signature{one[0]}, DefaultNumHashes), one)
}

// refSign is a direct transcription of the scheme in the package comment,
// to check the optimized AppendSign against.
func refSign(n int, seed uint64, shingles []uint64) Signature {
	sig := make(Signature, n)
	filled := make([]bool, n)
	for _, s := range shingles {
		h := xxh64Uint64(s, seed)
		bin := int((h >> 32) * uint64(n) >> 32)
		v := min(uint32(h), math.MaxUint32-1)
		if !filled[bin] || v < sig[bin] {
			sig[bin], filled[bin] = v, true
		}
	}
	if !slices.Contains(filled, true) {
		for i := range sig {
			sig[i] = math.MaxUint32
		}
		return sig
	}
	out := slices.Clone(sig)
	for i := range n {
		for t := uint64(1); !filled[i]; t++ {
			h := xxh64Uint64(uint64(i)<<32|t, seed^densifySalt)
			if j := int((h >> 32) * uint64(n) >> 32); filled[j] {
				out[i] = sig[j]
				break
			}
		}
	}
	return out
}

func TestSignReference(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for range 300 {
		n := 1 + r.IntN(300)
		seed := r.Uint64()
		set := randomSet(r, r.IntN(3*n))
		m, err := NewMinHasher(n, seed)
		require.NoError(t, err)
		require.Equal(t, refSign(n, seed, set), m.Sign(set), "Sign(n=%d, %d shingles)", n, len(set))
	}
}

func TestNewMinHasher(t *testing.T) {
	for _, n := range []int{0, -1, MaxNumHashes + 1} {
		_, err := NewMinHasher(n, 1)
		assert.ErrorIs(t, err, ErrInvalidParameter, "NewMinHasher(%d)", n)
	}
	m, err := NewMinHasher(64, 42)
	require.NoError(t, err)
	assert.Equal(t, 64, m.NumHashes())
	assert.Equal(t, uint64(42), m.Seed())
	assert.NoError(t, m.Compatible(64, 42))
	assert.ErrorIs(t, m.Compatible(128, 42), ErrSizeMismatch)
	assert.ErrorIs(t, m.Compatible(64, 43), ErrSeedMismatch)
}

func TestSignProperties(t *testing.T) {
	m, err := NewMinHasher(100, DefaultSeed) // not a power of two
	require.NoError(t, err)
	r := rand.New(rand.NewPCG(7, 8))
	set := randomSet(r, 300)
	sig := m.Sign(set)
	// Order and duplicates do not matter.
	shuffled := append(slices.Clone(set), set[:50]...)
	r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	assert.Equal(t, sig, m.Sign(shuffled))
	// AppendSign appends, and does not allocate with capacity.
	dst := make(Signature, 3, 3+100)
	got := m.AppendSign(dst, set)
	assert.Equal(t, sig, got[3:])
	allocs := testing.AllocsPerRun(20, func() { got = m.AppendSign(got[:0], set) })
	assert.Zero(t, allocs, "AppendSign allocs = %v, want 0", allocs)
	// A different seed gives a different signature.
	m2, _ := NewMinHasher(100, DefaultSeed+1)
	assert.NotEqual(t, sig, m2.Sign(set))
	// The empty set.
	empty := m.Sign(nil)
	assert.True(t, empty.Empty())
	assert.False(t, sig.Empty())
	assert.True(t, Signature(nil).Empty())
	// Signatures larger than the stack bitset.
	big, _ := NewMinHasher(2000, 1)
	bs := big.Sign(set[:10])
	assert.False(t, slices.Contains(bs, emptyBin), "densified signature has an empty bin")
}

// randomSet returns n distinct random uint64s, sorted.
func randomSet(r *rand.Rand, n int) []uint64 {
	s := make([]uint64, 0, n)
	for len(s) < n {
		s = append(s, r.Uint64())
		if len(s) == n {
			slices.Sort(s)
			s = slices.Compact(s)
		}
	}
	return s
}

// randomPair returns two sorted sets whose union has u elements and whose
// Jaccard similarity is about j.
func randomPair(r *rand.Rand, u int, j float64) (a, b []uint64) {
	all := randomSet(r, u)
	r.Shuffle(len(all), func(x, y int) { all[x], all[y] = all[y], all[x] })
	in := int(math.Round(j * float64(u)))
	rest := all[in:]
	na := r.IntN(len(rest) + 1)
	a = append(slices.Clone(all[:in]), rest[:na]...)
	b = append(slices.Clone(all[:in]), rest[na:]...)
	slices.Sort(a)
	slices.Sort(b)
	return a, b
}

type signFunc func(shingles []uint64) Signature

// estimatorCheck signs pairs of generated sets (union sizes 5 to 2000,
// Jaccard uniform in [0, 1]) and returns the share of pairs whose estimate
// is within 4 standard errors sqrt(J(1-J)/n) + 0.01 of the exact Jaccard, and
// the mean signed error.
func estimatorCheck(t *testing.T, sign signFunc, n, pairs int) (pass, bias float64) {
	r := rand.New(rand.NewPCG(11, 12))
	ok := 0
	sum := 0.0
	for range pairs {
		u := 5 + r.IntN(2000)
		if r.IntN(4) == 0 {
			u = 5 + r.IntN(60) // sparse: most bins densified
		}
		a, b := randomPair(r, u, r.Float64())
		exact := Jaccard(a, b)
		est, err := EstimateJaccard(sign(a), sign(b))
		require.NoError(t, err)
		if math.Abs(est-exact) <= 4*math.Sqrt(exact*(1-exact)/float64(n))+0.01 {
			ok++
		}
		sum += est - exact
	}
	return float64(ok) / float64(pairs), sum / float64(pairs)
}

func TestEstimateJaccardBound(t *testing.T) {
	const n, pairs = 128, 2000
	m, err := NewMinHasher(n, DefaultSeed)
	require.NoError(t, err)
	pass, bias := estimatorCheck(t, m.Sign, n, pairs)
	t.Logf("within 4 sigma: %.4f, bias %+.4f", pass, bias)
	assert.GreaterOrEqual(t, pass, 0.99, "share of estimates within 4 sigma = %v, want >= 0.99", pass)
	assert.Less(t, math.Abs(bias), 0.005, "mean estimate error = %v, want |bias| < 0.005", bias)

	// The check must catch broken estimators.
	broken := map[string]signFunc{
		// 4-bit values: chance collisions inflate every estimate.
		"narrow values": func(s []uint64) Signature {
			sig := m.Sign(s)
			for i := range sig {
				sig[i] &= 0xf
			}
			return sig
		},
		// Half the shingles ignored.
		"sampled input": func(s []uint64) Signature {
			var half []uint64
			for _, v := range s {
				if v%2 == 0 || len(s) < 2 {
					half = append(half, v)
				}
			}
			return m.Sign(half)
		},
		// One bin's value for all: n = 1 in disguise.
		"one bin": func(s []uint64) Signature {
			sig := m.Sign(s)
			for i := range sig {
				sig[i] = sig[0]
			}
			return sig
		},
	}
	for name, sign := range broken {
		pass, bias := estimatorCheck(t, sign, n, 300)
		assert.False(t, pass >= 0.99 && math.Abs(bias) < 0.005,
			"broken estimator %q passes the check (within: %v, bias %v)", name, pass, bias)
	}
}

func TestEstimateJaccardErrors(t *testing.T) {
	_, err := EstimateJaccard(Signature{1, 2}, Signature{1})
	assert.ErrorIs(t, err, ErrSizeMismatch)
	_, err = EstimateJaccard(nil, nil)
	assert.ErrorIs(t, err, ErrSizeMismatch)
	got, err := EstimateJaccard(Signature{1, 2, 3, 4}, Signature{1, 2, 0, 4})
	require.NoError(t, err)
	assert.InDelta(t, 0.75, got, 1e-12)
}

func TestEstimateContainment(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	for range 200 {
		a, b := randomPair(r, 10+r.IntN(500), r.Float64())
		if len(a) == 0 {
			continue
		}
		// From the exact Jaccard the formula is exact.
		got := EstimateContainment(Jaccard(a, b), len(a), len(b))
		want := Containment(a, b)
		require.InDelta(t, want, got, 1e-9, "EstimateContainment(J(a,b), %d, %d) = %v, want %v", len(a), len(b), got, want)
	}
	tests := []struct {
		j          float64
		sizeA, szB int
		want       float64
	}{
		{0, 10, 10, 0},
		{1, 10, 10, 1},
		{0.5, 10, 20, 1},      // A ⊂ B: |A∩B| = 0.5*30/1.5 = 10
		{1, 10, 20, 1},        // impossible J for these sizes: clamped
		{math.NaN(), 5, 5, 0}, // garbage in, 0 out
		{0.3, 0, 10, 1},       // empty A
	}
	for _, tt := range tests {
		got := EstimateContainment(tt.j, tt.sizeA, tt.szB)
		assert.InDelta(t, tt.want, got, 1e-12, "EstimateContainment(%v, %d, %d) = %v, want %v", tt.j, tt.sizeA, tt.szB, got, tt.want)
	}
}

func TestJaccardContainment(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	for range 500 {
		a, b := randomPair(r, 1+r.IntN(300), r.Float64())
		ab, ba := Jaccard(a, b), Jaccard(b, a)
		require.Equal(t, ab, ba, "Jaccard not symmetric")
		require.InDelta(t, 1.0, Jaccard(a, a), 0, "Jaccard(a, a)")
		require.True(t, ab >= 0 && ab <= 1)
		in := Intersection(a, b)
		require.Equal(t, in, Intersection(b, a))
		union := len(a) + len(b) - in
		require.InDelta(t, float64(in)/float64(union), ab, 1e-12)
		if len(a) > 0 && len(b) > 0 {
			// |A∩B| = C(A,B)|A| = C(B,A)|B|, and J <= min(C(A,B), C(B,A)).
			require.InDelta(t, Containment(a, b)*float64(len(a)), Containment(b, a)*float64(len(b)), 1e-9)
			require.LessOrEqual(t, ab, min(Containment(a, b), Containment(b, a))+1e-12)
		}
		require.InDelta(t, 1.0, Containment(a, a), 0)
		// A ⊆ A∪B.
		u := slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(a), b...))))
		require.InDelta(t, 1.0, Containment(a, u), 0)
	}
	assert.Equal(t, 1.0, Jaccard[uint64](nil, nil))
	assert.Equal(t, 0.0, Jaccard(nil, []uint64{1}))
	assert.Equal(t, 1.0, Containment(nil, []uint64{1}))
	assert.Equal(t, 0.0, Containment([]uint64{1}, nil))
	assert.Equal(t, 2, Intersection([]uint64{1, 3, 5, 7}, []uint64{2, 3, 4, 7, 9}))
}

// TestSignConcurrent checks MinHasher is safe for concurrent use (run with
// -race).
func TestSignConcurrent(t *testing.T) {
	m, _ := NewMinHasher(DefaultNumHashes, DefaultSeed)
	set := randomSet(rand.New(rand.NewPCG(1, 1)), 100)
	want := m.Sign(set)
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			var err error
			for range 100 {
				if !slices.Equal(m.Sign(set), want) {
					err = errors.New("concurrent Sign differs")
				}
			}
			errs <- err
		}()
	}
	for range 4 {
		assert.NoError(t, <-errs)
	}
}

package similarity

import (
	"fmt"
	"math"
	"math/bits"
)

// Bands is an LSH banding of a signature into B bands of R rows (Leskovec,
// Rajaraman & Ullman, MMDS ch. 3.4): two signatures become candidates when
// they agree on all R rows of at least one band, which for sets of Jaccard
// similarity s happens with probability 1-(1-s^R)^B.
//
// Threshold is the Jaccard threshold the banding was chosen for;
// FalsePositive and FalseNegative are the areas, under a uniform prior on s,
// of the candidate probability below the threshold and of its complement
// above it (the quantities [OptimalBands] weighs). The signature positions
// past B*R are not used.
type Bands struct {
	B, R          int
	Threshold     float64
	FalsePositive float64
	FalseNegative float64
}

// integrationSteps is the number of Simpson intervals on each side of the
// threshold; the S-curve is smooth, so 128 gives about 1e-6 accuracy.
const integrationSteps = 128

// OptimalBands returns the banding of numHashes signature positions that
// minimizes fpWeight*FalsePositive + fnWeight*FalseNegative for the Jaccard
// threshold, where FalsePositive is the integral of 1-(1-s^R)^B over
// [0, threshold] and FalseNegative that of (1-s^R)^B over [threshold, 1], as
// in ekzhu/minhash-lsh and datasketch. Every B, R with B*R <= numHashes is
// tried; ties go to the smaller B, then the smaller R.
//
// threshold must be in (0, 1), numHashes in [1, MaxNumHashes], the weights
// finite, non-negative and not both zero; otherwise the error wraps
// [ErrInvalidParameter]. The weights are normalized to sum to 1.
func OptimalBands(threshold float64, numHashes int, fpWeight, fnWeight float64) (Bands, error) {
	switch {
	case !(threshold > 0 && threshold < 1):
		return Bands{}, fmt.Errorf("OptimalBands: threshold %v not in (0, 1): %w", threshold, ErrInvalidParameter)
	case numHashes < 1 || numHashes > MaxNumHashes:
		return Bands{}, fmt.Errorf("OptimalBands: numHashes %d not in [1, %d]: %w", numHashes, MaxNumHashes, ErrInvalidParameter)
	case !(fpWeight >= 0 && fnWeight >= 0) || math.IsInf(fpWeight, 0) || math.IsInf(fnWeight, 0) || fpWeight+fnWeight == 0:
		return Bands{}, fmt.Errorf("OptimalBands: weights %v, %v must be finite, non-negative, not both 0: %w", fpWeight, fnWeight, ErrInvalidParameter)
	}
	sum := fpWeight + fnWeight
	fpWeight, fnWeight = fpWeight/sum, fnWeight/sum
	best := Bands{Threshold: threshold}
	bestErr := math.Inf(1)
	for b := 1; b <= numHashes; b++ {
		for r := 1; b*r <= numHashes; r++ {
			c := Bands{B: b, R: r}
			fp := simpson(c.Probability, 0, threshold)
			fn := simpson(func(s float64) float64 { return 1 - c.Probability(s) }, threshold, 1)
			if e := fpWeight*fp + fnWeight*fn; e < bestErr {
				bestErr = e
				best = Bands{B: b, R: r, Threshold: threshold, FalsePositive: fp, FalseNegative: fn}
			}
		}
	}
	return best, nil
}

// simpson integrates f over [lo, hi] by the composite Simpson rule.
func simpson(f func(float64) float64, lo, hi float64) float64 {
	const n = integrationSteps
	h := (hi - lo) / n
	sum := f(lo) + f(hi)
	for i := 1; i < n; i++ {
		w := 2.0
		if i%2 == 1 {
			w = 4
		}
		sum += w * f(lo+float64(i)*h)
	}
	return sum * h / 3
}

// powi returns x**n for n >= 0 by repeated squaring.
func powi(x float64, n int) float64 {
	p := 1.0
	for n > 0 {
		if n&1 == 1 {
			p *= x
		}
		x *= x
		n >>= 1
	}
	return p
}

// Probability returns the chance that a pair of sets with Jaccard
// similarity s becomes a candidate: 1-(1-s^R)^B (s is clamped to [0, 1]).
// It assumes the signature positions agree independently with probability s,
// which MinHash guarantees only approximately.
func (b Bands) Probability(s float64) float64 {
	if b.B <= 0 || b.R <= 0 || !(s > 0) {
		return 0
	}
	s = min(s, 1)
	return 1 - powi(1-powi(s, b.R), b.B)
}

// AppendKeys appends one 64-bit key per band of sig to dst: band i hashes
// sig[i*R:(i+1)*R] together with i, so equal rows in different bands give
// different keys. Bands that sig is too short to fill get no key.
func (b Bands) AppendKeys(dst []uint64, sig Signature) []uint64 {
	if b.R <= 0 {
		return dst
	}
	for i := 0; i < b.B; i++ {
		lo := i * b.R
		if lo+b.R > len(sig) {
			break
		}
		h := prime5 + uint64(4*b.R) + uint64(i+1)*prime1
		rows := sig[lo : lo+b.R]
		for len(rows) >= 2 {
			h = xxLane(h, uint64(rows[0])|uint64(rows[1])<<32)
			rows = rows[2:]
		}
		if len(rows) == 1 {
			h ^= uint64(rows[0]) * prime1
			h = bits.RotateLeft64(h, 23)*prime2 + prime3
		}
		dst = append(dst, xxAvalanche(h))
	}
	return dst
}

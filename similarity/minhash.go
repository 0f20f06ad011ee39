package similarity

import (
	"errors"
	"fmt"
	"math"
)

// Sentinel errors; functions wrap them with context, test with errors.Is.
var (
	// ErrSeedMismatch means two signatures or a stored signature and a
	// [MinHasher] were made with different seeds and cannot be compared.
	ErrSeedMismatch = errors.New("similarity: minhash seed mismatch")
	// ErrSizeMismatch means two signatures have different lengths, or a
	// stored signature does not have the expected number of hashes.
	ErrSizeMismatch = errors.New("similarity: signature size mismatch")
	// ErrInvalidParameter means a parameter is outside its documented range.
	ErrInvalidParameter = errors.New("similarity: invalid parameter")
)

// DefaultSeed is the seed wirediff signs with: the bytes of "wirediff" in
// ASCII. Changing it (or [DefaultNumHashes]) invalidates stored signatures.
const DefaultSeed uint64 = 0x7769726564696666

// DefaultNumHashes is the default signature length.
const DefaultNumHashes = 128

// MaxNumHashes is the largest signature length [NewMinHasher] accepts.
const MaxNumHashes = 1 << 16

// emptyBin marks a bin that no shingle fell into; real values are folded into
// [0, emptyBin-1].
const emptyBin = math.MaxUint32

// densifySalt separates the densification probe hashes from the bin hashes.
const densifySalt = 0x64656e7369667921 // "densify!"

// Signature is a MinHash signature: one 32-bit minimum per hash (bin).
// A signature of the empty set holds math.MaxUint32 in every position.
type Signature []uint32

// Empty reports whether s is the signature of an empty set (or has length 0).
func (s Signature) Empty() bool {
	for _, v := range s {
		if v != emptyBin {
			return false
		}
	}
	return true
}

// MinHasher computes MinHash signatures by one-permutation hashing with
// optimal densification (see the package comment). It is immutable and safe
// for concurrent use.
type MinHasher struct {
	n    int
	seed uint64
}

// NewMinHasher returns a MinHasher producing signatures of numHashes values
// (1 <= numHashes <= [MaxNumHashes]) from the given seed.
func NewMinHasher(numHashes int, seed uint64) (*MinHasher, error) {
	if numHashes < 1 || numHashes > MaxNumHashes {
		return nil, fmt.Errorf("NewMinHasher: numHashes %d not in [1, %d]: %w", numHashes, MaxNumHashes, ErrInvalidParameter)
	}
	return &MinHasher{n: numHashes, seed: seed}, nil
}

// NumHashes returns the signature length.
func (m *MinHasher) NumHashes() int { return m.n }

// Seed returns the seed.
func (m *MinHasher) Seed() uint64 { return m.seed }

// Compatible returns nil if signatures stored with the given length and seed
// can be compared with m's, and otherwise an error wrapping
// [ErrSizeMismatch] or [ErrSeedMismatch].
func (m *MinHasher) Compatible(numHashes int, seed uint64) error {
	if numHashes != m.n {
		return fmt.Errorf("stored signatures have %d hashes, minhasher %d: %w", numHashes, m.n, ErrSizeMismatch)
	}
	if seed != m.seed {
		return fmt.Errorf("stored signatures have seed %#x, minhasher %#x: %w", seed, m.seed, ErrSeedMismatch)
	}
	return nil
}

// Sign returns the signature of a set of shingle hashes. The order of
// shingles and duplicates do not matter. The result depends only on the
// shingles, NumHashes and Seed: it is the same in every process and on every
// machine.
func (m *MinHasher) Sign(shingles []uint64) Signature {
	return m.AppendSign(make(Signature, 0, m.n), shingles)
}

// AppendSign appends the signature of shingles to dst and returns the
// extended slice. It does not allocate when dst has room for NumHashes more
// values and NumHashes <= 1024.
func (m *MinHasher) AppendSign(dst Signature, shingles []uint64) Signature {
	n := m.n
	base := len(dst)
	if cap(dst)-base < n {
		grown := make(Signature, base, base+n)
		copy(grown, dst)
		dst = grown
	}
	dst = dst[:base+n]
	sig := dst[base:]
	for i := range sig {
		sig[i] = emptyBin
	}
	un := uint64(n)
	for _, s := range shingles {
		h := xxh64Uint64(s, m.seed)
		v := uint32(h)
		if v == emptyBin {
			v = emptyBin - 1
		}
		b := (h >> 32) * un >> 32 // Lemire's multiply-shift range reduction
		// min, not a branch: which shingle lowers a bin is a coin toss.
		sig[b] = min(sig[b], v)
	}
	m.densify(sig)
	return dst
}

// densify fills the empty bins of sig by optimal densification (Shrivastava
// 2017): empty bin i takes the value of bin h(i, t) for the first attempt
// t = 1, 2, … whose bin was non-empty after hashing, h being a fixed hash of
// (i, t) shared by all sets.
func (m *MinHasher) densify(sig Signature) {
	n := len(sig)
	var small [16]uint64
	var empty []uint64 // bitset of the bins empty after hashing
	if words := (n + 63) / 64; words <= len(small) {
		empty = small[:words]
	} else {
		empty = make([]uint64, words)
	}
	nEmpty := 0
	for i, v := range sig {
		if v == emptyBin {
			empty[i/64] |= 1 << (i % 64)
			nEmpty++
		}
	}
	if nEmpty == 0 || nEmpty == n {
		return
	}
	isEmpty := func(i int) bool { return empty[i/64]&(1<<(i%64)) != 0 }
	un := uint64(n)
	seed := m.seed ^ densifySalt
	maxAttempts := 64 * n
	for i := range sig {
		if !isEmpty(i) {
			continue
		}
		found := false
		for t := 1; t <= maxAttempts; t++ {
			h := xxh64Uint64(uint64(i)<<32|uint64(t), seed)
			j := int((h >> 32) * un >> 32)
			if !isEmpty(j) {
				sig[i] = sig[j]
				found = true
				break
			}
		}
		if !found {
			// Practically unreachable (probability below (1-1/n)^(64n),
			// about e^-64); stay deterministic with a circular scan.
			for j := (i + 1) % n; ; j = (j + 1) % n {
				if !isEmpty(j) {
					sig[i] = sig[j]
					break
				}
			}
		}
	}
}

// EstimateJaccard returns the fraction of positions where a and b agree, an
// unbiased estimate of the Jaccard similarity of the sets they were signed
// from (by the same [MinHasher]). Its standard error is about
// sqrt(J(1-J)/n) for n = len(a). It returns an error wrapping
// [ErrSizeMismatch] when the lengths differ or are zero.
func EstimateJaccard(a, b Signature) (float64, error) {
	if len(a) != len(b) {
		return 0, fmt.Errorf("EstimateJaccard: lengths %d and %d: %w", len(a), len(b), ErrSizeMismatch)
	}
	if len(a) == 0 {
		return 0, fmt.Errorf("EstimateJaccard: empty signatures: %w", ErrSizeMismatch)
	}
	b = b[:len(a)]
	eq := 0
	for i, v := range a {
		if v == b[i] {
			eq++
		}
	}
	return float64(eq) / float64(len(a)), nil
}

// EstimateContainment returns |A∩B|/|A| estimated from the Jaccard
// similarity j of A and B and the set sizes: |A∩B| = j(|A|+|B|)/(1+j).
// The result is clamped to [0, 1]; an empty A gives 1 as in [Containment].
func EstimateContainment(j float64, sizeA, sizeB int) float64 {
	if sizeA <= 0 {
		return 1
	}
	if math.IsNaN(j) || j <= 0 {
		return 0
	}
	j = min(j, 1)
	inter := j * float64(sizeA+max(sizeB, 0)) / (1 + j)
	return min(max(inter/float64(sizeA), 0), 1)
}

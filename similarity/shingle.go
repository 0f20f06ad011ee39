package similarity

import (
	"math/bits"
	"slices"

	"github.com/cespare/xxhash/v2"
)

// XXH64 constants (Collet, xxHash specification).
const (
	prime1 uint64 = 11400714785074694791
	prime2 uint64 = 14029467366897019727
	prime3 uint64 = 1609587929392839161
	prime4 uint64 = 9650029242287828579
	prime5 uint64 = 2870177450012600261
)

// xxRound is the XXH64 round function.
func xxRound(acc, input uint64) uint64 {
	acc += input * prime2
	acc = bits.RotateLeft64(acc, 31)
	return acc * prime1
}

// xxLane mixes one 8-byte lane into h as the XXH64 tail does.
func xxLane(h, lane uint64) uint64 {
	h ^= xxRound(0, lane)
	return bits.RotateLeft64(h, 27)*prime1 + prime4
}

// xxAvalanche is the XXH64 final mix.
func xxAvalanche(h uint64) uint64 {
	h ^= h >> 33
	h *= prime2
	h ^= h >> 29
	h *= prime3
	h ^= h >> 32
	return h
}

// xxh64Uint64 returns XXH64 of the 8-byte little-endian encoding of x with
// the given seed; it equals xxhash.NewWithSeed(seed) fed those 8 bytes.
func xxh64Uint64(x, seed uint64) uint64 {
	return xxAvalanche(xxLane(seed+prime5+8, x))
}

// Shingles appends the sorted, de-duplicated 64-bit hashes of every k
// consecutive token texts to dst[:0] and returns it. Fewer than k tokens (but
// at least one) give one shingle of all tokens; none give none. k < 1 is
// treated as 1.
//
// A shingle's hash is XXH64 (seed 0) of the little-endian concatenation of
// its tokens' XXH64 hashes, evaluated with XXH64's short-input path whatever
// the count (for up to 3 tokens it is exactly xxhash.Sum64 of those 8k
// bytes). Each token is hashed once. Shingles does not allocate when dst has
// capacity for len(tokens) hashes.
func Shingles(dst []uint64, tokens []Token, k int) []uint64 {
	dst = dst[:0]
	if len(tokens) == 0 {
		return dst
	}
	k = max(k, 1)
	if len(tokens) < k {
		k = len(tokens)
	}
	// Token hashes, already through the XXH64 round, go into dst; shingle i
	// overwrites slot i, which only shingles <= i read.
	dst = slices.Grow(dst, len(tokens))
	for _, t := range tokens {
		dst = append(dst, xxRound(0, xxhash.Sum64String(t.Text)))
	}
	n := len(tokens) - k + 1
	for i := range n {
		h := prime5 + uint64(8*k)
		for _, r := range dst[i : i+k] {
			h ^= r
			h = bits.RotateLeft64(h, 27)*prime1 + prime4
		}
		dst[i] = xxAvalanche(h)
	}
	dst = dst[:n]
	sortUint64(dst)
	return slices.Compact(dst)
}

// radixMax is the largest set sortUint64 bucket-sorts with stack scratch.
const radixMax = 1024

// bucketMax is the most values a bucket of sortUint64 may receive before it
// gives up on bucketing; it bounds the insertion sort's work to bucketMax*n.
const bucketMax = 16

// sortUint64 sorts s in increasing order. Shingle hashes are uniform, so
// for up to radixMax values it distributes them by their top bits into n to
// 2n buckets (one counting pass, one scatter), which leaves them sorted but
// for the few buckets holding two or more; one insertion-sort pass over the
// whole, which then almost never moves a value, finishes the job. There is
// no loop over buckets and almost no unpredictable branch, which matters
// more than the operation count on a stream of different articles. Larger
// sets, and sets with an unexpectedly full bucket, use slices.Sort.
func sortUint64(s []uint64) {
	n := len(s)
	if n < 32 || n > radixMax {
		slices.Sort(s)
		return
	}
	var tmp [radixMax]uint64
	var end [2 * radixMax]uint16
	b := bits.Len(uint(n)) // n < 2^b <= 2n buckets
	shift := 64 - b
	nb := 1 << b
	for _, v := range s {
		end[v>>shift]++
	}
	// Exclusive prefix sums: end[d] becomes where bucket d begins; after
	// the scatter it is where bucket d ends.
	sum, most := uint16(0), uint16(0)
	for d, c := range end[:nb] {
		end[d] = sum
		sum += c
		most = max(most, c)
	}
	if most > bucketMax {
		slices.Sort(s)
		return
	}
	for _, v := range s {
		d := v >> shift
		tmp[end[d]] = v
		end[d]++
	}
	insertionSort(tmp[:n])
	copy(s, tmp[:n])
}

// insertionSort sorts s in increasing order; it is fast when few values are
// out of place.
func insertionSort(s []uint64) {
	for i := 1; i < len(s); i++ {
		v := s[i]
		j := i
		for j > 0 && s[j-1] > v {
			s[j] = s[j-1]
			j--
		}
		s[j] = v
	}
}

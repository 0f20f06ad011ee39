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

// appendTokenLanes appends to dst, for each token, its text's XXH64
// through the XXH64 round, xxRound(0, xxhash.Sum64String(t.Text)): the
// token's contribution to a shingle's hash. Words are short and of random
// length, so for up to 16 bytes it evaluates XXH64's tail inline with the
// steps selected rather than branched to (the steps a length does not take
// are computed and discarded): on a stream of different articles a
// mispredicted branch per word costs more than the extra multiplications.
func appendTokenLanes(dst []uint64, tokens []Token) []uint64 {
	for _, t := range tokens {
		s := t.Text
		n := len(s)
		if n == 0 || n > 16 {
			dst = append(dst, xxRound(0, xxhash.Sum64String(s)))
			continue
		}
		h := prime5 + uint64(n)
		if n > 8 {
			h = xxLane(h, le64(s))
			s = s[8:]
			n -= 8
		}
		// XXH64's tail of the last 1 to 8 bytes: an 8-byte lane (for 8
		// bytes, a few words in a hundred), or a 4-byte step when there
		// are 4 or more bytes, then one step per remaining byte. w holds
		// the bytes after the 4-byte step, little-endian: from a 4-byte
		// load, or the first, middle and last of 1 to 3 bytes.
		var w uint64
		if n >= 4 {
			lo := uint64(le32(s))
			w = uint64(le32(s[n-4:])) >> (8 * (8 - n) & 63)
			if n == 8 {
				dst = append(dst, xxRound(0, xxAvalanche(xxLane(h, lo|w<<32))))
				continue
			}
			h ^= lo * prime1
			h = bits.RotateLeft64(h, 23)*prime2 + prime3
		} else {
			w = uint64(s[0]) | uint64(s[n>>1])<<(8*(n>>1)&63) | uint64(s[n-1])<<(8*(n-1)&63)
		}
		nb := n & 3 // bytes after the 4-byte step
		h1 := bits.RotateLeft64(h^(w&0xff)*prime5, 11) * prime1
		if nb >= 1 {
			h = h1
		}
		h2 := bits.RotateLeft64(h^(w>>8&0xff)*prime5, 11) * prime1
		if nb >= 2 {
			h = h2
		}
		h3 := bits.RotateLeft64(h^(w>>16&0xff)*prime5, 11) * prime1
		if nb >= 3 {
			h = h3
		}
		dst = append(dst, xxRound(0, xxAvalanche(h)))
	}
	return dst
}

// le64 returns the first 8 bytes of s as a little-endian number.
func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// le32 returns the first 4 bytes of s as a little-endian number.
func le32(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
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
	dst = appendTokenLanes(slices.Grow(dst, len(tokens)), tokens)
	n := len(tokens) - k + 1
	if k == 3 { // the usual case, unrolled
		for i := range n {
			r := dst[i : i+3]
			h := prime5 + 24
			h = bits.RotateLeft64(h^r[0], 27)*prime1 + prime4
			h = bits.RotateLeft64(h^r[1], 27)*prime1 + prime4
			h = bits.RotateLeft64(h^r[2], 27)*prime1 + prime4
			dst[i] = xxAvalanche(h)
		}
	} else {
		for i := range n {
			h := prime5 + uint64(8*k)
			for _, r := range dst[i : i+k] {
				h ^= r
				h = bits.RotateLeft64(h, 27)*prime1 + prime4
			}
			dst[i] = xxAvalanche(h)
		}
	}
	dst = dst[:n]
	return sortUnique(dst)
}

// radixMax is the largest set sortUnique bucket-sorts with stack scratch.
const radixMax = 1024

// bucketMax is the most values a bucket of sortUnique may receive before it
// gives up on bucketing; it bounds the insertion sort's work to bucketMax*n.
const bucketMax = 16

// sortUnique sorts s in increasing order and removes repeated values,
// returning s shortened. Shingle hashes are uniform, so
// for up to radixMax values it distributes them by their top bits into n to
// 2n buckets (one counting pass, one scatter), which leaves them sorted but
// within buckets; the scatter orders buckets of two with a branch-free
// compare-exchange, and one insertion-sort pass over the whole, which then
// moves a value only for the few buckets of three or more, finishes the
// job. There is no loop over buckets and almost no unpredictable branch,
// which matters more than the operation count on a stream of different
// articles. Larger sets, and sets with an unexpectedly full bucket, use
// slices.Sort and slices.Compact.
func sortUnique(s []uint64) []uint64 {
	n := len(s)
	if n < 32 || n > radixMax {
		slices.Sort(s)
		return slices.Compact(s)
	}
	var tmp [radixMax + 1]uint64
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
		return slices.Compact(s)
	}
	// Scatter with a compare-exchange against the slot before, which
	// keeps a bucket of two in order without a branch (the slot before a
	// bucket's first holds zero or a smaller bucket's value); tmp[0] is a
	// zero sentinel.
	for _, v := range s {
		d := v >> shift
		k := int(end[d]) + 1
		end[d]++
		prev := tmp[k-1]
		tmp[k-1] = min(prev, v)
		tmp[k] = max(prev, v)
	}
	sorted := tmp[1 : n+1]
	insertionSort(sorted)
	// Copy back without duplicates: every value is written, and the
	// position advances past it unless it repeats the last.
	k := 0
	last := ^sorted[0]
	for _, v := range sorted {
		s[k] = v
		if v != last {
			k++
		}
		last = v
	}
	return s[:k]
}

// insertionSort sorts s in increasing order; it is fast when few values are
// out of place.
func insertionSort(s []uint64) {
	if len(s) == 0 {
		return
	}
	prev := s[0] // the largest value so far
	for i := 1; i < len(s); i++ {
		v := s[i]
		if v >= prev {
			prev = v
			continue
		}
		j := i
		for j > 0 && s[j-1] > v {
			s[j] = s[j-1]
			j--
		}
		s[j] = v
	}
}

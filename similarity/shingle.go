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
// token's contribution to a shingle's hash. XXH64 of a short input takes a
// number of steps that depends on its length, and words are of random
// length: hashed in text order, a stream of different articles mispredicts
// a branch or two per word. So the tokens are taken in chunks of laneChunk,
// grouped by length (a counting sort of their indices), and hashed one
// length at a time, where every branch of [tokenLane] goes the same way.
func appendTokenLanes(dst []uint64, tokens []Token) []uint64 {
	base := len(dst)
	dst = slices.Grow(dst, len(tokens))[:base+len(tokens)]
	out := dst[base:]
	for len(tokens) > 0 {
		c := min(len(tokens), laneChunk)
		tokenLanesByLength(out[:c], tokens[:c])
		out, tokens = out[c:], tokens[c:]
	}
	return dst
}

// laneChunk is how many tokens tokenLanesByLength groups at a time.
const laneChunk = 1024

// laneClasses is the number of length classes of tokenLanesByLength: one
// per length below 32 (XXH64's short-input path), and one for the rest.
const laneClasses = 33

// tokenLanesByLength sets out[i] to the lane of tokens[i]; len(out) ==
// len(tokens) <= laneChunk.
func tokenLanesByLength(out []uint64, tokens []Token) {
	var next [laneClasses]uint16   // counts, then where each class goes next
	var orderBuf [laneChunk]uint16 // token indices, shortest first
	for _, t := range tokens {
		next[min(len(t.Text), laneClasses-1)]++
	}
	var ends [laneClasses]uint16
	sum := uint16(0)
	for c, k := range next {
		next[c] = sum
		sum += k
		ends[c] = sum
	}
	order := orderBuf[:len(tokens)]
	for i, t := range tokens {
		c := min(len(t.Text), laneClasses-1)
		order[next[c]] = uint16(i)
		next[c]++
	}
	begin := uint16(0)
	for c, end := range ends {
		idx := order[begin:end]
		begin = end
		if c == laneClasses-1 {
			for _, i := range idx {
				out[i] = xxRound(0, xxhash.Sum64String(tokens[i].Text))
			}
			break
		}
		// XXH64's tail for the c bytes of each token (c < 32): 8-byte
		// lanes, a 4-byte step if 4 or more bytes remain, then bytes.
		for _, i := range idx {
			s := tokens[i].Text
			h := prime5 + uint64(len(s))
			for len(s) >= 8 {
				h = xxLane(h, le64(s))
				s = s[8:]
			}
			if len(s) >= 4 {
				h ^= uint64(le32(s)) * prime1
				h = bits.RotateLeft64(h, 23)*prime2 + prime3
				s = s[4:]
			}
			for j := 0; j < len(s); j++ {
				h ^= uint64(s[j]) * prime5
				h = bits.RotateLeft64(h, 11) * prime1
			}
			out[i] = xxRound(0, xxAvalanche(h))
		}
	}
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
	// the scatter it is where bucket d ends. Four counts at a time, as
	// 16-bit lanes of a word (nb is a multiple of 4; sums stay below
	// 2^16): multiplying by lanes16 sums each lane with the lanes below,
	// and adding 0x7fff-bucketMax to every lane sets its top bit when the
	// count is over bucketMax.
	const lanes16 = 0x0001000100010001
	sum, over := uint64(0), uint64(0)
	for d := 0; d+4 <= nb; d += 4 {
		c := end[d : d+4 : d+4]
		w := uint64(c[0]) | uint64(c[1])<<16 | uint64(c[2])<<32 | uint64(c[3])<<48
		over |= w + (0x7fff-bucketMax)*lanes16
		incl := w * lanes16
		excl := incl - w + sum*lanes16
		c[0], c[1], c[2], c[3] = uint16(excl), uint16(excl>>16), uint16(excl>>32), uint16(excl>>48)
		sum += incl >> 48
	}
	if over&(0x8000*lanes16) != 0 {
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

package similarity

import "github.com/wirediff/wirediff/internal/sortedset"

// Set is the element type of the sets compared here: 64-bit shingle
// hashes, 32-bit fingerprints of them where memory counts, or word IDs.
type Set interface{ ~int32 | ~uint32 | ~uint64 }

// Intersection returns |A∩B| for sets given as sorted, de-duplicated slices
// (as [Shingles] returns them).
func Intersection[T Set](a, b []T) int {
	return sortedset.Intersect(a, b, nil)
}

// Jaccard returns the exact Jaccard similarity |A∩B|/|A∪B| of two sorted,
// de-duplicated sets. Two empty sets have similarity 1 (they are equal), as
// their signatures do under [EstimateJaccard].
func Jaccard[T Set](a, b []T) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	in := Intersection(a, b)
	return float64(in) / float64(len(a)+len(b)-in)
}

// Containment returns the exact containment |A∩B|/|A| of A in B for sorted,
// de-duplicated sets: the share of A's shingles that B also has. An empty A
// is contained in every set (containment 1).
func Containment[T Set](a, b []T) float64 {
	if len(a) == 0 {
		return 1
	}
	return float64(Intersection(a, b)) / float64(len(a))
}

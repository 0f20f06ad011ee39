// Package sortedset intersects sets held as sorted slices without
// duplicates, the form of the shingle, name and term sets of packages
// similarity, cluster and lineage.
package sortedset

import "cmp"

// Intersect returns how many elements the sorted, de-duplicated slices a
// and b share, calling fn (when not nil) with each of them in increasing
// order. It reads each slice once: O(len(a)+len(b)).
func Intersect[T cmp.Ordered](a, b []T, fn func(T)) int {
	n := 0
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			if fn != nil {
				fn(a[i])
			}
			n++
			i++
			j++
		}
	}
	return n
}

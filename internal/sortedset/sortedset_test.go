package sortedset

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestIntersect(t *testing.T) {
	for _, c := range []struct {
		a, b, want []int32
	}{
		{nil, nil, nil},
		{[]int32{1, 2, 3}, nil, nil},
		{[]int32{1, 2, 3}, []int32{1, 2, 3}, []int32{1, 2, 3}},
		{[]int32{1, 3, 5, 7}, []int32{2, 3, 4, 7, 9}, []int32{3, 7}},
		{[]int32{-5, 0, 5}, []int32{-5, 5}, []int32{-5, 5}},
	} {
		var got []int32
		n := Intersect(c.a, c.b, func(x int32) { got = append(got, x) })
		if !slices.Equal(got, c.want) || n != len(c.want) {
			t.Errorf("Intersect(%v, %v) = %d %v, want %d %v", c.a, c.b, n, got, len(c.want), c.want)
		}
	}
}

// TestIntersectProperties: the count is symmetric, at most the smaller
// size, equals a map-based count, and a set shares all of itself.
func TestIntersectProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	set := func() []uint64 {
		var s []uint64
		for range r.IntN(50) {
			s = append(s, r.Uint64N(80))
		}
		slices.Sort(s)
		return slices.Compact(s)
	}
	for range 1000 {
		a, b := set(), set()
		n := Intersect(a, b, nil)
		in := map[uint64]bool{}
		for _, x := range a {
			in[x] = true
		}
		want := 0
		for _, x := range b {
			if in[x] {
				want++
			}
		}
		if n != want || Intersect(b, a, nil) != n || n > min(len(a), len(b)) || Intersect(a, a, nil) != len(a) {
			t.Fatalf("Intersect(%v, %v) = %d, want %d", a, b, n, want)
		}
	}
}

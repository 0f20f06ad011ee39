package cluster

import (
	"cmp"
	"slices"
	"sync"
)

// Entry is one weighted coordinate of a sparse vector.
type Entry struct {
	Key uint64
	W   float64
}

// Linear describes a similarity that is a dot product: sim(i, j) =
// Dot(Vec(i), Vec(j)) for every pair the date window keeps together, and 0
// for the others. Group-average linkage then needs no pair-by-pair sums:
// the cross sum of two clusters is the dot product of their summed
// vectors (the centroid form of UPGMA), whenever the window keeps all
// their cross pairs together.
type Linear struct {
	// Vec appends item i's vector, sorted by Key, keys unique, to dst
	// and returns the result: the vectors of single items are built
	// again at every use, into buffers that are reused rather than
	// allocated each time.
	Vec func(dst []Entry, i int) []Entry
	// Time holds each item's publication time in Unix seconds, or noDate;
	// nil when no item has one.
	Time []int64
	// Window is the largest time difference, in seconds, of a pair
	// scored; 0 means no window.
	Window int64
}

// Dot is the dot product of two sorted sparse vectors.
func Dot(a, b []Entry) float64 {
	s := 0.0
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].Key < b[j].Key:
			i++
		case a[i].Key > b[j].Key:
			j++
		default:
			if k := a[i].Key; k >= negativeKey && k < dayKey {
				s -= a[i].W * b[j].W
			} else {
				s += a[i].W * b[j].W
			}
			i++
			j++
		}
	}
	return s
}

// addEntries returns a + b for sorted sparse vectors.
func addEntries(a, b []Entry) []Entry {
	out := make([]Entry, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i].Key < b[j].Key):
			out = append(out, a[i])
			i++
		case i == len(a) || b[j].Key < a[i].Key:
			out = append(out, b[j])
			j++
		default:
			out = append(out, Entry{a[i].Key, a[i].W + b[j].W})
			i++
			j++
		}
	}
	return out
}

// span is the range of known publication times in a cluster.
type span struct {
	lo, hi int64
	dated  bool
}

func (s span) union(o span) span {
	switch {
	case !s.dated:
		return o
	case !o.dated:
		return s
	}
	return span{min(s.lo, o.lo), max(s.hi, o.hi), true}
}

// linearState is what AverageLink keeps per cluster for a [Linear]
// similarity: the summed vector (only for clusters of two or more; a
// single item's is its own vector) and the time span.
type linearState struct {
	lin  *Linear
	sum  map[int32][]Entry
	span []span
}

func newLinearState(lin *Linear, members [][]int32) *linearState {
	st := &linearState{lin: lin, sum: map[int32][]Entry{}, span: make([]span, len(members))}
	for x, ms := range members {
		for _, i := range ms {
			st.span[x] = st.span[x].union(st.itemSpan(i))
		}
		if len(ms) > 1 {
			st.sum[int32(x)] = sumVecs(lin, ms)
		}
	}
	return st
}

// sumVecs returns the sum of the members' vectors in time linear in their
// total length (up to a sort), where adding them one by one would be
// quadratic for a big cluster whose vectors differ in many keys. Each
// key's weights are added in member order, as one-by-one addition would.
func sumVecs(lin *Linear, ms []int32) []Entry {
	var all []Entry
	for _, i := range ms {
		all = lin.Vec(all, int(i))
	}
	slices.SortStableFunc(all, func(a, b Entry) int { return cmp.Compare(a.Key, b.Key) })
	out := all[:0]
	for _, e := range all {
		if n := len(out); n > 0 && out[n-1].Key == e.Key {
			out[n-1].W += e.W
		} else {
			out = append(out, e)
		}
	}
	return slices.Clip(out)
}

func (st *linearState) itemSpan(i int32) span {
	if st.lin.Time == nil || st.lin.Time[i] == noDate {
		return span{}
	}
	return span{st.lin.Time[i], st.lin.Time[i], true}
}

// together reports whether the window keeps every cross pair of x and y
// together: then their cross sum is the dot product of their sums.
func (st *linearState) together(x, y int32) bool {
	if st.lin.Window <= 0 {
		return true
	}
	a, b := st.span[x], st.span[y]
	if !a.dated || !b.dated {
		return true
	}
	return max(a.hi-b.lo, b.hi-a.lo) <= st.lin.Window
}

// entryBufs holds the buffers single items' vectors are built into.
var entryBufs = sync.Pool{New: func() any { return new([]Entry) }}

// vec is cluster x's vector: its sum, or its single member's vector
// built into *buf (valid until *buf is reused).
func (st *linearState) vec(buf *[]Entry, x int32, members []int32) []Entry {
	if s, ok := st.sum[x]; ok {
		return s
	}
	*buf = st.lin.Vec((*buf)[:0], int(members[0]))
	return *buf
}

// dot is the dot product of the vectors of clusters x and y.
func (st *linearState) dot(x int32, mx []int32, y int32, my []int32) float64 {
	bx, by := entryBufs.Get().(*[]Entry), entryBufs.Get().(*[]Entry)
	s := Dot(st.vec(bx, x, mx), st.vec(by, y, my))
	entryBufs.Put(bx)
	entryBufs.Put(by)
	return s
}

// merge records that y was folded into x.
func (st *linearState) merge(x, y int32, mx, my []int32) {
	bx, by := entryBufs.Get().(*[]Entry), entryBufs.Get().(*[]Entry)
	st.sum[x] = addEntries(st.vec(bx, x, mx), st.vec(by, y, my))
	entryBufs.Put(bx)
	entryBufs.Put(by)
	delete(st.sum, y)
	st.span[x] = st.span[x].union(st.span[y])
}

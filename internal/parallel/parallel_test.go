package parallel

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
)

// Every k of the range is called once, whatever the cores and the range.
func TestCallsEachOnce(t *testing.T) {
	for name, loop := range map[string]func(int, func(int)){"For": For, "Each": Each} {
		for _, procs := range []int{1, 2, 3, 8} {
			old := runtime.GOMAXPROCS(procs)
			for _, n := range []int{0, 1, 2, 7, 8, 9, 1000} {
				calls := make([]atomic.Int32, n)
				loop(n, func(k int) { calls[k].Add(1) })
				for k := range calls {
					if c := calls[k].Load(); c != 1 {
						t.Errorf("%s, GOMAXPROCS %d, n %d: fn(%d) called %d times, want once", name, procs, n, k, c)
					}
				}
			}
			runtime.GOMAXPROCS(old)
		}
	}
}

// Ordered consumes every result once, in order, whatever the cores, and
// never holds more than its window of results produced and not consumed.
func TestOrdered(t *testing.T) {
	for _, procs := range []int{1, 2, 3, 8} {
		old := runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, 2, 7, 8, 9, 1000} {
			var held, most atomic.Int64
			var got []int
			err := Ordered(n, func(k int) (int, error) {
				h := held.Add(1)
				for m := most.Load(); h > m && !most.CompareAndSwap(m, h); m = most.Load() {
				}
				return k * k, nil
			}, func(k, v int) error {
				held.Add(-1)
				if v != k*k {
					t.Errorf("GOMAXPROCS %d, n %d: consume(%d, %d), want value %d", procs, n, k, v, k*k)
				}
				got = append(got, k)
				return nil
			})
			if err != nil {
				t.Fatalf("GOMAXPROCS %d, n %d: %v", procs, n, err)
			}
			if len(got) != n {
				t.Errorf("GOMAXPROCS %d, n %d: consumed %d results", procs, n, len(got))
			}
			for i, k := range got {
				if i != k {
					t.Fatalf("GOMAXPROCS %d, n %d: result %d consumed at position %d", procs, n, k, i)
				}
			}
			if window := int64(2 * min(procs, n)); most.Load() > window {
				t.Errorf("GOMAXPROCS %d, n %d: %d results held at once, want at most %d", procs, n, most.Load(), window)
			}
		}
		runtime.GOMAXPROCS(old)
	}
}

// The first error in order is returned, whether produce or consume
// failed, and nothing after it is consumed.
func TestOrderedFirstError(t *testing.T) {
	errAt := func(k int) error { return fmt.Errorf("failed at %d", k) }
	for _, procs := range []int{1, 2, 8} {
		old := runtime.GOMAXPROCS(procs)
		for _, tc := range []struct {
			name             string
			produce, consume map[int]bool
			want             string
			last             int // the last k consumed
		}{
			{"produce", map[int]bool{40: true, 41: true, 90: true}, nil, "failed at 40", 39},
			{"consume", nil, map[int]bool{17: true, 60: true}, "failed at 17", 17},
			{"consume first", map[int]bool{50: true}, map[int]bool{20: true}, "failed at 20", 20},
			{"produce first", map[int]bool{20: true}, map[int]bool{50: true}, "failed at 20", 19},
		} {
			last := -1
			err := Ordered(100, func(k int) (int, error) {
				if tc.produce[k] {
					return 0, errAt(k)
				}
				return k, nil
			}, func(k, v int) error {
				last = k
				if tc.consume[k] {
					return errAt(k)
				}
				return nil
			})
			if err == nil || err.Error() != tc.want {
				t.Errorf("GOMAXPROCS %d, %s: error %v, want %q", procs, tc.name, err, tc.want)
			}
			if last != tc.last {
				t.Errorf("GOMAXPROCS %d, %s: last consumed %d, want %d", procs, tc.name, last, tc.last)
			}
		}
		runtime.GOMAXPROCS(old)
	}
}

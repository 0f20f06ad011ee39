package parallel

import (
	"runtime"
	"sync/atomic"
	"testing"
)

func TestFor(t *testing.T) {
	for _, procs := range []int{1, 2, 3, 8} {
		old := runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, 2, 7, 8, 9, 1000} {
			calls := make([]atomic.Int32, n)
			For(n, func(k int) { calls[k].Add(1) })
			for k := range calls {
				if c := calls[k].Load(); c != 1 {
					t.Errorf("GOMAXPROCS %d, n %d: fn(%d) called %d times, want once", procs, n, k, c)
				}
			}
		}
		runtime.GOMAXPROCS(old)
	}
}

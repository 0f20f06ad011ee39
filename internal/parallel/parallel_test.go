package parallel

import (
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

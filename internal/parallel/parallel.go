// Package parallel runs the iterations of a loop on all cores.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls fn(k) for every k in [0, n), on GOMAXPROCS goroutines that
// each take one contiguous chunk of the range, and returns when all calls
// have returned. fn must be safe to call concurrently for different k;
// results written to slot k of a slice are deterministic whatever the
// number of cores.
func For(n int, fn func(k int)) {
	workers := runtime.GOMAXPROCS(0)
	chunk := (n + workers - 1) / workers
	var wg sync.WaitGroup
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := lo; k < hi; k++ {
				fn(k)
			}
		}()
	}
	wg.Wait()
}

// Each calls fn(k) for every k in [0, n) on up to GOMAXPROCS goroutines
// that take the next k as each finishes one, and returns when all calls
// have returned: for iterations of uneven cost, such as groups sorted by
// size. As with For, fn must be safe to call concurrently for different
// k, and results written to slot k are deterministic.
func Each(n int, fn func(k int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := int(next.Add(1) - 1); k < n; k = int(next.Add(1) - 1) {
				fn(k)
			}
		}()
	}
	wg.Wait()
}

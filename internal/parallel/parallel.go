// Package parallel runs the iterations of a loop on all cores.
package parallel

import (
	"runtime"
	"sync"
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

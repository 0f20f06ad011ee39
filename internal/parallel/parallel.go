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

// Ordered calls produce(k) for every k in [0, n) on up to GOMAXPROCS
// goroutines, as Each does, and consume(k, v) with each result in the
// order of k, on the calling goroutine, as soon as the results before it
// have been consumed: a stream whose output does not depend on the number
// of cores. At most window results (2 per goroutine) are held at a time,
// produced but not yet consumed, so a long stream of large results takes
// the memory of a few.
//
// The first error in order ends the stream and is returned: an error of
// produce(k) once every result before k has been consumed, or an error of
// consume. The calls already started finish; no other call starts.
func Ordered[T any](n int, produce func(k int) (T, error), consume func(k int, v T) error) error {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 0 {
		return nil
	}
	type result struct {
		v   T
		err error
	}
	// A goroutine takes a token before it takes the next k and the
	// consumer gives it back once it has consumed a result, so at most
	// window values of k are taken and not consumed. The slot of k,
	// ring[k%window], was therefore emptied when k-window was consumed,
	// and a send to it never blocks.
	window := 2 * workers
	tokens := make(chan struct{}, window)
	ring := make([]chan result, window)
	for i := range ring {
		ring[i] = make(chan result, 1)
	}
	quit := make(chan struct{})
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case tokens <- struct{}{}:
				case <-quit:
					return
				}
				select {
				case <-quit:
					return
				default:
				}
				k := int(next.Add(1) - 1)
				if k >= n {
					return
				}
				v, err := produce(k)
				ring[k%window] <- result{v, err}
			}
		}()
	}
	var err error
	for k := 0; k < n && err == nil; k++ {
		r := <-ring[k%window]
		if err = r.err; err == nil {
			err = consume(k, r.v)
		}
		<-tokens
	}
	close(quit)
	wg.Wait()
	return err
}

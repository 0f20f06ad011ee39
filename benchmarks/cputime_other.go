//go:build !linux

package benchmarks

import "time"

// threadCPU falls back to the wall clock where thread CPU time is not
// read.
func threadCPU() time.Duration { return wallClock() }

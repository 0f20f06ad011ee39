package main

import (
	"fmt"
	"os"
	"strconv"
)

// A write to the index (dedup with an index, index) lowers its own CPU
// priority, so that the reads it runs beside (search, show, similar,
// groups, which answer from the last committed snapshot) are scheduled
// first and keep their latency: a regroup of a large index takes minutes
// and would otherwise share every core equally with them. It still gets
// all the CPU nobody else wants.

// defaultWriteNice is the nice value a write gives itself unless
// WIREDIFF_WRITE_NICE says otherwise.
const defaultWriteNice = 10

// writeNice is the nice value of write commands; 0 leaves the priority
// as it is. main sets it (tests run commands in their own process and
// leave it at 0).
var writeNice int

// writeNiceFromEnv reads WIREDIFF_WRITE_NICE: a nice value from 0 (the
// priority is left as it is) to 19.
func writeNiceFromEnv() (int, error) {
	s, ok := os.LookupEnv("WIREDIFF_WRITE_NICE")
	if !ok || s == "" {
		return defaultWriteNice, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 19 {
		return defaultWriteNice, fmt.Errorf("WIREDIFF_WRITE_NICE=%q: want a nice value from 0 (keep the priority) to 19; using %d", s, defaultWriteNice)
	}
	return n, nil
}

// yieldToReaders lowers the priority of a write command to writeNice
// (never raising it); a failure is reported on stderr and the write goes
// on.
func yieldToReaders(e *env) {
	if writeNice <= 0 {
		return
	}
	if err := lowerPriority(writeNice); err != nil {
		fmt.Fprintf(e.stderr, "wirediff: could not lower the priority of this write (readers may be slower meanwhile): %v\n", err)
	}
}

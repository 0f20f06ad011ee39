package main

import (
	"math"
	"os"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSetMemoryLimit(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(old) })
	for _, k := range []string{"GOMEMLIMIT", "AUTOMEMLIMIT"} {
		t.Setenv(k, "") // restored after the test
		os.Unsetenv(k)
	}
	debug.SetMemoryLimit(math.MaxInt64)
	setMemoryLimit()
	limit := debug.SetMemoryLimit(-1)
	assert.Less(t, limit, int64(math.MaxInt64), "a limit from the cgroup or physical memory")
	assert.Greater(t, limit, int64(64<<20))

	// GOMEMLIMIT set by the user wins.
	t.Setenv("GOMEMLIMIT", "1GiB")
	debug.SetMemoryLimit(math.MaxInt64)
	setMemoryLimit()
	assert.Equal(t, int64(math.MaxInt64), debug.SetMemoryLimit(-1), "left alone when GOMEMLIMIT is set")
}

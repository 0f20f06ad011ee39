package main

import (
	"bytes"
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
	var stderr bytes.Buffer
	debug.SetMemoryLimit(math.MaxInt64)
	setMemoryLimit(&stderr)
	limit := debug.SetMemoryLimit(-1)
	assert.Less(t, limit, int64(math.MaxInt64), "a limit from the cgroup or physical memory")
	assert.Greater(t, limit, int64(64<<20))
	assert.Empty(t, stderr.String())

	// GOMEMLIMIT set by the user wins.
	t.Setenv("GOMEMLIMIT", "1GiB")
	debug.SetMemoryLimit(math.MaxInt64)
	setMemoryLimit(&stderr)
	assert.Equal(t, int64(math.MaxInt64), debug.SetMemoryLimit(-1), "left alone when GOMEMLIMIT is set")
	os.Unsetenv("GOMEMLIMIT")

	// AUTOMEMLIMIT changes the ratio, or turns the limit off.
	t.Setenv("AUTOMEMLIMIT", "0.45")
	debug.SetMemoryLimit(math.MaxInt64)
	setMemoryLimit(&stderr)
	assert.InDelta(t, float64(limit)/2, float64(debug.SetMemoryLimit(-1)), float64(limit)/100, "half the default ratio")
	t.Setenv("AUTOMEMLIMIT", "off")
	debug.SetMemoryLimit(math.MaxInt64)
	setMemoryLimit(&stderr)
	assert.Equal(t, int64(math.MaxInt64), debug.SetMemoryLimit(-1), "off")
	assert.Empty(t, stderr.String())
}

// An AUTOMEMLIMIT that is not off or a ratio in (0, 1] is reported, and
// the default ratio applies rather than no limit.
func TestSetMemoryLimitBadRatio(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(old) })
	t.Setenv("GOMEMLIMIT", "")
	os.Unsetenv("GOMEMLIMIT")
	t.Setenv("AUTOMEMLIMIT", "")
	os.Unsetenv("AUTOMEMLIMIT")
	debug.SetMemoryLimit(math.MaxInt64)
	setMemoryLimit(&bytes.Buffer{})
	want := debug.SetMemoryLimit(-1)
	for _, bad := range []string{"50%", "1.5", "0", "-0.5", "NaN", "", "OFF"} {
		t.Setenv("AUTOMEMLIMIT", bad)
		var stderr bytes.Buffer
		debug.SetMemoryLimit(math.MaxInt64)
		setMemoryLimit(&stderr)
		assert.Equal(t, want, debug.SetMemoryLimit(-1), "AUTOMEMLIMIT=%q: the default ratio", bad)
		assert.Contains(t, stderr.String(), "wirediff: AUTOMEMLIMIT=\""+bad+"\": want off or a share of memory in (0, 1]")
		_, set := os.LookupEnv("AUTOMEMLIMIT")
		assert.False(t, set, "unset for the processes started")
	}
}

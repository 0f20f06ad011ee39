package benchmarks

import (
	"runtime"
	"testing"
	"time"
)

func TestThreadCPU(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	t0 := threadCPU()
	deadline := time.Now().Add(30 * time.Millisecond)
	x := 0
	for time.Now().Before(deadline) {
		x++
	}
	d := threadCPU() - t0
	if d <= 0 || d > time.Second {
		t.Errorf("threadCPU advanced by %v over a 30 ms busy loop (%d spins)", d, x)
	}
}

func BenchmarkThreadCPU(b *testing.B) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	for b.Loop() {
		threadCPU()
	}
}

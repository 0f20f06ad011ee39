//go:build linux

package benchmarks

import (
	"syscall"
	"time"
	"unsafe"
)

// clockThreadCPU is CLOCK_THREAD_CPUTIME_ID of <time.h>.
const clockThreadCPU = 3

// threadCPU returns the CPU time of the calling OS thread (lock the
// goroutine to its thread around measurements), so that time the thread
// waits for a core on a busy machine does not count.
func threadCPU() time.Duration {
	var ts syscall.Timespec
	_, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPU, uintptr(unsafe.Pointer(&ts)), 0)
	if errno != 0 {
		return wallClock()
	}
	return time.Duration(ts.Nano())
}

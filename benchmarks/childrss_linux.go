//go:build linux

package benchmarks

import (
	"os"
	"syscall"
)

// childRSSMB returns the peak resident set size, in MB, of a process that
// has exited.
func childRSSMB(ps *os.ProcessState) float64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return float64(ru.Maxrss) / 1024 // kilobytes on Linux
	}
	return 0
}

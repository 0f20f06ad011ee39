//go:build unix

package index

import (
	"os"
	"syscall"
)

// errWouldBlock is the error of a lock another process holds.
var errWouldBlock = syscall.EWOULDBLOCK

// lockFile takes an advisory flock(2) on f without blocking; it is
// released when f is closed.
func lockFile(f *os.File, shared bool) error {
	how := syscall.LOCK_EX
	if shared {
		how = syscall.LOCK_SH
	}
	return syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
}

//go:build windows

package index

import (
	"os"

	"golang.org/x/sys/windows"
)

// errWouldBlock is the error of a lock another process holds.
var errWouldBlock = windows.ERROR_LOCK_VIOLATION

// lockFile locks the first byte of f with LockFileEx without blocking;
// the lock is released when f is closed.
func lockFile(f *os.File, shared bool) error {
	flags := uint32(windows.LOCKFILE_FAIL_IMMEDIATELY)
	if !shared {
		flags |= windows.LOCKFILE_EXCLUSIVE_LOCK
	}
	return windows.LockFileEx(windows.Handle(f.Fd()), flags, 0, 1, 0, new(windows.Overlapped))
}

//go:build !unix && !windows

package index

import (
	"errors"
	"os"
)

// errWouldBlock is the error of a lock another process holds.
var errWouldBlock = errors.New("locked")

// lockFile takes no lock where the system has no file locks (js, wasip1,
// plan9): one process at a time must use an index there.
func lockFile(f *os.File, shared bool) error { return nil }

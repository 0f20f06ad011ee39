package tmpfile

import (
	"os"

	"golang.org/x/sys/unix"
)

// unnamed opens a file in dir (or os.TempDir) that has no name from the
// start (O_TMPFILE); nil where the file system cannot.
func unnamed(dir string) *os.File {
	if dir == "" {
		dir = os.TempDir()
	}
	f, err := os.OpenFile(dir, os.O_RDWR|unix.O_TMPFILE, 0o600)
	if err != nil {
		return nil
	}
	return f
}

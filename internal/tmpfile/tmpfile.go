// Package tmpfile opens temporary files that leave nothing behind: the
// spools a run writes once and reads back; and replaces a file through a
// temporary one beside it, so that it is never found half written
// ([Replace]).
package tmpfile

import (
	"fmt"
	"os"
)

// File is a temporary file open for reading and writing.
type File struct {
	*os.File
	named bool // still in its directory: Remove takes it out
}

// New opens a temporary file in dir (os.TempDir when dir is empty). The
// file has no name from the start where the file system allows it
// (O_TMPFILE on Linux), so that not even a kill can leave it behind;
// else it is created with [os.CreateTemp]'s pattern and removed from its
// directory at once where the system lets an open file be removed
// (Unix). Either way the system frees it when the process ends, however
// it ends. Elsewhere (Windows) [File.Remove] removes it.
func New(dir, pattern string) (*File, error) {
	if f := unnamed(dir); f != nil {
		return &File{File: f}, nil
	}
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, fmt.Errorf("temporary file: %w", err)
	}
	return &File{File: f, named: os.Remove(f.Name()) != nil}, nil
}

// Remove closes the file and removes it from its directory if it is
// still there.
func (f *File) Remove() {
	f.Close()
	if f.named {
		os.Remove(f.Name())
	}
}

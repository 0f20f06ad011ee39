package corpus

import (
	"compress/bzip2"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// compression returns the name of the file at path without its
// compression's extension (.gz or .bz2), read by the extension left, and
// the function that decompresses its content; nil for a file that is not
// compressed.
func compression(path string) (name string, decompress func(io.Reader) (io.Reader, error)) {
	switch ext := filepath.Ext(path); strings.ToLower(ext) {
	case ".gz":
		return strings.TrimSuffix(path, ext), func(rd io.Reader) (io.Reader, error) {
			zr, err := gzip.NewReader(rd)
			if err != nil {
				return nil, fmt.Errorf("not gzip data: %w", err)
			}
			return decompressed{zr, "gzip"}, nil
		}
	case ".bz2":
		return strings.TrimSuffix(path, ext), func(rd io.Reader) (io.Reader, error) {
			return decompressed{bzip2.NewReader(rd), "bzip2"}, nil
		}
	}
	return path, nil
}

// decompressed is a decompressing reader whose errors say that the
// compressed data is at fault (truncated or corrupt), not the file system.
type decompressed struct {
	r    io.Reader
	kind string
}

func (d decompressed) Read(p []byte) (int, error) {
	n, err := d.r.Read(p)
	switch {
	case err == nil || err == io.EOF:
	case err == io.ErrUnexpectedEOF:
		err = fmt.Errorf("%s data ends early (a truncated file?): %w", d.kind, err)
	case errors.Is(err, gzip.ErrChecksum):
		// Checked at the end of the data: what came before was read.
		err = fmt.Errorf("%s data fails its checksum, so the records read before this line may hold damaged text: %w", d.kind, err)
	default:
		err = fmt.Errorf("%s data is corrupt: %w", d.kind, err)
	}
	return n, err
}

package corpus

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// ErrNoInput is returned by [CheckPaths] when not one input path exists.
var ErrNoInput = errors.New("no input")

// CheckPaths fails when not one of paths exists ("-", standard input,
// always does), with [ErrNoInput] and the first path's error: a mistyped
// name should stop a run before it creates anything. When some exist,
// the missing ones are bad input like any other, which [Read] reports
// and counts.
func CheckPaths(paths []string) error {
	var first error
	for _, p := range paths {
		if p == "-" {
			return nil
		}
		_, err := os.Stat(p)
		if err == nil {
			return nil
		}
		if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
			err = fmt.Errorf("%s: %w", pe.Path, pe.Err)
		}
		if first == nil {
			first = err
		}
	}
	if first == nil {
		return nil
	}
	return fmt.Errorf("%w: %w", ErrNoInput, first)
}

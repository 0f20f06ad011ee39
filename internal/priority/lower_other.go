//go:build !unix && !windows

package priority

// Lower does nothing where there is no nice value.
func Lower(int) error { return nil }

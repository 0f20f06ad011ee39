//go:build !unix && !windows

package main

// lowerPriority does nothing where there is no nice value.
func lowerPriority(int) error { return nil }

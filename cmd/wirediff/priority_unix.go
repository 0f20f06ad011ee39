//go:build unix && !linux

package main

import "syscall"

// lowerPriority sets the nice value of the process to nice, unless it is
// already nicer.
func lowerPriority(nice int) error {
	cur, err := syscall.Getpriority(syscall.PRIO_PROCESS, 0)
	if err != nil || cur >= nice {
		return err
	}
	return syscall.Setpriority(syscall.PRIO_PROCESS, 0, nice)
}

//go:build unix && !linux

package priority

import "syscall"

// Lower sets the nice value of the process to nice, unless it is
// already nicer.
func Lower(nice int) error {
	cur, err := syscall.Getpriority(syscall.PRIO_PROCESS, 0)
	if err != nil || cur >= nice {
		return err
	}
	return syscall.Setpriority(syscall.PRIO_PROCESS, 0, nice)
}

package priority

import (
	"errors"
	"os"
	"strconv"
	"syscall"
)

// Lower sets the nice value of every thread of the process to
// nice, unless it is already nicer. On Linux a nice value belongs to a
// thread, not the process, and a new thread takes its creator's: every
// thread is set, over passes until a pass finds no new one.
func Lower(nice int) error {
	done := map[int]bool{}
	for pass := 0; pass < 5; pass++ {
		tasks, err := os.ReadDir("/proc/self/task")
		if err != nil {
			return err
		}
		found := false
		for _, task := range tasks {
			tid, err := strconv.Atoi(task.Name())
			if err != nil || done[tid] {
				continue
			}
			done[tid], found = true, true
			// The raw getpriority(2) of Linux: 20 - nice.
			raw, err := syscall.Getpriority(syscall.PRIO_PROCESS, tid)
			if errors.Is(err, syscall.ESRCH) {
				continue // the thread has exited
			}
			if err != nil {
				return err
			}
			if 20-raw >= nice {
				continue
			}
			if err := syscall.Setpriority(syscall.PRIO_PROCESS, tid, nice); err != nil && !errors.Is(err, syscall.ESRCH) {
				return err
			}
		}
		if !found {
			return nil
		}
	}
	return nil
}

package priority

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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

// Nices reads the nice value of each thread of process pid (0 is this
// process), by thread ID. A thread that exits while it is read is left
// out.
func Nices(pid int) (map[int]int, error) {
	dir := "/proc/self/task"
	if pid != 0 {
		dir = filepath.Join("/proc", strconv.Itoa(pid), "task")
	}
	tasks, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	out := map[int]int{}
	for _, task := range tasks {
		stat, err := os.ReadFile(filepath.Join(dir, task.Name(), "stat"))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		// The fields after the command name (in parentheses): state is
		// field 3 of proc(5), nice field 19.
		s := string(stat)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
		if len(f) <= 19-3 {
			return nil, fmt.Errorf("%s/%s/stat: %d fields, want 19 or more", dir, task.Name(), len(f)+2)
		}
		n, err := strconv.Atoi(f[19-3])
		if err != nil {
			return nil, fmt.Errorf("%s/%s/stat: nice: %w", dir, task.Name(), err)
		}
		tid, err := strconv.Atoi(task.Name())
		if err != nil {
			return nil, fmt.Errorf("%s: task %q: %w", dir, task.Name(), err)
		}
		out[tid] = n
	}
	return out, nil
}

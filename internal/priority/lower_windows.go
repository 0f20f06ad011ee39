package priority

import "golang.org/x/sys/windows"

// Lower puts the process in the below-normal priority class
// (Windows has no nice values: any nice value maps to it).
func Lower(int) error {
	return windows.SetPriorityClass(windows.CurrentProcess(), windows.BELOW_NORMAL_PRIORITY_CLASS)
}

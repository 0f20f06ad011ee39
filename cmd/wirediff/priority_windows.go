package main

import "golang.org/x/sys/windows"

// lowerPriority puts the process in the below-normal priority class
// (Windows has no nice values: any nice value maps to it).
func lowerPriority(int) error {
	return windows.SetPriorityClass(windows.CurrentProcess(), windows.BELOW_NORMAL_PRIORITY_CLASS)
}

// Package priority lowers the CPU priority of a process that writes an
// index, so that the reads it runs beside are scheduled first.
//
// A write to the index (dedup with an index, index) takes minutes over a
// large index and would otherwise share every core equally with the
// reads (search, show, similar, groups, which answer from the last
// committed snapshot); at a lower priority it still gets all the CPU
// nobody else wants. Nice values exist on Unix; Windows has priority
// classes instead, and other systems neither (there [Lower] does
// nothing).
package priority

import (
	"fmt"
	"os"
	"strconv"
)

// DefaultWriteNice is the nice value a write gives itself unless
// [EnvVar] says otherwise.
const DefaultWriteNice = 10

// EnvVar names the environment variable that sets a write's nice value.
const EnvVar = "WIREDIFF_WRITE_NICE"

// WriteNice returns the nice value [EnvVar] asks for, from 0 (the
// priority is left as it is) to 19, or [DefaultWriteNice] when it is
// unset or empty. A value out of range or not a number is an error, and
// DefaultWriteNice is returned with it.
func WriteNice() (int, error) {
	s, ok := os.LookupEnv(EnvVar)
	if !ok || s == "" {
		return DefaultWriteNice, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 19 {
		return DefaultWriteNice, fmt.Errorf("%s=%q: want a nice value from 0 (keep the priority) to 19; using %d", EnvVar, s, DefaultWriteNice)
	}
	return n, nil
}

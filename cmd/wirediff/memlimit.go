package main

import (
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/KimMachineGun/automemlimit/memlimit"
)

// memoryRatio is the share of the machine's (or the container's) memory
// the Go heap may grow to before the collector works harder to stay
// under it.
const memoryRatio = 0.9

// setMemoryLimit sets the runtime's soft memory limit to memoryRatio of
// the cgroup memory limit, or of physical memory outside a limited
// cgroup, unless GOMEMLIMIT is set (AUTOMEMLIMIT=off turns it off, a
// value in (0, 1] changes the ratio). A batch run holds every article's
// features, and by default the heap may grow to twice what is live
// before a collection: near the limit the collector runs more often
// instead, so a corpus whose features fit still runs on a smaller
// machine, only slower. A failure to read the limit leaves the runtime's
// default.
//
// Any other AUTOMEMLIMIT is reported on stderr and memoryRatio applies,
// rather than no limit at all; the variable is unset, so the processes
// this one starts (bench run's) take the same limit without saying so
// again.
func setMemoryLimit(stderr io.Writer) {
	if v, ok := os.LookupEnv("AUTOMEMLIMIT"); ok && v != "off" {
		if r, err := strconv.ParseFloat(v, 64); err != nil || !(r > 0 && r <= 1) {
			fmt.Fprintf(stderr, "wirediff: AUTOMEMLIMIT=%q: want off or a share of memory in (0, 1] such as 0.5; using %g\n", v, memoryRatio)
			os.Unsetenv("AUTOMEMLIMIT")
		}
	}
	_, _ = memlimit.Set(
		memlimit.WithRatio(memoryRatio),
		memlimit.WithProvider(memlimit.ApplyFallback(memlimit.FromCgroup, memlimit.FromSystem)),
	)
}

package main

import (
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
func setMemoryLimit() {
	_, _ = memlimit.Set(
		memlimit.WithRatio(memoryRatio),
		memlimit.WithProvider(memlimit.ApplyFallback(memlimit.FromCgroup, memlimit.FromSystem)),
	)
}

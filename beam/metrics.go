package beam

import (
	"fmt"
	"sort"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
)

// Counts are the counters of a finished run.
type Counts map[string]int64

// RunCounts returns the wirediff counters of a run (summed over steps).
// A runner that reports no metrics gives an empty map.
func RunCounts(res beam.PipelineResult) Counts {
	out := Counts{}
	if res == nil {
		return out
	}
	for _, c := range res.Metrics().AllMetrics().Counters() {
		if c.Namespace() == "wirediff" {
			out[c.Name()] += c.Result()
		}
	}
	return out
}

// Summary is the run's summary line, in the spirit of the wirediff
// command's.
func (c Counts) Summary() string {
	var extra []string
	for _, k := range []string{"candidates-lsh", "candidates-mlt", "pairs-reaching-a-threshold", "components", "lsh-skipped-buckets"} {
		if v, ok := c[k]; ok {
			extra = append(extra, fmt.Sprintf("%s %d", k, v))
		}
	}
	sort.Strings(extra)
	return fmt.Sprintf("read %d articles from %d files, skipped %d; %s", c["articles"], c["files"], c["skipped"], strings.Join(extra, ", "))
}

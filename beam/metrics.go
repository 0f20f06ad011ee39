package beam

import (
	"fmt"
	"sort"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/metrics"

	"github.com/wirediff/wirediff/listing"
)

// Counts are the counters of a finished run.
type Counts map[string]int64

// RunCounts returns the wirediff counters of a run (summed over steps).
// A runner that reports no metrics gives an empty map.
func RunCounts(res beam.PipelineResult) Counts {
	out := Counts{}
	m, ok := metricsOf(res)
	if !ok {
		return out
	}
	all := m.AllMetrics()
	for _, c := range all.Counters() {
		if c.Namespace() == "wirediff" {
			out[c.Name()] += c.Result()
		}
	}
	for _, d := range all.Distributions() {
		if d.Namespace() != "wirediff" {
			continue
		}
		switch d.Name() {
		case "component-size":
			out["largest-component"] = max(out["largest-component"], d.Result().Max)
		case "component-ms":
			out["slowest-component-ms"] = max(out["slowest-component-ms"], d.Result().Max)
			out["components-ms"] += d.Result().Sum
		}
	}
	return out
}

// metricsOf returns the metrics of res, if it has any: a runner that did
// not run the job gives no result, and the universal runner's result of
// a job submitted with --async has none (its Metrics panics).
func metricsOf(res beam.PipelineResult) (m metrics.Results, ok bool) {
	if res == nil {
		return m, false
	}
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return res.Metrics(), true
}

// HasMetrics reports whether res holds the job's metrics: a job
// submitted with --async has none yet.
func HasMetrics(res beam.PipelineResult) bool {
	_, ok := metricsOf(res)
	return ok
}

// Summary is the run's summary line, in the spirit of the wirediff
// command's.
func (c Counts) Summary() string {
	var extra []string
	for _, k := range []string{"candidates-lsh", "candidates-mlt", "pairs-reaching-a-threshold", "components", "largest-component", "slowest-component-ms", "components-ms", "lsh-skipped-buckets", "exact-duplicates"} {
		if v, ok := c[k]; ok {
			extra = append(extra, fmt.Sprintf("%s %d", k, v))
		}
	}
	sort.Strings(extra)
	line := fmt.Sprintf("read %s from %s, skipped %d", listing.Plural(int(c["articles"]), "article"), listing.Plural(int(c["files"]), "file"), c["skipped"])
	if n := c["unread-dates"]; n > 0 {
		line += fmt.Sprintf(", %d kept without a publication time (not a date)", n)
	}
	if n := c["fallback-decoded"]; n > 0 {
		line += fmt.Sprintf(", %d decoded from the --encoding fallback (not UTF-8)", n)
	}
	if n := c["mixed-date-order"]; n > 0 {
		line += fmt.Sprintf(", %d files with dates that read either way, read month first, beside one that reads only day first (--date-order dmy)", n)
	}
	if len(extra) > 0 {
		line += "; " + strings.Join(extra, ", ")
	}
	return line
}

// PCollectionSize is the size of one PCollection of a run: its elements
// and their bytes (the elements times the mean size of those the runner
// sampled), by the step that produced it.
type PCollectionSize struct {
	Step            string
	Elements, Bytes int64
}

// PCollectionSizes lists the runner's PCollection metrics, largest first.
// Prism and Dataflow report them; the bytes of the PCollections that
// enter a GroupByKey are the shuffle.
func PCollectionSizes(res beam.PipelineResult) []PCollectionSize {
	m, ok := metricsOf(res)
	if !ok {
		return nil
	}
	var out []PCollectionSize
	for _, p := range m.AllMetrics().PCols() {
		v := p.Result()
		var bytes int64
		if d := v.SampledByteSize; d.Count > 0 {
			bytes = int64(float64(v.ElementCount) * float64(d.Sum) / float64(d.Count))
		}
		out = append(out, PCollectionSize{Step: p.Key.Step, Elements: v.ElementCount, Bytes: bytes})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Bytes > out[j].Bytes })
	return out
}

// LargestComponent says, when one connected component holds at least
// least articles and more than share of the articles read, how many it
// holds: one worker groups it, so its grouping does not scale out with
// the workers.
func (c Counts) LargestComponent(share float64, least int64) (string, bool) {
	n, all := c["largest-component"], c["articles"]
	if n < least || float64(n) <= share*float64(all) {
		return "", false
	}
	return fmt.Sprintf("one connected component holds %d of the %d articles (%.0f%%) and was grouped by one worker in %.1f s; grouping it does not scale with the workers (see --max-component)",
		n, all, 100*float64(n)/float64(all), float64(c["slowest-component-ms"])/1000), true
}

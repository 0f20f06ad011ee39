package beam

import (
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/metrics"
)

// asyncResult is the result of a job submitted with --async through the
// universal runner: a job ID, and no metrics (its Metrics panics).
type asyncResult struct{}

func (asyncResult) Metrics() metrics.Results { var m *metrics.Results; return *m }
func (asyncResult) JobID() string            { return "job-001" }

// TestNoMetrics: a run with no result, or a result without metrics, has
// no counters, and no panic.
func TestNoMetrics(t *testing.T) {
	for _, res := range []struct {
		name string
		res  interface {
			Metrics() metrics.Results
			JobID() string
		}
	}{{"no result", nil}, {"submitted with --async", asyncResult{}}} {
		if HasMetrics(res.res) || len(RunCounts(res.res)) != 0 || PCollectionSizes(res.res) != nil {
			t.Errorf("%s: metrics %v, counters %v", res.name, HasMetrics(res.res), RunCounts(res.res))
		}
	}
}

func TestLargestComponent(t *testing.T) {
	for _, tc := range []struct {
		largest, articles int64
		want              bool
	}{
		{6943, 9204, true},   // most of the input in one component
		{1000, 9999, true},   // just over a tenth, and large enough
		{1000, 10000, false}, // a tenth exactly
		{5, 9, false},        // most of a small input: not worth saying
		{15, 10000, false},
		{0, 0, false}, // nothing read
	} {
		c := Counts{"largest-component": tc.largest, "articles": tc.articles, "slowest-component-ms": 4958}
		if _, got := c.LargestComponent(0.1, 1000); got != tc.want {
			t.Errorf("LargestComponent of %d in %d = %v, want %v", tc.largest, tc.articles, got, tc.want)
		}
	}
}

func TestSummary(t *testing.T) {
	for _, tc := range []struct {
		c    Counts
		want string
	}{
		{Counts{"skipped": 1}, "read 0 articles from 0 files, skipped 1"},
		{Counts{"articles": 5, "files": 5, "components": 1, "candidates-lsh": 2}, "read 5 articles from 5 files, skipped 0; candidates-lsh 2, components 1"},
		{Counts{"articles": 5, "files": 1, "fallback-decoded": 2}, "read 5 articles from 1 file, skipped 0, 2 decoded from the --encoding fallback (not UTF-8)"},
		{Counts{"articles": 1, "files": 1}, "read 1 article from 1 file, skipped 0"},
	} {
		if got := tc.c.Summary(); got != tc.want {
			t.Errorf("Summary() = %q, want %q", got, tc.want)
		}
	}
}

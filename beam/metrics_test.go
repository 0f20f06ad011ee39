package beam

import "testing"

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
		{Counts{"articles": 5, "files": 1, "fallback-decoded": 2}, "read 5 articles from 1 files, skipped 0, 2 decoded from the --encoding fallback (not UTF-8)"},
	} {
		if got := tc.c.Summary(); got != tc.want {
			t.Errorf("Summary() = %q, want %q", got, tc.want)
		}
	}
}

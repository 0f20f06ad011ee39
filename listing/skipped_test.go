package listing

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/wirediff/wirediff/corpus"
)

// TestReportInput: at most max messages of each kind per file, then one
// saying more were not shown; 0 shows all; before runs before each line.
func TestReportInput(t *testing.T) {
	for _, tt := range []struct {
		max        int
		want       []string
		beforeRuns int
	}{
		{2, []string{
			"wirediff: skipped a:1: malformed-json",
			"wirediff: skipped a:2: malformed-json",
			"wirediff: a: more skipped records not shown (counted in the summary; --show-skipped 0 shows all)",
			"wirediff: skipped b:1: malformed-json",
			"wirediff: a:5: decoded as windows-1252 (not UTF-8)",
		}, 5},
		{0, []string{
			"wirediff: skipped a:1: malformed-json",
			"wirediff: skipped a:2: malformed-json",
			"wirediff: skipped a:3: malformed-json",
			"wirediff: skipped a:4: malformed-json",
			"wirediff: skipped b:1: malformed-json",
			"wirediff: a:5: decoded as windows-1252 (not UTF-8)",
		}, 6},
	} {
		var b strings.Builder
		var opt corpus.Options
		runs := 0
		ReportInput(&b, &opt, tt.max, func() { runs++ })
		for _, p := range []corpus.Problem{{Path: "a", Line: 1}, {Path: "a", Line: 2}, {Path: "a", Line: 3}, {Path: "a", Line: 4}, {Path: "b", Line: 1}} {
			p.Reason = corpus.MalformedJSON
			opt.OnProblem(p)
		}
		opt.OnFallback(corpus.Note{Path: "a", Line: 5, Encoding: "windows-1252"})
		assert.Equal(t, strings.Join(tt.want, "\n")+"\n", b.String(), "max %d", tt.max)
		assert.Equal(t, tt.beforeRuns, runs, "max %d", tt.max)
	}
}

package benchmarks

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBenchSummary: the summary table has a row per size, the columns
// some size measured, and "-" where a size lacks one.
func TestBenchSummary(t *testing.T) {
	res := Results{}
	res.Set(1000, "copy_articles_per_s", 5123.4)
	res.Set(1000, "story_b3_f1", 0.99912)
	res.Set(10000, "copy_articles_per_s", 4000)
	var out bytes.Buffer
	require.NoError(t, res.WriteSummary(&out, []int{1000, 10000}))
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 3)
	assert.Equal(t, []string{"ARTICLES", "COPY", "art/s", "STORY", "B3", "F1"}, strings.Fields(lines[0]))
	assert.Equal(t, []string{"1000", "5123", "0.999"}, strings.Fields(lines[1]))
	assert.Equal(t, []string{"10000", "4000", "-"}, strings.Fields(lines[2]))
}

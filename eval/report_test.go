package eval

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/golden files with the current output")

// reportCase is a small corpus whose report exercises every cut: a merge of
// ten gold clusters (more parts than are shown), a part with more IDs than
// are shown, an over-long ID and label, and IDs missing from the prediction.
func reportCase() (gold, pred Clustering) {
	gold, pred = Clustering{}, Clustering{}
	// Ten small stories of 2 articles, all merged into one predicted cluster.
	for s := range 10 {
		for k := range 2 {
			id := fmt.Sprintf("wire-%02d-%d", s, k)
			gold[id] = fmt.Sprintf("story-%02d", s)
			pred[id] = "big-merge"
		}
	}
	// A story of 12 articles split into 9 + 2 + 1 missing.
	long := "a-very-long-article-identifier-from-a-feed-that-goes-on-and-on"
	for k := range 12 {
		id := fmt.Sprintf("split-%02d", k)
		if k == 11 {
			id = long
		}
		gold[id] = "story-split"
		switch {
		case k < 9:
			pred[id] = "p-main"
		case k < 11:
			pred[id] = "p-" + strings.Repeat("x", 50)
		}
	}
	// A correct story.
	gold["ok-1"], gold["ok-2"] = "story-ok", "story-ok"
	pred["ok-1"], pred["ok-2"] = "p-ok", "p-ok"
	return gold, pred
}

func TestWriteReportGolden(t *testing.T) {
	gold, pred := reportCase()
	var buf bytes.Buffer
	require.NoError(t, WriteReport(&buf, "report-case", Compare(gold, pred, 5)))

	path := filepath.Join("testdata", "golden", "report.txt")
	if *update {
		require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create %s", path)
	assert.Equal(t, string(want), buf.String(), "WriteReport output differs from %s (go test -update rewrites it)", path)
}

func TestWriteReportError(t *testing.T) {
	err := WriteReport(failWriter{}, "x", Comparison{})
	assert.ErrorContains(t, err, "disk full")
}

// The heading of the merges and of the splits counts them all, and says
// how many are listed when --worst lists fewer: "Worst merges: 0" over a
// merge not listed reads as no merge at all.
func TestWriteReportCountsUnlisted(t *testing.T) {
	gold := Clustering{"a": "x", "b": "y", "c": "z", "d": "w", "e": "v", "f": "v"}
	pred := Clustering{"a": "1", "b": "1", "c": "2", "d": "2", "e": "3", "f": "4"}
	for _, tt := range []struct {
		worst          int
		merges, splits string
	}{
		{5, "): 2\n", "): 1\n"},
		{1, "): 1 of 2\n", "): 1\n"},
		{0, "): 0 of 2\n", "): 0 of 1\n"},
	} {
		c := Compare(gold, pred, tt.worst)
		assert.Equal(t, 2, c.AllMerges)
		assert.Equal(t, 1, c.AllSplits)
		var buf bytes.Buffer
		require.NoError(t, WriteReport(&buf, "g", c))
		assert.Contains(t, buf.String(), "Worst merges (predicted clusters joining several gold clusters"+tt.merges, "worst %d", tt.worst)
		assert.Contains(t, buf.String(), "Worst splits (gold clusters spread across several predicted clusters"+tt.splits, "worst %d", tt.worst)
		assert.Len(t, c.Merges, min(tt.worst, 2))
	}
}

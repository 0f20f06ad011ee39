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
	s := Score(gold, pred)
	merges, splits := Errors(gold, pred, 5)
	var buf bytes.Buffer
	require.NoError(t, WriteReport(&buf, "report-case", s, merges, splits))

	path := filepath.Join("testdata", "golden", "report.txt")
	if *update {
		require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create %s", path)
	assert.Equal(t, string(want), buf.String(), "WriteReport output differs from %s (go test -update rewrites it)", path)
}

func TestWriteReportError(t *testing.T) {
	err := WriteReport(failWriter{}, "x", Scores{}, nil, nil)
	assert.ErrorContains(t, err, "disk full")
}

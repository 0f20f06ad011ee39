package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sharedData returns the shared/data folder beside the repository root,
// found by walking up from the working directory, or skips the test.
func sharedData(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		p := filepath.Join(dir, "shared", "data")
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("labelled data: ../shared not found")
		}
		dir = parent
	}
}

// TestECBPlusSanity scores the ECB+ dev gold against itself, against all
// singletons and against a prediction that merges each topic's two sibling
// events (the hard negatives of ECB+).
func TestECBPlusSanity(t *testing.T) {
	gold, err := ReadClusteringFile(filepath.Join(sharedData(t), "ecbplus-dev", "gold.tsv"))
	require.NoError(t, err)
	require.Len(t, gold, 772)

	self := Score(gold, gold)
	assert.Equal(t, Scores{N: 772, GoldClusters: 66, PredClusters: 66,
		Pairwise: PRF{1, 1, 1}, BCubed: PRF{1, 1, 1}, ARI: 1}, self, "Score(gold, gold)")
	merges, splits := Errors(gold, gold, 10)
	assert.Empty(t, merges)
	assert.Empty(t, splits)

	singles := Score(gold, Clustering{})
	t.Logf("ecbplus-dev all singletons: %+v", singles)
	assert.Equal(t, 772, singles.PredClusters)
	assert.Equal(t, PRF{1, 0, 0}, singles.Pairwise)
	assert.Equal(t, 1.0, singles.BCubed.Precision)
	// Each item scores 1/|its gold cluster|, so recall = clusters / N.
	assert.InDelta(t, 66.0/772, singles.BCubed.Recall, eps)
	assert.Equal(t, 0.0, singles.ARI)

	// Topic "1" of "1_10ecb" holds both sibling events 1_ecb and 1_ecbplus.
	topic := Clustering{}
	for id := range gold {
		tp, _, _ := strings.Cut(id, "_")
		topic[id] = tp
	}
	byTopic := Score(gold, topic)
	t.Logf("ecbplus-dev one cluster per topic: %+v", byTopic)
	assert.Equal(t, 1.0, byTopic.Pairwise.Recall, "merging siblings loses no gold pair")
	assert.Equal(t, 1.0, byTopic.BCubed.Recall)
	assert.Less(t, byTopic.Pairwise.Precision, 0.8, "sibling events must cost precision")
	assert.Greater(t, byTopic.ARI, 0.0)
}

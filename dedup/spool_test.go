package dedup_test

import (
	"context"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/index"
)

// TestSpoolLeavesNothing: a run with an index leaves nothing in its
// TempDir, whether it succeeds or fails; on Unix the spool is not in the
// directory even while the run uses it, so that a killed run leaves
// nothing either (cmd/wirediff's TestSpoolKilled kills one).
func TestSpoolLeavesNothing(t *testing.T) {
	ix := newIndex(t)
	tmp := t.TempDir()
	listed := -1
	opt := dedup.Options{Cluster: cluster.DefaultOptions(), Index: ix, TempDir: tmp,
		Progress: func(stage string, _ int) {
			if stage == "group" {
				entries, err := os.ReadDir(tmp)
				require.NoError(t, err)
				listed = len(entries)
			}
		}}
	res, err := dedup.Run(context.Background(), dedup.Source{Paths: []string{"-"}, Stdin: strings.NewReader(seedsJSONL(t))}, opt)
	require.NoError(t, err)
	require.Len(t, res.Docs, 5)
	n, err := ix.Count()
	require.NoError(t, err)
	assert.Equal(t, 5, n, "the spooled articles are indexed")
	if runtime.GOOS != "windows" {
		assert.Zero(t, listed, "the spool is in its directory while the run uses it")
	}
	assertEmpty(t, tmp, "after a run")

	// A run that fails after the spool was made: signing parameters
	// other than the index's.
	opt.Progress = nil
	other, err := dedup.DefaultScheme()
	require.NoError(t, err)
	other.Shingle = 4
	bad := opt
	bad.Scheme = other
	_, err = dedup.Run(context.Background(), dedup.Source{Paths: []string{"../testdata/seeds"}}, bad)
	require.ErrorIs(t, err, index.ErrMismatch)
	assertEmpty(t, tmp, "after a failed run")

	// A cancelled run.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = dedup.Run(ctx, dedup.Source{Paths: []string{"../testdata/seeds"}}, opt)
	require.ErrorIs(t, err, context.Canceled)
	assertEmpty(t, tmp, "after a cancelled run")
}

func assertEmpty(t *testing.T, dir, when string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.Empty(t, names, "%s: files left in the spool directory", when)
}

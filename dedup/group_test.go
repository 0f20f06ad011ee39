package dedup_test

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/dedup"
)

// TestGroupChoosesRun: Group runs Update (full or incremental, saying
// why) over an index when asked, and Run otherwise.
func TestGroupChoosesRun(t *testing.T) {
	lines := generatedLines(t, 300)
	ix := newIndex(t)
	opt := dedup.Options{Cluster: cluster.DefaultOptions(), Index: ix, TempDir: t.TempDir()}
	ctx := context.Background()
	uo := &dedup.UpdateOptions{Drift: dedup.DefaultDrift}

	for _, d := range []float64{0, math.NaN()} {
		_, err := dedup.Group(ctx, linesSource(lines[:10]), opt, &dedup.UpdateOptions{Drift: d})
		assert.ErrorIs(t, err, dedup.ErrDrift, "drift %v", d)
	}
	n, err := ix.Count()
	require.NoError(t, err)
	assert.Zero(t, n, "a bad drift reads nothing")

	g, err := dedup.Group(ctx, linesSource(lines[:280]), opt, uo)
	require.NoError(t, err)
	require.NotNil(t, g.Update)
	assert.True(t, g.Update.Full)
	assert.Contains(t, g.Update.Reason, "no earlier grouping")
	assert.Len(t, g.Docs, 280)

	g, err = dedup.Group(ctx, linesSource(lines[280:]), opt, uo)
	require.NoError(t, err)
	require.NotNil(t, g.Update)
	assert.False(t, g.Update.Full, g.Update.Reason)
	assert.Equal(t, 20, g.Update.New)
	assert.Same(t, g.Update.Result, g.Result)

	g, err = dedup.Group(ctx, dedup.Source{}, opt, uo)
	require.NoError(t, err)
	require.NotNil(t, g.Update)
	assert.True(t, g.Update.Full)
	assert.Equal(t, "no input", g.Update.Reason)
	assert.Len(t, g.Docs, 300)

	g, err = dedup.Group(ctx, dedup.Source{}, opt, &dedup.UpdateOptions{Full: true, Drift: -1})
	require.NoError(t, err)
	assert.Equal(t, "asked for", g.Update.Reason)

	// Not an incremental run: no update options, InputOnly, or no index.
	g, err = dedup.Group(ctx, dedup.Source{}, opt, nil)
	require.NoError(t, err)
	assert.Nil(t, g.Update)
	assert.Len(t, g.Docs, 300)
	io := opt
	io.InputOnly = true
	g, err = dedup.Group(ctx, linesSource(lines[:5]), io, uo)
	require.NoError(t, err)
	assert.Nil(t, g.Update)
	assert.Len(t, g.Docs, 5)
	mem := dedup.Options{Cluster: cluster.DefaultOptions()}
	g, err = dedup.Group(ctx, linesSource(lines[:7]), mem, uo)
	require.NoError(t, err)
	assert.Nil(t, g.Update)
	assert.Len(t, g.Docs, 7)
}

// TestGroupRegroupsAfterShrinking: an index that deletions shrank past
// the drift since its last full regroup is regrouped whole, as one that
// grew past it is; a smaller shrink is not.
func TestGroupRegroupsAfterShrinking(t *testing.T) {
	lines := generatedLines(t, 100)
	ix := newIndex(t)
	opt := dedup.Options{Cluster: cluster.DefaultOptions(), Index: ix, TempDir: t.TempDir()}
	ctx := context.Background()
	uo := &dedup.UpdateOptions{Drift: dedup.DefaultDrift}
	g, err := dedup.Group(ctx, linesSource(lines[:95]), opt, uo)
	require.NoError(t, err)
	require.True(t, g.Update.Full)
	ids := make([]string, 0, 15)
	for _, d := range g.Docs[:15] {
		ids = append(ids, d.ID)
	}
	slices.Sort(ids)

	// 95 less 5 plus one new: 91, 4.2% fewer.
	_, _, err = dedup.Delete(ix, ids[:5])
	require.NoError(t, err)
	g, err = dedup.Group(ctx, linesSource(lines[95:96]), opt, uo)
	require.NoError(t, err)
	assert.False(t, g.Update.Full, g.Update.Reason)

	// 91 less 10 plus one new: 82, 13.7% fewer than the 95 of the last
	// full regroup.
	_, _, err = dedup.Delete(ix, ids[5:])
	require.NoError(t, err)
	g, err = dedup.Group(ctx, linesSource(lines[96:97]), opt, uo)
	require.NoError(t, err)
	assert.True(t, g.Update.Full)
	assert.Contains(t, g.Update.Reason, "the index shrank by 13.7% since its last full regroup")
}

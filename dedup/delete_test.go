package dedup_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/eval"
)

// TestDeleteThenUpdate: deleting articles keeps the incremental state
// true, so that the next run is incremental, regroups the story groups
// the deleted articles were in, and gives the groups of a full regroup;
// the deleted version counted is the one replaced since the last run,
// and an article indexed since and never grouped was never counted.
func TestDeleteThenUpdate(t *testing.T) {
	lines := generatedLines(t, 1200)
	ix := newIndex(t)
	opt := dedup.Options{Cluster: cluster.DefaultOptions(), Index: ix, TempDir: t.TempDir()}
	ctx := context.Background()
	_, err := dedup.Update(ctx, linesSource(lines[:1150]), opt, dedup.UpdateOptions{})
	require.NoError(t, err)
	// Replaced and added without regrouping, as 'wirediff index' does.
	lo := opt
	lo.Cluster.CopyOnly = true
	_, err = dedup.Load(ctx, linesSource([]string{edited(t, lines[1]), edited(t, lines[2]), lines[1150]}), lo)
	require.NoError(t, err)

	id := func(line string) string {
		var a struct{ ID string }
		require.NoError(t, json.Unmarshal([]byte(line), &a))
		return a.ID
	}
	var gone []string
	for i := 0; i < 1150; i += 25 {
		gone = append(gone, id(lines[i]))
	}
	gone = append(gone, id(lines[2]), id(lines[1150]), "nope")
	deleted, missing, err := dedup.Delete(ix, gone)
	require.NoError(t, err)
	assert.Len(t, deleted, 48)
	assert.Equal(t, []string{"nope"}, missing)

	u, err := dedup.Update(ctx, linesSource(lines[1151:]), opt, dedup.UpdateOptions{})
	require.NoError(t, err)
	require.False(t, u.Full, u.Reason)
	assert.Equal(t, 49, u.New)
	assert.Equal(t, 1, u.Replaced, "lines[1], replaced and not deleted")
	assert.Positive(t, u.Regrouped)
	assert.Equal(t, 1200-48, u.Grouped)
	var inc [3]eval.Clustering
	for l := range inc {
		inc[l] = groupsAt(t, ix, cluster.Level(l))
		require.Len(t, inc[l], 1200-48)
		for _, g := range gone {
			assert.NotContains(t, inc[l], g)
		}
	}
	counts := u.Result.Freqs
	u, err = dedup.Update(ctx, dedup.Source{}, opt, dedup.UpdateOptions{Full: true})
	require.NoError(t, err)
	// The counts the incremental run kept are those a full count makes.
	assert.Equal(t, u.Result.Freqs.Docs, counts.Docs)
	assert.Equal(t, u.Result.Freqs.DF, counts.DF)
	for l := range inc {
		s := eval.Score(groupsAt(t, ix, cluster.Level(l)), inc[l])
		assert.GreaterOrEqual(t, s.Pairwise.Precision, 0.995, "level %d", l)
		assert.GreaterOrEqual(t, s.Pairwise.Recall, 0.995, "level %d", l)
	}
	assert.Equal(t, 1200-48, counts.Docs)
}

// TestDeleteThenReadUnchanged: an article read again as the index holds
// it, after a member of its story group was deleted, is unchanged (not
// replaced), and is regrouped with the rest of that group.
func TestDeleteThenReadUnchanged(t *testing.T) {
	ix := newIndex(t)
	opt := dedup.Options{Cluster: cluster.DefaultOptions(), Index: ix, TempDir: t.TempDir()}
	ctx := context.Background()
	seeds := dedup.Source{Paths: []string{"../testdata/seeds"}}
	_, err := dedup.Update(ctx, seeds, opt, dedup.UpdateOptions{})
	require.NoError(t, err)
	_, _, err = dedup.Delete(ix, []string{"000_4bd703d3e122696c"})
	require.NoError(t, err)

	// One of five gone is past the drift: Drift -1 keeps the run
	// incremental.
	u, err := dedup.Update(ctx, dedup.Source{Paths: []string{"../testdata/seeds/002_ac49a336ca4eb3e9.txt"}}, opt, dedup.UpdateOptions{Drift: -1})
	require.NoError(t, err)
	require.False(t, u.Full, u.Reason)
	assert.Equal(t, [3]int{0, 0, 1}, [3]int{u.New, u.Replaced, u.Unchanged}, "new, replaced, unchanged")
	assert.Equal(t, 4, u.Regrouped, "the four left of the story group")
	assert.Equal(t, [3]int{}, u.Moved, "the groups Delete left, named after their first member left")
	assert.Len(t, groupsAt(t, ix, cluster.Rewrite), 4)
}

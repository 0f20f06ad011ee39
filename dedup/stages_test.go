package dedup_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/benchmarks"
	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/dedup"
)

// generated runs the pipeline over generated corpora (families of
// copies and rewrites, stories, unrelated articles) of n articles each,
// one per date two months apart: the date window keeps them apart, so the
// candidate graph has a component or more per corpus.
func generated(t *testing.T, n int, dates []string, opt cluster.Options) *dedup.Result {
	t.Helper()
	var buf bytes.Buffer
	for k, date := range dates {
		require.NoError(t, benchmarks.Generate(benchmarks.GenConfig{Articles: n, Seed: uint64(k + 1)}, func(a benchmarks.GenArticle) error {
			a.ID = fmt.Sprintf("%d-%s", k, a.ID)
			a.Published = date
			return benchmarks.WriteJSONL(&buf, a)
		}))
	}
	res, err := dedup.Run(context.Background(), dedup.Source{Paths: []string{"-"}, Stdin: &buf}, dedup.Options{Cluster: opt})
	require.NoError(t, err)
	require.Len(t, res.Docs, n*len(dates))
	return res
}

// TestGroupComponents: grouping each connected component of the candidate
// graph apart gives every article the groups of the whole run, and the
// Candidates stage finds the run's pairs.
func TestGroupComponents(t *testing.T) {
	copyOnly := cluster.DefaultOptions()
	copyOnly.CopyOnly = true
	tests := []struct {
		name  string
		opt   cluster.Options
		dates []string
	}{
		// LSH pairs only: a component per family of copies.
		{"copy", copyOnly, []string{"2026-01-10"}},
		// With the more-like-this candidates every article is a
		// candidate of 40 others: the date window makes the components.
		{"all levels", cluster.DefaultOptions(), []string{"2026-01-10", "2026-03-10", "2026-05-10", "2026-07-10"}},
	}
	s, err := dedup.DefaultScheme()
	require.NoError(t, err)
	for _, tt := range tests {
		res := generated(t, 300, tt.dates, tt.opt)
		p := dedup.Candidates(res.Docs, s, tt.opt)
		assert.Equal(t, res.Groups.CopyPairs, p.Copy, tt.name)
		assert.Equal(t, res.Groups.MLTPairs, p.MLT, tt.name)

		want := res.Assignments()
		comps := dedup.Components(len(res.Docs), p)
		multi, seen := 0, 0
		for _, members := range comps {
			seen += len(members)
			if len(members) > 1 {
				multi++
			}
			docs := make([]cluster.Doc, len(members))
			for k, i := range members {
				docs[k] = res.Docs[i]
			}
			got, err := dedup.GroupComponent(docs, p.Within(members), tt.opt)
			require.NoError(t, err)
			for k, i := range members {
				assert.Equal(t, want[i], got[k], "%s: article %s grouped in its component of %d", tt.name, res.Docs[i].ID, len(members))
			}
		}
		assert.Equal(t, len(res.Docs), seen, "%s: every article in one component", tt.name)
		assert.GreaterOrEqual(t, multi, len(tt.dates), "%s: components of two or more articles", tt.name)
		groups := map[string]bool{}
		for _, a := range want {
			groups[a.Story] = true
		}
		assert.Greater(t, len(groups), len(tt.dates), "%s: more groups than components", tt.name)
		t.Logf("%s: %d articles, %d components (%d of 2+), %d story groups", tt.name, len(res.Docs), len(comps), multi, len(groups))
	}
}

// TestWeighInParts: weighing a batch in parts with the counts of the
// whole gives the vectors of weighing it at once.
func TestWeighInParts(t *testing.T) {
	whole := seedDocs(t, true)
	parts := seedDocs(t, false)
	var all, a, b dedup.DocFreqs
	for i := range parts {
		if i < 2 {
			a.Add(&parts[i])
		} else {
			b.Add(&parts[i])
		}
	}
	all.Merge(&a)
	all.Merge(&b)
	require.NoError(t, dedup.Weigh(parts[:2], &all))
	require.NoError(t, dedup.Weigh(parts[2:], &all))
	for i := range whole {
		assert.Equal(t, whole[i].Terms, parts[i].Terms, whole[i].ID)
	}
}

func TestScore(t *testing.T) {
	docs := seedDocs(t, true)
	opt := cluster.DefaultOptions()
	self := dedup.Score(&docs[0], &docs[0], opt)
	assert.InDelta(t, 1, self.Jaccard, 1e-9, "Jaccard of an article with itself")
	ab, ba := dedup.Score(&docs[0], &docs[1], opt), dedup.Score(&docs[1], &docs[0], opt)
	assert.Equal(t, ab, ba, "Score is symmetric")
	assert.GreaterOrEqual(t, ab.Rewrite, opt.Thresholds.Rewrite, "two seeds are rewrites of one report")
}

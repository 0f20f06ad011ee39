package cluster

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// linearDocs makes docs with random term vectors, names and dates.
func linearDocs(r *rand.Rand, n int) []Doc {
	docs := randomDocs(r, n, 40)
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range docs {
		docs[i].ID = string(rune('A'+i/26)) + string(rune('a'+i%26))
		for range r.IntN(6) {
			docs[i].Names = append(docs[i].Names, uint64(r.IntN(12))<<40)
		}
		docs[i].Names = sortedSet(docs[i].Names)
		if r.IntN(3) > 0 {
			docs[i].Published = base.Add(time.Duration(r.IntN(20)) * 24 * time.Hour)
		}
		if r.IntN(2) > 0 { // weekdays, for the signed day term
			docs[i].Days = uint8(1 << r.IntN(7))
			if r.IntN(4) == 0 {
				docs[i].Days |= uint8(1 << r.IntN(7))
			}
		}
	}
	Weigh(docs, nil)
	return docs
}

// TestLinearVectors: the vectors' dot products are the similarities,
// with the defaults and with other story weights.
func TestLinearVectors(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	docs := linearDocs(r, 40)
	other := DefaultOptions()
	other.Story.SharedWeight, other.Story.DayWeight, other.Rewrite.PassageWeight = 0.7, 0.5, 0.5
	for _, opt := range []Options{DefaultOptions(), other} {
		g := &Grouper{Docs: docs, Opt: opt}
		g.neighbours(allEdges(len(docs)))
		for i := range docs {
			for j := range docs {
				if !g.inWindow(i, j) {
					continue
				}
				assert.InDelta(t, g.StorySim(i, j), Dot(g.storyVec(nil, i), g.storyVec(nil, j)), 1e-9, "story %d %d", i, j)
				assert.InDelta(t, g.rewriteSimRaw(i, j), Dot(g.rewriteVec(nil, i), g.rewriteVec(nil, j)), 1e-9, "rewrite %d %d", i, j)
				assert.InDelta(t, g.rewriteSimRaw(i, j)/g.rewriteScale(), g.RewriteSim(i, j), 1e-12, "rewrite %d %d", i, j)
			}
			// The vectors append to what dst holds, whatever it held.
			prefix := []Entry{{1, 2}, {3, 4}}
			for _, vec := range []func([]Entry, int) []Entry{g.storyVec, g.rewriteVec} {
				got := vec(slices.Clone(prefix), i)
				assert.Equal(t, append(slices.Clone(prefix), vec(nil, i)...), got, "doc %d", i)
			}
		}
	}
}

// TestAverageLinkLinearMatchesPairwise: scoring clusters by summed
// vectors gives the groups that scoring every pair gives.
func TestAverageLinkLinearMatchesPairwise(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for trial := range 10 {
		docs := linearDocs(r, 60)
		opt := DefaultOptions()
		if trial%2 == 1 {
			opt.Window = 0
		}
		if trial%3 == 2 {
			opt.Story.SharedWeight, opt.Story.DayWeight = 0.7, 0.5
		}
		g := &Grouper{Docs: docs, Opt: opt}
		edges := allEdges(len(docs))
		g.neighbours(edges)
		for _, th := range []float64{0.15, 0.3} {
			want := AverageLink(len(docs), nil, edges, g.StorySim, th, 1<<30)
			got := AverageLinkLinear(len(docs), nil, edges, g.StorySim, g.linear(g.storyVec), th, 1<<30)
			require.Equal(t, want, got, "story, trial %d, threshold %v", trial, th)
			want = AverageLink(len(docs), nil, edges, g.RewriteSim, th, 1<<30)
			got = AverageLinkLinear(len(docs), nil, edges, g.RewriteSim, g.linear(g.rewriteVec), th, 1<<30)
			require.Equal(t, want, got, "rewrite, trial %d, threshold %v", trial, th)
		}
	}
}

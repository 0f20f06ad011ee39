package cluster

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// scoredDocs returns n weighed docs drawn from small vocabularies, so
// that pairs share terms, names, passages and shingles, some with too
// few terms for the story level, some undated or outside the window.
func scoredDocs(r *rand.Rand, n int) []Doc {
	set32 := func(k, of int) []uint32 {
		var s []uint32
		for range k {
			s = append(s, uint32(r.IntN(of)))
		}
		slices.Sort(s)
		return slices.Compact(s)
	}
	docs := make([]Doc, n)
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range docs {
		d := &docs[i]
		d.ID = string(rune('A'+i/26)) + string(rune('a'+i%26))
		if r.IntN(10) > 0 {
			d.Published = start.Add(time.Duration(r.IntN(20*24)) * time.Hour)
		}
		nt := 3 + r.IntN(30)
		var norm float64
		for _, id := range set32(nt, 80) {
			w := float32(r.Float64() + 0.1)
			d.Terms = append(d.Terms, Term{ID: TermID(id), W: w})
			norm += float64(w) * float64(w)
		}
		for k := range d.Terms {
			d.Terms[k].W /= float32(math.Sqrt(norm))
		}
		for _, v := range set32(r.IntN(12), 40) {
			d.Names = append(d.Names, uint64(v))
		}
		d.Passages = set32(r.IntN(40), 60)
		d.Shingles = set32(20+r.IntN(20), 60)
		d.Days = uint8(r.IntN(128))
	}
	return docs
}

// TestNeighboursAndScoresAsRun: the neighbour lists kept pair by pair
// are those of a run over the same candidate pairs, and the edge tests
// agree with the grouper's similarities.
func TestNeighboursAndScoresAsRun(t *testing.T) {
	for seed := range uint64(20) {
		r := rand.New(rand.NewPCG(seed, 7))
		docs := scoredDocs(r, 70)
		opt := DefaultOptions()
		var edges []Edge
		lsh := map[Edge]bool{}
		for range 600 {
			i, j := int32(r.IntN(len(docs))), int32(r.IntN(len(docs)))
			if i == j {
				continue
			}
			e := Edge{min(i, j), max(i, j)}
			edges = append(edges, e)
			lsh[e] = r.IntN(3) == 0
		}
		sortEdges(edges)
		edges = dedupEdges(edges)
		g := &Grouper{Docs: docs, Opt: opt}
		g.neighbours(edges)
		nb := NewNeighbours(len(docs), opt)
		scores := make([]EdgeScores, len(edges))
		for k, e := range edges {
			scores[k] = ScoreEdge(&docs[e.I], &docs[e.J], lsh[e], opt)
			nb.Add(e.I, e.J, scores[k].Cosine)
		}
		for i := range docs {
			require.Equal(t, g.nn[i], nb.List(nil, int32(i)), "seed %d: neighbours of %d", seed, i)
		}
		reached := 0
		for k, e := range edges {
			i, j := int(e.I), int(e.J)
			in := g.inWindow(i, j)
			wantReach := lsh[e] && g.LevelSim(Copy, i, j) >= opt.Thresholds.Copy || g.RewriteSim(i, j) >= opt.Thresholds.Rewrite
			if in {
				assert.Equal(t, wantReach, scores[k].Reaches, "seed %d: pair %v", seed, e)
				assert.Equal(t, g.cosine(i, j), scores[k].Cosine)
			} else {
				assert.Zero(t, scores[k].Cosine)
				assert.True(t, !wantReach || scores[k].Reaches, "seed %d: pair %v reaches out of the window", seed, e)
			}
			story := StoryReaches(scores[k].Cosine, in, docs[i].Days, docs[j].Days, g.tooShort(i) || g.tooShort(j), g.nn[i], g.nn[j], opt)
			assert.Equal(t, g.StorySim(i, j) >= opt.Thresholds.Story, story, "seed %d: pair %v story", seed, e)
			if story || scores[k].Reaches {
				reached++
			}
		}
		assert.Positive(t, reached, "seed %d: some pairs reach a threshold", seed)
	}
}

package main

import (
	"encoding/json"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/benchmarks"
	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/internal/devdata"
)

// pairScores are what every command says of one pair: its story score
// and the evidence behind the other levels.
type pairScores struct {
	Story    float64          `json:"story"`
	Evidence cluster.Evidence `json:"evidence"`
}

// dedupPairs returns the scores 'dedup --format json' gives the pairs of
// its groups, by "A B".
func dedupPairs(t *testing.T, ix, input string) map[[2]string]pairScores {
	t.Helper()
	out, errs, code := wirediff(t, "", "dedup", "--index", ix, "--format", "json", input)
	require.Equal(t, 0, code, errs)
	var doc struct {
		Groups []struct {
			Pairs []struct {
				A, B string
				pairScores
			} `json:"pairs"`
		} `json:"groups"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	pairs := map[[2]string]pairScores{}
	for _, g := range doc.Groups {
		for _, p := range g.Pairs {
			pairs[[2]string{p.A, p.B}] = p.pairScores
		}
	}
	require.NotEmpty(t, pairs, "dedup found no pair")
	return pairs
}

// explainScores returns the scores 'explain A B' gives the pair.
func explainScores(t *testing.T, ix, a, b string) pairScores {
	t.Helper()
	out, errs, code := wirediff(t, "", "explain", "--index", ix, "--format", "json", a, b)
	require.Equal(t, 0, code, errs)
	var doc struct {
		Levels []struct {
			Level string  `json:"level"`
			Score float64 `json:"score"`
		} `json:"levels"`
		Evidence cluster.Evidence `json:"evidence"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	s := pairScores{Evidence: doc.Evidence}
	for _, l := range doc.Levels {
		if l.Level == "story" {
			s.Story = l.Score
		}
	}
	return s
}

// similarScores returns the scores 'similar --all A' gives each of A's
// candidates, by ID.
func similarScores(t *testing.T, ix, a string) map[string]pairScores {
	t.Helper()
	out, errs, code := wirediff(t, "", "similar", "--index", ix, "--format", "json", "--all", "--limit", "100", a)
	require.Equal(t, 0, code, errs)
	var doc struct {
		Similar []struct {
			ID string `json:"id"`
			pairScores
		} `json:"similar"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	got := map[string]pairScores{}
	for _, n := range doc.Similar {
		got[n.ID] = n.pairScores
	}
	return got
}

// TestScoresAgree: a pair gets the same scores, story score and evidence,
// in dedup --format json, similar and explain, which weigh terms with the
// document frequencies the grouping run used (kept in the index) and take
// the story score's shared neighbours among the first article's
// candidates; on the seeds for every pair, on a generated corpus for 40
// and on ECB+ dev (with the labelled data) for 60.
func TestScoresAgree(t *testing.T) {
	t.Run("seeds", func(t *testing.T) {
		ix := filepath.Join(t.TempDir(), "x.index")
		pairs := dedupPairs(t, ix, seeds)
		for p, want := range pairs {
			assert.Equal(t, want, explainScores(t, ix, p[0], p[1]), "explain %s %s", p[0], p[1])
			// The more-like-this candidates of one of the two hold the
			// other (not always both ways).
			listed := false
			for _, q := range [][2]string{p, {p[1], p[0]}} {
				if got, ok := similarScores(t, ix, q[0])[q[1]]; ok {
					listed = true
					assert.Equal(t, want, got, "similar %s: %s", q[0], q[1])
				}
			}
			assert.True(t, listed, "similar lists %s with %s", p[0], p[1])
		}
	})
	t.Run("generated", func(t *testing.T) {
		if testing.Short() {
			t.Skip("groups 300 generated articles")
		}
		dir := t.TempDir()
		_, err := benchmarks.WriteCorpus(dir, benchmarks.GenConfig{Articles: 300, Seed: 5})
		require.NoError(t, err)
		samePairScores(t, filepath.Join(dir, "x.index"), filepath.Join(dir, "articles.jsonl"), 40)
	})
	t.Run("ecbplus-dev", func(t *testing.T) {
		if testing.Short() {
			t.Skip("groups 772 articles")
		}
		samePairScores(t, filepath.Join(t.TempDir(), "x.index"), devdata.Path(t, "data/ecbplus-dev"), 60)
	})
}

// samePairScores groups input into index ix and checks n of dedup's
// pairs, spread over all of them in ID order, against explain and
// similar.
func samePairScores(t *testing.T, ix, input string, n int) {
	t.Helper()
	pairs := dedupPairs(t, ix, input)
	keys := slices.SortedFunc(maps.Keys(pairs), func(a, b [2]string) int { return strings.Compare(a[0]+" "+a[1], b[0]+" "+b[1]) })
	step := max(1, len(keys)/n)
	checked, listed := 0, 0
	for k := 0; k < len(keys) && checked < n; k += step {
		p, want := keys[k], pairs[keys[k]]
		checked++
		assert.Equal(t, want, explainScores(t, ix, p[0], p[1]), "explain %s %s", p[0], p[1])
		if got, ok := similarScores(t, ix, p[0])[p[1]]; ok {
			listed++
			assert.Equal(t, want, got, "similar %s: %s", p[0], p[1])
		}
	}
	t.Logf("%d of %d pairs checked: explain and similar (which listed %d) score them as dedup does", checked, len(pairs), listed)
}

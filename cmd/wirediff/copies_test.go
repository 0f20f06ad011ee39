package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/eval"
	"github.com/wirediff/wirediff/internal/devdata"
	"github.com/wirediff/wirediff/internal/quality"
	"github.com/wirediff/wirediff/similarity"
)

// copyEdits are the ways a copy differs from its source.
var copyEdits = []struct {
	name string
	edit func(r *rand.Rand, title string, sents []string) (string, []string)
}{
	{"exact", func(r *rand.Rand, t string, s []string) (string, []string) { return t, s }},
	{"sentence-dropped", func(r *rand.Rand, t string, s []string) (string, []string) {
		i := r.IntN(len(s))
		return t, append(append([]string(nil), s[:i]...), s[i+1:]...)
	}},
	{"reordered", func(r *rand.Rand, t string, s []string) (string, []string) {
		c := append([]string(nil), s...)
		i, j := r.IntN(len(c)), r.IntN(len(c))
		c[i], c[j] = c[j], c[i]
		if len(c) > 3 { // and move the last paragraph up
			last := c[len(c)-1]
			copy(c[2:], c[1:len(c)-1])
			c[1] = last
		}
		return t, c
	}},
	{"words-edited", func(r *rand.Rand, t string, s []string) (string, []string) {
		c := append([]string(nil), s...)
		for range 3 {
			i := r.IntN(len(c))
			w := strings.Fields(c[i])
			if len(w) > 2 {
				w[r.IntN(len(w))] = []string{"reportedly", "Tuesday", "officials", "said"}[r.IntN(4)]
				c[i] = strings.Join(w, " ")
			}
		}
		return t, c
	}},
	{"headline-and-boilerplate", func(r *rand.Rand, t string, s []string) (string, []string) {
		c := append([]string(nil), s...)
		c = append(c, "Follow us on Twitter and Facebook for the latest updates.", "Copyright 2024 Example Media. All rights reserved.")
		return "BREAKING: " + t + " | Example Media", c
	}},
}

// TestCopyLevelOnRealArticles builds copies of real articles (exact, a
// sentence dropped, sentences reordered, words edited, headline and
// boilerplate changed), hides them among the untouched articles of ECB+
// and BASIL, and groups at --level copy.
func TestCopyLevelOnRealArticles(t *testing.T) {
	var sources []corpus.Article
	paths := []string{devdata.Path(t, "data/ecbplus-dev/articles.jsonl"), devdata.Path(t, "data/basil-dev/articles.jsonl")}
	_, err := corpus.Read(paths, corpus.Options{}, func(a corpus.Article) error {
		sources = append(sources, a)
		return nil
	})
	require.NoError(t, err)

	// Some originals are already wire copies of each other: they belong
	// together, by the exact Jaccard the copy level is defined by (all
	// pairs, no LSH).
	scheme, err := dedup.DefaultScheme()
	require.NoError(t, err)
	f := scheme.NewFeaturizer()
	orig := make([][]uint32, len(sources))
	for i := range sources {
		orig[i] = f.CopyOnly(&sources[i]).Shingles
	}
	root := make([]int, len(sources))
	for i := range root {
		root[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		if root[i] != i {
			root[i] = find(root[i])
		}
		return root[i]
	}
	for i := range sources {
		for j := i + 1; j < len(sources); j++ {
			if similarity.Jaccard(orig[i], orig[j]) >= cluster.DefaultOptions().Thresholds.Copy {
				root[find(j)] = find(i)
			}
		}
	}

	r := rand.New(rand.NewPCG(1, 2))
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	gold := eval.Clustering{}
	copies := 0
	for i, a := range sources {
		family := sources[find(i)].ID
		gold[a.ID] = family
		require.NoError(t, enc.Encode(map[string]string{"id": a.ID, "title": a.Title, "text": a.Text}))
		sents := splitSentences(a.Text)
		if i%3 != 0 || len(sents) < 4 {
			continue
		}
		for k, e := range copyEdits {
			if r.IntN(2) == 0 && k != 0 {
				continue
			}
			title, s := e.edit(r, a.Title, sents)
			id := fmt.Sprintf("%s~%s", a.ID, e.name)
			gold[id] = family
			copies++
			require.NoError(t, enc.Encode(map[string]string{"id": id, "title": title, "text": strings.Join(s, " ")}))
		}
	}
	file := filepath.Join(t.TempDir(), "copies.jsonl")
	require.NoError(t, os.WriteFile(file, buf.Bytes(), 0o644))

	var out, errOut bytes.Buffer
	err = run([]string{"dedup", "--no-index", "--level", "copy", "--format", "tsv", file}, nil, &out, &errOut)
	require.NoError(t, err, errOut.String())
	pred := readTSV(t, out.String())
	s := eval.Score(gold, pred)

	// Recall among the copies above the threshold: gold pairs whose exact
	// shingle Jaccard reaches it.
	docs := map[string]cluster.Doc{}
	_, err = corpus.Read([]string{file}, corpus.Options{}, func(a corpus.Article) error {
		if _, ok := gold[a.ID]; ok {
			docs[a.ID] = f.CopyOnly(&a)
		}
		return nil
	})
	require.NoError(t, err)
	byCluster := map[string][]string{}
	for id, c := range gold {
		byCluster[c] = append(byCluster[c], id)
	}
	above, found := 0, 0
	for _, ids := range byCluster {
		for x := range ids {
			for y := x + 1; y < len(ids); y++ {
				if similarity.Jaccard(docs[ids[x]].Shingles, docs[ids[y]].Shingles) < cluster.DefaultOptions().Thresholds.Copy {
					continue
				}
				above++
				if pred[ids[x]] == pred[ids[y]] {
					found++
				}
			}
		}
	}
	recallAbove := float64(found) / float64(above)
	t.Logf("%d articles, %d copies; pairwise P=%.4f R=%.4f (R among %d pairs above the threshold %.4f); B-cubed F1=%.4f",
		len(gold), copies, s.Pairwise.Precision, s.Pairwise.Recall, above, recallAbove, s.BCubed.F1)
	quality.Check(t, qualityGolden, *update, quality.Clustering("copy/generated", s).With(quality.Scores{
		"copy/generated/recall-above-threshold": recallAbove,
	}))
	require.GreaterOrEqual(t, s.Pairwise.Precision, 0.99)
	require.GreaterOrEqual(t, recallAbove, 0.95)
}

func splitSentences(text string) []string {
	var out []string
	for _, p := range strings.SplitAfter(text, ". ") {
		if strings.TrimSpace(p) != "" {
			out = append(out, strings.TrimSpace(p))
		}
	}
	return out
}

func readTSV(t *testing.T, s string) eval.Clustering {
	t.Helper()
	c, err := eval.ReadClustering(strings.NewReader(s), "stdout")
	require.NoError(t, err)
	return c
}

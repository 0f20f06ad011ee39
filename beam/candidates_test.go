package beam

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/dedup"
)

func init() {
	beam.RegisterFunction(keyArticle)
	beam.RegisterFunction(pairString)
}

func keyArticle(a corpus.Article) (string, corpus.Article) { return a.ID, a }
func pairString(p pair) string                             { return p.A + " " + p.B }

// copyCorpus returns stories, each with exact copies (dated inside and
// outside the date window, and undated), copies with a word changed, and
// articles too short to sign, in a shuffled order. A story's first copy
// by ID may lie outside the window of its other copies.
func copyCorpus(rng *rand.Rand, stories int) []corpus.Article {
	words := strings.Fields("council vote budget river bridge storm power court judge police mayor school strike port trade rain fire grant")
	day := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	var out []corpus.Article
	for s := range stories {
		body := make([]string, 80)
		for i := range body {
			body[i] = words[rng.IntN(len(words))]
		}
		for c := range 8 {
			text := append([]string(nil), body...)
			if c >= 5 { // a near copy
				text[rng.IntN(len(text))] = fmt.Sprintf("w%d", c)
			}
			a := corpus.Article{ID: fmt.Sprintf("s%d-%d", s, rng.IntN(1000)*10+c), Text: strings.Join(text, " ")}
			if c%3 != 0 { // dated, some ten days apart
				a.Published = day.Add(time.Duration(c%2*10*24) * time.Hour)
			}
			out = append(out, a)
		}
	}
	out = append(out, corpus.Article{ID: "short-1", Text: "storm"}, corpus.Article{ID: "short-2", Text: "storm"})
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// TestLSHPairs: the pipeline's copy candidates are cluster.LSHPairs's,
// exact duplicates paired with their class's first member (cut by the
// date window) and buckets over MaxBucket with their leader.
func TestLSHPairs(t *testing.T) {
	scheme, err := dedup.DefaultScheme()
	if err != nil {
		t.Fatal(err)
	}
	f := scheme.NewFeaturizer()
	for _, maxBucket := range []int{0, 3} {
		arts := copyCorpus(rand.New(rand.NewPCG(uint64(maxBucket), 7)), 6)
		docs := make([]cluster.Doc, len(arts))
		for i := range arts {
			docs[i] = f.CopyOnly(&arts[i])
		}
		slices.SortFunc(docs, func(a, b cluster.Doc) int { return strings.Compare(a.ID, b.ID) })
		want, skipped := cluster.LSHPairs(docs, scheme.Bands, maxBucket)
		if maxBucket > 0 && skipped == 0 {
			t.Fatalf("max bucket %d: no oversized bucket to test", maxBucket)
		}
		var ws []string
		for _, e := range want {
			ws = append(ws, docs[e.I].ID+" "+docs[e.J].ID)
		}
		opt := cluster.DefaultOptions()
		opt.Candidates.MaxBucket = maxBucket
		p, s := beam.NewPipelineWithRoot()
		raw, _, _ := featurize(s, beam.ParDo(s, keyArticle, beam.CreateList(s, arts)), true)
		got := beam.ParDo(s, pairString, candidates(s, lshPairs(s, raw, opt)))
		passert.Equals(s, got, beam.CreateList(s, ws))
		if err := ptest.Run(p); err != nil {
			t.Fatalf("max bucket %d: %v", maxBucket, err)
		}
	}
}

// TestCopies: on exact and near copies dated inside and outside the date
// window the output equals wirediff dedup --no-index at every level.
func TestCopies(t *testing.T) {
	path := filepath.Join(t.TempDir(), "copies.jsonl")
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for _, a := range copyCorpus(rand.New(rand.NewPCG(3, 7)), 12) {
		if err := enc.Encode(a); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	checkSame(t, []string{path}, everyOutput)
}

package lineage

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/wirediff/wirediff/corpus"
)

// syntheticGroup makes n rewrites of about words words each by sampling
// the seed articles' sentences, so that members share facts unevenly.
func syntheticGroup(tb testing.TB, n, words int) []corpus.Article {
	var pool []string
	for _, a := range loadSeeds(tb) {
		spans, err := Segment(&a)
		if err != nil {
			tb.Fatal(err)
		}
		for _, s := range spans {
			pool = append(pool, a.Text[s.Start:s.End])
		}
	}
	r := rand.New(rand.NewPCG(7, uint64(n)))
	out := make([]corpus.Article, n)
	for i := range out {
		var b strings.Builder
		for w := 0; w < words; {
			s := pool[r.IntN(len(pool))]
			b.WriteString(s)
			b.WriteString("\n")
			w += len(strings.Fields(s))
		}
		out[i] = corpus.Article{ID: fmt.Sprintf("m%03d", i), Text: b.String()}
	}
	return out
}

func BenchmarkAnalyze(b *testing.B) {
	for _, n := range []int{5, 50} {
		b.Run(fmt.Sprintf("members=%d", n), func(b *testing.B) {
			group := syntheticGroup(b, n, 1000)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Analyze(group, Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n*1000), "words/op")
		})
	}
}

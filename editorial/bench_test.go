package editorial

import (
	"maps"
	"slices"
	"testing"
)

// BenchmarkSentence measures the detector on the sentences of the five
// seeds, one sentence at a time as lineage calls it, and reports
// sentences per second (on one core: the detector does not spread work).
//
//	go test ./editorial -run '^$' -bench Sentence
func BenchmarkSentence(b *testing.B) {
	d, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	type job struct {
		text string
		s    Range
		ctx  Context
	}
	var jobs []job
	seeds := readSeeds(b)
	for _, id := range slices.Sorted(maps.Keys(seeds)) {
		text := seeds[id]
		ss, err := Sentences(text)
		if err != nil {
			b.Fatal(err)
		}
		ctx := Context{InQuote: InQuote(text)}
		for _, s := range ss {
			jobs = append(jobs, job{text, s, ctx})
		}
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		j := jobs[n%len(jobs)]
		d.Sentence(j.text, j.s, j.ctx)
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "sentences/s")
}

package benchmarks

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/index"
)

func TestSplitTail(t *testing.T) {
	dir := t.TempDir()
	line := func(i int) string { return fmt.Sprintf(`{"id":"a%d","text":"article %d"}`, i, i) }
	var all []string
	for i := range 7 {
		all = append(all, line(i))
	}
	path := filepath.Join(dir, "in.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(strings.Join(all[:4], "\n")+"\n\n"+strings.Join(all[4:], "\n")), 0o644))
	head := filepath.Join(dir, "head.jsonl")
	news, err := splitTail(path, head, 3)
	require.NoError(t, err)
	got, err := os.ReadFile(head)
	require.NoError(t, err)
	assert.Equal(t, strings.Join(all[:4], "\n")+"\n", string(got), "the blank line and the last line's missing newline do not matter")
	var ids []string
	for _, a := range news {
		ids = append(ids, a.ID)
	}
	assert.Equal(t, []string{"a4", "a5", "a6"}, ids)

	_, err = splitTail(path, head, 7)
	assert.ErrorContains(t, err, "has 7 lines, want more than 7")
}

func TestPercentiles(t *testing.T) {
	var ds []time.Duration
	for i := 100; i >= 1; i-- {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	p50, p99 := percentiles(ds)
	assert.Equal(t, 50.0, p50)
	assert.Equal(t, 99.0, p99)
	p50, p99 = percentiles(nil)
	assert.Zero(t, p50+p99)
}

// BenchmarkLatency times search and similar exactly as 'wirediff bench
// run --modes full' does after building its index (benchRun.latency: one
// pass over 200 articles spread evenly over the index, each a similar
// lookup of the article and a search for the first three words of its
// title), but on the index named by WIREDIFF_BENCH_INDEX, so that the
// figures come without the two minutes of building 100k articles:
//
//	go run ./cmd/wirediff dedup --index $IX $DATA/100k/articles.jsonl >/dev/null
//	WIREDIFF_BENCH_INDEX=$IX go test -run '^$' -bench Latency -benchtime 1x -count 5 ./benchmarks
//
// Each iteration is one such pass, from opening the index.
func BenchmarkLatency(b *testing.B) {
	dir := os.Getenv("WIREDIFF_BENCH_INDEX")
	if dir == "" {
		b.Skip("WIREDIFF_BENCH_INDEX names no index")
	}
	ix, err := index.Open(dir, index.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	all, err := ix.IDs() // generated IDs sort in corpus order
	ix.Close()
	if err != nil {
		b.Fatal(err)
	}
	const queries = 200
	ids := make([]string, 0, queries)
	for k := range min(queries, len(all)) {
		ids = append(ids, all[k*len(all)/queries])
	}
	var vals map[string]float64
	for b.Loop() {
		r := &benchRun{vals: map[string]float64{}}
		if err := r.latency(dir, ids); err != nil {
			b.Fatal(err)
		}
		vals = r.vals
	}
	for _, k := range []string{"search_p50_ms", "search_p99_ms", "similar_p50_ms", "similar_p99_ms"} {
		b.ReportMetric(vals[k], strings.ReplaceAll(strings.TrimSuffix(k, "_ms"), "_", "-")+"-ms")
	}
}

package httpapi

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/index"
)

// TestQueriesDuringWrites: while a writer adds batches of articles, each
// flushed in parts and committed whole, searches keep answering, at once
// and from a committed state: the count of the batches' word is always a
// whole number of batches, and never goes back. Once the writer is done
// the server comes to serve its last commit.
func TestQueriesDuringWrites(t *testing.T) {
	const batches, batch, readers = 6, 40, 3
	dir := seedIndex(t)
	s, hs := newTestServer(t, dir, Options{Poll: 2 * time.Millisecond})

	done := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	var latencies []time.Duration
	seen := map[int]bool{}
	for r := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			last := 0
			for k := 0; ; k++ {
				select {
				case <-done:
					return
				default:
				}
				path := "/search?limit=1&q=flamingo"
				if k%5 == r {
					path = "/search?limit=1&format=json&q=flamingo&collapse=story"
				}
				t0 := time.Now()
				status, _, body := get(t, hs.URL+path)
				d := time.Since(t0)
				if !assert.Equal(t, 200, status, body) {
					return
				}
				n := total(t, body)
				assert.Zero(t, n%batch, "%s: %d hits, not a committed state", path, n)
				if path == "/search?limit=1&q=flamingo" {
					assert.GreaterOrEqual(t, n, last, "went back to an older commit")
					last = n
				}
				mu.Lock()
				latencies = append(latencies, d)
				seen[n] = true
				mu.Unlock()
			}
		}()
	}

	for b := range batches {
		ix, err := dedup.OpenIndex(dir, index.Options{})
		require.NoError(t, err)
		w, err := ix.NewWriter()
		require.NoError(t, err)
		for i := range batch {
			a := corpus.Article{ID: fmt.Sprintf("f%d-%03d", b, i),
				Text: fmt.Sprintf("A flamingo numbered %d of flock %d was counted at the lake by the wardens today.", i, b)}
			require.NoError(t, w.Add(index.Entry{Article: a}))
			if i == batch/2 {
				require.NoError(t, w.Flush()) // in the live store, not committed
				time.Sleep(5 * time.Millisecond)
			}
		}
		require.NoError(t, w.Flush())
		require.NoError(t, ix.Close()) // commits
		time.Sleep(20 * time.Millisecond)
	}
	want := batches * batch
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, _, body := get(t, hs.URL+"/search?limit=1&q=flamingo")
		if total(t, body) == want || time.Now().After(deadline) {
			assert.Equal(t, want, total(t, body), "the last commit is served")
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	close(done)
	wg.Wait()
	require.NoError(t, s.Close())

	require.NotEmpty(t, latencies)
	slices.Sort(latencies)
	p50 := latencies[len(latencies)/2]
	t.Logf("%d searches during %d commits, committed states seen %v, p50 %v, max %v",
		len(latencies), batches, len(seen), p50, latencies[len(latencies)-1])
	assert.Greater(t, len(seen), 1, "a commit was served while searches ran")
	// Each answer is a search of a handful of articles: at its target
	// (100 ms) even on a loaded machine, a writer running or not.
	assert.LessOrEqual(t, p50, 100*time.Millisecond)
}

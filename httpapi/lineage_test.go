package httpapi

import (
	"context"
	"math"
	"net/http"
	"runtime"
	"runtime/debug"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/corpus"
)

// A lineage reply is kept for the same request of the same snapshot, and
// made anew for another request or once a commit is served.
func TestLineageCache(t *testing.T) {
	dir := seedIndex(t)
	s, hs := newTestServer(t, dir, Options{Poll: -1})
	url := hs.URL + "/lineage?group=r:" + first
	code, h, body := get(t, url)
	require.Equal(t, http.StatusOK, code, body)
	assert.Empty(t, h.Get("Wirediff-Cache"))
	code, h, again := get(t, url)
	require.Equal(t, http.StatusOK, code)
	assert.Equal(t, "hit", h.Get("Wirediff-Cache"))
	assert.Equal(t, body, again)
	assert.Equal(t, "application/json", h.Get("Content-Type"))

	_, h, _ = get(t, url+"&format=table")
	assert.Empty(t, h.Get("Wirediff-Cache"), "another format is another reply")
	_, h, _ = get(t, hs.URL+"/lineage?format=table&group=r:"+first)
	assert.Equal(t, "hit", h.Get("Wirediff-Cache"), "the parameters' order does not matter")

	addArticles(t, dir, corpus.Article{ID: "z1", Text: "A zebra escaped from the city zoo on Monday morning."})
	changed, err := s.Refresh()
	require.NoError(t, err)
	require.True(t, changed)
	_, h, _ = get(t, url)
	assert.Empty(t, h.Get("Wirediff-Cache"), "a new snapshot is answered from itself")

	// Errors are not kept.
	code, _, _ = get(t, hs.URL+"/lineage?group=r:nothing")
	assert.Equal(t, http.StatusNotFound, code)
	code, h, _ = get(t, hs.URL+"/lineage?group=r:nothing")
	assert.Equal(t, http.StatusNotFound, code)
	assert.Empty(t, h.Get("Wirediff-Cache"), "an error is answered anew")
	assert.Empty(t, h.Get("Wirediff-Cache"))

	_, nocache := newTestServer(t, dir, Options{Poll: -1, LineageCache: -1})
	get(t, nocache.URL+"/lineage?group=r:"+first)
	_, h, _ = get(t, nocache.URL+"/lineage?group=r:"+first)
	assert.Empty(t, h.Get("Wirediff-Cache"), "no cache")
}

// waiting returns the callers waiting for key's analysis, 0 when none is
// under way.
func (f *flights) waiting(key string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	if fl := f.m[key]; fl != nil {
		return fl.waiting
	}
	return 0
}

// Identical requests under way share one analysis; analyses wait for a
// slot; an analysis whose clients have all gone stops, and lets go of its
// snapshot.
func TestLineageSharedAndBounded(t *testing.T) {
	dir := seedIndex(t)
	s, hs := newTestServer(t, dir, Options{Poll: -1, LineageWorkers: 1, LineageCache: -1})
	path := "/lineage?group=r:" + first
	want := func() string {
		_, _, body := get(t, hs.URL+path)
		return body
	}()
	v, err := s.live.acquire()
	require.NoError(t, err)
	key := v.ix.Snapshot() + "\n" + "group=r%3A" + first
	s.live.release(v)

	s.analyses <- struct{}{} // the one slot taken
	var wg sync.WaitGroup
	bodies := make([]string, 3)
	for i := range bodies {
		wg.Go(func() {
			code, _, body := get(t, hs.URL+path)
			assert.Equal(t, http.StatusOK, code, body)
			bodies[i] = body
		})
	}
	require.Eventually(t, func() bool { return s.flights.waiting(key) == 3 }, 10*time.Second, time.Millisecond,
		"three requests waiting for one analysis")
	<-s.analyses
	wg.Wait()
	for _, b := range bodies {
		assert.Equal(t, want, b)
	}

	// A client that leaves while its analysis waits for a slot.
	s.analyses <- struct{}{}
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, hs.URL+path, nil)
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	require.Eventually(t, func() bool { return s.flights.waiting(key) == 1 }, 10*time.Second, time.Millisecond)
	cancel()
	require.Error(t, <-done)
	require.Eventually(t, func() bool { return s.flights.waiting(key) == 0 }, 10*time.Second, time.Millisecond,
		"the analysis is dropped")
	<-s.analyses
	require.Eventually(t, func() bool {
		s.live.mu.Lock()
		defer s.live.mu.Unlock()
		return s.live.cur.refs == 1
	}, 10*time.Second, time.Millisecond, "nothing holds the view but the server")
	code, _, body := get(t, hs.URL+path)
	assert.Equal(t, http.StatusOK, code)
	assert.Equal(t, want, body)
}

// TestDefaultLineageWorkers: one per core, but no more than one per
// gigabyte of the soft memory limit, and at least one.
func TestDefaultLineageWorkers(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(old)
	cores := runtime.GOMAXPROCS(0)
	for _, tc := range []struct {
		limit int64
		want  int
	}{
		{math.MaxInt64, cores},
		{1000 << 30, cores},
		{1 << 30, 1},
		{100 << 20, 1},
	} {
		debug.SetMemoryLimit(tc.limit)
		assert.Equal(t, tc.want, defaultLineageWorkers(), "limit %d", tc.limit)
	}
}

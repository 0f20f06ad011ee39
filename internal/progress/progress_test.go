package progress

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/cluster"
)

// TestProgress: on a terminal the line names each stage in turn with its
// place among the stages; off a terminal, or with --quiet, nothing is
// written; the stage that took most of the run is named.
func TestProgress(t *testing.T) {
	var errb bytes.Buffer
	p := New(&errb, true, nil, true, false, true)
	p.start = p.start.Add(-2 * time.Second) // past the first second's silence
	p.Stage("read", 10)
	p.render()
	assert.Contains(t, shown(p, &errb), "[1/7] read  10 articles")
	p.Stage("group", 10)
	assert.Contains(t, shown(p, &errb), "[2/7] candidates-lsh")
	p.OnStage(cluster.Timing{Stage: "candidates-lsh", Took: time.Millisecond})
	p.OnStage(cluster.Timing{Stage: "candidates-mlt", Took: 3 * time.Second})
	assert.Contains(t, shown(p, &errb), "[4/7] cluster-copy")
	p.Done()
	assert.True(t, strings.HasSuffix(shown(p, &errb), "\r\033[K"), "the line is erased at the end")
	assert.Contains(t, p.Dominant(), "most time in candidates-mlt")

	// A run that keeps the features on disk scores the pairs and groups
	// the components instead of the three clustering stages.
	var sb bytes.Buffer
	st := New(&sb, true, nil, true, false, true)
	st.start = st.start.Add(-2 * time.Second)
	st.Stage("group", 10)
	for _, s := range []string{"candidates-lsh", "candidates-mlt", "score-pairs"} {
		st.OnStage(cluster.Timing{Stage: s, Took: time.Millisecond})
	}
	assert.Contains(t, shown(st, &sb), "[5/6] cluster-components")
	st.OnStage(cluster.Timing{Stage: "cluster-components", Took: time.Millisecond})
	assert.Contains(t, shown(st, &sb), "[6/6] index")

	// An incremental run reports stages of its own, and may then turn
	// into a full regroup whose stages come after them: the line follows
	// and never runs past its end.
	var ib bytes.Buffer
	inc := New(&ib, true, nil, true, false, true)
	inc.start = inc.start.Add(-2 * time.Second)
	inc.Stage("read", 6)
	inc.Stage("group", 6)
	for _, s := range []string{"read", "index", "count", "candidates-lsh", "candidates-mlt", "score-pairs"} {
		inc.OnStage(cluster.Timing{Stage: s, Took: time.Millisecond})
	}
	assert.Contains(t, shown(inc, &ib), "[5/6] cluster-components")
	for _, s := range []string{"cluster-components", "index", "write", "more"} {
		inc.OnStage(cluster.Timing{Stage: s, Took: time.Millisecond})
	}
	inc.Done()

	for _, tt := range []struct{ terminal, quiet bool }{{false, false}, {true, true}} {
		var silent bytes.Buffer
		q := New(&silent, tt.terminal && !tt.quiet, nil, true, false, false)
		q.start = q.start.Add(-2 * time.Second)
		q.Stage("read", 5)
		q.render()
		q.Done()
		assert.Empty(t, silent.String())
	}
}

// shown reads what p wrote to b, under the lock its ticker writes with.
func shown(p *Line, b *bytes.Buffer) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return b.String()
}

func TestCountRecords(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.jsonl"), []byte("{}\n{}\n{}\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "b.txt"), []byte("text"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "c.rss"), []byte("<rss><channel><item></item><item></item></channel></rss>"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "d.atom"), []byte("<feed><entry></entry></feed>"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "e.xml"), []byte("<urlset></urlset>"), 0o644))
	assert.Equal(t, int64(8), countRecords([]string{dir}, make(chan struct{})))
	assert.Equal(t, int64(0), countRecords([]string{"-"}, make(chan struct{})), "standard input cannot be counted")
}

func TestTimesRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		timings []cluster.Timing
		want    map[string]float64
	}{
		{nil, map[string]float64{}},
		{[]cluster.Timing{{Stage: "read", Took: 12340 * time.Millisecond}}, map[string]float64{"read": 12.3}},
		{[]cluster.Timing{
			{Stage: "read", Took: 2 * time.Minute},
			{Stage: "score-pairs", Took: 450 * time.Millisecond},
			{Stage: "index", Took: 0},
		}, map[string]float64{"read": 120, "score-pairs": 0.5, "index": 0}},
	} {
		line := StagesPrefix + Times(tc.timings)
		got, ok := ParseTimes(line + "\n")
		require.True(t, ok, line)
		require.InDeltaMapValues(t, tc.want, got, 1e-9, line)
	}
	for _, bad := range []string{"", "wirediff: 3 groups", StagesPrefix + "read", StagesPrefix + "read x"} {
		_, ok := ParseTimes(bad)
		require.False(t, ok, bad)
	}
}

// TestCounter: the line says the items done of all, their rate and the
// time left, and is erased at the end; hidden, nothing is written.
func TestCounter(t *testing.T) {
	var b bytes.Buffer
	c := NewCounter(&b, true, "lineage", "groups", 10)
	c.mu.Lock()
	c.start = c.start.Add(-2 * time.Second) // past the first second's silence
	c.mu.Unlock()
	c.Add(4)
	c.mu.Lock()
	c.render()
	shown := b.String() // the ticker writes b under c.mu too
	c.mu.Unlock()
	assert.Regexp(t, `\r\x1b\[Kwirediff: lineage  4 of 10 groups  2/s  0:03 left  0:02 in all$`, shown)
	c.Done()
	c.Done()
	assert.True(t, strings.HasSuffix(b.String(), "\r\033[K"), "the line is erased at the end")

	var silent bytes.Buffer
	q := NewCounter(&silent, false, "lineage", "groups", 10)
	q.Add(10)
	q.Done()
	assert.Empty(t, silent.String())
}

package selection

import (
	"context"
	"errors"
	"maps"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/lineage"
	"github.com/wirediff/wirediff/lineage/render"
)

var seeds = filepath.Join("..", "..", "testdata", "seeds")

// seedStore holds the seed articles by ID.
type seedStore map[string]corpus.Article

func (s seedStore) Get(id string) (index.Entry, error) {
	a, ok := s[id]
	if !ok {
		return index.Entry{}, index.ErrNoID
	}
	return index.Entry{Article: a}, nil
}

func readSeeds(t *testing.T) seedStore {
	t.Helper()
	s := seedStore{}
	_, err := corpus.Read([]string{seeds}, corpus.Options{}, func(a corpus.Article) error {
		s[a.ID] = a
		return nil
	})
	require.NoError(t, err)
	require.Len(t, s, 5)
	return s
}

func TestAnalyze(t *testing.T) {
	s := readSeeds(t)
	const a, b = "000_4bd703d3e122696c", "002_ac49a336ca4eb3e9"
	groups := []Group{{Name: "ids", IDs: []string{a, b}}, {Name: "ids", IDs: []string{b, a}}}
	got, err := Analyze(s, groups, a)
	require.NoError(t, err)
	require.Len(t, got, 2)
	want, err := lineage.Analyze([]corpus.Article{s[a], s[b]}, lineage.Options{Source: a})
	require.NoError(t, err)
	assert.Equal(t, "ids", got[0].Group)
	assert.Equal(t, want, got[0].Report)
	want, err = lineage.Analyze([]corpus.Article{s[b], s[a]}, lineage.Options{Source: a})
	require.NoError(t, err)
	assert.Equal(t, want, got[1].Report, "the members in the group's order")

	_, err = Analyze(s, []Group{{Name: "ids", IDs: []string{a, "nope"}}}, "")
	assert.ErrorIs(t, err, index.ErrNoID)
	_, err = Analyze(s, []Group{{Name: "r:x", IDs: []string{a}}}, "")
	assert.ErrorIs(t, err, lineage.ErrTooFewMembers)
	assert.ErrorContains(t, err, "group r:x")

	got, err = Analyze(s, nil, "")
	require.NoError(t, err)
	assert.Empty(t, got)
}

// TestRewrites: a report per rewrite group of two or more seeds, named by
// the group's label, with every member.
func TestRewrites(t *testing.T) {
	run, err := dedup.Run(context.Background(), dedup.Source{Paths: []string{seeds}}, dedup.Options{KeepText: true})
	require.NoError(t, err)
	got, err := Rewrites(run)
	require.NoError(t, err)
	var want []string
	sizes := map[string]int{}
	for _, g := range run.GroupsAt(cluster.Rewrite) {
		if len(g) > 1 {
			l := run.Label(cluster.Rewrite, g[0])
			want = append(want, l)
			sizes[l] = len(g)
		}
	}
	require.NotEmpty(t, want, "the seeds hold a rewrite group")
	var names []string
	for _, r := range got {
		names = append(names, r.Group)
		assert.Len(t, r.Members, sizes[r.Group], r.Group)
	}
	assert.Equal(t, want, names)
}

// Groups analyzed on many cores give the reports one core gives, in the
// groups' order, and the error of the first group that fails (run with
// -race: the reports share the detector, the tokenizers and the tables).
func TestAnalyzeConcurrent(t *testing.T) {
	s := readSeeds(t)
	ids := slices.Sorted(maps.Keys(s))
	var groups []Group
	for i := range ids {
		for j := i + 1; j < len(ids); j++ {
			groups = append(groups, Group{Name: ids[i] + "+" + ids[j], IDs: []string{ids[i], ids[j]}})
		}
	}
	groups = append(groups, Group{Name: "all", IDs: ids})
	old := runtime.GOMAXPROCS(1)
	want, err := Analyze(s, groups, "")
	runtime.GOMAXPROCS(8)
	defer runtime.GOMAXPROCS(old)
	require.NoError(t, err)
	got, err := Analyze(s, groups, "")
	require.NoError(t, err)
	assert.Equal(t, want, got)

	bad := slices.Clone(groups)
	bad[3] = Group{Name: "r:three", IDs: ids[:1]}
	bad[7] = Group{Name: "r:seven", IDs: ids[:1]}
	_, err = Analyze(s, bad, "")
	assert.ErrorContains(t, err, "group r:three")
}

// seedPairs returns the seeds, their IDs in order, and the groups of the
// first with each other.
func seedPairs(t *testing.T) (seedStore, []string, []Group) {
	s := readSeeds(t)
	ids := slices.Sorted(maps.Keys(s))
	var groups []Group
	for i := 1; i < len(ids); i++ {
		groups = append(groups, Group{Name: ids[0] + "+" + ids[i], IDs: []string{ids[0], ids[i]}})
	}
	return s, ids, groups
}

// Stream emits the reports Analyze returns, in order, and stops at the
// first error in order, of the analysis or of emit.
func TestStream(t *testing.T) {
	s, ids, groups := seedPairs(t)
	want, err := Analyze(s, groups, "")
	require.NoError(t, err)
	var got []string
	require.NoError(t, Stream(context.Background(), s, groups, StreamOptions{}, func(r render.Named) error {
		got = append(got, r.Group)
		return nil
	}))
	var names []string
	for _, r := range want {
		names = append(names, r.Group)
	}
	assert.Equal(t, names, got)

	full := errors.New("disk full")
	got = nil
	err = Stream(context.Background(), s, groups, StreamOptions{}, func(r render.Named) error {
		got = append(got, r.Group)
		if len(got) == 2 {
			return full
		}
		return nil
	})
	assert.ErrorIs(t, err, full)
	assert.Equal(t, names[:2], got, "nothing emitted after the error")

	bad := slices.Clone(groups)
	bad[2] = Group{Name: "r:two", IDs: ids[:1]}
	got = nil
	err = Stream(context.Background(), s, bad, StreamOptions{}, func(r render.Named) error {
		got = append(got, r.Group)
		return nil
	})
	assert.ErrorContains(t, err, "group r:two")
	assert.Equal(t, names[:2], got, "the reports before the failed group")
}

// countingLimit admits max analyses at a time and records the most under
// way and the number admitted.
type countingLimit struct {
	slots          chan struct{}
	mu             sync.Mutex
	now, most, all int
}

func (l *countingLimit) Enter(ctx context.Context) error {
	select {
	case l.slots <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.now++
	l.all++
	l.most = max(l.most, l.now)
	return nil
}

func (l *countingLimit) Leave() {
	l.mu.Lock()
	l.now--
	l.mu.Unlock()
	<-l.slots
}

// Stream admits each group through its Limit, and starts no group once
// its context is done.
func TestStreamLimitAndCancel(t *testing.T) {
	s, _, groups := seedPairs(t)
	want, err := Analyze(s, groups, "")
	require.NoError(t, err)

	lim := &countingLimit{slots: make(chan struct{}, 1)}
	var got []render.Named
	require.NoError(t, Stream(context.Background(), s, groups, StreamOptions{Limit: lim}, func(r render.Named) error {
		got = append(got, r)
		return nil
	}))
	assert.Equal(t, want, got, "a limit changes no report")
	assert.Equal(t, len(groups), lim.all, "each group admitted once")
	assert.Equal(t, 1, lim.most, "never more analyses under way than the limit admits")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	emitted := 0
	err = Stream(ctx, s, groups, StreamOptions{}, func(render.Named) error {
		emitted++
		return nil
	})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, emitted)

	// A request gone while it waits for a slot.
	full := &countingLimit{slots: make(chan struct{}, 1)}
	full.slots <- struct{}{}
	ctx, cancel = context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	err = Stream(ctx, s, groups, StreamOptions{Limit: full}, func(render.Named) error { return nil })
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Zero(t, full.all)
}

package cluster_test

import (
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/similarity"
)

const wireStory = "Breaking: markets fall sharply on Monday after the central bank raised rates " +
	"by half a point, the largest increase in two decades, and signalled that more would follow. " +
	"Shares of banks and builders led the decline while the currency rose against the dollar."

// copyDocs featurizes n articles whose texts text(i) gives, IDs in order.
func copyDocs(t testing.TB, n int, full bool, text func(i int) string) ([]cluster.Doc, similarity.Bands) {
	t.Helper()
	f, b := testFeaturizer(t)
	docs := make([]cluster.Doc, n)
	for i := range docs {
		a := corpus.Article{ID: fmt.Sprintf("s%07d", i), Text: text(i)}
		if full {
			docs[i] = f.Doc(&a)
		} else {
			docs[i] = f.CopyOnly(&a)
		}
	}
	if full {
		cluster.Weigh(docs, nil)
	}
	return docs, b
}

func oneGroup(t testing.TB, labels []int) {
	t.Helper()
	for i, l := range labels {
		if l != 0 {
			t.Fatalf("doc %d in group %d, want every doc in group 0", i, l)
		}
	}
}

// More identical copies than MaxBucket form one copy group: they are
// collapsed by hash, never skipped.
func TestGroupCopiesIdenticalOverBucket(t *testing.T) {
	docs, b := copyDocs(t, 5001, false, func(int) string { return wireStory })
	opt := cluster.DefaultOptions()
	c := cluster.GroupCopies(docs, b, opt)
	oneGroup(t, c.Labels)
	assert.Equal(t, 5000, c.Duplicates)
	assert.True(t, c.Candidate(17, 4999))
}

// Near-identical copies (each with its own trailing number) fill buckets
// far over MaxBucket: each is paired with the bucket leader, none skipped.
func TestGroupCopiesNearIdenticalOverBucket(t *testing.T) {
	const n = 600
	docs, b := copyDocs(t, n, false, func(i int) string { return wireStory + " Ref " + strconv.Itoa(i) + "." })
	opt := cluster.DefaultOptions()
	opt.Candidates.MaxBucket = 50
	c := cluster.GroupCopies(docs, b, opt)
	assert.Positive(t, c.SkippedBuckets)
	assert.Zero(t, c.Duplicates)
	oneGroup(t, c.Labels)

	// The same grouping as without a cap, pair by pair.
	opt.Candidates.MaxBucket = 0
	assert.Equal(t, cluster.GroupCopies(docs, b, opt).Labels, c.Labels)
}

// Identical texts further apart than the date window are not copies of
// each other; an undated copy is in the window of both.
func TestGroupCopiesWindow(t *testing.T) {
	docs, b := copyDocs(t, 5, false, func(int) string { return wireStory })
	day := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	docs[0].Published = day
	docs[1].Published = day.Add(24 * time.Hour)
	docs[2].Published = day.Add(60 * 24 * time.Hour)
	docs[3].Published = day.Add(61 * 24 * time.Hour)
	opt := cluster.DefaultOptions()
	c := cluster.GroupCopies(docs, b, opt)
	assert.Equal(t, c.Labels[0], c.Labels[1])
	assert.Equal(t, c.Labels[2], c.Labels[3])
	assert.NotEqual(t, c.Labels[0], c.Labels[2])
	opt.Window = 0
	oneGroup(t, cluster.GroupCopies(docs, b, opt).Labels)
}

// Through Run, with buckets capped far below the groups' sizes: every
// exact and near copy of the story lands in the first doc's group, every
// unrelated text alone.
func TestRunManyCopies(t *testing.T) {
	docs, b := copyDocs(t, 3000, true, func(i int) string {
		switch i % 3 {
		case 0:
			return wireStory
		case 1:
			return wireStory + " Updated at " + strconv.Itoa(i) + "."
		}
		return "An unrelated report number " + strconv.Itoa(i) + " about football, weather and the arts in " + strconv.Itoa(i*7) + " towns."
	})
	opt := cluster.DefaultOptions()
	opt.Candidates.MaxBucket = 100
	r, err := cluster.Run(docs, b, opt)
	require.NoError(t, err)
	for i := range docs {
		want := 0
		if i%3 == 2 {
			want = i
		}
		require.Equal(t, want, r.Labels[cluster.Copy][i], "doc %d", i)
	}
}

// BenchmarkManyCopies groups n identical copies of one story (copy level,
// then the whole of Run): time and memory must grow linearly. Set
// WIREDIFF_COPIES (e.g. 100000) for the size; the default is small.
func BenchmarkManyCopies(b *testing.B) {
	n := 10000
	if s := os.Getenv("WIREDIFF_COPIES"); s != "" {
		var err error
		n, err = strconv.Atoi(s)
		require.NoError(b, err)
	}
	docs, bands := copyDocs(b, n, true, func(int) string { return wireStory })
	opt := cluster.DefaultOptions()
	b.Run(fmt.Sprintf("copy/docs=%d", n), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			oneGroup(b, cluster.GroupCopies(docs, bands, opt).Labels)
		}
	})
	b.Run(fmt.Sprintf("run/docs=%d", n), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			r, err := cluster.Run(docs, bands, opt)
			require.NoError(b, err)
			oneGroup(b, r.Labels[cluster.Story])
		}
	})
}

package dedup_test

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/benchmarks"
	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/internal/devdata"
)

// generatedFile writes n generated articles (seed seed) as JSON lines
// and returns the file.
func generatedFile(t *testing.T, n int, seed uint64) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "articles.jsonl")
	f, err := os.Create(path)
	require.NoError(t, err)
	w := bufio.NewWriter(f)
	require.NoError(t, benchmarks.Generate(benchmarks.GenConfig{Articles: n, Seed: seed}, func(a benchmarks.GenArticle) error {
		return benchmarks.WriteJSONL(w, a)
	}))
	require.NoError(t, w.Flush())
	require.NoError(t, f.Close())
	return path
}

// TestRunStreamedEqualsInMemory: a run over an index without the text
// (the features on disk, each component grouped apart) gives the groups
// of grouping every article in memory, and leaves the index the same
// postings and document frequencies, on the seeds, a generated corpus
// and (with the shared data) the development sets, whose rewrite
// families, stories and undated articles differ from the generator's.
func TestRunStreamedEqualsInMemory(t *testing.T) {
	cases := map[string][]string{
		"seeds":     {"../testdata/seeds"},
		"generated": {generatedFile(t, 1500, 5)},
	}
	if !testing.Short() && devdata.Dir() != "" {
		var dev []string
		for _, set := range []string{"ecbplus-dev", "basil-dev", "neus-dev"} {
			dev = append(dev, devdata.Path(t, filepath.Join("data", set, "articles.jsonl")))
		}
		cases["development sets"] = dev
	}
	for name, paths := range cases {
		t.Run(name, func(t *testing.T) {
			src := dedup.Source{Paths: paths}
			mem, err := dedup.Run(context.Background(), src, dedup.Options{})
			require.NoError(t, err)
			kept := newIndex(t) // with the text: in memory
			withText, err := dedup.Run(context.Background(), src, dedup.Options{Index: kept, KeepText: true})
			require.NoError(t, err)
			ix := newIndex(t)
			var stages []string
			got, err := dedup.Run(context.Background(), src, dedup.Options{Index: ix, OnStage: func(tm cluster.Timing) {
				stages = append(stages, tm.Stage)
			}})
			require.NoError(t, err)
			assert.Nil(t, got.Groups.Grouper, "a streamed run holds no features to score with")
			assert.Equal(t, []string{"candidates-lsh", "candidates-mlt", "score-pairs", "cluster-components", "index"}, stages)
			assert.Equal(t, mem.Assignments(), got.Assignments())
			assert.Equal(t, withText.Assignments(), got.Assignments())
			assert.Equal(t, mem.Pairs, got.Pairs)
			assert.Equal(t, mem.Groups.SkippedBuckets, got.Groups.SkippedBuckets)
			assert.Equal(t, mem.Groups.Duplicates, got.Groups.Duplicates)
			for _, f := range []string{"postings.bin", "docfreqs.bin"} {
				a, err := kept.ReadState(f)
				require.NoError(t, err)
				b, err := ix.ReadState(f)
				require.NoError(t, err)
				assert.Equal(t, a, b, f)
			}
			// A full regroup of the index reads the stored features
			// and gives the same groups.
			again, err := dedup.Run(context.Background(), dedup.Source{}, dedup.Options{Index: ix})
			require.NoError(t, err)
			assert.Equal(t, mem.Assignments(), again.Assignments())
		})
	}
}

// TestRunStreamedDuplicates: exact duplicates (the same text under
// several IDs, some published further apart than the window) and an ID
// read twice (the later record kept, the earlier uncounted) group as in
// memory.
func TestRunStreamedDuplicates(t *testing.T) {
	text := "The city council voted on Tuesday to approve a new budget for the harbour district, " +
		"after months of debate over the cost of repairing the old sea wall and the ferry terminal. " +
		"Mayor Jane Holloway said the plan would protect homes and jobs for decades to come."
	other := "A storm closed schools across the northern valley on Monday as rivers rose above their banks " +
		"and emergency crews moved families from low-lying farms to shelters in the town of Brackwater."
	var lines []map[string]string
	for k, day := range []string{"01", "02", "03", "20", "21", "22"} {
		lines = append(lines, map[string]string{"id": "dup" + string(rune('a'+k)), "published": "2024-03-" + day + "T10:00:00Z", "text": text})
	}
	lines = append(lines,
		map[string]string{"id": "undated1", "text": text},
		map[string]string{"id": "undated2", "text": text},
		map[string]string{"id": "storm", "published": "2024-03-02T08:00:00Z", "text": other},
		map[string]string{"id": "storm2", "published": "2024-03-02T09:00:00Z", "text": other + " Roads were closed."},
		// Read again, longer: this record is the one kept.
		map[string]string{"id": "dupa", "published": "2024-03-01T10:00:00Z", "text": text + " " + other},
	)
	path := filepath.Join(t.TempDir(), "a.jsonl")
	f, err := os.Create(path)
	require.NoError(t, err)
	enc := json.NewEncoder(f)
	for _, l := range lines {
		require.NoError(t, enc.Encode(l))
	}
	require.NoError(t, f.Close())
	src := dedup.Source{Paths: []string{path}}
	mem, err := dedup.Run(context.Background(), src, dedup.Options{})
	require.NoError(t, err)
	ix := newIndex(t)
	got, err := dedup.Run(context.Background(), src, dedup.Options{Index: ix})
	require.NoError(t, err)
	assert.Equal(t, mem.Assignments(), got.Assignments())
	assert.Equal(t, mem.Groups.Duplicates, got.Groups.Duplicates)
	assert.Equal(t, mem.Freqs.Docs, got.Freqs.Docs)
	assert.Equal(t, mem.Freqs.DF, got.Freqs.DF)
	assert.Greater(t, mem.Groups.Duplicates, 2)
}

// TestScoringRecordRoundTrip: a scoring record gives back what grouping
// reads of a weighed doc, decoded into a doc whose room is reused (larger
// or smaller than the record's sets); a cut or lengthened record is an
// error.
func TestScoringRecordRoundTrip(t *testing.T) {
	docs := seedDocs(t, true)
	var into cluster.Doc
	for _, order := range [][]int{{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}} {
		for _, k := range order {
			d := docs[k]
			b := dedup.AppendScoring(nil, &d)
			into.ID, into.Published = d.ID, d.Published
			require.NoError(t, dedup.ParseScoring(b, &into))
			want := cluster.Doc{ID: d.ID, Published: d.Published, Shingles: d.Shingles, Terms: d.Terms, Names: d.Names, Passages: d.Passages, Days: d.Days}
			assert.Equal(t, want, into, d.ID)
			assert.Error(t, dedup.ParseScoring(b[:len(b)-1], &into))
			assert.Error(t, dedup.ParseScoring(append(b, 0), &into))
			assert.Error(t, dedup.ParseScoring(b[:3], &into))
		}
	}
	var empty cluster.Doc
	b := dedup.AppendScoring(nil, &cluster.Doc{ID: "x"})
	require.NoError(t, dedup.ParseScoring(b, &empty))
	assert.Equal(t, cluster.Doc{}, empty, "empty sets decode as nil")
}

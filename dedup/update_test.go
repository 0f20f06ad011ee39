package dedup_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/benchmarks"
	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/eval"
	"github.com/wirediff/wirediff/index"
)

// generatedLines writes a generated corpus of n articles and returns its
// lines.
func generatedLines(t *testing.T, n int) []string {
	t.Helper()
	dir := t.TempDir()
	_, err := benchmarks.WriteCorpus(dir, benchmarks.GenConfig{Articles: n, Seed: 3})
	require.NoError(t, err)
	data, err := os.ReadFile(filepath.Join(dir, benchmarks.ArticlesFile))
	require.NoError(t, err)
	return strings.SplitAfter(strings.TrimSpace(string(data)), "\n")
}

func linesSource(lines []string) dedup.Source {
	return dedup.Source{Paths: []string{"-"}, Stdin: strings.NewReader(strings.Join(lines, "") + "\n")}
}

func groupsAt(t *testing.T, ix *index.Index, l cluster.Level) eval.Clustering {
	t.Helper()
	as, err := ix.Groups()
	require.NoError(t, err)
	c := eval.Clustering{}
	for id, a := range as {
		c[id] = a.Label(l)
	}
	return c
}

// TestUpdateAgreesWithFull: adding 5% to a grouped index by an
// incremental run gives the groups of a full regroup of the same index,
// at every level, and moves only groups the new articles joined.
func TestUpdateAgreesWithFull(t *testing.T) {
	lines := generatedLines(t, 1200)
	ix := newIndex(t)
	opt := dedup.Options{Cluster: cluster.DefaultOptions(), Index: ix, TempDir: t.TempDir()}
	ctx := context.Background()
	u, err := dedup.Update(ctx, linesSource(lines[:1140]), opt, dedup.UpdateOptions{})
	require.NoError(t, err)
	assert.True(t, u.Full, "a new index is grouped in full")
	assert.Contains(t, u.Reason, "no earlier grouping")
	assert.Equal(t, 1140, u.New)

	u, err = dedup.Update(ctx, linesSource(lines[1140:]), opt, dedup.UpdateOptions{})
	require.NoError(t, err)
	require.False(t, u.Full, u.Reason)
	assert.Equal(t, 60, u.New)
	assert.Equal(t, 0, u.Replaced)
	assert.Equal(t, 1200, u.Grouped)
	assert.Less(t, len(u.Docs), 1200, "regrouped a part")
	assert.GreaterOrEqual(t, len(u.Docs), 60)
	assert.Positive(t, u.Moved[cluster.Story])
	var inc [3]eval.Clustering
	for l := range inc {
		inc[l] = groupsAt(t, ix, cluster.Level(l))
		require.Len(t, inc[l], 1200)
	}

	u, err = dedup.Update(ctx, dedup.Source{}, opt, dedup.UpdateOptions{Full: true})
	require.NoError(t, err)
	assert.True(t, u.Full)
	assert.Equal(t, "asked for", u.Reason)
	assert.Equal(t, 0, u.New)
	for l := range inc {
		s := eval.Score(groupsAt(t, ix, cluster.Level(l)), inc[l])
		assert.GreaterOrEqual(t, s.Pairwise.Precision, 0.995, "level %d", l)
		assert.GreaterOrEqual(t, s.Pairwise.Recall, 0.995, "level %d", l)
	}
}

// TestUpdateDrift: an index grown past the drift since its last full
// regroup is regrouped in full, the input indexed all the same.
func TestUpdateDrift(t *testing.T) {
	lines := generatedLines(t, 300)
	ix := newIndex(t)
	opt := dedup.Options{Cluster: cluster.DefaultOptions(), Index: ix, TempDir: t.TempDir()}
	ctx := context.Background()
	_, err := dedup.Update(ctx, linesSource(lines[:250]), opt, dedup.UpdateOptions{})
	require.NoError(t, err)
	u, err := dedup.Update(ctx, linesSource(lines[250:270]), opt, dedup.UpdateOptions{})
	require.NoError(t, err)
	assert.False(t, u.Full, "8%% growth: %s", u.Reason)
	u, err = dedup.Update(ctx, linesSource(lines[270:]), opt, dedup.UpdateOptions{})
	require.NoError(t, err)
	assert.True(t, u.Full)
	assert.Contains(t, u.Reason, "grew by 20.0%")
	assert.Equal(t, 30, u.Stats.Read)
	assert.Equal(t, 30, u.New)
	assert.Len(t, u.Docs, 300)
	// The full regroup starts the count again.
	u, err = dedup.Update(ctx, linesSource([]string{edited(t, lines[0])}), opt, dedup.UpdateOptions{})
	require.NoError(t, err)
	assert.False(t, u.Full, u.Reason)
	assert.Equal(t, 1, u.Replaced)
}

// TestUpdateDriftWithReplaced: articles read in another version do not
// offset the growth of the index: about 15% new with 12% replaced is
// about 15% grown, not 3%.
func TestUpdateDriftWithReplaced(t *testing.T) {
	lines := generatedLines(t, 230)
	ix := newIndex(t)
	opt := dedup.Options{Cluster: cluster.DefaultOptions(), Index: ix, TempDir: t.TempDir()}
	ctx := context.Background()
	_, err := dedup.Update(ctx, linesSource(lines[:200]), opt, dedup.UpdateOptions{})
	require.NoError(t, err)
	in := slices.Clone(lines[200:])
	for _, l := range lines[:24] {
		in = append(in, edited(t, l))
	}
	u, err := dedup.Update(ctx, linesSource(in), opt, dedup.UpdateOptions{})
	require.NoError(t, err)
	assert.True(t, u.Full, "about 30 new of 200")
	assert.Regexp(t, `the index grew by 1[45]\.\d%`, u.Reason)
}

// TestUpdateDamagedState: a state file that does not decode (a cache of
// the index's for incremental runs) or a groups file that does not parse
// turns the next run into a full regroup that says which file and writes
// it again, the input read and counted, rather than failing the run;
// deleting from such an index works too, and the run after the regroup is
// incremental again.
func TestUpdateDamagedState(t *testing.T) {
	lines := generatedLines(t, 280)
	for _, tt := range []struct {
		file   string
		damage func(b []byte) []byte
		reason string
	}{
		{"postings.bin", func(b []byte) []byte { return b[:len(b)/2] }, "postings.bin is damaged"},
		{"postings.bin", func(b []byte) []byte { b[len(b)/2] ^= 0xff; return b }, "postings.bin is damaged (checksum mismatch)"},
		{"docfreqs.bin", func(b []byte) []byte { return append(b, 'x') }, "docfreqs.bin is damaged (trailing bytes)"},
		{"replaced.bin", func([]byte) []byte { return []byte("not a list of replaced articles") }, "replaced.bin is damaged"},
		{"groups.tsv", func(b []byte) []byte { return append(b, "a row\n"...) }, "the groups file is damaged ("},
	} {
		ix := newIndex(t)
		opt := dedup.Options{Cluster: cluster.DefaultOptions(), Index: ix, TempDir: t.TempDir()}
		ctx := context.Background()
		_, err := dedup.Update(ctx, linesSource(lines[:250]), opt, dedup.UpdateOptions{})
		require.NoError(t, err)
		path := filepath.Join(ix.Dir(), tt.file)
		b, err := os.ReadFile(path)
		if os.IsNotExist(err) {
			err = nil
		}
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(path, tt.damage(b), 0o644))

		_, _, err = dedup.Delete(ix, []string{"nope"})
		require.NoError(t, err, "%s: delete", tt.file)
		u, err := dedup.Update(ctx, linesSource(lines[250:260]), opt, dedup.UpdateOptions{})
		require.NoError(t, err, tt.file)
		assert.True(t, u.Full, tt.file)
		assert.Contains(t, u.Reason, tt.reason, tt.file)
		assert.Equal(t, 10, u.Stats.Read, "%s: the input is read and counted", tt.file)
		if tt.file != "groups.tsv" { // without groups, every article is new to them
			assert.Equal(t, 10, u.New, tt.file)
		}
		u, err = dedup.Update(ctx, linesSource(lines[260:265]), opt, dedup.UpdateOptions{})
		require.NoError(t, err, tt.file)
		assert.False(t, u.Full, "%s: %s", tt.file, u.Reason)
	}
}

// edited returns an article's line with a sentence added to its text.
func edited(t *testing.T, line string) string {
	t.Helper()
	var rec map[string]any
	require.NoError(t, json.Unmarshal([]byte(line), &rec))
	rec["text"] = rec["text"].(string) + " A spokesman declined to comment further on Tuesday."
	b, err := json.Marshal(rec)
	require.NoError(t, err)
	return string(b) + "\n"
}

// TestUpdateUnchanged: articles read again as the index holds them are
// counted unchanged, neither indexed again nor regrouped; a run of
// nothing else moves no group and leaves the index's files as they
// were, whatever the order (and so the origin) of the lines read.
func TestUpdateUnchanged(t *testing.T) {
	lines := generatedLines(t, 300)
	ix := newIndex(t)
	opt := dedup.Options{Cluster: cluster.DefaultOptions(), Index: ix, TempDir: t.TempDir()}
	ctx := context.Background()
	_, err := dedup.Update(ctx, linesSource(lines[:290]), opt, dedup.UpdateOptions{})
	require.NoError(t, err)
	digest, err := ix.GroupsDigest()
	require.NoError(t, err)
	ids, err := ix.IDs()
	require.NoError(t, err)
	first, err := ix.Get(ids[0])
	require.NoError(t, err)

	again := slices.Clone(lines[:290])
	slices.Reverse(again)
	u, err := dedup.Update(ctx, linesSource(again), opt, dedup.UpdateOptions{})
	require.NoError(t, err)
	require.False(t, u.Full, u.Reason)
	assert.Equal(t, [3]int{}, [3]int{u.New, u.Replaced, u.Candidates})
	assert.Equal(t, 290, u.Unchanged)
	assert.Equal(t, 290, u.Stats.Read)
	assert.Equal(t, [3]int{}, u.Moved)
	assert.Equal(t, 290, u.Grouped)
	// The groups of the articles read, as the index holds them.
	require.Len(t, u.Docs, 290)
	stored, err := ix.Groups()
	require.NoError(t, err)
	for i, a := range u.Assignments() {
		assert.Equal(t, stored[a.ID], a, "article %d", i)
	}
	d, err := ix.GroupsDigest()
	require.NoError(t, err)
	assert.Equal(t, digest, d, "groups.tsv as it was")
	e, err := ix.Get(ids[0])
	require.NoError(t, err)
	assert.Equal(t, first.Article.Origin, e.Article.Origin, "not indexed again")

	// Unchanged, edited and new articles in one run: only the edited and
	// new ones are regrouped, with what they touch.
	mixed := append(slices.Clone(lines[:20]), edited(t, lines[20]))
	mixed = append(mixed, lines[290:]...)
	u, err = dedup.Update(ctx, linesSource(mixed), opt, dedup.UpdateOptions{})
	require.NoError(t, err)
	require.False(t, u.Full, u.Reason)
	assert.Equal(t, 10, u.New)
	assert.Equal(t, 1, u.Replaced)
	assert.Equal(t, 20, u.Unchanged)
	assert.Equal(t, 300, u.Grouped)
	assert.GreaterOrEqual(t, len(u.Docs), 31, "regrouped, and the groups of the unchanged ones")
	assert.Less(t, len(u.Docs), 300)
	assert.Less(t, u.Stored+11, len(u.Docs), "the unchanged ones are not regrouped")

	// The same articles once more: nothing left to do.
	u, err = dedup.Update(ctx, linesSource(mixed), opt, dedup.UpdateOptions{})
	require.NoError(t, err)
	require.False(t, u.Full, u.Reason)
	assert.Equal(t, len(mixed), u.Unchanged)
	assert.Equal(t, [3]int{}, u.Moved)
}

// TestUpdateResumes: articles an interrupted run indexed without
// grouping them (or that 'wirediff index' added) are new to the next
// run, which groups them; a grouping written by another run than the
// one the document frequencies were counted for makes the run a full
// one.
func TestUpdateResumes(t *testing.T) {
	lines := generatedLines(t, 400)
	ix := newIndex(t)
	opt := dedup.Options{Cluster: cluster.DefaultOptions(), Index: ix, TempDir: t.TempDir()}
	ctx := context.Background()
	_, err := dedup.Update(ctx, linesSource(lines[:380]), opt, dedup.UpdateOptions{})
	require.NoError(t, err)
	// What a run killed after indexing leaves: the articles, no groups.
	_, err = dedup.Load(ctx, linesSource(lines[380:]), dedup.Options{Cluster: cluster.DefaultOptions(), Index: ix})
	require.NoError(t, err)
	u, err := dedup.Update(ctx, linesSource(lines[395:]), opt, dedup.UpdateOptions{})
	require.NoError(t, err)
	require.False(t, u.Full, u.Reason)
	assert.Equal(t, 20, u.New, "15 indexed before, 5 read")
	assert.Equal(t, 400, u.Grouped)

	as, err := ix.Groups()
	require.NoError(t, err)
	delete(as, strings.SplitN(strings.TrimPrefix(lines[0], `{"id":"`), `"`, 2)[0])
	var list []index.Assignment
	for _, a := range as {
		list = append(list, a)
	}
	require.NoError(t, ix.WriteGroups(list))
	u, err = dedup.Update(ctx, linesSource(lines[399:]), opt, dedup.UpdateOptions{})
	require.NoError(t, err)
	assert.True(t, u.Full)
	assert.Contains(t, u.Reason, "groups changed")
}

// TestUpdateOtherOptions: an incremental run with other grouping options
// than the index's groups were made with (another threshold or window)
// regroups the whole index, saying which, so that no groups of both
// options stay side by side; with the same options it is incremental.
func TestUpdateOtherOptions(t *testing.T) {
	lines := generatedLines(t, 300)
	ix := newIndex(t)
	strict := cluster.DefaultOptions()
	strict.Thresholds.Rewrite = 0.9
	opt := dedup.Options{Cluster: strict, Index: ix, TempDir: t.TempDir()}
	ctx := context.Background()
	_, err := dedup.Update(ctx, linesSource(lines[:280]), opt, dedup.UpdateOptions{})
	require.NoError(t, err)

	u, err := dedup.Update(ctx, linesSource(lines[280:290]), opt, dedup.UpdateOptions{})
	require.NoError(t, err)
	assert.False(t, u.Full, u.Reason)

	opt.Cluster = cluster.DefaultOptions()
	opt.Cluster.Window = 0
	u, err = dedup.Update(ctx, linesSource(lines[290:]), opt, dedup.UpdateOptions{})
	require.NoError(t, err)
	require.True(t, u.Full)
	assert.Contains(t, u.Reason, "the rewrite threshold 0.9, now 0.275")
	assert.Contains(t, u.Reason, "the window 7d, now off")

	u, err = dedup.Update(ctx, dedup.Source{Paths: []string{"-"}, Stdin: strings.NewReader("")}, opt, dedup.UpdateOptions{})
	require.NoError(t, err)
	assert.False(t, u.Full, "the options of the full run are recorded: %s", u.Reason)
}

package benchmarks

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/eval"
)

func TestWriteCorpus(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "c")
	cfg := GenConfig{Articles: 700, Seed: 3}
	info, err := WriteCorpus(dir, cfg)
	require.NoError(t, err)
	assert.Equal(t, CorpusInfo{Format: CorpusFormat, Articles: 700, Seed: 3, Bytes: info.Bytes}, info)

	// The articles read back, in generation order, with the truth of
	// Generate at every level.
	want := generate(t, cfg)
	var got []corpus.Article
	st, err := corpus.Read([]string{filepath.Join(dir, ArticlesFile)}, corpus.Options{}, func(a corpus.Article) error {
		got = append(got, a)
		return nil
	})
	require.NoError(t, err)
	require.Zero(t, st.SkippedTotal(), "skipped %v", st.Skipped)
	require.Len(t, got, len(want))
	for i := range want {
		require.Equal(t, want[i].ID, got[i].ID)
	}
	for l, level := range Levels {
		gold, err := eval.ReadClusteringFile(filepath.Join(dir, GoldFile(level)))
		require.NoError(t, err, level)
		require.Len(t, gold, len(want), level)
		for _, a := range want {
			lab := [3]string{a.Copy, a.Rewrite, a.Story}[l]
			require.Equal(t, lab, gold[a.ID], "%s truth of %s", level, a.ID)
		}
	}

	// Reopening finds it; another config is a mismatch.
	got2, err := OpenCorpus(dir, cfg)
	require.NoError(t, err)
	assert.Equal(t, info, got2)
	_, err = OpenCorpus(dir, GenConfig{Articles: 701, Seed: 3})
	assert.ErrorIs(t, err, ErrCorpusMismatch)
	_, err = EnsureCorpus(dir, GenConfig{Articles: 700, Seed: 4}, nil)
	assert.ErrorIs(t, err, ErrCorpusMismatch)
	_, err = OpenCorpus(t.TempDir(), cfg)
	assert.ErrorIs(t, err, ErrNoCorpus)
}

func TestEnsureCorpusReuses(t *testing.T) {
	dir := t.TempDir()
	cfg := GenConfig{Articles: 50, Seed: 1}
	var log strings.Builder
	_, err := EnsureCorpus(dir, cfg, &log)
	require.NoError(t, err)
	assert.Contains(t, log.String(), "generating 50 articles")
	// Mark the file: a second call must not rewrite it.
	path := filepath.Join(dir, ArticlesFile)
	st, err := os.Stat(path)
	require.NoError(t, err)
	require.NoError(t, os.Chtimes(path, st.ModTime(), st.ModTime().Add(-3600e9)))
	st, err = os.Stat(path)
	require.NoError(t, err)
	log.Reset()
	_, err = EnsureCorpus(dir, cfg, &log)
	require.NoError(t, err)
	assert.Empty(t, log.String())
	st2, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, st.ModTime(), st2.ModTime(), "EnsureCorpus rewrote an existing corpus")
}

func TestWriteCorpusRejectsUnrecordedConfig(t *testing.T) {
	_, err := WriteCorpus(t.TempDir(), GenConfig{Articles: 10, Seed: 1, CopyShare: 0.5})
	assert.ErrorIs(t, err, ErrGenConfig)
}

func TestFormatBytes(t *testing.T) {
	for n, want := range map[int64]string{
		0:             "0 bytes",
		1:             "1 byte",
		999:           "999 bytes",
		1000:          "1.0 KB",
		48_349:        "48.3 KB",
		999_949:       "999.9 KB",
		999_950:       "1.0 MB",
		12_600_000:    "12.6 MB",
		999_950_000:   "1.0 GB",
		1_400_000_000: "1.4 GB",
	} {
		assert.Equal(t, want, FormatBytes(n), n)
	}
}

package dedup_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/index"
)

// seedsJSONL is the seed articles as JSON lines.
func seedsJSONL(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	_, err := corpus.Read([]string{"../testdata/seeds"}, corpus.Options{}, func(a corpus.Article) error {
		a.Origin, a.Furniture = "", nil
		line, err := json.Marshal(a)
		b.Write(append(line, '\n'))
		return err
	})
	require.NoError(t, err)
	return b.String()
}

func newIndex(t *testing.T) *index.Index {
	t.Helper()
	s, err := dedup.DefaultScheme()
	require.NoError(t, err)
	ix, err := index.Open(filepath.Join(t.TempDir(), "x.index"), index.Options{Create: true, Meta: s.Meta()})
	require.NoError(t, err)
	t.Cleanup(func() { ix.Close() })
	return ix
}

// readOnce is a reader that fails if read after its end.
type readOnce struct {
	r    io.Reader
	done bool
}

func (r *readOnce) Read(p []byte) (int, error) {
	if r.done {
		return 0, errors.New("read again after EOF")
	}
	n, err := r.r.Read(p)
	if err == io.EOF {
		r.done = true
	}
	return n, err
}

// TestRunIndexReadsOnce: with an index, a run reads its input once (the
// index gets the articles from the spool) and records the groups; a
// second run groups the input with what the index holds.
func TestRunIndexReadsOnce(t *testing.T) {
	ix := newIndex(t)
	data := seedsJSONL(t)
	var stages []string
	opt := dedup.Options{Cluster: cluster.DefaultOptions(), Index: ix, TempDir: t.TempDir(),
		Progress: func(stage string, n int) {
			if len(stages) == 0 || stages[len(stages)-1] != stage {
				stages = append(stages, stage)
			}
		}}
	res, err := dedup.Run(context.Background(), dedup.Source{Paths: []string{"-"}, Stdin: &readOnce{r: strings.NewReader(data)}}, opt)
	require.NoError(t, err)
	assert.Equal(t, []string{"read", "group"}, stages)
	assert.Equal(t, 5, res.Stats.Read)
	n, err := ix.Count()
	require.NoError(t, err)
	assert.Equal(t, 5, n, "articles indexed")
	groups, err := ix.Groups()
	require.NoError(t, err)
	for _, a := range res.Assignments() {
		assert.Equal(t, a, groups[a.ID])
	}
	spooled, err := os.ReadDir(opt.TempDir)
	require.NoError(t, err)
	assert.Empty(t, spooled, "the spool is removed")

	// One article read again: the other four come from the index.
	first := data[:strings.Index(data, "\n")+1]
	res2, err := dedup.Run(context.Background(), dedup.Source{Paths: []string{"-"}, Stdin: strings.NewReader(first)}, opt)
	require.NoError(t, err)
	assert.Equal(t, 4, res2.Stored)
	assert.Equal(t, res.Assignments(), res2.Assignments())
}

func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := dedup.Run(ctx, dedup.Source{Paths: []string{"../testdata/seeds"}}, dedup.Options{Cluster: cluster.DefaultOptions()})
	assert.ErrorIs(t, err, context.Canceled)
}

// TestRunScheme: a run signs with the index's scheme, refuses another,
// and takes zero options as the defaults.
func TestRunScheme(t *testing.T) {
	ix := newIndex(t)
	other, err := dedup.DefaultScheme()
	require.NoError(t, err)
	other.Shingle = 4
	_, err = dedup.Run(context.Background(), dedup.Source{Paths: []string{"../testdata/seeds"}},
		dedup.Options{Index: ix, Scheme: other, TempDir: t.TempDir()})
	assert.ErrorIs(t, err, index.ErrMismatch)

	zero, err := dedup.Run(context.Background(), dedup.Source{Paths: []string{"../testdata/seeds"}}, dedup.Options{Index: ix, TempDir: t.TempDir()})
	require.NoError(t, err)
	def, err := dedup.Run(context.Background(), dedup.Source{Paths: []string{"../testdata/seeds"}}, dedup.Options{Cluster: cluster.DefaultOptions()})
	require.NoError(t, err)
	assert.Equal(t, def.Assignments(), zero.Assignments())
}

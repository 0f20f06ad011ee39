package index

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/similarity"
)

var testMeta = Meta{Seed: 42, NumHashes: 4, Shingle: 3, Bands: 2, Rows: 2}

func entry(id, text string) Entry {
	return Entry{
		Article: corpus.Article{
			ID: id, Outlet: "Example", Title: "Title " + id, Text: text,
			Published: time.Date(2025, 11, 18, 0, 0, 0, 0, time.UTC),
			Furniture: []corpus.Span{{Start: 0, End: 4}},
			Origin:    "in.jsonl:1",
		},
		Signature: similarity.Signature{1, 2, 3, 4},
	}
}

func create(t testing.TB, dir string) *Index {
	t.Helper()
	ix, err := Open(dir, Options{Create: true, Meta: testMeta})
	require.NoError(t, err)
	return ix
}

func add(t *testing.T, ix *Index, es ...Entry) {
	t.Helper()
	w, err := ix.NewWriter()
	require.NoError(t, err)
	for _, e := range es {
		require.NoError(t, w.Add(e))
	}
	require.NoError(t, w.Flush())
}

func TestRoundTripAndReplace(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "x.index")
	ix := create(t, dir)
	add(t, ix, entry("a", "Text of a harbour story."), entry("b", "Text of b."))
	require.NoError(t, ix.Close())

	// Reopen and continue: re-adding an ID replaces it.
	ix, err := Open(dir, Options{Create: true, Meta: testMeta})
	require.NoError(t, err)
	add(t, ix, entry("a", "Replaced text of a."), entry("c", "Text of c."))
	n, err := ix.Count()
	require.NoError(t, err)
	assert.Equal(t, 3, n)
	got, err := ix.Get("a")
	require.NoError(t, err)
	want := entry("a", "Replaced text of a.")
	assert.Equal(t, want.Article, got.Article)
	assert.Equal(t, want.Signature, got.Signature)
	ids, err := ix.IDs()
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b", "c"}, ids)
	_, err = ix.Get("zzz")
	assert.ErrorIs(t, err, ErrNoID)
	df, err := ix.DocFreq("text", "text")
	require.NoError(t, err)
	assert.Equal(t, 3, df)
	require.NoError(t, ix.Close())
}

func TestGroups(t *testing.T) {
	ix := create(t, filepath.Join(t.TempDir(), "x.index"))
	defer ix.Close()
	g, err := ix.Groups()
	require.NoError(t, err)
	assert.Empty(t, g)
	in := []Assignment{{"b", "c:b", "r:a", "s:a"}, {"a", "c:a", "r:a", "s:a"}}
	require.NoError(t, ix.WriteGroups(in))
	g, err = ix.Groups()
	require.NoError(t, err)
	assert.Equal(t, map[string]Assignment{"a": in[1], "b": in[0]}, g)
}

// TestGrouping: labels, sizes and members of the recorded groups, an
// article indexed since as a group of its own, and Set moving an article.
func TestGrouping(t *testing.T) {
	ix := create(t, filepath.Join(t.TempDir(), "x.index"))
	defer ix.Close()
	in := []Assignment{{"a", "c:a", "r:a", "s:a"}, {"b", "c:b", "r:a", "s:a"}, {"c", "c:c", "r:c", "s:a"}}
	require.NoError(t, ix.WriteGroups(in))
	g, err := ix.Grouping()
	require.NoError(t, err)
	assert.Equal(t, 3, g.Len())
	lab, n := g.Group("b", cluster.Rewrite)
	assert.Equal(t, "r:a", lab)
	assert.Equal(t, 2, n)
	assert.Equal(t, []string{"a", "b", "c"}, g.Members(cluster.Story, "s:a"))
	lab, n = g.Group("new", cluster.Copy)
	assert.Equal(t, "c:new", lab, "an article not grouped is a group of its own")
	assert.Equal(t, 1, n)
	assert.Empty(t, g.Members(cluster.Copy, "c:new"))

	g.Set(Assignment{"c", "c:c", "r:a", "s:a"}) // c joins a's rewrite group
	g.Set(Assignment{"d", "c:a", "r:a", "s:a"}) // d is new
	_, n = g.Group("a", cluster.Rewrite)
	assert.Equal(t, 4, n)
	assert.Equal(t, []string{"a", "b", "c", "d"}, g.Members(cluster.Rewrite, "r:a"))
	assert.Empty(t, g.Members(cluster.Rewrite, "r:c"))
	assert.Equal(t, []string{"a", "d"}, g.Members(cluster.Copy, "c:a"))
	require.NoError(t, ix.WriteGroups(g.Assignments()))
	again, err := ix.Grouping()
	require.NoError(t, err)
	assert.Equal(t, g.Assignments(), again.Assignments())
}

func TestOpenErrors(t *testing.T) {
	base := t.TempDir()
	tests := []struct {
		name  string
		setup func(dir string)
		opt   Options
		want  error
		msg   string
	}{
		{"missing", func(string) {}, Options{ReadOnly: true}, ErrNotFound, "no index"},
		{"seed mismatch", func(dir string) { create(t, dir).Close() },
			Options{Create: true, Meta: Meta{Seed: 7, NumHashes: 4, Shingle: 3, Bands: 2, Rows: 2}}, ErrMismatch, "seed=42"},
		{"future format", func(dir string) {
			create(t, dir).Close()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "wirediff.json"), []byte(`{"format": 99}`), 0o644))
		}, Options{ReadOnly: true}, ErrFormat, "format 99"},
		{"format 1 for writing", func(dir string) {
			create(t, dir).Close()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "wirediff.json"),
				[]byte(`{"format": 1, "seed": 42, "num_hashes": 4, "shingle": 3, "bands": 2, "rows": 2}`), 0o644))
		}, Options{Create: true, Meta: testMeta}, ErrFormat, "rebuild the index"},
		{"corrupt meta", func(dir string) {
			create(t, dir).Close()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "wirediff.json"), []byte(`{`), 0o644))
		}, Options{ReadOnly: true}, nil, "corrupt"},
		{"foreign directory", func(dir string) {
			require.NoError(t, os.MkdirAll(dir, 0o755))
			require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644))
		}, Options{Create: true, Meta: testMeta}, nil, "not a wirediff index"},
	}
	for _, tt := range tests {
		dir := filepath.Join(base, tt.name)
		tt.setup(dir)
		_, err := Open(dir, tt.opt)
		require.Error(t, err, tt.name)
		if tt.want != nil {
			assert.True(t, errors.Is(err, tt.want), "%s: Open = %v, want %v", tt.name, err, tt.want)
		}
		assert.Contains(t, err.Error(), tt.msg, tt.name)
	}
}

// TestSecondWriter checks that a second writer fails at once instead of
// hanging, and that a reader opens the last committed state meanwhile.
func TestSecondWriter(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "x.index")
	ix := create(t, dir)
	done := make(chan error, 2)
	go func() {
		_, err := Open(dir, Options{Create: true, Meta: testMeta})
		done <- err
	}()
	go func() {
		r, err := Open(dir, Options{ReadOnly: true})
		if err == nil {
			err = r.Close()
		}
		done <- err
	}()
	locked, opened := 0, 0
	for range 2 {
		select {
		case err := <-done:
			if err == nil {
				opened++
			} else {
				assert.ErrorIs(t, err, ErrLocked)
				locked++
			}
		case <-time.After(10 * time.Second):
			t.Fatal("second open hangs")
		}
	}
	assert.Equal(t, 1, locked, "the second writer is refused")
	assert.Equal(t, 1, opened, "the reader opens")
	require.NoError(t, ix.Close())
	// Once closed, two readers may share it.
	r1, err := Open(dir, Options{ReadOnly: true})
	require.NoError(t, err)
	r2, err := Open(dir, Options{ReadOnly: true})
	require.NoError(t, err)
	_, err = r1.NewWriter()
	assert.ErrorIs(t, err, ErrReadOnly)
	require.NoError(t, r1.Close())
	require.NoError(t, r2.Close())
}

// TestIDs lists the IDs sorted, across batches, without the deleted.
func TestIDs(t *testing.T) {
	ix := create(t, filepath.Join(t.TempDir(), "x.index"))
	defer ix.Close()
	ids, err := ix.IDs()
	require.NoError(t, err)
	assert.Empty(t, ids)
	add(t, ix, entry("e", "Text e."), entry("a", "Text a."))
	add(t, ix, entry("d", "Text d."), entry("b", "Text b."), entry("a", "Text a again."))
	ids, err = ix.IDs()
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b", "d", "e"}, ids)
}

// The metadata an article carries comes back from the index as it went
// in: city, edition, a time without a zone still without one, a zone's
// offset kept, and the derived title for an article without a title.
func TestMetadataRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "x.index")
	ix := create(t, dir)
	local := time.Date(2025, 11, 19, 13, 43, 0, 0, corpus.NoZone)
	eastern := time.Date(2025, 11, 19, 15, 4, 0, 0, time.FixedZone("ET", -5*3600))
	a := entry("a", "Text of a. More text.")
	a.Article.City, a.Article.Edition, a.Article.Published = "WASHINGTON", "Morning Edition", local
	a.Article.DateInText = true
	b := entry("b", "Text of the second. More text.")
	b.Article.Title, b.Article.Furniture, b.Article.Published = "", nil, eastern
	add(t, ix, a, b)
	require.NoError(t, ix.Close())

	ix, err := Open(dir, Options{ReadOnly: true})
	require.NoError(t, err)
	defer ix.Close()
	got, err := ix.Get("a")
	require.NoError(t, err)
	assert.Equal(t, "WASHINGTON", got.Article.City)
	assert.Equal(t, "Morning Edition", got.Article.Edition)
	assert.True(t, got.Article.DateInText)
	assert.Equal(t, "2025-11-19T13:43:00", corpus.FormatDate(got.Article.Published))
	got, err = ix.Get("b")
	require.NoError(t, err)
	assert.Equal(t, "2025-11-19T15:04:00-05:00", corpus.FormatDate(got.Article.Published))

	heads, err := ix.Headers([]string{"a", "b"})
	require.NoError(t, err)
	assert.Equal(t, "Title a", heads["a"].Title)
	assert.False(t, heads["a"].TitleDerived)
	assert.Equal(t, "Text of the second.", heads["b"].Title)
	assert.True(t, heads["b"].TitleDerived)
	assert.Equal(t, "2025-11-19T13:43:00", corpus.FormatDate(heads["a"].Published))
	assert.True(t, eastern.Equal(heads["b"].Published))

	res, err := ix.Search(Query{Text: "city:WASHINGTON"})
	require.NoError(t, err)
	require.Len(t, res.Hits, 1)
	assert.Equal(t, "a", res.Hits[0].ID)
}

// A format 1 index is still read.
func TestReadFormat1(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "x.index")
	ix := create(t, dir)
	add(t, ix, entry("a", "Text of a."))
	require.NoError(t, ix.Close())
	require.NoError(t, os.WriteFile(filepath.Join(dir, "wirediff.json"),
		[]byte(`{"format": 1, "seed": 42, "num_hashes": 4, "shingle": 3, "bands": 2, "rows": 2}`), 0o644))
	ix, err := Open(dir, Options{ReadOnly: true})
	require.NoError(t, err)
	defer ix.Close()
	got, err := ix.Get("a")
	require.NoError(t, err)
	assert.Equal(t, "Title a", got.Article.Title)
}

// A format 2 index holding no text written without spaces is upgraded in
// place to format 3 when opened for writing; one holding some is refused for writing,
// naming the text, and still read.
func TestUpgradeFormat2(t *testing.T) {
	format2 := []byte(`{"format": 2, "seed": 42, "num_hashes": 4, "shingle": 3, "bands": 2, "rows": 2}`)
	tests := []struct {
		name, text string
		upgraded   bool
	}{
		{"english", "Officials said the café would reopen – “soon”, in 2026.", true},
		{"korean", "서울 시청은 월요일에 새 계획을 발표했다.", true},
		{"chinese", "The report said 国家统计局 published the figures.", false},
		{"thai", "กรุงเทพมหานคร ประกาศแผนใหม่", false},
		{"japanese", "日本銀行は金利を据え置いた。", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "x.index")
			ix := create(t, dir)
			add(t, ix, entry("a", tt.text))
			require.NoError(t, ix.Close())
			metaPath := filepath.Join(dir, "wirediff.json")
			require.NoError(t, os.WriteFile(metaPath, format2, 0o644))
			current, err := os.ReadFile(filepath.Join(dir, "CURRENT"))
			require.NoError(t, err)

			ix, err = Open(dir, Options{Create: true, Meta: testMeta})
			if tt.upgraded {
				require.NoError(t, err)
				require.NoError(t, ix.Close())
				m, err := readMeta(metaPath, Meta{}, true)
				require.NoError(t, err)
				assert.Equal(t, formatWordSearch, m.Format, "format 3: the bleve index keeps its analyzer")
			} else {
				require.ErrorIs(t, err, ErrFormat)
				assert.Contains(t, err.Error(), "rebuild the index")
				data, err := os.ReadFile(metaPath)
				require.NoError(t, err)
				assert.Equal(t, format2, data, "a refused upgrade leaves wirediff.json as it was")
				after, err := os.ReadFile(filepath.Join(dir, "CURRENT"))
				require.NoError(t, err)
				assert.Equal(t, string(current), string(after), "a refused upgrade commits no snapshot")
				assert.NoFileExists(t, filepath.Join(dir, writingFile))
			}
			ix, err = Open(dir, Options{ReadOnly: true})
			require.NoError(t, err)
			defer ix.Close()
			got, err := ix.Get("a")
			require.NoError(t, err)
			assert.Equal(t, tt.text, got.Article.Text)
		})
	}
}

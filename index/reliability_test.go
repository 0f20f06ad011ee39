package index

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// built returns a closed index in a new directory holding n articles,
// committed in two writes (so the store has more than one segment).
func built(t *testing.T, n int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "x.index")
	for half := range 2 {
		ix := create(t, dir)
		for i := half; i < n; i += 2 {
			add(t, ix, entry(fmt.Sprintf("a%03d", i), fmt.Sprintf("Harbour story number %d about the port.", i)))
		}
		require.NoError(t, ix.Close())
	}
	return dir
}

// writeGroups records as the groups of the index in dir, built by
// built(t, n), each article its own copy group and the rewrite and
// story groups named after group(ID); it returns them.
func writeGroups(t *testing.T, dir string, n int, group func(id string) string) []Assignment {
	t.Helper()
	ix, err := Open(dir, Options{Meta: testMeta})
	require.NoError(t, err)
	var as []Assignment
	for i := range n {
		id := fmt.Sprintf("a%03d", i)
		as = append(as, Assignment{id, "c:" + id, "r:" + group(id), "s:" + group(id)})
	}
	require.NoError(t, ix.WriteGroups(as))
	require.NoError(t, ix.Close())
	return as
}

func segments(t *testing.T, bdir string) []string {
	t.Helper()
	segs, err := filepath.Glob(filepath.Join(bdir, "store", "*.zap"))
	require.NoError(t, err)
	require.NotEmpty(t, segs)
	return segs
}

// Readers open the last committed snapshot: a write in progress is not
// seen until the writer closes, and the reader never waits for it.
func TestReaderSeesCommittedState(t *testing.T) {
	dir := built(t, 4)
	w, err := Open(dir, Options{Meta: testMeta})
	require.NoError(t, err)
	add(t, w, entry("new", "A new article, written but not committed."))
	require.NoError(t, w.WriteGroups([]Assignment{{"new", "c:new", "r:new", "s:new"}}))

	r, err := Open(dir, Options{ReadOnly: true})
	require.NoError(t, err)
	n, err := r.Count()
	require.NoError(t, err)
	assert.Equal(t, 4, n, "the reader sees the committed state")
	g, err := r.Groups()
	require.NoError(t, err)
	assert.Empty(t, g, "nor the groups being written")

	require.NoError(t, w.Close())
	// The open reader keeps its snapshot, a new one sees the commit.
	n, err = r.Count()
	require.NoError(t, err)
	assert.Equal(t, 4, n)
	r2, err := Open(dir, Options{ReadOnly: true})
	require.NoError(t, err)
	n, err = r2.Count()
	require.NoError(t, err)
	assert.Equal(t, 5, n)
	require.NoError(t, r.Close())
	require.NoError(t, r2.Close())

	// The snapshot the first reader held is removed by the next commit.
	w, err = Open(dir, Options{Meta: testMeta})
	require.NoError(t, err)
	require.NoError(t, w.Close())
	snaps, err := os.ReadDir(filepath.Join(dir, "snapshots"))
	require.NoError(t, err)
	assert.Len(t, snaps, 1)
}

// A search during a write answers from the committed state: the reader
// is neither refused nor kept waiting for the writer (a reader that
// waited would hang until the test's timeout; the latency itself is
// measured by benchmarks, BenchmarkSearchLatency, not here).
func TestSearchDuringWrite(t *testing.T) {
	dir := built(t, 20)
	w, err := Open(dir, Options{Meta: testMeta})
	require.NoError(t, err)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() { // the writer: batches until told to stop
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			add(t, w, entry(fmt.Sprintf("w%05d", i), "Writer text about the harbour and the port, batch "+fmt.Sprint(i)))
		}
	}()
	var took []time.Duration
	for range 20 {
		t0 := time.Now()
		r, err := Open(dir, Options{ReadOnly: true})
		require.NoError(t, err)
		res, err := r.Search(Query{Text: "harbour", Size: 10})
		require.NoError(t, err)
		assert.Equal(t, 20, res.Total, "the committed state, not the write")
		require.NoError(t, r.Close())
		took = append(took, time.Since(t0))
	}
	close(stop)
	wg.Wait()
	require.NoError(t, w.Close())
	slices.Sort(took)
	t.Logf("open+search+close during a write: median %v, max %v", took[len(took)/2], took[len(took)-1])
}

// An empty root.bolt is corruption: writers refuse it without deleting
// the segments, and readers still open the committed snapshot.
func TestEmptyRootBolt(t *testing.T) {
	dir := built(t, 6)
	bdir := filepath.Join(dir, "bleve")
	segs := segments(t, bdir)
	require.NoError(t, os.WriteFile(filepath.Join(bdir, "store", "root.bolt"), nil, 0o644))
	_, err := Open(dir, Options{Create: true, Meta: testMeta})
	require.ErrorIs(t, err, ErrCorrupt)
	assert.Contains(t, err.Error(), "root.bolt is empty")
	assert.Contains(t, err.Error(), "wirediff check")
	for _, s := range segs {
		assert.FileExists(t, s, "opening deleted a segment")
	}
	r, err := Open(dir, Options{ReadOnly: true})
	require.NoError(t, err)
	n, err := r.Count()
	require.NoError(t, err)
	assert.Equal(t, 6, n)
	require.NoError(t, r.Close())
}

// A truncated segment gives ErrCorrupt naming the file, never a panic,
// whether it is found opening or reading.
func TestTruncatedSegment(t *testing.T) {
	for _, where := range []string{"live", "snapshot"} {
		t.Run(where, func(t *testing.T) {
			dir := built(t, 6)
			bdir := filepath.Join(dir, "bleve")
			if where == "snapshot" {
				cur, err := os.ReadFile(filepath.Join(dir, "CURRENT"))
				require.NoError(t, err)
				bdir = filepath.Join(dir, "snapshots", strings.TrimSpace(string(cur)), "bleve")
			}
			// Truncate every segment (some may be unreferenced ones
			// scorch has not yet removed); copies, as segments are
			// hard-linked into the other view too.
			segs := segments(t, bdir)
			for _, seg := range segs {
				data, err := os.ReadFile(seg)
				require.NoError(t, err)
				require.NoError(t, os.Remove(seg))
				require.NoError(t, os.WriteFile(seg, data[:len(data)/3], 0o644))
			}
			opt := Options{Meta: testMeta}
			if where == "snapshot" {
				opt = Options{ReadOnly: true}
			}
			var ix *Index
			var err error
			require.NotPanics(t, func() { ix, err = Open(dir, opt) })
			if err == nil {
				require.NotPanics(t, func() { _, err = ix.IDs() })
				ix.Close()
			}
			require.ErrorIs(t, err, ErrCorrupt)
			assert.Contains(t, err.Error(), filepath.Join(bdir, "store"))
			assert.Contains(t, err.Error(), ".zap")
			assert.Equal(t, segs, damagedSegments(bdir))
		})
	}
}

// An interrupted creation leaves no directory at the index path; a
// directory left by an older wirediff gets the same message from readers
// and writers.
func TestCreationAtomic(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "x.index")
	// What a kill during creation leaves: the temporary sibling only.
	require.NoError(t, os.MkdirAll(filepath.Join(base, "x.index.new-123", "bleve"), 0o755))
	_, err := Open(dir, Options{ReadOnly: true})
	assert.ErrorIs(t, err, ErrNotFound)
	ix := create(t, dir)
	require.NoError(t, ix.Close())

	half := filepath.Join(base, "half.index")
	require.NoError(t, os.MkdirAll(filepath.Join(half, "bleve"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(half, "LOCK"), nil, 0o644))
	_, werr := Open(half, Options{Create: true, Meta: testMeta})
	_, rerr := Open(half, Options{ReadOnly: true})
	require.Error(t, werr)
	require.Error(t, rerr)
	assert.Equal(t, werr.Error(), rerr.Error())
	assert.Contains(t, werr.Error(), "not a wirediff index")
}

// A new index is made where none is: in a directory that does not exist
// (built aside and renamed), and in place in one that exists empty (made
// beforehand, or a mount point, which no rename could replace: the
// directory itself is kept, with its permissions) or holds what a
// creation in place that was killed left.
func TestCreateWhere(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(t *testing.T, dir string)
		inPlace bool
	}{
		{"absent", func(*testing.T, string) {}, false},
		{"absent parent", func(t *testing.T, dir string) {}, false},
		{"empty directory", func(t *testing.T, dir string) {
			require.NoError(t, os.Mkdir(dir, 0o750))
			require.NoError(t, os.Chmod(dir, 0o750))
		}, true},
		{"lock only", func(t *testing.T, dir string) {
			require.NoError(t, os.Mkdir(dir, 0o755))
			require.NoError(t, os.WriteFile(filepath.Join(dir, "LOCK"), nil, 0o644))
		}, true},
		{"killed creation in place", func(t *testing.T, dir string) {
			require.NoError(t, os.MkdirAll(filepath.Join(dir, "bleve", "store"), 0o755))
			for _, f := range []string{"LOCK", creatingFile, "bleve/store/junk.zap", "CURRENT.tmp"} {
				require.NoError(t, os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o644))
			}
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "x.index")
			if tt.name == "absent parent" {
				dir = filepath.Join(t.TempDir(), "a", "b", "x.index")
			}
			tt.setup(t, dir)
			before, _ := os.Stat(dir)
			ix := create(t, dir)
			add(t, ix, entry("a1", "Harbour story about the port."))
			require.NoError(t, ix.Close())
			after, err := os.Stat(dir)
			require.NoError(t, err)
			if tt.inPlace {
				assert.True(t, os.SameFile(before, after), "the directory given is the index")
				assert.Equal(t, before.Mode(), after.Mode(), "its permissions are kept")
			}
			assert.NoFileExists(t, filepath.Join(dir, creatingFile))
			assert.NoFileExists(t, filepath.Join(dir, "bleve", "store", "junk.zap"))
			leftovers, _ := filepath.Glob(dir + ".new-*")
			assert.Empty(t, leftovers)
			r, err := Open(dir, Options{ReadOnly: true})
			require.NoError(t, err)
			n, err := r.Count()
			require.NoError(t, err)
			assert.Equal(t, 1, n)
			require.NoError(t, r.Close())
			rep, err := Check(dir)
			require.NoError(t, err)
			assert.Empty(t, rep.Findings)
		})
	}
}

// Two processes creating one new index: one creates it, the other is
// told it is in use (or opens it after the first is done), never "not a
// wirediff index"; so too in a directory that exists empty.
func TestConcurrentCreate(t *testing.T) {
	for trial := range 6 {
		dir := filepath.Join(t.TempDir(), fmt.Sprint(trial))
		if trial%2 == 1 {
			require.NoError(t, os.Mkdir(dir, 0o755))
		}
		errs := make(chan error, 2)
		ixs := make(chan *Index, 2)
		for range 2 {
			go func() {
				ix, err := Open(dir, Options{Create: true, Meta: testMeta})
				if err == nil {
					ixs <- ix
				}
				errs <- err
			}()
		}
		for range 2 {
			if err := <-errs; err != nil {
				assert.ErrorIs(t, err, ErrLocked)
			}
		}
		close(ixs)
		for ix := range ixs {
			require.NoError(t, ix.Close())
		}
		leftovers, _ := filepath.Glob(dir + ".new-*")
		assert.Empty(t, leftovers)
	}
}

// The groups file holds any ID, one line each, however long.
func TestGroupsAnyID(t *testing.T) {
	ix := create(t, filepath.Join(t.TempDir(), "x.index"))
	defer ix.Close()
	long := strings.Repeat("long", 2<<20)
	in := []Assignment{
		{"tab\there", "c:tab\there", `r:back\slash`, "s:new\nline"},
		{`back\slash\t`, "c:x", "r:\r", "s:y"},
		{long, "c:" + long, "r:" + long, "s:" + long},
	}
	require.NoError(t, ix.WriteGroups(in))
	g, err := ix.Groups()
	require.NoError(t, err)
	require.Len(t, g, 3)
	for _, a := range in {
		assert.Equal(t, a, g[a.ID])
	}
}

func FuzzGroupsField(f *testing.F) {
	for _, s := range []string{"", "a", "\t", `\`, `\t`, "\\\n", `x\q`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b strings.Builder
		escapeField.WriteString(&b, s)
		e := b.String()
		if strings.ContainsAny(e, "\t\n\r") {
			t.Fatalf("escaped %q = %q holds a separator", s, e)
		}
		if got := unescapeField(e); got != s {
			t.Fatalf("unescape(escape(%q)) = %q", s, got)
		}
	})
}

// FuzzReadGroups reads any groups file without panicking: it is either
// refused as corrupt or read, the last row of each ID kept, into a
// grouping that writes and reads back the same, whether it is written
// row by row or as a grouping, and that finds each of its articles.
func FuzzReadGroups(f *testing.F) {
	for _, s := range []string{"", groupsHeader + "\n", groupsHeader + "\na\tc:a\tr:a\ts:a\n", groupsHeader + "\nb\tc\tr\ts\na\tc\tr\ts",
		groupsHeader + "\na\tc\tr\n", "id\n", groupsHeader + "\n\n", groupsHeader + "\nx\\t\tc\tr\ts\r\n",
		groupsHeader + "\nb\tc\tr\ts\na\tc\tr\ts\nb\tc2\tr2\ts2\n", groupsHeader + "\na\\\tc\tr\ts\na\tc\tr\ts\n"} {
		f.Add(s)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, s string) {
		path := filepath.Join(dir, "groups.tsv")
		require.NoError(t, os.WriteFile(path, []byte(s), 0o644))
		ix := &Index{dir: dir, view: dir}
		g, err := ix.Grouping()
		if err != nil {
			require.ErrorIs(t, err, ErrCorrupt)
			return
		}
		// The reference: every row split and unescaped, the last of an ID kept.
		want := map[string]Assignment{}
		if _, rows, ok := strings.Cut(s, "\n"); ok {
			for row := range strings.SplitSeq(strings.TrimSuffix(rows, "\n"), "\n") {
				if row == "" && rows == "" {
					continue
				}
				f := strings.Split(row, "\t")
				require.Len(t, f, 4)
				want[unescapeField(f[0])] = Assignment{unescapeField(f[0]), unescapeField(f[1]), unescapeField(f[2]), unescapeField(f[3])}
			}
		}
		as := g.Assignments()
		require.Len(t, as, len(want))
		for _, a := range as {
			require.Equal(t, want[a.ID], a)
			got, ok := g.Assignment(a.ID)
			require.True(t, ok)
			require.Equal(t, a, got)
		}
		require.NoError(t, ix.WriteGroups(as))
		again, err := ix.Grouping()
		require.NoError(t, err)
		require.Equal(t, as, again.Assignments())
		require.NoError(t, ix.WriteGrouping(g))
		again, err = ix.Grouping()
		require.NoError(t, err)
		require.Equal(t, as, again.Assignments())
	})
}

// interruptWrite stores an article "late" in the index in dir with a
// writer that closes without committing, as one killed does.
func interruptWrite(t *testing.T, dir string) {
	t.Helper()
	ix, err := Open(dir, Options{Meta: testMeta})
	require.NoError(t, err)
	add(t, ix, entry("late", "Stored, never committed."))
	ix.noCommit = true
	require.NoError(t, ix.Close())
}

// checkSound checks that Check finds the index in dir sound, with no
// interrupted write, and n articles in its live store.
func checkSound(t *testing.T, dir string, n int) {
	t.Helper()
	rep, err := Check(dir)
	require.NoError(t, err)
	assert.Empty(t, rep.Findings)
	assert.False(t, rep.Interrupted)
	assert.Equal(t, n, rep.Live)
}

// namedSegment returns a segment file of the live store of the index in
// dir that its root.bolt names.
func namedSegment(t *testing.T, dir string) string {
	t.Helper()
	ref, err := referencedSegments(filepath.Join(dir, "bleve"))
	require.NoError(t, err)
	named := ""
	for _, s := range segments(t, filepath.Join(dir, "bleve")) {
		if ref[filepath.Base(s)] {
			named = s
		}
	}
	require.NotEmpty(t, named, "no segment named by root.bolt")
	return named
}

// Check finds nothing in a sound index, names each damage with its fix,
// and Restore brings back the committed state.
func TestCheckAndRestore(t *testing.T) {
	dir := built(t, 6)
	as := writeGroups(t, dir, 6, func(id string) string { return id })

	rep, err := Check(dir)
	require.NoError(t, err)
	assert.Empty(t, rep.Findings)
	assert.Equal(t, 6, rep.Articles)
	assert.Equal(t, 6, rep.Grouped)
	assert.Equal(t, 6, rep.Live)

	// An interrupted write: stored in the live index, not committed.
	interruptWrite(t, dir)
	rep, err = Check(dir)
	require.NoError(t, err)
	assert.Empty(t, rep.Findings, "no damage: the next writer discards it")
	assert.True(t, rep.Interrupted)
	assert.Equal(t, 7, rep.Live)
	assert.Equal(t, 6, rep.Articles)
	// The next writer starts from the committed snapshot.
	ix, err := Open(dir, Options{Meta: testMeta})
	require.NoError(t, err)
	assert.True(t, ix.Discarded())
	has, err := ix.Has("late")
	require.NoError(t, err)
	assert.False(t, has)
	require.NoError(t, ix.Close())
	checkSound(t, dir, 6)

	// A damaged live store: found, and restored from the snapshot.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bleve", "store", "root.bolt"), nil, 0o644))
	rep, err = Check(dir)
	require.NoError(t, err)
	require.NotEmpty(t, rep.Findings)
	assert.Contains(t, rep.Findings[0].Problem, "root.bolt is empty")
	assert.Contains(t, rep.Findings[0].Fix, "--restore")
	aside, err := Restore(dir)
	require.NoError(t, err)
	assert.FileExists(t, filepath.Join(aside, "store", "root.bolt"), "the damaged store is kept")
	rep, err = Check(dir)
	require.NoError(t, err)
	assert.Empty(t, rep.Findings)
	assert.Equal(t, 6, rep.Live)

	// A groups file that lost an article, and one naming an unknown ID.
	as[0].ID = "ghost"
	w, err := Open(dir, Options{Meta: testMeta})
	require.NoError(t, err)
	require.NoError(t, w.WriteGroups(as))
	require.NoError(t, w.Close())
	rep, err = Check(dir)
	require.NoError(t, err)
	require.Len(t, rep.Findings, 1, "an article in no group waits for the next grouping run: no damage")
	assert.Contains(t, rep.Findings[0].Problem, `1 grouped ID is not in the index: ["ghost"]`)
	assert.Contains(t, rep.Findings[0].Fix, "regroup")
	assert.Equal(t, []string{`1 article indexed since the last grouping run is in no group yet: ["a000"]; the next 'wirediff dedup --index ` + dir + `' groups it`}, rep.Notes)

	// Settings that do not read: a finding, not a failure of the check;
	// the last snapshot's copy puts them back.
	settings := filepath.Join(dir, "wirediff.json")
	good, err := os.ReadFile(settings)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(settings, []byte("{garbage"), 0o644))
	rep, err = Check(dir)
	require.NoError(t, err)
	require.Len(t, rep.Findings, 1)
	assert.Contains(t, rep.Findings[0].Problem, "the index's settings do not read")
	assert.Contains(t, rep.Findings[0].Problem, "the last committed snapshot holds a copy")
	assert.Contains(t, rep.Findings[0].Fix, "--restore")
	assert.Equal(t, -1, rep.Articles, "nothing counted")
	_, err = Restore(dir)
	require.NoError(t, err)
	got, err := os.ReadFile(settings)
	require.NoError(t, err)
	assert.Equal(t, good, got)
	damaged, err := filepath.Glob(settings + ".damaged-*")
	require.NoError(t, err)
	require.Len(t, damaged, 1, "the damaged file is kept")
	rep, err = Check(dir)
	require.NoError(t, err)
	require.Len(t, rep.Findings, 1, "the groups' finding above, as committed; not the settings")
	for _, f := range rep.Findings {
		assert.NotContains(t, f.Problem, "settings")
	}

	// A snapshot without a copy (made by an older wirediff): rebuild.
	cur, err := os.ReadFile(filepath.Join(dir, "CURRENT"))
	require.NoError(t, err)
	require.NoError(t, os.Remove(filepath.Join(dir, "snapshots", strings.TrimSpace(string(cur)), "wirediff.json")))
	require.NoError(t, os.WriteFile(settings, []byte("{garbage"), 0o644))
	rep, err = Check(dir)
	require.NoError(t, err)
	require.Len(t, rep.Findings, 1)
	assert.Contains(t, rep.Findings[0].Fix, "rebuild")
}

// TestLostSnapshot: a snapshot CURRENT names and the directory does not
// hold (a copy of the index without it, or one that named another) is a
// corrupt index naming it, not a snapshot that "kept changing"; the live
// store is sound, so check's fix is a write, which commits it again.
func TestLostSnapshot(t *testing.T) {
	tests := []struct {
		name    string
		damage  func(t *testing.T, dir, cur string)
		problem string
	}{
		{"snapshot removed", func(t *testing.T, dir, cur string) {
			require.NoError(t, os.RemoveAll(filepath.Join(dir, "snapshots", cur)))
		}, "CURRENT names snapshot %s, which is missing from"},
		{"snapshots removed", func(t *testing.T, dir, cur string) {
			require.NoError(t, os.RemoveAll(filepath.Join(dir, "snapshots")))
		}, "CURRENT names snapshot %s, which is missing from"},
		{"CURRENT names another", func(t *testing.T, dir, cur string) {
			require.NoError(t, os.WriteFile(filepath.Join(dir, "CURRENT"), []byte("99\n"), 0o644))
		}, "CURRENT names snapshot 99, which is missing from"},
		{"CURRENT names none", func(t *testing.T, dir, cur string) {
			require.NoError(t, os.WriteFile(filepath.Join(dir, "CURRENT"), []byte("garbage\n"), 0o644))
		}, `CURRENT names no snapshot ("garbage")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := built(t, 4)
			cur, err := os.ReadFile(filepath.Join(dir, "CURRENT"))
			require.NoError(t, err)
			name := strings.TrimSpace(string(cur))
			tt.damage(t, dir, name)
			problem := tt.problem
			if strings.Contains(problem, "%s") {
				problem = fmt.Sprintf(problem, name)
			}

			_, err = Open(dir, Options{ReadOnly: true})
			assert.ErrorIs(t, err, ErrCorrupt)
			assert.ErrorContains(t, err, problem)
			rep, err := Check(dir)
			require.NoError(t, err)
			require.Len(t, rep.Findings, 1)
			assert.Contains(t, rep.Findings[0].Problem, problem)
			assert.Contains(t, rep.Findings[0].Fix, "any completed write commits it again")
			assert.Equal(t, 4, rep.Live)

			// The fix: a write commits the live store.
			ix, err := Open(dir, Options{Meta: testMeta})
			require.NoError(t, err)
			require.NoError(t, ix.Close())
			checkSound(t, dir, 4)
		})
	}
}

// TestCheckPartialSegment: a segment file no snapshot of root.bolt names
// (a write killed while scorch wrote it) is not damage; a truncated
// segment root.bolt names is.
func TestCheckPartialSegment(t *testing.T) {
	dir := built(t, 6)
	store := filepath.Join(dir, "bleve", "store")
	segs := segments(t, filepath.Join(dir, "bleve"))
	require.NotEmpty(t, segs)
	data, err := os.ReadFile(segs[0])
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(store, "0000000fffff.zap"), data[:len(data)/3], 0o600))
	rep, err := Check(dir)
	require.NoError(t, err)
	assert.Empty(t, rep.Findings, "a partial file no snapshot names")

	// The same truncation of a named segment (a copy: it is hard-linked
	// into the snapshot) is damage.
	named := namedSegment(t, dir)
	data, err = os.ReadFile(named)
	require.NoError(t, err)
	rewrite(t, named, data[:len(data)/3])
	rep, err = Check(dir)
	require.NoError(t, err)
	require.NotEmpty(t, rep.Findings)
	assert.Contains(t, rep.Findings[0].Problem, "damaged segment files in the live store: ["+named+"]")
}

// A write that does not commit (killed, interrupted, or aborted) leaves
// the index as the last commit left it: the next writer discards what it
// stored, in the store and the groups file, and Abort does at once.
func TestUncommittedWriteDiscarded(t *testing.T) {
	tests := []struct {
		name string
		end  func(t *testing.T, ix *Index)
	}{
		{"killed", func(t *testing.T, ix *Index) {
			ix.noCommit = true
			require.NoError(t, ix.Close())
		}},
		{"aborted", func(t *testing.T, ix *Index) { require.NoError(t, ix.Abort()) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := built(t, 6)
			as := writeGroups(t, dir, 6, func(id string) string { return id })
			groups, err := os.ReadFile(filepath.Join(dir, "groups.tsv"))
			require.NoError(t, err)

			ix, err := Open(dir, Options{Meta: testMeta})
			require.NoError(t, err)
			assert.False(t, ix.Discarded())
			add(t, ix, entry("late", "Stored, never committed."), entry("a001", "Replaced, never committed."))
			_, _, err = ix.Delete([]string{"a002"})
			require.NoError(t, err)
			require.NoError(t, ix.WriteGroups(as[:1]))
			tt.end(t, ix)

			ix, err = Open(dir, Options{Meta: testMeta})
			require.NoError(t, err)
			assert.Equal(t, tt.name == "killed", ix.Discarded())
			ids, err := ix.IDs()
			require.NoError(t, err)
			assert.Equal(t, []string{"a000", "a001", "a002", "a003", "a004", "a005"}, ids)
			e, err := ix.Get("a001")
			require.NoError(t, err)
			assert.Equal(t, "Harbour story number 1 about the port.", e.Article.Text)
			got, err := os.ReadFile(filepath.Join(dir, "groups.tsv"))
			require.NoError(t, err)
			assert.Equal(t, string(groups), string(got))
			// What this writer does commits as usual.
			add(t, ix, entry("next", "Committed."))
			require.NoError(t, ix.Close())
			rep, err := Check(dir)
			require.NoError(t, err)
			assert.False(t, rep.Interrupted)
			assert.Equal(t, 7, rep.Articles, "the six committed before and the one added since")
			assert.Equal(t, 7, rep.Live)
			assert.NoFileExists(t, filepath.Join(dir, writingFile))
		})
	}
}

// A writer that does not open (here the live store is damaged) changes
// nothing and leaves no WRITING mark: the damage stays reported, and is
// not taken for the store of an interrupted write, which the next writer
// would discard.
func TestFailedOpenLeavesNoMark(t *testing.T) {
	dir := built(t, 6)
	live := filepath.Join(dir, "bleve")
	require.NoError(t, os.WriteFile(filepath.Join(live, "store", "root.bolt"), nil, 0o644))
	for range 2 {
		_, err := Open(dir, Options{Meta: testMeta})
		require.ErrorIs(t, err, ErrCorrupt)
		assert.NoFileExists(t, filepath.Join(dir, writingFile))
		rep, err := Check(dir)
		require.NoError(t, err)
		require.NotEmpty(t, rep.Findings)
		assert.Contains(t, rep.Findings[0].Problem, "root.bolt is empty")
		assert.False(t, rep.Interrupted)
		assert.Equal(t, -1, rep.Live)
	}
	segments(t, live) // left where they were
}

// The store an interrupted write left is judged all the same: damage to
// it is reported, and the next writer, which starts from the committed
// snapshot, keeps it aside instead of deleting it.
func TestInterruptedWriteDamagedStore(t *testing.T) {
	dir := built(t, 6)
	interruptWrite(t, dir)
	live := filepath.Join(dir, "bleve")
	require.NoError(t, os.WriteFile(filepath.Join(live, "store", "root.bolt"), nil, 0o644))
	kept := segments(t, live)

	rep, err := Check(dir)
	require.NoError(t, err)
	require.NotEmpty(t, rep.Findings)
	assert.Contains(t, rep.Findings[0].Problem, "root.bolt is empty")
	assert.True(t, rep.Interrupted)
	assert.Equal(t, -1, rep.Live, "not counted")
	assert.Equal(t, 6, rep.Articles)

	ix, err := Open(dir, Options{Meta: testMeta})
	require.NoError(t, err)
	assert.True(t, ix.Discarded())
	aside := ix.KeptAside()
	require.NotEmpty(t, aside)
	assert.FileExists(t, filepath.Join(aside, "store", "root.bolt"))
	for _, p := range kept {
		assert.FileExists(t, filepath.Join(aside, "store", filepath.Base(p)))
	}
	ids, err := ix.IDs()
	require.NoError(t, err)
	assert.Len(t, ids, 6)
	require.NoError(t, ix.Close())
	checkSound(t, dir, 6)

	// An undamaged store of an interrupted write is deleted, not kept.
	interruptWrite(t, dir)
	ix, err = Open(dir, Options{Meta: testMeta})
	require.NoError(t, err)
	assert.True(t, ix.Discarded())
	assert.Empty(t, ix.KeptAside())
	require.NoError(t, ix.Close())
}

// TestCheckDuringWrite: while a writer holds the live store, check looks
// only at the committed snapshot: a segment file the writer has not
// finished is no damage of the index's.
func TestCheckDuringWrite(t *testing.T) {
	dir := built(t, 6)
	w, err := Open(dir, Options{Meta: testMeta})
	require.NoError(t, err)
	add(t, w, entry("late", "Stored, not committed yet."))
	// A segment the committed snapshot names (the writer holds root.bolt).
	cur, err := os.ReadFile(filepath.Join(dir, "CURRENT"))
	require.NoError(t, err)
	named := ""
	for _, s := range segments(t, filepath.Join(dir, "snapshots", strings.TrimSpace(string(cur)), "bleve")) {
		if _, err := os.Stat(filepath.Join(dir, "bleve", "store", filepath.Base(s))); err == nil {
			named = filepath.Join(dir, "bleve", "store", filepath.Base(s))
		}
	}
	if named == "" {
		// The writer's merger has merged them away: any segment of
		// the live store stands for one.
		named = segments(t, filepath.Join(dir, "bleve"))[0]
	}
	// What a segment being written looks like to another process (a new
	// file: the snapshot's hard link and the writer's mapping keep theirs).
	data, err := os.ReadFile(named)
	require.NoError(t, err)
	// The writer's merger may remove the file meanwhile: it is then one
	// root.bolt does not name, which check passes over too.
	rewrite(t, named, data[:len(data)/3])

	rep, err := Check(dir)
	require.NoError(t, err)
	assert.Empty(t, rep.Findings)
	assert.Equal(t, 6, rep.Articles, "the committed snapshot is checked")
	assert.Equal(t, -1, rep.Live, "the live store is not")

	rewrite(t, named, data)
	require.NoError(t, w.Close())
	rep, err = Check(dir)
	require.NoError(t, err)
	assert.Empty(t, rep.Findings)
	assert.Equal(t, 7, rep.Live)
}

// Check decodes the live segment files without the writer's lock, so
// that a writer starting meanwhile is not refused, and judges under the
// lock, taken after, only those that did not decode: one a writer has
// finished since is no damage; one still damaged is; and while a writer
// holds the lock, none is reported.
func TestCheckLiveSegmentsUnlocked(t *testing.T) {
	dir := built(t, 6)
	store := filepath.Join(dir, "bleve", "store")
	named := namedSegment(t, dir)
	data, err := os.ReadFile(named)
	require.NoError(t, err)
	// What a segment being written looks like (a new file: the
	// snapshot's hard link keeps the whole one).
	partial := func() {
		require.NoError(t, os.Remove(named))
		require.NoError(t, os.WriteFile(named, data[:len(data)/3], 0o600))
	}
	whole := func() {
		require.NoError(t, os.Remove(named))
		require.NoError(t, os.WriteFile(named, data, 0o600))
	}
	hook := func(f func(path string)) {
		segmentChecked = f
		t.Cleanup(func() { segmentChecked = nil })
	}

	// A writer can take the lock while the live segments are decoded.
	live := 0
	hook(func(path string) {
		if filepath.Dir(path) != store {
			return
		}
		live++
		lock, err := takeLock(dir, false)
		if assert.NoError(t, err, "the writer's lock is free while %s is decoded", path) {
			lock.Close()
		}
	})
	checkSound(t, dir, 6)
	assert.NotZero(t, live)

	// Finished by its writer once decoded: no damage.
	partial()
	hook(func(path string) {
		if path == named {
			whole()
		}
	})
	checkSound(t, dir, 6)

	// Still damaged under the lock: reported.
	partial()
	hook(nil)
	rep, err := Check(dir)
	require.NoError(t, err)
	require.NotEmpty(t, rep.Findings)
	assert.Contains(t, rep.Findings[0].Problem, "damaged segment files in the live store: ["+named+"]")

	// A writer holds the lock: not checked, not damaged.
	var w *os.File
	hook(func(path string) {
		if path == named && w == nil {
			w, err = takeLock(dir, false)
			require.NoError(t, err)
		}
	})
	rep, err = Check(dir)
	require.NoError(t, err)
	assert.Empty(t, rep.Findings)
	assert.Equal(t, -1, rep.Live)
	require.NotNil(t, w)
	w.Close()
}

// Delete takes articles out of the index and of its groups, commits with
// the writer, and leaves readers the state before until then.
func TestDelete(t *testing.T) {
	dir := built(t, 6)
	// Two groups, r:a000 of a000 to a003 and r:a004 of a004 and a005.
	writeGroups(t, dir, 6, func(id string) string { return map[bool]string{true: "a000", false: "a004"}[id < "a004"] })

	w, err := Open(dir, Options{Meta: testMeta})
	require.NoError(t, err)
	deleted, missing, err := w.Delete([]string{"a004", "nope", "a000", "a004"})
	require.NoError(t, err)
	assert.Equal(t, []string{"a000", "a004"}, deleted)
	assert.Equal(t, []string{"nope"}, missing)
	r, err := Open(dir, Options{ReadOnly: true})
	require.NoError(t, err)
	n, err := r.Count()
	require.NoError(t, err)
	assert.Equal(t, 6, n, "not committed yet")
	require.NoError(t, r.Close())
	require.NoError(t, w.Close())

	r, err = Open(dir, Options{ReadOnly: true})
	require.NoError(t, err)
	defer r.Close()
	ids, err := r.IDs()
	require.NoError(t, err)
	assert.Equal(t, []string{"a001", "a002", "a003", "a005"}, ids)
	g, err := r.Groups()
	require.NoError(t, err)
	assert.Equal(t, []string{"a001", "a002", "a003", "a005"}, slices.Sorted(maps.Keys(g)))
	// The others keep their groups until a run regroups them; a group
	// named after an article deleted is named after its first member
	// left, so that its name cannot be the one of an article indexed
	// again under the deleted ID, a group of its own until grouped.
	for _, id := range []string{"a001", "a002", "a003"} {
		assert.Equal(t, Assignment{id, "c:" + id, "r:a001", "s:a001"}, g[id])
	}
	assert.Equal(t, Assignment{"a005", "c:a005", "r:a005", "s:a005"}, g["a005"])
	_, _, err = r.Delete([]string{"a001"})
	assert.ErrorIs(t, err, ErrReadOnly)

	rep, err := Check(dir)
	require.NoError(t, err)
	assert.Empty(t, rep.Findings)
}

// A live segment file that is no longer the committed snapshot's (the
// index was copied without its hard links) and does not decode is not
// committed over the snapshot's sound copy: the write fails, and the
// snapshot stays readable and restorable.
func TestCommitKeepsSoundSnapshot(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "x.index")
	ix := create(t, dir)
	add(t, ix, entry("a", "Text of a."))
	require.NoError(t, ix.Close())
	segs, err := filepath.Glob(filepath.Join(dir, "bleve", "store", "*.zap"))
	require.NoError(t, err)
	require.NotEmpty(t, segs)
	data, err := os.ReadFile(segs[0])
	require.NoError(t, err)
	for i := 100; i < 400 && i < len(data); i++ {
		data[i] ^= 0xff
	}
	require.NoError(t, os.Remove(segs[0])) // a file of its own, not the snapshot's link
	require.NoError(t, os.WriteFile(segs[0], data, 0o644))

	ix, err = Open(dir, Options{Create: true, Meta: testMeta})
	require.NoError(t, err)
	if w, err := ix.NewWriter(); err == nil {
		if w.Add(entry("b", "Text of b.")) == nil { // may fail on the damaged segment already
			w.Flush()
		}
	}
	err = ix.Close()
	require.ErrorIs(t, err, ErrCorrupt)
	assert.Contains(t, err.Error(), filepath.Base(segs[0]))

	r, err := Open(dir, Options{ReadOnly: true})
	require.NoError(t, err)
	got, err := r.Get("a")
	require.NoError(t, err)
	assert.Equal(t, "Text of a.", got.Article.Text)
	require.NoError(t, r.Close())
}

// rewrite puts b in a new file at path (another process's view of a
// segment rewritten), the file there removed first if it still is.
func rewrite(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.Remove(path); err != nil {
		require.ErrorIs(t, err, fs.ErrNotExist)
	}
	require.NoError(t, os.WriteFile(path, b, 0o600))
}

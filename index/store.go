package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	zap "github.com/blevesearch/zapx/v16"
)

// ErrCorrupt is returned when the stored index cannot be read: a truncated
// segment, an empty or unreadable root.bolt. The message names the file
// when it can tell which; 'wirediff check' says how to recover.
var ErrCorrupt = errors.New("index is corrupt")

// errRaced: another process created the index first.
var errRaced = errors.New("index created by another process")

// createIndex makes a new, empty index in dir atomically: everything is built
// in a sibling temporary directory (a first snapshot included, so readers
// can open it at once) and renamed into place, so an interrupted creation
// leaves no half-made index behind (only the temporary directory,
// DIR.new-*, which nothing reads). A dir that exists empty (made
// beforehand, or a mount point, which no rename can replace) is filled in
// place instead (see createInPlace). When another process creates the
// index first, it returns errRaced and the caller opens that one (and gets
// ErrLocked while its creator writes), or ErrLocked while that process
// fills dir in place.
func createIndex(dir string, meta Meta) error {
	dir = filepath.Clean(dir)
	if st, err := os.Stat(dir); err == nil && st.IsDir() {
		return createInPlace(dir, meta)
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, filepath.Base(dir)+".new-")
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	defer os.RemoveAll(tmp) // a no-op once renamed
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	if f, err := os.Create(filepath.Join(tmp, "LOCK")); err != nil {
		return fmt.Errorf("index: %w", err)
	} else {
		f.Close()
	}
	if err := fillIndex(tmp, dir, meta); err != nil {
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		// Another creator renamed first (the target is no longer empty).
		if _, serr := os.Stat(filepath.Join(dir, "wirediff.json")); serr == nil {
			return errRaced
		}
		// Another process made dir, empty, meanwhile (or is filling it).
		if st, serr := os.Stat(dir); serr == nil && st.IsDir() && errors.Is(missing(dir), ErrNotFound) {
			return createInPlace(dir, meta)
		}
		return fmt.Errorf("index: create %s: %w", dir, err)
	}
	return syncDir(parent)
}

// creatingFile marks a directory whose index is being filled in place:
// present from before its first file to after wirediff.json, the last.
const creatingFile = "CREATING"

// createInPlace makes a new, empty index in the existing directory dir,
// which holds nothing, or what an interrupted creation in place left
// (creatingFile, with LOCK and part of the index). It holds DIR/LOCK
// throughout, so a second creator gets ErrLocked, and writes wirediff.json
// last, so that nothing reads the index before it is whole; an
// interrupted creation leaves dir to the next one, which clears it.
func createInPlace(dir string, meta Meta) error {
	lock, err := takeLock(dir, false)
	if err != nil {
		return err
	}
	defer lock.Close()
	if _, err := os.Stat(filepath.Join(dir, "wirediff.json")); err == nil {
		return errRaced
	}
	if err := missing(dir); !errors.Is(err, ErrNotFound) {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, creatingFile), nil, 0o644); err != nil {
		return fmt.Errorf("index: create %s: %w", dir, err)
	}
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("index: create %s: %w", dir, err)
	}
	for _, name := range []string{"bleve", "snapshots", "CURRENT", "CURRENT.tmp", "wirediff.json.tmp"} {
		if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("index: create %s: %w", dir, err)
		}
	}
	if err := fillIndex(dir, dir, meta); err != nil {
		return err
	}
	os.Remove(filepath.Join(dir, creatingFile)) // a leftover is removed by the next writer
	return syncDir(dir)
}

// fillIndex makes an empty index in d (LOCK made already), for dir:
// the bleve store, its first snapshot, and wirediff.json, last.
func fillIndex(d, dir string, meta Meta) error {
	meta.Format = FormatVersion
	return fillIndexWith(d, dir, meta, newMapping(textAnalyzer))
}

// fillIndexWith is fillIndex with the format of meta and the bleve
// mapping m.
func fillIndexWith(d, dir string, meta Meta, m mapping.IndexMapping) error {
	b, err := bleve.New(filepath.Join(d, "bleve"), m)
	if err != nil {
		return fmt.Errorf("index: create %s: %w", dir, err)
	}
	if err := b.Close(); err != nil {
		return fmt.Errorf("index: create %s: %w", dir, err)
	}
	if err := snapshot(d); err != nil {
		return err
	}
	data, _ := json.MarshalIndent(meta, "", "  ")
	if err := writeFileAtomic(filepath.Join(d, "wirediff.json"), append(data, '\n')); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return nil
}

// checkStore refuses a bleve store that bleve would "repair" by deleting
// data: scorch, finding no snapshot in root.bolt (an empty or missing file),
// removes every segment file as unreferenced.
func checkStore(bdir string) error {
	store := filepath.Join(bdir, "store")
	root := filepath.Join(store, "root.bolt")
	segs, _ := filepath.Glob(filepath.Join(store, "*.zap"))
	st, err := os.Stat(root)
	switch {
	case err != nil && errors.Is(err, fs.ErrNotExist) && len(segs) > 0:
		return fmt.Errorf("%w: %s is missing while %d segment files remain; not opened for writing, which would delete them%s", ErrCorrupt, root, len(segs), hint(filepath.Dir(bdir)))
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("index: %w", err)
	case err == nil && st.Size() == 0:
		return fmt.Errorf("%w: %s is empty; not opened for writing, which would delete its %d segment files%s", ErrCorrupt, root, len(segs), hint(filepath.Dir(bdir)))
	}
	return nil
}

// guard turns a panic inside bleve (which a truncated or damaged segment
// causes in the zap decoder) into ErrCorrupt naming the damaged segment
// file when one can be found. Every exported method that calls bleve
// defers it.
func (ix *Index) guard(err *error) {
	r := recover()
	if r == nil {
		return
	}
	bdir := filepath.Join(ix.view, "bleve")
	what := bdir
	if bad := damagedSegments(bdir); len(bad) > 0 {
		what = strings.Join(bad, ", ")
	}
	*err = fmt.Errorf("%w: %s: %v%s", ErrCorrupt, what, r, ix.recoverHint())
}

// recoverHint is the advice appended to a corruption error.
func (ix *Index) recoverHint() string { return hint(ix.dir) }

func hint(dir string) string {
	return fmt.Sprintf(" (run 'wirediff check --index %s' to see what is damaged and how to recover)", dir)
}

// damagedSegments returns the segment files under bdir/store that the zap
// decoder cannot open.
func damagedSegments(bdir string) []string {
	segs, _ := filepath.Glob(filepath.Join(bdir, "store", "*.zap"))
	var bad []string
	for _, p := range segs {
		if err := checkSegment(p); err != nil {
			bad = append(bad, p)
		}
		if segmentChecked != nil {
			segmentChecked(p)
		}
	}
	return bad
}

// diverged returns the segment files of the live store under dir that
// the snapshot prev holds under the same name as another file (not a hard
// link to it: the index was copied, or a file restored) and that do not
// decode. Scorch never changes a segment once written, so a committed
// segment is the same file in the live store; one that is not, and is
// damaged, must not replace the snapshot's, which may be the last sound
// copy. Segments new since prev, and those it shares, are not decoded.
func diverged(dir, prev string) []string {
	segs, _ := filepath.Glob(filepath.Join(dir, "bleve", "store", "*.zap"))
	var bad []string
	for _, p := range segs {
		live, err := os.Stat(p)
		if err != nil {
			continue
		}
		old, err := os.Stat(filepath.Join(prev, "bleve", "store", filepath.Base(p)))
		if err != nil || os.SameFile(live, old) {
			continue
		}
		if checkSegment(p) != nil {
			bad = append(bad, p)
		}
	}
	return bad
}

// segmentChecked, when set (by tests), is called after damagedSegments
// decodes each segment file.
var segmentChecked func(path string)

// checkSegment opens one zap segment and reads its every stored document,
// a panic in the decoder becoming an error.
func checkSegment(path string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: %v", path, r)
		}
	}()
	seg, err := (&zap.ZapPlugin{}).Open(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer seg.Close()
	n := seg.Count()
	for i := range n {
		if err := seg.VisitStoredFields(i, func(string, byte, []byte, []uint64) bool { return true }); err != nil {
			return fmt.Errorf("%s: document %d: %w", path, i, err)
		}
	}
	return nil
}

// # Snapshots
//
// Readers never open the live bleve index a writer changes. When a writer
// closes, it commits: DIR/snapshots/N/ gets the state it leaves (hard links
// to the segment files, which scorch never changes once written, copies
// of root.bolt and index_meta.json, groups.tsv, and a copy of
// wirediff.json), and DIR/CURRENT,
// replaced atomically, names N. A reader opens the snapshot CURRENT names
// under a shared lock of its LOCK file; a committing writer removes older
// snapshots whose LOCK it can take exclusively, that is that no reader has
// open.

// snapshot commits the closed index in dir as a new snapshot.
func snapshot(dir string) error {
	sdir := filepath.Join(dir, "snapshots")
	if err := os.MkdirAll(sdir, 0o755); err != nil {
		return fmt.Errorf("index: snapshot: %w", err)
	}
	names, err := snapshotNames(sdir)
	if err != nil {
		return err
	}
	n := 1
	if len(names) > 0 {
		n = names[len(names)-1] + 1
		if bad := diverged(dir, filepath.Join(sdir, strconv.Itoa(names[len(names)-1]))); len(bad) > 0 {
			return fmt.Errorf("%w: segment files of the live store that are not the committed snapshot's and do not decode: %s; the write is not committed, and the next write starts from the committed snapshot%s",
				ErrCorrupt, strings.Join(bad, ", "), hint(dir))
		}
	}
	name := strconv.Itoa(n)
	tmp := filepath.Join(sdir, name+".tmp")
	os.RemoveAll(tmp)
	if err := linkTree(filepath.Join(dir, "bleve"), filepath.Join(tmp, "bleve")); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("index: snapshot: %w", err)
	}
	if err := os.Link(filepath.Join(dir, "groups.tsv"), filepath.Join(tmp, "groups.tsv")); err != nil && !errors.Is(err, fs.ErrNotExist) {
		os.RemoveAll(tmp)
		return fmt.Errorf("index: snapshot: %w", err)
	}
	// A copy of the settings, not a link: damage to the file in place
	// would reach a link too, and check --restore puts the copy back.
	if data, err := os.ReadFile(filepath.Join(dir, "wirediff.json")); err == nil {
		if err := os.WriteFile(filepath.Join(tmp, "wirediff.json"), data, 0o644); err != nil {
			os.RemoveAll(tmp)
			return fmt.Errorf("index: snapshot: %w", err)
		}
	}
	f, err := os.Create(filepath.Join(tmp, "LOCK"))
	if err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("index: snapshot: %w", err)
	}
	f.Close()
	if err := os.Rename(tmp, filepath.Join(sdir, name)); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("index: snapshot: %w", err)
	}
	if err := syncDir(sdir); err != nil {
		return fmt.Errorf("index: snapshot: %w", err)
	}
	if err := writeFileAtomic(filepath.Join(dir, "CURRENT"), []byte(name+"\n")); err != nil {
		return fmt.Errorf("index: snapshot: %w", err)
	}
	pruneSnapshots(sdir, n)
	return nil
}

// writingFile marks the live store as changed by a writer that has not
// committed: written once a writer has checked and opened the store,
// before it changes anything, and removed once it has committed. A
// writer that finds it left (the writer before was killed or
// interrupted, or failed to commit) discards what that one stored: see
// discardUncommitted.
const writingFile = "WRITING"

// commit snapshots the writer's index (bleve closed).
func (ix *Index) commit() error {
	if err := snapshot(ix.dir); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(ix.dir, writingFile)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("index: %w", err)
	}
	return syncDir(ix.dir)
}

// discardUncommitted readies the live store for a writer that holds the
// lock, before it opens it: when DIR/WRITING says that the writer before
// did not commit, what it left in the live store is discarded (see
// discard), so that this writer starts from the last committed snapshot.
func (ix *Index) discardUncommitted() error {
	_, err := os.Stat(filepath.Join(ix.dir, writingFile))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("index: %w", err)
	}
	done, aside, err := discard(ix.dir)
	if err != nil {
		return err
	}
	ix.discarded, ix.keptAside = done, aside
	return nil
}

// markWriting writes DIR/WRITING, made durable before the writer changes
// anything.
func (ix *Index) markWriting() error {
	if err := os.WriteFile(filepath.Join(ix.dir, writingFile), nil, 0o644); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return syncDir(ix.dir)
}

// discard puts the last committed snapshot of the index in dir back as
// its live store, dropping what a writer that did not commit changed in
// the store and the groups file, and removes DIR/WRITING; it reports
// false when the index has no snapshot (made by an older wirediff),
// whose live store it leaves as it is. The store it replaces is deleted,
// unless it is damaged (checkStore refuses it: what it holds is not
// known): that one is moved aside, as [Restore] does, and discard
// returns where. The caller holds the writer's lock. The caller's state
// files (WriteState) are left as they are: each names the groups file
// it goes with (GroupsDigest), so one written for the discarded groups
// is not taken for the committed ones.
func discard(dir string) (done bool, aside string, err error) {
	view, slock, err := openSnapshot(dir)
	if err != nil {
		return false, "", fmt.Errorf("%w; it holds what a write that did not commit stored, which is discarded by going back to that snapshot%s", err, hint(dir))
	}
	if slock == nil {
		return false, "", nil
	}
	defer slock.Close()
	live := filepath.Join(dir, "bleve")
	if checkStore(live) != nil {
		aside = asideName(live)
	}
	if err := putBack(dir, view, aside); err != nil {
		return false, "", fmt.Errorf("index: discard an uncommitted write: %w", err)
	}
	if err := os.Remove(filepath.Join(dir, writingFile)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, aside, fmt.Errorf("index: discard an uncommitted write: %w", err)
	}
	return true, aside, syncDir(dir)
}

// putBack makes the snapshot view the live store of the index in dir:
// its bleve store, linked, in place of DIR/bleve, which is moved to aside
// (removed when aside is ""), and its groups file in place of
// DIR/groups.tsv (which is removed when the snapshot has none). The
// caller holds the writer's lock; an interruption leaves what the next
// putBack completes (DIR/bleve.restore is made anew).
func putBack(dir, view, aside string) error {
	live := filepath.Join(dir, "bleve")
	tmp := live + ".restore"
	os.RemoveAll(tmp)
	if err := linkTree(filepath.Join(view, "bleve"), tmp); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if aside == "" {
		if err := os.RemoveAll(live); err != nil {
			os.RemoveAll(tmp)
			return err
		}
	} else if err := os.Rename(live, aside); err != nil && !errors.Is(err, fs.ErrNotExist) {
		os.RemoveAll(tmp)
		return err
	}
	if err := os.Rename(tmp, live); err != nil {
		if aside != "" {
			return fmt.Errorf("%w (the previous store is in %s)", err, aside)
		}
		return err
	}
	groups := filepath.Join(dir, "groups.tsv")
	data, err := os.ReadFile(filepath.Join(view, "groups.tsv"))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		err = os.Remove(groups)
		if errors.Is(err, fs.ErrNotExist) {
			err = nil
		}
	case err == nil:
		err = writeFileAtomic(groups, data)
	}
	if err != nil {
		return fmt.Errorf("groups: %w", err)
	}
	return syncDir(dir)
}

// snapshotNames lists the committed snapshots, increasing, and removes
// leftovers of interrupted ones.
func snapshotNames(sdir string) ([]int, error) {
	entries, err := os.ReadDir(sdir)
	if err != nil {
		return nil, fmt.Errorf("index: snapshot: %w", err)
	}
	var out []int
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			os.RemoveAll(filepath.Join(sdir, e.Name()))
			continue
		}
		if n, err := strconv.Atoi(e.Name()); err == nil && n > 0 {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out, nil
}

// pruneSnapshots removes the snapshots older than keep that no reader has
// open.
func pruneSnapshots(sdir string, keep int) {
	names, err := snapshotNames(sdir)
	if err != nil {
		return
	}
	for _, n := range names {
		if n >= keep {
			continue
		}
		d := filepath.Join(sdir, strconv.Itoa(n))
		f, err := os.Open(filepath.Join(d, "LOCK"))
		if err != nil {
			continue
		}
		if lockFile(f, false) == nil {
			os.RemoveAll(d)
		}
		f.Close()
	}
}

// linkTree recreates the directory src in dst: segment files hard-linked
// (copied where links are not supported), every other file copied.
func linkTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		if strings.HasSuffix(p, ".zap") && os.Link(p, to) == nil {
			return nil
		}
		return copyFile(p, to)
	})
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

// openSnapshot returns the directory of the snapshot DIR/CURRENT names and
// its LOCK, held shared; a nil lock and no error when the index has no
// snapshot (made by an older wirediff).
func openSnapshot(dir string) (string, *os.File, error) {
	cur := filepath.Join(dir, "CURRENT")
	missing := "" // the snapshot CURRENT named when it was found missing
	for range 10 {
		data, err := os.ReadFile(cur)
		if errors.Is(err, fs.ErrNotExist) {
			return dir, nil, nil
		}
		if err != nil {
			return "", nil, fmt.Errorf("index: %w", err)
		}
		name := strings.TrimSpace(string(data))
		if n, err := strconv.Atoi(name); err != nil || n <= 0 {
			return "", nil, fmt.Errorf("%w: %s names no snapshot (%q)%s", ErrCorrupt, cur, name, hint(dir))
		}
		sd := filepath.Join(dir, "snapshots", name)
		f, err := os.Open(filepath.Join(sd, "LOCK"))
		if errors.Is(err, fs.ErrNotExist) {
			// A writer points CURRENT at a new snapshot before it removes
			// the old: one CURRENT still names is lost, not replaced.
			if name == missing {
				return "", nil, fmt.Errorf("%w: %s names snapshot %s, which is missing from %s%s", ErrCorrupt, cur, name, filepath.Join(dir, "snapshots"), hint(dir))
			}
			missing = name
			continue // replaced since CURRENT was read
		}
		if err != nil {
			return "", nil, fmt.Errorf("index: %w", err)
		}
		if err := lockFile(f, true); err != nil {
			f.Close()
			continue // being removed
		}
		if _, err := os.Stat(filepath.Join(sd, "bleve")); err != nil {
			f.Close()
			continue // removed before the lock was taken
		}
		return sd, f, nil
	}
	return "", nil, fmt.Errorf("index: %s: the committed snapshot kept changing; try again", dir)
}

// Stale reports whether a writer has committed since ix was opened
// read-only: DIR/CURRENT names a snapshot other than the one ix reads (or
// now exists, for an index that had none), so a reader that reopens would
// see newer work. A writer's handle is never stale.
func (ix *Index) Stale() (bool, error) {
	if !ix.readOnly {
		return false, nil
	}
	data, err := os.ReadFile(filepath.Join(ix.dir, "CURRENT"))
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("index: %w", err)
	}
	name := strings.TrimSpace(string(data))
	return ix.view == ix.dir || filepath.Base(ix.view) != name, nil
}

// Snapshot returns the name of the committed snapshot a read-only ix
// reads (DIR/snapshots/NAME), or "" when it reads the live store (a
// writer, or a reader of an index with no snapshot).
func (ix *Index) Snapshot() string {
	if ix.view == ix.dir {
		return ""
	}
	return filepath.Base(ix.view)
}

package index

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Finding is one problem [Check] found, with how to recover from it.
type Finding struct {
	Problem string
	Fix     string
}

// CheckReport is what [Check] found.
type CheckReport struct {
	Meta Meta
	// Snapshot is the committed snapshot readers open ("" when none).
	Snapshot string
	// Articles and Grouped count the snapshot's articles and its groups
	// file's lines (-1 when the snapshot or the groups file does not
	// read); Live the live index's articles (-1 when a writer holds it,
	// so it was not opened, or it is damaged).
	Articles, Grouped, Live int
	// Interrupted: a writer stored changes in the live store and did not
	// commit them (it was killed or interrupted); readers do not see
	// them, and the next writer discards them (see [Index.Discarded]).
	// Live counts the live store as that writer left it, unless that is
	// damaged (a finding says so; Live is then -1).
	Interrupted bool
	Findings    []Finding
	// Notes say what is no damage but worth knowing: the articles
	// indexed since the last grouping run, in no group until the next.
	Notes []string
}

// maxListed bounds the IDs a finding lists.
const maxListed = 5

// Check verifies the index in dir without changing it: its metadata; the
// live store (root.bolt, every segment decodable), unless a writer holds
// it, whose files are not finished (CheckReport.Live is then -1); the
// committed snapshot readers open (it opens, every article's signature
// decodes to the index's number of hashes, the groups file parses and
// names no article the index lacks; the articles it does not name wait
// for the next grouping run, a note); and whether the live index holds what the
// snapshot does. It decodes the live segment files without the writer's
// lock, and takes that only after, briefly (to check root.bolt, look again
// at the files that did not decode, and count), so that a writer
// starting during a check is not refused for long (ErrLocked).
// It returns an error only when dir cannot be checked at all.
func Check(dir string) (*CheckReport, error) {
	if err := isIndex(dir); err != nil {
		return nil, err
	}
	rep := &CheckReport{Articles: -1, Grouped: -1, Live: -1}
	add := func(fix, format string, args ...any) {
		rep.Findings = append(rep.Findings, Finding{fmt.Sprintf(format, args...), fix})
	}
	restore := fmt.Sprintf("'wirediff check --restore --index %s' puts the last committed snapshot back in place (the damaged store is kept aside); writes since that commit must be run again", dir)
	rebuild := fmt.Sprintf("rebuild: move %s aside and run 'wirediff dedup' (or 'wirediff index') over the inputs again", dir)
	regroup := fmt.Sprintf("regroup: run 'wirediff dedup --index %s', which groups the articles the index holds", dir)
	meta, err := readMeta(filepath.Join(dir, "wirediff.json"), Meta{}, true)
	if err != nil {
		// Without its settings (the MinHash seed and sizes) the index's
		// signatures cannot be read or extended.
		if _, ok := snapshotMeta(dir); ok {
			add(restore, "the index's settings do not read, and nothing else can be checked without them: %v; the last committed snapshot holds a copy", err)
		} else {
			add(rebuild, "the index's settings do not read, and nothing else can be checked without them: %v", err)
		}
		return rep, nil
	}
	rep.Meta = meta

	// The live store is the running writer's, if any: its segment files
	// may be half written and its root.bolt changing, so what looks
	// damaged is judged only under the writer's lock, and not at all
	// while a writer holds that (the committed snapshot still is).
	live, liveErr := checkLive(dir, meta)
	for _, p := range live.problems {
		add(restore, "%s", p)
	}

	ix, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		fix := rebuild
		if liveErr == nil && len(live.problems) == 0 && live.count >= 0 && !live.interrupted {
			// A completed write commits the live store as a new snapshot.
			rep.Live = live.count
			fix = fmt.Sprintf("the live store is sound, and any completed write commits it again: run 'wirediff dedup --index %s', which groups the articles it holds", dir)
		}
		add(fix, "the committed snapshot does not open: %v", err)
		return rep, nil
	}
	if ix.view != dir {
		rep.Snapshot = ix.view
		if bad := damagedSegments(filepath.Join(ix.view, "bleve")); len(bad) > 0 {
			add(rebuild, "damaged segment files in the committed snapshot: %v", bad)
		}
	}
	ids, err := ix.IDs()
	if err != nil {
		ix.Close()
		add(rebuild, "listing the articles failed: %v", err)
		return rep, nil
	}
	rep.Articles = len(ids)
	var badSig []string
	for _, id := range ids {
		e, err := ix.Get(id)
		if err == nil && len(e.Signature) != meta.NumHashes {
			err = fmt.Errorf("signature of %d hashes, want %d", len(e.Signature), meta.NumHashes)
		}
		if err != nil {
			badSig = append(badSig, fmt.Sprintf("%q (%v)", id, err))
		}
	}
	if len(badSig) > 0 {
		add(fmt.Sprintf("index these articles again ('wirediff index --index %s' over their inputs replaces them)", dir),
			"%s with an unreadable signature: %v", plural(len(badSig), "article"), listed(badSig))
	}
	groups, gerr := ix.Groups()
	ix.Close()
	if gerr == nil {
		rep.Grouped = len(groups)
	}
	if gerr != nil {
		add(regroup, "%v", gerr)
	} else {
		have := make(map[string]bool, len(ids))
		var ungrouped, unknown []string
		for _, id := range ids {
			have[id] = true
			if _, ok := groups[id]; !ok {
				ungrouped = append(ungrouped, fmt.Sprintf("%q", id))
			}
		}
		for id := range groups {
			if !have[id] {
				unknown = append(unknown, fmt.Sprintf("%q", id))
			}
		}
		sort.Strings(unknown)
		if len(ungrouped) > 0 {
			// Articles indexed since the last grouping run ('wirediff
			// index', a run that did not finish) wait for the next:
			// no damage.
			rep.Notes = append(rep.Notes, waiting(dir, len(groups) == 0, ungrouped))
		}
		if len(unknown) > 0 {
			verb := "are"
			if len(unknown) == 1 {
				verb = "is"
			}
			add(regroup, "%s %s not in the index: %v", plural(len(unknown), "grouped ID"), verb, listed(unknown))
		}
	}

	switch {
	case errors.Is(liveErr, ErrLocked):
		// A writer is running: its state is not committed yet.
	case liveErr != nil:
		add(restore, "the live index does not open: %v", liveErr)
	case live.interrupted && rep.Snapshot != "":
		// What the next writer discards: not a problem unless damaged
		// (reported above; Live is then -1).
		rep.Interrupted, rep.Live = true, live.count
	case live.count >= 0:
		rep.Live = live.count
		if rep.Snapshot != "" && live.count != rep.Articles {
			// An index with no WRITING marker or no snapshot to go
			// back to: the next completed write commits the live store.
			add(fmt.Sprintf("a write was interrupted after it stored articles and before it committed; run it again (any completed write commits what the live index holds), or %s", restore),
				"the live index holds %s, the committed snapshot %d", plural(live.count, "article"), rep.Articles)
		}
	}
	return rep, nil
}

// liveState is what checkLive found of the live store.
type liveState struct {
	problems    []string // damage found, each with the restore fix
	count       int      // its articles, -1 when not counted (damaged)
	interrupted bool     // DIR/WRITING: a writer left it uncommitted (damaged or not)
}

// checkLive checks the live store of the index in dir. Its segment files
// are decoded first without the writer's lock, so that writers starting
// meanwhile are not refused; the lock is taken after, and held only to
// check root.bolt, to look again at the segment files that did not
// decode, and to count the articles. It returns ErrLocked when a writer
// holds the lock (nothing reported: a segment file that did not decode
// may be one it is writing), another error when the lock cannot be
// taken. The store is opened read-only, so that bleve changes nothing in
// it (a writable scorch removes the files no snapshot names).
func checkLive(dir string, meta Meta) (liveState, error) {
	st := liveState{count: -1}
	bdir := filepath.Join(dir, "bleve")
	bad := damagedSegments(bdir)
	lock, err := takeLock(dir, false)
	if err != nil {
		return st, err
	}
	defer lock.Close()
	// The store of a writer that did not commit, which the next writer
	// replaces, is judged all the same: damage is reported, whoever left
	// it (the next writer keeps a damaged store aside).
	if _, err := os.Stat(filepath.Join(dir, writingFile)); err == nil {
		st.interrupted = true
	}
	if err := checkStore(bdir); err != nil {
		st.problems = append(st.problems, err.Error())
	}
	if len(bad) > 0 {
		// A writer may have been writing them: what it finished or
		// removed since is no damage, nor is a file no snapshot names
		// (a write killed mid-file).
		bad = slices.DeleteFunc(bad, func(p string) bool {
			_, err := os.Stat(p)
			return errors.Is(err, fs.ErrNotExist) || checkSegment(p) == nil
		})
		if ref, err := referencedSegments(bdir); err == nil {
			bad = slices.DeleteFunc(bad, func(p string) bool { return !ref[filepath.Base(p)] })
		}
		if len(bad) > 0 {
			st.problems = append(st.problems, fmt.Sprintf("damaged segment files in the live store: %v", bad))
		}
	}
	if len(st.problems) > 0 {
		return st, nil
	}
	n, err := countStore(dir, meta, bdir)
	if err != nil {
		st.problems = append(st.problems, fmt.Sprintf("the live index cannot be counted: %v", err))
		return st, nil
	}
	st.count = n
	return st, nil
}

// countStore counts the articles of the bleve store bdir of the index in
// dir, opened read-only, so that bleve changes nothing in it.
func countStore(dir string, meta Meta, bdir string) (int, error) {
	ix := &Index{dir: dir, view: dir, meta: meta, readOnly: true}
	if err := ix.openBleve(bdir, map[string]interface{}{"read_only": true}); err != nil {
		return -1, err
	}
	n, err := ix.Count()
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return -1, err
	}
	return n, nil
}

// waiting is the note on the articles ungrouped (quoted IDs) of the
// index in dir, in no group until the next grouping run; none says the
// index has no groups at all.
func waiting(dir string, none bool, ungrouped []string) string {
	verb, them := "are", "them"
	if len(ungrouped) == 1 {
		verb, them = "is", "it"
	}
	since := "indexed since the last grouping run " + verb + " in no group yet: " + listed(ungrouped)
	if none {
		since = verb + " in no group: the index has no groups yet"
	}
	return fmt.Sprintf("%s %s; the next 'wirediff dedup --index %s' groups %s", plural(len(ungrouped), "article"), since, dir, them)
}

// plural is "1 article" or "n articles", with what "article".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func listed(xs []string) string {
	if len(xs) <= maxListed {
		return fmt.Sprint(xs)
	}
	return fmt.Sprintf("%v and %d more", xs[:maxListed], len(xs)-maxListed)
}

// Restore puts the last committed snapshot of the index in dir back in
// place as its live store: the live bleve directory is renamed
// bleve.damaged-TIME (nothing is deleted), the snapshot's store and groups
// file are linked in its place, and its copy of the settings replaces a
// wirediff.json that does not read (kept as wirediff.json.damaged-TIME). It takes the writer's lock, and returns the
// directory the damaged store was moved to.
func Restore(dir string) (string, error) {
	if err := isIndex(dir); err != nil {
		return "", err
	}
	lock, err := takeLock(dir, false)
	if err != nil {
		return "", err
	}
	defer lock.Close()
	view, slock, err := openSnapshot(dir)
	if err != nil {
		return "", err
	}
	if slock == nil {
		return "", fmt.Errorf("index: %s has no committed snapshot to restore", dir)
	}
	defer slock.Close()
	if bad := damagedSegments(filepath.Join(view, "bleve")); len(bad) > 0 {
		return "", fmt.Errorf("%w: the committed snapshot is damaged too (%v); rebuild the index", ErrCorrupt, bad)
	}
	aside := asideName(filepath.Join(dir, "bleve"))
	if err := putBack(dir, view, aside); err != nil {
		return "", fmt.Errorf("index: restore: %w", err)
	}
	// The live store is the committed one now: nothing to discard.
	if err := os.Remove(filepath.Join(dir, writingFile)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return aside, fmt.Errorf("index: restore: %w", err)
	}
	if err := restoreMeta(dir, view); err != nil {
		return aside, err
	}
	return aside, syncDir(dir)
}

// asideName returns a name to keep the damaged file or directory path
// under: path.damaged-TIME, with -2, -3, … after it when a restore in the
// same second kept one already.
func asideName(path string) string {
	base := path + ".damaged-" + time.Now().UTC().Format("20060102T150405")
	name := base
	for k := 2; ; k++ {
		if _, err := os.Lstat(name); errors.Is(err, fs.ErrNotExist) {
			return name
		}
		name = base + "-" + strconv.Itoa(k)
	}
}

// snapshotMeta returns the copy of the settings in the snapshot DIR/CURRENT
// names, and whether it reads (a snapshot made before copies were kept
// has none).
func snapshotMeta(dir string) ([]byte, bool) {
	name, err := os.ReadFile(filepath.Join(dir, "CURRENT"))
	if err != nil {
		return nil, false
	}
	path := filepath.Join(dir, "snapshots", strings.TrimSpace(string(name)), "wirediff.json")
	if _, err := readMeta(path, Meta{}, true); err != nil {
		return nil, false
	}
	data, err := os.ReadFile(path)
	return data, err == nil
}

// restoreMeta puts the copy of the settings in the snapshot view back as
// dir's wirediff.json when that does not read and the copy does; the
// damaged file is kept as wirediff.json.damaged-TIME.
func restoreMeta(dir, view string) error {
	root := filepath.Join(dir, "wirediff.json")
	if _, err := readMeta(root, Meta{}, true); err == nil {
		return nil
	}
	path := filepath.Join(view, "wirediff.json")
	if _, err := readMeta(path, Meta{}, true); err != nil {
		return nil // no copy to put back: rebuild
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("index: restore settings: %w", err)
	}
	aside := asideName(root)
	if err := os.Rename(root, aside); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("index: restore settings: %w", err)
	}
	if err := writeFileAtomic(root, data); err != nil {
		return fmt.Errorf("index: restore settings: %w (the damaged file is %s)", err, aside)
	}
	return nil
}

// isIndex returns nil when dir holds a wirediff.json, else the error
// Open gives for it (see missing).
func isIndex(dir string) error {
	if _, err := os.Stat(filepath.Join(dir, "wirediff.json")); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("index: %w", err)
		}
		return missing(dir)
	}
	return nil
}

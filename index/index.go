package index

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/similarity"
)

// FormatVersion is the on-disk format this package writes and reads.
// Format 2 signed text in scripts written without spaces (Chinese,
// Japanese, Thai) as one token per run; format 3 signs it by character
// bigrams (see package similarity). A format 2 index that holds no such
// text is the same as format 3 and is upgraded to it when opened for
// writing ([Open]); one that holds some is read, read-only. Format 4
// searches such text, and Korean, by character pairs (textAnalyzer),
// where format 3 searches it with bleve's "en" analyzer (a Chinese
// ideograph a word, Thai dropped, a Korean word with its particles); the
// analyzer is stored with the bleve index, so a
// format 3 index keeps searching as it did and is written as it is.
// Format 1 (without city, edition, the derived title and the publication
// time as read) is still read, read-only.
const FormatVersion = 4

// formatSpaced is the last format that signed unspaced scripts by runs;
// formatWordSearch the last that searched them with bleve's "en" analyzer.
const (
	formatSpaced     = 2
	formatWordSearch = 3
)

// minReadFormat is the oldest format [Open] reads (read-only).
const minReadFormat = 1

// DefaultDir is the index directory used when none is given.
const DefaultDir = "wirediff.index"

// Errors returned by [Open].
var (
	ErrLocked   = errors.New("index in use by another wirediff process")
	ErrFormat   = errors.New("unsupported index format")
	ErrMismatch = errors.New("index was built with other near-duplicate parameters")
	ErrNotFound = errors.New("no index")
	ErrNoID     = errors.New("article not in index")
	ErrReadOnly = errors.New("index opened read-only")
)

// Meta describes how an index's signatures were made. Two signatures are
// comparable only when their Meta agree.
type Meta struct {
	Format    int    `json:"format"`
	Seed      uint64 `json:"seed"`
	NumHashes int    `json:"num_hashes"`
	Shingle   int    `json:"shingle"`
	Bands     int    `json:"bands"`
	Rows      int    `json:"rows"`
}

func (m Meta) compatible(o Meta) error {
	if m.Seed != o.Seed || m.NumHashes != o.NumHashes || m.Shingle != o.Shingle || m.Bands != o.Bands || m.Rows != o.Rows {
		return fmt.Errorf("%w: index has seed=%d hashes=%d shingle=%d bands=%dx%d, want seed=%d hashes=%d shingle=%d bands=%dx%d; rebuild it or use another --index",
			ErrMismatch, m.Seed, m.NumHashes, m.Shingle, m.Bands, m.Rows, o.Seed, o.NumHashes, o.Shingle, o.Bands, o.Rows)
	}
	return nil
}

// Entry is one article as stored: the article and its MinHash signature.
// Its LSH band keys are indexed, not stored: they follow from the
// signature and the bands in [Meta] (see [Index.Bucketmates]).
type Entry struct {
	Article   corpus.Article
	Signature similarity.Signature
	// Features are the article's features in an encoding of the
	// caller's (package dedup's), stored as they are so that a later run
	// need not featurize the article again; nil stores none.
	Features []byte
}

// Index is an open wirediff index directory.
type Index struct {
	dir      string
	view     string // where bleve/ and groups.tsv are read: dir, or a snapshot
	meta     Meta
	bleve    bleve.Index
	lock     *os.File
	readOnly bool
	noCommit bool // Close commits nothing (tests: a writer killed before it committed)
	// discarded: opening this writer discarded what a writer before
	// stored and did not commit (see Discarded).
	discarded bool
	// keptAside: where that discarded store was moved, being damaged
	// (see KeptAside).
	keptAside string
	maxTerms  int // Options.MaxTerms
	// written is the SHA-256 of the groups.tsv this writer wrote last,
	// which GroupsDigest answers without reading the file again.
	written struct {
		sync.Mutex
		ok  bool
		sum [32]byte
	}
}

// Options for [Open].
type Options struct {
	// Create makes a new index when dir holds none; without it a missing
	// index is ErrNotFound.
	Create bool
	// ReadOnly opens the last committed snapshot (see the package
	// comment) and refuses writes.
	ReadOnly bool
	// Meta is the caller's signing parameters. For a new index they are
	// stored; for an existing one they must match ([ErrMismatch]). A zero
	// Meta accepts whatever the index holds (readers).
	Meta Meta
	// MaxTerms bounds the terms one search of this handle may expand to
	// (see [DefaultMaxTerms]; a search beyond it is [ErrTooManyTerms]):
	// 0 is DefaultMaxTerms, [NoMaxTerms] lifts the bound. [Query].MaxTerms
	// overrides it for one search.
	MaxTerms int
}

// missing is the error for dir, which holds no wirediff.json: an
// ErrNotFound when it is empty or absent (or holds what an interrupted
// creation in place left: see createInPlace), else that it is not an
// index.
func missing(dir string) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 && !creationLeft(entries) {
		return fmt.Errorf("index: %s exists and is not a wirediff index (no wirediff.json; an index whose creation was interrupted by an older wirediff?); refusing to use it: remove it or use another --index", dir)
	}
	return fmt.Errorf("%w in %s (run 'wirediff index' or 'wirediff dedup' first)", ErrNotFound, dir)
}

// creationLeft reports whether entries, a directory's without
// wirediff.json, are what a creation in place left: LOCK alone (taken,
// nothing written yet), or creatingFile and what it names.
func creationLeft(entries []os.DirEntry) bool {
	marked := false
	for _, e := range entries {
		switch e.Name() {
		case creatingFile:
			marked = true
		case "LOCK", "bleve", "snapshots", "CURRENT", "CURRENT.tmp", "wirediff.json.tmp":
		default:
			return false
		}
	}
	return marked || len(entries) == 1 && entries[0].Name() == "LOCK"
}

// Open opens (or, with Create, creates) the index in dir. Opening never
// deletes or rewrites stored data: a store bleve would have to repair is
// [ErrCorrupt].
func Open(dir string, opt Options) (*Index, error) {
	if opt.ReadOnly && opt.Create {
		return nil, errors.New("index: Create and ReadOnly are exclusive")
	}
	metaPath := filepath.Join(dir, "wirediff.json")
	if _, err := os.Stat(metaPath); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("index: %w", err)
		}
		if err := missing(dir); !opt.Create || !errors.Is(err, ErrNotFound) {
			return nil, err
		}
		if err := createIndex(dir, opt.Meta); err != nil && !errors.Is(err, errRaced) {
			return nil, err
		}
		// Created, or another process created it first: open it.
	}
	meta, err := readMeta(metaPath, opt.Meta, opt.ReadOnly)
	if err != nil {
		return nil, err
	}
	ix := &Index{dir: dir, view: dir, meta: meta, readOnly: opt.ReadOnly, maxTerms: opt.MaxTerms}
	if opt.ReadOnly {
		err = ix.openReader()
	} else {
		err = ix.openWriter()
	}
	if err != nil {
		return nil, err
	}
	return ix, nil
}

// readMeta reads wirediff.json and checks it against want (zero: any);
// an older format is read only by readers.
func readMeta(path string, want Meta, readOnly bool) (Meta, error) {
	var m Meta
	data, err := os.ReadFile(path)
	if err != nil {
		return m, fmt.Errorf("index: %w", err)
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return m, fmt.Errorf("index: %s is corrupt: %w", path, err)
	}
	switch f := m.Format; {
	case f == FormatVersion, f == formatWordSearch:
	case f >= minReadFormat && f < FormatVersion && readOnly:
	case f == formatSpaced:
		// Checked, and upgraded, once the store is open (upgradeSpaced).
	case f >= minReadFormat && f < FormatVersion:
		return m, fmt.Errorf("%w: %s has format %d, which stores no city, edition or derived title; this wirediff writes %d: rebuild the index (remove %s and index again)",
			ErrFormat, path, f, FormatVersion, filepath.Dir(path))
	default:
		return m, fmt.Errorf("%w: %s has format %d, this wirediff reads %d", ErrFormat, path, f, FormatVersion)
	}
	if want != (Meta{}) {
		want.Format = FormatVersion
		if err := m.compatible(want); err != nil {
			return m, err
		}
	}
	return m, nil
}

// openWriter takes the writer's lock and opens the live bleve index.
func (ix *Index) openWriter() error {
	lock, err := takeLock(ix.dir, false)
	if err != nil {
		return err
	}
	ix.lock = lock
	os.Remove(filepath.Join(ix.dir, creatingFile)) // left by a creation in place killed once it was whole
	if err := ix.discardUncommitted(); err != nil {
		ix.Close()
		return err
	}
	bdir := filepath.Join(ix.dir, "bleve")
	if err := checkStore(bdir); err != nil {
		ix.Close()
		return err
	}
	if err := ix.openBleve(bdir, nil); err != nil {
		ix.Close()
		return err
	}
	// Marked only now: a writer that does not open has changed nothing,
	// and leaves no mark that would have its store taken for an
	// interrupted write's (neither judged by Check nor kept by the next
	// writer).
	if err := ix.markWriting(); err != nil {
		ix.noCommit = true
		ix.Close()
		os.Remove(filepath.Join(ix.dir, writingFile))
		return err
	}
	if ix.meta.Format == formatSpaced {
		if err := ix.upgradeSpaced(); err != nil {
			// Nothing was written: no commit, no mark (a commit would
			// move the snapshot on for the same state).
			ix.noCommit = true
			ix.Close()
			os.Remove(filepath.Join(ix.dir, writingFile))
			return err
		}
	}
	return nil
}

// openReader opens the last committed snapshot, or, in an index that has
// none (written by an older wirediff), the live index under a shared lock.
func (ix *Index) openReader() error {
	view, lock, err := openSnapshot(ix.dir)
	if err != nil {
		return err
	}
	if lock == nil {
		if lock, err = takeLock(ix.dir, true); err != nil {
			return err
		}
	}
	ix.view, ix.lock = view, lock
	if err := ix.openBleve(filepath.Join(view, "bleve"), map[string]interface{}{"read_only": true}); err != nil {
		ix.Close()
		return err
	}
	return nil
}

// openBleve opens the bleve index in bdir, a panic inside bleve (a
// truncated segment) becoming ErrCorrupt.
func (ix *Index) openBleve(bdir string, rc map[string]interface{}) (err error) {
	defer ix.guard(&err)
	b, err := bleve.OpenUsing(bdir, rc)
	if err != nil {
		return fmt.Errorf("index: open %s: %w%s", bdir, err, ix.recoverHint())
	}
	ix.bleve = b
	return nil
}

// takeLock opens DIR/LOCK and locks it, without waiting: exclusive for
// a writer, shared for readers (see lock_*.go for each system's lock).
func takeLock(dir string, shared bool) (*os.File, error) {
	path := filepath.Join(dir, "LOCK")
	flag := os.O_RDWR | os.O_CREATE
	f, err := os.OpenFile(path, flag, 0o644)
	if err != nil && shared {
		f, err = os.Open(path)
	}
	if err != nil {
		return nil, fmt.Errorf("index: lock %s: %w", path, err)
	}
	if err := lockFile(f, shared); err != nil {
		f.Close()
		if errors.Is(err, errWouldBlock) {
			return nil, fmt.Errorf("%w: %s", ErrLocked, dir)
		}
		return nil, fmt.Errorf("index: lock %s: %w", path, err)
	}
	return f, nil
}

func writeFileAtomic(path string, data []byte) error {
	return writeAtomic(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeAtomic replaces the file at path with what fill writes, as
// writeFileAtomic does, through a buffer: a large file need not be held
// in memory whole.
func writeAtomic(path string, fill func(w io.Writer) error) error {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	err = fill(w)
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return syncDir(filepath.Dir(path))
}

// syncDir makes a rename or creation in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	d.Sync() // best effort: some systems cannot sync a directory
	return nil
}

// newMapping returns the bleve mapping of a new index whose text and
// title are analyzed by the analyzer named analyzer.
func newMapping(analyzer string) mapping.IndexMapping {
	text := bleve.NewTextFieldMapping()
	text.Analyzer = analyzer
	text.Store = true
	text.IncludeTermVectors = true

	kw := bleve.NewKeywordFieldMapping()
	kw.Analyzer = keyword.Name
	kw.Store = true

	stored := bleve.NewTextFieldMapping()
	stored.Index = false
	stored.Store = true
	stored.IncludeInAll = false
	stored.IncludeTermVectors = false

	date := bleve.NewDateTimeFieldMapping()
	date.Store = true

	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt("text", text)
	dm.AddFieldMappingsAt("title", text)
	dm.AddFieldMappingsAt("outlet", kw)
	dm.AddFieldMappingsAt("byline", kw)
	// city and edition are searched by name only (city:WASHINGTON), not
	// in the default field, so that adding them left the scores of
	// format 1 indexes as they were.
	place := bleve.NewKeywordFieldMapping()
	place.Analyzer = keyword.Name
	place.Store = true
	place.IncludeInAll = false
	dm.AddFieldMappingsAt("city", place)
	dm.AddFieldMappingsAt("edition", place)
	dm.AddFieldMappingsAt("url", kw)
	dm.AddFieldMappingsAt("published", date)
	dm.AddFieldMappingsAt("sig", stored)
	dm.AddFieldMappingsAt("furniture", stored)
	dm.AddFieldMappingsAt("origin", stored)
	addFeatureMappings(dm, stored)
	dm.AddFieldMappingsAt("published_text", stored)
	dm.AddFieldMappingsAt("title_derived", stored)
	dm.AddFieldMappingsAt("date_in_text", stored)

	im := bleve.NewIndexMapping()
	im.DefaultMapping = dm
	im.DefaultAnalyzer = analyzer
	return im
}

// Meta returns the parameters the index was built with.
func (ix *Index) Meta() Meta { return ix.meta }

// Dir returns the index directory.
func (ix *Index) Dir() string { return ix.dir }

// Close closes the index and releases its lock. A writer first commits:
// it makes the state it leaves the snapshot readers open (see the package
// comment).
func (ix *Index) Close() (err error) {
	if ix.bleve != nil {
		err = ix.closeBleve()
		ix.bleve = nil
		if err == nil && !ix.readOnly && !ix.noCommit {
			err = ix.commit()
		}
	}
	if ix.lock != nil {
		if cerr := ix.lock.Close(); err == nil {
			err = cerr
		}
		ix.lock = nil
	}
	return err
}

// Abort closes a writer without committing: what it changed in the store
// and the groups file is discarded, the last committed snapshot put back
// as the live store, so that the index is as it was before the writer
// opened (the caller's state files excepted: see [Index.WriteState]). In
// an index with no snapshot yet (made by an older wirediff) the changes
// stay, uncommitted, and Abort says so. A reader's Abort is Close.
func (ix *Index) Abort() (err error) {
	if ix.readOnly || ix.bleve == nil {
		return ix.Close()
	}
	err = ix.closeBleve()
	ix.bleve = nil
	if err == nil {
		var done bool
		if done, _, err = discard(ix.dir); err == nil && !done {
			err = fmt.Errorf("index: %s has no committed snapshot: the changes of this write stay in its live store", ix.dir)
		}
	}
	if cerr := ix.lock.Close(); err == nil {
		err = cerr
	}
	ix.lock = nil
	return err
}

// Discarded reports whether opening the writer ix discarded what an
// earlier writer stored in the live store and did not commit (it was
// killed, interrupted, or failed to commit): ix starts from the last
// committed snapshot.
func (ix *Index) Discarded() bool { return ix.discarded }

// KeptAside returns the directory that opening the writer ix moved the
// discarded live store to (see Discarded), "" when it deleted it: a store
// that is damaged (its root.bolt empty or missing) is kept aside, as
// [Restore] does, since what it holds cannot be told.
func (ix *Index) KeptAside() string { return ix.keptAside }

func (ix *Index) closeBleve() (err error) {
	defer ix.guard(&err)
	return ix.bleve.Close()
}

// Count returns the number of articles in the index.
func (ix *Index) Count() (_ int, err error) {
	defer ix.guard(&err)
	n, err := ix.bleve.DocCount()
	return int(n), err
}

type storedDoc struct {
	Text          string   `json:"text"`
	Title         string   `json:"title,omitempty"`
	TitleDerived  string   `json:"title_derived,omitempty"`
	Outlet        string   `json:"outlet,omitempty"`
	Byline        string   `json:"byline,omitempty"`
	City          string   `json:"city,omitempty"`
	Edition       string   `json:"edition,omitempty"`
	URL           string   `json:"url,omitempty"`
	Published     string   `json:"published,omitempty"`
	PublishedText string   `json:"published_text,omitempty"`
	DateInText    string   `json:"date_in_text,omitempty"`
	Sig           string   `json:"sig,omitempty"`
	Furniture     string   `json:"furniture,omitempty"`
	Origin        string   `json:"origin,omitempty"`
	Feat          string   `json:"feat,omitempty"`
	LSH           []string `json:"lsh,omitempty"`
}

// Writer adds entries to the index in batches.
type Writer struct {
	ix    *Index
	batch *bleve.Batch
	size  int
	n     int
}

// BatchSize is the number of articles a [Writer] sends to bleve at once.
const BatchSize = 500

// NewWriter returns a writer that adds entries in batches; call Flush
// at the end.
func (ix *Index) NewWriter() (*Writer, error) {
	if ix.readOnly {
		return nil, ErrReadOnly
	}
	return &Writer{ix: ix, batch: ix.bleve.NewBatch(), size: BatchSize}, nil
}

// Add queues an entry; re-adding an ID replaces the stored article.
func (w *Writer) Add(e Entry) error {
	a := &e.Article
	d := storedDoc{
		Text: a.Text, Title: a.Title, Outlet: a.Outlet, Byline: a.Byline, City: a.City, Edition: a.Edition,
		URL: a.URL, Origin: a.Origin,
		Sig:  encodeSig(e.Signature),
		Feat: encodeFeatures(e.Features),
		LSH:  w.ix.bandTerms(e.Signature),
	}
	if t, derived := a.ShownTitle(); derived {
		d.TitleDerived = t
	}
	if !a.Published.IsZero() {
		d.Published = a.Published.UTC().Format(time.RFC3339)
		d.PublishedText = publishedText(a.Published)
	}
	if a.DateInText {
		d.DateInText = "true"
	}
	if len(a.Furniture) > 0 {
		b, _ := json.Marshal(a.Furniture)
		d.Furniture = string(b)
	}
	if err := w.batch.Index(a.ID, d); err != nil {
		return fmt.Errorf("index: add %s: %w", a.ID, err)
	}
	w.n++
	if w.batch.Size() >= w.size {
		return w.Flush()
	}
	return nil
}

// Flush writes queued entries.
func (w *Writer) Flush() (err error) {
	defer w.ix.guard(&err)
	if w.batch.Size() == 0 {
		return nil
	}
	if err := w.ix.bleve.Batch(w.batch); err != nil {
		return fmt.Errorf("index: write batch: %w", err)
	}
	w.batch.Reset()
	return nil
}

// publishedText is a publication time as stored beside the datetime
// field, which holds the instant in UTC: RFC 3339 with the offset the
// source gave, or without a zone for a time in [corpus.NoZone].
func publishedText(t time.Time) string {
	if t.Location() == corpus.NoZone {
		return t.Format("2006-01-02T15:04:05.999999999")
	}
	return t.Format(time.RFC3339Nano)
}

// parsePublishedText reads what [publishedText] wrote.
func parsePublishedText(s string) (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, true
	}
	if t, err := time.ParseInLocation("2006-01-02T15:04:05.999999999", s, corpus.NoZone); err == nil {
		return t, true
	}
	return time.Time{}, false
}

func encodeSig(s similarity.Signature) string {
	b := make([]byte, 4*len(s))
	for i, v := range s {
		binary.LittleEndian.PutUint32(b[4*i:], v)
	}
	return base64.StdEncoding.EncodeToString(b)
}

func decodeSig(s string) (similarity.Signature, error) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(b)%4 != 0 {
		return nil, fmt.Errorf("corrupt signature")
	}
	sig := make(similarity.Signature, len(b)/4)
	for i := range sig {
		sig[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return sig, nil
}

// Get returns the stored entry for id, or ErrNoID.
func (ix *Index) Get(id string) (_ Entry, err error) {
	defer ix.guard(&err)
	doc, err := ix.bleve.Document(id)
	if err != nil {
		return Entry{}, fmt.Errorf("index: get %s: %w", id, err)
	}
	if doc == nil {
		return Entry{}, fmt.Errorf("%w: %q", ErrNoID, id)
	}
	return entryOf(id, doc)
}

// Scan calls fn with every stored entry, each once, in the index's own
// order (not by ID), and stops at fn's first error, which it returns.
// Unlike [Index.IDs] then [Index.Get], it reads each article's stored
// fields once: listing the IDs in order reads them all again per page.
func (ix *Index) Scan(fn func(Entry) error) (err error) {
	defer ix.guard(&err)
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return fmt.Errorf("index: scan: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return fmt.Errorf("index: scan: %w", err)
	}
	defer r.Close()
	all, err := r.DocIDReaderAll()
	if err != nil {
		return fmt.Errorf("index: scan: %w", err)
	}
	defer all.Close()
	for {
		iid, err := all.Next()
		if err != nil {
			return fmt.Errorf("index: scan: %w", err)
		}
		if iid == nil {
			return nil
		}
		id, err := r.ExternalID(iid)
		if err != nil {
			return fmt.Errorf("index: scan: %w", err)
		}
		doc, err := r.Document(id)
		if err != nil {
			return fmt.Errorf("index: scan %s: %w", id, err)
		}
		if doc == nil {
			return fmt.Errorf("index: scan: %w: %q listed but not stored", ErrCorrupt, id)
		}
		e, err := entryOf(id, doc)
		if err != nil {
			return err
		}
		if err := fn(e); err != nil {
			return err
		}
	}
}

// entryOf decodes the stored fields of the document id.
func entryOf(id string, doc bindex.Document) (Entry, error) {
	e := Entry{Article: corpus.Article{ID: id}}
	var ferr error
	doc.VisitFields(func(f bindex.Field) {
		a := &e.Article
		switch f.Name() {
		case "text":
			a.Text = string(f.Value())
		case "title":
			a.Title = string(f.Value())
		case "outlet":
			a.Outlet = string(f.Value())
		case "byline":
			a.Byline = string(f.Value())
		case "title_derived":
			a.DerivedTitle = string(f.Value())
		case "city":
			a.City = string(f.Value())
		case "edition":
			a.Edition = string(f.Value())
		case "url":
			a.URL = string(f.Value())
		case "origin":
			a.Origin = string(f.Value())
		case "published":
			if df, ok := f.(*document.DateTimeField); ok && a.Published.IsZero() {
				t, _, err := df.DateTime()
				if err == nil {
					a.Published = t
				}
			}
		case "date_in_text":
			a.DateInText = string(f.Value()) == "true"
		case "published_text":
			if t, ok := parsePublishedText(string(f.Value())); ok {
				a.Published = t
			}
		case "furniture":
			if len(f.Value()) == 0 {
				return
			}
			if err := json.Unmarshal(f.Value(), &a.Furniture); err != nil {
				ferr = fmt.Errorf("index: %s: corrupt furniture: %w", id, err)
			}
		case "feat":
			b, err := decodeFeatures(f.Value())
			if err != nil {
				ferr = fmt.Errorf("index: %s: %w", id, err)
			}
			e.Features = b
		case "sig":
			sig, err := decodeSig(string(f.Value()))
			if err != nil {
				ferr = fmt.Errorf("index: %s: %w", id, err)
			}
			e.Signature = sig
		}
	})
	return e, ferr
}

// Has reports whether id is in the index.
func (ix *Index) Has(id string) (_ bool, err error) {
	defer ix.guard(&err)
	doc, err := ix.bleve.Document(id)
	if err != nil {
		return false, err
	}
	return doc != nil, nil
}

// IDs returns every article ID in the index, sorted. It walks bleve's
// list of documents once (linear in the articles, where paging a sorted
// match-all search costs a pass over every article for each page).
func (ix *Index) IDs() (_ []string, err error) {
	defer ix.guard(&err)
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return nil, fmt.Errorf("index: list ids: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("index: list ids: %w", err)
	}
	defer r.Close()
	all, err := r.DocIDReaderAll()
	if err != nil {
		return nil, fmt.Errorf("index: list ids: %w", err)
	}
	defer all.Close()
	var ids []string
	for {
		iid, err := all.Next()
		if err != nil {
			return nil, fmt.Errorf("index: list ids: %w", err)
		}
		if iid == nil {
			break
		}
		id, err := r.ExternalID(iid)
		if err != nil {
			return nil, fmt.Errorf("index: list ids: %w", err)
		}
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids, nil
}

// DocFreq returns how many articles contain the analyzed term in field.
func (ix *Index) DocFreq(field, term string) (_ int, err error) {
	defer ix.guard(&err)
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return 0, err
	}
	r, err := adv.Reader()
	if err != nil {
		return 0, err
	}
	defer r.Close()
	tfr, err := r.TermFieldReader(context.Background(), []byte(term), field, false, false, false)
	if err != nil {
		return 0, err
	}
	defer tfr.Close()
	return int(tfr.Count()), nil
}

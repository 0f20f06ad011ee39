package index

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/similarity"
)

// FormatVersion is the on-disk format this package writes and reads.
// Format 1 (without city, edition, the derived title and the publication
// time as read) is still read, read-only.
const FormatVersion = 2

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
	meta     Meta
	bleve    bleve.Index
	lock     *os.File
	readOnly bool
}

// Options for [Open].
type Options struct {
	// Create makes a new index when dir holds none; without it a missing
	// index is ErrNotFound.
	Create bool
	// ReadOnly takes a shared lock and refuses writes.
	ReadOnly bool
	// Meta is the caller's signing parameters. For a new index they are
	// stored; for an existing one they must match ([ErrMismatch]). A zero
	// Meta accepts whatever the index holds (readers).
	Meta Meta
}

// Open opens (or, with Create, creates) the index in dir.
func Open(dir string, opt Options) (*Index, error) {
	if opt.ReadOnly && opt.Create {
		return nil, errors.New("index: Create and ReadOnly are exclusive")
	}
	metaPath := filepath.Join(dir, "wirediff.json")
	_, statErr := os.Stat(metaPath)
	exists := statErr == nil
	if !exists {
		if !opt.Create {
			return nil, fmt.Errorf("%w in %s (run 'wirediff index' or 'wirediff dedup' first)", ErrNotFound, dir)
		}
		if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
			return nil, fmt.Errorf("index: %s exists and is not a wirediff index (no wirediff.json); refusing to write into it", dir)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("index: %w", err)
		}
	}
	lock, err := takeLock(dir, opt.ReadOnly)
	if err != nil {
		return nil, err
	}
	ix := &Index{dir: dir, lock: lock, readOnly: opt.ReadOnly}
	if err := ix.open(exists, opt); err != nil {
		lock.Close()
		return nil, err
	}
	return ix, nil
}

func (ix *Index) open(exists bool, opt Options) error {
	metaPath := filepath.Join(ix.dir, "wirediff.json")
	bdir := filepath.Join(ix.dir, "bleve")
	if !exists {
		ix.meta = opt.Meta
		ix.meta.Format = FormatVersion
		b, err := bleve.New(bdir, newMapping())
		if err != nil {
			return fmt.Errorf("index: create %s: %w", bdir, err)
		}
		ix.bleve = b
		data, _ := json.MarshalIndent(ix.meta, "", "  ")
		if err := writeFileAtomic(metaPath, append(data, '\n')); err != nil {
			b.Close()
			return fmt.Errorf("index: %w", err)
		}
		return nil
	}
	data, err := os.ReadFile(metaPath)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	if err := json.Unmarshal(data, &ix.meta); err != nil {
		return fmt.Errorf("index: %s is corrupt: %w", metaPath, err)
	}
	switch f := ix.meta.Format; {
	case f == FormatVersion:
	case f >= minReadFormat && f < FormatVersion && ix.readOnly:
	case f >= minReadFormat && f < FormatVersion:
		return fmt.Errorf("%w: %s has format %d, which stores no city, edition or derived title; this wirediff writes %d: rebuild the index (remove %s and index again)",
			ErrFormat, metaPath, f, FormatVersion, ix.dir)
	default:
		return fmt.Errorf("%w: %s has format %d, this wirediff reads %d", ErrFormat, metaPath, f, FormatVersion)
	}
	if opt.Meta != (Meta{}) {
		want := opt.Meta
		want.Format = FormatVersion
		if err := ix.meta.compatible(want); err != nil {
			return err
		}
	}
	var rc map[string]interface{}
	if ix.readOnly {
		rc = map[string]interface{}{"read_only": true}
	}
	b, err := bleve.OpenUsing(bdir, rc)
	if err != nil {
		return fmt.Errorf("index: open %s: %w", bdir, err)
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
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func newMapping() mapping.IndexMapping {
	text := bleve.NewTextFieldMapping()
	text.Analyzer = en.AnalyzerName
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
	im.DefaultAnalyzer = en.AnalyzerName
	return im
}

// Meta returns the parameters the index was built with.
func (ix *Index) Meta() Meta { return ix.meta }

// Dir returns the index directory.
func (ix *Index) Dir() string { return ix.dir }

// Close closes the index and releases its lock.
func (ix *Index) Close() error {
	var err error
	if ix.bleve != nil {
		err = ix.bleve.Close()
	}
	if ix.lock != nil {
		if cerr := ix.lock.Close(); err == nil {
			err = cerr
		}
	}
	return err
}

// Count returns the number of articles in the index.
func (ix *Index) Count() (int, error) {
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
func (w *Writer) Flush() error {
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
func (ix *Index) Get(id string) (Entry, error) {
	doc, err := ix.bleve.Document(id)
	if err != nil {
		return Entry{}, fmt.Errorf("index: get %s: %w", id, err)
	}
	if doc == nil {
		return Entry{}, fmt.Errorf("%w: %q", ErrNoID, id)
	}
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
func (ix *Index) Has(id string) (bool, error) {
	doc, err := ix.bleve.Document(id)
	if err != nil {
		return false, err
	}
	return doc != nil, nil
}

// idsPage is how many IDs [Index.IDs] asks bleve for at once.
var idsPage = 10000

// IDs returns every article ID in the index, sorted.
func (ix *Index) IDs() ([]string, error) {
	var ids []string
	// Page by the last ID seen (search-after), not by offset: an offset
	// page costs a heap of offset+page hits, so listing a million
	// articles by offset would be quadratic.
	page := idsPage
	var after []string
	for {
		req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), page, 0, false)
		req.SortBy([]string{"_id"})
		req.SearchAfter = after
		res, err := ix.bleve.Search(req)
		if err != nil {
			return nil, fmt.Errorf("index: list ids: %w", err)
		}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		if len(res.Hits) < page {
			return ids, nil
		}
		after = []string{ids[len(ids)-1]}
	}
}

// DocFreq returns how many articles contain the analyzed term in field.
func (ix *Index) DocFreq(field, term string) (int, error) {
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return 0, err
	}
	r, err := adv.Reader()
	if err != nil {
		return 0, err
	}
	defer r.Close()
	tfr, err := r.TermFieldReader(nil, []byte(term), field, false, false, false)
	if err != nil {
		return 0, err
	}
	defer tfr.Close()
	return int(tfr.Count()), nil
}

package index

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/similarity"
)

// LikeText is the text of a's more-like-this query ([Like].Text): its
// title and body, without the furniture.
func LikeText(a *corpus.Article) string {
	var body strings.Builder
	body.WriteString(a.Title)
	for _, sp := range a.Body() {
		body.WriteString("\n")
		body.WriteString(a.Text[sp.Start:sp.End])
	}
	return body.String()
}

// The fields behind an incremental run: "feat" stores [Entry].Features,
// "lsh" indexes the article's LSH band keys (one keyword term per band,
// not stored), so that the articles sharing a band with a new one are a
// term lookup away instead of a pass over every signature.
const (
	featField = "feat"
	lshField  = "lsh"
)

func addFeatureMappings(dm *mapping.DocumentMapping, stored *mapping.FieldMapping) {
	dm.AddFieldMappingsAt(featField, stored)
	lsh := bleve.NewKeywordFieldMapping()
	lsh.Analyzer = keyword.Name
	lsh.Store = false
	lsh.IncludeInAll = false
	lsh.IncludeTermVectors = false
	lsh.DocValues = false
	dm.AddFieldMappingsAt(lshField, lsh)
}

// HasFeatures reports whether the index stores features and indexes band
// keys: indexes created before those fields existed do not, and the
// articles added to them do not get them either.
func (ix *Index) HasFeatures() bool {
	im, ok := ix.bleve.Mapping().(*mapping.IndexMappingImpl)
	if !ok || im.DefaultMapping == nil {
		return false
	}
	_, f := im.DefaultMapping.Properties[featField]
	_, l := im.DefaultMapping.Properties[lshField]
	return f && l
}

func encodeFeatures(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return base64.StdEncoding.EncodeToString(b)
}

func decodeFeatures(v []byte) ([]byte, error) {
	if len(v) == 0 {
		return nil, nil
	}
	b := make([]byte, base64.StdEncoding.DecodedLen(len(v)))
	n, err := base64.StdEncoding.Decode(b, v)
	if err != nil {
		return nil, fmt.Errorf("corrupt features: %w", err)
	}
	return b[:n], nil
}

// bandTerms are the terms of sig's band keys under the index's bands.
func (ix *Index) bandTerms(sig similarity.Signature) []string {
	if len(sig) == 0 || ix.meta.Bands < 1 {
		return nil
	}
	keys := similarity.Bands{B: ix.meta.Bands, R: ix.meta.Rows}.AppendKeys(nil, sig)
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = strconv.FormatUint(k, 36)
	}
	return out
}

// Bucketmates returns the IDs of the articles that share an LSH band key
// with sig (in no particular order, each once), as the LSH candidates of
// a batch run would pair them: a band key held by more than maxBucket
// articles (0 = no cap) pairs none and is counted in skipped.
func (ix *Index) Bucketmates(sig similarity.Signature, maxBucket int) (ids []string, skipped int, err error) {
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return nil, 0, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, 0, err
	}
	defer r.Close()
	seen := map[string]bool{}
	for _, t := range ix.bandTerms(sig) {
		tfr, err := r.TermFieldReader(context.Background(), []byte(t), lshField, false, false, false)
		if err != nil {
			return nil, 0, fmt.Errorf("index: band %s: %w", t, err)
		}
		if maxBucket > 0 && int(tfr.Count()) > maxBucket {
			skipped++
			tfr.Close()
			continue
		}
		for d, err := tfr.Next(nil); d != nil || err != nil; d, err = tfr.Next(nil) {
			if err != nil {
				tfr.Close()
				return nil, 0, fmt.Errorf("index: band %s: %w", t, err)
			}
			id, err := r.ExternalID(d.ID)
			if err != nil {
				tfr.Close()
				return nil, 0, fmt.Errorf("index: band %s: %w", t, err)
			}
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
		tfr.Close()
	}
	return ids, skipped, nil
}

// WriteState replaces the state file DIR/name (a caller's record kept
// with the index, such as the document frequencies of the last grouping)
// atomically: a reader sees the old content or the new, never a part.
func (ix *Index) WriteState(name string, data []byte) error {
	if ix.readOnly {
		return ErrReadOnly
	}
	if err := checkStateName(name); err != nil {
		return err
	}
	return ix.WriteStateWith(name, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteStateWith replaces the state file DIR/name as WriteState does,
// with what fill writes (through a buffer): a large state file need not
// be held in memory whole.
func (ix *Index) WriteStateWith(name string, fill func(w io.Writer) error) error {
	if ix.readOnly {
		return ErrReadOnly
	}
	if err := checkStateName(name); err != nil {
		return err
	}
	if err := writeAtomic(filepath.Join(ix.dir, name), fill); err != nil {
		return fmt.Errorf("index: write %s: %w", name, err)
	}
	return nil
}

// ReadState returns the state file DIR/name, or nil and no error when
// there is none.
func (ix *Index) ReadState(name string) ([]byte, error) { return ix.readState(name, -1) }

// ReadStateHead returns the first n bytes of the state file DIR/name
// (all of it when it is shorter), or nil and no error when there is
// none: what a caller checks before it reads a large file whole.
func (ix *Index) ReadStateHead(name string, n int) ([]byte, error) { return ix.readState(name, n) }

// readState reads the first n bytes of the state file DIR/name, all of
// it when n < 0. A state file is replaced whole (by rename), never
// changed in place, so its size is known when it is opened.
func (ix *Index) readState(name string, n int) ([]byte, error) {
	if err := checkStateName(name); err != nil {
		return nil, err
	}
	f, err := os.Open(filepath.Join(ix.dir, name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	if size := int(st.Size()); n < 0 || n > size {
		n = size
	}
	b := make([]byte, n)
	k, err := io.ReadFull(f, b)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("index: %w", err)
	}
	return b[:k], nil
}

// RemoveState removes the state file DIR/name, if any.
func (ix *Index) RemoveState(name string) error {
	if ix.readOnly {
		return ErrReadOnly
	}
	if err := checkStateName(name); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(ix.dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("index: %w", err)
	}
	return nil
}

// reserved are the index's own files, which no state file may replace.
var reserved = map[string]bool{"wirediff.json": true, "bleve": true, "groups.tsv": true, "LOCK": true, "CURRENT": true, "snapshots": true, creatingFile: true, writingFile: true, "bleve.restore": true}

func checkStateName(name string) error {
	if name == "" || name != filepath.Base(name) || name[0] == '.' || reserved[name] || filepath.Ext(name) == ".tmp" {
		return fmt.Errorf("index: %q is not a state file name", name)
	}
	return nil
}

// GroupsDigest is the SHA-256 of DIR/groups.tsv as it is now (zero when
// there is none): a state file records it to know which grouping it
// goes with.
func (ix *Index) GroupsDigest() ([32]byte, error) {
	ix.written.Lock()
	defer ix.written.Unlock()
	if ix.written.ok { // this writer wrote it, holding the lock since
		return ix.written.sum, nil
	}
	b, err := os.ReadFile(filepath.Join(ix.dir, "groups.tsv"))
	if errors.Is(err, fs.ErrNotExist) {
		return [32]byte{}, nil
	}
	if err != nil {
		return [32]byte{}, fmt.Errorf("index: %w", err)
	}
	return sha256.Sum256(b), nil
}

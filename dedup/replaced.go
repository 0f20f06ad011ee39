package dedup

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/index"
)

// replacedFile lists the grouped articles that a run which does not
// regroup ([Load], an InputOnly [Run]) replaced in the index with another
// version, each with the features of the version the groups and the
// document frequencies count. The next incremental run regroups them as
// it regroups an article it reads in another version ([Update]); a full
// run, which counts and groups everything afresh, removes the file.
const replacedFile = "replaced.bin"

// replacedSet is what replaced.bin holds.
//
// Layout, version 1 (integers are unsigned varints unless stated):
//
//	"WDR"      3 bytes, magic
//	version    1 byte, 1
//	complete   1 byte: 1, or 0 while a run that may replace more is
//	           writing the index (a run stopped then leaves 0, and the
//	           next grouping run is a full regroup)
//	digest     32 bytes: SHA-256 of the groups.tsv the articles are in
//	n          articles, then per article by increasing ID: the length
//	           of its ID, the ID, the length of its features, the
//	           features ([AppendFeatures])
type replacedSet struct {
	digest   [32]byte
	complete bool
	feats    map[string][]byte
}

const (
	replacedMagic   = "WDR"
	replacedVersion = 1
)

func (s *replacedSet) encode() []byte {
	b := append([]byte(replacedMagic), replacedVersion, 0)
	if s.complete {
		b[len(b)-1] = 1
	}
	b = append(b, s.digest[:]...)
	b = binary.AppendUvarint(b, uint64(len(s.feats)))
	for _, id := range slices.Sorted(maps.Keys(s.feats)) {
		b = binary.AppendUvarint(b, uint64(len(id)))
		b = append(b, id...)
		f := s.feats[id]
		b = binary.AppendUvarint(b, uint64(len(f)))
		b = append(b, f...)
	}
	return b
}

func decodeReplaced(b []byte) (*replacedSet, error) {
	bad := func(what string) error { return damaged(replacedFile, what) }
	if len(b) < 5+32 || !bytes.Equal(b[:3], []byte(replacedMagic)) || b[3] != replacedVersion || b[4] > 1 {
		return nil, bad("not a list of replaced articles of a known version")
	}
	s := &replacedSet{complete: b[4] == 1}
	copy(s.digest[:], b[5:37])
	b = b[37:]
	field := func() ([]byte, bool) {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)-k) {
			return nil, false
		}
		f := b[k : k+int(n)]
		b = b[k+int(n):]
		return f, true
	}
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)) {
		return nil, bad("truncated header")
	}
	b = b[k:]
	s.feats = make(map[string][]byte, n)
	prev := ""
	for i := uint64(0); i < n; i++ {
		id, ok := field()
		f, ok2 := field()
		if !ok || !ok2 || len(id) == 0 || (i > 0 && string(id) <= prev) {
			return nil, bad(fmt.Sprintf("article %d of %d malformed", i+1, n))
		}
		prev = string(id)
		s.feats[prev] = bytes.Clone(f)
	}
	if len(b) != 0 {
		return nil, bad("trailing bytes")
	}
	return s, nil
}

// readReplaced returns what the index's replaced.bin lists, nil when it
// has none.
func readReplaced(ix *index.Index) (*replacedSet, error) {
	b, err := ix.ReadState(replacedFile)
	if err != nil || b == nil {
		return nil, err
	}
	return decodeReplaced(b)
}

// replacer records, for a run that indexes articles without regrouping
// them, the grouped articles it replaces with another version (see
// [replacedFile]). Its methods are called from one goroutine; a nil
// replacer records nothing.
type replacer struct {
	ix      *index.Index
	g       *index.Grouping
	scheme  *Scheme
	set     *replacedSet
	written bool // replaced.bin says complete = 0
}

// newReplacer returns the replacer of a run over opt.Index, nil when
// there is nothing to record: no groups, or a list the next run will not
// trust anyway (left incomplete, written for other groups, or damaged),
// which is then left as it is.
func newReplacer(opt *Options) (*replacer, error) {
	s, err := opt.scheme()
	if err != nil {
		return nil, err
	}
	ix := opt.Index
	g, err := ix.Grouping()
	if errors.Is(err, index.ErrGroupsDamaged) {
		return nil, nil // the next run regroups the whole index
	}
	if err != nil {
		return nil, err
	}
	if g.Len() == 0 {
		return nil, nil
	}
	set, err := extendReplaced(ix, g.Digest())
	if errors.Is(err, errDamagedState) {
		return nil, nil // the next run does not trust it either
	}
	if err != nil || set == nil {
		return nil, err
	}
	return &replacer{ix: ix, g: g, scheme: s, set: set}, nil
}

// extendReplaced returns the list of replaced articles to add to for the
// groups of digest d: the index's, or a new one when it has none; nil
// when its list will not be trusted anyway (left incomplete, or written
// for other groups), which is then left as it is.
func extendReplaced(ix *index.Index, d [32]byte) (*replacedSet, error) {
	set, err := readReplaced(ix)
	if err != nil {
		return nil, err
	}
	switch {
	case set == nil:
		return &replacedSet{digest: d, complete: true, feats: map[string][]byte{}}, nil
	case !set.complete || set.digest != d:
		return nil, nil
	}
	return set, nil
}

// check records a, read to replace the article the index holds under its
// ID, when the groups hold that article and a is another version of it
// (in any field but Origin). The first version replaced is the one
// recorded: the groups and the document frequencies count it. It writes
// replaced.bin, marked incomplete, before the first replacement reaches
// the index.
func (r *replacer) check(a *corpus.Article) error {
	if r == nil {
		return nil
	}
	if _, ok := r.g.Assignment(a.ID); !ok {
		return nil
	}
	if _, ok := r.set.feats[a.ID]; ok {
		return nil
	}
	old, err := r.ix.Get(a.ID)
	if errors.Is(err, index.ErrNoID) {
		return nil // grouped but not indexed: the next run's count sees it
	}
	if err != nil {
		return fmt.Errorf("dedup: %w", err)
	}
	if sameArticle(&old.Article, a) {
		return nil
	}
	feat := old.Features
	if feat == nil {
		// Indexed without features: the run that grouped it counted
		// those of its text.
		d := r.scheme.NewFeaturizer().Doc(&old.Article)
		if feat, err = AppendFeatures(nil, &d); err != nil {
			return fmt.Errorf("dedup: features of %s: %w", a.ID, err)
		}
	}
	r.set.feats[a.ID] = feat
	if !r.written {
		r.set.complete = false
		if err := r.ix.WriteState(replacedFile, r.set.encode()); err != nil {
			return err
		}
		r.written = true
	}
	return nil
}

// commit writes the complete list, once every article the run read is
// in the index.
func (r *replacer) commit() error {
	if r == nil || !r.written {
		return nil
	}
	r.set.complete = true
	return r.ix.WriteState(replacedFile, r.set.encode())
}

// docs returns the features of the articles set lists, parsed.
func (s *replacedSet) docs() (map[string]*cluster.Doc, error) {
	out := make(map[string]*cluster.Doc, len(s.feats))
	for id, f := range s.feats {
		d, err := parseCounted(f)
		if err != nil {
			return nil, fmt.Errorf("dedup: %s: features of %s: %w", replacedFile, id, err)
		}
		out[id] = &d
	}
	return out, nil
}

package dedup

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/similarity"
)

// The features of one article ([cluster.Doc]) as they cross a process or
// machine boundary: a shuffle of a distributed engine, a file of
// features kept between runs.
//
// Layout, version 2. All integers are unsigned varints (encoding/binary
// Uvarint, in their shortest form) unless stated; a string is its length then its bytes; a set is
// its length then its members in increasing order, the first as it is and
// each later one as its difference from the one before (always ≥ 1).
//
//	"WDF"            3 bytes, magic
//	version          1 byte, 2
//	ID               string, not empty
//	Outlet           string
//	published        1 byte: 0 when unknown, 1 when known, then
//	                   seconds   8 bytes, little-endian int64 (Unix)
//	                   nanos     varint, < 1e9
//	Tokens           varint
//	Shingles         set of uint32
//	Sig              length, then each value 4 bytes little-endian
//	Terms            length, then per term its ID as in a set (increasing,
//	                   as a difference) and its weight, 4 bytes
//	                   little-endian IEEE 754 float32 (raw counts before
//	                   weighing, TF-IDF after: see [Weigh])
//	Names            set of uint64 (a number's hash with its top bit set,
//	                   a name's with it clear: see [cluster.Doc].Names)
//	Quotes           set of uint64
//	Passages         set of uint32
//	Days             1 byte, bits 0-6
//
// Nothing follows. Version 1 had the same layout with every Names hash
// as it came: its numbers cannot be told from its names. [ParseFeatures]
// refuses any other magic or version with [ErrFeatureVersion] (the caller
// computes the features again from the article's text), and a record that
// breaks the layout (short, too long, a set out of order, a count beyond
// the bytes left) with [ErrBadFeatures]; it never panics. A new field or
// encoding means a new version.
const (
	featuresMagic   = "WDF"
	FeaturesVersion = 2
)

var (
	// ErrFeatureVersion is a features record of another format or version.
	ErrFeatureVersion = errors.New("dedup: not features of a known version")
	// ErrBadFeatures is a features record that breaks its layout.
	ErrBadFeatures = errors.New("dedup: malformed features")
)

// AppendFeatures appends the encoding of d to dst. It fails when d
// cannot be decoded again as it is: an empty ID, or a set (Shingles,
// Terms, Names, Quotes, Passages) that is not strictly increasing, as
// [cluster.Featurizer] makes them.
func AppendFeatures(dst []byte, d *cluster.Doc) ([]byte, error) {
	if d.ID == "" {
		return dst, errors.New("dedup: features without an ID")
	}
	if d.Days >= 1<<7 {
		return dst, fmt.Errorf("dedup: features of %s: days %#x beyond Sunday", d.ID, d.Days)
	}
	b := append(dst, featuresMagic...)
	b = append(b, FeaturesVersion)
	b = appendString(b, d.ID)
	b = appendString(b, d.Outlet)
	if d.Published.IsZero() {
		b = append(b, 0)
	} else {
		b = append(b, 1)
		b = binary.LittleEndian.AppendUint64(b, uint64(d.Published.Unix()))
		b = binary.AppendUvarint(b, uint64(d.Published.Nanosecond()))
	}
	b = binary.AppendUvarint(b, uint64(d.Tokens))
	var ok bool
	if b, ok = appendSet(b, d.Shingles); !ok {
		return dst, fmt.Errorf("dedup: features of %s: shingles not strictly increasing", d.ID)
	}
	b = binary.AppendUvarint(b, uint64(len(d.Sig)))
	for _, v := range d.Sig {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	b = binary.AppendUvarint(b, uint64(len(d.Terms)))
	for k, t := range d.Terms {
		delta := uint64(t.ID)
		if k > 0 {
			if t.ID <= d.Terms[k-1].ID {
				return dst, fmt.Errorf("dedup: features of %s: terms not strictly increasing", d.ID)
			}
			delta -= uint64(d.Terms[k-1].ID)
		}
		b = binary.AppendUvarint(b, delta)
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(t.W))
	}
	for _, set := range [][]uint64{d.Names, d.Quotes} {
		if b, ok = appendSet(b, set); !ok {
			return dst, fmt.Errorf("dedup: features of %s: names or quotes not strictly increasing", d.ID)
		}
	}
	if b, ok = appendSet(b, d.Passages); !ok {
		return dst, fmt.Errorf("dedup: features of %s: passages not strictly increasing", d.ID)
	}
	return append(b, d.Days), nil
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func appendSet[T uint32 | uint64](b []byte, set []T) ([]byte, bool) {
	b = binary.AppendUvarint(b, uint64(len(set)))
	for k, v := range set {
		delta := uint64(v)
		if k > 0 {
			if v <= set[k-1] {
				return b, false
			}
			delta -= uint64(set[k-1])
		}
		b = binary.AppendUvarint(b, delta)
	}
	return b, true
}

// ParseFeatures decodes one record written by [AppendFeatures]. Empty
// sets decode as nil; a known publication time decodes in UTC.
func ParseFeatures(data []byte) (cluster.Doc, error) {
	return parseFeatures(data, FeaturesVersion)
}

// storedFeatures returns the features data an index stores for article
// a, or computes them from a's text with the featurizer newF returns when
// the index stores none or those of another version (an earlier
// release's: see [FeaturesVersion]); again reports the latter.
func storedFeatures(data []byte, a *corpus.Article, newF func() *cluster.Featurizer) (d cluster.Doc, again bool, err error) {
	if data != nil {
		d, err = ParseFeatures(data)
		if !errors.Is(err, ErrFeatureVersion) {
			if err != nil {
				err = fmt.Errorf("dedup: features of %s stored in the index: %w", a.ID, err)
			}
			return d, false, err
		}
	}
	return newF().Doc(a), true, nil
}

// parseCounted decodes a record of version 1 or 2 for its term counts
// alone (see [DocFreqs]), which version 2 did not change: the features
// an index stores for the articles an earlier grouping counted.
func parseCounted(data []byte) (cluster.Doc, error) {
	return parseFeatures(data, 1)
}

// parseFeatures decodes a record of a version from oldest to
// FeaturesVersion.
func parseFeatures(data []byte, oldest byte) (cluster.Doc, error) {
	var d cluster.Doc
	if len(data) < len(featuresMagic)+1 || string(data[:len(featuresMagic)]) != featuresMagic {
		return d, ErrFeatureVersion
	}
	if v := data[len(featuresMagic)]; v < oldest || v > FeaturesVersion {
		return d, fmt.Errorf("%w: version %d, want %d", ErrFeatureVersion, v, FeaturesVersion)
	}
	r := reader{b: data[len(featuresMagic)+1:]}
	d.ID = r.string()
	if r.err == nil && d.ID == "" {
		r.fail("empty ID")
	}
	d.Outlet = r.string()
	switch r.byte() {
	case 0:
	case 1:
		sec := int64(r.uint64LE())
		ns := r.uvarint()
		if ns >= 1e9 {
			r.fail("nanoseconds out of range")
		}
		d.Published = time.Unix(sec, int64(ns)).UTC()
		if d.Published.IsZero() {
			r.fail("a known publication time at the zero time")
		}
	default:
		r.fail("bad publication flag")
	}
	d.Tokens = r.int()
	d.Shingles = readSet[uint32](&r)
	if n := r.count(4); n > 0 {
		d.Sig = make(similarity.Signature, n)
		for k := range d.Sig {
			d.Sig[k] = r.uint32LE()
		}
	}
	if n := r.count(5); n > 0 {
		d.Terms = make([]cluster.Term, n)
		var id uint64
		for k := range d.Terms {
			id = r.next(id, k, math.MaxUint32)
			d.Terms[k] = cluster.Term{ID: cluster.TermID(id), W: math.Float32frombits(r.uint32LE())}
		}
	}
	d.Names = readSet[uint64](&r)
	d.Quotes = readSet[uint64](&r)
	d.Passages = readSet[uint32](&r)
	d.Days = r.byte()
	if r.err == nil && d.Days >= 1<<7 {
		r.fail("days beyond Sunday")
	}
	if r.err == nil && len(r.b) > 0 {
		r.fail(fmt.Sprintf("%d bytes after the record", len(r.b)))
	}
	if r.err != nil {
		return cluster.Doc{}, r.err
	}
	return d, nil
}

// reader decodes a record, keeping the first error.
type reader struct {
	b   []byte
	err error
}

func (r *reader) fail(msg string) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: %s", ErrBadFeatures, msg)
	}
	r.b = nil
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 || n > 1 && r.b[n-1] == 0 { // short, too long, or not in its shortest form
		r.fail("bad varint")
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) int() int {
	v := r.uvarint()
	if v > math.MaxInt32 {
		r.fail("count out of range")
		return 0
	}
	return int(v)
}

// count reads a length of items of at least min bytes each, refusing one
// the bytes left cannot hold.
func (r *reader) count(min int) int {
	n := r.int()
	if n > len(r.b)/min {
		r.fail("count beyond the record")
		return 0
	}
	return n
}

func (r *reader) string() string {
	n := r.count(1)
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *reader) byte() byte {
	if r.err != nil {
		return 0
	}
	if len(r.b) < 1 {
		r.fail("short record")
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *reader) uint32LE() uint32 {
	if r.err != nil {
		return 0
	}
	if len(r.b) < 4 {
		r.fail("short record")
		return 0
	}
	v := binary.LittleEndian.Uint32(r.b)
	r.b = r.b[4:]
	return v
}

func (r *reader) uint64LE() uint64 {
	if r.err != nil {
		return 0
	}
	if len(r.b) < 8 {
		r.fail("short record")
		return 0
	}
	v := binary.LittleEndian.Uint64(r.b)
	r.b = r.b[8:]
	return v
}

// next reads the k-th member of a set whose member before is prev.
func (r *reader) next(prev uint64, k int, max uint64) uint64 {
	d := r.uvarint()
	if k == 0 {
		prev = 0
	} else if d == 0 {
		r.fail("set not strictly increasing")
		return prev
	}
	if d > max-prev {
		r.fail("set member out of range")
		return prev
	}
	return prev + d
}

func readSet[T uint32 | uint64](r *reader) []T {
	n := r.count(1)
	if n == 0 {
		return nil
	}
	out := make([]T, n)
	var v uint64
	for k := range out {
		v = r.next(v, k, uint64(^T(0)))
		out[k] = T(v)
	}
	return out
}

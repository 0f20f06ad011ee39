package beam

import (
	"encoding/binary"
	"errors"
	"fmt"
	"reflect"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/listing"
)

// The elements that cross a shuffle are coded by hand: compact varints
// and raw float bits, so that a feature vector decodes to exactly the
// floats it was built with.

func init() {
	beam.RegisterCoder(reflect.TypeOf(corpus.Article{}), encodeArticle, decodeArticle)
	beam.RegisterCoder(reflect.TypeOf(node{}), encodeNode, decodeNode)
}

// node is one article's features as the pipeline carries them: its Doc
// (raw term counts until weighed) and, once known, the IDs of its shared
// neighbours (sorted, itself included).
type node struct {
	Doc cluster.Doc
	NN  []string
}

type enc struct{ b []byte }

func (e *enc) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *enc) varint(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *enc) str(s string)     { e.uvarint(uint64(len(s))); e.b = append(e.b, s...) }
func (e *enc) time(t time.Time) {
	if t.IsZero() {
		e.b = append(e.b, 0)
		return
	}
	_, off := t.Zone()
	if t.Location() == corpus.NoZone { // printed without a zone
		e.b = append(e.b, 2)
	} else {
		e.b = append(e.b, 1)
	}
	e.varint(t.Unix())
	e.varint(int64(t.Nanosecond()))
	e.varint(int64(off))
}
func (e *enc) strs(xs []string) {
	e.uvarint(uint64(len(xs)))
	for _, x := range xs {
		e.str(x)
	}
}

var errShort = errors.New("truncated element")

type dec struct {
	b   []byte
	err error
}

func (d *dec) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) fail() {
	if d.err == nil {
		d.err = errShort
	}
	d.b = nil
}

func (d *dec) bytes(n uint64) []byte {
	if n > uint64(len(d.b)) {
		d.fail()
		return nil
	}
	out := d.b[:n]
	d.b = d.b[n:]
	return out
}

func (d *dec) str() string { return string(d.bytes(d.uvarint())) }

func (d *dec) time() time.Time {
	flag := d.bytes(1)
	if len(flag) == 0 || flag[0] == 0 {
		return time.Time{}
	}
	sec, nsec, off := d.varint(), d.varint(), d.varint()
	t := time.Unix(sec, nsec)
	if flag[0] == 2 {
		return t.In(corpus.NoZone)
	}
	if off == 0 {
		return t.UTC()
	}
	return t.In(time.FixedZone("", int(off)))
}

func (d *dec) strs() []string {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail()
		return nil
	}
	var out []string
	for range n {
		out = append(out, d.str())
	}
	return out
}

func encodeArticle(a corpus.Article) []byte {
	var e enc
	for _, s := range []string{a.ID, a.Outlet, a.Title, a.DerivedTitle, a.Byline, a.City, a.Edition, a.URL, a.Text, a.Origin} {
		e.str(s)
	}
	e.time(a.Published)
	if a.DateInText {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
	e.uvarint(uint64(len(a.Furniture)))
	for _, f := range a.Furniture {
		e.uvarint(uint64(f.Start))
		e.uvarint(uint64(f.End))
	}
	return e.b
}

func decodeArticle(b []byte) (corpus.Article, error) {
	d := dec{b: b}
	var a corpus.Article
	for _, p := range []*string{&a.ID, &a.Outlet, &a.Title, &a.DerivedTitle, &a.Byline, &a.City, &a.Edition, &a.URL, &a.Text, &a.Origin} {
		*p = d.str()
	}
	a.Published = d.time()
	if b := d.bytes(1); len(b) == 1 {
		a.DateInText = b[0] == 1
	}
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail()
	}
	for range n {
		if d.err != nil {
			break
		}
		a.Furniture = append(a.Furniture, corpus.Span{Start: int(d.uvarint()), End: int(d.uvarint())})
	}
	if d.err != nil {
		return a, fmt.Errorf("decoding an article: %w", d.err)
	}
	return a, nil
}

// A node is its features in the versioned encoding of package dedup,
// then its neighbour list.
func encodeNode(n node) ([]byte, error) {
	f, err := dedup.AppendFeatures(nil, &n.Doc)
	if err != nil {
		return nil, err
	}
	e := enc{b: binary.AppendUvarint(make([]byte, 0, len(f)+binary.MaxVarintLen64+16*len(n.NN)), uint64(len(f)))}
	e.b = append(e.b, f...)
	e.strs(n.NN)
	return e.b, nil
}

func decodeNode(b []byte) (node, error) {
	d := dec{b: b}
	f := d.bytes(d.uvarint())
	if d.err != nil {
		return node{}, fmt.Errorf("decoding features: %w", d.err)
	}
	doc, err := dedup.ParseFeatures(f)
	if err != nil {
		return node{}, err
	}
	n := node{Doc: doc, NN: d.strs()}
	if d.err != nil {
		return n, fmt.Errorf("decoding the neighbours of %q: %w", doc.ID, d.err)
	}
	return n, nil
}

func encodeMember(m listing.Member) []byte {
	var e enc
	a := m.Article
	for _, s := range []string{a.ID, a.Outlet, a.Published, a.Title, a.Byline, a.City, a.Edition, a.URL, a.Origin, m.Group, m.Groups.Copy, m.Groups.Rewrite, m.Groups.Story} {
		e.str(s)
	}
	var derived uint64
	if a.TitleDerived {
		derived = 1
	}
	e.uvarint(derived)
	e.uvarint(uint64(m.GroupSize))
	return e.b
}

func decodeMember(b []byte) (listing.Member, error) {
	d := dec{b: b}
	var m listing.Member
	a := &m.Article
	for _, p := range []*string{&a.ID, &a.Outlet, &a.Published, &a.Title, &a.Byline, &a.City, &a.Edition, &a.URL, &a.Origin, &m.Group, &m.Groups.Copy, &m.Groups.Rewrite, &m.Groups.Story} {
		*p = d.str()
	}
	a.TitleDerived = d.uvarint() == 1
	m.GroupSize = int(d.uvarint())
	if d.err != nil {
		return m, fmt.Errorf("decoding a listed article: %w", d.err)
	}
	return m, nil
}

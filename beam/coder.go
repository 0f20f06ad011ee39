package beam

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"reflect"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/similarity"
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
	e.b = append(e.b, 1)
	e.varint(t.Unix())
	e.varint(int64(t.Nanosecond()))
	e.varint(int64(off))
}
func (e *enc) u32s(xs []uint32) {
	e.uvarint(uint64(len(xs)))
	for _, x := range xs {
		e.b = binary.LittleEndian.AppendUint32(e.b, x)
	}
}
func (e *enc) u64s(xs []uint64) {
	e.uvarint(uint64(len(xs)))
	for _, x := range xs {
		e.b = binary.LittleEndian.AppendUint64(e.b, x)
	}
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
	if off == 0 {
		return t.UTC()
	}
	return t.In(time.FixedZone("", int(off)))
}

func (d *dec) u32s() []uint32 {
	n := d.uvarint()
	raw := d.bytes(n * 4)
	if raw == nil || n == 0 {
		return nil
	}
	out := make([]uint32, n)
	for i := range out {
		out[i] = binary.LittleEndian.Uint32(raw[4*i:])
	}
	return out
}

func (d *dec) u64s() []uint64 {
	n := d.uvarint()
	raw := d.bytes(n * 8)
	if raw == nil || n == 0 {
		return nil
	}
	out := make([]uint64, n)
	for i := range out {
		out[i] = binary.LittleEndian.Uint64(raw[8*i:])
	}
	return out
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
	for _, s := range []string{a.ID, a.Outlet, a.Title, a.Byline, a.URL, a.Text, a.Origin} {
		e.str(s)
	}
	e.time(a.Published)
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
	for _, p := range []*string{&a.ID, &a.Outlet, &a.Title, &a.Byline, &a.URL, &a.Text, &a.Origin} {
		*p = d.str()
	}
	a.Published = d.time()
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

func encodeNode(n node) []byte {
	var e enc
	doc := &n.Doc
	e.str(doc.ID)
	e.str(doc.Outlet)
	e.time(doc.Published)
	e.uvarint(uint64(doc.Tokens))
	e.u32s(doc.Shingles)
	e.u32s(doc.Sig)
	e.uvarint(uint64(len(doc.Terms)))
	for _, t := range doc.Terms {
		e.b = binary.LittleEndian.AppendUint32(e.b, uint32(t.ID))
		e.b = binary.LittleEndian.AppendUint32(e.b, math.Float32bits(t.W))
	}
	e.u64s(doc.Names)
	e.u64s(doc.Quotes)
	e.u32s(doc.Passages)
	e.b = append(e.b, doc.Days)
	e.strs(n.NN)
	return e.b
}

func decodeNode(b []byte) (node, error) {
	d := dec{b: b}
	var n node
	doc := &n.Doc
	doc.ID = d.str()
	doc.Outlet = d.str()
	doc.Published = d.time()
	doc.Tokens = int(d.uvarint())
	doc.Shingles = d.u32s()
	doc.Sig = similarity.Signature(d.u32s())
	nt := d.uvarint()
	raw := d.bytes(nt * 8)
	if nt > 0 && raw != nil {
		doc.Terms = make([]cluster.Term, nt)
		for i := range doc.Terms {
			doc.Terms[i] = cluster.Term{ID: cluster.TermID(binary.LittleEndian.Uint32(raw[8*i:])), W: math.Float32frombits(binary.LittleEndian.Uint32(raw[8*i+4:]))}
		}
	}
	doc.Names = d.u64s()
	doc.Quotes = d.u64s()
	doc.Passages = d.u32s()
	if days := d.bytes(1); len(days) == 1 {
		doc.Days = days[0]
	}
	n.NN = d.strs()
	if d.err != nil {
		return n, fmt.Errorf("decoding the features of %q: %w", doc.ID, d.err)
	}
	return n, nil
}

package beam

import (
	"context"
	"encoding/binary"
	"fmt"
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/similarity"
)

func init() {
	beam.RegisterType(reflect.TypeOf((*featurizeFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*dfFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*weighFn)(nil)).Elem())
	beam.RegisterCoder(reflect.TypeOf(dfTable(nil)), encodeDF, decodeDF)
	beam.RegisterFunction(termIDs)
	beam.RegisterFunction(countOne)
	beam.RegisterFunction(sumInts)
}

// The near-duplicate parameters of the wirediff command, which every
// index stores: word 3-shingles, the default MinHash signature and the
// bands tuned for a copy threshold of 0.5.
const (
	shingleSize   = 3
	copyThreshold = 0.5
)

// signing returns the MinHash signer and LSH bands of the wirediff command.
func signing() (*similarity.MinHasher, similarity.Bands, error) {
	h, err := similarity.NewMinHasher(similarity.DefaultNumHashes, similarity.DefaultSeed)
	if err != nil {
		return nil, similarity.Bands{}, err
	}
	b, err := similarity.OptimalBands(copyThreshold, similarity.DefaultNumHashes, 0.5, 1.0)
	return h, b, err
}

// featurizeFn turns each article into its features (raw term counts).
type featurizeFn struct {
	CopyOnly bool
	f        *cluster.Featurizer
}

func (fn *featurizeFn) Setup() error {
	h, b, err := signing()
	if err != nil {
		return err
	}
	fn.f = cluster.NewFeaturizer(shingleSize, h, b)
	return nil
}

func (fn *featurizeFn) ProcessElement(id string, a corpus.Article) (string, node) {
	if fn.CopyOnly {
		return id, node{Doc: fn.f.CopyOnly(&a)}
	}
	return id, node{Doc: fn.f.Doc(&a)}
}

func countOne(string, node) int { return 1 }
func sumInts(a, b int) int      { return a + b }

// termIDs lists the terms of a doc, for the document frequencies.
func termIDs(_ string, n node) []uint32 {
	out := make([]uint32, len(n.Doc.Terms))
	for i, t := range n.Doc.Terms {
		out[i] = uint32(t.ID)
	}
	return out
}

// dfTable maps a term to the number of the batch's articles holding it.
type dfTable map[uint32]int32

// dfFn counts document frequencies over the batch (a global combine).
type dfFn struct{}

func (dfFn) CreateAccumulator() dfTable { return dfTable{} }

func (dfFn) AddInput(acc dfTable, ids []uint32) dfTable {
	for _, id := range ids {
		acc[id]++
	}
	return acc
}

func (dfFn) MergeAccumulators(a, b dfTable) dfTable {
	if len(a) < len(b) {
		a, b = b, a
	}
	for id, n := range b {
		a[id] += n
	}
	return a
}

func encodeDF(t dfTable) []byte {
	b := make([]byte, 0, 10*len(t)+binary.MaxVarintLen64)
	b = binary.AppendUvarint(b, uint64(len(t)))
	for id, n := range t {
		b = binary.LittleEndian.AppendUint32(b, id)
		b = binary.AppendUvarint(b, uint64(n))
	}
	return b
}

func decodeDF(b []byte) (dfTable, error) {
	d := dec{b: b}
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		return nil, fmt.Errorf("decoding document frequencies: %w", errShort)
	}
	t := make(dfTable, n)
	for range n {
		raw := d.bytes(4)
		c := d.uvarint()
		if d.err != nil {
			return nil, fmt.Errorf("decoding document frequencies: %w", d.err)
		}
		t[binary.LittleEndian.Uint32(raw)] = int32(c)
	}
	return t, nil
}

// weighFn turns raw term counts into TF-IDF vectors with the batch's
// document frequencies (a side input) plus the shipped background, as
// cluster.Weigh does over a batch in memory.
type weighFn struct {
	bg *cluster.Background
}

func (fn *weighFn) Setup() error {
	bg, err := cluster.DefaultBackground()
	fn.bg = bg
	return err
}

func (fn *weighFn) ProcessElement(ctx context.Context, id string, n node, docs int, df dfTable) (string, node) {
	cluster.WeighDoc(&n.Doc, docs+fn.bg.Docs, func(t cluster.TermID) int32 { return df[uint32(t)] + fn.bg.DF[t] })
	return id, n
}

// featurize computes every article's features, weighed unless copyOnly,
// and returns them keyed by ID with the number of articles (a singleton).
func featurize(s beam.Scope, arts beam.PCollection, copyOnly bool) (nodes, count beam.PCollection) {
	s = s.Scope("features")
	nodes = beam.ParDo(s, &featurizeFn{CopyOnly: copyOnly}, arts)
	count = beam.Combine(s, sumInts, beam.ParDo(s, countOne, nodes))
	if copyOnly {
		return nodes, count
	}
	df := beam.Combine(s, dfFn{}, beam.ParDo(s, termIDs, nodes))
	nodes = beam.ParDo(s, &weighFn{}, nodes, beam.SideInput{Input: count}, beam.SideInput{Input: df})
	return nodes, count
}

package beam

import (
	"encoding/binary"
	"fmt"
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/dedup"
)

func init() {
	beam.RegisterType(reflect.TypeOf((*featurizeFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*docFreqsFn)(nil)).Elem())
	beam.RegisterCoder(reflect.TypeOf((*dedup.DocFreqs)(nil)), encodeDocFreqs, decodeDocFreqs)
	beam.RegisterFunction(weighFn)
	beam.RegisterFunction(countOne)
	beam.RegisterFunction(sumInts)
	beam.RegisterFunction(slimNode)
}

// featurizeFn turns each article into its features (raw term counts).
type featurizeFn struct {
	CopyOnly bool
	f        *cluster.Featurizer
}

func (fn *featurizeFn) Setup() error {
	s, err := dedup.DefaultScheme()
	if err != nil {
		return err
	}
	fn.f = s.NewFeaturizer()
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

// docFreqsFn counts document frequencies over the batch (a global
// combine of dedup.DocFreqs, which sum across parts).
type docFreqsFn struct{}

func (docFreqsFn) CreateAccumulator() *dedup.DocFreqs { return &dedup.DocFreqs{} }

func (docFreqsFn) AddInput(acc *dedup.DocFreqs, n node) *dedup.DocFreqs {
	acc.Add(&n.Doc)
	return acc
}

func (docFreqsFn) MergeAccumulators(a, b *dedup.DocFreqs) *dedup.DocFreqs {
	if len(a.DF) < len(b.DF) {
		a, b = b, a
	}
	a.Merge(b)
	return a
}

func encodeDocFreqs(f *dedup.DocFreqs) []byte {
	b := make([]byte, 0, 10*len(f.DF)+2*binary.MaxVarintLen64)
	b = binary.AppendUvarint(b, uint64(f.Docs))
	b = binary.AppendUvarint(b, uint64(len(f.DF)))
	for id, n := range f.DF {
		b = binary.LittleEndian.AppendUint32(b, uint32(id))
		b = binary.AppendUvarint(b, uint64(n))
	}
	return b
}

func decodeDocFreqs(b []byte) (*dedup.DocFreqs, error) {
	d := dec{b: b}
	f := &dedup.DocFreqs{Docs: int(d.uvarint())}
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		return nil, fmt.Errorf("decoding document frequencies: %w", errShort)
	}
	f.DF = make(map[cluster.TermID]int32, n)
	for range n {
		raw := d.bytes(4)
		c := d.uvarint()
		if d.err != nil {
			return nil, fmt.Errorf("decoding document frequencies: %w", d.err)
		}
		f.DF[cluster.TermID(binary.LittleEndian.Uint32(raw))] = int32(c)
	}
	return f, nil
}

// weighFn turns raw term counts into TF-IDF vectors with the batch's
// document frequencies (a side input) plus the shipped background, as
// weighing the batch in memory does.
func weighFn(id string, n node, f *dedup.DocFreqs) (string, node, error) {
	docs := []cluster.Doc{n.Doc}
	if err := dedup.Weigh(docs, f); err != nil {
		return id, n, err
	}
	n.Doc = docs[0]
	return id, n, nil
}

// featurize computes every article's features and returns them keyed by
// ID twice: raw, as the featurizer gives them, for the LSH band keys; and
// slim (see slimNode), weighed unless copyOnly, for every later stage;
// with the number of articles (a singleton).
func featurize(s beam.Scope, arts beam.PCollection, copyOnly bool) (raw, nodes, count beam.PCollection) {
	s = s.Scope("features")
	raw = beam.ParDo(s, &featurizeFn{CopyOnly: copyOnly}, arts)
	count = beam.Combine(s, sumInts, beam.ParDo(s, countOne, raw))
	nodes = beam.ParDo(s, slimNode, raw)
	if copyOnly {
		return raw, nodes, count
	}
	df := beam.Combine(s, docFreqsFn{}, beam.DropKey(s, nodes))
	nodes = beam.ParDo(s, weighFn, nodes, beam.SideInput{Input: df})
	return raw, nodes, count
}

// slimNode drops what no stage reads once the LSH band keys are known:
// the MinHash signature and the quotations (shown as evidence, never
// scored). It runs before the weighing, so the articles' features wait
// for the batch's document frequencies without them; every later stage
// holds or sends the features of each article at least once, most once
// per candidate pair.
func slimNode(id string, n node) (string, node) {
	n.Doc.Sig, n.Doc.Quotes = nil, nil
	return id, n
}

package beam

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sort"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/similarity"
)

func init() {
	beam.RegisterCoder(reflect.TypeOf(half{}), encodeHalf, decodeHalf)
	for _, t := range []any{(*nbr)(nil), (*attachAFn)(nil), (*cosineFn)(nil), (*neighboursFn)(nil), (*scorePairFn)(nil)} {
		beam.RegisterType(reflect.TypeOf(t).Elem())
	}
	beam.RegisterFunction(byA)
	beam.RegisterFunction(attachNN)
}

var graphEdges = beam.NewCounter("wirediff", "pairs-reaching-a-threshold")

// half is a candidate pair on its way to its second article: the pair
// and the first article's features.
type half struct {
	P pair
	A node
}

func encodeHalf(h half) ([]byte, error) {
	var e enc
	e.str(h.P.A)
	e.str(h.P.B)
	if h.P.LSH {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
	n, err := encodeNode(h.A)
	return append(e.b, n...), err
}

func decodeHalf(b []byte) (half, error) {
	d := dec{b: b}
	var h half
	h.P.A, h.P.B = d.str(), d.str()
	flag := d.bytes(1)
	if d.err != nil {
		return h, fmt.Errorf("decoding a pair: %w", d.err)
	}
	h.P.LSH = flag[0] == 1
	n, err := decodeNode(d.b)
	h.A = n
	return h, err
}

func byA(p pair) (string, pair) { return p.A, p }

// attachAFn sends each pair of an article on to its second article with
// what the pair's scores read of the first: no signature, no quotations,
// shingles only for an LSH pair (the copy level's); for the cosine alone,
// the term vector and date.
type attachAFn struct {
	CosineOnly bool
}

func (fn *attachAFn) ProcessElement(id string, nodes func(*node) bool, pairs func(*pair) bool, emit func(string, half)) error {
	var n node
	if !nodes(&n) {
		return fmt.Errorf("candidate pair names %q, which was not read", id)
	}
	lite := n
	lite.Doc.Sig, lite.Doc.Quotes = nil, nil
	if fn.CosineOnly {
		d := &n.Doc
		lite = node{Doc: cluster.Doc{ID: d.ID, Published: d.Published, Terms: d.Terms}}
	}
	var p pair
	for pairs(&p) {
		h := half{P: p, A: lite}
		if !p.LSH {
			h.A.Doc.Shingles = nil
		}
		emit(p.B, h)
	}
	return nil
}

// joinPairs gives every candidate pair with both articles' features to
// fn, a DoFn taking (string, func(*node) bool, func(*half) bool, ...).
func joinPairs(s beam.Scope, nodes, pairs beam.PCollection, cosineOnly bool, fn any, opts ...beam.Option) beam.PCollection {
	halves := beam.ParDo(s, &attachAFn{CosineOnly: cosineOnly}, beam.CoGroupByKey(s, nodes, beam.ParDo(s, byA, pairs)))
	return beam.ParDo(s, fn, beam.CoGroupByKey(s, nodes, halves), opts...)
}

// nbr is one candidate of an article with their TF-IDF cosine.
type nbr struct {
	ID  string
	Cos float64
}

// cosineFn scores each candidate pair's cosine (0 outside the date
// window) for the neighbour lists, both ways.
type cosineFn struct {
	Opt cluster.Options
}

func (fn *cosineFn) ProcessElement(id string, nodes func(*node) bool, halves func(*half) bool, emit func(string, nbr)) error {
	var b node
	if !nodes(&b) {
		return fmt.Errorf("candidate pair names %q, which was not read", id)
	}
	var h half
	for halves(&h) {
		var c float64
		if cluster.InWindow(h.A.Doc.Published, b.Doc.Published, fn.Opt.Window) {
			c = cluster.Cosine(h.A.Doc.Terms, b.Doc.Terms)
		}
		emit(h.A.Doc.ID, nbr{ID: b.Doc.ID, Cos: c})
		emit(b.Doc.ID, nbr{ID: h.A.Doc.ID, Cos: c})
	}
	return nil
}

// neighboursFn picks an article's shared-neighbour list as cluster.Run
// does: its Neighbours candidates of highest cosine (ties by ID) above
// NeighbourFloor, and itself, sorted by ID.
type neighboursFn struct {
	Opt cluster.Options
}

func (fn *neighboursFn) ProcessElement(id string, cands func(*nbr) bool, emit func(string, []string)) {
	var l []nbr
	var c nbr
	for cands(&c) {
		l = append(l, c)
	}
	sort.Slice(l, func(a, b int) bool {
		if l[a].Cos != l[b].Cos {
			return l[a].Cos > l[b].Cos
		}
		return l[a].ID < l[b].ID
	})
	ids := []string{id}
	for _, x := range l[:min(len(l), fn.Opt.Story.Neighbours)] {
		if x.Cos > fn.Opt.Story.NeighbourFloor {
			ids = append(ids, x.ID)
		}
	}
	slices.Sort(ids)
	emit(id, ids)
}

// attachNN sets each article's neighbour list (itself alone when it has
// no candidate).
func attachNN(id string, nodes func(*node) bool, lists func(*[]string) bool, emit func(string, node)) {
	var n node
	if !nodes(&n) {
		return
	}
	var l []string
	if !lists(&l) {
		l = []string{id}
	}
	n.NN = l
	emit(id, n)
}

// localGrouper returns a grouper over members (sorted by ID) and the
// articles their neighbour lists name, with the index of each ID: the
// neighbours take their place in the ID order, so the story vectors'
// coordinates come in the order cluster.Run gives them.
func localGrouper(members []node, opt cluster.Options) (*cluster.Grouper, map[string]int32, error) {
	at := map[string]int32{}
	var ids []string
	for _, m := range members {
		for _, id := range append([]string{m.Doc.ID}, m.NN...) {
			if _, ok := at[id]; !ok {
				at[id] = -1
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	for i, id := range ids {
		at[id] = int32(i)
	}
	docs := make([]cluster.Doc, len(ids))
	for i, id := range ids {
		docs[i].ID = id
	}
	var nn [][]int32
	if !opt.CopyOnly {
		nn = make([][]int32, len(ids))
		for i := range nn {
			nn[i] = []int32{int32(i)}
		}
	}
	for _, m := range members {
		i := at[m.Doc.ID]
		docs[i] = m.Doc
		if nn != nil && len(m.NN) > 0 {
			l := make([]int32, len(m.NN))
			for k, id := range m.NN {
				l[k] = at[id]
			}
			nn[i] = l
		}
	}
	g, err := cluster.NewGrouper(docs, nn, opt)
	return g, at, err
}

// scorePairFn keeps the candidate pairs that reach a level's threshold
// (copy: LSH pairs only, as cluster.Run verifies them, and their Jaccard
// whatever their dates): the edges of the graph whose connected components
// are grouped one by one.
type scorePairFn struct {
	Opt cluster.Options
}

func (fn *scorePairFn) ProcessElement(ctx context.Context, id string, nodes func(*node) bool, halves func(*half) bool, emit func(pair)) error {
	var b node
	if !nodes(&b) {
		return fmt.Errorf("candidate pair names %q, which was not read", id)
	}
	var h half
	for halves(&h) {
		g, at, err := localGrouper([]node{h.A, b}, fn.Opt)
		if err != nil {
			return err
		}
		i, j := int(at[h.A.Doc.ID]), int(at[b.Doc.ID])
		// The copy level collapses exact duplicates within the date
		// window into one representative whether or not they are a
		// candidate pair, and verifies a pair on the representatives of
		// its two ends, which have the same shingles: the Jaccard alone,
		// date window or not, keeps them all in one component.
		reach := h.P.LSH && similarity.Jaccard(h.A.Doc.Shingles, b.Doc.Shingles) >= fn.Opt.Thresholds.Copy
		for l := cluster.Rewrite; !reach && !fn.Opt.CopyOnly && l <= cluster.Story; l++ {
			reach = g.LevelSim(l, i, j) >= fn.Opt.Thresholds.At(l)
		}
		if reach {
			graphEdges.Inc(ctx, 1)
			emit(h.P)
		}
	}
	return nil
}

// withNeighbours sets every article's shared-neighbour list from the
// cosines of its candidate pairs.
func withNeighbours(s beam.Scope, nodes, pairs beam.PCollection, opt cluster.Options) beam.PCollection {
	s = s.Scope("neighbours")
	cos := joinPairs(s, nodes, pairs, true, &cosineFn{Opt: opt})
	lists := beam.ParDo(s, &neighboursFn{Opt: opt}, beam.GroupByKey(s, cos))
	return beam.ParDo(s, attachNN, beam.CoGroupByKey(s, nodes, lists))
}

// reachingPairs returns the candidate pairs that reach a level's threshold.
func reachingPairs(s beam.Scope, nodes, pairs beam.PCollection, opt cluster.Options) beam.PCollection {
	return joinPairs(s.Scope("scores"), nodes, pairs, false, &scorePairFn{Opt: opt})
}

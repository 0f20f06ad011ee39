package beam

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sort"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/typex"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/similarity"
)

func init() {
	beam.RegisterCoder(reflect.TypeOf(half{}), encodeHalf, decodeHalf)
	for _, t := range []any{(*nbr)(nil), (*maybe)(nil), (*maybeNN)(nil), (*attachAFn)(nil), (*gatePairsFn)(nil), (*gateNodesFn)(nil), (*gateKeyFn)(nil), (*neighboursFn)(nil), (*scorePairFn)(nil), (*confirmFn)(nil)} {
		beam.RegisterType(reflect.TypeOf(t).Elem())
	}
	beam.RegisterFunction(byA)
	beam.RegisterFunction(countOneOf)
	beam.RegisterFunction(countOneOfKV)
	beam.RegisterFunction(maybeByA)
	beam.RegisterFunction(attachMaybeNN)
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
// what the pair's scores read of the first: no signature, no quotations
// (slimNode has dropped them), shingles only for an LSH pair (the copy
// level's).
type attachAFn struct{}

func (fn *attachAFn) ProcessElement(id string, nodes func(*node) bool, pairs func(*pair) bool, emit func(string, half)) error {
	var n node
	if !nodes(&n) {
		return fmt.Errorf("candidate pair names %q, which was not read", id)
	}
	var p pair
	for pairs(&p) {
		h := half{P: p, A: n}
		if !p.LSH {
			h.A.Doc.Shingles = nil
		}
		emit(p.B, h)
	}
	return nil
}

// joinPairs gives every candidate pair with both articles' features to
// fn, a DoFn taking (string, func(*node) bool, func(*half) bool, ...):
// the pairs are keyed by their first article and joined with aNodes, then
// by their second and joined with bNodes. Each article's features travel
// once per candidate pair of it: the largest shuffle of the pipeline,
// made once.
func joinPairs(s beam.Scope, aNodes, bNodes, pairs beam.PCollection, fn any, opts ...beam.Option) []beam.PCollection {
	halves := beam.ParDo(s, &attachAFn{}, beam.CoGroupByKey(s, aNodes, beam.ParDo(s, byA, pairs)))
	return beam.ParDoN(s, fn, beam.CoGroupByKey(s, bNodes, halves), opts...)
}

// Scoring in parts. A runner that hands a stage all its input as one
// bundle (prism) holds the join of every pair with its first article's
// features at once, several times over while it encodes and sends it:
// the pipeline's peak memory. With Parts > 1 the pairs are scored in
// parts by their second article (a hash of its ID), one part after the
// other: a part's pairs and its articles' features are let through a
// gate, a ParDo whose side input is the end of the previous part's
// scores, so no part's join exists before the previous part's is done.
// Each pair is scored once, as in one part, so the scores are the same.

// gatePairsFn lets through the pairs whose second article is in part
// Part of Parts; its side input, never read, is the previous part's end.
type gatePairsFn struct {
	Part, Parts int
}

func (fn *gatePairsFn) ProcessElement(p pair, _ func(*int) bool, emit func(pair)) {
	if block(p.B, fn.Parts) == fn.Part {
		emit(p)
	}
}

// gateNodesFn lets through the features of the articles in part Part of
// Parts, or of all articles when Parts is 0; its side input, never read,
// is the previous part's end.
type gateNodesFn struct {
	Part, Parts int
}

func (fn *gateNodesFn) ProcessElement(id string, n node, _ func(*int) bool, emit func(string, node)) {
	if fn.Parts == 0 || block(id, fn.Parts) == fn.Part {
		emit(id, n)
	}
}

func countOneOf(beam.T) int           { return 1 }
func countOneOfKV(beam.X, beam.Y) int { return 1 }

// gateKeyFn lets through the elements keyed Key (a block); its side
// input, never read, is the previous block's end.
type gateKeyFn struct {
	Key int
}

func (fn *gateKeyFn) ProcessElement(k int, v beam.X, _ func(*int) bool, emit func(int, beam.X)) {
	if k == fn.Key {
		emit(k, v)
	}
}

// inTurns adds parts copies of a part of the pipeline, part(s, k, after)
// for k = 0, 1, ..., each of which must pass its inputs through gates
// that take after as a side input: after is the end of part k-1 (for
// part 0, a value there from the start), so part k's gates let nothing
// through until part k-1 is done. It returns each output of the parts
// flattened over the parts.
func inTurns(s beam.Scope, parts int, part func(s beam.Scope, k int, after beam.SideInput) []beam.PCollection) []beam.PCollection {
	var all [][]beam.PCollection
	done := beam.Create(s, 0)
	for k := range parts {
		ps := s.Scope(fmt.Sprintf("part%d", k))
		out := part(ps, k, beam.SideInput{Input: done})
		if all == nil {
			all = make([][]beam.PCollection, len(out))
		}
		for i := range all {
			all[i] = append(all[i], out[i])
		}
		// A part's outputs are all out when its last stage ends, and so
		// is the count of one of them: the next gates' side input.
		var count any = countOneOf
		if typex.IsKV(out[0].Type()) {
			count = countOneOfKV
		}
		done = beam.Combine(ps, sumInts, beam.ParDo(ps, count, out[0]))
	}
	flat := make([]beam.PCollection, len(all))
	for i, pcs := range all {
		flat[i] = beam.Flatten(s, pcs...)
	}
	return flat
}

// scoreParts scores the candidate pairs in parts parts, one after the
// other (see gatePairsFn), and returns fn's outputs flattened over the
// parts. One part is joinPairs alone.
func scoreParts(s beam.Scope, nodes, pairs beam.PCollection, parts int, fn any) []beam.PCollection {
	if parts <= 1 {
		return joinPairs(s, nodes, nodes, pairs, fn)
	}
	return inTurns(s, parts, func(s beam.Scope, k int, after beam.SideInput) []beam.PCollection {
		pk := beam.ParDo(s, &gatePairsFn{Part: k, Parts: parts}, pairs, after)
		ak := beam.ParDo(s, &gateNodesFn{}, nodes, after)
		bk := beam.ParDo(s, &gateNodesFn{Part: k, Parts: parts}, nodes, after)
		return joinPairs(s, ak, bk, pk, fn)
	})
}

// nbr is one candidate of an article with their TF-IDF cosine.
type nbr struct {
	ID  string
	Cos float64
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

// maybe is a candidate pair that reaches no threshold without the
// shared-neighbour part of its story score, and could with it: its story
// score with no neighbour in common.
type maybe struct {
	P      pair
	Story0 float64
}

// scorePairFn scores each candidate pair once, with both articles'
// features: the cosine, both ways, for the neighbour lists; the pair
// itself as an edge of the graph whose connected components are grouped
// one by one when it reaches a level's threshold (copy: LSH pairs only, as
// cluster.Run verifies them, and their Jaccard whatever their dates);
// and, when only the neighbour lists, not known yet, can take its story
// score to the threshold, the pair as a maybe (see confirmFn).
type scorePairFn struct {
	Opt cluster.Options
}

func (fn *scorePairFn) ProcessElement(ctx context.Context, id string, nodes func(*node) bool, halves func(*half) bool, cos func(string, nbr), edges func(pair), maybes func(maybe)) error {
	var b node
	if !nodes(&b) {
		return fmt.Errorf("candidate pair names %q, which was not read", id)
	}
	var h half
	for halves(&h) {
		a := h.A
		a.NN, b.NN = nil, nil // each its own neighbour only: no neighbour in common
		g, at, err := localGrouper([]node{a, b}, fn.Opt)
		if err != nil {
			return err
		}
		i, j := int(at[a.Doc.ID]), int(at[b.Doc.ID])
		if !fn.Opt.CopyOnly {
			var c float64
			if cluster.InWindow(a.Doc.Published, b.Doc.Published, fn.Opt.Window) {
				c = cluster.Cosine(a.Doc.Terms, b.Doc.Terms)
			}
			cos(a.Doc.ID, nbr{ID: b.Doc.ID, Cos: c})
			cos(b.Doc.ID, nbr{ID: a.Doc.ID, Cos: c})
		}
		// The copy level collapses exact duplicates within the date
		// window into one representative whether or not they are a
		// candidate pair, and verifies a pair on the representatives of
		// its two ends, which have the same shingles: the Jaccard alone,
		// date window or not, keeps them all in one component.
		reach := h.P.LSH && similarity.Jaccard(a.Doc.Shingles, b.Doc.Shingles) >= fn.Opt.Thresholds.Copy
		for l := cluster.Rewrite; !reach && !fn.Opt.CopyOnly && l <= cluster.Story; l++ {
			reach = g.LevelSim(l, i, j) >= fn.Opt.Thresholds.At(l)
		}
		if reach {
			graphEdges.Inc(ctx, 1)
			edges(h.P)
			continue
		}
		if fn.Opt.CopyOnly || fn.Opt.Story.SharedWeight <= 0 {
			continue
		}
		// With the same neighbours (the most they can share) the pair
		// scores its highest: below the threshold, no list reaches it.
		story0 := g.LevelSim(cluster.Story, i, j)
		both := []string{a.Doc.ID, b.Doc.ID}
		slices.Sort(both)
		a.NN, b.NN = both, both
		if g, at, err = localGrouper([]node{a, b}, fn.Opt); err != nil {
			return err
		}
		if g.LevelSim(cluster.Story, int(at[a.Doc.ID]), int(at[b.Doc.ID])) >= fn.Opt.Thresholds.Story {
			maybes(maybe{P: h.P, Story0: story0})
		}
	}
	return nil
}

// sharedSlack is how far below the story threshold confirmFn still takes
// a maybe pair as an edge: its sum adds the shared-neighbour part last,
// where the story score adds it before the weekday part, so the two may
// differ in the last bits. An edge too many can only join two components,
// which grouping a component as a whole keeps apart as grouping them
// apart does; an edge too few could lose a merge.
const sharedSlack = 1e-9

// confirmFn keeps the maybe pairs whose story score reaches the threshold
// with their articles' neighbour lists.
type confirmFn struct {
	Opt cluster.Options
}

func (fn *confirmFn) ProcessElement(ctx context.Context, id string, lists func(*[]string) bool, halves func(*maybeNN) bool, emit func(pair)) {
	nb := []string{id}
	lists(&nb)
	var m maybeNN
	for halves(&m) {
		shared := float64(intersectSorted(m.NN, nb)) / math.Sqrt(float64(len(m.NN))*float64(len(nb)))
		if m.M.Story0+fn.Opt.Story.SharedWeight*shared >= fn.Opt.Thresholds.Story-sharedSlack {
			graphEdges.Inc(ctx, 1)
			emit(m.M.P)
		}
	}
}

// maybeNN is a maybe pair with its first article's neighbour list.
type maybeNN struct {
	M  maybe
	NN []string
}

func maybeByA(m maybe) (string, maybe) { return m.P.A, m }

// attachMaybeNN sends each maybe pair of an article on to its second
// article with the first's neighbour list.
func attachMaybeNN(id string, lists func(*[]string) bool, ms func(*maybe) bool, emit func(string, maybeNN)) {
	nb := []string{id}
	lists(&nb)
	var m maybe
	for ms(&m) {
		emit(m.P.B, maybeNN{M: m, NN: nb})
	}
}

// intersectSorted counts the strings two sorted lists share.
func intersectSorted(a, b []string) int {
	n := 0
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0] == b[0]:
			n++
			a, b = a[1:], b[1:]
		case a[0] < b[0]:
			a = a[1:]
		default:
			b = b[1:]
		}
	}
	return n
}

// scoreGraph scores every candidate pair and returns the edges of the
// graph (the pairs that reach a level's threshold) and, unless copy
// only, every article's shared-neighbour list (keyed by ID, itself
// included; an article without one has no candidate).
func scoreGraph(s beam.Scope, nodes, pairs beam.PCollection, opt cluster.Options, parts int) (edges, lists beam.PCollection) {
	s = s.Scope("scores")
	out := scoreParts(s, nodes, pairs, parts, &scorePairFn{Opt: opt})
	cos, edges, maybes := out[0], out[1], out[2]
	lists = beam.ParDo(s, &neighboursFn{Opt: opt}, beam.GroupByKey(s, cos)) // none at the copy level
	if opt.CopyOnly {
		return edges, lists
	}
	halfway := beam.ParDo(s, attachMaybeNN, beam.CoGroupByKey(s, lists, beam.ParDo(s, maybeByA, maybes)))
	confirmed := beam.ParDo(s, &confirmFn{Opt: opt}, beam.CoGroupByKey(s, lists, halfway))
	return beam.Flatten(s, edges, confirmed), lists
}

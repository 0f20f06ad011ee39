package beam

import (
	"fmt"
	"reflect"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
)

// Connected components by alternating large-star and small-star rounds
// (Kiveris et al., "Connected Components in MapReduce and Beyond", SoCC
// 2014): each round is one shuffle of the edges keyed by node, so no
// worker holds more than one node's edges, and the graph keeps at most
// as many edges as it started with. The rounds are unrolled in the
// pipeline; a final check fails the job if the graph is not yet a forest
// of stars, each centred on its component's smallest node.

func init() {
	beam.RegisterType(reflect.TypeOf((*starCheckFn)(nil)).Elem())
	beam.RegisterFunction(edgeOfPair)
	beam.RegisterFunction(bothWays)
	beam.RegisterFunction(largeStar)
	beam.RegisterFunction(largerFirst)
	beam.RegisterFunction(smallStar)
	beam.RegisterFunction(starRoots)
}

func edgeOfPair(p pair) (string, string) { return p.A, p.B }

func bothWays(u, v string, emit func(string, string)) {
	emit(u, v)
	emit(v, u)
}

func largerFirst(u, v string) (string, string) {
	if u < v {
		return v, u
	}
	return u, v
}

// distinct collects a node's neighbours once each, sorted.
func distinct(vs func(*string) bool) []string {
	var out []string
	var v string
	for vs(&v) {
		out = append(out, v)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// largeStar links every larger neighbour of u to the smallest node of
// u's neighbourhood, u included.
func largeStar(u string, vs func(*string) bool, emit func(string, string)) {
	nb := distinct(vs)
	m := min(u, nb[0])
	for _, v := range nb {
		if v > u {
			emit(v, m)
		}
	}
}

// smallStar links u and its smaller neighbours (all of vs) to the
// smallest of them.
func smallStar(u string, vs func(*string) bool, emit func(string, string)) {
	nb := distinct(vs)
	m := nb[0]
	for _, v := range append(nb[1:], u) {
		emit(v, m)
	}
}

// starCheckFn labels each node of a star with its centre, or fails when
// a node still has two smaller neighbours.
type starCheckFn struct {
	Rounds int
}

func (fn *starCheckFn) ProcessElement(u string, vs func(*string) bool, emit func(string, string)) error {
	nb := distinct(vs)
	if len(nb) > 1 {
		return fmt.Errorf("connected components: %s still links %d smaller nodes after %d rounds; raise --cc-rounds", u, len(nb), fn.Rounds)
	}
	emit(u, nb[0])
	return nil
}

// starRoots checks that no centre is itself linked to a smaller node and
// labels the centres.
func starRoots(u string, parents func(*string) bool, children func(*string) bool, emit func(string, string)) error {
	var p, c string
	hasParent, hasChild := parents(&p), children(&c)
	if hasParent && hasChild {
		return fmt.Errorf("connected components: %s is both a centre and linked to %s; raise --cc-rounds", u, p)
	}
	if hasParent {
		emit(u, p)
	} else {
		emit(u, u)
	}
	return nil
}

// components labels every node of the graph of edges (pairs) with the
// smallest node of its connected component, after rounds of large-star
// and small-star.
func components(s beam.Scope, edges beam.PCollection, rounds int) beam.PCollection {
	s = s.Scope("components")
	e := beam.ParDo(s, edgeOfPair, edges)
	for range rounds {
		e = beam.ParDo(s, largeStar, beam.GroupByKey(s, beam.ParDo(s, bothWays, e)))
		e = beam.ParDo(s, smallStar, beam.GroupByKey(s, beam.ParDo(s, largerFirst, e)))
	}
	parent := beam.ParDo(s, &starCheckFn{Rounds: rounds}, beam.GroupByKey(s, beam.ParDo(s, largerFirst, e)))
	child := beam.ParDo(s, swap, parent)
	return beam.ParDo(s, starRoots, beam.CoGroupByKey(s, parent, child))
}

func swap(u, v string) (string, string) { return v, u }

func init() { beam.RegisterFunction(swap) }

package beam

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/wirediff/wirediff/cluster"
)

func init() {
	for _, t := range []any{(*groups)(nil), (*pairComp)(nil), (*groupComponentFn)(nil)} {
		beam.RegisterType(reflect.TypeOf(t).Elem())
	}
	beam.RegisterFunction(nodeComponent)

	beam.RegisterFunction(pairCompA)
	beam.RegisterFunction(pairCompB)
}

var (
	componentsCount = beam.NewCounter("wirediff", "components")
	componentMax    = beam.NewDistribution("wirediff", "component-size")
	componentTime   = beam.NewDistribution("wirediff", "component-ms")
)

// groups are an article's group IDs at the three levels.
type groups struct {
	Copy, Rewrite, Story string
}

func (g groups) at(l cluster.Level) string {
	return [...]string{g.Copy, g.Rewrite, g.Story}[l]
}

// alone are the groups of an article grouped with no other.
func alone(id string) groups {
	return groups{cluster.GroupID(cluster.Copy, id), cluster.GroupID(cluster.Rewrite, id), cluster.GroupID(cluster.Story, id)}
}

// nodeComponent sends each article, with its shared-neighbour list
// (itself alone when it has none), to its component, or gives an article
// in none (no pair of it reaches a threshold) its own groups.
func nodeComponent(id string, nodes func(*node) bool, comps func(*string) bool, lists func(*[]string) bool, member func(string, node), single func(string, groups)) {
	var n node
	if !nodes(&n) {
		return
	}
	var c string
	if comps(&c) {
		n.NN = nil
		lists(&n.NN)
		member(c, n)
		return
	}
	single(id, alone(id))
}

// pairComp is a candidate pair with its first article's component.
type pairComp struct {
	P    pair
	Comp string
}

func pairCompA(id string, comps func(*string) bool, pairs func(*pair) bool, emit func(string, pairComp)) {
	var c string
	if !comps(&c) {
		return // not in a component: no pair of it reaches a threshold
	}
	var p pair
	for pairs(&p) {
		emit(p.B, pairComp{P: p, Comp: c})
	}
}

// pairCompB keys each candidate pair inside one component by it.
func pairCompB(id string, comps func(*string) bool, pcs func(*pairComp) bool, emit func(string, pair)) {
	var c string
	if !comps(&c) {
		return
	}
	var pc pairComp
	for pcs(&pc) {
		if pc.Comp == c {
			emit(c, pc.P)
		}
	}
}

// groupComponentFn groups the articles of one connected component at
// every level, over the candidate pairs inside it, as cluster.Run groups
// the batch.
type groupComponentFn struct {
	Opt cluster.Options
	// MaxComponent, when positive, fails the job on a component of more
	// articles, before grouping it.
	MaxComponent int
}

// ErrComponentTooLarge is the error of a component over
// Config.MaxComponent.
var ErrComponentTooLarge = errors.New("connected component over --max-component")

func (fn *groupComponentFn) ProcessElement(ctx context.Context, comp string, nodes func(*node) bool, pairs func(*pair) bool, emit func(string, groups)) error {
	start := time.Now()
	var members []node
	var n node
	for nodes(&n) {
		members = append(members, n)
		if fn.MaxComponent > 0 && len(members) > fn.MaxComponent {
			return fmt.Errorf("component %s: %w (%d): one worker groups a component, and holds its articles' features", comp, ErrComponentTooLarge, fn.MaxComponent)
		}
	}
	componentsCount.Inc(ctx, 1)
	componentMax.Update(ctx, int64(len(members)))
	defer func() { componentTime.Update(ctx, time.Since(start).Milliseconds()) }()
	g, at, err := localGrouper(members, fn.Opt)
	if err != nil {
		return fmt.Errorf("component %s: %w", comp, err)
	}
	var copyPairs, all []cluster.Edge
	var p pair
	for pairs(&p) {
		e := cluster.Edge{I: at[p.A], J: at[p.B]}
		if e.I > e.J {
			e.I, e.J = e.J, e.I
		}
		all = append(all, e)
		if p.LSH {
			copyPairs = append(copyPairs, e)
		}
	}
	slices.SortFunc(copyPairs, byEdge)
	slices.SortFunc(all, byEdge)
	labels := g.Group(copyPairs, all)
	for _, m := range members {
		i := at[m.Doc.ID]
		var out groups
		for l := cluster.Copy; l <= cluster.Story; l++ {
			id := cluster.GroupID(l, g.Docs[labels[l][i]].ID)
			switch l {
			case cluster.Copy:
				out.Copy = id
			case cluster.Rewrite:
				out.Rewrite = id
			default:
				out.Story = id
			}
		}
		emit(m.Doc.ID, out)
	}
	return nil
}

// byEdge orders edges as cluster.Run lists them: by first, then second
// article.
func byEdge(a, b cluster.Edge) int {
	if a.I != b.I {
		return cmp.Compare(a.I, b.I)
	}
	return cmp.Compare(a.J, b.J)
}

// groupComponents groups each component of the graph of reaching pairs on
// its own and returns every article's groups.
func groupComponents(s beam.Scope, nodes, lists, pairs, reaching beam.PCollection, opt cluster.Options, rounds, maxComponent int) beam.PCollection {
	comp := components(s, reaching, rounds)
	s = s.Scope("group")
	members, singles := beam.ParDo2(s, nodeComponent, beam.CoGroupByKey(s, nodes, comp, lists))
	halfway := beam.ParDo(s, pairCompA, beam.CoGroupByKey(s, comp, beam.ParDo(s, byA, pairs)))
	inside := beam.ParDo(s, pairCompB, beam.CoGroupByKey(s, comp, halfway))
	grouped := beam.ParDo(s, &groupComponentFn{Opt: opt, MaxComponent: maxComponent}, beam.CoGroupByKey(s, members, inside))
	return beam.Flatten(s, grouped, singles)
}

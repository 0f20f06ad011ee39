package beam

import (
	"fmt"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
)

// TestMain runs the tests on prism with a temporary directory of their
// own as TMPDIR, removed at the end: Beam's SDK leaves a file in the
// temporary directory for every pipeline run with the LOOPBACK
// environment, which every run on prism is.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "wirediff-beam-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("TMPDIR", dir)
	code := ptest.MainRetWithDefault(m, "prism")
	os.RemoveAll(dir)
	os.Exit(code)
}

// unionFind labels every node of edges with its component's smallest node.
func unionFind(edges []pair) map[string]string {
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		p, ok := parent[x]
		if !ok {
			parent[x] = x
			return x
		}
		if p == x {
			return x
		}
		r := find(p)
		parent[x] = r
		return r
	}
	for _, e := range edges {
		a, b := find(e.A), find(e.B)
		if a > b {
			a, b = b, a
		}
		parent[b] = a
	}
	out := map[string]string{}
	for x := range parent {
		out[x] = find(x)
	}
	return out
}

// label is a node and its component, for passert.
type label struct{ Node, Comp string }

func init() { beam.RegisterFunction(toLabel) }

func toLabel(n, c string) label { return label{n, c} }

func TestComponents(t *testing.T) {
	chain := func(prefix string, n int) []pair {
		var out []pair
		for i := 0; i+1 < n; i++ {
			out = append(out, pair{A: fmt.Sprintf("%s%03d", prefix, i), B: fmt.Sprintf("%s%03d", prefix, i+1)})
		}
		return out
	}
	r := rand.New(rand.NewPCG(1, 2))
	var random []pair
	for range 300 {
		a, b := r.IntN(400), r.IntN(400)
		if a == b {
			continue
		}
		x, y := fmt.Sprintf("r%03d", a), fmt.Sprintf("r%03d", b)
		if x > y {
			x, y = y, x
		}
		random = append(random, pair{A: x, B: y})
	}
	star := []pair{{A: "s5", B: "s9"}, {A: "s1", B: "s9"}, {A: "s3", B: "s9"}, {A: "s2", B: "s4"}, {A: "s4", B: "s9"}}
	for _, tc := range []struct {
		name  string
		edges []pair
	}{
		{"chain", chain("c", 200)},
		{"two chains and a star", append(append(chain("a", 40), chain("b", 7)...), star...)},
		{"random", random},
		{"one edge", []pair{{A: "x", B: "y"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var want []label
			for n, c := range unionFind(tc.edges) {
				want = append(want, label{n, c})
			}
			p, s := beam.NewPipelineWithRoot()
			got := beam.ParDo(s, toLabel, components(s, beam.CreateList(s, tc.edges), DefaultRounds))
			passert.Equals(s, got, toAny(want)...)
			ptest.RunAndValidate(t, p)
		})
	}
}

// TestComponentsNotConverged: too few rounds fail the job, never give
// wrong components.
func TestComponentsNotConverged(t *testing.T) {
	// A chain through 256 nodes in random order.
	order := rand.New(rand.NewPCG(3, 4)).Perm(256)
	var edges []pair
	for i := 0; i+1 < len(order); i++ {
		a, b := fmt.Sprintf("c%03d", order[i]), fmt.Sprintf("c%03d", order[i+1])
		edges = append(edges, pair{A: min(a, b), B: max(a, b)})
	}
	p, s := beam.NewPipelineWithRoot()
	components(s, beam.CreateList(s, edges), 1)
	if err := ptest.Run(p); err == nil {
		t.Fatal("one round on a chain of 256: want an error")
	}
}

func toAny[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

package lineage

import (
	"fmt"
	"os"
	"testing"

	"github.com/wirediff/wirediff/internal/msrp"
	"github.com/wirediff/wirediff/internal/sortedset"
)

func TestScratchDump(t *testing.T) {
	train, test, background := readMSRP(t)
	al, err := NewAligner(background, Options{})
	if err != nil {
		t.Fatal(err)
	}
	o := &al.opt
	f, _ := os.Create("/tmp/lin6_msrp.tsv")
	defer f.Close()
	dump := func(set string, ps []msrp.Pair) {
		for i, pp := range ps {
			a, b, p := al.pair(pp.A, pp.B)
			ea, eb := a.extra(o.Lexicon), b.extra(o.Lexicon)
			ma, ta := cover(ea.cw, eb.cw, true)
			mb, tb := cover(eb.cw, ea.cw, true)
			ca, cb := 0.0, 0.0
			if ta > 0 {
				ca = ma / ta
			}
			if tb > 0 {
				cb = mb / tb
			}
			numOK := func(x, y *sentence) int {
				for _, n := range x.nums {
					if _, ok := slicesBS(y.nums, n); !ok {
						return 0
					}
				}
				return 1
			}
			nn := sortedset.Intersect(ea.names, eb.names, nil)
			g := 0
			if pp.Same {
				g = 1
			}
			m := 0
			if o.merged(p) {
				m = 1
			}
			fmt.Fprintf(f, "%s\t%d\t%d\t%.4f\t%.4f\t%d\t%d\t%.4f\t%.4f\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n", set, i, g, o.prob(a, b, p), o.penalized(p), p.Shared, m, ca, cb, numOK(a, b), numOK(b, a),
				len(ea.names)-nn, len(eb.names)-nn, len(a.toks), len(b.toks), len(ea.cw)+len(eb.cw))
		}
	}
	dump("train", train)
	dump("test", test)
}

func slicesBS(x []string, n string) (int, bool) {
	for i, v := range x {
		if v == n {
			return i, true
		}
	}
	return 0, false
}

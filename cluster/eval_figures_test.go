package cluster_test

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/benchmarks"
	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/eval"
	"github.com/wirediff/wirediff/internal/devdata"
	"github.com/wirediff/wirediff/internal/quality"
	"github.com/wirediff/wirediff/similarity"
)

// TestEvalFigures measures the check of figures (cluster.Figures) pair by
// pair where the truth is known: the share of the numbers of the article
// that gives fewer found in the other, over the pairs where each gives at
// least Figures.Min. Copies and rewrites of the generated corpus and the
// derived answers of Clough & Stevenson should pass; notes written from
// one template on different companies should not. Reports of one event
// by different outlets (ECB+ dev) are shown for the story level, which
// does not check figures. Run with WIREDIFF_EVAL=1 (make eval).
func TestEvalFigures(t *testing.T) {
	if os.Getenv("WIREDIFF_EVAL") == "" {
		t.Skip("set WIREDIFF_EVAL=1 (make eval) to measure the check of figures")
	}
	f, _ := testFeaturizer(t)
	opt := cluster.DefaultOptions().Figures
	type tally struct {
		pairs, differ int
		shares        []float64
	}
	tallies := map[string]*tally{}
	pair := func(set string, a, b *cluster.Doc) {
		na, nb := a.Numbers(), b.Numbers()
		fewer := min(len(na), len(nb))
		if fewer < opt.Min {
			return
		}
		x := tallies[set]
		if x == nil {
			x = &tally{}
			tallies[set] = x
		}
		s := float64(similarity.Intersection(na, nb)) / float64(fewer)
		x.pairs++
		x.shares = append(x.shares, s)
		if s < opt.Share {
			x.differ++
		}
	}
	groupsOf := func(set string, docs map[string]*cluster.Doc, label map[string]string) {
		members := map[string][]string{}
		for id, l := range label {
			members[l] = append(members[l], id)
		}
		for _, l := range slices.Sorted(maps.Keys(members)) {
			m := members[l]
			slices.Sort(m)
			for x := range m {
				for y := x + 1; y < len(m); y++ {
					pair(set, docs[m[x]], docs[m[y]])
				}
			}
		}
	}

	// The generated corpus of the benchmarks (10,000 articles, seed 1):
	// copies and rewrites of one source, pairs of a rewrite family.
	gen := map[string]*cluster.Doc{}
	copyOf, familyOf := map[string]string{}, map[string]string{}
	require.NoError(t, benchmarks.Generate(benchmarks.GenConfig{Articles: 10000, Seed: 1}, func(a benchmarks.GenArticle) error {
		d := f.Doc(&corpus.Article{ID: a.ID, Title: a.Title, Text: a.Text})
		gen[a.ID] = &d
		copyOf[a.ID], familyOf[a.ID] = a.Copy, a.Rewrite
		return nil
	}))
	groupsOf("generated copies", gen, copyOf)
	groupsOf("generated rewrite families", gen, familyOf)

	// Clough & Stevenson: each answer against its task's original.
	cl := map[string]*cluster.Doc{}
	texts := devdata.Clough(t)
	for _, c := range texts {
		d := f.Doc(&corpus.Article{ID: c.ID, Text: c.Text})
		cl[c.ID] = &d
	}
	for _, c := range texts {
		switch c.Category {
		case "orig":
		case "non":
			pair("Clough & Stevenson, independent answers", cl[c.ID], cl[c.SourceID()])
		default:
			pair("Clough & Stevenson, derived answers", cl[c.ID], cl[c.SourceID()])
		}
	}

	// ECB+ dev: pairs of reports of one event.
	ecb := map[string]*cluster.Doc{}
	dir := devdata.Path(t, "data/ecbplus-dev")
	_, err := corpus.Read([]string{filepath.Join(dir, "articles.jsonl")}, corpus.Options{}, func(a corpus.Article) error {
		d := f.Doc(&a)
		ecb[a.ID] = &d
		return nil
	})
	require.NoError(t, err)
	gold, err := eval.ReadClusteringFile(filepath.Join(dir, "gold.tsv"))
	require.NoError(t, err)
	groupsOf("ECB+ dev, one event (story level)", ecb, gold)

	// Notes from one template on 1,000 companies: 2,000 notes, each
	// against the next (different companies).
	notes := templatedNotes(2000)
	for k := 0; k+1 < len(notes); k += 2 {
		a := f.Doc(&corpus.Article{ID: "a", Text: notes[k]})
		b := f.Doc(&corpus.Article{ID: "b", Text: notes[k+1]})
		pair("templated notes, two companies", &a, &b)
	}

	scores := quality.Scores{}
	t.Logf("check of figures: at least %d numbers each, a share below %.2f differs", opt.Min, opt.Share)
	t.Logf("%-42s %6s %6s %6s %6s %6s", "pairs", "n", "differ", "min", "p01", "median")
	for _, set := range slices.Sorted(maps.Keys(tallies)) {
		x := tallies[set]
		slices.Sort(x.shares)
		q := func(p float64) float64 { return x.shares[int(p*float64(len(x.shares)-1))] }
		t.Logf("%-42s %6d %6d %6.2f %6.2f %6.2f", set, x.pairs, x.differ, x.shares[0], q(0.01), q(0.5))
		key := "figures/" + strings.NewReplacer(" ", "-", ",", "", "&", "and", "(", "", ")", "", "+", "plus").Replace(strings.ToLower(set))
		scores[key+"/pairs"] = float64(x.pairs)
		scores[key+"/differ"] = float64(x.differ)
	}
	quality.Check(t, qualityGolden, *update, scores)

	assert.Zero(t, tallies["generated copies"].differ, "a copy gives its source's figures")
	rw := tallies["generated rewrite families"]
	assert.LessOrEqual(t, float64(rw.differ), 0.005*float64(rw.pairs), "rewrites of one source whose figures differ")
	tn := tallies["templated notes, two companies"]
	assert.GreaterOrEqual(t, float64(tn.differ), 0.99*float64(tn.pairs), "templated notes on two companies whose figures agree")
}

// templatedNotes writes n earnings notes from one template, each on one of
// n/2 made-up companies with figures of its own.
func templatedNotes(n int) []string {
	r := rand.New(rand.NewPCG(2, 7))
	syl := func() string {
		return string("bcdfghklmnprstvz"[r.IntN(16)]) + string("aeiou"[r.IntN(5)])
	}
	companies := make([]string, n/2)
	for k := range companies {
		companies[k] = strings.ToUpper(syl()[:1]) + syl()[1:] + syl() + syl()
	}
	u := func(lo, hi float64) float64 { return lo + r.Float64()*(hi-lo) }
	out := make([]string, n)
	for k := range out {
		c := companies[r.IntN(len(companies))]
		eps := u(0.1, 5)
		rev := u(10, 900)
		out[k] = fmt.Sprintf("%[1]s Corp. (NYSE: %[2]s) reported quarterly earnings of $%.2[3]f per share on Tuesday, against analysts' consensus estimate of $%.2[4]f per share. "+
			"The company posted revenue of $%.1[5]f million for the quarter, compared to $%.1[6]f million expected by analysts. "+
			"%[1]s's stock traded at $%.2[7]f on Tuesday morning. The company has a market capitalization of $%.2[8]f billion, "+
			"a price-to-earnings ratio of %.2[9]f and a beta of %.2[10]f. %[1]s has a 52-week low of $%.2[11]f and a 52-week high of $%.2[12]f. "+
			"Several analysts have recently commented on %[2]s shares. Analysts expect that %[1]s will post %.2[13]f earnings per share for the current fiscal year.",
			c, strings.ToUpper(c[:3]), eps, eps*u(0.8, 1.2), rev, rev*u(0.8, 1.2), u(5, 300), u(0.1, 90), u(5, 60), u(0.5, 2), u(1, 100), u(100, 400), u(1, 20))
	}
	return out
}

package lineage

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wirediff/wirediff/benchmarks"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/internal/devdata"
	"github.com/wirediff/wirediff/internal/quality"
)

// TestEvalSourceGenerated measures source inference on the rewrite
// families of the benchmark generator, whose source is known (the first
// article of a family, label ".../c0", published first): with the source
// in the group it must be picked in at least 99% of families; with it
// taken out, no rewrite may be picked (a verbatim copy of the source,
// which carries its text, may).
//
//	WIREDIFF_EVAL=1 go test ./lineage -run TestEvalSourceGenerated$ -v
func TestEvalSourceGenerated(t *testing.T) {
	evalGate(t)
	rate, wrongWithout := sourceGenerated(t, 17, Options{}, true, false)
	quality.Check(t, qualityGolden, *update, quality.Scores{
		"source/generated/picked":                 rate,
		"source/generated/rewrite-picked-without": float64(wrongWithout),
	})
	if rate < 0.99 {
		t.Errorf("source picked in %.1f%% of families, want at least 99%%", 100*rate)
	}
	// The target is that no rewrite is ever picked when the source is
	// absent; 11 of 278 families still are, each two rewrites alone but for
	// verbatim copies (docs/measurements.md, Lineage). The floor guards the
	// measured figure.
	if wrongWithout > 11 {
		t.Errorf("a rewrite was picked as the source of %d families whose source is not in the group, more than the 11 measured", wrongWithout)
	}
}

// sourceGenerated runs source inference with opt on the families of a
// generated corpus of 3,000 articles: the share of families whose source
// is picked, and the number of families taken without their source where
// a rewrite is picked.
func sourceGenerated(t *testing.T, seed uint64, opt Options, verbose, undated bool) (float64, int) {
	res := runGenerated(t, genRun{seed: seed, opt: opt, verbose: verbose, undated: undated})
	return res.rate, res.wrongWithout
}

// genRun says how runGenerated runs: the corpus seed, the options, whether
// to log, to remove publication times, and to measure the fidelity of
// each member picked (see group.fidelity).
type genRun struct {
	seed                       uint64
	opt                        Options
	verbose, undated, fidelity bool
}

// genResult is what runGenerated measured: the share of families whose
// source is picked, the families without their source where a rewrite
// is, and with genRun.fidelity, every member picked.
type genResult struct {
	rate         float64
	wrongWithout int
	picks        []genPick
}

// genPick is a member picked as the source: the family's source (present)
// or a rewrite picked without it, with its fidelity and asymmetry.
type genPick struct {
	rewrite   bool
	fid, asym float64
}

func runGenerated(t *testing.T, run genRun) genResult {
	seed, opt, verbose, undated := run.seed, run.opt, run.verbose, run.undated
	var picks []genPick
	pick := func(arts []corpus.Article, id string, rewrite bool) {
		if !run.fidelity {
			return
		}
		o := opt
		if err := o.setDefaults(); err != nil {
			t.Fatal(err)
		}
		g, err := newGroup(sortedPtrs(arts), o)
		if err != nil {
			t.Fatal(err)
		}
		for d, doc := range g.docs {
			if doc.art.ID == id {
				p := genPick{rewrite: rewrite}
				p.fid, p.asym = g.fidelity(d)
				picks = append(picks, p)
			}
		}
	}
	families := map[string][]benchmarks.GenArticle{}
	var order []string
	err := benchmarks.Generate(benchmarks.GenConfig{Articles: 3000, Seed: seed}, func(a benchmarks.GenArticle) error {
		if !strings.Contains(a.Rewrite, "/f") {
			return nil
		}
		if _, ok := families[a.Rewrite]; !ok {
			order = append(order, a.Rewrite)
		}
		families[a.Rewrite] = append(families[a.Rewrite], a)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	toArticle := func(g benchmarks.GenArticle) corpus.Article {
		a := corpus.Article{ID: g.ID, Outlet: g.Outlet, Title: g.Title, Text: g.Text}
		if !undated {
			a.Published, _ = time.Parse(time.RFC3339, g.Published)
		}
		a.ExtractMetadata()
		return a
	}
	var n, picked, without, wrongWithout, copyWithout, ofCopies int
	var twoTexts, twoTextsWrong int // picks whose reason says they rest on two distinct texts
	const caveat = "with two distinct texts only"
	for _, key := range order {
		fam := families[key]
		if len(fam) < 2 {
			continue
		}
		src := -1
		for i, a := range fam {
			if strings.HasSuffix(a.Copy, "/c0") && (src < 0 || a.Published < fam[src].Published) {
				src = i
			}
		}
		arts := make([]corpus.Article, len(fam))
		for i, a := range fam {
			arts[i] = toArticle(a)
		}
		r, err := Analyze(arts, opt)
		if err != nil {
			t.Fatal(err)
		}
		n++
		if r.Reference.Kind == KindSource && r.Reference.SourceID == fam[src].ID {
			picked++
			pick(arts, fam[src].ID, false)
			if strings.Contains(r.Reference.Why, caveat) {
				twoTexts++
			}
		} else if verbose && n-picked <= 5 {
			t.Logf("family %s (%d members): source %s not picked: %s", key, len(fam), fam[src].ID, r.Reference.Why)
		}
		// Without the source.
		var rest []corpus.Article
		copyOf := map[string]bool{}
		label := map[string]string{}
		for i, a := range fam {
			if i == src {
				continue
			}
			rest = append(rest, arts[i])
			copyOf[a.ID] = a.Copy == fam[src].Copy
			label[a.ID] = a.Copy
		}
		// onlyCopies: every other member is a verbatim copy of id, which is
		// then their source.
		onlyCopies := func(id string) bool {
			for other, l := range label {
				if other != id && l != label[id] {
					return false
				}
			}
			return true
		}
		if len(rest) < 2 {
			continue
		}
		r, err = Analyze(rest, opt)
		if err != nil {
			t.Fatal(err)
		}
		without++
		if r.Reference.Kind == KindSource {
			switch id := r.Reference.SourceID; {
			case copyOf[id]:
				copyWithout++
			case onlyCopies(id):
				ofCopies++
			default:
				wrongWithout++
				pick(rest, id, true)
				if strings.Contains(r.Reference.Why, caveat) {
					twoTextsWrong++
				}
				if verbose {
					var members []string
					for _, a := range fam {
						if a.ID != fam[src].ID {
							members = append(members, fmt.Sprintf("%s %s %s", a.ID, strings.TrimPrefix(a.Copy, a.Rewrite+"/"), a.Published))
						}
					}
					t.Logf("family %s without its source (%s): rewrite %s picked: %s", key, strings.Join(members, ", "), r.Reference.SourceID, r.Reference.Why)
				}
			}
		}
	}
	rate := float64(picked) / float64(n)
	if verbose {
		t.Logf("generated families (3,000 articles, seed %d): source picked in %d of %d (%.1f%%); without the source, %d families: a rewrite picked %d times, a verbatim copy of the source %d times, a rewrite whose verbatim copies are all the others %d times",
			seed, picked, n, 100*rate, without, wrongWithout, copyWithout, ofCopies)
		t.Logf("picks saying they rest on two distinct texts: %d of the %d sources picked, %d of the %d rewrites picked without their source",
			twoTexts, picked, twoTextsWrong, wrongWithout)
	}
	return genResult{rate: rate, wrongWithout: wrongWithout, picks: picks}
}

// TestCalibrateSourceFidelity fits Options.SourceMinFidelity and
// SourceMinAsymmetry on the development seed (7): with the rule off, it
// measures the fidelity and asymmetry of every member picked, sources of
// the families holding them and rewrites of those taken without, and
// takes the pair that leaves the fewest rewrites picked while losing none
// of the sources picked (then the lowest thresholds): the other rules
// already miss some sources, and the target leaves 1% in all.
// TestEvalSourceGenerated evaluates seed 17.
//
//	WIREDIFF_EVAL=1 go test ./lineage -run TestCalibrateSourceFidelity -v
func TestCalibrateSourceFidelity(t *testing.T) {
	evalGate(t)
	res := runGenerated(t, genRun{seed: 7, opt: Options{SourceMinFidelity: -1, SourceMinAsymmetry: -1}, fidelity: true})
	sources, rewrites := 0, 0
	for _, p := range res.picks {
		if p.rewrite {
			rewrites++
		} else {
			sources++
		}
	}
	type fit struct {
		f, a        float64
		lost, wrong int
	}
	var best fit
	found := false
	for fi := 80; fi <= 98; fi++ {
		for ai := 0; ai <= 50; ai++ {
			c := fit{f: float64(fi) / 100, a: float64(ai) / 100}
			for _, p := range res.picks {
				keep := p.fid >= c.f || p.asym >= c.a
				switch {
				case p.rewrite && keep:
					c.wrong++
				case !p.rewrite && !keep:
					c.lost++
				}
			}
			if c.lost > 0 {
				continue
			}
			if !found || c.wrong < best.wrong {
				best, found = c, true
			}
		}
	}
	if !found {
		t.Fatal("no thresholds keep every source")
	}
	t.Logf("seed 7, the rule off: %d sources and %d rewrites picked; fitted SourceMinFidelity %.2f, SourceMinAsymmetry %.2f: %d rewrites still picked",
		sources, rewrites, best.f, best.a, best.wrong)
	var o Options
	if err := o.setDefaults(); err != nil {
		t.Fatal(err)
	}
	if o.SourceMinFidelity != best.f || o.SourceMinAsymmetry != best.a {
		t.Errorf("defaults SourceMinFidelity %.2f, SourceMinAsymmetry %.2f; fitted %.2f, %.2f", o.SourceMinFidelity, o.SourceMinAsymmetry, best.f, best.a)
	}
	// The rule applies to the member that wording alone points to as well.
	for _, opt := range []Options{{SourceMinFidelity: -1, SourceMinAsymmetry: -1}, {}} {
		rate, wrong := sourceGenerated(t, 7, opt, false, true)
		t.Logf("seed 7 without publication times, SourceMinFidelity %v: source picked in %.1f%% of the families holding it; without the source, a rewrite picked %d times",
			opt.SourceMinFidelity, 100*rate, wrong)
	}
}

// TestCalibrateSourceMinCovers sweeps Options.SourceMinCovers on the
// development seed (7); TestEvalSourceGenerated evaluates seed 17.
//
//	WIREDIFF_EVAL=1 go test ./lineage -run TestCalibrateSourceMinCovers -v
func TestCalibrateSourceMinCovers(t *testing.T) {
	evalGate(t)
	for th := 0.60; th < 0.9; th += 0.04 {
		rate, wrong := sourceGenerated(t, 7, Options{SourceMinCovers: th}, false, false)
		t.Logf("SourceMinCovers %.2f: source picked %.3f, a rewrite picked without the source %d", th, rate, wrong)
	}
}

// TestEvalSourceClough: each task's original passage is picked as the
// source of its family of cut, light and heavy answers (the corpus has no
// dates).
//
//	WIREDIFF_EVAL=1 go test ./lineage -run TestEvalSourceClough -v
func TestEvalSourceClough(t *testing.T) {
	evalGate(t)
	picked, why := cloughSources(t, Options{})
	for _, w := range why {
		t.Log(w)
	}
	quality.Check(t, qualityGolden, *update, quality.Scores{"source/clough/original-picked": float64(picked)})
	t.Logf("the original is the source of %d of %d tasks", picked, len(why))
	if picked != len(why) {
		t.Errorf("the original is the source of %d of %d tasks, want all", picked, len(why))
	}
}

// cloughSources analyzes each Clough & Stevenson task's original with its
// cut, light and heavy answers, and returns in how many the original is
// the inferred source, and for each task (in task order) why.
func cloughSources(t *testing.T, opt Options) (picked int, why []string) {
	t.Helper()
	tasks := map[string][]corpus.Article{}
	orig := map[string]string{}
	for _, c := range devdata.Clough(t) {
		switch c.Category {
		case "orig":
			orig[c.Task] = c.ID
		case "non":
			continue
		}
		tasks[c.Task] = append(tasks[c.Task], corpus.Article{ID: c.ID, Text: c.Text})
	}
	for _, task := range slices.Sorted(maps.Keys(tasks)) {
		arts := tasks[task]
		r, err := Analyze(arts, opt)
		if err != nil {
			t.Fatal(err)
		}
		ok := r.Reference.Kind == KindSource && r.Reference.SourceID == orig[task]
		if ok {
			picked++
		}
		why = append(why, fmt.Sprintf("task %s (%d texts): %v: %s", task, len(arts), ok, r.Reference.Why))
	}
	return picked, why
}

// TestEvalSourceGeneratedUndated measures source inference on the same
// families as TestEvalSourceGenerated with their publication times
// removed, where it rests on wording alone (nearestOfMost, headToHead).
// No target: the figures are recorded to follow them.
//
//	WIREDIFF_EVAL=1 go test ./lineage -run TestEvalSourceGeneratedUndated -v
func TestEvalSourceGeneratedUndated(t *testing.T) {
	evalGate(t)
	rate, wrongWithout := sourceGenerated(t, 17, Options{}, false, true)
	t.Logf("generated families without publication times (3,000 articles, seed 17): source picked in %.1f%% of those holding it; without the source, a rewrite picked %d times", 100*rate, wrongWithout)
	quality.Check(t, qualityGolden, *update, quality.Scores{
		"source/generated-undated/picked":                 rate,
		"source/generated-undated/rewrite-picked-without": float64(wrongWithout),
	})
}

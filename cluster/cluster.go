package cluster

import (
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/wirediff/wirediff/similarity"
)

// Level names a grouping level. Levels nest: copy ⊂ rewrite ⊂ story.
type Level int

const (
	Copy    Level = iota // near-verbatim copies
	Rewrite              // derived from the same source report, however paraphrased
	Story                // the same real-world event, independently reported or not
)

var levelNames = [...]string{"copy", "rewrite", "story"}

func (l Level) String() string { return levelNames[l] }

// ParseLevel parses "copy", "rewrite" or "story".
func ParseLevel(s string) (Level, error) {
	for i, n := range levelNames {
		if n == s {
			return Level(i), nil
		}
	}
	return 0, fmt.Errorf("unknown level %q (want copy, rewrite or story)", s)
}

// Options control grouping. The zero value is not useful: start from
// [DefaultOptions].
type Options struct {
	// CopyThreshold is the exact word-shingle Jaccard above which two
	// articles are copies.
	CopyThreshold float64
	// RewriteThreshold and StoryThreshold are the group-average
	// similarities at which clusters merge (see [AverageLink]).
	RewriteThreshold float64
	StoryThreshold   float64
	// Window, when positive, keeps apart articles whose known publication
	// dates differ by more; articles without a date are never kept apart.
	Window time.Duration
	// TopTerms and PerDoc shape the more-like-this candidates: query
	// terms per article and candidates kept per article.
	TopTerms, PerDoc int
	// MaxBucket caps LSH buckets (0 = no cap).
	MaxBucket int
	// CopyOnly skips the rewrite and story levels (they equal copy).
	CopyOnly bool
	// ExactBudget bounds the pairs scored exhaustively per merge.
	ExactBudget int
}

// DefaultOptions are the defaults, calibrated on development data only
// (see the README).
func DefaultOptions() Options {
	return Options{
		CopyThreshold:    0.5,
		RewriteThreshold: 0.30,
		StoryThreshold:   0.20,
		TopTerms:         30,
		PerDoc:           40,
		MaxBucket:        5000,
		ExactBudget:      10000,
	}
}

// Result is a grouping: for each level, each doc's group label (the
// index of the group's first member in Docs, which is sorted by ID).
type Result struct {
	Docs   []Doc
	Labels [3][]int
	// CopyPairs are the LSH candidate pairs, MLTPairs the more-like-this
	// candidates.
	CopyPairs, MLTPairs []Edge
	SkippedBuckets      int
	Timings             []Timing
}

// Timing is the wall time of one stage.
type Timing struct {
	Stage string
	Took  time.Duration
}

// Grouper scores pairs of docs at each level.
type Grouper struct {
	Docs []Doc
	Opt  Options
}

// Run groups docs, which must be sorted by ID (the order fixes labels).
func Run(docs []Doc, bands similarity.Bands, opt Options) (*Result, error) {
	if !sort.SliceIsSorted(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID }) {
		return nil, fmt.Errorf("cluster: docs not sorted by ID")
	}
	r := &Result{Docs: docs}
	g := &Grouper{Docs: docs, Opt: opt}
	t0 := time.Now()
	stage := func(name string) {
		now := time.Now()
		r.Timings = append(r.Timings, Timing{name, now.Sub(t0)})
		t0 = now
	}

	// Copy level: LSH candidates verified by exact Jaccard.
	r.CopyPairs, r.SkippedBuckets = LSHPairs(docs, bands, opt.MaxBucket)
	stage("candidates-lsh")
	verified := parallelFilter(r.CopyPairs, func(e Edge) bool {
		return g.inWindow(int(e.I), int(e.J)) &&
			similarity.Jaccard(docs[e.I].Shingles, docs[e.J].Shingles) >= opt.CopyThreshold
	})
	r.Labels[Copy] = AverageLink(len(docs), nil, verified, func(i, j int) float64 {
		if !g.inWindow(i, j) {
			return 0
		}
		return similarity.Jaccard(docs[i].Shingles, docs[j].Shingles)
	}, opt.CopyThreshold, opt.ExactBudget)
	stage("cluster-copy")
	if opt.CopyOnly {
		r.Labels[Rewrite] = r.Labels[Copy]
		r.Labels[Story] = r.Labels[Copy]
		return r, nil
	}

	r.MLTPairs = MoreLikeThis(docs, opt.TopTerms, opt.PerDoc, maxDF(len(docs)), g.inWindow)
	stage("candidates-mlt")
	edges := append(append([]Edge(nil), r.CopyPairs...), r.MLTPairs...)
	sortEdges(edges)
	edges = dedupEdges(edges)
	r.Labels[Rewrite] = AverageLink(len(docs), r.Labels[Copy], edges, g.RewriteSim, opt.RewriteThreshold, opt.ExactBudget)
	stage("cluster-rewrite")
	r.Labels[Story] = AverageLink(len(docs), r.Labels[Rewrite], edges, g.StorySim, opt.StoryThreshold, opt.ExactBudget)
	stage("cluster-story")
	return r, nil
}

func maxDF(n int) int {
	m := n / 20
	if m < 50 {
		m = 50
	}
	return m
}

func (g *Grouper) inWindow(i, j int) bool {
	if g.Opt.Window <= 0 {
		return true
	}
	a, b := g.Docs[i].Published, g.Docs[j].Published
	if a.IsZero() || b.IsZero() {
		return true
	}
	d := a.Sub(b)
	if d < 0 {
		d = -d
	}
	return d <= g.Opt.Window
}

// StorySim is the story-level similarity: TF-IDF cosine of title and
// body, zero outside the date window.
func (g *Grouper) StorySim(i, j int) float64 {
	if !g.inWindow(i, j) {
		return 0
	}
	return Cosine(g.Docs[i].Terms, g.Docs[j].Terms)
}

// RewriteSim is the rewrite-level similarity (see [Evidence]).
func (g *Grouper) RewriteSim(i, j int) float64 {
	if !g.inWindow(i, j) {
		return 0
	}
	return g.Evidence(i, j).Rewrite
}

// Evidence is what two docs share, with the scores derived from it.
type Evidence struct {
	Jaccard       float64 `json:"jaccard"`        // word-shingle Jaccard (copy level)
	Cosine        float64 `json:"cosine"`         // TF-IDF cosine (story level)
	PhraseShare   float64 `json:"phrase_share"`   // content bigrams shared / smaller set
	QuoteShare    float64 `json:"quote_share"`    // quoted 4-grams shared / smaller set
	NameShare     float64 `json:"name_share"`     // names and numbers shared / smaller set
	SharedQuotes  int     `json:"shared_quotes"`  // quoted 4-grams in both
	SharedNames   int     `json:"shared_names"`   // names and numbers in both
	SharedPhrases int     `json:"shared_phrases"` // content bigrams in both
	Rewrite       float64 `json:"rewrite"`        // rewrite score
}

// Evidence computes the pair's evidence.
func (g *Grouper) Evidence(i, j int) Evidence {
	a, b := &g.Docs[i], &g.Docs[j]
	var e Evidence
	e.Jaccard = similarity.Jaccard(a.Shingles, b.Shingles)
	e.Cosine = Cosine(a.Terms, b.Terms)
	e.SharedPhrases = similarity.Intersection(a.Phrases, b.Phrases)
	e.PhraseShare = share(e.SharedPhrases, len(a.Phrases), len(b.Phrases))
	e.SharedQuotes = similarity.Intersection(a.Quotes, b.Quotes)
	e.QuoteShare = share(e.SharedQuotes, len(a.Quotes), len(b.Quotes))
	e.SharedNames = similarity.Intersection(a.Names, b.Names)
	e.NameShare = share(e.SharedNames, len(a.Names), len(b.Names))
	e.Rewrite = rewriteScore(e)
	return e
}

func share(n, a, b int) float64 {
	m := min(a, b)
	if m == 0 {
		return 0
	}
	return float64(n) / float64(m)
}

// rewriteScore combines the evidence into one derivation score.
func rewriteScore(e Evidence) float64 {
	return e.PhraseShare
}

func parallelFilter(es []Edge, keep func(Edge) bool) []Edge {
	ok := make([]bool, len(es))
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	chunk := (len(es) + workers - 1) / workers
	for w := 0; w < workers; w++ {
		lo, hi := w*chunk, min((w+1)*chunk, len(es))
		if lo >= hi {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := lo; k < hi; k++ {
				ok[k] = keep(es[k])
			}
		}()
	}
	wg.Wait()
	var out []Edge
	for k, e := range es {
		if ok[k] {
			out = append(out, e)
		}
	}
	return out
}

// Package benchmarks implements reproducible workloads for measuring
// wirediff: a seeded generator of news-like corpora with ground truth, and
// the corpus-growth benchmarks that run on them.
//
// # Generated corpora
//
// [Generate] streams a synthetic corpus whose articles carry truth labels at
// three nested levels, copy ⊂ rewrite ⊂ story:
//
//   - Story: every article about one event. A story covered by a rewrite
//     family also has independent same-story articles: written separately,
//     they share the story's names, numbers and topic words but no sentences.
//   - Rewrite: a family grown from one source article (about 600 words in
//     15–30 sentences, with quotes, names and numbers) that other outlets
//     rewrote: sentences dropped and reordered, words swapped for
//     paraphrases from a small synonym table, words edited, commentary
//     sentences added, quotes kept, trimmed or turned into reported speech,
//     new headlines; all published within three days of the source.
//   - Copy: an article and its verbatim copies, which change only the
//     headline and/or add a boilerplate footer.
//
// Unrelated articles are a story, a rewrite and a copy group of their own.
//
// Words are drawn from a unigram model of real news (testdata/wordfreq.tsv.gz,
// counts of the 20,000 most frequent lowercase words and 4,000 names in the
// labelled data of ../shared/data), so token frequencies follow the Zipf-like
// distribution of news, and sentence lengths follow a log-normal distribution
// with a median of 20 words (mean about 22), as in newswire text. The text is
// not grammatical: it has the statistics of news, not its meaning, which is
// what shingling, MinHash and inverted-index costs depend on.
//
// Generation is deterministic: the same [GenConfig] gives the same bytes on
// every platform. It streams: memory stays bounded (one story and a
// 512-article shuffle window) however many articles are asked for, and
// output is ordered by the time the articles were published, up to the
// shuffle window.
//
// References: A. J. Walker, An efficient method for generating discrete
// random variables with general distributions, ACM TOMS 3(3), 1977, and
// M. D. Vose, A linear algorithm for generating random numbers with a given
// distribution, IEEE TSE 17(9), 1991 (the alias tables that draw words).
package benchmarks

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"
)

// GenConfig configures [Generate]. Zero fields take the documented
// defaults; set a share to a negative value to ask for none.
type GenConfig struct {
	Articles int    // articles to generate
	Seed     uint64 // random seed; the same config gives the same corpus

	// Shares of the articles that are members of rewrite families (default
	// 0.5), independent same-story articles (default 0.2) and unrelated
	// articles (default 0.3). They are weights: they need not sum to 1.
	FamilyShare, StoryShare, UnrelatedShare float64

	// FamilyMin and FamilyMax bound the size of a rewrite family, its
	// source and copies included (defaults 3 and 8).
	FamilyMin, FamilyMax int

	// CopyShare is the share of family members other than the source that
	// are verbatim copies of an earlier member rather than rewrites
	// (default 0.3).
	CopyShare float64
}

// Default values of [GenConfig].
const (
	DefaultFamilyShare    = 0.5
	DefaultStoryShare     = 0.2
	DefaultUnrelatedShare = 0.3
	DefaultFamilyMin      = 3
	DefaultFamilyMax      = 8
	DefaultCopyShare      = 0.3
)

// ErrGenConfig reports an invalid [GenConfig].
var ErrGenConfig = errors.New("invalid generator config")

// GenArticle is one generated article with its truth labels. Labels nest:
// articles with one Copy label share one Rewrite label, and articles with
// one Rewrite label share one Story label.
type GenArticle struct {
	ID, Outlet, Title, Published, Text string
	Copy, Rewrite, Story               string // truth labels
}

// share returns v, or def for 0, or 0 for a negative v.
func share(v, def float64) float64 {
	switch {
	case v == 0:
		return def
	case v < 0:
		return 0
	}
	return v
}

// normalized returns cfg with defaults filled in and shares summing to 1.
func (cfg GenConfig) normalized() (GenConfig, error) {
	if cfg.Articles < 0 {
		return cfg, fmt.Errorf("%w: Articles = %d", ErrGenConfig, cfg.Articles)
	}
	cfg.FamilyShare = share(cfg.FamilyShare, DefaultFamilyShare)
	cfg.StoryShare = share(cfg.StoryShare, DefaultStoryShare)
	cfg.UnrelatedShare = share(cfg.UnrelatedShare, DefaultUnrelatedShare)
	cfg.CopyShare = share(cfg.CopyShare, DefaultCopyShare)
	total := cfg.FamilyShare + cfg.StoryShare + cfg.UnrelatedShare
	if total == 0 || math.IsInf(total, 0) || math.IsNaN(total) || cfg.CopyShare > 1 || math.IsNaN(cfg.CopyShare) {
		return cfg, fmt.Errorf("%w: shares %v/%v/%v, copy share %v",
			ErrGenConfig, cfg.FamilyShare, cfg.StoryShare, cfg.UnrelatedShare, cfg.CopyShare)
	}
	cfg.FamilyShare /= total
	cfg.StoryShare /= total
	cfg.UnrelatedShare /= total
	if cfg.FamilyMin == 0 {
		cfg.FamilyMin = DefaultFamilyMin
	}
	if cfg.FamilyMax == 0 {
		cfg.FamilyMax = max(DefaultFamilyMax, cfg.FamilyMin)
	}
	if cfg.FamilyMin < 2 || cfg.FamilyMax < cfg.FamilyMin {
		return cfg, fmt.Errorf("%w: family size range [%d, %d], want 2 <= min <= max",
			ErrGenConfig, cfg.FamilyMin, cfg.FamilyMax)
	}
	return cfg, nil
}

// shuffleWindow is how many generated articles wait to be emitted in random
// order, so that families interleave as they do in a real feed.
const shuffleWindow = 512

// Generate generates cfg.Articles articles and calls fn with each, in a
// deterministic order; it stops at and returns the first error fn returns.
func Generate(cfg GenConfig, fn func(GenArticle) error) error {
	cfg, err := cfg.normalized()
	if err != nil {
		return err
	}
	m, err := defaultWordModel()
	if err != nil {
		return err
	}
	g := newGenerator(cfg, m)
	window := make([]GenArticle, 0, shuffleWindow)
	emitted, made := 0, 0
	emit := func(a GenArticle) error {
		a.ID = "gen-" + pad(emitted, 7)
		emitted++
		return fn(a)
	}
	for made < cfg.Articles {
		for _, a := range g.story() {
			if made == cfg.Articles {
				break
			}
			made++
			if len(window) < shuffleWindow {
				window = append(window, a)
				continue
			}
			i := g.rng.IntN(len(window))
			out := window[i]
			window[i] = a
			if err := emit(out); err != nil {
				return err
			}
		}
	}
	for len(window) > 0 {
		i := g.rng.IntN(len(window))
		out := window[i]
		window[i] = window[len(window)-1]
		window = window[:len(window)-1]
		if err := emit(out); err != nil {
			return err
		}
	}
	return nil
}

// pad formats n in decimal with at least width digits.
func pad(n, width int) string {
	s := strconv.Itoa(n)
	for len(s) < width {
		s = "0" + s
	}
	return s
}

// WriteJSONL writes a as one JSON line with the fields the corpus readers
// take: {"id","outlet","title","published","text"}. Truth labels are not
// written; keep them with [GenArticle.Copy] and friends.
func WriteJSONL(w io.Writer, a GenArticle) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	err := enc.Encode(struct {
		ID        string `json:"id"`
		Outlet    string `json:"outlet"`
		Title     string `json:"title"`
		Published string `json:"published"`
		Text      string `json:"text"`
	}{a.ID, a.Outlet, a.Title, a.Published, a.Text})
	if err != nil {
		return fmt.Errorf("write article %s: %w", a.ID, err)
	}
	return nil
}

// generator holds the state of one [Generate] run.
type generator struct {
	cfg GenConfig
	m   *wordModel
	rng *rand.Rand
	lexicon
	vocab []string // m.vocab, then the tokens of the current story

	pCovered   float64 // probability that a story is covered by more than one article
	indepMean  float64 // mean independent articles per covered story
	stories    int
	clock      time.Time
	minutesPer float64 // mean minutes between stories per article
}

func newGenerator(cfg GenConfig, m *wordModel) *generator {
	g := &generator{
		cfg:        cfg,
		m:          m,
		rng:        rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15)),
		clock:      time.Date(2024, 1, 1, 6, 0, 0, 0, time.UTC),
		minutesPer: 24 * 60 / 400.0, // about 400 articles a day
		lexicon:    m.lexicon,
		vocab:      slices.Clip(m.vocab), // appends copy, leaving the shared model alone
	}
	// A covered story brings A articles on average, an unrelated one 1; the
	// probability p of a covered story makes their article shares
	// F+S : U, so p·A / (p·A + 1 − p) = F + S.
	f, s, u := cfg.FamilyShare, cfg.StoryShare, cfg.UnrelatedShare
	var a float64
	if f > 0 {
		meanFamily := float64(cfg.FamilyMin+cfg.FamilyMax) / 2
		g.indepMean = meanFamily * s / f
		a = meanFamily + g.indepMean
	} else {
		g.indepMean = 3 // stories told only by independent articles: 3 on average
		a = g.indepMean
	}
	if f+s > 0 {
		g.pCovered = (f + s) / (a*u + f + s)
	}
	return g
}

// poisson draws from a Poisson distribution with the given mean (Knuth's
// method; a rounded normal approximation for large means).
func (g *generator) poisson(mean float64) int {
	if mean > 30 {
		return max(0, int(math.Round(mean+math.Sqrt(mean)*g.rng.NormFloat64())))
	}
	l, k, p := math.Exp(-mean), 0, 1.0
	for {
		p *= g.rng.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

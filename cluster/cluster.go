package cluster

import (
	"fmt"
	"math"
	"math/bits"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/wirediff/wirediff/internal/parallel"
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

// GroupID is the ID of the group at level l whose first member (by ID)
// is first: the level's initial and a colon, then that ID
// ("r:000_4bd703d3e122696c"). An article in no group of others is the
// group GroupID(l, its ID).
func GroupID(l Level, first string) string {
	return [...]string{"c:", "r:", "s:"}[l] + first
}

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
	// Thresholds are the merge thresholds of the three levels.
	Thresholds Thresholds
	// Window, when positive, keeps apart articles whose known publication
	// dates differ by more; articles without a date are never kept apart.
	Window time.Duration
	// Candidates shape the pairs that are scored at all.
	Candidates Candidates
	// Rewrite and Story weigh the evidence in the rewrite and story
	// scores.
	Rewrite RewriteScoring
	Story   StoryScoring
	// Figures keep reports of other figures apart at the copy and
	// rewrite levels (see [Figures]).
	Figures Figures
	// ExactBudget bounds the pairs scored exhaustively per merge.
	ExactBudget int
	// CopyOnly skips the rewrite and story levels (they equal copy).
	CopyOnly bool
}

// Thresholds are the similarities at which clusters merge, one per level.
type Thresholds struct {
	// Copy is the exact word-shingle Jaccard above which two articles
	// are copies.
	Copy float64
	// Rewrite and Story are the group-average similarities at which
	// clusters merge (see [AverageLink]).
	Rewrite, Story float64
}

// At returns the threshold of level l.
func (t Thresholds) At(l Level) float64 {
	return [...]float64{t.Copy, t.Rewrite, t.Story}[l]
}

// Set sets the threshold of level l to v.
func (t *Thresholds) Set(l Level, v float64) {
	*[...]*float64{&t.Copy, &t.Rewrite, &t.Story}[l] = v
}

// Candidates shape the candidate pairs: LSH buckets at the copy level,
// more-like-this queries at the rewrite and story levels.
type Candidates struct {
	// TopTerms and PerDoc shape the more-like-this candidates: query
	// terms per article and candidates kept per article.
	TopTerms, PerDoc int
	// MaxBucket is the largest LSH bucket paired member by member; a
	// larger one is grouped against a leader (see [GroupCopies]). 0 = no
	// cap.
	MaxBucket int
	// MaxDF caps the postings of a more-like-this term: the MaxDF docs
	// where the term weighs most (0 = automatic, see maxDF).
	MaxDF int
}

// RewriteScoring weighs the evidence of the rewrite score (see
// [Grouper.RewriteSim]).
type RewriteScoring struct {
	// PassageWeight weighs the wording two articles share outside
	// quotations (see [Doc].Passages): an excerpt or a lightly edited
	// copy keeps its source's sentences, while independent reports share
	// at most the quotations they both carry. MinPassages is the fewest
	// sampled shingles of its own wording an article needs for it to
	// count: a lede of a few dozen words shares set phrases ("president
	// donald trump said") by chance. 0 turns it off.
	PassageWeight float64
	MinPassages   int
}

// StoryScoring weighs the evidence of the story similarity (see
// [Grouper.StorySim]).
type StoryScoring struct {
	// SharedWeight mixes the shared-nearest-neighbour score into the
	// story similarity: (1-w)·cosine + w·SNN. Neighbours is the length of
	// each article's neighbour list and NeighbourFloor the least cosine
	// of a neighbour.
	SharedWeight   float64
	Neighbours     int
	NeighbourFloor float64
	// DayWeight weighs the agreement of the weekdays the two articles'
	// titles and ledes name (see dayAgreement): news says when the event
	// happened, and events of one kind on different days are different
	// events.
	DayWeight float64
	// MinTerms is the fewest distinct content terms an article needs to
	// join others at story level: below it (a headline of a few words)
	// one shared name makes a high cosine, and a text too short to say
	// what happened cannot tell one event from another. Such an article
	// still joins its copies and rewrites. 0 turns it off.
	MinTerms int
}

// Figures is the check of two articles' figures (the numbers they give):
// a copy or a rewrite repeats the figures of its source that it keeps,
// while articles written from one template (earnings notes, results
// tables, weather and market reports) share its wording and differ in
// their figures. When each of two articles gives at least Min numbers and
// fewer than Share of the numbers of the one that gives fewer are in the
// other, the pair is not a copy (its copy score counts as 0) and is no
// candidate pair at the rewrite level. The story level does not look at
// figures: reports of one event by different outlets often give
// different ones. Min 0 turns the check off.
type Figures struct {
	Min   int
	Share float64
}

// differ reports whether two articles that share shared numbers, of fewer
// given by the one that gives fewer, fail the check.
func (f Figures) differ(shared, fewer int) bool {
	return f.Min > 0 && fewer >= f.Min && float64(shared) < f.Share*float64(fewer)-1e-9 // 2 of 6 is a third
}

// DefaultOptions are the defaults, calibrated on development data only
// (see docs/design.md).
func DefaultOptions() Options {
	return Options{
		Thresholds: Thresholds{Copy: 0.5, Rewrite: 0.275, Story: 0.25},
		Window:     7 * 24 * time.Hour,
		Candidates: Candidates{TopTerms: 30, PerDoc: 40, MaxBucket: 5000},
		Rewrite:    RewriteScoring{PassageWeight: 1, MinPassages: 20},
		Story: StoryScoring{
			SharedWeight:   0.4,
			Neighbours:     5,
			NeighbourFloor: 0.25,
			DayWeight:      0.25,
			MinTerms:       8,
		},
		Figures:     Figures{Min: 5, Share: 1.0 / 3},
		ExactBudget: 10000,
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
	// SkippedBuckets counts the LSH buckets over MaxBucket, paired with
	// their leader only (see [LSHPairs]); Duplicates the docs grouped as
	// exact duplicates of an earlier one (see [Grouper.CopyLabels]).
	SkippedBuckets, Duplicates int
	Timings                    []Timing
	// Grouper scores pairs as the run did (with its neighbour lists).
	Grouper *Grouper

	onStage func(Timing)
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
	// nn holds each doc's nearest neighbours by cosine among its
	// candidates, sorted by index (for the shared-neighbour score).
	nn [][]int32

	datesOnce sync.Once
	unix      []int64 // publication times, noDate when unknown

	// cosCache holds the cosine of every candidate pair (i, j > i) in the
	// window, by i, sorted by j: each level asks for them again.
	cosCache [][]cosEntry
}

type cosEntry struct {
	j int32
	c float64
}

// cosine is the TF-IDF cosine of docs i and j, from the cache when the
// pair is a candidate.
func (g *Grouper) cosine(i, j int) float64 {
	if i > j {
		i, j = j, i
	}
	if g.cosCache != nil {
		l := g.cosCache[i]
		k := sort.Search(len(l), func(k int) bool { return l[k].j >= int32(j) })
		if k < len(l) && l[k].j == int32(j) {
			return l[k].c
		}
	}
	return Cosine(g.Docs[i].Terms, g.Docs[j].Terms)
}

// Run groups docs, which must be sorted by ID (the order fixes labels):
// [CandidatePairs], then [Group].
func Run(docs []Doc, bands similarity.Bands, opt Options) (*Result, error) {
	return RunStages(docs, bands, opt, nil)
}

// RunStages is [Run] calling done, when not nil, as each stage ends with
// its timing (the stages of [Result].Timings, in order: candidates-lsh,
// candidates-mlt unless CopyOnly, then cluster-copy, cluster-rewrite and
// cluster-story), from the goroutine that called it.
func RunStages(docs []Doc, bands similarity.Bands, opt Options, done func(Timing)) (*Result, error) {
	if err := checkSorted(docs); err != nil {
		return nil, err
	}
	r := &Result{Docs: docs, Grouper: &Grouper{Docs: docs, Opt: opt}, onStage: done}
	stage := r.timer()
	r.CopyPairs, r.SkippedBuckets = LSHPairs(docs, bands, opt.Candidates.MaxBucket)
	stage("candidates-lsh")
	if !opt.CopyOnly {
		r.MLTPairs = r.Grouper.moreLikeThis()
		stage("candidates-mlt")
	}
	r.Grouper.group(r, stage)
	return r, nil
}

// CandidatePairs returns the candidate pairs of docs, as [Run] finds
// them: those that share an LSH band key (copyPairs, with the number of
// buckets over opt.Candidates.MaxBucket skipped) and, unless opt.CopyOnly, the
// more-like-this candidates (mltPairs). Both are sorted, i < j. The
// more-like-this candidates depend on the whole batch (its postings).
func CandidatePairs(docs []Doc, bands similarity.Bands, opt Options) (copyPairs, mltPairs []Edge, skippedBuckets int) {
	copyPairs, skippedBuckets = LSHPairs(docs, bands, opt.Candidates.MaxBucket)
	if !opt.CopyOnly {
		g := &Grouper{Docs: docs, Opt: opt}
		mltPairs = g.moreLikeThis()
	}
	return copyPairs, mltPairs, skippedBuckets
}

// Group groups docs, sorted by ID, given their candidate pairs (from
// [CandidatePairs] or a part of them): the clustering half of [Run]. Every
// score and merge involves only docs joined by candidate pairs, so
// grouping each connected component of the candidate graph on its own
// gives the groups of grouping them all at once.
func Group(docs []Doc, copyPairs, mltPairs []Edge, opt Options) (*Result, error) {
	if err := checkSorted(docs); err != nil {
		return nil, err
	}
	r := &Result{Docs: docs, CopyPairs: copyPairs, MLTPairs: mltPairs, Grouper: &Grouper{Docs: docs, Opt: opt}}
	r.Grouper.group(r, r.timer())
	return r, nil
}

func checkSorted(docs []Doc) error {
	if !sort.SliceIsSorted(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID }) {
		return fmt.Errorf("cluster: docs not sorted by ID")
	}
	return nil
}

// timer returns a function that records the time since its last call as
// a stage of r.
func (r *Result) timer() func(name string) {
	t0 := time.Now()
	return func(name string) {
		now := time.Now()
		r.Timings = append(r.Timings, Timing{name, now.Sub(t0)})
		t0 = now
		if r.onStage != nil {
			r.onStage(r.Timings[len(r.Timings)-1])
		}
	}
}

func (g *Grouper) moreLikeThis() []Edge {
	return MoreLikeThis(g.Docs, g.Opt.Candidates.TopTerms, g.Opt.Candidates.PerDoc, mltMaxDF(len(g.Docs), g.Opt.Candidates.MaxDF), g.inWindow)
}

// group clusters r.Docs at every level over r's candidate pairs.
func (g *Grouper) group(r *Result, stage func(string)) {
	docs, opt := g.Docs, g.Opt
	// Copy level: exact duplicates collapsed, candidates verified by
	// exact Jaccard (see [Grouper.CopyLabels]).
	var cl copyLevel
	r.Labels[Copy], cl = g.copyLabels(r.CopyPairs)
	r.Duplicates = cl.duplicates
	stage("cluster-copy")
	if opt.CopyOnly {
		r.Labels[Rewrite] = r.Labels[Copy]
		r.Labels[Story] = r.Labels[Copy]
		return
	}
	edges := append(append([]Edge(nil), r.CopyPairs...), r.MLTPairs...)
	sortEdges(edges)
	edges = dedupEdges(edges)
	rewriteEdges := edges
	if opt.Figures.Min > 0 {
		rewriteEdges = parallelFilter(edges, func(e Edge) bool { return g.figuresAgree(int(e.I), int(e.J)) })
	}
	if g.nn == nil { // else given by NewGrouper, from pairs beyond these
		g.neighbours(edges)
	} else if g.cosCache == nil {
		g.cacheCosines(edges)
	}
	// The linear vectors give the rewrite score before its scaling to
	// [0, 1] (see rewriteScore), so the threshold is scaled to match.
	r.Labels[Rewrite] = AverageLinkLinear(len(docs), r.Labels[Copy], rewriteEdges, g.rewriteSimRaw, g.linear(g.rewriteVec), opt.Thresholds.Rewrite*g.rewriteScale(), opt.ExactBudget)
	stage("cluster-rewrite")
	r.Labels[Story] = AverageLinkLinear(len(docs), r.Labels[Rewrite], edges, g.StorySim, g.linear(g.storyVec), opt.Thresholds.Story, opt.ExactBudget)
	stage("cluster-story")
}

func mltMaxDF(n, opt int) int {
	if opt > 0 {
		return opt
	}
	return maxDF(n)
}

// AutoMaxDF is the more-like-this postings cap of a batch of n docs when
// Candidates.MaxDF is 0 (see maxDF).
func AutoMaxDF(n int) int { return maxDF(n) }

// maxDF is the length of a more-like-this term's postings: 5% of the
// articles, at least 50 and at most 500, so that the cost per query
// stays flat as the corpus grows. Longer postings keep their heaviest
// entries (see [MoreLikeThis]); on the generated 100k corpus a cap of 50
// gives the same story B-cubed F1 (0.993) as one of 2,000 (0.994).
func maxDF(n int) int {
	return min(max(n/20, 50), 500)
}

func (g *Grouper) inWindow(i, j int) bool {
	if g.Opt.Window <= 0 {
		return true
	}
	g.datesOnce.Do(g.initDates)
	return WithinWindow(g.unix[i], g.unix[j], g.Opt.Window)
}

// NoDate marks an article without a known publication date in the Unix
// seconds [WithinWindow] compares.
const NoDate = math.MinInt64

// noDate is NoDate within the package.
const noDate = NoDate

// WithinWindow reports whether articles published at Unix seconds a and b
// (NoDate when unknown) are at most window apart. A window of 0 or less
// keeps every pair together, as does an unknown date.
func WithinWindow(a, b int64, window time.Duration) bool {
	if window <= 0 || a == NoDate || b == NoDate {
		return true
	}
	d := a - b
	if d < 0 {
		d = -d
	}
	return d <= int64(window/time.Second)
}

// initDates caches publication times as Unix seconds: the window is asked
// of every pair scored.
func (g *Grouper) initDates() {
	g.unix = make([]int64, len(g.Docs))
	for i := range g.Docs {
		if t := g.Docs[i].Published; t.IsZero() {
			g.unix[i] = noDate
		} else {
			g.unix[i] = t.Unix()
		}
	}
}

// StorySim is the story-level similarity: TF-IDF cosine of title and
// body, zero outside the date window.
func (g *Grouper) StorySim(i, j int) float64 {
	if !g.inWindow(i, j) || g.tooShort(i) || g.tooShort(j) {
		return 0
	}
	st := &g.Opt.Story
	c := g.cosine(i, j)
	day := st.DayWeight * dayAgreement(g.Docs[i].Days, g.Docs[j].Days)
	if g.nn == nil || st.SharedWeight == 0 {
		return c + day
	}
	return (1-st.SharedWeight)*c + st.SharedWeight*g.shared(i, j) + day
}

// StoryScore is StorySim as reported, clamped to [0, 1]: the weekday
// term can take the sum a little below 0 or above 1 (by DayWeight/2 at
// most), which grouping keeps, but a score shown to a user lies in
// [0, 1] like every other. The story threshold lies well inside, so a
// pair passes it on either value alike.
func (g *Grouper) StoryScore(i, j int) float64 {
	return min(max(g.StorySim(i, j), 0), 1)
}

// tooShort reports whether doc i has too few terms for the story level
// (see StoryScoring.MinTerms).
func (g *Grouper) tooShort(i int) bool {
	return len(g.Docs[i].Terms) < g.Opt.Story.MinTerms
}

// dayAgreement scores two ledes' weekdays: the set cosine of the two sets
// minus one half when both name a day, so one day in common gives +1/2,
// none in common -1/2, and a lede naming no day 0.
func dayAgreement(a, b uint8) float64 {
	if a == 0 || b == 0 {
		return 0
	}
	return setCosine(bits.OnesCount8(a&b), bits.OnesCount8(a), bits.OnesCount8(b)) - 0.5
}

// shared is the shared-nearest-neighbour similarity (Jarvis & Patrick
// 1973): the cosine overlap |A∩B|/sqrt(|A||B|) of the two docs'
// neighbour lists, each doc counting
// as its own neighbour.
func (g *Grouper) shared(i, j int) float64 {
	a, b := g.nn[i], g.nn[j]
	return float64(similarity.Intersection(a, b)) / math.Sqrt(float64(len(a))*float64(len(b)))
}

// linear describes a similarity given by vec for [AverageLinkLinear].
func (g *Grouper) linear(vec func(dst []Entry, i int) []Entry) *Linear {
	lin := &Linear{Vec: vec}
	if g.Opt.Window > 0 {
		g.datesOnce.Do(g.initDates)
		lin.Time = g.unix
		lin.Window = int64(g.Opt.Window / time.Second)
	}
	return lin
}

// Key spaces of the vectors below: term IDs (32 bits), neighbour
// indices, name hashes.
const (
	neighbourKey = 1 << 32
	passageKey   = 1 << 60
	negativeKey  = 1 << 61 // keys from here to dayKey count negatively in [Dot]
	dayKey       = 1 << 62
	nameKey      = 1 << 63
)

// storyVec appends doc i's vector for [Grouper.StorySim] to dst:
// Dot(storyVec(i), storyVec(j)) = StorySim(i, j) for a pair in the
// window.
func (g *Grouper) storyVec(dst []Entry, i int) []Entry {
	if g.tooShort(i) {
		return dst
	}
	d := &g.Docs[i]
	v := g.Opt.Story.DayWeight
	wc, ws := math.Sqrt(1-g.Opt.Story.SharedWeight), math.Sqrt(g.Opt.Story.SharedWeight)
	out := slices.Grow(dst, len(d.Terms)+len(g.nn[i])+8) // + days
	for _, t := range d.Terms {
		out = append(out, Entry{uint64(t.ID), wc * float64(t.W)})
	}
	if ws > 0 && len(g.nn[i]) > 0 {
		w := ws / math.Sqrt(float64(len(g.nn[i])))
		for _, n := range g.nn[i] {
			out = append(out, Entry{neighbourKey + uint64(n), w})
		}
	}
	days := v > 0 && d.Days != 0
	if days {
		out = append(out, Entry{negativeKey, math.Sqrt(v / 2)})
	}
	if days {
		w := math.Sqrt(v / float64(bits.OnesCount8(d.Days)))
		for b := range 7 {
			if d.Days&(1<<b) != 0 {
				out = append(out, Entry{dayKey + uint64(b), w})
			}
		}
	}
	return out
}

// rewriteVec appends doc i's vector for [Grouper.RewriteSim] to dst:
// half the TF-IDF vector, half the unit vector of its names and numbers,
// and the unit vector of its sampled own wording scaled by
// sqrt(PassageWeight).
func (g *Grouper) rewriteVec(dst []Entry, i int) []Entry {
	d := &g.Docs[i]
	h := math.Sqrt(0.5)
	out := slices.Grow(dst, len(d.Terms)+len(d.Names)+len(d.Passages))
	for _, t := range d.Terms {
		out = append(out, Entry{uint64(t.ID), h * float64(t.W)})
	}
	if g.passages(d) {
		w := math.Sqrt(g.Opt.Rewrite.PassageWeight / float64(len(d.Passages)))
		for _, p := range d.Passages {
			out = append(out, Entry{passageKey | uint64(p), w})
		}
	}
	if len(d.Names) > 0 {
		w := h / math.Sqrt(float64(len(d.Names)))
		for _, n := range d.Names {
			out = append(out, Entry{nameKey | n>>1, w})
		}
	}
	return out
}

func (g *Grouper) neighbours(edges []Edge) {
	type nb struct {
		j int32
		s float64
	}
	lists := make([][]nb, len(g.Docs))
	sims := g.cacheCosines(edges)
	// Size every list first: a doc that is a candidate of thousands
	// (the first members of a big copy group) would otherwise regrow
	// its list many times.
	deg := make([]int32, len(g.Docs))
	for _, e := range edges {
		deg[e.I]++
		deg[e.J]++
	}
	for i := range lists {
		lists[i] = make([]nb, 0, deg[i])
	}
	for k, e := range edges {
		lists[e.I] = append(lists[e.I], nb{e.J, sims[k]})
		lists[e.J] = append(lists[e.J], nb{e.I, sims[k]})
	}
	g.nn = make([][]int32, len(g.Docs))
	for i, l := range lists {
		sort.Slice(l, func(a, b int) bool {
			if l[a].s != l[b].s {
				return l[a].s > l[b].s
			}
			return l[a].j < l[b].j
		})
		if len(l) > g.Opt.Story.Neighbours {
			l = l[:g.Opt.Story.Neighbours]
		}
		ids := []int32{int32(i)}
		for _, x := range l {
			if x.s > g.Opt.Story.NeighbourFloor {
				ids = append(ids, x.j)
			}
		}
		sort.Slice(ids, func(a, b int) bool { return ids[a] < ids[b] })
		g.nn[i] = ids
	}
}

// RewriteSim is the rewrite-level similarity (see [Evidence]), in
// [0, 1]; it computes only what the score needs.
func (g *Grouper) RewriteSim(i, j int) float64 {
	return g.rewriteSimRaw(i, j) / g.rewriteScale()
}

// rewriteSimRaw is RewriteSim before its scaling to [0, 1]: what
// Dot(rewriteVec(i), rewriteVec(j)) gives.
func (g *Grouper) rewriteSimRaw(i, j int) float64 {
	if !g.inWindow(i, j) {
		return 0
	}
	a, b := &g.Docs[i], &g.Docs[j]
	var e Evidence
	e.Cosine = g.cosine(i, j)
	e.NameShare = setCosine(similarity.Intersection(a.Names, b.Names), len(a.Names), len(b.Names))
	e.PassageShare = g.passageShare(a, b)
	return g.rewriteRaw(e)
}

// figuresAgree reports whether docs i and j pass the check of their
// figures (see [Figures]).
func (g *Grouper) figuresAgree(i, j int) bool {
	if g.Opt.Figures.Min <= 0 {
		return true
	}
	return !g.Opt.Figures.differ(figureOverlap(&g.Docs[i], &g.Docs[j]))
}

// figureOverlap returns how many numbers docs a and b share and how many
// the one that gives fewer gives.
func figureOverlap(a, b *Doc) (shared, fewer int) {
	na, nb := a.Numbers(), b.Numbers()
	return similarity.Intersection(na, nb), min(len(na), len(nb))
}

// Evidence is what two docs share, with the scores derived from it.
type Evidence struct {
	Jaccard      float64 `json:"jaccard"`       // word-shingle Jaccard (copy level)
	Cosine       float64 `json:"cosine"`        // TF-IDF cosine (story level)
	QuoteShare   float64 `json:"quote_share"`   // quoted 4-grams shared / smaller set
	NameShare    float64 `json:"name_share"`    // names and numbers shared / sqrt(|A||B|)
	SharedQuotes int     `json:"shared_quotes"` // quoted 4-grams in both
	// SharedNames is how many names and numbers both hold, as
	// [SharedItems] lists them: without the pronoun "I" and its
	// contractions, which NameShare counts (see pronounKeys).
	SharedNames int `json:"shared_names"`
	// PassageShare is the set cosine of the sampled word shingles outside
	// quotations (see [Doc].Passages): wording copied, not quoted.
	PassageShare float64 `json:"passage_share"`
	// DayAgreement is the agreement of the weekdays the two titles and
	// ledes name (see dayAgreement; part of the story score).
	DayAgreement float64 `json:"day_agreement"`
	Rewrite      float64 `json:"rewrite"` // rewrite score, in [0, 1]
	// SharedFigures is how many numbers the two give in common, of
	// FewerFigures, the numbers of the one that gives fewer; FiguresDiffer
	// says they fail the check of [Figures]: not copies or rewrites of
	// one report, whatever their wording.
	SharedFigures int  `json:"shared_figures"`
	FewerFigures  int  `json:"fewer_figures"`
	FiguresDiffer bool `json:"figures_differ"`
}

// Evidence computes the pair's evidence.
func (g *Grouper) Evidence(i, j int) Evidence {
	a, b := &g.Docs[i], &g.Docs[j]
	var e Evidence
	e.Jaccard = similarity.Jaccard(a.Shingles, b.Shingles)
	e.Cosine = Cosine(a.Terms, b.Terms)
	e.SharedQuotes = similarity.Intersection(a.Quotes, b.Quotes)
	e.QuoteShare = share(e.SharedQuotes, len(a.Quotes), len(b.Quotes))
	shared := similarity.Intersection(a.Names, b.Names)
	e.NameShare = setCosine(shared, len(a.Names), len(b.Names))
	e.SharedNames = shared - pronounsShared(a.Names, b.Names)
	e.DayAgreement = dayAgreement(a.Days, b.Days)
	e.PassageShare = g.passageShare(a, b)
	e.Rewrite = g.rewriteScore(e)
	e.SharedFigures, e.FewerFigures = figureOverlap(a, b)
	e.FiguresDiffer = g.Opt.Figures.differ(e.SharedFigures, e.FewerFigures)
	return e
}

// setCosine is |A∩B| / sqrt(|A||B|), the cosine of two sets.
func setCosine(n, a, b int) float64 {
	if a == 0 || b == 0 {
		return 0
	}
	return float64(n) / math.Sqrt(float64(a)*float64(b))
}

func share(n, a, b int) float64 {
	m := min(a, b)
	if m == 0 {
		return 0
	}
	return float64(n) / float64(m)
}

// rewriteScore combines the evidence into one derivation score: the mean
// of the TF-IDF cosine and the share of names and numbers in common, plus
// the weighted share of wording in common outside quotations. A rewrite
// keeps its source's selection of facts (who, what figures), so the first
// two run high together; independent reports of one event share the
// event's main names but select and word the rest differently. An
// excerpt or a light edit also keeps its source's sentences, which
// independent reports share only inside quotations.
//
// The sum is divided by its largest value, 1 + PassageWeight, so that the
// score lies in [0, 1] like every other score (a pair whose own wording
// does not count, too short for it, scores at most 1/(1+PassageWeight)).
func (g *Grouper) rewriteScore(e Evidence) float64 {
	return g.rewriteRaw(e) / g.rewriteScale()
}

func (g *Grouper) rewriteRaw(e Evidence) float64 {
	return (e.Cosine+e.NameShare)/2 + g.Opt.Rewrite.PassageWeight*e.PassageShare
}

// rewriteScale is the largest raw rewrite score, 1 + PassageWeight: with
// the default weight 1 the division is exact, so grouping on the scaled
// score with the scaled threshold merges exactly what the raw one did.
func (g *Grouper) rewriteScale() float64 {
	return 1 + max(g.Opt.Rewrite.PassageWeight, 0)
}

// passageShare is the set cosine of two docs' sampled own-wording
// shingles, 0 when either has fewer than MinPassages.
func (g *Grouper) passageShare(a, b *Doc) float64 {
	if !g.passages(a) || !g.passages(b) {
		return 0
	}
	return setCosine(similarity.Intersection(a.Passages, b.Passages), len(a.Passages), len(b.Passages))
}

// passages reports whether d's own wording counts in the rewrite score.
func (g *Grouper) passages(d *Doc) bool {
	return g.Opt.Rewrite.PassageWeight > 0 && len(d.Passages) > 0 && len(d.Passages) >= g.Opt.Rewrite.MinPassages
}

func parallelFilter(es []Edge, keep func(Edge) bool) []Edge {
	ok := make([]bool, len(es))
	parallel.For(len(es), func(k int) { ok[k] = keep(es[k]) })
	var out []Edge
	for k, e := range es {
		if ok[k] {
			out = append(out, e)
		}
	}
	return out
}

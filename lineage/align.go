package lineage

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wirediff/wirediff/internal/sortedset"
	"github.com/wirediff/wirediff/internal/term"
	"github.com/wirediff/wirediff/similarity"
)

// termMemo caches [term.Key] within one group.
type termMemo map[string]string

func (m termMemo) keys(toks []similarity.Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		k, ok := m[t.Text]
		if !ok {
			k = term.Key(t.Text)
			m[t.Text] = k
		}
		out[i] = k
	}
	return out
}

// vocab maps terms to dense ids and counts, for each, the number of
// sentences of the group that hold it.
type vocab struct {
	ids map[string]int32
	df  []int
	n   int // sentences counted
}

func newVocab() *vocab { return &vocab{ids: make(map[string]int32)} }

// add registers the terms of one sentence and returns their sorted unique ids.
func (v *vocab) add(toks []similarity.Token) []int32 {
	keys := make([]string, len(toks))
	for i, t := range toks {
		keys[i] = term.Key(t.Text)
	}
	return v.addKeys(keys)
}

// addKeys is add for terms already computed ("" for none).
func (v *vocab) addKeys(keys []string) []int32 {
	return v.addKeysCounted(keys, true)
}

// addKeysCounted is addKeys; with count false it registers the terms
// without counting the sentence in the frequencies (see [vocab.count]).
func (v *vocab) addKeysCounted(keys []string, count bool) []int32 {
	var ids []int32
	for _, k := range keys {
		if k == "" {
			continue
		}
		id, ok := v.ids[k]
		if !ok {
			id = int32(len(v.df))
			v.ids[k] = id
			v.df = append(v.df, 0)
		}
		ids = append(ids, id)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if count {
		v.count(ids)
	}
	return ids
}

// count counts a sentence of the sorted unique term ids in the
// frequencies.
func (v *vocab) count(ids []int32) {
	for _, id := range ids {
		v.df[id]++
	}
	v.n++
}

// lookup returns the sorted unique ids of the terms of toks that v knows.
func (v *vocab) lookup(toks []similarity.Token) []int32 {
	var ids []int32
	for _, t := range toks {
		if id, ok := v.ids[term.Key(t.Text)]; ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// idf returns the weight of term id: ln((n+1)/(df+0.5)), an inverse
// sentence frequency within the sentences counted (Spärck Jones 1972), so
// that the words every sentence of a story shares ("Ukraine", "said")
// count for little and the rare ones that pin a fact down count for much.
// A group mixes background frequencies in (Options.BackgroundWeight).
func (v *vocab) idf(id int32) float64 {
	df := 0
	if int(id) < len(v.df) {
		df = v.df[id]
	}
	return math.Log((float64(v.n) + 1) / (float64(df) + 0.5))
}

// weights returns the idf of every term.
func (v *vocab) weights() []float64 {
	w := make([]float64, len(v.df))
	for i := range w {
		w[i] = v.idf(int32(i))
	}
	return w
}

// overlap returns the summed weight of the terms a and b share.
func overlap(a, b []int32, w []float64) float64 {
	s, _ := overlapCount(a, b, w)
	return s
}

// overlapCount returns the summed weight of the terms sorted sets a and b
// share, added in increasing id order, and their number.
func overlapCount(a, b []int32, w []float64) (float64, int) {
	s := 0.0
	n := sortedset.Intersect(a, b, func(id int32) { s += w[id] })
	return s, n
}

func mass(ids []int32, w []float64) float64 {
	s := 0.0
	for _, id := range ids {
		s += w[id]
	}
	return s
}

// pairScore describes how two sentences overlap: Dice is the weighted Dice
// coefficient 2·|a∩b|/(|a|+|b|) and Contained the share of the smaller
// sentence's weight found in the other, both over idf-weighted content terms.
type pairScore struct {
	Dice, Contained float64
	Shared          int // content terms in common
	MinTerms        int // content terms of the smaller sentence
	// NumMismatch: both sentences have numbers, and not the same ones.
	// SmallNumMissing: a number of the smaller sentence is missing from the
	// larger.
	NumMismatch, SmallNumMissing bool
}

// sameFact is the aligner's decision: two sentences state the same fact
// when their weighted Dice reaches o.SameFact (or, with o.Carried set,
// when it reaches o.ModelDice and one carries o.Carried of the other's
// content: see containment); or when it reaches
// o.ModelDice and the same-fact model ([SameFactModel]) says they do (a
// paraphrase that shares fewer words); or when the smaller one is
// contained in the other to o.Contained with at least o.MinShared terms in
// common (a rewrite that merged two sentences into one, or split one into
// two).
//
// The Dice threshold keeps pairs where one sentence states the other's
// fact and adds to it, which the model, fitted on pairs labelled as
// meaning the same (MSRP), rejects: a rewrite that keeps a fact and adds a
// detail still carries it. The model finds reworded pairs the threshold
// misses.
//
// Numbers pin facts down ("28 points", "Oct. 24"): when both sentences have
// numbers and not the same ones, o.NumberPenalty is taken off the Dice, and a
// merge or split needs every number of the smaller sentence in the larger.
func (o *Options) sameFact(a, b *sentence, p pairScore) bool {
	same, _ := o.sameFactBy(a, b, p)
	return same
}

// sameFactBy is sameFact, and whether the model alone decided it.
func (o *Options) sameFactBy(a, b *sentence, p pairScore) (same, model bool) {
	if o.merged(p) {
		return true, false
	}
	if p.Shared < 1 {
		return false, false
	}
	if o.Carried <= 0 && o.penalized(p) >= o.SameFact && (o.LexicalProb <= 0 || o.prob(a, b, p) >= o.LexicalProb) {
		return true, false
	}
	if o.penalized(p) < o.ModelDice {
		return false, false
	}
	if o.prob(a, b, p) >= o.Model.Threshold {
		return true, true
	}
	return o.Carried > 0 && containment(a, b, o.Lexicon) >= o.Carried, false
}

// minDice is the least Dice, number penalty included, with which a pair
// can state the same fact without the containment rule.
func (o *Options) minDice() float64 {
	if o.Carried > 0 {
		return o.ModelDice + min(0, o.NumberPenalty)
	}
	return min(o.SameFact, o.ModelDice) + min(0, o.NumberPenalty)
}

func (o *Options) penalized(p pairScore) float64 {
	if p.NumMismatch {
		return p.Dice - o.NumberPenalty
	}
	return p.Dice
}

// merged is the containment rule of sameFact.
func (o *Options) merged(p pairScore) bool {
	return p.Contained >= o.Contained && p.Shared >= o.MinShared && !p.SmallNumMissing
}

// prob is the model's probability that a and b state the same fact.
func (o *Options) prob(a, b *sentence, p pairScore) float64 {
	x := features(a, b, p, o.Lexicon)
	return o.Model.Prob(x[:])
}

// numbers returns the sorted unique number tokens of toks.
func numbers(toks []similarity.Token) []string {
	var out []string
	for _, t := range toks {
		if r, _ := utf8.DecodeRuneInString(t.Text); unicode.IsDigit(r) {
			out = append(out, t.Text)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// numberCheck fills the number fields of p; small is the smaller sentence.
func numberCheck(p *pairScore, small, large []string) {
	missing := func(a, b []string) bool {
		for _, x := range a {
			if _, ok := slices.BinarySearch(b, x); !ok {
				return true
			}
		}
		return false
	}
	p.SmallNumMissing = missing(small, large)
	p.NumMismatch = len(small) > 0 && len(large) > 0 && (p.SmallNumMissing || missing(large, small))
}

// link is an edge of the group's sentence graph.
type link struct {
	dice  float64 // the pair's weighted Dice (pairScore.Dice)
	to    int32   // global sentence index
	model bool    // linked by the same-fact model alone (see sameFactBy)
}

// A group of n copies of a report holds about n² links per sentence of
// the report (up to Options.MaxLinks pairs, each linked both ways), so a
// link is kept to 16 bytes: an int32 index numbers more sentences than a
// group's texts fit in memory.

// linkSentences computes the pairScore of pairs of sentences of different
// documents that share a content term, and keeps the pairs that state the
// same fact, in links[i] ordered by the other sentence's index.
//
// Not every such pair is scored: only those that can reach one of the two
// thresholds of [Options.sameFact]. Seen from the lighter sentence s of a
// pair (by weight, then index), with the terms of both ordered rarest
// (heaviest) first:
//
//   - a weighted Dice of at least d needs the shared terms to weigh
//     d/2·(ws+wo) >= d·ws, so the pair shares one of the terms that make
//     up the rest of s's weight (s's probe terms, see [probeLen]); and if
//     the first term they share is s's k-th, the other sentence weighs at
//     most 2/d·(the weight of s's terms from the k-th on) - ws;
//   - a containment of at least c with MinShared terms in common needs
//     shared terms weighing c·ws, and shares one of the len-MinShared+1
//     rarest terms of s.
//
// Postings are ordered by weight, so each sentence reads, for each probe
// term, only the heavier sentences within reach; as rarer terms come
// first, the long postings of common terms are read over a narrow range of
// weights. It adds up the weight it shares with each candidate, and
// scores only the pairs whose shared weight so far, plus what the terms
// after the last shared one in either sentence can add, reaches a
// threshold (prefix, length and positional filtering: Chaudhuri et al.
// 2006, Bayardo et al. 2007, Xiao et al. 2008); of the prober's terms,
// only those the other sentence may hold count (a 256-bit hash of its
// terms). The links are the same as when every pair that shares a term
// is scored (TestLinkSentencesEqualsAllPairs), unless
// Options.MaxComparisons or Options.MaxLinks cut them (see budget, probe
// and connect).
//
// Sentences of the same words (a wire story's sentences in each of its
// copies) are linked once: the distinct sentences are linked as above, and
// their links given to every copy (see copyLinks), so that a group of
// hundreds of copies costs the comparisons of its distinct sentences.
//
// It also returns each sentence's class: the index of its distinct
// sentence, the same for sentences of the same words.
func linkSentences(sents []*sentence, w []float64, o *Options) ([][]link, linkStats, []int) {
	distinct, class := distinctSentences(sents)
	if len(distinct) == len(sents) {
		links, stats := linkDistinct(sents, w, o)
		return links, stats, class
	}
	links, stats := linkDistinct(distinct, w, o)
	links, stats = copyLinks(sents, distinct, class, links, w, o, stats)
	return links, stats, class
}

// distinctSentences returns one sentence for each distinct run of words
// (the same words with the same capitals: the same features) among sents,
// in the order of their first, and the index in it of each of sents. A
// distinct sentence is a copy of its first; one whose copies lie in more
// than one document has a document of its own (-1, -2, …), so that
// linking the distinct sentences leaves out no pair of copies in different
// documents, while the others keep theirs, so that no pair within one
// document is compared.
func distinctSentences(sents []*sentence) (distinct []*sentence, class []int) {
	at := map[string]int{}
	class = make([]int, len(sents))
	var b strings.Builder
	for i, s := range sents {
		b.Reset()
		for _, t := range s.toks {
			b.WriteString(s.src[t.Start:t.End])
			b.WriteByte(0)
		}
		k, ok := at[b.String()]
		switch {
		case !ok:
			k = len(distinct)
			at[b.String()] = k
			d := *s
			distinct = append(distinct, &d)
		case distinct[k].doc != s.doc:
			distinct[k].doc = -1 - k
		}
		class[i] = k
	}
	return distinct, class
}

// copyLinks gives the links of the distinct sentences (links, over
// distinct) to the sentences they stand for: sentence i is linked with
// every sentence of another document that is a copy of a distinct
// sentence linked with i's, and with its own copies in other documents
// when a sentence states the same fact as itself (it has content terms).
// As in connect, when the pairs exceed Options.MaxLinks, the sentences
// with the most keep only their closest; the pairs are counted first, so
// that no more than MaxLinks are held.
func copyLinks(sents, distinct []*sentence, class []int, links [][]link, w []float64, o *Options, stats linkStats) ([][]link, linkStats) {
	copies := make([][]int, len(distinct))
	for i, k := range class {
		copies[k] = append(copies[k], i)
	}
	self := make([]bool, len(distinct)) // a copy states the same fact as another
	selfLink := make([]link, len(distinct))
	for k, d := range distinct {
		shared, n := overlapCount(d.terms, d.terms, w)
		p := score(d, d, shared, n)
		if same, model := o.sameFactBy(d, d, p); same {
			self[k], selfLink[k] = true, link{dice: p.Dice, model: model}
		}
	}
	// partners calls fn with every sentence that sentence i states a fact
	// with and that is heavier than i (see lighter): each pair is counted,
	// and kept or not, by its lighter sentence, as the linker does.
	partners := func(i int, fn func(x link)) {
		si := sents[i]
		visit := func(k int, x link) {
			for _, j := range copies[k] {
				if sj := sents[j]; sj.doc != si.doc && (si.weight < sj.weight || si.weight == sj.weight && i < j) {
					x.to = int32(j)
					fn(x)
				}
			}
		}
		if k := class[i]; self[k] {
			visit(k, selfLink[k])
		}
		for _, x := range links[class[i]] {
			visit(int(x.to), x)
		}
	}
	deg := make([]int, len(sents))
	for i := range sents {
		partners(i, func(link) { deg[i]++ })
	}
	level, over := waterLevel(deg, o.MaxLinks)
	if over > 0 {
		stats.linksFound, stats.linkLimit, stats.linkLimited = 0, level, over
		for _, d := range deg {
			stats.linksFound += d
		}
	}
	var m []link
	return keepLinks(len(sents), level, func(i int) []link {
		m = m[:0]
		partners(i, func(x link) { m = append(m, x) })
		return m
	}), stats
}

// keepLinks links each of n sentences with the matches it owns,
// matches(i) (a slice keepLinks may reorder, not kept after the call;
// called twice for each i, it must give the same matches):
// all of them, or its level closest (see closer) when it has more; each
// link both ways. It returns every sentence's links, sorted by the
// sentence linked.
func keepLinks(n, level int, matches func(i int) []link) [][]link {
	// Two passes over the matches: the first counts each sentence's
	// links, so that the second carves them from one array of the exact
	// size. Growing n slices by append would allocate about twice as much,
	// and links are most of what a large group of copies holds.
	own := func(i int) []link {
		m := matches(i)
		if len(m) > level {
			slices.SortFunc(m, closer)
			m = m[:level]
		}
		return m
	}
	deg := make([]int, n)
	total := 0
	for i := range n {
		m := own(i)
		deg[i] += len(m)
		for _, x := range m {
			deg[x.to]++
		}
		total += 2 * len(m)
	}
	all := make([]link, 0, total)
	out := make([][]link, n)
	for i, d := range deg {
		out[i], all = all[:0:d], all[d:d]
	}
	for i := range n {
		for _, x := range own(i) {
			out[i] = append(out[i], x)
			out[x.to] = append(out[x.to], link{dice: x.dice, to: int32(i), model: x.model})
		}
	}
	for _, x := range out {
		slices.SortFunc(x, func(a, b link) int { return int(a.to) - int(b.to) })
	}
	return out
}

// linkDistinct links sents, none of which has the same words as another.
func linkDistinct(sents []*sentence, w []float64, o *Options) ([][]link, linkStats) {
	l := newLinker(sents, w, o)
	reads := make([]int, len(sents))
	for i := range sents {
		reads[i] = l.plan(i)
	}
	l.budget(reads)
	for i := range sents {
		l.probe(i)
		l.ends[i+1] = len(l.matches)
	}
	l.connect()
	return l.links, l.stats
}

// waterLevel returns the most each of xs may have so that they add up to
// at most budget, the others taking all they need, and how many have more;
// math.MaxInt and 0 when all fit (or budget is negative: no limit).
func waterLevel(xs []int, budget int) (level, over int) {
	total := 0
	for _, x := range xs {
		total += x
	}
	if budget < 0 || total <= budget {
		return math.MaxInt, 0
	}
	xs = slices.Sorted(slices.Values(xs))
	for k, x := range xs {
		if share := budget / (len(xs) - k); x > share {
			return share, len(xs) - k
		}
		budget -= x
	}
	return math.MaxInt, 0
}

// linkStats counts the work of linkSentences: postings entries read,
// sentence pairs scored, comparisons made (entries read and terms scored,
// see Options.MaxComparisons), and how many sentences read or scored less
// than they needed. When the pairs found exceed
// Options.MaxLinks, it has how many were found, the most each sentence
// kept, and how many found more.
type linkStats struct {
	postings, pairs, spent, limited    int
	linksFound, linkLimit, linkLimited int
}

// linker holds linkSentences' state. Per-sentence values are kept in
// dense arrays, which the postings scan reads at random.
type linker struct {
	sents []*sentence
	w     []float64
	o     *Options
	dice  float64 // the least Dice that can pass, number penalty included

	// c holds, per sentence, its weight and document, and its state as a
	// candidate of the sentence being probed (in one place, as the reading
	// of postings meets sentences at random).
	c []cand
	// Sentence i's terms rarest first are rare[off[i]:off[i+1]-1], and
	// suffix[off[i]+k] is the weight of those from the k-th on (0 at the
	// end).
	off    []int32
	rare   []int32
	suffix []float64
	// mask[i] has the bit of every term of sentence i (see termBit).
	mask []termMask
	// postings: per term, the sentences holding it, lightest first (see
	// lighter).
	postings [][]posting
	links    [][]link // made by connect
	stats    linkStats
	limit    int // the most postings entries one sentence reads

	// The sentences each sentence i states a fact with, heavier than it:
	// matches[ends[i]:ends[i+1]]. spent counts the comparisons made.
	matches []link
	ends    []int
	spent   int

	// The plans (see plan): sentence i reads, for its k-th probe term,
	// the postings in ranges[x] with x = plans[i]+k; its first nCont[i]
	// probe terms are the containment ones, and window[x] is the heaviest
	// sentence read through the term.
	plans  []int32
	nCont  []int32
	window []float64
	ranges [][2]int32

	cands []int32 // the candidates of the sentence being probed
}

// cand is a sentence j of the group and its state as a candidate: seen is
// the prober's index+1 once j has been met; acc and cnt are the weight and
// number of the terms j was found to share, -1 in cnt once j cannot pass;
// first and last are the places of the first and the last in the prober's
// rare order; rest and left are the weight and number of j's terms after
// the last.
type cand struct {
	weight, acc, rest                 float64
	doc, seen, cnt, first, last, left int32
}

// posting is a sentence holding a term, with its weight, and the weight
// and number of its terms after that one in its rare order.
type posting struct {
	weight, rest float64
	sent, left   int32
}

func newLinker(sents []*sentence, w []float64, o *Options) *linker {
	n := len(sents)
	l := &linker{sents: sents, w: w, o: o, dice: o.minDice(),
		c: make([]cand, n), off: make([]int32, n+1), mask: make([]termMask, n),
		plans: make([]int32, 1, n+1), nCont: make([]int32, n),
		postings: make([][]posting, len(w)), limit: math.MaxInt,
		ends: make([]int, n+1),
	}
	for i, s := range sents {
		l.c[i].weight, l.c[i].doc = s.weight, int32(s.doc)
		start := len(l.rare)
		l.rare = append(l.rare, s.terms...)
		sortRarest(l.rare[start:], w)
		l.rare = append(l.rare, -1)
		l.suffix = append(l.suffix, make([]float64, len(s.terms)+1)...)
		for k := len(s.terms) - 1; k >= 0; k-- {
			id := l.rare[start+k]
			l.suffix[start+k] = l.suffix[start+k+1] + w[id]
			l.postings[id] = append(l.postings[id], posting{s.weight, l.suffix[start+k+1], int32(i), int32(len(s.terms) - k - 1)})
			l.mask[i].set(id)
		}
		l.off[i+1] = int32(len(l.rare))
	}
	for _, p := range l.postings {
		slices.SortFunc(p, lighter)
	}
	return l
}

// lighter orders postings by the weight of their sentence, then its
// index: every pair is scored once, from its lighter sentence.
func lighter(a, b posting) int {
	switch {
	case a.weight < b.weight:
		return -1
	case a.weight > b.weight:
		return 1
	}
	return int(a.sent - b.sent)
}

// terms returns sentence i's terms rarest first and the suffix weights.
func (l *linker) terms(i int32) ([]int32, []float64) {
	a, b := l.off[i], l.off[i+1]
	return l.rare[a : b-1], l.suffix[a:b]
}

// plan sets the probe terms of sentence i, and for each the range of its
// postings to read: the sentences after i (heavier), and, past the
// containment probe terms, no heavier than the window of the Dice
// threshold. Sentences are planned in order; plan returns the number of
// postings entries to read.
func (l *linker) plan(i int) int {
	s := l.sents[i]
	terms, suffix := l.terms(int32(i))
	nDice := probeLen(terms, l.w, l.dice)
	nCont := probeLen(terms, l.w, l.o.Contained)
	if l.o.MinShared > 0 {
		nCont = max(0, min(nCont, len(terms)-l.o.MinShared+1))
	}
	l.nCont[i] = int32(nCont)
	reads := 0
	for k, id := range terms[:max(nDice, nCont)] {
		// window: the heaviest sentence whose first term shared with s
		// is s's k-th can be.
		win := math.Inf(1)
		if k >= nCont && l.dice > 0 {
			win = (2*suffix[k]/l.dice - s.weight) * (1 + probeSlack)
		}
		p := l.postings[id]
		from, _ := slices.BinarySearchFunc(p, posting{weight: s.weight, sent: int32(i)}, lighter)
		to := from + sort.Search(len(p)-from, func(x int) bool { return p[from+x].weight > win })
		l.window = append(l.window, win)
		l.ranges = append(l.ranges, [2]int32{int32(from), int32(to)})
		reads += to - from
	}
	l.plans = append(l.plans, int32(len(l.ranges)))
	return reads
}

// budget sets limit, the most postings entries one sentence reads, so
// that the group reads at most Options.MaxComparisons: when the plans of
// all sentences need more (reads), the sentences that need the most share
// what the others leave equally.
func (l *linker) budget(reads []int) {
	l.limit, _ = waterLevel(reads, l.o.MaxComparisons)
}

// probe links sentence i with the heavier sentences it states a fact with.
func (l *linker) probe(i int) {
	ranges, window := l.ranges[l.plans[i]:l.plans[i+1]], l.window[l.plans[i]:l.plans[i+1]]
	nCont, nProbe := int(l.nCont[i]), len(ranges)
	terms, _ := l.terms(int32(i))
	l.cands = l.cands[:0]
	reads, stop := 0, nProbe // stop: the first probe term not read to its end
	for k, r := range ranges {
		p := l.postings[terms[k]][r[0]:r[1]]
		if left := l.limit - reads; len(p) > left {
			p, stop = p[:left], k
		}
		l.meet(i, k, nCont, p)
		reads += len(p)
		if stop < nProbe {
			break
		}
	}
	l.stats.postings += reads
	// Scoring a pair compares the terms of both sentences. When the
	// reading is limited, so is the scoring of each sentence; once the
	// group has made Options.MaxComparisons comparisons, each sentence
	// left scores at most an equal share of as many again.
	scored, cut := 0, stop < nProbe
	most := l.limit
	if b := l.o.MaxComparisons; b >= 0 && l.spent > b {
		most = min(most, max(0, b-(l.spent-b))/(len(l.sents)-i))
	}
	for _, j := range l.cands {
		// The terms of i read for j: those whose window admits it, up to
		// where the reading stopped. The terms not counted are among the
		// others, after the last counted.
		c := &l.c[j]
		read := nCont + sort.Search(nProbe-nCont, func(x int) bool { return window[nCont+x] < c.weight })
		from := max(int(c.last)+1, min(read, stop))
		if !l.reachable(i, int(j), from, int(c.first) < nCont, true) {
			continue
		}
		cost := len(terms) + int(l.off[j+1]-l.off[j]) - 1 // the terms of both
		if scored+cost > most {
			cut = true
			break
		}
		scored += cost
		l.stats.pairs++
		l.score(i, int(j))
	}
	if cut {
		l.stats.limited++
	}
	l.spent += reads + scored
	l.stats.spent = l.spent
}

// meet reads postings p of sentence i's k-th probe term: it adds the
// term to the weight shared with each sentence met, and makes a sentence
// met for the first time a candidate if it can still reach a threshold.
func (l *linker) meet(i, k, nCont int, p []posting) {
	mark, doc := int32(i+1), l.c[i].doc
	w := l.w[l.rare[int(l.off[i])+k]]
	for _, e := range p {
		c := &l.c[e.sent]
		switch {
		case c.doc == doc || c.seen == mark && c.cnt < 0:
			continue
		case c.seen == mark:
			c.acc += w
			c.cnt++
			c.last, c.rest, c.left = int32(k), e.rest, e.left
			continue
		}
		c.seen, c.acc, c.cnt, c.first = mark, w, 1, int32(k)
		c.last, c.rest, c.left = int32(k), e.rest, e.left
		if !l.reachable(i, int(e.sent), k+1, k < nCont, false) {
			c.cnt = -1
			continue
		}
		l.cands = append(l.cands, e.sent)
	}
}

// reachable reports whether sentences i and j can still state the same
// fact, given the weight and number of the terms found shared so far, the
// weight and number of j's terms after the last of them, and that no
// other is among the first k terms of i. cont is false when the
// containment threshold is out of reach because none of i's containment
// probe terms is shared.
//
// The terms left to share are after the last shared one in j's rare order
// (the order is the same for all sentences, and the terms i and j share
// are met in that order), and among i's from the k-th on; with masked,
// only those of i's whose bit is in j's mask are counted (an extra pass
// over i's terms, worth it once the reading is over).
func (l *linker) reachable(i, j, k int, cont, masked bool) bool {
	si, sufI := l.terms(int32(i))
	if !l.within(i, j, sufI[k], len(si)-k, cont) {
		return false
	}
	if !masked {
		return true
	}
	more, n := 0.0, 0
	m := &l.mask[j]
	for _, id := range si[k:] {
		if m.has(id) {
			more += l.w[id]
			n++
		}
	}
	return l.within(i, j, more, n, cont)
}

// within reports whether candidate j of sentence i can reach a threshold
// if it shares, beyond what it was found to share, at most more weight
// and n terms of i's.
func (l *linker) within(i, j int, more float64, n int, cont bool) bool {
	c := &l.c[j]
	most := (c.acc + min(more, c.rest)) * (1 + probeSlack)
	wi, wj := l.c[i].weight, c.weight
	if most >= l.dice*(wi+wj)/2 {
		return true
	}
	return cont && most >= l.o.Contained*wi && int(c.cnt+min(int32(n), c.left)) >= l.o.MinShared
}

// termMask is a set of terms hashed to 256 bits: a term whose bit is not
// set is not in the set.
type termMask [4]uint64

// termBit maps a term to one of 256 bits, by a multiplicative hash.
func termBit(id int32) (word int, bit uint64) {
	h := uint64(id) * 0x9E3779B97F4A7C15 >> 56
	return int(h >> 6), 1 << (h & 63)
}

func (m *termMask) set(id int32) {
	w, b := termBit(id)
	m[w] |= b
}

func (m *termMask) has(id int32) bool {
	w, b := termBit(id)
	return m[w]&b != 0
}

// score scores sentences i and j and adds j to i's matches if they state
// the same fact.
func (l *linker) score(i, j int) {
	lo, hi := min(i, j), max(i, j)
	a, b := l.sents[lo], l.sents[hi]
	shared, n := overlapCount(a.terms, b.terms, l.w)
	p := score(a, b, shared, n)
	if same, model := l.o.sameFactBy(a, b, p); same {
		l.matches = append(l.matches, link{dice: p.Dice, to: int32(j), model: model})
	}
}

// connect links each sentence with its matches, and them with it. When
// there are more than Options.MaxLinks, the sentences with the most keep
// only their closest (by Dice, then index), up to an equal share of what
// the others leave.
func (l *linker) connect() {
	deg := make([]int, len(l.sents))
	for i := range deg {
		deg[i] = l.ends[i+1] - l.ends[i]
	}
	level, over := waterLevel(deg, l.o.MaxLinks)
	if over > 0 {
		l.stats.linksFound, l.stats.linkLimit, l.stats.linkLimited = len(l.matches), level, over
	}
	l.links = keepLinks(len(l.sents), level, func(i int) []link { return l.matches[l.ends[i]:l.ends[i+1]] })
}

// closer orders links by Dice, the highest first, then by the sentence
// linked.
func closer(a, b link) int {
	switch {
	case a.dice > b.dice:
		return -1
	case a.dice < b.dice:
		return 1
	}
	return int(a.to) - int(b.to)
}

// probeSlack widens probe prefixes and bounds so that rounding in the
// weight sums can never drop a pair that reaches its threshold exactly.
const probeSlack = 1e-9

// rarestFirst returns, in dst, ids ordered rarest (heaviest) first, then
// by id.
func rarestFirst(dst, ids []int32, w []float64) []int32 {
	dst = append(dst[:0], ids...)
	sortRarest(dst, w)
	return dst
}

func sortRarest(ids []int32, w []float64) {
	slices.SortFunc(ids, func(a, b int32) int {
		switch {
		case w[a] > w[b]:
			return -1
		case w[a] < w[b]:
			return 1
		}
		return int(a - b)
	})
}

// probeLen returns the length of the shortest prefix of ids (ordered
// rarest first) such that the weight of the ids after it is below alpha
// times the weight of all ids: any set of terms holding at least that
// share of the weight of ids holds one of the prefix's. An alpha that is
// not positive (or NaN) takes every id.
func probeLen(ids []int32, w []float64, alpha float64) int {
	total := 0.0
	for _, id := range ids {
		total += w[id]
	}
	need := (alpha - probeSlack) * total
	if !(need > 0) {
		return len(ids)
	}
	k, rest := len(ids), 0.0
	for k > 0 && rest+w[ids[k-1]] < need {
		rest += w[ids[k-1]]
		k--
	}
	return k
}

func score(a, b *sentence, shared float64, n int) pairScore {
	p := pairScore{Shared: n}
	if a.weight+b.weight > 0 {
		p.Dice = 2 * shared / (a.weight + b.weight)
	}
	small := a
	if b.weight < a.weight || (b.weight == a.weight && len(b.terms) < len(a.terms)) {
		small = b
	}
	if small.weight > 0 {
		p.Contained = shared / small.weight
	}
	p.MinTerms = len(small.terms)
	large := a
	if small == a {
		large = b
	}
	numberCheck(&p, small.nums, large.nums)
	return p
}

// Aligner decides whether two sentences state the same fact, with term
// weights taken from a background collection of sentences. It is the
// sentence-pair form of the decision Analyze makes within a group, exposed
// for evaluation (e.g. on the Microsoft Research Paraphrase Corpus) and
// for fitting the same-fact model.
type Aligner struct {
	v   *vocab
	w   weights
	opt Options
}

// NewAligner returns an Aligner whose term weights are the inverse sentence
// frequencies in background, with thresholds and model from opt (zero
// fields take their defaults).
func NewAligner(background []string, opt Options) (*Aligner, error) {
	v := newVocab()
	for _, s := range background {
		v.add(tokensOf(s))
	}
	if err := opt.setDefaults(); err != nil {
		return nil, err
	}
	return &Aligner{v: v, w: weights{v.weights(), math.Log((float64(v.n) + 1) / 1.5)}, opt: opt}, nil
}

// Score returns the weighted Dice coefficient and the containment of the
// smaller sentence in the other, over content terms. Terms unknown to the
// background collection get the weight of a term seen once.
func (a *Aligner) Score(x, y string) (dice, contained float64) {
	_, _, p := a.pair(x, y)
	return p.Dice, p.Contained
}

// Same reports whether x and y state the same fact.
func (a *Aligner) Same(x, y string) bool {
	sx, sy, p := a.pair(x, y)
	return a.opt.sameFact(sx, sy, p)
}

// PairFeatures is what the same-fact decision reads of a sentence pair.
type PairFeatures struct {
	// X holds the features named by FeatureNames.
	X []float64
	// Dice is the weighted Dice with the number penalty taken off, and
	// Shared the number of content terms in common: the pair states the
	// same fact when Dice reaches Options.SameFact, and the model is asked
	// when it reaches Options.ModelDice (Shared at least 1 for both).
	Dice   float64
	Shared int
	// Merged is true when the containment rule alone makes the pair one
	// fact (see Options.Contained).
	Merged bool
}

// Features returns the features of the pair x, y.
func (a *Aligner) Features(x, y string) PairFeatures {
	sx, sy, p := a.pair(x, y)
	f := features(sx, sy, p, a.opt.Lexicon)
	return PairFeatures{X: f[:], Dice: a.opt.penalized(p), Shared: p.Shared, Merged: a.opt.merged(p)}
}

// pair makes sentences of x and y, as a group of two would hold them,
// with the background's weights, and scores them.
func (a *Aligner) pair(x, y string) (*sentence, *sentence, pairScore) {
	unseen := map[string]int32{}
	wids := make(wordIDs)
	mk := func(text string, doc int) *sentence {
		toks := tokensOf(text)
		s := &sentence{doc: doc, end: len(text), toks: toks, src: text}
		s.keys = make([]string, len(toks))
		s.kw = make([]float64, len(toks))
		for i, t := range toks {
			s.keys[i] = term.Key(t.Text)
			k := s.keys[i]
			if k == "" {
				continue
			}
			id, ok := a.v.ids[k]
			if !ok {
				if id, ok = unseen[k]; !ok {
					id = -int32(len(unseen)) - 1
					unseen[k] = id
				}
			}
			s.kw[i] = a.w.at(id)
			s.terms = append(s.terms, id)
		}
		slices.Sort(s.terms)
		s.terms = slices.Compact(s.terms)
		for _, id := range s.terms {
			s.weight += a.w.at(id)
		}
		s.nums = numbers(toks)
		s.words = wids.ids(toks, s.keys)
		return s
	}
	sx, sy := mk(x, 0), mk(y, 1)
	shared, n := overlapWeights(sx.terms, sy.terms, a.w)
	return sx, sy, score(sx, sy, shared, n)
}

// lcsPairs aligns two word-id sequences by their longest common
// subsequence and returns the matched index pairs in order.
func lcsPairs(a, b []int32) [][2]int {
	n, m := len(a), len(b)
	if n == 0 || m == 0 {
		return nil
	}
	dp := make([]int32, (n+1)*(m+1))
	at := func(i, j int) int { return i*(m+1) + j }
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[at(i, j)] = dp[at(i+1, j+1)] + 1
			} else {
				dp[at(i, j)] = max(dp[at(i+1, j)], dp[at(i, j+1)])
			}
		}
	}
	var out [][2]int
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case a[i] == b[j]:
			out = append(out, [2]int{i, j})
			i++
			j++
		case dp[at(i+1, j)] >= dp[at(i, j+1)]:
			i++
		default:
			j++
		}
	}
	return out
}

// wordIDs maps words to ids for lcsPairs: a content word by its term, so
// that inflections match, any other word by its normalized text.
type wordIDs map[string]int32

func (w wordIDs) ids(toks []similarity.Token, keys []string) []int32 {
	out := make([]int32, len(toks))
	for i, t := range toks {
		k := keys[i]
		if k == "" {
			k = "\x00" + t.Text
		}
		id, ok := w[k]
		if !ok {
			id = int32(len(w))
			w[k] = id
		}
		out[i] = id
	}
	return out
}

// nearFactMargin is how far below SameFact the Dice of two consensus
// facts may be, or how far below the model's threshold its probability,
// and still make them one fact (see group.mergeNearFacts).
const nearFactMargin = 0.05

// nearFact reports whether two sentences chosen as distinct facts of a
// consensus are near duplicates: they state the same fact, or they share
// MinShared terms and their Dice is within nearFactMargin of SameFact (the
// same number check; with Carried set, their containment within
// nearFactMargin of it), or the model's probability within nearFactMargin
// of its threshold.
func (o *Options) nearFact(a, b *sentence, p pairScore) bool {
	if o.sameFact(a, b, p) {
		return true
	}
	if p.Shared < o.MinShared {
		return false
	}
	d := o.penalized(p)
	if o.Carried > 0 {
		return d >= o.ModelDice && (containment(a, b, o.Lexicon) >= o.Carried-nearFactMargin || o.prob(a, b, p) >= o.Model.Threshold-nearFactMargin)
	}
	return d >= o.SameFact-nearFactMargin || d >= o.ModelDice && o.prob(a, b, p) >= o.Model.Threshold-nearFactMargin
}

package lineage

import (
	"math"
	"slices"
	"unicode"
	"unicode/utf8"

	porterstemmer "github.com/blevesearch/go-porterstemmer"
	"github.com/wirediff/wirediff/similarity"
)

// termMemo caches term within one group.
type termMemo map[string]string

func (m termMemo) keys(toks []similarity.Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		k, ok := m[t.Text]
		if !ok {
			k = term(t.Text)
			m[t.Text] = k
		}
		out[i] = k
	}
	return out
}

// term returns the comparison key of a token: the Porter stem of a content
// word, the digits of a number, or "" for stop words and single letters.
func term(tok string) string {
	if tok == "" || similarity.IsStopword(tok) {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(tok)
	if unicode.IsDigit(r) {
		return tok
	}
	if utf8.RuneCountInString(tok) < 2 {
		return ""
	}
	if !isASCIILower(tok) {
		return tok
	}
	return porterstemmer.StemString(tok)
}

func isASCIILower(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
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
		keys[i] = term(t.Text)
	}
	return v.addKeys(keys)
}

// addKeys is add for terms already computed ("" for none).
func (v *vocab) addKeys(keys []string) []int32 {
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
	for _, id := range ids {
		v.df[id]++
	}
	v.n++
	return ids
}

// lookup returns the sorted unique ids of the terms of toks that v knows.
func (v *vocab) lookup(toks []similarity.Token) []int32 {
	var ids []int32
	for _, t := range toks {
		if id, ok := v.ids[term(t.Text)]; ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// idf returns the weight of term id: ln((n+1)/(df+0.5)), an inverse
// sentence frequency within the group (Spärck Jones 1972), so that the
// words every sentence of a story shares ("Ukraine", "said") count for
// little and the rare ones that pin a fact down count for much.
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
	s := 0.0
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			s += w[a[i]]
			i++
			j++
		}
	}
	return s
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
// when their weighted Dice reaches o.SameFact, or when the smaller one is
// contained in the other to o.Contained with at least o.MinShared terms in
// common (a rewrite that merged two sentences into one, or split one into
// two).
//
// Numbers pin facts down ("28 points", "Oct. 24"): when both sentences have
// numbers and not the same ones, o.NumberPenalty is taken off the Dice, and a
// merge or split needs every number of the smaller sentence in the larger.
func (o *Options) sameFact(p pairScore) bool {
	dice := p.Dice
	if p.NumMismatch {
		dice -= o.NumberPenalty
	}
	if dice >= o.SameFact && p.Shared >= 1 {
		return true
	}
	return p.Contained >= o.Contained && p.Shared >= o.MinShared && !p.SmallNumMissing
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
	to    int // global sentence index
	score pairScore
}

// linkSentences computes, for every pair of sentences of different
// documents that share a content term, their pairScore, and keeps the pairs
// that state the same fact. The pairs are enumerated through an inverted
// index, so the cost grows with the pairs that share a term, not with all
// pairs.
func linkSentences(sents []*sentence, w []float64, o *Options) [][]link {
	postings := make(map[int32][]int)
	for i, s := range sents {
		for _, id := range s.terms {
			postings[id] = append(postings[id], i)
		}
	}
	links := make([][]link, len(sents))
	acc := make([]float64, len(sents))
	cnt := make([]int, len(sents))
	var touched []int
	for i, s := range sents {
		for _, id := range s.terms {
			for _, j := range postings[id] {
				if j <= i || sents[j].doc == s.doc {
					continue
				}
				if cnt[j] == 0 {
					touched = append(touched, j)
				}
				acc[j] += w[id]
				cnt[j]++
			}
		}
		slices.Sort(touched)
		for _, j := range touched {
			p := score(s, sents[j], acc[j], cnt[j])
			if o.sameFact(p) {
				links[i] = append(links[i], link{j, p})
				links[j] = append(links[j], link{i, p})
			}
			acc[j], cnt[j] = 0, 0
		}
		touched = touched[:0]
	}
	return links
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
// for evaluation (e.g. on the Microsoft Research Paraphrase Corpus).
type Aligner struct {
	v   *vocab
	w   []float64
	opt Options
}

// NewAligner returns an Aligner whose term weights are the inverse sentence
// frequencies in background, with thresholds from opt (zero fields take
// their defaults).
func NewAligner(background []string, opt Options) *Aligner {
	v := newVocab()
	for _, s := range background {
		v.add(tokens(s, 0, len(s)))
	}
	opt.setDefaults()
	return &Aligner{v: v, w: v.weights(), opt: opt}
}

// Score returns the weighted Dice coefficient and the containment of the
// smaller sentence in the other, over content terms. Terms unknown to the
// background collection get the weight of a term seen once.
func (a *Aligner) Score(x, y string) (dice, contained float64) {
	p := a.score(x, y)
	return p.Dice, p.Contained
}

// Same reports whether x and y state the same fact.
func (a *Aligner) Same(x, y string) bool {
	return a.opt.sameFact(a.score(x, y))
}

func (a *Aligner) score(x, y string) pairScore {
	unseen := math.Log((float64(a.v.n) + 1) / 1.5)
	weigh := func(s string) map[string]float64 {
		m := make(map[string]float64)
		for _, t := range tokens(s, 0, len(s)) {
			k := term(t.Text)
			if k == "" {
				continue
			}
			if id, ok := a.v.ids[k]; ok {
				m[k] = a.w[id]
			} else {
				m[k] = unseen
			}
		}
		return m
	}
	mx, my := weigh(x), weigh(y)
	nx, ny := numbers(tokens(x, 0, len(x))), numbers(tokens(y, 0, len(y)))
	var wx, wy, shared float64
	n := 0
	for k, w := range mx {
		wx += w
		if _, ok := my[k]; ok {
			shared += w
			n++
		}
	}
	for _, w := range my {
		wy += w
	}
	p := pairScore{Shared: n}
	if wx+wy > 0 {
		p.Dice = 2 * shared / (wx + wy)
	}
	small := min(wx, wy)
	if small > 0 {
		p.Contained = shared / small
	}
	p.MinTerms = min(len(mx), len(my))
	if wy < wx {
		nx, ny = ny, nx
	}
	numberCheck(&p, nx, ny)
	return p
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

package lineage

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/wirediff/wirediff/internal/sortedset"
	"github.com/wirediff/wirediff/similarity"
)

// FeatureNames names the features of a sentence pair that the same-fact
// model weighs, in the order of [PairFeatures].X. All are lexical and
// survive rewording in part: stems stand for lemmas, capitalized words
// inside a sentence for names, character trigrams for spelling variants
// and inflections the stemmer misses.
var FeatureNames = []string{
	"dice",           // weighted Dice of content terms (idf weights; pairScore.Dice)
	"contained",      // weighted share of the smaller sentence's content terms in the other
	"term-dice",      // Dice of the sets of content terms, unweighted
	"word-jaccard",   // Jaccard of the sets of words, stop words included
	"num-mismatch",   // 1 when both have numbers and not the same ones
	"num-missing",    // 1 when a number of the smaller is missing from the larger
	"name-dice",      // Dice of the names (capitalized words not opening the sentence)
	"name-missing",   // share of the names of either that the other lacks
	"length-ratio",   // shorter over longer, in words
	"common-run",     // longest run of words in common, over the shorter's words
	"lcs-short",      // longest common subsequence of words, over the shorter's words
	"lcs-long",       // the same over the longer's words
	"char3-dice",     // Dice of the sets of character trigrams of the words
	"bigram-dice",    // Dice of the sets of word bigrams
	"unmatched-min",  // log(1 + content terms of the sentence with fewer unmatched ones that the other lacks)
	"unmatched-max",  // log(1 + the same for the sentence with more)
	"content-shared", // log(1 + content terms in common)
	// Matches of content words that survive rewording, as bags (the
	// order and the voice do not matter): a word matches a word of the
	// other sentence with the same term or a lemma in common (led, lead),
	// or, for syn-wdice, a WordNet synset in common (see Lexicon).
	"lemma-wdice", // weighted Dice of the content words matched by lemma (weights as for dice)
	"syn-wdice",   // the same, matched by lemma or synonym
}

// nFeatures is len(FeatureNames).
const nFeatures = 19

// SameFactModel is the learned part of the same-fact decision (see
// [Options].SameFact): a logistic regression over the standardized
// [FeatureNames] features of a sentence pair, with its probability
// threshold, the least weighted Dice at which it is asked, and the Dice
// threshold that decides alone above it. It is fitted on the MSRP
// training set only (Dolan & Brockett 2005) by internal/train
// (make train) and shipped as samefact.json.
type SameFactModel struct {
	// Features names the inputs, FeatureNames when it was fitted.
	Features []string `json:"features"`
	// Mean and Scale standardize each feature: (x - Mean) / Scale.
	Mean  []float64 `json:"mean"`
	Scale []float64 `json:"scale"`
	// Weights and Bias are the logistic regression's coefficients over the
	// standardized features.
	Weights []float64 `json:"weights"`
	Bias    float64   `json:"bias"`
	// Threshold is the probability at or above which a pair states the
	// same fact.
	Threshold float64 `json:"threshold"`
	// MinDice is the least weighted Dice (number penalty taken off) that a
	// pair needs for the model to be asked: the default of
	// [Options].ModelDice. It lets the alignment find pairs through their
	// rarest terms (see linkSentences).
	MinDice float64 `json:"min_dice"`
	// LexicalDice is the weighted Dice at or above which a pair states the
	// same fact whatever the model says: the default of
	// [Options].SameFact.
	LexicalDice float64 `json:"lexical_dice"`
	// NumberPenalty is the default of [Options].NumberPenalty.
	NumberPenalty float64 `json:"number_penalty"`
	// Fitted says how the model was made: data, command and figures.
	Fitted string `json:"fitted"`
}

// Prob returns the model's probability that a pair with features x states
// the same fact.
func (m *SameFactModel) Prob(x []float64) float64 {
	z := m.Bias
	for i, v := range x {
		z += m.Weights[i] * (v - m.Mean[i]) / m.Scale[i]
	}
	return 1 / (1 + math.Exp(-z))
}

// Check reports an error when m cannot weigh the features of this package.
func (m *SameFactModel) Check() error {
	if !slices.Equal(m.Features, FeatureNames) {
		return fmt.Errorf("same-fact model: features %v, want %v", m.Features, FeatureNames)
	}
	for name, v := range map[string][]float64{"mean": m.Mean, "scale": m.Scale, "weights": m.Weights} {
		if len(v) != nFeatures {
			return fmt.Errorf("same-fact model: %d values in %s, want %d", len(v), name, nFeatures)
		}
		for _, x := range v {
			if math.IsNaN(x) || math.IsInf(x, 0) || name == "scale" && x <= 0 {
				return fmt.Errorf("same-fact model: invalid value %v in %s", x, name)
			}
		}
	}
	if !(m.Threshold > 0 && m.Threshold < 1) || !(m.MinDice >= 0 && m.MinDice < 1) || !(m.LexicalDice > 0 && m.LexicalDice <= 1) {
		return fmt.Errorf("same-fact model: threshold %v, min_dice %v or lexical_dice %v out of range", m.Threshold, m.MinDice, m.LexicalDice)
	}
	return nil
}

//go:embed samefact.json
var sameFactJSON []byte

// DefaultSameFactModel returns the shipped same-fact model (samefact.json).
var DefaultSameFactModel = sync.OnceValues(func() (*SameFactModel, error) {
	var m SameFactModel
	if err := json.Unmarshal(sameFactJSON, &m); err != nil {
		return nil, fmt.Errorf("lineage: reading samefact.json: %w", err)
	}
	if err := m.Check(); err != nil {
		return nil, fmt.Errorf("lineage: samefact.json: %w", err)
	}
	return &m, nil
})

// weights gives the weight of a term id; a negative id is a term unknown
// to the background collection (see Aligner), weighted unseen.
type weights struct {
	w      []float64
	unseen float64
}

func (w weights) at(id int32) float64 {
	if id < 0 {
		return w.unseen
	}
	return w.w[id]
}

// extras holds what the features need of a sentence beyond its terms,
// computed once per sentence when it is first compared with the model.
type extras struct {
	words  []string  // normalized words, sorted unique
	names  []string  // normalized names, sorted unique
	grams  []uint32  // character trigrams (hashed), sorted unique
	bigram []uint64  // word-id bigrams, sorted unique
	cw     []lexWord // content words, one per term
}

// lexWord is a content word of a sentence with its lemmas and synsets.
type lexWord struct {
	key      string  // its term
	w        float64 // the weight of its term (sentence.kw)
	lem, syn []int32 // Lexicon.Lemmas and Lexicon.Synsets of it
}

func (s *sentence) extra(lex *Lexicon) *extras {
	if s.ex != nil {
		return s.ex
	}
	e := &extras{}
	seen := map[string]bool{}
	for i, t := range s.toks {
		if k := s.keys[i]; k != "" && !isNumberTok(t.Text) && !seen[k] {
			seen[k] = true
			lem := lex.Lemmas(t.Text)
			e.cw = append(e.cw, lexWord{k, s.kw[i], lem, lex.Synsets(lem)})
		}
		e.words = append(e.words, t.Text)
		if i > 0 && s.keys[i] != "" && !isNumberTok(t.Text) {
			if r, _ := utf8.DecodeRuneInString(s.src[t.Start:t.End]); unicode.IsUpper(r) {
				e.names = append(e.names, t.Text)
			}
		}
		e.grams = appendTrigrams(e.grams, t.Text)
		if i > 0 {
			e.bigram = append(e.bigram, uint64(uint32(s.words[i-1]))<<32|uint64(uint32(s.words[i])))
		}

	}
	for _, x := range [][]string{e.words, e.names} {
		slices.Sort(x)
	}
	e.words, e.names = slices.Compact(e.words), slices.Compact(e.names)
	slices.Sort(e.grams)
	e.grams = slices.Compact(e.grams)
	slices.Sort(e.bigram)
	e.bigram = slices.Compact(e.bigram)

	s.ex = e
	return e
}

func isNumberTok(t string) bool { return t != "" && t[0] >= '0' && t[0] <= '9' }

// appendTrigrams adds the hashed character trigrams of word, padded with a
// space on each side (FNV-1a over the bytes).
func appendTrigrams(dst []uint32, word string) []uint32 {
	b := make([]byte, 0, len(word)+2)
	b = append(append(append(b, ' '), word...), ' ')
	for i := 0; i+3 <= len(b); i++ {
		h := uint32(2166136261)
		for _, c := range b[i : i+3] {
			h = (h ^ uint32(c)) * 16777619
		}
		dst = append(dst, h)
	}
	return dst
}

// diceOf returns the Dice coefficient of sorted sets of sizes na and nb
// with n in common (0 when both are empty).
func diceOf(n, na, nb int) float64 {
	if na+nb == 0 {
		return 0
	}
	return 2 * float64(n) / float64(na+nb)
}

// longestRun returns the length of the longest run of words a and b have
// in common, contiguous in both.
func longestRun(a, b []int32) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	prev, cur := make([]int32, len(b)+1), make([]int32, len(b)+1)
	best := int32(0)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
				best = max(best, cur[j+1])
			} else {
				cur[j+1] = 0
			}
		}
		prev, cur = cur, prev
	}
	return int(best)
}

// lcsLen returns the length of the longest common subsequence of a and b.
func lcsLen(a, b []int32) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	prev, cur := make([]int32, len(b)+1), make([]int32, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev, cur = cur, prev
	}
	return int(prev[len(b)])
}

// features returns the [FeatureNames] features of sentences a and b,
// whose word ids (sentence.words) come from one wordIDs map, with their
// pairScore p.
func features(a, b *sentence, p pairScore, lex *Lexicon) [nFeatures]float64 {
	ea, eb := a.extra(lex), b.extra(lex)
	var x [nFeatures]float64
	x[0], x[1] = p.Dice, p.Contained
	shared := sortedset.Intersect(a.terms, b.terms, nil)
	x[2] = diceOf(shared, len(a.terms), len(b.terms))
	if nw := sortedset.Intersect(ea.words, eb.words, nil); len(ea.words)+len(eb.words)-nw > 0 {
		x[3] = float64(nw) / float64(len(ea.words)+len(eb.words)-nw)
	}
	if p.NumMismatch {
		x[4] = 1
	}
	if p.SmallNumMissing {
		x[5] = 1
	}
	nn := sortedset.Intersect(ea.names, eb.names, nil)
	x[6] = diceOf(nn, len(ea.names), len(eb.names))
	if u := len(ea.names) + len(eb.names) - nn; u > 0 {
		x[7] = float64(u-nn) / float64(u)
	}
	short, long := len(a.words), len(b.words)
	if short > long {
		short, long = long, short
	}
	if long > 0 {
		x[8] = float64(short) / float64(long)
	}
	if short > 0 {
		x[9] = float64(longestRun(a.words, b.words)) / float64(short)
		l := float64(lcsLen(a.words, b.words))
		x[10], x[11] = l/float64(short), l/float64(long)
	}
	x[12] = diceOf(sortedset.Intersect(ea.grams, eb.grams, nil), len(ea.grams), len(eb.grams))
	x[13] = diceOf(sortedset.Intersect(ea.bigram, eb.bigram, nil), len(ea.bigram), len(eb.bigram))
	ua, ub := len(a.terms)-shared, len(b.terms)-shared
	x[14], x[15] = math.Log1p(float64(min(ua, ub))), math.Log1p(float64(max(ua, ub)))
	x[16] = math.Log1p(float64(shared))
	lwa, wa := cover(ea.cw, eb.cw, false)
	lwb, wb := cover(eb.cw, ea.cw, false)
	swa, _ := cover(ea.cw, eb.cw, true)
	swb, _ := cover(eb.cw, ea.cw, true)
	if wa+wb > 0 {
		x[17], x[18] = (lwa+lwb)/(wa+wb), (swa+swb)/(wa+wb)
	}
	return x
}

// cover returns the weight of the words of a that match a word of b (the
// same term or a lemma in common, or with syn a synset in common) and the
// weight of all the words of a.
func cover(a, b []lexWord, syn bool) (matched, total float64) {
	for _, u := range a {
		total += u.w
		for _, v := range b {
			if u.key == v.key || sortedset.Intersect(u.lem, v.lem, nil) > 0 || syn && sortedset.Intersect(u.syn, v.syn, nil) > 0 {
				matched += u.w
				break
			}
		}
	}
	return matched, total
}

// overlapWeights is overlapCount with weights that may hold unseen terms.
func overlapWeights(a, b []int32, w weights) (float64, int) {
	s := 0.0
	n := sortedset.Intersect(a, b, func(id int32) { s += w.at(id) })
	return s, n
}

// tokensOf is tokens for a whole string.
func tokensOf(s string) []similarity.Token { return tokens(s, 0, len(s)) }

// carries returns the share of a's content weight that b carries: the
// weight of a's content words matched in b by term, lemma or synonym (see
// cover), over the weight of all of a's; 0 when a number of a is missing
// from b, as a fact with another number is another fact. Names are not
// required: they are content words, weighted as the others, and a
// rewrite often drops a credit ("Axios reported") or a first name.
func carries(a, b *sentence, lex *Lexicon) float64 {
	for _, n := range a.nums {
		if _, ok := slices.BinarySearch(b.nums, n); !ok {
			return 0
		}
	}
	matched, total := cover(a.extra(lex).cw, b.extra(lex).cw, true)
	if total == 0 {
		return 0
	}
	return matched / total
}

// containment is the directional containment of a pair: the larger of
// the shares each sentence carries of the other's content (see carries).
func containment(a, b *sentence, lex *Lexicon) float64 {
	return max(carries(a, b, lex), carries(b, a, lex))
}

package editorial

import (
	"bufio"
	_ "embed"
	"strconv"
	"strings"
	"sync"

	"github.com/jonreiter/govader"
)

// The vendored lexicons; each file's header names its source and licence.
var (
	//go:embed lexicon/common-words.txt
	commonWordsFile string
	//go:embed lexicon/pattern-adjectives.tsv
	patternAdjectivesFile string
	//go:embed lexicon/wordnet-adverbs.txt
	wordnetAdverbsFile string
	//go:embed lexicon/word-clusters.txt
	wordClustersFile string
)

// lexicons are the word-level resources the features read. None comes
// from the labelled data the model is trained on: VADER's lexicon and
// boosters (Hutto & Gilbert 2014) as shipped by
// github.com/jonreiter/govader (MIT), Pattern's subjectivity lexicon (De
// Smedt & Daelemans 2012, PDDL), the most common English words (SCOWL
// size 10) and WordNet's multiword adverbs (WordNet 3.0), vendored in
// lexicon/, clusters of GloVe's word vectors (Pennington et al. 2014,
// PDDL), written to lexicon/ by make train, and the short lists below,
// from the cited literature.
type lexicons struct {
	valence  map[string]float64
	boosters map[string]bool
	adj      map[string]adjective
	common   map[string]bool
	// phrases maps a word to the multiword adverbs that start with it,
	// each as its words ("so" -> ["so", "far"], ...).
	phrases map[string][][]string
	// clusters maps a word to its cluster of words used alike (package
	// internal/wordclusters): the word model reads it, so that evidence
	// about "shameful" is evidence about "disgraceful".
	clusters map[string]string
}

type adjective struct{ polarity, subjectivity float64 }

var (
	lexOnce sync.Once
	lex     lexicons
)

func loadLexicons() *lexicons {
	lexOnce.Do(func() {
		sia := govader.NewSentimentIntensityAnalyzer()
		lex.valence = sia.Lexicon
		lex.boosters = make(map[string]bool)
		for w := range sia.Constants.BoosterDict {
			if !strings.Contains(w, " ") {
				lex.boosters[w] = true
			}
		}
		lex.common = make(map[string]bool)
		eachLine(commonWordsFile, func(line string) { lex.common[line] = true })
		lex.adj = make(map[string]adjective)
		eachLine(patternAdjectivesFile, func(line string) {
			f := strings.Split(line, "\t")
			if len(f) != 3 {
				return
			}
			p, err1 := strconv.ParseFloat(f[1], 64)
			s, err2 := strconv.ParseFloat(f[2], 64)
			if err1 == nil && err2 == nil {
				lex.adj[f[0]] = adjective{p, s}
			}
		})
		lex.clusters = make(map[string]string)
		eachLine(wordClustersFile, func(line string) {
			if w, c, ok := strings.Cut(line, "\t"); ok {
				lex.clusters[w] = c
			}
		})
		lex.phrases = make(map[string][][]string)
		eachLine(wordnetAdverbsFile, func(line string) {
			if f := strings.Fields(line); len(f) > 1 {
				lex.phrases[f[0]] = append(lex.phrases[f[0]], f)
			}
		})
	})
	return &lex
}

// fixedPhrases returns, for each token, whether it lies inside one of
// WordNet's multiword adverbs ("so far", "of course", "at least"): a fixed
// term, one lexical item whose words the writer did not choose one by one.
// Nil when none is found.
func (l *lexicons) fixedPhrases(toks []Token) []bool {
	var out []bool
	for i := range toks {
		for _, ph := range l.phrases[toks[i].Lower] {
			if i+len(ph) > len(toks) || !phraseAt(toks[i:], ph) {
				continue
			}
			if out == nil {
				out = make([]bool, len(toks))
			}
			for k := range ph {
				out[i+k] = true
			}
		}
	}
	return out
}

func phraseAt(toks []Token, ph []string) bool {
	for k, w := range ph {
		if toks[k].Lower != w {
			return false
		}
	}
	return true
}

// eachLine calls fn for every line of s that is neither blank nor a "#"
// comment.
func eachLine(s string, fn func(string)) {
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			fn(line)
		}
	}
}

// Common reports whether word (lower case) is one of the most common
// English words (SCOWL size 10).
func Common(word string) bool { return loadLexicons().common[word] }

// subjectivity returns the Pattern entry of word as an adjective, or of
// the adjective an "-ly" adverb is formed from ("angrily" → "angry",
// "terribly" → "terrible").
func (l *lexicons) subjectivity(word string) (adjective, bool) {
	if a, ok := l.adj[word]; ok {
		return a, true
	}
	base, ok := strings.CutSuffix(word, "ly")
	if !ok || len(base) < 3 {
		return adjective{}, false
	}
	cands := []string{base, base + "e"}
	if b, ok := strings.CutSuffix(base, "i"); ok {
		cands = append(cands, b+"y")
	}
	if strings.HasSuffix(word, "bly") || strings.HasSuffix(word, "ply") || strings.HasSuffix(word, "tly") {
		cands = append(cands, word[:len(word)-1]+"e")
	}
	if b, ok := strings.CutSuffix(base, "al"); ok && strings.HasSuffix(b, "ic") {
		cands = append(cands, b)
	}
	for _, c := range cands {
		if a, ok := l.adj[c]; ok {
			return a, true
		}
	}
	return adjective{}, false
}

// hedges are epistemic hedges and speculation markers from Hyland (1998),
// "Hedging in Scientific Research Articles", ch. 5.
var hedges = wordSet(`apparently arguably conceivably perhaps possibly presumably probably
	seemingly supposedly maybe might likely unlikely seems seem seemed appears appear appeared
	assume assumed presume presumed suppose supposed suspect suspected speculate speculated
	guess guessed presumable probable plausible plausibly`)

// certainty are Hyland's (2005, "Metadiscourse", appendix) boosters.
var certainty = wordSet(`clearly obviously certainly definitely undoubtedly indeed surely
	evidently undeniably unquestionably doubtless incontestably incontrovertibly`)

// attitudeMarkers are Hyland's (2005) attitude markers.
var attitudeMarkers = wordSet(`admittedly amazingly astonishingly curiously disappointingly
	fortunately unfortunately hopefully importantly interestingly ironically remarkably
	surprisingly unsurprisingly understandably unbelievably shockingly sadly strikingly
	predictably inevitably astonishing shocking remarkable surprising disappointing
	unfortunate appropriately inappropriately unreasonably`)

// assertives are Hooper's (1975) assertive predicates used as loaded
// attribution verbs in place of "said" (Recasens et al. 2013).
var assertives = wordSet(`claim claims claimed claiming insist insists insisted insisting
	admit admits admitted concede concedes conceded boast boasts boasted contend contends
	contended assert asserts asserted`)

// persons are first and second person pronouns.
var persons = wordSet(`i me my mine myself we us our ours ourselves you your yours yourself yourselves`)

// reportVerbs are neutral verbs of saying (Bergler 1992), which mark a
// sentence as attributed reporting.
var reportVerbs = wordSet(`say says said saying tell tells told telling according report reports
	reported reporting confirm confirms confirmed announce announces announced state states stated
	note notes noted explain explains explained add adds added warn warns warned acknowledge
	acknowledged acknowledges write writes wrote tweet tweets tweeted post posted cite cited
	describe described declare declared testify testified disclose disclosed reveal revealed
	argue argued argues suggest suggested suggests ask asked asks reply replied`)

// namingVerbs are verbs by which a subject names or characterizes
// something in words of its own, the quotation after them ("called the
// deal 'a betrayal'", "referred to a reporter as a 'jackass'", "what she
// calls the 'radical' nature", "dubbed", "termed", "labeled", "branded",
// "derided … as"; "described" is a report verb): such a quotation is
// attributed, not the writer's scare quote ([sentenceContext.names]).
// Their forms in -ed and -ing are verbs; the others are also nouns ("the
// call for", "a term", "this brand of"), and of those only "call",
// "refer", "dub" and "deride" are kept, read as verbs after a subject.
var namingVerbs = wordSet(`call calls called calling refer refers referred referring
	dub dubs dubbed dubbing deride derides derided deriding termed terming
	labeled labelled labeling labelling branded branding`)

// subjects are the pronouns, auxiliaries and the infinitive "to" that
// stand before a verb with a subject ("she calls", "has called", "to
// call"), and beForms those before a passive participle ("was called"),
// which has none in the sentence.
var (
	subjects = wordSet(`i we you he she it they who has have had do does did will would
	can could should may might must shall to`)
	beForms = wordSet(`is are was were be been being`)
)

// modals mark predictions and obligations.
var modals = wordSet(`will would could should must might may can't won't shouldn't ought`)

func wordSet(s string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

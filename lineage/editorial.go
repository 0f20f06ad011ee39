package lineage

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jonreiter/govader"
	"github.com/wirediff/wirediff/internal/term"
	"github.com/wirediff/wirediff/similarity"
)

// The editorial cue lexicons. None is tuned to any article: VADER is used
// as published, and the short lists are taken from the cited literature,
// leaving out only items whose everyday news use is neutral (modal "may",
// "could", "would"; "reportedly", "allegedly"; the intensifiers "more",
// "most", "so", "less", "little", "major" of VADER's booster list).
var (
	vaderOnce  sync.Once
	vaderLex   map[string]float64
	vaderBoost map[string]float64
)

func vader() (map[string]float64, map[string]float64) {
	vaderOnce.Do(func() {
		// VADER (Hutto & Gilbert 2014), lexicon and booster list as
		// shipped by github.com/jonreiter/govader (MIT).
		sia := govader.NewSentimentIntensityAnalyzer()
		vaderLex = sia.Lexicon
		vaderBoost = make(map[string]float64)
		for w, v := range sia.Constants.BoosterDict {
			if !strings.Contains(w, " ") && !neutralBoosters[w] {
				vaderBoost[w] = v
			}
		}
	})
	return vaderLex, vaderBoost
}

var neutralBoosters = map[string]bool{"more": true, "most": true, "so": true, "less": true, "little": true, "major": true}

// hedges are epistemic hedges and speculation markers from Hyland (1998),
// "Hedging in Scientific Research Articles", ch. 5 (adverbs, adjectives,
// lexical verbs, the modal "might").
var hedges = wordSet(`apparently arguably conceivably perhaps possibly presumably probably
	seemingly supposedly maybe might likely unlikely seems seem seemed appears appear appeared
	assume assumed presume presumed suppose supposed suspect suspected speculate speculated
	guess guessed presumable probable plausible plausibly`)

// boosters are Hyland's (2005, "Metadiscourse", appendix) boosters.
var boosters = wordSet(`clearly obviously certainly definitely undoubtedly indeed surely
	evidently undeniably unquestionably doubtless incontestably incontrovertibly`)

// boosterPhrases are Hyland's multi-word boosters.
var boosterPhrases = []string{"of course", "in fact", "no doubt", "without doubt", "beyond doubt"}

// attitudeMarkers are Hyland's (2005) attitude markers: the writer's
// affective stance.
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

// persons are first and second person pronouns: the writer addressing the
// reader.
var persons = wordSet(`i me my mine myself we us our ours ourselves you your yours yourself yourselves`)

func wordSet(s string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// cue is one piece of editorial evidence in a sentence.
type cue struct {
	start, end int
	why        string
	words      int // editorial words it counts for
}

// lexicalCue returns why word (normalized) is loaded wording, or "". The
// short lists from the literature are taken as they are; VADER words and
// evaluative adjectives and adverbs are not taken from the most common
// English words (see
// [common]): those are the plain register of news, and VADER, built for
// social media, gives valence to many of them ("like", "support", "peace",
// "war", "agreement").
func (g *group) lexicalCue(word string) string {
	lex, _ := vader()
	switch {
	case hedges[word]:
		return "hedge/speculation (Hyland 1998)"
	case boosters[word]:
		return "booster (Hyland 2005)"
	case attitudeMarkers[word]:
		return "attitude marker (Hyland 2005)"
	case assertives[word]:
		return "assertive attribution verb (Hooper 1975)"
	}
	if common(word) {
		return ""
	}
	if v, ok := lex[word]; ok && math.Abs(v) >= g.opt.MinValence {
		return fmt.Sprintf("loaded wording (VADER valence %+.1f)", v)
	}
	if a, ok := subjectiveAdjective(word); ok && a.subjectivity >= g.opt.MinSubjectivity {
		return fmt.Sprintf("evaluative adjective (Pattern subjectivity %.2f)", a.subjectivity)
	}
	if a, ok := subjectiveAdverb(word); ok && a.subjectivity >= g.opt.MinSubjectivity {
		return fmt.Sprintf("evaluative adverb (Pattern subjectivity %.2f)", a.subjectivity)
	}
	return ""
}

// evaluative reports whether word (normalized) carries an evaluation that
// an intensifier before it would strengthen: a VADER word or a subjective
// adjective or adverb.
func evaluative(word string) bool {
	lex, _ := vader()
	if v, ok := lex[word]; ok && v != 0 {
		return true
	}
	loadLexicons()
	a, ok := adjectives[word]
	if !ok {
		a, ok = subjectiveAdverb(word)
	}
	return ok && a.subjectivity >= 0.5
}

// editorial returns the editorial cues of sentence s of doc. Words inside
// quotations are the speaker's, not the outlet's, and are skipped. Lexical
// cues count in sentences the reference lacks when the word is not the
// story's own vocabulary (used by a majority of members), and in kept
// sentences when the word was swapped in (no sentence stating the same fact
// uses it).
func (g *group) editorial(doc *document, s *sentence, kept bool, compare []*sentence) []cue {
	text := doc.art.Text
	var out []cue
	covered := make(map[int]bool) // token starts already cued

	// Rhetorical questions and exclamations, outside quotations.
	if last, n := utf8.DecodeLastRuneInString(text[s.start:s.end]); (last == '?' || last == '!') && !doc.inQuote(s.end-n) {
		why := "rhetorical question"
		if last == '!' {
			why = "exclamation"
		}
		out = append(out, cue{s.start, s.end, why, 1})
	}

	// Scare quotes: a short quotation in a sentence that attributes nothing.
	outside := doc.outsideQuotes(s.toks)
	if !hasAttribution(outside) {
		for _, qi := range doc.qx.overlapping(s.start, s.end) {
			q := doc.quotes[qi]
			if q.outer.start < s.start || q.outer.end > s.end {
				continue
			}
			if n := len(tokens(text, q.inner.start, q.inner.end)); n >= 1 && n <= 3 {
				out = append(out, cue{q.outer.start, q.outer.end, "scare quotes (a short unattributed quotation)", n})
			}
		}
	}

	_, boost := vader()
	var replaced map[int]string
	var cmpWords map[string]bool
	if kept {
		replaced, out = g.swaps(doc, s, compare, out, covered)
		cmpWords = make(map[string]bool)
		for _, c := range compare {
			for i, t := range c.toks {
				cmpWords[t.Text] = true
				if k := c.keys[i]; k != "" {
					cmpWords["\x00"+k] = true
				}
			}
		}
	}
	isNew := func(i int) bool {
		w := s.toks[i].Text
		if !kept {
			return !g.topical(w)
		}
		if cmpWords[w] {
			return false
		}
		k := s.keys[i]
		return k == "" || !cmpWords["\x00"+k]
	}
	context := func(i int) string {
		if !kept {
			return "; in a sentence the reference lacks"
		}
		if r, ok := replaced[i]; ok {
			return "; swapped in for “" + r + "”"
		}
		return "; swapped into a kept sentence"
	}

	for i, t := range s.toks {
		if doc.inQuote(t.Start) || covered[t.Start] {
			continue
		}
		orig := text[t.Start:t.End]
		if persons[t.Text] && orig != "US" && (orig != "I" || t.Text == "i") && !inAbbreviation(text, t.Start, t.End) {
			out = append(out, cue{t.Start, t.End, "first/second person address", 1})
			continue
		}
		// Capitalized words after the first are names or headline case.
		if i > 0 && startsUpper(orig) {
			continue
		}
		if _, ok := boost[t.Text]; ok && i+1 < len(s.toks) && evaluative(s.toks[i+1].Text) && isNew(i) {
			u := s.toks[i+1]
			out = append(out, cue{t.Start, u.End, "intensifier before an evaluative word (VADER booster)" + context(i), 2})
			covered[t.Start], covered[u.Start] = true, true
			continue
		}
		if why := g.lexicalCue(t.Text); why != "" && isNew(i) {
			out = append(out, cue{t.Start, t.End, why + context(i), 1})
			covered[t.Start] = true
		}
	}
	for i := 0; i+1 < len(s.toks); i++ {
		a, b := s.toks[i], s.toks[i+1]
		if doc.inQuote(a.Start) {
			continue
		}
		for _, p := range boosterPhrases {
			if isPhrase(a.Text, b.Text, p) && (!kept || !phraseIn(p, compare)) {
				out = append(out, cue{a.Start, b.End, "booster (Hyland 2005)" + context(i), 2})
			}
		}
	}
	return out
}

// inAbbreviation reports whether text[start:end] is a letter of a dotted
// abbreviation ("C.I.A.", "I.R.S.").
func inAbbreviation(text string, start, end int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:start])
	if before == '.' {
		return true
	}
	return strings.HasPrefix(text[end:], ".") && len(text) > end+1 && unicode.IsLetter(rune(text[end+1]))
}

func phraseIn(p string, ss []*sentence) bool {
	for _, s := range ss {
		for i := 0; i+1 < len(s.toks); i++ {
			if isPhrase(s.toks[i].Text, s.toks[i+1].Text, p) {
				return true
			}
		}
	}
	return false
}

// isPhrase reports whether a+" "+b == p, without building the string.
func isPhrase(a, b, p string) bool {
	return len(p) == len(a)+1+len(b) && p[len(a)] == ' ' && strings.HasPrefix(p, a) && strings.HasSuffix(p, b)
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// topical reports whether a strict majority of members use word.
func (g *group) topical(word string) bool {
	n := 0
	for _, d := range g.docs {
		if d.vocab[word] {
			n++
		}
	}
	return 2*n > len(g.docs)
}

// swaps aligns kept sentence s with the compare sentence it shares most
// with (longest common subsequence of words) and returns, for each token of
// s replaced one-for-one, the word it replaced. A title before a name
// replaced by a lower-case label ("President Vladimir Putin" → "dictator
// Vladimir Putin") is a relabelling cue; a speech verb in its place ("Mr.
// Obama" → "says Obama") is a reworded attribution, not a label.
func (g *group) swaps(doc *document, s *sentence, compare []*sentence, out []cue, covered map[int]bool) (map[int]string, []cue) {
	var best *sentence
	bestShared := 0.0
	for _, c := range compare {
		if sh := overlap(s.terms, c.terms, g.w); best == nil || sh > bestShared {
			best, bestShared = c, sh
		}
	}
	if best == nil {
		return nil, out
	}
	text, ctext := doc.art.Text, g.docs[best.doc].art.Text
	pairs := lcsPairs(s.words, best.words)
	replaced := make(map[int]string)
	pi, pj := -1, -1
	for _, p := range append(pairs, [2]int{len(s.toks), len(best.toks)}) {
		if p[0]-pi == 2 && p[1]-pj == 2 {
			i, j := pi+1, pj+1
			t, u := s.toks[i], best.toks[j]
			replaced[i] = ctext[u.Start:u.End]
			orig := text[t.Start:t.End]
			if p[0] < len(s.toks) && !doc.inQuote(t.Start) &&
				startsUpper(ctext[u.Start:u.End]) && !startsUpper(orig) &&
				!similarity.IsStopword(t.Text) && !attributionStems[t.Text] && !attributionStems[term.Key(t.Text)] &&
				startsUpper(text[s.toks[p[0]].Start:s.toks[p[0]].End]) {
				out = append(out, cue{t.Start, t.End,
					fmt.Sprintf("relabelled: “%s” → “%s” before a name", ctext[u.Start:u.End], orig), 1})
				covered[t.Start] = true
			}
		}
		pi, pj = p[0], p[1]
	}
	return replaced, out
}

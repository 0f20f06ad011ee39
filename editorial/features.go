package editorial

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	porterstemmer "github.com/blevesearch/go-porterstemmer"

	"github.com/wirediff/wirediff/similarity"
)

// featureBits is the size of the hashed feature space: 2^18 weights per
// model.
const featureBits = 18

const featureMask = 1<<featureBits - 1

// charGram is the length of the letter n-grams of a word that the
// sentence models read (of the word between "<" and ">", so that its
// first and last letters make grams of their own): they share evidence
// between the forms of a word and between words of one root that the
// word and stem features keep apart ("weaponize", "weaponizing").
const charGram = 4

// Feature kinds, for explaining a decision: the cue a feature stands for.
const (
	fWord      uint8 = iota // the word itself
	fSuffix                 // its last letters
	fContext                // the words before and after it
	fShape                  // capitals, position, length
	fValence                // VADER valence
	fSubj                   // Pattern subjectivity
	fHedge                  // Hyland's hedges
	fCertainty              // Hyland's boosters
	fAttitude               // Hyland's attitude markers
	fAssertive              // Hooper's assertives
	fPerson                 // first or second person
	fIntensify              // an intensifier before an evaluative word
	fQuote                  // quotation and attribution
	fPunct                  // question and exclamation marks, dashes
	fModal                  // modals
	fScare                  // scare quotes
	fBigram                 // two words in a row
	fBias                   // the intercept
	fChar                   // letter n-grams of a word
	fVoice                  // cues of the writer's own voice (sentenceContext.voice)
	fCluster                // the word's cluster (lexicons.clusters)
)

// feature is one hashed feature of a word or a sentence, with the cue it
// stands for and the token it came from (-1 for the whole sentence).
type feature struct {
	h    uint32
	kind uint8
	tok  int32
}

// hash is 32-bit FNV-1a of a kind byte and the parts, masked to
// featureBits.
func hash(kind byte, parts ...string) uint32 {
	h := uint32(2166136261)
	h = (h ^ uint32(kind)) * 16777619
	for _, p := range parts {
		for i := 0; i < len(p); i++ {
			h = (h ^ uint32(p[i])) * 16777619
		}
		h = (h ^ 0xff) * 16777619
	}
	return h & featureMask
}

// sentenceContext is what the features of one sentence need.
type sentenceContext struct {
	text     string
	s        Range
	toks     []Token
	inQuote  []bool
	scare    []bool      // token inside a short quotation of a sentence that attributes nothing
	fixed    []bool      // token inside a multiword adverb (lexicons.fixedPhrases); nil: none
	infos    []*wordInfo // of each token
	topic    func(stem string) bool
	attrib   bool // a report verb outside quotations, or a naming verb that attributes a quotation (names)
	quoted   int  // tokens inside quotations
	lastRune rune
	// quotedEnd: the sentence ends inside a quotation (its last word is
	// quoted), so its final mark is the speaker's.
	quotedEnd bool
	// voiceCues are the cues of voice, computed once (voiceDone).
	voiceCues []string
	voiceDone bool
	foreign   bool // the whole text is not English (Context.foreign)
}

// english reports whether the sentence reads as English: its text as a
// whole is not found otherwise (Context.WithTopics), most of its
// letters are Latin, and more than half of its words of two letters or
// more that do not start with a capital (names do) are among the 40,000
// most frequent English words, those the word clusters hold (see
// lexicons.clusters). A sentence with fewer than three such words (names
// and numbers, a fragment) counts as English if its letters are Latin.
// Sentences of Spanish, French, Italian, Portuguese or Dutch news ("Los
// críticos lo llaman absurdo.") hold half or less.
func (c *sentenceContext) english() bool {
	if c.foreign {
		return false
	}
	latin, other := 0, 0
	for _, r := range c.text[c.s.Start:c.s.End] {
		switch {
		case unicode.Is(unicode.Latin, r):
			latin++
		case unicode.IsLetter(r):
			other++
		}
	}
	if other > latin {
		return false
	}
	known, n := 0, 0
	for i, t := range c.toks {
		r, _ := utf8.DecodeRuneInString(c.text[t.Start:t.End])
		if !unicode.IsLetter(r) || unicode.IsUpper(r) || utf8.RuneCountInString(t.Lower) < 2 {
			continue
		}
		n++
		if c.infos[i].english {
			known++
		}
	}
	return n < 3 || 2*known > n
}

// languageCount counts, over a whole text, its words and those of them
// that are among English's commonest function words, and its lower-case
// words of two letters or more and those of them that are no common
// English word (see notEnglish).
type languageCount struct{ words, function, lower, unknown int }

// englishFunctionWords are function words that English news uses in
// nearly every sentence and that no other language written in Latin
// letters uses as often ("in", "is", "was", "on", "a" are left out:
// Dutch, German, French, Spanish use them as much; Dutch has "of" and
// Danish and Norwegian "for", but far less than one word in 25).
var englishFunctionWords = map[string]bool{
	"the": true, "and": true, "of": true, "to": true, "that": true, "with": true, "for": true, "from": true,
	"this": true, "which": true, "their": true, "they": true, "been": true, "would": true, "were": true,
	"have": true, "has": true, "had": true, "said": true, "it": true, "its": true, "but": true, "or": true,
	"who": true, "after": true, "about": true, "than": true, "there": true, "when": true, "what": true,
	"you": true, "his": true, "she": true,
}

// add counts one token: its text, lower-case form and whether that is a
// common English word.
func (l *languageCount) add(tok, lower string, english bool) {
	r, _ := utf8.DecodeRuneInString(tok)
	if !unicode.IsLetter(r) {
		return
	}
	l.words++
	if englishFunctionWords[lower] {
		l.function++
	}
	if !unicode.IsUpper(r) && utf8.RuneCountInString(lower) >= 2 {
		l.lower++
		if !english {
			l.unknown++
		}
	}
}

// notEnglish reports whether a text of 40 words or more has fewer than
// one in 25 of them among englishFunctionWords. In English news they are
// one word in twelve at the least (of the 7,175 texts of 40 words or more
// in BABE, BASIL, NeuS and ECB+ dev, the fewest have 0.083) and a quarter
// typically; a paragraph of Swedish, Danish, Norwegian, German, Dutch,
// Spanish, French, Italian, Portuguese, Polish, Romanian, Finnish,
// Turkish or Indonesian news has none or one in 60 (TestOtherLanguages).
// It decides for the whole text where the sentence check (english) can
// be wrong: short sentences of Scandinavian languages hold mostly words
// English has too ("en ny plan", "den").
//
// A shorter text is not English either when fewer than one word in ten
// is such a function word and 3 in 10 or more of its lower-case words (5
// or more) are no common English word (englishWord): no English text of
// the development data has so many (of the 11,307 with 5 or more, 0.273
// at the most), and a sentence or two of the languages above have 0.375
// to 1 (TestShortOtherLanguages).
func (l languageCount) notEnglish() bool {
	return l.words >= 40 && 25*l.function < l.words ||
		l.lower >= 5 && 10*l.function < l.words && 10*l.unknown >= 3*l.lower
}

// noApostrophe drops apostrophes, as similarity.IsStopword spells
// contractions ("isnt").
var noApostrophe = strings.NewReplacer("'", "", "’", "")

// englishWord reports whether a lower-case word is one of the most
// frequent English words (the word clusters' vocabulary), a function word
// or contraction ("isn't": see similarity.IsStopword), or a compound of
// such words ("get-out-to-the-people").
func (lx *lexicons) englishWord(w string) bool {
	if _, ok := lx.clusters[w]; ok {
		return true
	}
	if similarity.IsStopword(noApostrophe.Replace(w)) {
		return true
	}
	if !strings.Contains(w, "-") {
		return false
	}
	for _, part := range strings.Split(w, "-") {
		if part != "" && !lx.englishWord(part) {
			return false
		}
	}
	return true
}

func newContext(text string, s Range, ctx Context) *sentenceContext {
	inQuote := ctx.InQuote
	c := &sentenceContext{text: text, s: s, topic: ctx.Topic, foreign: ctx.foreign}
	lx := loadLexicons()
	if w, ok := ctx.words[s]; ok { // read by WithTopics
		c.toks, c.infos, c.fixed = w.toks, w.infos, w.fixed
	} else {
		c.toks = Tokens(text, s.Start, s.End)
		c.infos = make([]*wordInfo, len(c.toks))
		for i, t := range c.toks {
			c.infos[i] = info(t.Lower, lx)
		}
		c.fixed = lx.fixedPhrases(c.toks)
	}
	c.inQuote = make([]bool, len(c.toks))
	c.scare = make([]bool, len(c.toks))
	for i, t := range c.toks {
		c.inQuote[i] = inQuote != nil && inQuote(t.Start)
		if c.inQuote[i] {
			c.quoted++
		} else if reportVerbs[t.Lower] && (i == 0 || !startsUpper(text[t.Start:t.End])) {
			c.attrib = true // "said", not "State Department"
		}
	}
	for i := 0; i < len(c.toks) && !c.attrib; i++ {
		c.attrib = c.names(i)
	}
	// Scare quotes: a run of one to three quoted words in a sentence that
	// attributes nothing.
	if !c.attrib {
		for i := 0; i < len(c.toks); {
			if !c.inQuote[i] {
				i++
				continue
			}
			j := i
			for j < len(c.toks) && c.inQuote[j] {
				j++
			}
			if j-i <= 3 {
				for k := i; k < j; k++ {
					c.scare[k] = true
				}
			}
			i = j
		}
	}
	c.quotedEnd = len(c.toks) > 0 && c.inQuote[len(c.toks)-1]
	c.lastRune, _ = utf8.DecodeLastRuneInString(strings.TrimRight(text[s.Start:s.End], `"”’' )`))
	return c
}

// voice returns the cues of the writer's own voice outside quotations,
// in a fixed order: first or second person, a question or an
// exclamation, speculation ([sentenceContext.speculates]), a booster, an
// attitude marker, a stance in person, a rhetorical question
// ([sentenceContext.negativeInterrogative]), an interjection
// ([sentenceContext.interjection]). The sentence models read
// them; speculation or a rhetorical question makes an editorial sentence
// whose opinion probability reaches [Thresholds.Voice] commentary
// ([CommentaryCue]), and a stance in person makes any unattributed
// sentence commentary; the others explain it.
func (c *sentenceContext) voice() []string {
	if c.voiceDone {
		return c.voiceCues
	}
	c.voiceDone = true
	var has [len(voiceCues)]bool
	for i, t := range c.toks {
		if c.inQuote[i] {
			continue
		}
		w := t.Lower
		if c.stance(i) {
			has[5] = true
		}
		switch {
		case c.speculates(i):
			has[2] = true
		case persons[w] && c.text[t.Start:t.End] != "US": // "us", not the country
			has[0] = true
		case certainty[w]:
			has[3] = true
		case attitudeMarkers[w]:
			has[4] = true
		}
	}
	has[1] = (c.lastRune == '?' || c.lastRune == '!') && !c.quotedEnd
	has[6] = c.lastRune == '?' && !c.quotedEnd && c.negativeInterrogative()
	has[7] = c.interjection()
	for i, name := range voiceCues {
		if has[i] {
			c.voiceCues = append(c.voiceCues, name)
		}
	}
	return c.voiceCues
}

// The cues of the writer's own voice ([Analysis.Voice]).
const (
	CuePerson      = "first/second person"
	CueQuestion    = "question or exclamation"
	CueSpeculation = "speculation"
	CueBooster     = "booster"
	CueAttitude    = "attitude marker"
	CueStance      = "stance in person"
	CueRhetorical  = "rhetorical question"
	CueInterject   = "interjection"
)

// voiceCues name the cues [sentenceContext.voice] finds.
var voiceCues = [...]string{CuePerson, CueQuestion, CueSpeculation, CueBooster, CueAttitude, CueStance, CueRhetorical, CueInterject}

// interjections open a sentence in the writer's voice, set off by a
// comma, dash, exclamation mark or ellipsis: the writer answers or
// concedes to the reader ("Yes, …", "Sure, …", "That's right—…"), a
// marker of irony and of stance (Burgers, van Mulken and Schellens 2012;
// Hyland 2005).
var interjections = wordSet(`yes yeah oh sure well alas wow no okay ok right surprise indeed`)

// interjection reports whether the sentence opens, after at most a
// conjunction, with an interjection or "that's right", "of course",
// outside quotations and set off by a comma, dash, exclamation mark or
// ellipsis.
func (c *sentenceContext) interjection() bool {
	i := 0
	if len(c.toks) > 0 && (c.toks[0].Lower == "and" || c.toks[0].Lower == "but" || c.toks[0].Lower == "so") {
		i = 1
	}
	if i >= len(c.toks) || c.inQuote[i] {
		return false
	}
	end := -1
	switch w := c.toks[i].Lower; {
	case (w == "that's" || w == "that’s") && i+1 < len(c.toks) && c.toks[i+1].Lower == "right":
		end = c.toks[i+1].End
	case w == "of" && i+1 < len(c.toks) && c.toks[i+1].Lower == "course":
		end = c.toks[i+1].End
	case interjections[w]:
		end = c.toks[i].End
	default:
		return false
	}
	rest := strings.TrimLeft(c.text[end:c.s.End], " ")
	for _, mark := range []string{",", "—", "–", " -", "-", "!", "…", "..."} {
		if strings.HasPrefix(rest, mark) {
			return true
		}
	}
	return false
}

// CommentaryCue reports whether cues of the writer's own voice make an
// editorial sentence whose opinion probability reaches [Thresholds.Voice]
// commentary: speculation, which no single loaded word carries, or a
// rhetorical question ([CueRhetorical]).
func CommentaryCue(cues []string) bool {
	return slices.Contains(cues, CueSpeculation) || slices.Contains(cues, CueRhetorical)
}

// negatedAux are the negated auxiliaries that open a negative
// interrogative ("isn't", "don't", "won't").
var negatedAux = wordSet(`isn't aren't wasn't weren't doesn't don't didn't won't wouldn't shouldn't
	can't couldn't haven't hasn't hadn't`)

// negativeInterrogative reports whether the sentence, a question, opens
// with a negated auxiliary outside quotations, after at most a
// conjunction ("Isn't this exactly what we were promised?", "But won't
// it be absurd?"): a negative interrogative, which asserts its expected
// answer rather than asking (Heritage 2002; Koshik 2005), the form of a
// rhetorical question that a word of its own shows.
func (c *sentenceContext) negativeInterrogative() bool {
	for i, t := range c.toks {
		if c.inQuote[i] || i > 1 {
			return false
		}
		switch {
		case negatedAux[t.Lower]:
			return true
		case i == 0 && (t.Lower == "but" || t.Lower == "and" || t.Lower == "so" || t.Lower == "or" || t.Lower == "yet"):
			continue
		}
		return false
	}
	return false
}

// WriterSpeaks reports whether cues of the writer's own voice show the
// writer speaking in person rather than only choosing words: speculation
// ("might", "seems", "one can only assume"), or a question or exclamation
// in the first or second person (a rhetorical question, direct address:
// "Isn't this what we were promised?"). The sentence models read it as a
// feature; a commentary span needs [CommentaryCue].
func WriterSpeaks(cues []string) bool {
	return slices.Contains(cues, CueSpeculation) || slices.Contains(cues, CueQuestion) && slices.Contains(cues, CuePerson)
}

// speculates reports whether token i marks the writer's speculation: an
// epistemic hedge (Hyland 1998: "might", "seem", "perhaps", "assume"), or
// the generic "one" before a modal ("one can only assume"). Hedges that
// are as often something else count only where they speculate: "appear"
// before "to" or "that" ("appears to have been", not "appeared on
// television"), "suspect" and "guess" after a pronoun or a modal ("we
// suspect", "could have guessed", not "the suspect"), "supposed" not
// before "to" (an obligation: "is supposed to").
func (c *sentenceContext) speculates(i int) bool {
	w := c.toks[i].Lower
	next, prev := "", ""
	if i+1 < len(c.toks) {
		next = c.toks[i+1].Lower
	}
	if i > 0 {
		prev = c.toks[i-1].Lower
	}
	switch w {
	case "one":
		return modals[next] || next == "can"
	case "appear", "appears", "appeared":
		return next == "to" || next == "that"
	case "suspect", "suspected", "guess", "guessed":
		return persons[prev] || modals[prev] || prev == "have"
	case "supposed":
		return next != "to"
	}
	return hedges[w]
}

// stance reports whether token i opens the writer's epistemic stance
// stated in person: "I", "we" or the generic "one" as the subject of a
// verb of supposing among Hyland's (1998) hedges, with at most two modals
// or focusing adverbs between them ("one can only assume", "we suspect",
// "I would guess"). Such a sentence is the writer's own speculation
// whatever its words: commentary by definition.
func (c *sentenceContext) stance(i int) bool {
	switch c.toks[i].Lower {
	case "i", "we":
	case "one":
		if !c.speculates(i) {
			return false
		}
	default:
		return false
	}
	for j := i + 1; j < len(c.toks) && j <= i+3; j++ {
		w := c.toks[j].Lower
		switch {
		case supposing[w]:
			return !c.inQuote[j]
		case modals[w] || w == "can" || w == "only" || w == "just" || w == "do" || w == "must":
			continue
		}
		return false
	}
	return false
}

// supposing are the verbs of supposing among Hyland's (1998) hedges.
var supposing = wordSet(`assume presume suppose suspect speculate guess`)

// names reports whether token i is a naming verb ([namingVerbs]) that
// attributes a quotation after it in the sentence to a subject: "Weiner
// referred to a reporter as a 'jackass'", "what she calls the 'radical'
// nature". The verb has a subject when the word just before it (past any
// adverb in -ly, with no punctuation between) is a subject pronoun, an
// auxiliary or "to" ([subjects]), or a capitalized word that is neither a
// possessive nor a stop word (a name: "Critics call it"; not "The call
// for …"), or when it ends a relative clause opened by "what", "which"
// or "that" at most five words before ("what aides called 'orphan
// districts'", "that the police chief derided as 'lawless'"). A form in
// -ed or -ing also attributes when an object stands between it and the
// quotation (a word other than "a", "an", "the", "as" and "to": "calling
// the tax deal 'a steep price'"), as a verb in the active voice has a
// subject, stated or not, and when "by" follows the quotation (a passive
// with its agent: "called an 'international treasure' by one former
// official"). A participle with none of these is passive or names a thing
// ("a trait called 'gender'", "labeled 'birthers'", "referred to as a
// 'score'"); "so-called" is one word, the writer's own distancing: their
// quotations stay scare quotes.
func (c *sentenceContext) names(i int) bool {
	upper := func(k int) bool { return startsUpper(c.text[c.toks[k].Start:c.toks[k].End]) }
	w := c.toks[i].Lower
	if c.inQuote[i] || !namingVerbs[w] || i > 0 && upper(i) {
		return false
	}
	q := i + 1 // the quotation's first word
	for q < len(c.toks) && !c.inQuote[q] {
		q++
	}
	if q == len(c.toks) {
		return false
	}
	p := i - 1 // the word before the verb
	for p >= 0 && !c.inQuote[p] && !upper(p) && strings.HasSuffix(c.toks[p].Lower, "ly") {
		p--
	}
	passive := false
	if p >= 0 && !c.inQuote[p] && strings.TrimSpace(c.text[c.toks[p].End:c.toks[i].Start]) == "" {
		b := c.toks[p].Lower
		switch {
		case beForms[b]:
			passive = true
		case subjects[b], upper(p) && !strings.HasSuffix(b, "'s") && !similarity.IsStopword(noApostrophe.Replace(b)):
			return true
		}
	}
	for k := i - 2; k >= max(0, i-5) && !passive && !c.inQuote[k]; k-- {
		if r := c.toks[k].Lower; r == "what" || r == "which" || r == "that" {
			return true
		}
	}
	if !strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "ing") {
		return false
	}
	for k := i + 1; k < q; k++ {
		switch c.toks[k].Lower {
		case "a", "an", "the", "as", "to":
		default:
			return true // an object
		}
	}
	for q < len(c.toks) && c.inQuote[q] {
		q++
	}
	return q < len(c.toks) && c.toks[q].Lower == "by"
}

// reporting reports whether the sentence is attributed: a report verb
// outside quotations, a naming verb that attributes a quotation
// ([sentenceContext.names]), or mostly quotation.
func (c *sentenceContext) reporting() bool {
	return c.attrib || (len(c.toks) > 0 && 2*c.quoted >= len(c.toks) && c.quoted > 3)
}

// stem is the Porter (1980) stem of a lower-case word.
func stem(w string) string { return porterstemmer.StemString(w) }

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func bucket(x, step float64) string {
	return strconv.FormatFloat(math.Round(x/step), 'g', -1, 64)
}

// wordInfo is what the features take from a word alone, computed once
// per word and kept (see info).
type wordInfo struct {
	stem string
	// head and tail are the word model's features of the word alone, in
	// the order wordFeatures adds them around its context features.
	head, tail []feature
	loaded     bool     // a strong VADER valence (|v| ≥ 1.5) and not a common word
	subjective bool     // Pattern subjectivity ≥ 0.7
	valence    bool     // in VADER's lexicon
	booster    bool     // a VADER booster
	lists      []uint8  // the cue lists (cueLists) holding it
	grams      []uint32 // hashed letter n-grams (charGram), for the sentence models
	english    bool     // a common English word (lexicons.englishWord)
}

var (
	infoCache sync.Map // lower-case word -> *wordInfo
	infoCount atomic.Int64
)

// maxInfoCache bounds the words whose wordInfo is kept.
const maxInfoCache = 1 << 20

// info returns the wordInfo of w.
func info(w string, lx *lexicons) *wordInfo {
	if v, ok := infoCache.Load(w); ok {
		return v.(*wordInfo)
	}
	wi := &wordInfo{stem: stem(w), english: lx.englishWord(w)}
	add := func(dst *[]feature, kind uint8, parts ...string) {
		*dst = append(*dst, feature{hash(kind, parts...), kind, 0})
	}
	add(&wi.head, fWord, w)
	if wi.stem != w {
		add(&wi.head, fWord, "stem", wi.stem)
	}
	if n := len(w); n > 4 {
		add(&wi.head, fSuffix, w[n-3:])
	}
	if similarity.IsStopword(strings.ReplaceAll(w, "'", "")) {
		add(&wi.tail, fShape, "stop")
	}
	if strings.ContainsRune(w, '-') {
		add(&wi.tail, fShape, "hyphen")
	}
	add(&wi.tail, fShape, "len", strconv.Itoa(min(len(w)/3, 5)))
	common := lx.common[w]
	if common {
		add(&wi.tail, fShape, "common")
	}
	if v, ok := lx.valence[w]; ok {
		add(&wi.tail, fValence, bucket(v, 1))
		add(&wi.tail, fValence, "abs", bucket(math.Abs(v), 1))
		wi.valence = true
		wi.loaded = math.Abs(v) >= 1.5 && !common
	}
	if a, ok := lx.subjectivity(w); ok {
		add(&wi.tail, fSubj, bucket(a.subjectivity, 0.2))
		add(&wi.tail, fSubj, "pol", bucket(a.polarity, 0.5))
		wi.subjective = a.subjectivity >= 0.7
	}
	for _, l := range cueLists {
		if l.words[w] {
			add(&wi.tail, l.kind)
			wi.lists = append(wi.lists, l.kind)
		}
	}
	wi.booster = lx.boosters[w]
	if c, ok := lx.clusters[w]; ok {
		add(&wi.tail, fCluster, c)
	}
	b := "<" + w + ">"
	for i := 0; i+charGram <= len(b); i++ {
		wi.grams = append(wi.grams, hash(fChar, b[i:i+charGram]))
	}
	if infoCount.Load() < maxInfoCache {
		if v, loaded := infoCache.LoadOrStore(w, wi); loaded {
			return v.(*wordInfo)
		}
		infoCount.Add(1)
	}
	return wi
}

// wordFeatures appends the features of token i.
func (c *sentenceContext) wordFeatures(out []feature, i int, lx *lexicons) []feature {
	t := c.toks[i]
	ti := int32(i)
	wi := c.infos[i]
	add := func(kind uint8, parts ...string) {
		out = append(out, feature{hash(kind, parts...), kind, ti})
	}
	static := func(fs []feature) {
		for _, f := range fs {
			f.tok = ti
			out = append(out, f)
		}
	}
	add(fBias)
	static(wi.head)
	prev, next := "^", "$"
	if i > 0 {
		prev = c.contextWord(i - 1)
	}
	if i+1 < len(c.toks) {
		next = c.contextWord(i + 1)
	}
	add(fContext, "p", prev)
	add(fContext, "n", next)
	orig := c.text[t.Start:t.End]
	r, _ := utf8.DecodeRuneInString(orig)
	switch {
	case unicode.IsDigit(r):
		add(fShape, "digit")
	case unicode.IsUpper(r) && i > 0:
		add(fShape, "cap")
	case unicode.IsUpper(r):
		add(fShape, "cap0")
	}
	static(wi.tail)
	if i > 0 && c.infos[i-1].booster {
		add(fIntensify, "after")
	}
	if wi.booster && i+1 < len(c.toks) && c.infos[i+1].valence {
		add(fIntensify, "before")
	}
	if c.inQuote[i] {
		add(fQuote, "in")
	}
	if c.scare[i] {
		add(fScare)
	}
	if c.attrib {
		add(fQuote, "attributed")
	}
	return out
}

// contextWord is token j as the context of a neighbouring word in the
// word model: its lower-case form, or "<name>" for a capitalized word
// inside the sentence (a name, or part of one: "Trump", "Trump's",
// "Security"). Which names stand beside loaded words in the training data
// says who the sentences were about, not how they were worded: "the Trump
// camp" and "Mr Trump's envoy" are neutral whatever BABE's sentences about
// Trump were.
func (c *sentenceContext) contextWord(j int) string {
	t := c.toks[j]
	if j > 0 && startsUpper(c.text[t.Start:t.End]) {
		return "<name>"
	}
	return t.Lower
}

// cueLists are the short word lists a sentence's features count.
var cueLists = []struct {
	kind  uint8
	words map[string]bool
}{{fHedge, hedges}, {fCertainty, certainty}, {fAttitude, attitudeMarkers}, {fAssertive, assertives}, {fPerson, persons}, {fModal, modals}}

// sentenceFeatures appends the features of the whole sentence.
func (c *sentenceContext) sentenceFeatures(out []feature, lx *lexicons) []feature {
	add := func(kind uint8, tok int, parts ...string) {
		out = append(out, feature{hash(kind, parts...), kind, int32(tok)})
	}
	add(fBias, -1)
	var counts [fBias + 1]int
	prev := "^"
	for i, t := range c.toks {
		w := t.Lower
		if c.inQuote[i] {
			add(fQuote, i, "w", w)
			prev = "^"
			continue
		}
		wi := c.infos[i]
		add(fWord, i, w)
		if wi.stem != w {
			add(fWord, i, "stem", wi.stem)
		}
		add(fBigram, i, prev, w)
		prev = w
		for _, g := range wi.grams {
			out = append(out, feature{g, fChar, int32(i)})
		}
		if wi.loaded {
			counts[fValence]++
			add(fValence, i, "w", w)
		}
		if wi.subjective {
			counts[fSubj]++
		}
		for _, k := range wi.lists {
			counts[k]++
			add(k, i, "w")
		}
		if c.scare[i] {
			counts[fScare]++
		}
		if i > 0 && c.infos[i-1].booster && wi.valence {
			counts[fIntensify]++
			add(fIntensify, i, "w")
		}
	}
	add(fBigram, -1, prev, "$")
	voice := c.voice()
	for _, v := range voice {
		add(fVoice, -1, v)
	}
	if WriterSpeaks(voice) {
		add(fVoice, -1, "speaks")
	}
	for k, n := range counts {
		if n > 0 {
			add(uint8(k), -1, "n", strconv.Itoa(min(n, 3)))
		}
	}
	switch c.lastRune {
	case '?':
		add(fPunct, -1, "?")
	case '!':
		add(fPunct, -1, "!")
	}
	body := c.text[c.s.Start:c.s.End]
	if strings.Contains(body, "—") || strings.Contains(body, " -- ") {
		add(fPunct, -1, "dash")
	}
	if strings.Contains(body, "…") || strings.Contains(body, "...") {
		add(fPunct, -1, "ellipsis")
	}
	if c.attrib {
		add(fQuote, -1, "attributed")
	}
	if c.quoted > 0 {
		add(fQuote, -1, "share", bucket(float64(c.quoted)/float64(len(c.toks)), 0.25))
	}
	add(fShape, -1, "len", strconv.Itoa(min(len(c.toks)/8, 6)))
	return out
}

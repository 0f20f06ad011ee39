package benchmarks

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// This file writes the articles of one story: the facts every article about
// it shares, source articles, rewrites, verbatim copies and independent
// same-story articles. All randomness comes from generator.rng, consumed in
// a fixed order, so a seed fixes the output.

// Rates of the text model.
const (
	sentenceMedian = 21   // words; log-normal median
	sentenceSigma  = 0.42 // log-normal shape: mean ≈ 21·e^(σ²/2) ≈ 23 words
	sentenceMin    = 5
	sentenceMax    = 60

	quoteRate = 0.2  // share of sentences (not the lede) that are direct quotes
	commaRate = 0.05 // commas per word

	// Per-word draws of a story sentence, cumulative: topic word, a person of
	// the story, its place, one of its numbers, any name; else a word drawn
	// from the unigram model.
	pTopic  = 0.09
	pPerson = pTopic + 0.03
	pPlace  = pPerson + 0.01
	pNumber = pPlace + 0.01
	pName   = pNumber + 0.08

	// Rewriting.
	keepLede     = 0.9  // probability a rewrite keeps the lede
	keepSentence = 0.7  // ... and any other sentence
	swapSynonym  = 0.5  // probability a word with a paraphrase is swapped
	dropWord     = 0.02 // probability a word is dropped
	editWord     = 0.03 // probability a word is replaced by another
	quoteKeep    = 0.6  // a quote is kept verbatim,
	quoteTrim    = 0.25 // trimmed, or else turned into reported speech
	paraBreak    = 0.45 // probability of a paragraph break after a sentence
)

// tok is a token number: an index into generator.vocab.
type tok = int32

// noSpeaker marks a sentence that is not a direct quote.
const noSpeaker tok = -1

// sentence is a list of words and comma tokens. A direct quote has a
// speaker and one of three attribution forms.
type sentence struct {
	words   []tok
	speaker tok
	form    int
}

// facts are what every article about one story shares.
type facts struct {
	story   string // Story label
	topic   []tok
	people  []tok // "First Last"
	place   tok
	numbers []tok
	when    time.Time
}

// lexicon holds the generator's own words as tokens.
type lexicon struct {
	synonyms                []([]tok) // by token: the paraphrases a rewrite may use; nil for most
	commentary              [][]tok
	comma, in, said, citing tok
}

// newLexicon adds the generator's words to vocab and returns their tokens.
func newLexicon(vocab *[]string) lexicon {
	index := make(map[string]tok, len(*vocab))
	for i, w := range *vocab {
		if _, ok := index[w]; !ok {
			index[w] = tok(i)
		}
	}
	intern := func(w string) tok {
		if t, ok := index[w]; ok {
			return t
		}
		t := tok(len(*vocab))
		*vocab = append(*vocab, w)
		index[w] = t
		return t
	}
	lx := lexicon{comma: intern(","), in: intern("in"), said: intern("said"), citing: intern("citing")}
	for _, c := range commentary {
		ts := make([]tok, len(c))
		for i, w := range c {
			ts[i] = intern(w)
		}
		lx.commentary = append(lx.commentary, ts)
	}
	groups := make([][]tok, len(synonymGroups))
	for i, grp := range synonymGroups {
		for _, w := range grp {
			groups[i] = append(groups[i], intern(w))
		}
	}
	lx.synonyms = make([][]tok, len(*vocab))
	for _, grp := range groups {
		for _, w := range grp {
			for _, alt := range grp {
				if alt != w {
					lx.synonyms[w] = append(lx.synonyms[w], alt)
				}
			}
		}
	}
	return lx
}

// local adds a story's own token (a person's full name, a number) to the
// vocabulary; story resets these after each story.
func (g *generator) local(s string) tok {
	g.vocab = append(g.vocab, s)
	return tok(len(g.vocab) - 1)
}

// story generates the articles about one new story.
func (g *generator) story() []GenArticle {
	g.stories++
	g.vocab = g.vocab[:len(g.m.vocab)]
	f := g.newFacts()
	var out []GenArticle
	switch {
	case g.rng.Float64() >= g.pCovered:
		out = []GenArticle{g.independent(f, 0, 10+g.rng.IntN(21))}
	case g.cfg.FamilyShare > 0:
		size := g.cfg.FamilyMin + g.rng.IntN(g.cfg.FamilyMax-g.cfg.FamilyMin+1)
		out = g.family(f, size)
		for k := range g.poisson(g.indepMean) {
			out = append(out, g.independent(f, k+1, 8+g.rng.IntN(23)))
		}
	default: // independent coverage only: 2 + Poisson(1) articles, 3 on average
		for k := range 2 + g.poisson(1) {
			out = append(out, g.independent(f, k+1, 8+g.rng.IntN(23)))
		}
	}
	minutes := g.rng.ExpFloat64() * g.minutesPer * float64(len(out))
	g.clock = g.clock.Add(time.Duration(minutes * float64(time.Minute)))
	return out
}

func (g *generator) newFacts() *facts {
	f := &facts{story: "s" + pad(g.stories, 7), when: g.clock}
	f.topic = make([]tok, 12)
	for i := range f.topic {
		f.topic[i] = g.m.randContent(g.rng)
	}
	f.people = make([]tok, 2+g.rng.IntN(3))
	for i := range f.people {
		f.people[i] = g.local(g.m.randPerson(g.rng) + " " + g.m.randPerson(g.rng))
	}
	f.place = g.m.randName(g.rng)
	f.numbers = make([]tok, 3)
	for i := range f.numbers {
		f.numbers[i] = g.number()
	}
	return f
}

// number returns a number as news writes them.
func (g *generator) number() tok { return g.local(g.numberText()) }

func (g *generator) numberText() string {
	r := g.rng
	switch r.IntN(6) {
	case 0:
		return strconv.Itoa(2 + r.IntN(98))
	case 1:
		n := 1000 + r.IntN(99000)
		return strconv.Itoa(n/1000) + "," + pad(n%1000, 3)
	case 2:
		return strconv.Itoa(1+r.IntN(20)) + "." + strconv.Itoa(1+r.IntN(9))
	case 3:
		return strconv.Itoa(1990 + r.IntN(35))
	case 4:
		return "$" + strconv.Itoa(1+r.IntN(900)) + "." + strconv.Itoa(r.IntN(10)) + " million"
	default:
		return strconv.Itoa(1+r.IntN(99)) + "%"
	}
}

// sentenceLen draws a sentence length from the log-normal model.
func (g *generator) sentenceLen() int {
	n := int(math.Round(sentenceMedian * math.Exp(sentenceSigma*g.rng.NormFloat64())))
	return min(max(n, sentenceMin), sentenceMax)
}

// words appends n words about story f to dst, with commas.
func (g *generator) words(dst []tok, f *facts, n int) []tok {
	r := g.rng
	dst = slices.Grow(dst, n+n/8)
	for i := range n {
		var w tok
		switch x := r.Float64(); {
		case x < pTopic:
			w = f.topic[r.IntN(len(f.topic))]
		case x < pPerson:
			w = f.people[r.IntN(len(f.people))]
		case x < pPlace:
			w = f.place
		case x < pNumber:
			if r.IntN(4) == 0 {
				w = g.number()
			} else {
				w = f.numbers[r.IntN(len(f.numbers))]
			}
		case x < pName:
			w = g.m.randName(r)
		default:
			w = g.m.randWord(r)
		}
		dst = append(dst, w)
		if i < n-1 && r.Float64() < commaRate {
			dst = append(dst, g.comma)
		}
	}
	return dst
}

// body writes n sentences about f: a lede naming a person, the place and a
// number, then sentences of which some are quotes by the story's people.
func (g *generator) body(f *facts, n int) []sentence {
	out := make([]sentence, n)
	for i := range out {
		s := sentence{words: g.words(nil, f, g.sentenceLen()), speaker: noSpeaker}
		if i == 0 {
			s.words = append(s.words, g.in, f.place, g.comma, f.people[0], g.said, g.comma, g.citing, f.numbers[0])
		} else if g.rng.Float64() < quoteRate {
			s.speaker = f.people[g.rng.IntN(len(f.people))]
			s.form = g.rng.IntN(3)
		}
		out[i] = s
	}
	return out
}

// title writes a headline about f.
func (g *generator) title(f *facts) []tok {
	w := []tok{f.people[0]}
	for range 5 + g.rng.IntN(6) {
		if g.rng.IntN(3) == 0 {
			w = append(w, f.topic[g.rng.IntN(len(f.topic))])
		} else {
			w = append(w, g.m.randWord(g.rng))
		}
	}
	if g.rng.IntN(2) == 0 {
		w = append(w, g.in, f.place)
	}
	return w
}

// retitle writes another outlet's headline for the same article: the
// original edited, or (half the time) a new one.
func (g *generator) retitle(f *facts, old []tok) []tok {
	if g.rng.IntN(2) == 0 {
		return g.title(f)
	}
	return g.edit(old)
}

// edit returns a copy of words with paraphrases swapped in and some words
// dropped or replaced.
func (g *generator) edit(words []tok) []tok {
	r := g.rng
	out := make([]tok, 0, len(words))
	for _, w := range words {
		var alts []tok
		if int(w) < len(g.synonyms) {
			alts = g.synonyms[w]
		}
		if alts != nil && r.Float64() < swapSynonym {
			w = alts[r.IntN(len(alts))]
		} else if x := r.Float64(); x < dropWord {
			continue
		} else if x < dropWord+editWord && w != g.comma {
			w = g.m.randWord(r)
		}
		out = append(out, w)
	}
	if len(out) == 0 {
		return words
	}
	return out
}

// editSentence rewrites one sentence; quotes are kept, trimmed or turned
// into reported speech.
func (g *generator) editSentence(s sentence) sentence {
	if s.speaker == noSpeaker {
		return sentence{words: g.edit(s.words), speaker: noSpeaker}
	}
	switch x := g.rng.Float64(); {
	case x < quoteKeep:
		return sentence{words: s.words, speaker: s.speaker, form: g.rng.IntN(3)}
	case x < quoteKeep+quoteTrim:
		n := max(4, len(s.words)*(5+g.rng.IntN(5))/10)
		return sentence{words: s.words[:min(n, len(s.words))], speaker: s.speaker, form: s.form}
	default:
		w := append([]tok{s.speaker, g.said}, g.edit(s.words)...)
		return sentence{words: w, speaker: noSpeaker}
	}
}

// rewrite writes another outlet's version of src: sentences dropped,
// edited and moved, commentary added.
func (g *generator) rewrite(f *facts, src []sentence) []sentence {
	r := g.rng
	out := make([]sentence, 0, len(src)+4)
	for i, s := range src {
		keep := keepSentence
		if i == 0 {
			keep = keepLede
		}
		if r.Float64() < keep {
			out = append(out, g.editSentence(s))
		}
	}
	for i := 0; len(out) < 5 && i < len(src); i++ {
		out = append(out, g.editSentence(src[len(src)-1-i]))
	}
	for range r.IntN(4) * min(1, len(out)-2) { // move a sentence, not the lede
		from, to := 1+r.IntN(len(out)-1), 1+r.IntN(len(out)-1)
		s := out[from]
		copy(out[from:], out[from+1:])
		copy(out[to+1:], out[to:len(out)-1])
		out[to] = s
	}
	for range 1 + r.IntN(4) { // add commentary
		opener := g.commentary[r.IntN(len(g.commentary))]
		w := append([]tok(nil), opener...)
		s := sentence{words: g.words(w, f, max(4, g.sentenceLen()-len(opener))), speaker: noSpeaker}
		at := 1 + r.IntN(len(out))
		out = append(out, sentence{})
		copy(out[at+1:], out[at:])
		out[at] = s
	}
	return out
}

// render writes sentences as text, in paragraphs separated by blank lines.
func (g *generator) render(sents []sentence) string {
	var sb strings.Builder
	sb.Grow(len(sents) * 150)
	for i := range sents {
		if i > 0 {
			if g.rng.Float64() < paraBreak {
				sb.WriteString("\n\n")
			} else {
				sb.WriteByte(' ')
			}
		}
		g.writeSentence(&sb, &sents[i])
	}
	return sb.String()
}

func (g *generator) writeSentence(sb *strings.Builder, s *sentence) {
	switch {
	case s.speaker == noSpeaker:
		g.writeWords(sb, s.words)
		sb.WriteByte('.')
	case s.form == 0:
		sb.WriteByte('"')
		g.writeWords(sb, s.words)
		sb.WriteString(`," said `)
		sb.WriteString(g.vocab[s.speaker])
		sb.WriteByte('.')
	case s.form == 1:
		sb.WriteByte('"')
		g.writeWords(sb, s.words)
		sb.WriteString(`," `)
		sb.WriteString(g.vocab[s.speaker])
		sb.WriteString(" said.")
	default:
		sb.WriteString(g.vocab[s.speaker])
		sb.WriteString(` said: "`)
		g.writeWords(sb, s.words)
		sb.WriteString(`."`)
	}
}

// writeWords joins words with spaces, attaching commas (and leaving out a
// comma at either end or after another), capitalizing the first word.
func (g *generator) writeWords(sb *strings.Builder, words []tok) {
	first := true
	for i, t := range words {
		if t == g.comma {
			if !first && i < len(words)-1 && words[i-1] != g.comma {
				sb.WriteByte(',')
			}
			continue
		}
		w := g.vocab[t]
		if first {
			r, size := utf8.DecodeRuneInString(w)
			sb.WriteRune(unicode.ToUpper(r))
			sb.WriteString(w[size:])
			first = false
			continue
		}
		sb.WriteByte(' ')
		sb.WriteString(w)
	}
}

func (g *generator) joinTitle(words []tok) string {
	var sb strings.Builder
	g.writeWords(&sb, words)
	return sb.String()
}

// pickOutlets returns n outlets, distinct while there are enough; the first
// (the source) is a wire service half the time.
func (g *generator) pickOutlets(n int) []string {
	idx := make([]int, len(outlets))
	for i := range idx {
		idx[i] = i
	}
	out := make([]string, n)
	for k := range out { // a partial Fisher-Yates shuffle, restarted after len(outlets)
		j := k % len(idx)
		s := j + g.rng.IntN(len(idx)-j)
		idx[j], idx[s] = idx[s], idx[j]
		out[k] = outlets[idx[j]]
	}
	if g.rng.IntN(2) == 0 {
		out[0] = wires[g.rng.IntN(len(wires))]
	}
	return out
}

func stamp(t time.Time) string { return t.Format(time.RFC3339) }

// family writes a rewrite family of size articles: a source, then rewrites
// of it and verbatim copies of earlier members.
func (g *generator) family(f *facts, size int) []GenArticle {
	r := g.rng
	rewrite := f.story + "/f1"
	outs := g.pickOutlets(size)
	src := g.body(f, 20+r.IntN(11))

	type original struct {
		title []tok
		when  time.Time
		art   int // index in arts
	}
	originals := make([]original, 0, size)
	arts := make([]GenArticle, 0, size)

	title := g.title(f)
	originals = append(originals, original{title, f.when, 0})
	arts = append(arts, GenArticle{
		Outlet: outs[0], Title: g.joinTitle(title), Published: stamp(f.when), Text: g.render(src),
		Copy: rewrite + "/c0", Rewrite: rewrite, Story: f.story,
	})
	for k := 1; k < size; k++ {
		if r.Float64() < g.cfg.CopyShare {
			o := originals[r.IntN(len(originals))]
			a := arts[o.art]
			at := o.when.Add(time.Duration(5+r.IntN(24*60)) * time.Minute)
			a.Outlet, a.Published = outs[k], stamp(at)
			switch r.IntN(3) {
			case 0: // new headline
				a.Title = g.joinTitle(g.retitle(f, o.title))
			case 1: // footer
				a.Text += "\n\n" + g.footer(outs[k], arts[o.art].Outlet)
			default:
				a.Title = g.joinTitle(g.retitle(f, o.title))
				a.Text += "\n\n" + g.footer(outs[k], arts[o.art].Outlet)
			}
			arts = append(arts, a)
			continue
		}
		at := f.when.Add(time.Duration(10+r.IntN(72*60)) * time.Minute)
		t := g.retitle(f, title)
		originals = append(originals, original{t, at, len(arts)})
		arts = append(arts, GenArticle{
			Outlet: outs[k], Title: g.joinTitle(t), Published: stamp(at), Text: g.render(g.rewrite(f, src)),
			Copy: rewrite + "/c" + strconv.Itoa(k), Rewrite: rewrite, Story: f.story,
		})
	}
	return arts
}

// independent writes an article about f written without reference to any
// other: k numbers it within the story.
func (g *generator) independent(f *facts, k, sentences int) GenArticle {
	rewrite := f.story + "/i" + strconv.Itoa(k)
	at := f.when
	if k > 0 {
		at = at.Add(time.Duration(g.rng.IntN(60*60)-12*60) * time.Minute)
	}
	return GenArticle{
		Outlet: g.pickOutlets(1)[0], Title: g.joinTitle(g.title(f)), Published: stamp(at),
		Text: g.render(g.body(f, sentences)), Copy: rewrite + "/c0", Rewrite: rewrite, Story: f.story,
	}
}

// footer returns a boilerplate line a copying outlet adds.
func (g *generator) footer(outlet, source string) string {
	switch g.rng.IntN(4) {
	case 0:
		return "This article originally appeared in " + source + "."
	case 1:
		return "Copyright " + strconv.Itoa(2024+g.rng.IntN(2)) + " " + outlet + ". All rights reserved."
	case 2:
		return "Sign up for the " + outlet + " newsletter to get stories like this in your inbox."
	default:
		return "Reporting by " + source + "; additional reporting by " + outlet + " staff."
	}
}

// Word lists of the generator, written for it.
var (
	wires   = []string{"Continental Press Wire", "Global News Service", "United Newswire"}
	outlets = []string{
		"Riverton Herald", "Lakeside Tribune", "Northfield Ledger", "Port Alder Post", "Granite Falls Courier",
		"Easton Gazette", "Bay City Times", "Millbrook Daily", "Harbor Chronicle", "Pine Ridge Sentinel",
		"Westgate Observer", "Capital Monitor", "Summit Review", "Valley Dispatch", "Coastal Record",
		"Midland Star", "Redwood Register", "Oak Hill Journal", "Fairview Beacon", "Stonebridge Examiner",
		"The Daily Signal Post", "Metro Wire Daily", "Evening Standard Press", "Morning Ledger",
		"National Current", "The Civic Report", "Frontline Bulletin", "Newsline Today", "The Weekly Inquirer",
		"Crescent City Voice", "Ironwood Press", "Silver Lake News", "Highland Tribune", "Brookside Times",
		"Cedar Point Post", "Eastern Courier", "Western Herald", "Southern Dispatch", "Northern Star",
		"Union Chronicle",
	}
	commentary = [][]string{
		{"critics", "say"},
		{"analysts", "noted", "that"},
		{"it", "was", "not", "immediately", "clear", "whether"},
		{"observers", "have", "long", "argued", "that"},
		{"supporters", "countered", "that"},
		{"some", "experts", "warned", "that"},
		{"it", "remains", "to", "be", "seen", "whether"},
		{"the", "move", "is", "likely", "to", "raise", "questions", "about"},
		{"this", "is", "not", "the", "first", "time"},
		{"opponents", "called", "it"},
	}
)

// synonymGroups are words a rewrite may put in place of each other.
var synonymGroups = [][]string{
	{"said", "stated", "added"}, {"says", "claims"}, {"told", "informed"}, {"asked", "questioned"},
	{"big", "large", "major"}, {"also", "additionally"}, {"but", "however"}, {"because", "since"},
	{"people", "residents"}, {"government", "administration"}, {"officials", "authorities", "leaders"},
	{"police", "officers"}, {"about", "around"}, {"help", "assist"}, {"start", "begin"},
	{"started", "began"}, {"show", "reveal"}, {"showed", "revealed"}, {"more", "additional"},
	{"important", "significant"}, {"need", "require"}, {"after", "following"}, {"attack", "assault"},
	{"killed", "slain"}, {"plan", "proposal"}, {"law", "legislation"}, {"report", "account"},
	{"buy", "purchase"}, {"try", "attempt"}, {"tried", "attempted"}, {"get", "obtain"},
	{"children", "kids"}, {"car", "vehicle"}, {"meeting", "session"}, {"quickly", "rapidly"},
	{"many", "numerous"}, {"country", "nation"}, {"city", "town"}, {"money", "funds"},
	{"decision", "ruling"}, {"company", "firm"}, {"died", "perished"}, {"vote", "ballot"},
	{"support", "backing"}, {"expected", "anticipated"}, {"announced", "unveiled"}, {"week", "days"},
	{"new", "fresh"}, {"called", "described"}, {"several", "multiple"}, {"while", "whereas"},
}

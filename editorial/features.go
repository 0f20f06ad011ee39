package editorial

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	porterstemmer "github.com/blevesearch/go-porterstemmer"

	"github.com/wirediff/wirediff/similarity"
)

// featureBits is the size of the hashed feature space: 2^18 weights per
// model.
const featureBits = 18

const featureMask = 1<<featureBits - 1

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
	scare    []bool // token inside a short quotation of a sentence that attributes nothing
	attrib   bool   // a report verb outside quotations
	quoted   int    // tokens inside quotations
	lastRune rune
}

func newContext(text string, s Range, ctx Context) *sentenceContext {
	inQuote := ctx.InQuote
	c := &sentenceContext{text: text, s: s, toks: Tokens(text, s.Start, s.End)}
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
	c.lastRune, _ = utf8.DecodeLastRuneInString(strings.TrimRight(text[s.Start:s.End], `"”’' )`))
	return c
}

// reporting reports whether the sentence is attributed: a report verb
// outside quotations, or mostly quotation.
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
	return fmt.Sprint(math.Round(x / step))
}

// wordFeatures appends the features of token i.
func (c *sentenceContext) wordFeatures(out []feature, i int, lx *lexicons) []feature {
	t := c.toks[i]
	w := t.Lower
	ti := int32(i)
	add := func(kind uint8, parts ...string) {
		out = append(out, feature{hash(kind, parts...), kind, ti})
	}
	add(fBias)
	add(fWord, w)
	if st := stem(w); st != w {
		add(fWord, "stem", st)
	}
	if n := len(w); n > 4 {
		add(fSuffix, w[n-3:])
	}
	prev, next := "^", "$"
	if i > 0 {
		prev = c.toks[i-1].Lower
	}
	if i+1 < len(c.toks) {
		next = c.toks[i+1].Lower
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
	if similarity.IsStopword(strings.ReplaceAll(w, "'", "")) {
		add(fShape, "stop")
	}
	if strings.ContainsRune(w, '-') {
		add(fShape, "hyphen")
	}
	add(fShape, "len", fmt.Sprint(min(len(w)/3, 5)))
	if Common(w) {
		add(fShape, "common")
	}
	if v, ok := lx.valence[w]; ok {
		add(fValence, bucket(v, 1))
		add(fValence, "abs", bucket(math.Abs(v), 1))
	}
	if a, ok := lx.subjectivity(w); ok {
		add(fSubj, bucket(a.subjectivity, 0.2))
		add(fSubj, "pol", bucket(a.polarity, 0.5))
	}
	if hedges[w] {
		add(fHedge)
	}
	if certainty[w] {
		add(fCertainty)
	}
	if attitudeMarkers[w] {
		add(fAttitude)
	}
	if assertives[w] {
		add(fAssertive)
	}
	if persons[w] {
		add(fPerson)
	}
	if modals[w] {
		add(fModal)
	}
	if i > 0 && lx.boosters[prev] {
		add(fIntensify, "after")
	}
	if lx.boosters[w] && i+1 < len(c.toks) {
		if _, ok := lx.valence[next]; ok {
			add(fIntensify, "before")
		}
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
		add(fWord, i, w)
		if st := stem(w); st != w {
			add(fWord, i, "stem", st)
		}
		add(fBigram, i, prev, w)
		prev = w
		if v, ok := lx.valence[w]; ok && math.Abs(v) >= 1.5 && !Common(w) {
			counts[fValence]++
			add(fValence, i, "w", w)
		}
		if a, ok := lx.subjectivity(w); ok && a.subjectivity >= 0.7 {
			counts[fSubj]++
		}
		for _, l := range cueLists {
			if l.words[w] {
				counts[l.kind]++
				add(l.kind, i, "w")
			}
		}
		if c.scare[i] {
			counts[fScare]++
		}
		if i > 0 && lx.boosters[c.toks[i-1].Lower] {
			if _, ok := lx.valence[w]; ok {
				counts[fIntensify]++
				add(fIntensify, i, "w")
			}
		}
	}
	add(fBigram, -1, prev, "$")
	for k, n := range counts {
		if n > 0 {
			add(uint8(k), -1, "n", fmt.Sprint(min(n, 3)))
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
	add(fShape, -1, "len", fmt.Sprint(min(len(c.toks)/8, 6)))
	return out
}

package editorial

import (
	"bytes"
	_ "embed"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/layout"
	"github.com/wirediff/wirediff/similarity"
)

// Sentence kinds.
const (
	KindReporting  = "reporting"  // an attributed statement or a quotation
	KindBackground = "background" // an unattributed statement of fact
	KindCommentary = "commentary" // the writer's own opinion
)

// Sentence labels.
const (
	LabelEditorial = "editorial"
	LabelNeutral   = "neutral"
)

// SpanEditorial is the kind of every span the detector returns.
const SpanEditorial = "editorial"

// Sentence is the decision on one sentence: byte offsets into the text.
type Sentence struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Kind  string `json:"kind"`
	Label string `json:"label"`
	// PEditorial is the probability that the sentence is editorial.
	PEditorial float64 `json:"p_editorial"`
	// Unscored says why the sentence was not read ([NotEnglish]): it has
	// no probability, counts no word of the score and is labelled neutral
	// for want of a reading, not as one.
	Unscored string `json:"unscored,omitempty"`
}

// NotEnglish is the Unscored reason of a sentence in another language:
// the models know English only.
const NotEnglish = "not English"

// Span is an editorial byte range [Start, End) of a text: a commentary
// sentence, or loaded wording in the writer's own voice.
type Span struct {
	Kind  string `json:"kind"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Why   string `json:"why"`
}

// Analysis is the detector's reading of one sentence.
type Analysis struct {
	Sentence
	// PBias is the bias model's probability that the sentence is biased,
	// POpinion the opinion model's that it expresses the writer's
	// opinion, and PWord the word model's for its most loaded word; they
	// make PEditorial through the model's [Combiner].
	PBias, POpinion, PWord float64
	// Reporting is true for an attributed sentence: a report verb outside
	// quotations, a verb of naming that gives a quotation to a subject
	// ("what she calls the 'radical' nature"), or mostly quotation.
	Reporting bool
	// Voice names the cues of the writer's own voice the sentence has
	// outside quotations.
	Voice []string
	// Why names the cues that weighed most for a commentary sentence.
	Why string
	// Candidates are the words that can be loaded wording, with the word
	// model's probability; Loaded are the runs of those at or above the
	// word threshold, and LoadedWords counts their words.
	Candidates  []Candidate
	Loaded      []Loaded
	LoadedWords int
	// OwnWords counts the words outside quotations, scare quotes included.
	OwnWords int
}

// Candidate is a word of the writer's own voice that can be loaded
// wording, with its probability.
type Candidate struct {
	Start, End int
	P          float64
	// Topic is true for a word of the text's own subject
	// ([Context.Topic]) or a word of a fixed term (one of WordNet's
	// multiword adverbs: "so far", "of course"): it counts towards the
	// sentence's probabilities but is never loaded wording.
	Topic bool
	// Why names the cues that weighed most for a loaded word; it is set
	// by [Detector.Sentence] for the words of a.Loaded only.
	Why string
	tok int
}

// Loaded is a run of loaded words.
type Loaded struct {
	Start, End int
	Words      int
	P          float64 // the highest word probability in the run
	Why        string
}

// Detector classifies sentences and finds loaded wording with a trained
// [Model]. It is safe for concurrent use.
type Detector struct {
	m  *Model
	lx *lexicons
}

// NewDetector returns a detector using m.
func NewDetector(m *Model) *Detector { return &Detector{m: m, lx: loadLexicons()} }

//go:embed model.bin
var modelFile []byte

var (
	defaultOnce sync.Once
	defaultDet  *Detector
	defaultErr  error
)

// Default returns the detector with the weights shipped in the package
// (model.bin, written by `make train`).
func Default() (*Detector, error) {
	defaultOnce.Do(func() {
		m, err := ReadModel(bytes.NewReader(modelFile))
		if err != nil {
			defaultErr = fmt.Errorf("editorial: the shipped weights: %w", err)
			return
		}
		defaultDet = NewDetector(m)
	})
	return defaultDet, defaultErr
}

// Model returns the detector's model.
func (d *Detector) Model() *Model { return d.m }

// Context is what the detector is told about a sentence's text.
type Context struct {
	// InQuote reports whether a byte offset lies inside a quotation (nil:
	// nothing is quoted); words inside quotations are the speaker's and are
	// never loaded wording of the text.
	InQuote func(int) bool
	// Topic reports whether a word (lower case, Porter stem) is of the
	// text's own subject (nil: none is): such words are never loaded
	// wording. See [Context.WithTopics].
	Topic func(stem string) bool

	// words are the tokens of the sentences WithTopics read, with what
	// the features take from each word, for Sentence to use again.
	words map[Range]rangeWords
	// foreign: WithTopics found the text as a whole not English (see
	// notEnglish); none of its sentences is scored.
	foreign bool
}

// rangeWords are the tokens of one range of a text and their wordInfo.
type rangeWords struct {
	toks  []Token
	infos []*wordInfo
	fixed []bool // see lexicons.fixedPhrases
}

// WithTopics returns ctx with Topic set to the words that text uses in
// two or more of its sentences ss, in its own voice or in quotations,
// counted by stem: the vocabulary of what the text is about ("envoy" in a
// report on envoys' talks, "war" in one on ending a war that its sources
// name too), which a writer repeats because it names the subject, not to
// judge it. A single sentence has no such words. The context returned is
// for text alone: it keeps the words of each sentence for
// [Detector.Sentence].
func (ctx Context) WithTopics(text string, ss []Range) Context {
	seen := map[string]int{} // stem -> 1 + index of the last sentence using it
	topic := map[string]bool{}
	lx := loadLexicons()
	words := make(map[Range]rangeWords, len(ss))
	var lang languageCount
	for k, s := range ss {
		toks := Tokens(text, s.Start, s.End)
		infos := make([]*wordInfo, len(toks))
		for i, t := range toks {
			infos[i] = info(t.Lower, lx)
			lang.add(text[t.Start:t.End], t.Lower, infos[i].english)
			st := infos[i].stem
			if j := seen[st]; j > 0 && j != k+1 {
				topic[st] = true
			}
			seen[st] = k + 1
		}
		words[s] = rangeWords{toks, infos, lx.fixedPhrases(toks)}
	}
	ctx.Topic = func(st string) bool { return topic[st] }
	ctx.words = words
	ctx.foreign = lang.notEnglish()
	return ctx
}

// Sentence reads sentence s of text.
func (d *Detector) Sentence(text string, s Range, ctx Context) Analysis {
	c := newContext(text, s, ctx)
	a, fs := d.score(c)
	a.Decide(text, d.m.Header.Thresholds)
	var wfs []feature
	for i := range a.Loaded {
		l := &a.Loaded[i]
		var whys []string
		for j := range a.Candidates {
			if cd := &a.Candidates[j]; cd.Start >= l.Start && cd.End <= l.End {
				wfs = c.wordFeatures(wfs[:0], cd.tok, d.lx)
				cd.Why = d.explain(c, d.m.Word, wfs, 2)
				whys = append(whys, cd.Why)
			}
		}
		l.Why = strings.Join(whys, "; ")
	}
	if a.Kind == KindCommentary {
		a.Why = d.explain(c, d.m.Opinion, fs, 3)
	}
	a.PEditorial = math.Round(a.PEditorial*1000) / 1000 // decided; three decimals are all a report needs
	return a
}

// Probabilities reads sentence s of text as [Detector.Sentence] does but
// leaves the decisions to [Analysis.Decide], so that thresholds can be
// chosen on held-out data.
func (d *Detector) Probabilities(text string, s Range, ctx Context) Analysis {
	a, _ := d.score(newContext(text, s, ctx))
	return a
}

// score computes the probabilities of sentence c and of its candidate
// words, without deciding, and returns the sentence's features.
func (d *Detector) score(c *sentenceContext) (Analysis, []feature) {
	a := Analysis{Sentence: Sentence{Start: c.s.Start, End: c.s.End}, Reporting: c.reporting(), Voice: c.voice()}
	if !c.english() {
		// The models know English only and take words they never saw
		// for loaded: a sentence in another language is left unscored,
		// and its words out of the score.
		a.Unscored = NotEnglish
		return a, nil
	}
	fs := c.sentenceFeatures(make([]feature, 0, 4*len(c.toks)+16), d.lx)
	a.PBias = d.m.Bias.Prob(fs)
	a.POpinion = d.m.Opinion.Prob(fs)
	var wfs []feature
	for i, t := range c.toks {
		if c.inQuote[i] && !c.scare[i] {
			continue
		}
		a.OwnWords++
		if !candidate(c, i) {
			continue
		}
		wfs = c.wordFeatures(wfs[:0], i, d.lx)
		p := d.m.Word.Prob(wfs)
		a.PWord = max(a.PWord, p)
		topic := c.topic != nil && c.topic(c.infos[i].stem) || c.fixed != nil && c.fixed[i]
		a.Candidates = append(a.Candidates, Candidate{Start: t.Start, End: t.End, P: p, Topic: topic, tok: i})
	}
	a.PEditorial = d.m.Header.Combiner.Prob(&a)
	return a, fs
}

// Decide sets the sentence's kind and label and its runs of loaded words
// from its probabilities under thresholds th. A sentence is labelled
// editorial when its editorial probability reaches th.Sentence. It is
// reporting when attributed; otherwise commentary when the writer states
// a stance in person ([CueStance]: "one can only assume", "we suspect"),
// which makes it editorial whatever its probability, or when it is
// editorial and its opinion probability reaches th.Commentary, or
// th.Voice when the writer speculates or asks a rhetorical question
// outside quotations ([CommentaryCue]: "might", "seems", "one can",
// "Isn't this …?"); otherwise background.
// Only an
// editorial sentence has loaded words: those whose probability reaches
// th.Word, adjacent ones making one run; an editorial sentence that is
// not commentary and has none has its most loaded word when that reaches
// th.Least. Words of the text's own subject (Candidate.Topic) are never
// loaded.
func (a *Analysis) Decide(text string, th Thresholds) {
	a.Label = LabelNeutral
	stance := !a.Reporting && slices.Contains(a.Voice, CueStance)
	if a.PEditorial >= th.Sentence || stance {
		a.Label = LabelEditorial
	}
	switch {
	case a.Reporting:
		a.Kind = KindReporting
	case stance:
		a.Kind = KindCommentary
	case a.Label == LabelEditorial && (a.POpinion >= th.Commentary || CommentaryCue(a.Voice) && a.POpinion >= th.Voice):
		a.Kind = KindCommentary
	default:
		a.Kind = KindBackground
	}
	a.Loaded, a.LoadedWords = a.Loaded[:0], 0
	if a.Label != LabelEditorial {
		return
	}
	prevEnd := -1
	top := -1
	for i, cd := range a.Candidates {
		if cd.Topic {
			prevEnd = -1
			continue
		}
		if top < 0 || cd.P > a.Candidates[top].P {
			top = i
		}
		if cd.P < th.Word {
			prevEnd = -1
			continue
		}
		a.LoadedWords++
		if n := len(a.Loaded); n > 0 && prevEnd >= 0 && a.Loaded[n-1].End == prevEnd && strings.TrimSpace(text[prevEnd:cd.Start]) == "" {
			l := &a.Loaded[n-1]
			l.End, l.Words, l.P = cd.End, l.Words+1, max(l.P, cd.P)
		} else {
			a.Loaded = append(a.Loaded, Loaded{Start: cd.Start, End: cd.End, Words: 1, P: cd.P})
		}
		prevEnd = cd.End
	}
	if len(a.Loaded) == 0 && a.Kind != KindCommentary && top >= 0 && a.Candidates[top].P >= th.Least {
		cd := a.Candidates[top]
		a.Loaded, a.LoadedWords = append(a.Loaded, Loaded{Start: cd.Start, End: cd.End, Words: 1, P: cd.P}), 1
	}
}

// Explain returns the highest probability of the loaded words within
// [start, end) and their explanations, as a run of them has them: the
// part of a run that a caller keeps is explained by its own words.
func (a *Analysis) Explain(start, end int) (p float64, why string) {
	var whys []string
	for _, cd := range a.Candidates {
		if cd.Why != "" && cd.Start >= start && cd.End <= end {
			p = max(p, cd.P)
			whys = append(whys, cd.Why)
		}
	}
	return p, strings.Join(whys, "; ")
}

// candidate reports whether token i can be loaded wording: a word of the
// writer's own voice that is neither a stop word, a token with a digit (a
// number, an amount or a code: "e80", "G7", "COVID-19"), nor a
// capitalized word inside the sentence (a name or a fixed term: "Security
// Council"), nor a part of a web address or an email address.
func candidate(c *sentenceContext, i int) bool {
	t := c.toks[i]
	if similarity.IsStopword(strings.ReplaceAll(t.Lower, "'", "")) || len(t.Lower) < 3 {
		return false
	}
	if strings.ContainsFunc(t.Lower, unicode.IsDigit) || inAddress(c.text[c.s.Start:c.s.End], t.Start-c.s.Start) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(c.text[t.Start:t.End])
	return !(i > 0 && unicode.IsUpper(r))
}

// inAddress reports whether byte i of sentence s lies in a web or email
// address: a run without white space that holds "://", starts with
// "www." or holds an "@" with a dot after it ("https://example.com/
// absurd-plan", "tips@example.org"). Its words are a slug or a name, not
// wording.
func inAddress(s string, i int) bool {
	start := strings.LastIndexFunc(s[:i], unicode.IsSpace) + 1
	end := strings.IndexFunc(s[i:], unicode.IsSpace)
	if end < 0 {
		end = len(s)
	} else {
		end += i
	}
	run := strings.TrimLeft(s[start:end], `"'“‘(<[`)
	if strings.Contains(run, "://") || strings.HasPrefix(strings.ToLower(run), "www.") {
		return true
	}
	at := strings.IndexByte(run, '@')
	return at > 0 && strings.Contains(strings.TrimRight(run[at:], ".,;:!?)]>\"'”’"), ".")
}

// explain names the n cues that added most to the margin of features fs
// under model m. Features of one kind and description add up to a cue;
// a description is named once, by its heaviest cue (a word's identity,
// ending and letters are all "the word …").
func (d *Detector) explain(c *sentenceContext, m *LogReg, fs []feature, n int) string {
	type cue struct {
		what string
		w    float64
	}
	type key struct {
		kind uint8
		what string
	}
	var cues []cue
	idx := map[key]int{}
	for _, f := range fs {
		if !telling(c, f) {
			continue
		}
		k := key{f.kind, describe(c, f)}
		w := float64(m.W[f.h])
		if j, ok := idx[k]; ok {
			cues[j].w += w
			continue
		}
		idx[k] = len(cues)
		cues = append(cues, cue{k.what, w})
	}
	slices.SortStableFunc(cues, func(a, b cue) int {
		switch {
		case a.w > b.w:
			return -1
		case a.w < b.w:
			return 1
		}
		return strings.Compare(a.what, b.what)
	})
	var out []string
	for _, x := range cues {
		if len(out) == n || x.w <= 0 {
			break
		}
		if !slices.Contains(out, x.what) {
			out = append(out, x.what)
		}
	}
	if len(out) == 0 {
		return "no single cue"
	}
	return strings.Join(out, ", ")
}

// telling reports whether feature f is a cue worth naming: not the
// intercept, a word's shape, or a stop word.
func telling(c *sentenceContext, f feature) bool {
	switch f.kind {
	case fBias, fShape:
		return false
	case fWord, fSuffix, fContext, fBigram, fQuote, fChar:
		return f.tok >= 0 && !similarity.IsStopword(strings.ReplaceAll(c.toks[f.tok].Lower, "'", ""))
	}
	return true
}

// describe names the cue feature f stands for.
func describe(c *sentenceContext, f feature) string {
	word := ""
	if f.tok >= 0 {
		t := c.toks[f.tok]
		word = c.text[t.Start:t.End]
	}
	switch f.kind {
	case fWord, fSuffix, fChar:
		// The word itself, its ending and its letters are one cue to a
		// reader: the word.
		return "the word “" + word + "”"
	case fCluster:
		return "words used like “" + word + "” (GloVe clusters)"
	case fContext:
		return "the words around “" + word + "”"
	case fBigram:
		if word == "" {
			return "the sentence's last word"
		}
		return "the words before “" + word + "”"
	case fShape:
		return "word shape and length"
	case fValence:
		return "sentiment valence (VADER)"
	case fSubj:
		return "subjectivity (Pattern)"
	case fHedge:
		return "hedge/speculation (Hyland 1998)"
	case fCertainty:
		return "booster (Hyland 2005)"
	case fAttitude:
		return "attitude marker (Hyland 2005)"
	case fAssertive:
		return "assertive attribution verb (Hooper 1975)"
	case fPerson:
		return "first/second person address"
	case fIntensify:
		return "intensifier before an evaluative word"
	case fQuote:
		return "quotation and attribution"
	case fPunct:
		return "punctuation (question, exclamation, dash)"
	case fModal:
		return "modal verb (prediction, obligation)"
	case fScare:
		return "scare quotes"
	case fVoice:
		return "the writer's own voice (" + strings.Join(c.voice(), ", ") + ")"
	}
	return "other"
}

// CommentaryWhy explains a commentary sentence: its opinion probability,
// its cues of the writer's voice if any, and the features that weighed
// most, as "(p 0.58; speculation): “can”, …".
func (a *Analysis) CommentaryWhy() string {
	voice := ""
	if len(a.Voice) > 0 {
		voice = "; " + strings.Join(a.Voice, ", ")
	}
	return fmt.Sprintf("(p %.2f%s): %s", a.POpinion, voice, a.Why)
}

// Result is the detector's reading of a whole text.
type Result struct {
	// EditorialScore is [Score] of the text.
	EditorialScore float64 `json:"editorial_score"`
	// Unscored counts the sentences left unscored (see
	// [Sentence].Unscored): a text of none but those has no score to
	// give, and its 0 says nothing of its wording.
	Unscored  int        `json:"unscored_sentences,omitempty"`
	Sentences []Sentence `json:"sentences"`
	Spans     []Span     `json:"spans"`
}

// Score is the editorial score: commentary sentences and loaded words
// per 1,000 words of the writer's own text (outside quotations).
func Score(commentary, loadedWords, ownWords int) float64 {
	if ownWords == 0 {
		return 0
	}
	return float64(int(100000*float64(commentary+loadedWords)/float64(ownWords)+0.5)) / 100
}

// Text splits text into sentences, finds its quotations and reads every
// sentence.
func (d *Detector) Text(text string) (*Result, error) {
	ss, err := Sentences(text)
	if err != nil {
		return nil, err
	}
	return d.read(text, ss, nil, InQuote(text)), nil
}

// Article reads an article's text as the lineage report reads a member's:
// the sentences of its body, hard-wrapped lines joined
// ([layout.Sentences]; the metadata and site furniture the reader found
// are no sentence), with the sentences of its page furniture (captions,
// subheads, bullet summaries, …: [layout.PageFurniture]) left unscored,
// marked "page furniture: " and the kind. A text that is furniture
// through and through (a headline alone) is read as it is.
func (d *Detector) Article(a *corpus.Article) (*Result, error) {
	spans, err := layout.Sentences(a)
	if err != nil {
		return nil, fmt.Errorf("editorial: %w", err)
	}
	ss := make([]Range, len(spans))
	furniture := make(map[int]string)
	fs := layout.PageFurniture(a)
	for i, sp := range spans {
		ss[i] = Range{sp.Start, sp.End}
		for _, f := range fs {
			if f.Start < sp.End && sp.Start < f.End {
				furniture[i] = "page furniture: " + f.Kind.String()
				break
			}
		}
	}
	if len(furniture) == len(ss) {
		furniture = nil
	}
	// A quotation runs on across the lines a sentence joins, where
	// [Quotes] ends it at each line's end.
	joined := []byte(nil)
	for _, s := range ss {
		for i := s.Start; i < s.End; i++ {
			if a.Text[i] == '\n' {
				if joined == nil {
					joined = []byte(a.Text)
				}
				joined[i] = ' '
			}
		}
	}
	inQuote := InQuote(a.Text)
	if joined != nil {
		inQuote = InQuote(string(joined))
	}
	return d.read(a.Text, ss, furniture, inQuote), nil
}

// read reads sentences ss of text, but those unscored names (by index)
// with the reason they are not read; inQuote says which bytes of text
// are quoted.
func (d *Detector) read(text string, ss []Range, unscored map[int]string, inQuote func(int) bool) *Result {
	scored := ss
	if len(unscored) > 0 {
		scored = make([]Range, 0, len(ss)-len(unscored))
		for i, s := range ss {
			if unscored[i] == "" {
				scored = append(scored, s)
			}
		}
	}
	ctx := Context{InQuote: inQuote}.WithTopics(text, scored)
	res := &Result{Sentences: []Sentence{}, Spans: []Span{}}
	var commentary, loaded, own int
	for i, s := range ss {
		if why := unscored[i]; why != "" {
			res.Sentences = append(res.Sentences, Sentence{Start: s.Start, End: s.End, Kind: KindBackground, Label: LabelNeutral, Unscored: why})
			res.Unscored++
			continue
		}
		a := d.Sentence(text, s, ctx)
		res.Sentences = append(res.Sentences, a.Sentence)
		if a.Unscored != "" {
			res.Unscored++
		}
		res.Spans = append(res.Spans, a.Spans(text)...)
		own += a.OwnWords
		loaded += a.LoadedWords
		if a.Kind == KindCommentary {
			commentary++
		}
	}
	res.EditorialScore = Score(commentary, loaded, own)
	return res
}

// Spans returns the sentence's editorial spans: the whole sentence when it
// is commentary, and its runs of loaded words, in order.
func (a *Analysis) Spans(text string) []Span {
	var out []Span
	if a.Kind == KindCommentary {
		out = append(out, Span{SpanEditorial, a.Start, a.End, text[a.Start:a.End],
			"commentary in the writer's own voice " + a.CommentaryWhy()})
	}
	for _, l := range a.Loaded {
		out = append(out, Span{SpanEditorial, l.Start, l.End, text[l.Start:l.End],
			fmt.Sprintf("loaded wording (p %.2f): %s", l.P, l.Why)})
	}
	return out
}

package edtrain

import (
	"fmt"
	"math"
	"strings"

	"github.com/wirediff/wirediff/editorial"
)

// Folds is the number of cross-validation folds.
const Folds = 5

// Config is the training settings of the three models.
type Config struct {
	Sentence editorial.Settings `json:"sentence"`
	Word     editorial.Settings `json:"word"`
}

// prepared holds the training examples of every BABE row and BASIL
// article, computed once for all folds.
type prepared struct {
	d          *Data
	bias       []editorial.Example
	opinion    []editorial.Example
	hasOpinion []bool
	babeWords  [][]editorial.Example
	basilWords [][]editorial.Example
}

func prepare(d *Data) *prepared {
	p := &prepared{d: d}
	for i := range d.BABE {
		r := &d.BABE[i]
		inQ := editorial.Context{InQuote: editorial.InQuote(r.Text)}
		whole := editorial.Range{Start: 0, End: len(r.Text)}
		e := editorial.SentenceExample(r.Text, whole, inQ, r.Biased())
		p.bias = append(p.bias, e)
		// The opinion model tells the writer's opinion from the rest;
		// rows the annotators did not agree on are left out.
		p.opinion = append(p.opinion, e.With(r.LabelOpinion == "Expresses writer's opinion"))
		p.hasOpinion = append(p.hasOpinion, r.LabelOpinion != "No agreement")
		biased := r.BiasedSet()
		p.babeWords = append(p.babeWords, editorial.WordExamples(r.Text, whole, inQ,
			func(t editorial.Token) bool { return biased[t.Lower] }))
	}
	for i := range d.BASIL {
		a := &d.BASIL[i]
		ss, err := editorial.Sentences(a.Text)
		if err != nil {
			ss = []editorial.Range{{Start: 0, End: len(a.Text)}}
		}
		inQ := editorial.Context{InQuote: editorial.InQuote(a.Text)}
		var ex []editorial.Example
		for _, s := range ss {
			ex = append(ex, editorial.WordExamples(a.Text, s, inQ,
				func(t editorial.Token) bool { return overlaps(t.Start, t.End, a.Lex) })...)
		}
		p.basilWords = append(p.basilWords, ex)
	}
	return p
}

// train fits the three models on the BABE rows and BASIL articles that
// keep accepts (by fold; -1 keeps everything).
func (p *prepared) train(cfg Config, heldOut int) *editorial.Model {
	var bias, opinion, words []editorial.Example
	for i := range p.d.BABE {
		if heldOut >= 0 && fold(p.d.BABE[i].Article(), Folds) == heldOut {
			continue
		}
		bias = append(bias, p.bias[i])
		if p.hasOpinion[i] {
			opinion = append(opinion, p.opinion[i])
		}
		words = append(words, p.babeWords[i]...)
	}
	for i := range p.d.BASIL {
		if heldOut >= 0 && fold(p.d.BASIL[i].Event, Folds) == heldOut {
			continue
		}
		words = append(words, p.basilWords[i]...)
	}
	return &editorial.Model{
		Word:    editorial.Fit(words, cfg.Word),
		Bias:    editorial.Fit(bias, cfg.Sentence),
		Opinion: editorial.Fit(opinion, cfg.Sentence),
	}
}

// Trainer fits weights on parts of the data, for evaluations that
// cross-validate a larger pipeline (such as lineage) by the same folds.
type Trainer struct{ p *prepared }

// NewTrainer prepares the training examples of d.
func NewTrainer(d *Data) *Trainer { return &Trainer{prepare(d)} }

// Without fits the weights on all the data but fold k (the BABE articles
// and BASIL events that [BABEFold] and [EventFold] put in it), with the
// training settings, combiner and thresholds of h.
func (t *Trainer) Without(h editorial.Header, k int) *editorial.Model {
	m := t.p.train(Config{Sentence: h.Sentence, Word: h.Word}, k)
	m.Header = h
	return m
}

// EventFold returns the cross-validation fold of a BASIL event.
func EventFold(event string) int { return fold(event, Folds) }

// BABEFold returns the cross-validation fold of a BABE row.
func BABEFold(r *BABERow) int { return fold(r.Article(), Folds) }

// Predictions are the out-of-fold readings of every BABE row and BASIL
// article: their sentences' probabilities, left undecided.
type Predictions struct {
	d     *Data
	babe  [][]editorial.Analysis
	basil [][]editorial.Analysis
}

// CrossValidate trains on all folds but one and reads the one left out,
// for every fold.
func CrossValidate(d *Data, cfg Config) (*Predictions, error) {
	return crossValidate(prepare(d), cfg)
}

func crossValidate(p *prepared, cfg Config) (*Predictions, error) {
	d := p.d
	out := &Predictions{d: d, babe: make([][]editorial.Analysis, len(d.BABE)), basil: make([][]editorial.Analysis, len(d.BASIL))}
	for k := range Folds {
		det := editorial.NewDetector(p.train(cfg, k))
		for i := range d.BABE {
			if fold(d.BABE[i].Article(), Folds) == k {
				an, err := read(det, d.BABE[i].Text)
				if err != nil {
					return nil, fmt.Errorf("edtrain: BABE %s: %w", d.BABE[i].ID, err)
				}
				out.babe[i] = an
			}
		}
		for i := range d.BASIL {
			if fold(d.BASIL[i].Event, Folds) == k {
				an, err := read(det, d.BASIL[i].Text)
				if err != nil {
					return nil, fmt.Errorf("edtrain: BASIL %s: %w", d.BASIL[i].ID, err)
				}
				out.basil[i] = an
			}
		}
	}
	return out, nil
}

// read splits text into sentences and reads each, undecided.
func read(det *editorial.Detector, text string) ([]editorial.Analysis, error) {
	ss, err := editorial.Sentences(text)
	if err != nil {
		return nil, err
	}
	inQ := editorial.Context{InQuote: editorial.InQuote(text)}.WithTopics(text, ss)
	out := make([]editorial.Analysis, len(ss))
	for i, s := range ss {
		out[i] = det.Probabilities(text, s, inQ)
	}
	return out, nil
}

// Figures are the measurements of one detector on the development data.
type Figures struct {
	// BABE, sentence level: macro-F1 of Biased vs Non-biased, and of
	// "Expresses writer's opinion" vs "Entirely factual".
	BiasF1, OpinionF1 float64
	// BABE, word level, against biased_words.
	WordP, WordR, WordF1 float64
	// BASIL, token level, against lex spans.
	TokP, TokR, TokF1 float64
	// Order is the share of BASIL member pairs of one event whose
	// editorial scores order them as their lex span densities do (a tie
	// in score counts half), over OrderPairs pairs of unequal density.
	Order      float64
	OrderPairs int
}

// Objective is what the settings and thresholds are chosen to maximize:
// the mean of BABE sentence macro-F1 (bias and opinion), BABE word F1
// and BASIL token F1.
func (f Figures) Objective() float64 { return (f.BiasF1 + f.OpinionF1 + f.WordF1 + f.TokF1) / 4 }

// Doc is one document's decisions for scoring: whether it is biased (has
// an editorial sentence), whether it has a commentary sentence, which
// byte ranges are flagged, and its editorial score.
type Doc struct {
	Biased, Commentary bool
	Flagged            []editorial.Range
	Score              float64
}

// decide turns readings into a Doc under thresholds th.
func decide(text string, an []editorial.Analysis, th editorial.Thresholds) Doc {
	var doc Doc
	var commentary, loaded, own int
	for i := range an {
		a := &an[i]
		a.Decide(text, th)
		if a.Label == editorial.LabelEditorial {
			doc.Biased = true
		}
		if a.Kind == editorial.KindCommentary {
			doc.Commentary = true
			commentary++
			doc.Flagged = append(doc.Flagged, editorial.Range{Start: a.Start, End: a.End})
		}
		for _, l := range a.Loaded {
			doc.Flagged = append(doc.Flagged, editorial.Range{Start: l.Start, End: l.End})
		}
		loaded += a.LoadedWords
		own += a.OwnWords
	}
	doc.Score = editorial.Score(commentary, loaded, own)
	return doc
}

// Score measures the predictions under thresholds th.
func (p *Predictions) Score(th editorial.Thresholds) Figures {
	babe := make([]Doc, len(p.d.BABE))
	for i := range p.d.BABE {
		babe[i] = decide(p.d.BABE[i].Text, p.babe[i], th)
	}
	basil := make([]Doc, len(p.d.BASIL))
	for i := range p.d.BASIL {
		basil[i] = decide(p.d.BASIL[i].Text, p.basil[i], th)
	}
	return Measure(p.d, babe, basil)
}

// Measure scores documents' decisions (one per BABE row and BASIL
// article, in the data's order) against the annotations.
func Measure(d *Data, babe, basil []Doc) Figures {
	var f Figures
	var bias, opinion confusion
	var word, tok counts
	for i := range d.BABE {
		r := &d.BABE[i]
		bias.add(babe[i].Biased, r.Biased())
		switch r.LabelOpinion {
		case "Expresses writer's opinion":
			opinion.add(babe[i].Commentary, true)
		case "Entirely factual":
			opinion.add(babe[i].Commentary, false)
		}
		gold := r.BiasedSet()
		for _, t := range editorial.Tokens(r.Text, 0, len(r.Text)) {
			word.add(overlaps(t.Start, t.End, babe[i].Flagged), gold[t.Lower])
		}
	}
	for i := range d.BASIL {
		a := &d.BASIL[i]
		for _, t := range editorial.Tokens(a.Text, 0, len(a.Text)) {
			tok.add(overlaps(t.Start, t.End, basil[i].Flagged), overlaps(t.Start, t.End, a.Lex))
		}
	}
	f.BiasF1, f.OpinionF1 = bias.macroF1(), opinion.macroF1()
	f.WordP, f.WordR, f.WordF1 = word.prf()
	f.TokP, f.TokR, f.TokF1 = tok.prf()
	f.Order, f.OrderPairs = orderAgreement(d, basil)
	return f
}

// orderAgreement compares, within each BASIL event, every pair of
// members whose lex span densities (spans per 1,000 words) differ.
func orderAgreement(d *Data, docs []Doc) (float64, int) {
	density := make([]float64, len(d.BASIL))
	for i, a := range d.BASIL {
		if n := len(editorial.Tokens(a.Text, 0, len(a.Text))); n > 0 {
			density[i] = 1000 * float64(len(a.Lex)) / float64(n)
		}
	}
	var agree float64
	pairs := 0
	for i := range d.BASIL {
		for j := i + 1; j < len(d.BASIL); j++ {
			if d.BASIL[i].Event != d.BASIL[j].Event || density[i] == density[j] {
				continue
			}
			pairs++
			gi, si := density[i] > density[j], docs[i].Score-docs[j].Score
			switch {
			case si == 0:
				agree += 0.5
			case (si > 0) == gi:
				agree++
			}
		}
	}
	if pairs == 0 {
		return math.NaN(), 0
	}
	return agree / float64(pairs), pairs
}

type confusion struct{ tp, fp, fn, tn int }

func (c *confusion) add(pred, gold bool) {
	switch {
	case pred && gold:
		c.tp++
	case pred:
		c.fp++
	case gold:
		c.fn++
	default:
		c.tn++
	}
}

func f1of(tp, fp, fn int) float64 {
	if tp == 0 {
		return 0
	}
	return 2 * float64(tp) / float64(2*tp+fp+fn)
}

// macroF1 is the mean of the F1 of both classes.
func (c *confusion) macroF1() float64 {
	return (f1of(c.tp, c.fp, c.fn) + f1of(c.tn, c.fn, c.fp)) / 2
}

type counts struct{ confusion }

func (c *counts) prf() (p, r, f float64) {
	if c.tp+c.fp > 0 {
		p = float64(c.tp) / float64(c.tp+c.fp)
	}
	if c.tp+c.fn > 0 {
		r = float64(c.tp) / float64(c.tp+c.fn)
	}
	return p, r, f1of(c.tp, c.fp, c.fn)
}

// grid returns from, from+step, ... up to to.
func grid(from, to, step float64) []float64 {
	var out []float64
	for x := from; x <= to+1e-9; x += step {
		out = append(out, math.Round(x*1000)/1000)
	}
	return out
}

// MinWordF1 is the least BABE word F1 (commentary spans counted as
// flagged words) that the commentary threshold of sentences with a
// [editorial.CommentaryCue] may leave on the folds: the word-level target
// of the detector (0.40) and a margin of 0.01 for articles the folds do
// not hold, as thresholds chosen on the folds flatter them. A
// commentary span counts every word of its sentence as flagged while
// BABE's experts mark two or three words of it, so every span lowers the
// word figures; the threshold trades them against opinion macro-F1.
const MinWordF1 = 0.41

// never is a threshold above every probability.
const never = 1.01

// ChooseThresholds picks the thresholds on the predictions, one at a
// time: the sentence threshold that maximizes BABE bias macro-F1; the
// word threshold, then the least probability of an editorial sentence's
// most loaded word, that maximize BABE word F1 plus BASIL token F1 of the
// loaded words alone (no commentary); then the commentary threshold of
// other sentences that maximizes the same sum once commentary spans count
// as flagged words, as the evaluation counts them. Each of these is the
// grid value whose neighbourhood scores best (see smoothedBest). Before
// the commentary threshold, the opinion threshold of editorial sentences
// in which the writer speculates or asks a rhetorical question
// ([editorial.CommentaryCue]), Voice: of 0.5, 0.55, …, 0.95 and never,
// the one with the best opinion macro-F1 among those that keep BABE word
// F1 at or above [MinWordF1] (never always does), the least on a tie.
func (p *Predictions) ChooseThresholds() (editorial.Thresholds, Figures) {
	words := func(f Figures) float64 { return f.WordF1 + f.TokF1 }
	best := editorial.Thresholds{Sentence: 0.5, Word: never, Commentary: never, Voice: never, Least: never}
	var bestF Figures
	choose := func(values []float64, set func(th *editorial.Thresholds, v float64), score func(Figures) float64) {
		figs := make([]Figures, len(values))
		scores := make([]float64, len(values))
		for k, v := range values {
			th := best
			set(&th, v)
			figs[k] = p.Score(th)
			scores[k] = score(figs[k])
		}
		k := smoothedBest(scores)
		set(&best, values[k])
		bestF = figs[k]
	}
	choose(grid(0.30, 0.70, 0.025), func(th *editorial.Thresholds, v float64) { th.Sentence = v },
		func(f Figures) float64 { return f.BiasF1 })
	choose(grid(0.05, 0.95, 0.025), func(th *editorial.Thresholds, v float64) { th.Word = v }, words)
	choose(append(grid(0.05, best.Word, 0.025), never), func(th *editorial.Thresholds, v float64) { th.Least = v }, words)
	first := true
	for _, v := range append(grid(0.5, 0.95, 0.05), never) {
		th := best
		th.Voice = v
		if f := p.Score(th); first || f.WordF1 >= MinWordF1 && (bestF.WordF1 < MinWordF1 || f.OpinionF1 > bestF.OpinionF1) {
			best, bestF, first = th, f, false
		}
	}
	choose(append(grid(0.30, 0.95, 0.05), never), func(th *editorial.Thresholds, v float64) { th.Commentary = v }, words)
	return best, bestF
}

// smoothedBest returns the index of the best of scores measured on a grid
// of thresholds, each taken as the mean of itself and its neighbours on
// the grid (the ends with their one neighbour), the first on a tie. On
// the flat tops these curves have, the highest single point is as often
// noise as signal (on BABE a macro-F1 0.001 apart is one or two
// sentences); the best neighbourhood is a threshold that stays good on
// articles the folds do not hold.
func smoothedBest(scores []float64) int {
	best, bestV := 0, math.Inf(-1)
	for k := range scores {
		lo, hi := max(k-1, 0), min(k+1, len(scores)-1)
		var sum float64
		for _, s := range scores[lo : hi+1] {
			sum += s
		}
		if v := sum / float64(hi-lo+1); v > bestV {
			best, bestV = k, v
		}
	}
	return best
}

// sentenceBags is the number of bootstrap fits whose weights the
// sentence models average ([editorial.Settings.Bags]): bagging lowers the
// variance of models fitted on two thousand sentences over hundreds of
// thousands of features.
const sentenceBags = 9

// Candidates are the training settings the selection tries.
func Candidates() []Config {
	var out []Config
	for _, rate := range []float64{0.05, 0.1} {
		for _, l2 := range []float64{1e-5, 1e-3} {
			for _, pw := range []float64{3} {
				out = append(out, Config{
					Sentence: editorial.Settings{Epochs: 8, L2: l2, Rate: rate, Bags: sentenceBags},
					Word:     editorial.Settings{Epochs: 8, L2: 1e-5, Rate: 0.1, PositiveWeight: pw},
				})
			}
		}
	}
	return out
}

// FitCombiner fits the [editorial.Combiner] on the held-out readings of
// the BABE rows (each row's sentence of highest bias probability against
// the row's bias label) by gradient descent on the log-loss, and sets
// every reading's PEditorial with it.
func (p *Predictions) FitCombiner() editorial.Combiner {
	type row struct {
		x [3]float64
		y float64
	}
	var rows []row
	for i, an := range p.babe {
		best := -1
		for j := range an {
			if best < 0 || an[j].PBias > an[best].PBias {
				best = j
			}
		}
		if best < 0 {
			continue
		}
		r := row{x: editorial.Logits(&an[best])}
		if p.d.BABE[i].Biased() {
			r.y = 1
		}
		rows = append(rows, r)
	}
	var w [4]float64
	for range 2000 {
		var g [4]float64
		for _, r := range rows {
			z := w[3] + w[0]*r.x[0] + w[1]*r.x[1] + w[2]*r.x[2]
			e := 1/(1+math.Exp(-z)) - r.y
			for j := range 3 {
				g[j] += e * r.x[j]
			}
			g[3] += e
		}
		for j := range w {
			w[j] -= 0.5 * g[j] / float64(len(rows))
		}
	}
	c := editorial.Combiner{Bias: w[0], Word: w[1], Opinion: w[2], Intercept: w[3]}
	p.SetCombiner(c)
	return c
}

// SetCombiner sets every reading's PEditorial with c.
func (p *Predictions) SetCombiner(c editorial.Combiner) {
	for _, as := range [][][]editorial.Analysis{p.babe, p.basil} {
		for _, an := range as {
			for j := range an {
				an[j].PEditorial = c.Prob(&an[j])
			}
		}
	}
}

// Selection is the outcome of choosing settings on the folds.
type Selection struct {
	Config     Config
	Combiner   editorial.Combiner
	Thresholds editorial.Thresholds
	Figures    Figures
	Log        []string // one line per candidate
}

// Select cross-validates every candidate setting and keeps the best by
// [Figures.Objective] at its best thresholds.
func Select(d *Data, cands []Config) (*Selection, error) {
	p := prepare(d)
	var best *Selection
	var log []string
	for _, cfg := range cands {
		pr, err := crossValidate(p, cfg)
		if err != nil {
			return nil, err
		}
		comb := pr.FitCombiner()
		th, f := pr.ChooseThresholds()
		log = append(log, fmt.Sprintf("%+v %+v %+v: %s", cfg, comb, th, f))
		if best == nil || f.Objective() > best.Figures.Objective() {
			best = &Selection{Config: cfg, Combiner: comb, Thresholds: th, Figures: f}
		}
	}
	best.Log = log
	return best, nil
}

// Train fits the weights on all the data with the selection's settings
// and thresholds.
func Train(d *Data, sel *Selection) *editorial.Model {
	m := prepare(d).train(sel.Config, -1)
	m.Header = editorial.Header{
		Thresholds: sel.Thresholds,
		Combiner:   sel.Combiner,
		TrainedOn:  Sources,
		Word:       sel.Config.Word,
		Sentence:   sel.Config.Sentence,
	}
	return m
}

func (f Figures) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "BABE bias macro-F1 %.3f, opinion macro-F1 %.3f, words P %.3f R %.3f F1 %.3f; BASIL tokens P %.3f R %.3f F1 %.3f, order %.3f of %d pairs",
		f.BiasF1, f.OpinionF1, f.WordP, f.WordR, f.WordF1, f.TokP, f.TokR, f.TokF1, f.Order, f.OrderPairs)
	return b.String()
}

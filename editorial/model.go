package editorial

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
)

// The weights file (model.bin) holds three logistic regressions over
// hashed features and the thresholds chosen for them:
//
//	magic    "wirediff-editorial\n"
//	u32      length of the header, little endian
//	header   JSON [Header]: {"version":3,"feature_bits":18,"thresholds":{...},"trained_on":[...],...}
//	models   word, bias, opinion in that order; each is
//	         f32 scale, f32 intercept, then 2^feature_bits i16 weights
//	         (weight = i16 × scale), little endian
//
// A file of another version or feature size is refused with
// [ErrModelFormat].
const modelMagic = "wirediff-editorial\n"

// modelVersion changes whenever the features change, so that weights
// trained on other features are refused.
const modelVersion = 3

// ErrModelFormat is returned for a weights file this version cannot read.
var ErrModelFormat = errors.New("editorial: not a weights file of this version")

// Thresholds turn the models' probabilities into decisions.
type Thresholds struct {
	// Word is the least probability for a word outside quotations to be
	// loaded wording.
	Word float64 `json:"word"`
	// Sentence is the least probability for a sentence to be labelled
	// editorial (see [Combiner]).
	Sentence float64 `json:"sentence"`
	// Commentary is the least probability of expressing the writer's
	// opinion for an unattributed sentence to be commentary.
	Commentary float64 `json:"commentary"`
	// Voice is the least opinion probability for an unattributed
	// editorial sentence in which the writer speculates or asks a
	// rhetorical question ([CommentaryCue]) to be commentary.
	Voice float64 `json:"voice"`
	// Least is the least word probability for the most loaded word of an
	// editorial sentence with no loaded words and no commentary span to be
	// flagged, so that a sentence labelled editorial shows its cue (above
	// 1: never).
	Least float64 `json:"least"`
}

// Combiner combines a sentence's three probabilities (bias, its most
// loaded word, opinion) into its probability of being editorial: a
// logistic regression over their log-odds, fitted on held-out
// predictions (stacking, Wolpert 1992). The zero Combiner takes the bias
// probability alone.
type Combiner struct {
	Bias      float64 `json:"bias"`
	Word      float64 `json:"word"`
	Opinion   float64 `json:"opinion"`
	Intercept float64 `json:"intercept"`
}

// Logits returns the log-odds of a sentence's three probabilities, the
// inputs of a Combiner.
func Logits(a *Analysis) [3]float64 {
	return [3]float64{logit(a.PBias), logit(a.PWord), logit(a.POpinion)}
}

func logit(p float64) float64 {
	p = min(max(p, 1e-4), 1-1e-4)
	return math.Log(p / (1 - p))
}

// Prob returns the probability that sentence a is editorial.
func (c Combiner) Prob(a *Analysis) float64 {
	if c == (Combiner{}) {
		return a.PBias
	}
	x := Logits(a)
	return sigmoid(c.Intercept + c.Bias*x[0] + c.Word*x[1] + c.Opinion*x[2])
}

// Header is the JSON header of a weights file.
type Header struct {
	Version     int        `json:"version"`
	FeatureBits int        `json:"feature_bits"`
	Thresholds  Thresholds `json:"thresholds"`
	Combiner    Combiner   `json:"combiner"`
	// TrainedOn names the data the weights were fitted on.
	TrainedOn []string `json:"trained_on"`
	// Word and Sentence are the training settings of the word model and
	// of the two sentence models.
	Word     Settings `json:"word_settings"`
	Sentence Settings `json:"sentence_settings"`
}

// Settings are the training settings of [Fit].
type Settings struct {
	Epochs int     `json:"epochs"`
	L2     float64 `json:"l2"`
	Rate   float64 `json:"rate"`
	// PositiveWeight weighs positive examples (the rare class of words).
	PositiveWeight float64 `json:"positive_weight"`
	// Bags, when above one, averages the weights of that many fits, each
	// on a bootstrap sample of the examples drawn from a fixed seed.
	Bags int `json:"bags,omitempty"`
}

// LogReg is a logistic regression over hashed features.
type LogReg struct {
	Intercept float64
	W         []float32 // 2^featureBits
}

// Prob returns the probability of the positive class for features fs.
func (m *LogReg) Prob(fs []feature) float64 {
	return sigmoid(m.Margin(fs))
}

// Margin returns the log-odds for features fs.
func (m *LogReg) Margin(fs []feature) float64 {
	z := m.Intercept
	for _, f := range fs {
		z += float64(m.W[f.h])
	}
	return z
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// Example is one training example: its features and its class.
type Example struct {
	fs []feature
	Y  bool
}

// Fit fits a logistic regression to examples by AdaGrad (Duchi et al.
// 2011) with L2 regularization, visiting the examples in an order drawn
// from a fixed seed, so that the same examples give the same weights.
//
// With s.Bags above one, Fit averages the weights of s.Bags fits, each on
// a bootstrap sample of the examples (bagging, Breiman 1996).
func Fit(examples []Example, s Settings) *LogReg {
	if s.Bags <= 1 {
		return fit(examples, s, rand.New(rand.NewPCG(1, 2)), nil)
	}
	m := &LogReg{W: make([]float32, 1<<featureBits)}
	sum := make([]float64, 1<<featureBits)
	var icpt float64
	draw := rand.New(rand.NewPCG(3, 4))
	count := make([]int, len(examples))
	for bag := range s.Bags {
		clear(count)
		for range examples {
			count[draw.IntN(len(examples))]++
		}
		r := fit(examples, s, rand.New(rand.NewPCG(1, uint64(2+bag))), count)
		icpt += r.Intercept
		for i, x := range r.W {
			sum[i] += float64(x)
		}
	}
	m.Intercept = icpt / float64(s.Bags)
	for i, x := range sum {
		m.W[i] = float32(x / float64(s.Bags))
	}
	return m
}

// fit is one AdaGrad fit of [Fit]: example i visited count[i] times per
// epoch (nil: once).
func fit(examples []Example, s Settings, rng *rand.Rand, count []int) *LogReg {
	m := &LogReg{W: make([]float32, 1<<featureBits)}
	w := make([]float64, 1<<featureBits)
	g2 := make([]float64, 1<<featureBits)
	var b, gb float64
	var order []int
	for i := range examples {
		n := 1
		if count != nil {
			n = count[i]
		}
		for range n {
			order = append(order, i)
		}
	}
	pw := s.PositiveWeight
	if pw == 0 {
		pw = 1
	}
	for range s.Epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			e := &examples[i]
			z := b
			for _, f := range e.fs {
				z += w[f.h]
			}
			p := sigmoid(z)
			g := p
			wt := 1.0
			if e.Y {
				g, wt = p-1, pw
			}
			g *= wt
			gb += g * g
			b -= s.Rate * g / math.Sqrt(gb+1e-8)
			for _, f := range e.fs {
				gj := g + s.L2*w[f.h]
				g2[f.h] += gj * gj
				w[f.h] -= s.Rate * gj / math.Sqrt(g2[f.h]+1e-8)
			}
		}
	}
	m.Intercept = b
	for i, v := range w {
		m.W[i] = float32(v)
	}
	return m
}

// Model is the detector's three regressions and thresholds.
type Model struct {
	Header  Header
	Word    *LogReg
	Bias    *LogReg
	Opinion *LogReg
}

// WriteTo writes m in the weights file format, weights quantized to 16
// bits.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriter(w)
	h := m.Header
	h.Version, h.FeatureBits = modelVersion, featureBits
	hdr, err := json.Marshal(h)
	if err != nil {
		return 0, fmt.Errorf("editorial: writing weights: %w", err)
	}
	var n int64
	put := func(v any) {
		if err == nil {
			err = binary.Write(bw, binary.LittleEndian, v)
			n += int64(binary.Size(v))
		}
	}
	bw.WriteString(modelMagic)
	n += int64(len(modelMagic))
	put(uint32(len(hdr)))
	bw.Write(hdr)
	n += int64(len(hdr))
	for _, r := range []*LogReg{m.Word, m.Bias, m.Opinion} {
		var top float64
		for _, x := range r.W {
			top = max(top, math.Abs(float64(x)))
		}
		scale := top / 32767
		if scale == 0 {
			scale = 1
		}
		q := make([]int16, len(r.W))
		for i, x := range r.W {
			q[i] = int16(math.Round(float64(x) / scale))
		}
		put(float32(scale))
		put(float32(r.Intercept))
		put(q)
	}
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return n, fmt.Errorf("editorial: writing weights: %w", err)
	}
	return n, nil
}

// ReadModel reads a weights file written by [Model.WriteTo].
func ReadModel(r io.Reader) (*Model, error) {
	br := bufio.NewReader(r)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return nil, fmt.Errorf("%w: bad magic", ErrModelFormat)
	}
	var n uint32
	if err := binary.Read(br, binary.LittleEndian, &n); err != nil || n > 1<<20 {
		return nil, fmt.Errorf("%w: bad header length", ErrModelFormat)
	}
	hdr := make([]byte, n)
	if _, err := io.ReadFull(br, hdr); err != nil {
		return nil, fmt.Errorf("%w: short header: %w", ErrModelFormat, err)
	}
	m := &Model{}
	if err := json.Unmarshal(hdr, &m.Header); err != nil {
		return nil, fmt.Errorf("%w: header: %w", ErrModelFormat, err)
	}
	if m.Header.Version != modelVersion || m.Header.FeatureBits != featureBits {
		return nil, fmt.Errorf("%w: version %d with %d feature bits, want version %d with %d",
			ErrModelFormat, m.Header.Version, m.Header.FeatureBits, modelVersion, featureBits)
	}
	regs := make([]*LogReg, 3)
	for i := range regs {
		var scale, icpt float32
		q := make([]int16, 1<<featureBits)
		for _, v := range []any{&scale, &icpt, q} {
			if err := binary.Read(br, binary.LittleEndian, v); err != nil {
				return nil, fmt.Errorf("%w: model %d: %w", ErrModelFormat, i, err)
			}
		}
		r := &LogReg{Intercept: float64(icpt), W: make([]float32, len(q))}
		for j, x := range q {
			r.W[j] = float32(x) * scale
		}
		regs[i] = r
	}
	m.Word, m.Bias, m.Opinion = regs[0], regs[1], regs[2]
	return m, nil
}

package lineage

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/similarity"
)

// Errors returned by Analyze.
var (
	ErrTooFewMembers = errors.New("lineage: a group needs at least two members")
	ErrDuplicateID   = errors.New("lineage: duplicate article ID in group")
	ErrUnknownSource = errors.New("lineage: source ID is not a member of the group")
)

// Reference kinds.
const (
	KindSource    = "source"    // one member is the reference
	KindConsensus = "consensus" // the sentences a majority of members carry
)

// Span kinds.
const (
	SpanAdded         = "added"
	SpanEditorial     = "editorial"
	SpanBoilerplate   = "boilerplate"
	SpanQuoteVerbatim = "quote_verbatim"
	SpanQuoteAltered  = "quote_altered"
)

// Options tunes Analyze. The zero value asks for the documented defaults.
type Options struct {
	// Source is the ID of the member to use as the reference; "" infers it
	// (see Analyze) and falls back to the consensus.
	Source string

	// SameFact is the weighted Dice coefficient over content terms at or
	// above which two sentences state the same fact. Default 0.41, the
	// threshold that maximizes accuracy on the MSRP training set
	// (TestEvalMSRP recalibrates and reports it).
	SameFact float64
	// NumberPenalty is taken off the Dice of two sentences when one has a
	// number the other lacks. Default 0.2 (calibrated with SameFact).
	NumberPenalty float64
	// Contained is the share of the smaller sentence's term weight that must
	// be found in the larger for a merge or split to count as the same
	// fact, with at least MinShared content terms in common. Defaults 0.8
	// and 3.
	Contained float64
	MinShared int

	// SourceMinContained is the least mean share of an inferred source's
	// words that the other members must carry. Default 0.5.
	SourceMinContained float64

	// MinQuoteWords is the least number of words a reference quotation
	// needs to be tracked. Default 3.
	MinQuoteWords int

	// MinValence is the least absolute VADER valence for a word to count
	// as loaded wording. Default 1.5 (VADER's scale runs from -4 to 4).
	MinValence float64
	// MinSubjectivity is the least Pattern subjectivity (0 to 1) of the
	// adjective an "-ly" adverb is formed from for the adverb to count as
	// evaluative ("forcefully", "brazenly"). Default 0.7, chosen on BASIL
	// dev among 0.5, 0.7, 0.8 and 0.9 (TestEvalBASIL).
	MinSubjectivity float64
}

func (o *Options) setDefaults() {
	if o.SameFact == 0 {
		o.SameFact = 0.41
	}
	if o.NumberPenalty == 0 {
		o.NumberPenalty = 0.2
	}
	if o.Contained == 0 {
		o.Contained = 0.8
	}
	if o.MinShared == 0 {
		o.MinShared = 3
	}
	if o.SourceMinContained == 0 {
		o.SourceMinContained = 0.5
	}
	if o.MinQuoteWords == 0 {
		o.MinQuoteWords = 3
	}
	if o.MinValence == 0 {
		o.MinValence = 1.5
	}
	if o.MinSubjectivity == 0 {
		o.MinSubjectivity = 0.7
	}
}

// Report is the lineage of one group of rewrites: its reference and, for
// every other member, what it kept, added, dropped and editorialized.
type Report struct {
	Reference Reference `json:"reference"`
	Members   []Member  `json:"members"`
}

// Reference is what the members are compared against.
type Reference struct {
	// Kind is KindSource or KindConsensus.
	Kind string `json:"kind"`
	// SourceID and Outlet name the source member (KindSource).
	SourceID string `json:"source_id,omitempty"`
	Outlet   string `json:"outlet,omitempty"`
	// Inferred is true when the source was inferred rather than given.
	Inferred bool `json:"inferred,omitempty"`
	// Why says how the reference was chosen.
	Why string `json:"why"`
	// Evidence is the source inference's evidence, one row per member
	// (empty when the source was given).
	Evidence []Evidence `json:"evidence,omitempty"`
	// Text is the consensus text: its sentences in order, one per line
	// (KindConsensus only; a source's text is its article's).
	Text string `json:"text,omitempty"`
	// Sentences are the reference's sentences in order.
	Sentences []RefSentence `json:"sentences"`
	// Quotes are the reference's quotations that are tracked per member.
	Quotes []string `json:"quotes,omitempty"`
	// Words is the number of words in Sentences.
	Words int `json:"words"`

	text string // the text Sentences point into (source only)
}

// RefSentence is one sentence of the reference: a byte range of a member's
// text, and the members that carry it.
type RefSentence struct {
	Member    string   `json:"member"`
	Start     int      `json:"start"`
	End       int      `json:"end"`
	Text      string   `json:"text"`
	CarriedBy []string `json:"carried_by"`
}

// Evidence is one member's row of the source inference.
type Evidence struct {
	ID        string `json:"id"`
	Published string `json:"published,omitempty"` // RFC 3339, "" when unknown
	// Contained is the mean share of this member's words that the other
	// members carry.
	Contained float64 `json:"contained"`
	// Credits are the outside reports this member credits ("according to
	// X", "X reported", "told X", "reported by X").
	Credits []string `json:"credits,omitempty"`
}

// Member is one member's comparison with the reference.
type Member struct {
	ID     string `json:"id"`
	Outlet string `json:"outlet"`
	// Words is the number of words compared (boilerplate excluded).
	Words int `json:"words"`
	// KeptShare and AddedShare split the member's words by whether their
	// sentence states a fact of the reference; DroppedShare is the share of
	// the reference's words in sentences the member lacks.
	KeptShare    float64 `json:"kept_share"`
	AddedShare   float64 `json:"added_share"`
	DroppedShare float64 `json:"dropped_share"`
	// VerbatimShare is the share of the member's words that its kept
	// sentences copy word for word from the sentences stating the same
	// facts (longest common subsequence of words).
	VerbatimShare float64 `json:"verbatim_share"`
	// EditorialScore is editorial words per 1,000 words; the editorial
	// spans are its evidence.
	EditorialScore float64     `json:"editorial_score"`
	Quotes         QuoteCounts `json:"quotes"`
	// Dropped are the reference sentences the member lacks.
	Dropped []Dropped `json:"dropped"`
	// Spans point into the member's text, ordered by start.
	Spans []Span `json:"spans"`

	text string
}

// QuoteCounts counts how a member treated the reference's quotations.
type QuoteCounts struct {
	Verbatim int `json:"verbatim"`
	Altered  int `json:"altered"`
	Dropped  int `json:"dropped"`
}

// Dropped is a reference sentence a member lacks.
type Dropped struct {
	Ref  int    `json:"ref"` // index into Reference.Sentences
	Text string `json:"text"`
}

// Span is a highlighted byte range [Start, End) of a member's text.
type Span struct {
	Kind  string `json:"kind"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Why   string `json:"why"`
}

// sentence is one sentence of the group.
type sentence struct {
	doc, idx, g int // document, position in it, index in the group
	start, end  int
	toks        []similarity.Token
	terms       []int32
	nums        []string
	keys        []string // term of each token, "" for stop words
	words       []int32  // word ids of toks, for lcsPairs
	weight      float64
}

// document is one member with its sentences.
type document struct {
	art    *corpus.Article
	sents  []*sentence
	words  int
	quotes []quote
	vocab  map[string]bool // normalized words used anywhere in the body
}

// group holds everything Analyze computes once for all members.
type group struct {
	opt   Options
	v     *vocab
	docs  []*document
	sents []*sentence
	w     []float64
	links [][]link
}

// Analyze compares the members of one rewrite group with the group's
// reference and reports, member by member, what each kept, added, dropped
// and editorialized. The result does not depend on the order of members:
// they are sorted by ID first.
//
// The reference is the member named by opt.Source; or, when opt.Source is
// "", a member inferred to be the source: the strictly earliest published
// member, whose words the others carry most (within 5 points of the most
// carried member, and a mean share of at least opt.SourceMinContained), and which does not itself credit an outside
// report that every other member credits too; or, failing that, the
// consensus: one sentence for every fact that a strict majority of members
// carry.
func Analyze(members []corpus.Article, opt Options) (*Report, error) {
	opt.setDefaults()
	if len(members) < 2 {
		return nil, fmt.Errorf("%w: got %d", ErrTooFewMembers, len(members))
	}
	arts := make([]*corpus.Article, len(members))
	for i := range members {
		arts[i] = &members[i]
	}
	slices.SortFunc(arts, func(a, b *corpus.Article) int { return strings.Compare(a.ID, b.ID) })
	for i := 1; i < len(arts); i++ {
		if arts[i].ID == arts[i-1].ID {
			return nil, fmt.Errorf("%w: %q", ErrDuplicateID, arts[i].ID)
		}
	}
	g, err := newGroup(arts, opt)
	if err != nil {
		return nil, err
	}
	ref, err := g.reference()
	if err != nil {
		return nil, err
	}
	rep := &Report{Reference: ref.describe(g)}
	for d := range g.docs {
		if d == ref.srcDoc {
			continue
		}
		rep.Members = append(rep.Members, g.member(d, ref, &rep.Reference))
	}
	return rep, nil
}

func newGroup(arts []*corpus.Article, opt Options) (*group, error) {
	v := newVocab()
	g := &group{opt: opt, v: v}
	wids := make(wordIDs)
	memo := make(termMemo)
	for di, a := range arts {
		spans, err := Segment(a)
		if err != nil {
			return nil, fmt.Errorf("lineage: segmenting %s: %w", a.ID, err)
		}
		d := &document{art: a, vocab: make(map[string]bool)}
		for _, b := range a.Body() {
			start, end := clampSpan(b.Start, b.End, len(a.Text))
			d.quotes = append(d.quotes, findQuotes(a.Text, start, end)...)
		}
		for _, sp := range spans {
			toks := tokens(a.Text, sp.Start, sp.End)
			if len(toks) == 0 {
				continue
			}
			s := &sentence{doc: di, idx: len(d.sents), g: len(g.sents), start: sp.Start, end: sp.End, toks: toks}
			s.keys = memo.keys(toks)
			s.terms = v.addKeys(s.keys)
			s.nums = numbers(toks)
			s.words = wids.ids(toks, s.keys)
			d.sents = append(d.sents, s)
			g.sents = append(g.sents, s)
			d.words += len(toks)
			for _, t := range toks {
				d.vocab[t.Text] = true
			}
		}
		g.docs = append(g.docs, d)
	}
	g.w = v.weights()
	for _, s := range g.sents {
		s.weight = mass(s.terms, g.w)
	}
	g.links = linkSentences(g.sents, g.w, &g.opt)
	return g, nil
}

// round4 rounds shares so that reports are stable across platforms.
func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }
func round2(x float64) float64 { return math.Round(x*1e2) / 1e2 }

func share(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return round4(float64(part) / float64(whole))
}

// WriteJSON writes r as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("lineage: writing JSON: %w", err)
	}
	return nil
}

// WriteTable writes r as a terminal table: a line naming the reference,
// then one row per member.
func (r *Report) WriteTable(w io.Writer) error {
	var b strings.Builder
	b.WriteString(r.Reference.headline())
	b.WriteString("\n\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "member\toutlet\tkept %\tadded %\tdropped %\teditorial/1k\tquotes v/a/d\t")
	for _, m := range r.Members {
		fmt.Fprintf(tw, "%s\t%s\t%.1f\t%.1f\t%.1f\t%.1f\t%d/%d/%d\t\n",
			m.ID, orDash(m.Outlet), 100*m.KeptShare, 100*m.AddedShare, 100*m.DroppedShare,
			m.EditorialScore, m.Quotes.Verbatim, m.Quotes.Altered, m.Quotes.Dropped)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("lineage: writing table: %w", err)
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("lineage: writing table: %w", err)
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// headline is the one-line description of the reference.
func (r *Reference) headline() string {
	switch r.Kind {
	case KindSource:
		how := "given"
		if r.Inferred {
			how = "inferred"
		}
		return fmt.Sprintf("reference: source %s (%s, %s; %d sentences, %d words): %s",
			r.SourceID, orDash(r.Outlet), how, len(r.Sentences), r.Words, r.Why)
	default:
		return fmt.Sprintf("reference: consensus (%d sentences, %d words): %s", len(r.Sentences), r.Words, r.Why)
	}
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

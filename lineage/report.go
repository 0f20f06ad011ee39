package lineage

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/wirediff/wirediff/internal/table"
	"io"
	"math"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/editorial"
	"github.com/wirediff/wirediff/layout"
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
	// KindPair is one member of a pair with no source: the report compares
	// the other with it, and [Report].Reverse the other way round.
	KindPair = "pair"
)

// Span kinds.
const (
	SpanAdded       = "added"
	SpanEditorial   = "editorial"
	SpanBoilerplate = "boilerplate"
	// SpanFurniture is page furniture found in the article's text:
	// captions and photo credits, headlines and subheads, bullet
	// summaries, standfirsts, bylines and datelines, share and comment
	// prompts. It is left out of the comparison and of every share.
	SpanFurniture     = "furniture"
	SpanQuoteVerbatim = "quote_verbatim"
	SpanQuoteAltered  = "quote_altered"
)

// Options tunes Analyze. The zero value asks for the documented defaults.
type Options struct {
	// Source is the ID of the member to use as the reference; "" infers it
	// (see Analyze) and falls back to the consensus.
	Source string

	// Model is the same-fact model that decides whether two sentences
	// state the same fact (see [SameFactModel]); nil uses the shipped one,
	// fitted on the MSRP training set.
	Model *SameFactModel
	// Lexicon gives the model the lemmas and synonyms of words (see
	// [Lexicon]); nil uses the shipped one, derived from WordNet 3.0. The
	// model must have been fitted with the same lexicon.
	Lexicon *Lexicon
	// SameFact is the weighted Dice coefficient over content terms at or
	// above which two sentences state the same fact. Default
	// Model.LexicalDice (0.41), the threshold that maximizes accuracy on
	// the MSRP training set.
	SameFact float64
	// ModelDice is the least weighted Dice at which the model is asked
	// whether two sentences below SameFact state the same fact. Default
	// Model.MinDice (0.2), chosen with the model on the MSRP training set.
	ModelDice float64
	// LexicalProb is the least model probability that a pair at or above
	// SameFact needs to state the same fact. Default 0: none. Any floor
	// from 0.25 up raises the MSRP figures of the decision but loses
	// real rewrites of a fact (the seeds' consensus falls from 13 facts to
	// 10 or fewer) and, with Contained 0.8, the Clough & Stevenson AUC
	// (TestCalibrateLexicalProb).
	LexicalProb float64
	// Carried, when positive, replaces the Dice rule (SameFact) with a
	// directional one: two sentences whose weighted Dice reaches ModelDice
	// state the same fact when one carries at least Carried of the
	// other's content (the idf weight of its content words found in the
	// other by term, WordNet lemma or synonym, every number of it in the
	// other), as a rewrite that keeps a fact and adds a detail does.
	// Default 0: off. From 0.475 to 0.525 it raises the aligner's MSRP
	// test accuracy (0.734 to 0.743) and the Clough & Stevenson AUC (0.971
	// to 0.972) and keeps the seeds' Witkoff fact, but one or two of the
	// five Clough & Stevenson tasks then take an answer as their source
	// (TestCalibrateCarried).
	Carried float64
	// BackgroundWeight is the weight, in sentences, of the background
	// frequencies mixed into the group's own term weights: a term's weight
	// is ln((n+B+1)/(df+B·p+0.5)) for a group of n sentences, df of them
	// holding it, and p the share of the background's news articles that
	// hold it (cluster.DefaultBackground: 9,199 articles of ECB+, BASIL
	// and NeuS dev). A group's own frequencies, from a few sentences,
	// make every word two members share count for less than the words
	// they do not, so that a pair of rewrites stating one fact in their
	// own words fell under the same-fact threshold; the background keeps
	// the words all news uses light and a story's rare words heavy.
	// Default 100 (TestCalibrateBackground); negative: none.
	BackgroundWeight float64
	// NumberPenalty is taken off the Dice of two sentences when both have
	// numbers and not the same ones. Default Model.NumberPenalty.
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
	// SourceMinCovers is the least mean share of what the other members
	// kept of the story (their words in sentences that a member other
	// than themselves and their verbatim copies states too) that an
	// inferred source must state. Default 0.88, the value of 0.60 to 0.88
	// with the fewest errors on the rewrite families of a generated
	// development corpus (benchmarks.Generate, 3,000 articles, seed 7;
	// TestCalibrateSourceMinCovers): the source is picked in 98.5% of the
	// families holding it, and a rewrite in 42 families taken without
	// their source (at 0.80: 99.6% and 60). TestEvalSourceGenerated
	// measures seed 17.
	SourceMinCovers float64
	// SourceMinFidelity and SourceMinAsymmetry say when the member that
	// passes the rules above (or, with no publication time, the member the
	// wording points to) is clearly the others' source: the others copy
	// at least SourceMinFidelity of their words in the sentences they share
	// with it (its wording, not only its facts), or the mean share of their
	// words it carries exceeds the share of its words they carry by
	// SourceMinAsymmetry (its containment asymmetry). Rewrites made from
	// one source each change different words and drop different sentences,
	// so that neither holds between two of them. Defaults 0.91 and 0.07,
	// fitted on the rewrite families of the generated development corpus
	// (seed 7) taken with and without their source: of the pairs tried,
	// the one with the fewest rewrites picked (3, from 17 with the rule
	// off) that loses none of the 263 sources picked, the lowest on a tie
	// (TestCalibrateSourceFidelity).
	// TestEvalSourceGenerated measures seed 17.
	SourceMinFidelity, SourceMinAsymmetry float64

	// MinQuoteWords is the least number of words a reference quotation
	// needs to be tracked. Default 3.
	MinQuoteWords int

	// Detector finds the editorial sentences and loaded wording; nil
	// uses the detector with the weights shipped in package editorial.
	Detector *editorial.Detector

	// The limits below bound the work on bad input, such as huge texts
	// made of repeated lines, tables or unpunctuated text. News articles,
	// even of 5 MB, reach none of them; whatever a limit cuts is said in
	// [Report].Notes. A negative value removes a limit.

	// MaxSentenceWords is the most words a sentence is compared with: a
	// longer run without a sentence break is compared in pieces of that
	// many words, as the word-by-word alignment of two sentences costs the
	// product of their lengths. Default 250 (the longest sentence of BASIL,
	// ECB+, NeuS and the Clough & Stevenson corpus has 142 words).
	MaxSentenceWords int
	// MaxRepeats is the most copies of one sentence (the same words) that
	// are compared in a member: further copies are left out of the
	// comparison and of the shares, and reported as boilerplate, as each
	// copy would state the same fact as every copy elsewhere. Default 20
	// (those corpora repeat a sentence at most 6 times in an article).
	MaxRepeats int
	// MaxComparisons bounds the comparisons the sentence alignment makes
	// in a group: a sentence meeting another through a shared term counts
	// one, and so does each term compared when scoring a pair. When the
	// sentences need to meet more, the sentences that need the most meet
	// only those met first through their rarest terms, up to an equal
	// share of what the others leave, and score no more terms than that;
	// once the total reaches the limit, each sentence left scores at most
	// an equal share of as many again. Default 20,000,000, a few seconds
	// at most (two generated 5 MB articles need 9 million, two of 10 MB 33
	// million; see BenchmarkAnalyzeLong and BenchmarkAnalyzeBadInput).
	MaxComparisons int
	// MaxLinks is the most pairs of sentences stating the same fact that a
	// group keeps, as each costs memory and work in every later step. When
	// the alignment finds more, the sentences that found the most keep
	// only their closest matches (by weighted Dice), up to an equal share
	// of what the others leave. Default 10,000,000, about 320 MB of links
	// (two generated 10 MB articles have 106,000; a wire report and 1,000
	// copies of it 8.3 million; see BenchmarkAnalyzeCopies).
	MaxLinks int
}

// defaultBackgroundWeight is Options.BackgroundWeight's default.
const defaultBackgroundWeight = 100

func (o *Options) setDefaults() error {
	if o.Model == nil {
		m, err := DefaultSameFactModel()
		if err != nil {
			return err
		}
		o.Model = m
	} else if err := o.Model.Check(); err != nil {
		return fmt.Errorf("lineage: %w", err)
	}
	if o.Lexicon == nil {
		l, err := DefaultLexicon()
		if err != nil {
			return err
		}
		o.Lexicon = l
	}
	if o.SameFact == 0 {
		o.SameFact = o.Model.LexicalDice
	}
	if o.ModelDice == 0 {
		o.ModelDice = o.Model.MinDice
	}
	if o.NumberPenalty == 0 {
		o.NumberPenalty = o.Model.NumberPenalty
	}
	if o.Contained == 0 {
		o.Contained = 0.8
	}
	if o.BackgroundWeight == 0 {
		o.BackgroundWeight = defaultBackgroundWeight
	}
	if o.MinShared == 0 {
		o.MinShared = 3
	}
	if o.SourceMinContained == 0 {
		o.SourceMinContained = 0.5
	}
	if o.SourceMinCovers == 0 {
		o.SourceMinCovers = 0.88
	}
	if o.SourceMinFidelity == 0 {
		o.SourceMinFidelity = 0.91
	}
	if o.SourceMinAsymmetry == 0 {
		o.SourceMinAsymmetry = 0.07
	}
	if o.MinQuoteWords == 0 {
		o.MinQuoteWords = 3
	}
	if o.MaxSentenceWords == 0 {
		o.MaxSentenceWords = 250
	}
	if o.MaxRepeats == 0 {
		o.MaxRepeats = 20
	}
	if o.MaxComparisons == 0 {
		o.MaxComparisons = 20_000_000
	}
	if o.MaxLinks == 0 {
		o.MaxLinks = 10_000_000
	}
	return nil
}

// Report is the lineage of one group of rewrites: its reference and, for
// every other member, what it kept, added, dropped and editorialized.
type Report struct {
	Reference Reference `json:"reference"`
	Members   []Member  `json:"members"`
	// Reverse is the other direction of a pair (KindPair): its second
	// member against its first.
	Reverse *Report `json:"reverse,omitempty"`
	// Notes say what the limits of [Options] left out of the comparison,
	// if anything.
	Notes []string `json:"notes,omitempty"`
}

// Reference is what the members are compared against.
type Reference struct {
	// Kind is KindSource, KindConsensus or KindPair.
	Kind string `json:"kind"`
	// SourceID and Outlet name the source member (KindSource, KindPair),
	// with its title, publication time and URL when known.
	SourceID string `json:"source_id,omitempty"`
	Outlet   string `json:"outlet,omitempty"`
	// Title is the article's title, or the first sentence of its body
	// when it has none (TitleDerived), as the other commands show it.
	Title        string `json:"title,omitempty"`
	TitleDerived bool   `json:"title_derived,omitempty"`
	Published    string `json:"published,omitempty"`
	URL          string `json:"url,omitempty"`
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
	Outlet    string `json:"outlet,omitempty"`
	Published string `json:"published,omitempty"` // as corpus.FormatDate writes it, "" when unknown
	// Contained is the mean share of this member's words that the other
	// members carry.
	Contained float64 `json:"contained"`
	// Covers is the mean share of the other members' words that this
	// member states (over the others that are not its verbatim copies):
	// what a source does for its rewrites.
	Covers float64 `json:"covers"`
	// Credits are the outlets and reports this member credits
	// ("according to X", "X reported", "told X", "reported by X"), with
	// the sentence that credits them.
	Credits []Credit `json:"credits,omitempty"`
}

// Member is one member's comparison with the reference.
type Member struct {
	ID     string `json:"id"`
	Outlet string `json:"outlet"`
	// Title, Published (as corpus.FormatDate writes it) and URL describe
	// the article when known; a title taken from the first sentence of
	// the body is TitleDerived.
	Title        string `json:"title,omitempty"`
	TitleDerived bool   `json:"title_derived,omitempty"`
	Published    string `json:"published,omitempty"`
	URL          string `json:"url,omitempty"`
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
	// EditorialScore is commentary sentences and loaded words per 1,000
	// words of the member's own text (outside quotations); the editorial
	// spans are its evidence (see editorial.Score).
	EditorialScore float64 `json:"editorial_score"`
	// Unscored counts the member's sentences the detector left unscored
	// (another language: editorial.Sentence.Unscored); a member with
	// none scored has no editorial score to give.
	Unscored int         `json:"unscored_sentences,omitempty"`
	Quotes   QuoteCounts `json:"quotes"`
	// Dropped are the reference sentences the member lacks.
	Dropped []Dropped `json:"dropped"`
	// Spans point into the member's text, ordered by start.
	Spans []Span `json:"spans"`
	// Sentences are the editorial detector's sentence decisions, in
	// order: byte offsets into the member's text.
	Sentences []editorial.Sentence `json:"sentences"`
	// CopyOf names the member this one is a verbatim copy of (the
	// reference's source when it copies the source, or else the earliest
	// published of the copies of its text), when it is one: the group's
	// consensus and evidence count its text once.
	CopyOf string `json:"copy_of,omitempty"`

	text string
}

// QuoteCounts counts how a member treated the reference's quotations.
type QuoteCounts struct {
	Verbatim int `json:"verbatim"`
	Altered  int `json:"altered"`
	Dropped  int `json:"dropped"`
}

// Dropped is a reference sentence a member lacks, or, with Clause set, a
// run of its words that the member's sentence stating it leaves out (a
// sentence otherwise repeated: see Span's added runs), at bytes [Start,
// End) of Member's text.
type Dropped struct {
	Ref    int    `json:"ref"` // index into Reference.Sentences
	Text   string `json:"text"`
	Clause bool   `json:"clause,omitempty"`
	Member string `json:"member,omitempty"`
	Start  int    `json:"start,omitempty"`
	End    int    `json:"end,omitempty"`
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
	keys        []string  // term of each token, "" for stop words
	words       []int32   // word ids of toks, for lcsPairs
	kw          []float64 // weight of the term of each token, 0 for stop words
	weight      float64
	src         string  // the text toks index into
	ex          *extras // made by extra
}

// document is one member with its sentences.
type document struct {
	art    *corpus.Article
	sents  []*sentence
	words  int
	quotes []quote
	qx     quoteIndex
	qm     *quoteMatcher   // made by quoteMatcher
	vocab  map[string]bool // normalized words used anywhere in the body
	// edctx is what the editorial detector is told about the member: its
	// quotations and its own subject words (editorial.Context.WithTopics).
	edctx editorial.Context

	// repeats are the runs of sentences left out as copies beyond
	// Options.MaxRepeats, in order; repeated counts the sentences in them.
	// split counts the sentences compared in pieces (MaxSentenceWords).
	repeats  []span
	repeated int
	split    int
	// furniture is the page furniture left out of the comparison, and
	// furnitureWords the word ids of each span's words (see
	// group.unsourced).
	furniture      []furnitureSpan
	furnitureWords [][]int32
	// outlets are the outlet keys the member is known by (see
	// outletTable.memberOutlets).
	outlets []string
}

// group holds everything Analyze computes once for all members.
type group struct {
	opt   Options
	det   *editorial.Detector
	v     *vocab
	docs  []*document
	sents []*sentence
	w     []float64
	links [][]link
	// class is each sentence's class of sentences of the same words (see
	// linkSentences); copied memoizes copiedWords by the classes it reads.
	class  []int
	copied map[[1 + maxCopySources]int]int
	// inserted memoizes inserts by the classes of its two sentences.
	inserted map[[2]int]bool

	linkStats linkStats
	pw        *pairWords // see group.pairs
	wit       []int      // see group.witnesses
	nwit      int
}

// Analyze compares the members of one rewrite group with the group's
// reference and reports, member by member, what each kept, added, dropped
// and editorialized. The result does not depend on the order of members:
// they are sorted by ID first.
//
// The reference is the member named by opt.Source; or, when opt.Source is
// "", a member inferred to be the source: the member the others credit by
// name, else the strictly earliest member when it is the most contained in
// the others and states what they kept (the rules and their order are
// those of group.inferSource); or, failing that, the consensus: one
// sentence for every fact that a strict majority of members carry.
func Analyze(members []corpus.Article, opt Options) (*Report, error) {
	if err := opt.setDefaults(); err != nil {
		return nil, err
	}
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
	rep := g.report(ref)
	if ref.kind == KindPair && (g.docs[1-ref.srcDoc].words > 0 || g.docs[ref.srcDoc].words == 0) {
		// The other way round, unless the other member has no words
		// to compare the reference's with.
		rev := g.sourceRef(1 - ref.srcDoc)
		rev.kind, rev.evidence, rev.why = KindPair, ref.evidence, ref.why
		rep.Reverse = g.report(rev)
	}
	return rep, nil
}

// copyList lists the members that are verbatim copies of another ("b of
// a, c of a"), at most five and then how many more; "" when none is.
func (g *group) copyList(ref *refModel) string {
	var list []string
	n := 0
	for d := range g.docs {
		w := g.copyOf(d, ref)
		if w == d {
			continue
		}
		if n++; len(list) < 5 {
			list = append(list, g.docs[d].art.ID+" of "+g.docs[w].art.ID)
		}
	}
	if n > len(list) {
		list = append(list, fmt.Sprintf("and %d more", n-len(list)))
	}
	return strings.Join(list, ", ")
}

// copyOf returns the member that member d is named a verbatim copy of:
// the reference's source when d copies it, or else the earliest published
// of the copies of d's text (the first by ID on a tie, or when none has a
// publication time); d itself when it is no copy, or is that member.
func (g *group) copyOf(d int, ref *refModel) int {
	wit, _ := g.witnesses()
	if src := ref.srcDoc; src >= 0 && wit[d] == wit[src] {
		return src
	}
	first := d
	for o, w := range wit {
		if w != wit[d] {
			continue
		}
		a, b := g.docs[o].art.Published, g.docs[first].art.Published
		switch {
		case a.IsZero() != b.IsZero():
			if !a.IsZero() {
				first = o
			}
		case a.Before(b), a.Equal(b) && o < first:
			first = o
		}
	}
	return first
}

// report compares every member but the reference's source with ref.
func (g *group) report(ref *refModel) *Report {
	rep := &Report{Reference: ref.describe(g), Notes: g.notes(ref)}
	for d := range g.docs {
		if d == ref.srcDoc {
			continue
		}
		rep.Members = append(rep.Members, g.member(d, ref, &rep.Reference))
	}
	return rep
}

// lone returns the IDs of the members with words to compare none of
// whose sentences states a fact of another member (no link to another
// member's sentence).
func (g *group) lone() []string {
	var out []string
	for _, d := range g.docs {
		if d.words > 0 && !slices.ContainsFunc(d.sents, func(s *sentence) bool { return len(g.links[s.g]) > 0 }) {
			out = append(out, d.art.ID)
		}
	}
	return out
}

// wordless returns the IDs of the members with no words to compare: no
// text, or page furniture alone (a headline). They neither choose the
// reference nor can be its source.
func (g *group) wordless() []string {
	var out []string
	for _, d := range g.docs {
		if d.words == 0 {
			out = append(out, d.art.ID)
		}
	}
	return out
}

// notes says what the limits of g.opt left out, and, when none did, that
// no two members share a fact, if so; and which members are verbatim
// copies of another, counted once.
func (g *group) notes(ref *refModel) []string {
	var out []string
	if copies := g.copyList(ref); copies != "" {
		out = append(out, "verbatim copies, each text counted once: "+copies)
	}
	none := g.wordless()
	if len(none) > 0 {
		out = append(out, fmt.Sprintf("%s %s no words to compare (no text, or page furniture such as a headline alone): %s no part in choosing the reference",
			nameSome(none), agree(len(none), "has", "have"), agree(len(none), "it takes", "they take")))
	}
	st := g.linkStats
	if lone := g.lone(); st.limited == 0 && st.linkLimited == 0 && len(g.docs)-len(none) >= 2 {
		switch {
		case len(lone) == len(g.docs)-len(none):
			out = append(out, "no sentence of one member states a fact of another: these may be separate reports of one story rather than rewrites of one report ('wirediff explain' shows what they share)")
		case len(lone) == 1:
			out = append(out, fmt.Sprintf("%s states no fact that another member states: it may be a separate report of the story rather than a rewrite ('wirediff explain' shows what it shares with the others)", lone[0]))
		case len(lone) > 1:
			out = append(out, fmt.Sprintf("%d of %d members (%s) state no fact that another member states: each may be a separate report of the story rather than a rewrite ('wirediff explain' shows what they share with the others)",
				len(lone), len(g.docs), strings.Join(lone, ", ")))
		}
	}
	for _, d := range g.docs {
		if d.split > 0 {
			out = append(out, fmt.Sprintf("%s: sentences longer than %d words (Options.MaxSentenceWords), %d of them, were compared in pieces of at most %[2]d words",
				d.art.ID, g.opt.MaxSentenceWords, d.split))
		}
		if d.repeated > 0 {
			out = append(out, fmt.Sprintf("%s: copies of sentences repeated more than %d times (Options.MaxRepeats), %d of them, were left out of the comparison and the shares",
				d.art.ID, g.opt.MaxRepeats, d.repeated))
		}
	}
	if st.limited > 0 {
		out = append(out, fmt.Sprintf("the alignment needed more than Options.MaxComparisons (%d) comparisons: %d sentences were compared only with the sentences met first through their rarest terms, so some sentences stating the same fact may not be aligned",
			g.opt.MaxComparisons, st.limited))
	}
	if st.linkLimited > 0 {
		out = append(out, fmt.Sprintf("the alignment found %d pairs of sentences stating the same fact, more than Options.MaxLinks (%d): %d sentences were aligned only with their %d closest matches among the heavier sentences",
			st.linksFound, g.opt.MaxLinks, st.linkLimited, st.linkLimit))
	}
	return out
}

func newGroup(arts []*corpus.Article, opt Options) (*group, error) {
	t, err := outlets()
	if err != nil {
		return nil, err
	}
	v := newVocab()
	g := &group{opt: opt, v: v, det: opt.Detector}
	if g.det == nil {
		det, err := editorial.Default()
		if err != nil {
			return nil, fmt.Errorf("lineage: %w", err)
		}
		g.det = det
	}
	wids := make(wordIDs)
	memo := make(termMemo)
	for di, a := range arts {
		spans, err := layout.Sentences(a)
		if err != nil {
			return nil, fmt.Errorf("lineage: segmenting %s: %w", a.ID, err)
		}
		d := &document{art: a, vocab: make(map[string]bool), furniture: pageFurniture(a), outlets: t.memberOutlets(a.Outlet, a.URL)}
		for _, b := range a.Body() {
			start, end := layout.Clamp(b.Start, b.End, len(a.Text))
			for _, q := range findQuotes(a.Text, start, end) {
				if !d.inFurniture(q.outer.start, q.outer.end) {
					d.quotes = append(d.quotes, q)
				}
			}
		}
		d.qx = newQuoteIndex(d.quotes)
		for _, f := range d.furniture {
			if toks := tokens(a.Text, f.start, f.end); len(toks) > 0 {
				d.furnitureWords = append(d.furnitureWords, wids.ids(toks, memo.keys(toks)))
			}
		}
		copies := make(map[string]int)
		repeatRun := false // the last sentence was left out as a copy
		for _, sp := range spans {
			if d.inFurniture(sp.Start, sp.End) {
				continue
			}
			toks := tokens(a.Text, sp.Start, sp.End)
			if len(toks) == 0 {
				continue
			}
			if opt.MaxRepeats >= 0 {
				k := wordKey(toks)
				if copies[k]++; copies[k] > opt.MaxRepeats {
					if repeatRun {
						d.repeats[len(d.repeats)-1].end = sp.End
					} else {
						d.repeats = append(d.repeats, span{sp.Start, sp.End})
					}
					d.repeated++
					repeatRun = true
					continue
				}
			}
			repeatRun = false
			pieces := pieces(toks, opt.MaxSentenceWords)
			if len(pieces) > 1 {
				d.split++
			}
			for i, p := range pieces {
				start, end := p[0].Start, p[len(p)-1].End
				if i == 0 {
					start = sp.Start
				}
				if i == len(pieces)-1 {
					end = sp.End
				}
				s := &sentence{doc: di, idx: len(d.sents), g: len(g.sents), start: start, end: end, toks: p, src: a.Text}
				s.keys = memo.keys(p)
				s.terms = v.addKeysCounted(s.keys, false)
				s.nums = numbers(p)
				s.words = wids.ids(p, s.keys)
				d.sents = append(d.sents, s)
				g.sents = append(g.sents, s)
				d.words += len(p)
			}
			for _, t := range toks {
				d.vocab[t.Text] = true
			}
		}
		ranges := make([]editorial.Range, len(d.sents))
		for i, s := range d.sents {
			ranges[i] = editorial.Range{Start: s.start, End: s.end}
		}
		d.edctx = editorial.Context{InQuote: d.inQuote}.WithTopics(a.Text, ranges)
		g.docs = append(g.docs, d)
	}
	// The term frequencies count each text once: a member whose
	// sentences are word for word another's (a verbatim copy) adds none,
	// so that a copy added to a group weighs no word differently.
	texts := make(map[string]bool, len(g.docs))
	for _, d := range g.docs {
		var b strings.Builder
		for _, s := range d.sents {
			b.WriteString(wordKey(s.toks))
			b.WriteByte(1)
		}
		if texts[b.String()] {
			continue
		}
		texts[b.String()] = true
		for _, s := range d.sents {
			v.count(s.terms)
		}
	}
	g.w = v.weights()
	if b := g.opt.BackgroundWeight; b > 0 {
		bg, err := cluster.DefaultBackground()
		if err != nil {
			return nil, err
		}
		for k, id := range v.ids {
			p := float64(bg.Freq(k)) / float64(bg.Docs)
			g.w[id] = math.Log((float64(v.n) + b + 1) / (float64(v.df[id]) + b*p + 0.5))
		}
	}
	for _, s := range g.sents {
		s.weight = mass(s.terms, g.w)
		s.kw = make([]float64, len(s.keys))
		for i, k := range s.keys {
			if k != "" {
				s.kw[i] = g.w[v.ids[k]]
			}
		}
	}
	g.links, g.linkStats, g.class = linkSentences(g.sents, g.w, &g.opt)
	return g, nil
}

// wordKey identifies a sentence by its normalized words.
func wordKey(toks []similarity.Token) string {
	var b strings.Builder
	for _, t := range toks {
		b.WriteString(t.Text)
		b.WriteByte(0)
	}
	return b.String()
}

// pieces cuts toks into runs of at most n tokens (all of toks when n is
// not positive).
func pieces(toks []similarity.Token, n int) [][]similarity.Token {
	if n <= 0 || len(toks) <= n {
		return [][]similarity.Token{toks}
	}
	var out [][]similarity.Token
	for len(toks) > n {
		out = append(out, toks[:n:n])
		toks = toks[n:]
	}
	return append(out, toks)
}

// round4 rounds shares so that reports are stable across platforms.
func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

// percent is share x as a percentage with one decimal, as reports show
// it.
func percent(x float64) float64 { return math.Round(1000*x) / 10 }

// addedPercent is a member's added share as a percentage with one
// decimal: 100 less its kept share as shown, so that the two shown add up
// to 100 (86.2 and 13.8, not 13.9, for 0.8615 and 0.1385).
func addedPercent(kept, added float64) float64 {
	if round4(kept+added) == 1 {
		return 100 - percent(kept)
	}
	return percent(added)
}

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
	b.WriteString(r.Reference.headline(r.Reverse != nil))
	b.WriteString("\n")
	for _, n := range r.Notes {
		b.WriteString("note: " + n + "\n")
	}
	b.WriteString("\n")
	tw := table.NewWriter(&b, tabwriter.AlignRight)
	if r.Reference.Kind == KindPair {
		fmt.Fprintln(tw, "member\toutlet\tagainst\tkept %\tverbatim %\tadded %\tdropped %\teditorial_score\tquotes v/a/d\t")
	} else {
		fmt.Fprintln(tw, "member\toutlet\tkept %\tverbatim %\tadded %\tdropped %\teditorial_score\tquotes v/a/d\t")
	}
	for _, rr := range []*Report{r, r.Reverse} {
		if rr == nil {
			continue
		}
		for _, m := range rr.Members {
			against := ""
			if r.Reference.Kind == KindPair {
				against = rr.Reference.SourceID + "\t"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%d/%d/%d\t\n",
				m.ID, orDash(m.Outlet), against, percent(m.KeptShare), percent(m.VerbatimShare), addedPercent(m.KeptShare, m.AddedShare), percent(m.DroppedShare),
				m.EditorialScore, m.Quotes.Verbatim, m.Quotes.Altered, m.Quotes.Dropped)
		}
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

// headline is the one-line description of the reference; both says a
// pair is compared both ways.
func (r *Reference) headline(both bool) string {
	size := plural(len(r.Sentences), "sentence", "sentences") + ", " + plural(r.Words, "word", "words")
	switch r.Kind {
	case KindSource:
		how := "given"
		if r.Inferred {
			how = "inferred"
		}
		return fmt.Sprintf("reference: source %s (%s, %s; %s): %s", r.SourceID, orDash(r.Outlet), how, size, r.Why)
	case KindPair:
		if !both {
			return fmt.Sprintf("reference: pair, one member against the other (%s: %s): %s", r.SourceID, size, r.Why)
		}
		return fmt.Sprintf("reference: pair, each member against the other (%s first: %s): %s", r.SourceID, size, r.Why)
	default:
		return fmt.Sprintf("reference: consensus (%s): %s", size, r.Why)
	}
}

// formatTime formats a publication time as the other outputs do (see
// corpus.FormatDate): the day alone for midnight, the clock reading
// without a zone when the source named none, RFC 3339 with the source's
// offset otherwise, "" when unknown.
func formatTime(t time.Time) string { return corpus.FormatDate(t) }

// plural returns "1 member", "2 members".
// agree returns the form of a verb that agrees with n subjects: one for
// a single one ("is", "states"), else many.
func agree(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

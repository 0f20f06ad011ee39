package lineage

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	xhtml "golang.org/x/net/html"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/editorial"
)

const srcText = `Officials said on Monday that the bridge over the Elbe river will close for repairs in March.
The closure will last 14 weeks, according to the transport ministry.
"We have no alternative but to close it," the minister told reporters.
Traffic will be diverted through the northern ring road.
Russian President Vladimir Putin did not comment on the plan.`

// rewrite keeps three facts, rewords one, drops the diversion, swaps a
// title for a label, adds commentary and a new quotation, and carries a
// furniture line.
const rewriteText = `The bridge over the Elbe river will shut for repairs in March, officials said Monday.
The closure will last 14 weeks, according to the transport ministry.
"We have no alternative but to close it," the minister told reporters.
Russian dictator Vladimir Putin did not comment on the plan.
Isn't this exactly the kind of shameful mismanagement we were promised would end?
"It is a disaster for local shops," said Anna Berg, who runs a bakery near the bridge.
You must Register or Login to post a comment.`

func rewriteArticle() corpus.Article {
	i := strings.Index(rewriteText, "You must")
	return corpus.Article{ID: "b", Outlet: "Rewrite Daily", Text: rewriteText,
		Published: time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC),
		Furniture: []corpus.Span{{Start: i, End: len(rewriteText)}}}
}

func sourceArticle() corpus.Article {
	return corpus.Article{ID: "a", Outlet: "Wire", Text: srcText, Published: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)}
}

func spansOf(m Member, kind string) []Span {
	var out []Span
	for _, s := range m.Spans {
		if s.Kind == kind {
			out = append(out, s)
		}
	}
	return out
}

func TestAnalyzeGivenSource(t *testing.T) {
	rep, err := Analyze([]corpus.Article{rewriteArticle(), sourceArticle()}, Options{Source: "a"})
	require.NoError(t, err)
	assert.Equal(t, KindSource, rep.Reference.Kind)
	assert.Equal(t, "a", rep.Reference.SourceID)
	assert.False(t, rep.Reference.Inferred)
	require.Len(t, rep.Members, 1)
	m := rep.Members[0]
	assert.Equal(t, "b", m.ID)

	// Every span points at its own text.
	for _, s := range m.Spans {
		assert.Equal(t, rewriteText[s.Start:s.End], s.Text, "span %+v", s)
	}
	// The reworded first sentence, the two verbatim ones and the relabelled
	// one are kept; the diversion is dropped.
	require.Len(t, m.Dropped, 1)
	assert.Contains(t, m.Dropped[0].Text, "northern ring road")
	assert.InDelta(t, 1-m.KeptShare, m.AddedShare, 1e-3)
	assert.Greater(t, m.KeptShare, 0.4)
	assert.Greater(t, m.DroppedShare, 0.0)

	added := spansOf(m, SpanAdded)
	require.Len(t, added, 2, "spans: %+v", m.Spans)
	assert.Contains(t, added[0].Why, "commentary")
	assert.Contains(t, added[1].Why, "quotation")

	var whys []string
	for _, s := range spansOf(m, SpanEditorial) {
		whys = append(whys, s.Text+": "+s.Why)
	}
	joined := strings.Join(whys, "\n")
	assert.Contains(t, joined, "dictator: relabelled: “President” → “dictator”")
	assert.Contains(t, joined, "Isn't this exactly the kind of shameful mismanagement we were promised would end?: commentary in the outlet's own voice")
	assert.Contains(t, joined, "first/second person address")
	assert.Contains(t, joined, "shameful: loaded wording")
	require.NotEmpty(t, m.Sentences)
	for _, s := range m.Sentences {
		assert.Contains(t, []string{"reporting", "background", "commentary"}, s.Kind)
		assert.Contains(t, []string{"editorial", "neutral"}, s.Label)
	}
	assert.Greater(t, m.EditorialScore, 0.0)

	bp := spansOf(m, SpanBoilerplate)
	require.Len(t, bp, 1)
	assert.Equal(t, "You must Register or Login to post a comment.", bp[0].Text)

	assert.Equal(t, QuoteCounts{Verbatim: 1}, m.Quotes)
}

// TestRelabelNeedsALabel: a title replaced by a speech verb before the
// name is reworded attribution, not relabelling.
func TestRelabelNeedsALabel(t *testing.T) {
	src := corpus.Article{ID: "a", Text: "The plan will cost the state 40 million dollars next year, Mr. Obama said at the port."}
	rw := corpus.Article{ID: "b", Text: "The plan will cost the state 40 million dollars next year, says Obama at the port."}
	rep, err := Analyze([]corpus.Article{src, rw}, Options{Source: "a"})
	require.NoError(t, err)
	require.Len(t, rep.Members, 1)
	for _, s := range spansOf(rep.Members[0], SpanEditorial) {
		assert.NotContains(t, s.Why, "relabelled", "span %+v", s)
	}
}

// TestRelabelAtSentenceStart: a title replaced by a label at the start
// of a sentence, where every word is capitalized, is relabelling; a title
// or form of address in its place is not.
func TestRelabelAtSentenceStart(t *testing.T) {
	const src = "President Nicolas Maduro addressed parliament on Tuesday to present the 2027 budget of the state."
	for _, tt := range []struct {
		first string
		want  string // the relabelling cue's text, "" for none
	}{
		{"Dictator", "Dictator"},
		{"Strongman", "Strongman"},
		{"Mr.", ""},
		{"Leader", ""},
		{"Dr", ""},
	} {
		rw := corpus.Article{ID: "b", Text: strings.Replace(src, "President", tt.first, 1)}
		rep, err := Analyze([]corpus.Article{{ID: "a", Text: src}, rw}, Options{Source: "a"})
		require.NoError(t, err)
		require.Len(t, rep.Members, 1)
		var got []string
		for _, s := range spansOf(rep.Members[0], SpanEditorial) {
			if strings.Contains(s.Why, "relabelled") {
				got = append(got, s.Text)
				assert.Equal(t, "relabelled: “President” → “"+tt.first+"” before a name", s.Why)
			}
		}
		if tt.want == "" {
			assert.Empty(t, got, "%s Nicolas Maduro", tt.first)
		} else {
			assert.Equal(t, []string{tt.want}, got, "%s Nicolas Maduro", tt.first)
		}
	}
	// A sentence's first word replaced before a name is no relabelling
	// when the word replaced is no title.
	src2 := "However, Witkoff did meet Rustem Umerov in Miami earlier this week, a Ukrainian official confirmed."
	rep, err := Analyze([]corpus.Article{{ID: "a", Text: src2}, {ID: "b", Text: strings.Replace(src2, "However", "Still", 1)}}, Options{Source: "a"})
	require.NoError(t, err)
	for _, s := range spansOf(rep.Members[0], SpanEditorial) {
		assert.NotContains(t, s.Why, "relabelled", "span %+v", s)
	}
}

// TestLoadedWhyNamesItsWords: a run of loaded words cut to the words
// that are the outlet's own ("slashes fuel" to "slashes", as the source
// has "fuel") is explained by the words it keeps: every word its reason
// quotes, before the context that ends it, is in the span.
func TestLoadedWhyNamesItsWords(t *testing.T) {
	src := corpus.Article{ID: "wire", Text: "President Nicolas Maduro addressed parliament on Tuesday to present the 2027 budget. " +
		"The plan raises spending on health by 12 percent and cuts fuel subsidies. Opposition lawmakers walked out before the vote. " +
		"Maduro said the plan would protect families from inflation."}
	rw := corpus.Article{ID: "blaze", Text: "Dictator Nicolas Maduro addressed parliament on Tuesday to present the 2027 budget. " +
		"The plan raises spending on health by 12 percent and slashes fuel subsidies. Opposition lawmakers walked out before the vote. " +
		"Maduro claimed the so-called \"reform\" would protect families from inflation. It is an extremely reckless gamble with the nation's future."}
	rep, err := Analyze([]corpus.Article{src, rw}, Options{Source: "wire"})
	require.NoError(t, err)
	require.Len(t, rep.Members, 1)
	loaded := 0
	for _, sp := range spansOf(rep.Members[0], SpanEditorial) {
		_, why, ok := strings.Cut(sp.Why, "loaded wording (p ")
		if !ok {
			continue
		}
		loaded++
		// The context after the last "; " names other sentences' words.
		if i := strings.LastIndex(why, "; "); i >= 0 {
			why = why[:i]
		}
		for _, part := range strings.Split(why, "“")[1:] {
			word, _, _ := strings.Cut(part, "”")
			assert.Contains(t, sp.Text, word, "span %q: %s", sp.Text, sp.Why)
		}
	}
	assert.Positive(t, loaded, "loaded words in %+v", rep.Members[0].Spans)
}

// laterCopies returns two members published after sourceArticle that
// copy text: c adds a word, d drops a sentence.
func laterCopies(text string) (c, d corpus.Article) {
	c = corpus.Article{ID: "c", Text: strings.Replace(text, "Monday", "Monday morning", 1),
		Published: time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC)}
	d = corpus.Article{ID: "d", Text: strings.Replace(text, "Traffic will be diverted through the northern ring road.\n", "", 1),
		Published: time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC)}
	return c, d
}

// The earliest member is the source when the later ones copy its words
// and state its facts: here one adds a word, the other drops a sentence.
func TestAnalyzeInfersSource(t *testing.T) {
	src := sourceArticle()
	c, d := laterCopies(srcText)
	rep, err := Analyze([]corpus.Article{d, src, c}, Options{})
	require.NoError(t, err)
	assert.Equal(t, KindSource, rep.Reference.Kind, rep.Reference.Why)
	assert.Equal(t, "a", rep.Reference.SourceID)
	assert.True(t, rep.Reference.Inferred)
	assert.Len(t, rep.Reference.Evidence, 3)
	assert.Len(t, rep.Members, 2)
}

// An inferred source says when it rests on two distinct texts (copies
// counted once): two rewrites of an absent report, the earlier fuller,
// read the same way.
func TestAnalyzeTwoTextsCaveat(t *testing.T) {
	const caveat = "with two distinct texts only"
	src := sourceArticle()
	c, d := laterCopies(srcText) // c copies src word for word but one
	e := corpus.Article{ID: "e", Text: strings.Replace(srcText, "The closure will last 14 weeks, according to the transport ministry.\n", "", 1),
		Published: time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)}
	for _, tt := range []struct {
		name    string
		members []corpus.Article
		caveat  bool
	}{
		{"source and one rewrite", []corpus.Article{src, d}, true},
		{"source, its copy and one rewrite", []corpus.Article{src, c, d}, true},
		{"source and two rewrites", []corpus.Article{src, d, e}, false},
	} {
		rep, err := Analyze(tt.members, Options{})
		require.NoError(t, err)
		require.Equal(t, KindSource, rep.Reference.Kind, "%s: %s", tt.name, rep.Reference.Why)
		assert.Equal(t, tt.caveat, strings.Contains(rep.Reference.Why, caveat), "%s: %s", tt.name, rep.Reference.Why)
	}
}

// The earliest member is not clearly the source when a later one rewords
// a quarter of what it shares with it and adds three sentences of its own
// (fidelity under SourceMinFidelity, asymmetry under SourceMinAsymmetry):
// the consensus is used, and the reason says why. Lower thresholds make
// it the source.
func TestAnalyzeSourceNotClear(t *testing.T) {
	src := sourceArticle()
	c := corpus.Article{ID: "c", Text: strings.Replace(srcText, "Monday", "Monday morning", 1),
		Published: time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC)}
	arts := []corpus.Article{rewriteArticle(), src, c}
	rep, err := Analyze(arts, Options{})
	require.NoError(t, err)
	assert.Equal(t, KindConsensus, rep.Reference.Kind, rep.Reference.Why)
	assert.Contains(t, rep.Reference.Why, "a, is not clearly the others' source")
	// a holds more words of its own than it shares: a shortfall, not a
	// negative excess.
	assert.Contains(t, rep.Reference.Why, "the share of their words it states is 23 points below the share of its words they state (a source's exceeds it by 7 or more)")
	assert.Len(t, rep.Reference.Evidence, 3)

	rep, err = Analyze(arts, Options{SourceMinFidelity: 0.8})
	require.NoError(t, err)
	assert.Equal(t, KindSource, rep.Reference.Kind, rep.Reference.Why)
	assert.Equal(t, "a", rep.Reference.SourceID)
}

// The words a member's added share counts are the words of its added
// spans: a sentence that states no reference fact is an added span
// whether or not another member states it too (before, a fact a
// minority carried counted as added with no span to show it).
func TestAddedSpansExplainAddedShare(t *testing.T) {
	seeds := loadSeeds(t)
	// Two later edits of 000 that add one sentence in common, each in
	// its own words, and y a paragraph of its own.
	x, y := seeds[0], seeds[0]
	x.ID, x.Published = "x", x.Published.Add(time.Hour)
	x.Text += "\n\nThe talks are to resume in Geneva next week, officials said on Tuesday."
	y.ID, y.Published = "y", y.Published.Add(2*time.Hour)
	y.Text += "\n\nOfficials said on Tuesday that the talks are to resume in Geneva next week." +
		"\n\nKyiv has not said whether its delegation will attend, and European governments have asked to be briefed before any meeting takes place with Russian negotiators."
	for name, arts := range map[string][]corpus.Article{
		"consensus": seeds,
		"source":    {seeds[0], x, y},
	} {
		rep, err := Analyze(arts, Options{})
		require.NoError(t, err)
		minority := 0
		for _, m := range rep.Members {
			added := 0
			for _, sp := range m.Spans {
				if sp.Kind == SpanAdded {
					added += len(tokens(m.text, sp.Start, sp.End))
					if strings.HasPrefix(sp.Why, "not in the reference, though ") {
						minority++
					}
				}
			}
			assert.InDelta(t, m.AddedShare, float64(added)/float64(m.Words), 0.0001, "%s: %s", name, m.ID)
			// The reason agrees with the sentence's kind: "That’s
			// right—real conversations between world leaders without
			// State Department interference." attributes nothing.
			kind := map[int]string{}
			for _, se := range m.Sentences {
				kind[se.Start] = se.Kind
			}
			for _, sp := range m.Spans {
				if sp.Kind == SpanAdded && strings.Contains(sp.Why, "an attributed statement") {
					assert.Equal(t, editorial.KindReporting, kind[sp.Start], "%s: %s: %q", name, m.ID, sp.Text)
				}
			}
		}
		assert.Positive(t, minority, "%s: some sentence states a fact another member states, not in the reference", name)
	}
}

// Two members that share no fact are reported with a note saying so; a
// rewrite and its source are not; members that share no fact with the
// others are named.
func TestAnalyzeNoSharedFact(t *testing.T) {
	other := corpus.Article{ID: "z", Text: "Harbour pilots in the northern port staged a walkout over rosters. Ferries were delayed for hours.",
		Published: time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)}
	rep, err := Analyze([]corpus.Article{sourceArticle(), other}, Options{})
	require.NoError(t, err)
	require.NotEmpty(t, rep.Notes)
	assert.Contains(t, rep.Notes[0], "no sentence of one member states a fact of another")

	rep, err = Analyze([]corpus.Article{sourceArticle(), rewriteArticle()}, Options{})
	require.NoError(t, err)
	for _, n := range rep.Notes {
		assert.NotContains(t, n, "no sentence of one member")
		assert.NotContains(t, n, "no fact that another member states")
	}

	// One member apart from the others is named.
	rep, err = Analyze([]corpus.Article{sourceArticle(), rewriteArticle(), other}, Options{})
	require.NoError(t, err)
	assert.Contains(t, rep.Notes, "z states no fact that another member states: it may be a separate report of the story rather than a rewrite ('wirediff explain' shows what it shares with the others)")
	other2 := corpus.Article{ID: "y", Text: "A storm closed three motorways in the south overnight. Snow is expected until Friday."}
	rep, err = Analyze([]corpus.Article{sourceArticle(), rewriteArticle(), other, other2}, Options{})
	require.NoError(t, err)
	assert.Contains(t, strings.Join(rep.Notes, "\n"), "2 of 4 members (y, z) state no fact that another member states: each may be")
}

// When no fact is carried in shared words, the facts two members tell in
// other words (linked by the same-fact model alone) are the reference,
// rather than an empty one beside members that share a fact. The Dice
// rule is set out of reach, so that the model alone links.
func TestConsensusReworded(t *testing.T) {
	arts := []corpus.Article{
		{ID: "a", Text: "Officials at the health department sent more than a dozen workers to receive evacuees from Wuhan without proper training or protective gear, according to a whistleblower complaint. The complaint was filed with Congress on Wednesday."},
		{ID: "b", Text: "Health officials sent over a dozen staff to receive Wuhan evacuees lacking training and protective equipment, a whistleblower alleged. The agency declined to comment on the allegations."},
		{ID: "c", Text: "Federal workers lacked masks and training when they met quarantined travelers, lawyers for an employee alleged. Hospitals in the region have added beds."},
	}
	rep, err := Analyze(arts, Options{SameFact: 0.99})
	require.NoError(t, err)
	assert.Contains(t, rep.Reference.Why, "no fact is carried in shared words by a majority (2 of 3) of members; the reference is the 1 fact that two or more members tell in other words")
	require.Len(t, rep.Reference.Sentences, 1)
	kept := map[string]float64{}
	for _, m := range rep.Members {
		kept[m.ID] = m.KeptShare
	}
	assert.Positive(t, kept["a"])
	assert.Positive(t, kept["b"])
	assert.Zero(t, kept["c"])
}

// TestConsensusKeepsQuotationWhole: a fact the order member lacks goes
// beside its neighbour in a member that carries it, not at its mean
// relative position, which fell inside a quotation the order member tells
// over two sentences (BASIL's Santorum event: Gibbs's "It's wrong." was
// placed between two sentences of Santorum's quotation).
func TestConsensusKeepsQuotationWhole(t *testing.T) {
	const (
		p  = "Santorum spoke to supporters in Columbus on Saturday about public schools and the economy."
		q1 = "\"It is about some phony ideal, some phony theology."
		q2 = "Oh, not a theology based on the Bible,\" Santorum told the crowd at the rally."
		g  = "Robert Gibbs, an adviser to the president, called the remarks well over the line on Sunday."
		f  = "\"It's wrong and it's destructive,\" Gibbs added in a television interview."
		v  = "Voters in Ohio will choose among the Republican candidates early next month."
		w  = "Turnout in the state's last primary was lower than party officials had hoped."
		x  = "The senator arrived late after his campaign bus was delayed by snow."
	)
	arts := []corpus.Article{
		{ID: "a", Text: strings.Join([]string{x, p, q1, q2, g, v, w}, " ")},
		{ID: "b", Text: strings.Join([]string{p, g, f, q1, q2, v}, " ")},
		{ID: "c", Text: strings.Join([]string{p, g, f, q1, q2, w}, " ")},
	}
	opt := Options{}
	require.NoError(t, opt.setDefaults())
	gr, err := newGroup([]*corpus.Article{&arts[0], &arts[1], &arts[2]}, opt)
	require.NoError(t, err)
	r := gr.consensus(2, false)
	require.Equal(t, 0, r.orderDoc, "a carries the most facts")
	var got []string
	for _, x := range r.sents {
		s := gr.sents[x]
		got = append(got, gr.docs[s.doc].art.Text[s.start:s.end])
	}
	assert.Equal(t, []string{p, q1, q2, g, f, v, w}, got)
}

// A consensus fact shown in one member's wording holds the sentences
// linked to that wording: the seeds' 002 states "But both sides have to
// be practical and realistic," (linked to 000's sentence, the fact's
// wording) and was shown dropping the fact, its sentence added, because
// the fact was chosen from 003's sentence, to which 002's is not linked.
func TestConsensusClusterHoldsWording(t *testing.T) {
	seeds := loadSeeds(t)
	opt := Options{}
	require.NoError(t, opt.setDefaults())
	arts := make([]*corpus.Article, len(seeds))
	for i := range seeds {
		arts[i] = &seeds[i]
	}
	g, err := newGroup(arts, opt)
	require.NoError(t, err)
	r, err := g.reference()
	require.NoError(t, err)
	require.Equal(t, KindConsensus, r.kind)
	for ri, x := range r.sents {
		for _, l := range g.links[x] {
			assert.Contains(t, r.of[int(l.to)], ri, "%s's sentence %q is linked to fact %d's wording %q",
				g.docs[g.sents[l.to].doc].art.ID, g.docs[g.sents[l.to].doc].art.Text[g.sents[l.to].start:g.sents[l.to].end],
				ri, g.docs[g.sents[x].doc].art.Text[g.sents[x].start:g.sents[x].end])
		}
	}
}

// TestConsensusWithoutMajority: when no fact is carried by a majority of
// the members, the reference is the facts two or more of them carry, and
// says so; when no two members share a fact, the reference is empty and
// says why.
func TestConsensusWithoutMajority(t *testing.T) {
	undated := func(id, text string) corpus.Article { return corpus.Article{ID: id, Text: text} }
	shared := "Harbour pilots in the northern port of Kiel staged a walkout on Monday over new rosters. "
	arts := []corpus.Article{
		undated("a", shared+"Ferries to Oslo were delayed for hours."),
		undated("b", shared+"The union says talks with the port authority collapsed last week."),
		undated("c", "A storm closed three motorways in the south of the country overnight. Snow is expected to fall until Friday."),
		undated("d", "The central bank left its main interest rate unchanged at four percent. Inflation slowed to three percent in May."),
		undated("e", "Researchers found a new species of frog in the rainforest of Borneo. It is the size of a thumbnail."),
	}
	rep, err := Analyze(arts, Options{})
	require.NoError(t, err)
	require.Equal(t, KindConsensus, rep.Reference.Kind)
	assert.Contains(t, rep.Reference.Why, "no fact is carried by a majority (3 of 5) of members; the reference is the 1 fact that two or more members carry")
	require.Len(t, rep.Reference.Sentences, 1)
	assert.Contains(t, rep.Reference.Sentences[0].Text, "Harbour pilots")
	kept := map[string]float64{}
	for _, m := range rep.Members {
		kept[m.ID] = m.KeptShare
	}
	assert.Greater(t, kept["a"], 0.5)
	assert.Greater(t, kept["b"], 0.4)
	assert.Zero(t, kept["c"])

	rep, err = Analyze(arts[2:], Options{})
	require.NoError(t, err)
	assert.Empty(t, rep.Reference.Sentences)
	assert.Contains(t, rep.Reference.Why, "no fact is carried by a majority (2 of 3) of members, so the reference is empty: every member's words count as added")
}

// sameWordsGroup is four members that keep most sentences of srcText
// word for word, none of them the others' source: two add the same clause
// to its first sentence and a sentence of their own, and two leave out a
// sentence each.
func sameWordsGroup() []corpus.Article {
	day := func(d int) time.Time { return time.Date(2025, 3, d, 0, 0, 0, 0, time.UTC) }
	withClause := strings.Replace(srcText, "in March.", "in March, a sign of how badly the city council has neglected the old crossing for years.", 1)
	const shops = "\nShop owners near the bridge fear a sharp drop in trade during the works."
	return []corpus.Article{
		{ID: "a", Text: srcText, Published: day(1)},
		{ID: "b", Text: withClause + shops, Published: day(2)},
		{ID: "c", Text: strings.Replace(withClause, "Traffic will be diverted through the northern ring road.\n", "", 1) + shops, Published: day(3)},
		{ID: "d", Text: strings.TrimSuffix(srcText, "\nRussian President Vladimir Putin did not comment on the plan."), Published: day(4)},
	}
}

// A fact that members keep word for word has the support of each of
// them: the same words in texts that are no copies of one another are as
// many texts carrying it (they were counted once, so that a sentence every
// member repeated lost to a reworded one and was left out of the
// consensus, its words counted as added).
func TestConsensusSupportOfSameWords(t *testing.T) {
	rep, err := Analyze(sameWordsGroup(), Options{})
	require.NoError(t, err)
	require.Equal(t, KindConsensus, rep.Reference.Kind, rep.Reference.Why)
	var facts, added []string
	for _, s := range rep.Reference.Sentences {
		facts = append(facts, s.Text)
	}
	for _, m := range rep.Members {
		for _, sp := range spansOf(m, SpanAdded) {
			added = append(added, sp.Text)
		}
	}
	for _, tt := range []struct {
		sentence string
		carried  int // by members, each in the same words
	}{
		{"The closure will last 14 weeks, according to the transport ministry.", 4},
		{`"We have no alternative but to close it," the minister told reporters.`, 4},
		{"Traffic will be diverted through the northern ring road.", 3},
		{"Russian President Vladimir Putin did not comment on the plan.", 3},
	} {
		assert.Contains(t, facts, tt.sentence, "carried by %d of 4 members", tt.carried)
		assert.NotContains(t, added, tt.sentence, "carried by %d of 4 members", tt.carried)
	}
}

// A member's verbatim share is part of its kept share: the words of a
// clause it adds to a reference sentence are added, not kept, and count
// as copied from none, even where another member's sentence holds them
// (the consensus compares a member with the other texts' sentences).
func TestVerbatimWithinKept(t *testing.T) {
	tests := []struct {
		name    string
		members []corpus.Article
		clauses int // members with an added clause
	}{
		{"consensus, a clause two members add", sameWordsGroup(), 2},
		{"source and rewrites", []corpus.Article{sourceArticle(), rewriteArticle()}, 0},
		{"seeds", loadSeeds(t), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Analyze(tt.members, Options{})
			require.NoError(t, err)
			clauses := 0
			for _, m := range rep.Members {
				assert.LessOrEqual(t, m.VerbatimShare, m.KeptShare, m.ID)
				for _, sp := range spansOf(m, SpanAdded) {
					if strings.HasPrefix(sp.Text, "a sign of how badly") {
						clauses++
					}
				}
			}
			assert.GreaterOrEqual(t, clauses, tt.clauses)
		})
	}
}

// A member with no words to compare (a feed item with a title and no
// text, a page of a headline alone) takes no part in choosing the
// reference: the others' report is the one they make without it, whenever
// it was published, and a note names it.
func TestAnalyzeWordlessMember(t *testing.T) {
	src := sourceArticle()
	c, d := laterCopies(srcText)
	base, err := Analyze([]corpus.Article{src, c, d}, Options{})
	require.NoError(t, err)
	require.Equal(t, KindSource, base.Reference.Kind, base.Reference.Why)
	tests := []struct {
		name string
		text string
		day  int
	}{
		{"no text, published last", "", 9},
		{"blank text, published first", " \n\n ", 1},
		{"no text, published with the source", "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z := corpus.Article{ID: "z", Title: "Elbe bridge to close", Text: tt.text,
				Published: time.Date(2025, 2, 28+tt.day, 0, 0, 0, 0, time.UTC)}
			rep, err := Analyze([]corpus.Article{src, c, d, z}, Options{})
			require.NoError(t, err)
			assert.Equal(t, base.Reference.Kind, rep.Reference.Kind, rep.Reference.Why)
			assert.Equal(t, base.Reference.SourceID, rep.Reference.SourceID)
			assert.Equal(t, base.Reference.Why, rep.Reference.Why)
			assert.Equal(t, base.Reference.Sentences, rep.Reference.Sentences)
			got := map[string]Member{}
			for _, m := range rep.Members {
				got[m.ID] = m
			}
			for _, m := range base.Members {
				assert.Equal(t, m.KeptShare, got[m.ID].KeptShare, m.ID)
				assert.Equal(t, m.DroppedShare, got[m.ID].DroppedShare, m.ID)
				assert.Equal(t, m.VerbatimShare, got[m.ID].VerbatimShare, m.ID)
			}
			assert.Zero(t, got["z"].Words)
			assert.Contains(t, rep.Notes, "z has no words to compare (no text, or page furniture such as a headline alone): it takes no part in choosing the reference")
			for _, n := range rep.Notes {
				assert.NotContains(t, n, "states no fact that another member states")
			}
		})
	}
}

// A pair of which one member has no words to compare is reported one
// way: that member against the other, whichever was published first; the
// other against an empty reference would say it added everything.
func TestAnalyzePairWithWordlessMember(t *testing.T) {
	for _, day := range []int{1, 9} {
		src := corpus.Article{ID: "a", Text: srcText}
		z := corpus.Article{ID: "z", Title: "Elbe bridge to close", Published: time.Date(2025, 3, day, 0, 0, 0, 0, time.UTC)}
		rep, err := Analyze([]corpus.Article{z, src}, Options{})
		require.NoError(t, err)
		require.Equal(t, KindPair, rep.Reference.Kind, rep.Reference.Why)
		assert.Equal(t, "a", rep.Reference.SourceID, "day %d", day)
		assert.Nil(t, rep.Reverse, "day %d", day)
		require.Len(t, rep.Members, 1)
		assert.Equal(t, "z", rep.Members[0].ID)
		assert.Contains(t, rep.Reference.Why, "of a pair, a alone has words to compare, so z is compared with it")
		var b strings.Builder
		require.NoError(t, rep.WriteTable(&b))
		assert.Contains(t, b.String(), "reference: pair, one member against the other (a: ")
	}
}

// A reference with no sentence lists none in JSON, as every list: an
// empty array, not null.
func TestReferenceSentencesJSON(t *testing.T) {
	undated := func(id, text string) corpus.Article { return corpus.Article{ID: id, Text: text} }
	tests := []struct {
		name    string
		members []corpus.Article
	}{
		{"empty consensus", []corpus.Article{
			undated("c", "A storm closed three motorways in the south of the country overnight. Snow is expected to fall until Friday."),
			undated("d", "The central bank left its main interest rate unchanged at four percent. Inflation slowed to three percent in May."),
			undated("e", "Researchers found a new species of frog in the rainforest of Borneo. It is the size of a thumbnail."),
		}},
		{"a pair, neither with text", []corpus.Article{
			{ID: "a", Title: "Elbe bridge to close", Published: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)},
			{ID: "b", Title: "Elbe bridge closes in March", Published: time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC)},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Analyze(tt.members, Options{})
			require.NoError(t, err)
			require.Empty(t, rep.Reference.Sentences, rep.Reference.Why)
			var b bytes.Buffer
			require.NoError(t, rep.WriteJSON(&b))
			assert.NotContains(t, b.String(), "null")
			assert.Contains(t, b.String(), `"sentences": []`)
		})
	}
}

// TestHTMLPlurals: a page and an index page count one thing in the
// singular.
func TestHTMLPlurals(t *testing.T) {
	shared := "Harbour pilots in the northern port of Kiel staged a walkout on Monday over new rosters. "
	rep, err := Analyze([]corpus.Article{
		{ID: "a", Text: shared + "Ferries to Oslo were delayed for hours."},
		{ID: "b", Text: shared + "The union says talks with the port authority collapsed last week."},
		{ID: "c", Text: "A storm closed three motorways in the south of the country overnight."},
	}, Options{})
	require.NoError(t, err)
	require.Len(t, rep.Reference.Sentences, 1)
	var page, index bytes.Buffer
	require.NoError(t, rep.WriteHTMLPage(&page, "r:a", ""))
	assert.Contains(t, page.String(), "<p class=\"why\">1 sentence, ")
	require.NoError(t, WriteIndexHTML(&index, []IndexEntry{{Group: "r:a", Page: "a.html", Report: rep.Summary()}}, nil))
	assert.Contains(t, index.String(), "<h1>Lineage of 1 group</h1>")
}

// A rewrite keeps, trims or paraphrases its source's quotations: the
// earliest member is not the source of a member that quotes at least
// MinQuoteWords words more of one of its quotations. Quoting fewer words,
// a word more, or the source's own unquoted words says nothing.
func TestAnalyzeQuotesMore(t *testing.T) {
	const quote = `"We have no alternative but to close it, and the work cannot wait any longer," the minister told reporters.`
	withQuote := func(q string) string {
		return strings.Replace(srcText, `"We have no alternative but to close it," the minister told reporters.`, q, 1)
	}
	for _, c := range []struct {
		name            string
		earliest, later string // the quotation sentence of each
		source          bool
		why             string
	}{
		// The earliest member trimmed the quotation that the later ones
		// quote in full: it cannot be their source.
		{"trimmed by the earliest", `"We have no alternative but to close it," the minister told reporters.`, quote, false,
			`, which quotes "We have no alternative but to close it, and the work cannot wait any longer,": 7 words more`},
		{"cut at the front by the earliest", `"To close it, and the work cannot wait any longer," the minister told reporters.`, quote, false,
			`, which quotes "We have no alternative but to close it, and the work cannot wait any longer,": 5 words more`},
		{"trimmed by the later", quote, `"We have no alternative but to close it," the minister told reporters.`, true, ""},
		{"the same quotation", quote, quote, true, ""},
		{"two words more", `"We have no alternative but to close it, and the work cannot wait any," the minister told reporters.`, quote, true, ""},
		// Quoting the source's own words, unquoted there, is quoting the source.
		{"unquoted in the earliest", quote, `The minister said the "bridge over the Elbe river will close for repairs" and the work cannot wait any longer.`, true, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := corpus.Article{ID: "a", Text: withQuote(c.earliest), Published: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)}
			b, d := laterCopies(withQuote(c.later))
			rep, err := Analyze([]corpus.Article{d, a, b}, Options{})
			require.NoError(t, err)
			if c.source {
				assert.Equal(t, KindSource, rep.Reference.Kind, rep.Reference.Why)
				assert.Equal(t, "a", rep.Reference.SourceID)
				return
			}
			assert.Equal(t, KindConsensus, rep.Reference.Kind, rep.Reference.Why)
			assert.Regexp(t, `a, is not the source of [cd]`+regexp.QuoteMeta(c.why), rep.Reference.Why)
		})
	}
}

func TestAnalyzeConsensusWhenUndated(t *testing.T) {
	a, b, c := sourceArticle(), rewriteArticle(), rewriteArticle()
	c.ID = "c"
	a.Published, b.Published, c.Published = time.Time{}, time.Time{}, time.Time{}
	rep, err := Analyze([]corpus.Article{a, b, c}, Options{})
	require.NoError(t, err)
	assert.Equal(t, KindConsensus, rep.Reference.Kind)
	assert.Contains(t, rep.Reference.Why, "no member has a publication time")
	assert.Len(t, rep.Members, 3)
}

// With no publication time, the member nearest in wording to a majority
// of the others is their source: each rewrite below copies the source's
// words, drops a different sentence and edits a few words of another, so
// that no two rewrites are as near each other as each is to the source.
// When the rewrites reword a whole sentence instead, the nearest member is
// not clearly their source (they copy less of its wording than rewrites
// copy their source's: see Options.SourceMinFidelity), and the consensus
// is used, as it would be for the earliest member of a dated group.
func TestAnalyzeUndatedNearestSource(t *testing.T) {
	lines := strings.Split(srcText, "\n")
	edited := []string{
		"Officials said Monday that the Elbe river bridge will close for repairs in March.",
		"The closure will last 14 weeks, the transport ministry said.",
		"Traffic will be diverted via the northern ring road.",
	}
	reworded := []string{
		"On Monday officials announced the Elbe river bridge is to close in March for repairs.",
		"According to the transport ministry, the bridge closure is to last 14 weeks.",
		"Drivers will be sent along the northern ring road instead.",
	}
	rewrite := func(id string, drop, reword, rewordAs int, reworded []string) corpus.Article {
		var out []string
		for i, l := range lines {
			switch i {
			case drop:
			case reword:
				out = append(out, reworded[rewordAs])
			default:
				out = append(out, l)
			}
		}
		out = append(out, "Critics say the repairs are long overdue in "+id+"'s view.")
		return corpus.Article{ID: id, Text: strings.Join(out, "\n")}
	}
	src := corpus.Article{ID: "s", Text: srcText}
	rewrites := func(reworded []string) []corpus.Article {
		return []corpus.Article{rewrite("r1", 4, 0, 0, reworded), rewrite("r2", 2, 1, 1, reworded), rewrite("r3", 0, 3, 2, reworded), src}
	}
	rep, err := Analyze(rewrites(edited), Options{})
	require.NoError(t, err)
	require.Equal(t, KindSource, rep.Reference.Kind, rep.Reference.Why)
	assert.Equal(t, "s", rep.Reference.SourceID)
	assert.Contains(t, rep.Reference.Why, "3 of the 3 others")

	arts := rewrites(reworded)
	rep, err = Analyze(arts, Options{})
	require.NoError(t, err)
	assert.Equal(t, KindConsensus, rep.Reference.Kind, rep.Reference.Why)
	assert.Contains(t, rep.Reference.Why, "the nearest in wording of most members, s, is not clearly the others' source")

	// The same source wins each head-to-head contest of wording, whatever
	// the order of the members.
	for _, order := range [][]int{{0, 1, 2, 3}, {3, 2, 1, 0}, {2, 0, 3, 1}} {
		var in []corpus.Article
		for _, i := range order {
			in = append(in, arts[i])
		}
		opt := Options{}
		require.NoError(t, opt.setDefaults())
		g, err := newGroup(sortedPtrs(in), opt)
		require.NoError(t, err)
		d, h := g.headToHead()
		require.GreaterOrEqual(t, d, 0)
		assert.Equal(t, "s", g.docs[d].art.ID)
		assert.Equal(t, 3, h.contests)
		assert.Positive(t, h.worst)
	}
}

// Contests of verbatim copies have no voter: with a source and two copies
// of one rewrite, every contest is a tie and no member wins.
func TestHeadToHeadTie(t *testing.T) {
	a, b, c := sourceArticle(), rewriteArticle(), rewriteArticle()
	c.ID = "c"
	opt := Options{}
	require.NoError(t, opt.setDefaults())
	g, err := newGroup(sortedPtrs([]corpus.Article{a, b, c}), opt)
	require.NoError(t, err)
	d, _ := g.headToHead()
	assert.Equal(t, -1, d)
}

// A pair with no source is reported both ways: each against the other.
func TestAnalyzePair(t *testing.T) {
	a, b := sourceArticle(), rewriteArticle()
	a.Published, b.Published = time.Time{}, time.Time{}
	rep, err := Analyze([]corpus.Article{b, a}, Options{})
	require.NoError(t, err)
	assert.Equal(t, KindPair, rep.Reference.Kind)
	assert.Contains(t, rep.Reference.Why, "b against a, and a against b")
	require.Len(t, rep.Members, 1)
	require.NotNil(t, rep.Reverse)
	require.Len(t, rep.Reverse.Members, 1)
	assert.Equal(t, "a", rep.Reference.SourceID)
	assert.Equal(t, "b", rep.Members[0].ID)
	assert.Equal(t, "b", rep.Reverse.Reference.SourceID)
	assert.Equal(t, "a", rep.Reverse.Members[0].ID)
	// b dropped the diversion; a dropped none of b's facts but lacks b's
	// commentary and new quotation.
	assert.Greater(t, rep.Members[0].DroppedShare, 0.0)
	assert.Greater(t, rep.Reverse.Members[0].DroppedShare, 0.0)
	var table bytes.Buffer
	require.NoError(t, rep.WriteTable(&table))
	assert.Contains(t, table.String(), "against")
	assert.NotContains(t, table.String(), " 1 sentences")
	// The index page gives both members their figures, neither as "the
	// reference".
	var index bytes.Buffer
	require.NoError(t, WriteIndexHTML(&index, []IndexEntry{{Group: "r:a", Page: "a.html", Report: rep.Summary()}}, nil))
	assert.NotContains(t, index.String(), "the reference</td>")
	for _, m := range []Member{rep.Members[0], rep.Reverse.Members[0]} {
		assert.Contains(t, index.String(), fmt.Sprintf("<tr><td>%s</td>", m.ID))
		assert.Contains(t, index.String(), fmt.Sprintf("<td>%.1f</td>", 100*m.KeptShare))
	}
}

func TestAnalyzeErrors(t *testing.T) {
	tests := []struct {
		name    string
		members []corpus.Article
		opt     Options
		want    error
	}{
		{"one member", []corpus.Article{sourceArticle()}, Options{}, ErrTooFewMembers},
		{"duplicate", []corpus.Article{sourceArticle(), sourceArticle()}, Options{}, ErrDuplicateID},
		{"unknown source", []corpus.Article{sourceArticle(), rewriteArticle()}, Options{Source: "zz"}, ErrUnknownSource},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Analyze(tt.members, tt.opt)
			if !errors.Is(err, tt.want) {
				t.Errorf("Analyze(%s) = %v, want %v", tt.name, err, tt.want)
			}
		})
	}
}

func TestAnalyzeOrderIndependent(t *testing.T) {
	arts := loadSeeds(t)
	var want bytes.Buffer
	rep, err := Analyze(arts, Options{})
	require.NoError(t, err)
	require.NoError(t, rep.WriteJSON(&want))
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 3 {
		r.Shuffle(len(arts), func(i, j int) { arts[i], arts[j] = arts[j], arts[i] })
		rep, err := Analyze(arts, Options{})
		require.NoError(t, err)
		var got bytes.Buffer
		require.NoError(t, rep.WriteJSON(&got))
		if got.String() != want.String() {
			t.Fatalf("shuffle %d: report differs from the sorted order's", i)
		}
	}
}

// TestAnalyzeCopiesCountOnce: a verbatim copy of a member, republished
// under another ID, is one more text of the same words: the consensus and
// every other member's report stay as they were, and the copy's report
// is its original's.
func TestAnalyzeCopiesCountOnce(t *testing.T) {
	seeds := loadSeeds(t)
	base, err := Analyze(seeds, Options{})
	require.NoError(t, err)
	require.Equal(t, KindConsensus, base.Reference.Kind)
	want := map[string]Member{}
	for _, m := range base.Members {
		want[m.ID] = m
	}
	for _, copied := range [][]int{{0}, {3}, {1, 1, 1}, {0, 2, 4}} {
		arts := slices.Clone(seeds)
		for k, i := range copied {
			c := seeds[i]
			c.ID = fmt.Sprintf("zz-copy-%d-of-%s", k, c.ID)
			arts = append(arts, c)
		}
		rep, err := Analyze(arts, Options{})
		require.NoError(t, err)
		require.Len(t, rep.Reference.Sentences, len(base.Reference.Sentences), "copies of %v", copied)
		for i, s := range rep.Reference.Sentences {
			s.CarriedBy = slices.DeleteFunc(s.CarriedBy, func(id string) bool { return strings.HasPrefix(id, "zz-copy-") })
			assert.Equal(t, base.Reference.Sentences[i], s, "copies of %v", copied)
		}
		assert.Contains(t, rep.Reference.Why, "a majority (3 of 5; verbatim copies count once) of the group's distinct texts")
		assert.Contains(t, rep.Notes[0], "verbatim copies, each text counted once: zz-copy-")
		for _, m := range rep.Members {
			orig := m.ID
			if strings.HasPrefix(orig, "zz-copy-") {
				orig = orig[strings.Index(orig, "-of-")+len("-of-"):]
			}
			w := want[orig]
			assert.Equal(t, w.KeptShare, m.KeptShare, "%s, copies of %v", m.ID, copied)
			assert.Equal(t, w.DroppedShare, m.DroppedShare, "%s, copies of %v", m.ID, copied)
			assert.Equal(t, w.VerbatimShare, m.VerbatimShare, "%s, copies of %v", m.ID, copied)
			assert.Equal(t, w.EditorialScore, m.EditorialScore, "%s, copies of %v", m.ID, copied)
			assert.Equal(t, w.Quotes, m.Quotes, "%s, copies of %v", m.ID, copied)
			assert.Equal(t, w.Dropped, m.Dropped, "%s, copies of %v", m.ID, copied)
			if m.ID != orig {
				assert.Equal(t, orig, m.CopyOf, "%s names its original", m.ID)
			} else {
				assert.Empty(t, m.CopyOf, m.ID)
			}
			if m.ID == orig {
				// A copy's quotations are kept from its original's, which
				// holds the reference's ("the reference quotation is this
				// member's own"): its spans say so.
				assert.Equal(t, w.Spans, m.Spans, "%s, copies of %v", m.ID, copied)
			}
		}
	}
}

func TestWriteHTMLEscapes(t *testing.T) {
	b := rewriteArticle()
	b.Text = strings.Replace(b.Text, "Isn't this", `<script>alert("x")</script> Isn't this`, 1)
	b.Furniture = []corpus.Span{{Start: strings.Index(b.Text, "You must"), End: len(b.Text)}}
	rep, err := Analyze([]corpus.Article{sourceArticle(), b}, Options{Source: "a"})
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, rep.WriteHTML(&buf))
	assert.NotContains(t, buf.String(), "<script>")
	assert.Contains(t, buf.String(), "&lt;script&gt;")
}

// TestWriteHTMLIsolatesBidi: the article text on a page and on an index
// page (IDs, outlets, titles, texts, sentences, and the IDs, outlets and
// quotations in the reasons and notes the report writes) is in a
// bidirectional isolate, or alone in a table cell, so that right-to-left
// text, or a direction override it leaves open, reorders nothing after
// it; a reason in a title attribute has its names between isolate marks.
func TestWriteHTMLIsolatesBidi(t *testing.T) {
	isolated := func(n *xhtml.Node) bool {
		for a := n.Parent; a != nil; a = a.Parent {
			if a.Type != xhtml.ElementNode {
				continue
			}
			for _, at := range a.Attr {
				if at.Key == "dir" {
					return true
				}
			}
			switch a.Data {
			case "bdi", "td", "th", "title":
				return true
			case "p", "h1", "h2", "h3", "li", "div", "section", "aside", "body":
				return false
			}
		}
		return false
	}
	rtl := func(s string) bool {
		return strings.ContainsFunc(s, func(r rune) bool { return r == '\u202e' || unicode.Is(unicode.Arabic, r) })
	}
	a, b := sourceArticle(), rewriteArticle()
	a.ID, a.Outlet, a.Title = "مصدر-1", "الجزيرة", "حريق في مخبز"
	b.ID, b.Outlet, b.Title = "b\u202e2", "Evil\u202eTimes", "Bakery \u202efire"
	b.Text = strings.Replace(b.Text, "You must", "\u202eYou must", 1)
	pair, err := Analyze([]corpus.Article{a, b}, Options{})
	require.NoError(t, err)
	source, err := Analyze([]corpus.Article{a, b}, Options{Source: a.ID})
	require.NoError(t, err)
	for _, rep := range []*Report{pair, source} {
		var page, index bytes.Buffer
		require.NoError(t, rep.WriteHTMLPage(&page, "r:a", "index.html"))
		require.NoError(t, WriteIndexHTML(&index, []IndexEntry{{Group: "r:a", Page: "a.html", Report: rep.Summary()}}, nil))
		for name, doc := range map[string]string{"page": page.String(), "index": index.String()} {
			root, err := xhtml.Parse(strings.NewReader(doc))
			require.NoError(t, err)
			texts := 0
			for n := range root.Descendants() {
				if n.Type == xhtml.TextNode && rtl(n.Data) {
					texts++
					assert.True(t, isolated(n), "%s of a %s: %q is not isolated from what follows it", name, rep.Reference.Kind, n.Data)
				}
				for _, at := range n.Attr {
					if at.Key == "title" {
						for _, id := range []string{a.ID, b.ID} {
							if i := strings.Index(at.Val, id); i >= 0 {
								assert.True(t, strings.HasPrefix(at.Val[:i], "\u2068") || strings.HasSuffix(at.Val[:i], "\u2068"), "%q: %s not isolated", at.Val, id)
							}
						}
					}
				}
			}
			assert.NotZero(t, texts, name)
		}
	}
}

// TestSummaryIndex: an index page written from reports' summaries is the
// page written from the reports, for an inferred source, a given one and
// a pair.
func TestSummaryIndex(t *testing.T) {
	seeds, err := Analyze(loadSeeds(t), Options{})
	require.NoError(t, err)
	given, err := Analyze(loadSeeds(t), Options{Source: seeds.Members[0].ID})
	require.NoError(t, err)
	pair, err := Analyze([]corpus.Article{sourceArticle(), rewriteArticle()}, Options{})
	require.NoError(t, err)
	var full, summary []IndexEntry
	for i, r := range []*Report{seeds, given, pair} {
		page := fmt.Sprintf("g%d.html", i)
		full = append(full, IndexEntry{Group: page, Page: page, Report: r})
		summary = append(summary, IndexEntry{Group: page, Page: page, Report: r.Summary()})
		assert.Empty(t, r.Summary().Reference.Sentences)
	}
	var want, got bytes.Buffer
	require.NoError(t, WriteIndexHTML(&want, full, nil))
	require.NoError(t, WriteIndexHTML(&got, summary, nil))
	assert.Equal(t, want.String(), got.String())
	assert.Contains(t, got.String(), seeds.Members[0].ID)
}

// The index page's outlet table shows no mean share for an outlet with no
// article compared (the source's alone), as the --by-outlet table does.
func TestIndexOutletsWithoutArticles(t *testing.T) {
	tests := []struct {
		outlet IndexOutlet
		want   string
	}{
		{IndexOutlet{Outlet: "Wire", Groups: 1, Sources: 1},
			"<tr><td>Wire</td><td>0</td><td>1</td><td>1</td><td>-</td><td>-</td><td>-</td><td>-</td></tr>"},
		{IndexOutlet{Outlet: "Daily", Articles: 1, Groups: 1, KeptShare: 0.5, AddedShare: 0.5, DroppedShare: 0.25, EditorialScore: 3, ScoredArticles: 1},
			"<tr><td>Daily</td><td>1</td><td>1</td><td>0</td><td>50.0</td><td>50.0</td><td>25.0</td><td>3.0</td></tr>"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		require.NoError(t, WriteIndexHTML(&b, nil, []IndexOutlet{tt.outlet}))
		assert.Contains(t, b.String(), tt.want)
	}
}

// TestBelow: a share and the limit it falls short of never print as the
// same number.
func TestBelow(t *testing.T) {
	tests := []struct {
		v, limit  float64
		want, lim string
	}{
		{0.57, 0.88, "57", "88"},
		{0.876, 0.88, "87.6", "88.0"},
		{0.8799, 0.88, "87.99", "88.00"},
		{0.87999, 0.88, "88.00", "88.00"}, // two decimals at most
		{-0.031, 0.1, "-3", "10"},
	}
	for _, tt := range tests {
		got, lim := below(tt.v, tt.limit)
		if got != tt.want || lim != tt.lim {
			t.Errorf("below(%v, %v) = %s, %s; want %s, %s", tt.v, tt.limit, got, lim, tt.want, tt.lim)
		}
	}
}

func TestLaminate(t *testing.T) {
	text := "0123456789abcdefghij"
	tests := []struct {
		name string
		in   []Span
		want [][2]int
	}{
		{"disjoint", []Span{{Start: 0, End: 3}, {Start: 5, End: 8}}, [][2]int{{0, 3}, {5, 8}}},
		{"nested", []Span{{Start: 2, End: 4}, {Start: 0, End: 10}}, [][2]int{{0, 10}, {2, 4}}},
		{"crossing is split", []Span{{Start: 0, End: 5}, {Start: 3, End: 8}}, [][2]int{{0, 5}, {3, 5}, {5, 8}}},
		{"out of range dropped", []Span{{Start: 5, End: 50}, {Start: 4, End: 4}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := laminate(tt.in, text)
			var ranges [][2]int
			for _, s := range got {
				ranges = append(ranges, [2]int{s.Start, s.End})
			}
			assert.Equal(t, tt.want, ranges, "laminate(%v)", tt.in)
		})
	}
}

// TestLaminateProperty: for random spans, the output nests or is disjoint
// pairwise, and its pieces cover exactly the bytes the input covered.
func TestLaminateProperty(t *testing.T) {
	text := strings.Repeat("abcdefghij", 10)
	r := rand.New(rand.NewPCG(3, 4))
	for range 500 {
		var in []Span
		for range r.IntN(8) {
			a, b := r.IntN(len(text)), r.IntN(len(text))
			if a > b {
				a, b = b, a
			}
			if a == b {
				continue
			}
			in = append(in, Span{Kind: fmt.Sprint(r.IntN(3)), Start: a, End: b, Text: text[a:b]})
		}
		out := laminate(in, text)
		for i, x := range out {
			for _, y := range out[i+1:] {
				nested := (x.Start <= y.Start && y.End <= x.End) || (y.Start <= x.Start && x.End <= y.End)
				disjoint := x.End <= y.Start || y.End <= x.Start
				if !nested && !disjoint {
					t.Fatalf("laminate(%v): %v and %v cross", in, x, y)
				}
			}
			if x.Text != text[x.Start:x.End] {
				t.Fatalf("piece %v text mismatch", x)
			}
		}
		cover := func(ss []Span) []bool {
			c := make([]bool, len(text))
			for _, s := range ss {
				for i := s.Start; i < s.End; i++ {
					c[i] = true
				}
			}
			return c
		}
		if fmt.Sprint(cover(in)) != fmt.Sprint(cover(out)) {
			t.Fatalf("laminate(%v) changes coverage", in)
		}
	}
}

// The earliest member is not the others' source when two of them,
// independent of each other, copy a sentence it does not have: they
// copied it from a text that is not the earliest member.
func TestAnalyzeLacksCommonText(t *testing.T) {
	const diversion = "Traffic will be diverted through the northern ring road.\n"
	base := srcText + `
The bridge carries about 40,000 vehicles a day between the two halves of the city.
Engineers found cracks in two of its steel girders during an inspection last autumn.
The repairs are expected to cost 12 million euros, paid from the federal budget.
Local businesses near the bridge have asked for compensation during the closure.
The city council will hold a public meeting on the plan on Thursday evening.
A ferry service across the river will run every 20 minutes while the bridge is shut.
Cyclists and pedestrians will be able to use a temporary footbridge from April.`
	at := func(day int) time.Time { return time.Date(2025, 3, day, 0, 0, 0, 0, time.UTC) }
	// Each later member rewords two sentences of its own and adds one, so
	// neither is a copy of the other.
	b := strings.NewReplacer(
		"Officials said on Monday that the bridge over the Elbe river will close for repairs in March.",
		"The Elbe river bridge is to shut for repair work in March, authorities announced Monday.",
		"Engineers found cracks in two of its steel girders during an inspection last autumn.",
		"Inspectors discovered fractures in a pair of steel beams last fall.",
	).Replace(base) + "\nCommuters reacted with frustration on social media."
	c := strings.NewReplacer(
		"The closure will last 14 weeks, according to the transport ministry.",
		"The transport ministry expects the work to take roughly three and a half months.",
		"The city council will hold a public meeting on the plan on Thursday evening.",
		"Residents can question officials at a town hall session later this week.",
	).Replace(base) + "\nThe opposition called the timing of the work poor."
	without := strings.Replace(base, diversion, "", 1)
	for _, tc := range []struct {
		name     string
		earliest string
		later    [2]string
		source   bool
	}{
		{"the earliest lacks what both copy", without, [2]string{b, c}, false},
		{"the earliest has it", base, [2]string{b, c}, true},
		// A copy of b is not a second witness.
		{"one witness and its copy", without, [2]string{b, b}, true},
		// The earliest's summary bullets are furniture, left out of the
		// comparison; rewrites that state a bullet as a sentence copy
		// it from the earliest all the same.
		{"the earliest has it as a bullet", "Bridge Closure at a Glance\n- Traffic will be diverted through the northern ring road\n- A ferry will run while the bridge is shut\n\n" + without, [2]string{b, c}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			arts := []corpus.Article{
				{ID: "a", Text: tc.earliest, Published: at(1)},
				{ID: "b", Text: tc.later[0], Published: at(2)},
				{ID: "c", Text: tc.later[1], Published: at(3)},
			}
			rep, err := Analyze(arts, Options{})
			require.NoError(t, err)
			if tc.source {
				assert.Equal(t, KindSource, rep.Reference.Kind, rep.Reference.Why)
				assert.Equal(t, "a", rep.Reference.SourceID)
				return
			}
			assert.Equal(t, KindConsensus, rep.Reference.Kind, rep.Reference.Why)
			assert.Contains(t, rep.Reference.Why, `the earliest member, a, is not the others' source: b and c, neither a copy of the other, state a sentence nearly word for word that it lacks, such as "Traffic will be diverted through the northern ring road."`)
		})
	}
}

// Republishers close a wire story with sign-offs of their own ("The
// Associated Press contributed to this report."): two copies sharing one
// are not witnesses of a text their source lacks, and the line is not
// text of theirs that the source fails to state. A credit in a sign-off
// names the source all the same.
func TestAnalyzeSignoffs(t *testing.T) {
	base := srcText + `
The bridge carries about 40,000 vehicles a day between the two halves of the city.
Engineers found cracks in two of its steel girders during an inspection last autumn.
The repairs are expected to cost 12 million euros, paid from the federal budget.
Local businesses near the bridge have asked for compensation during the closure.`
	b := strings.Replace(base, "Engineers found cracks in two of its steel girders during an inspection last autumn.",
		"Inspectors discovered fractures in a pair of steel beams last fall.", 1)
	c := strings.Replace(base, "The repairs are expected to cost 12 million euros, paid from the federal budget.",
		"Repairs will cost about 12 million euros from the federal budget, officials estimate.", 1)
	at := func(day int) time.Time { return time.Date(2025, 3, day, 0, 0, 0, 0, time.UTC) }
	// withCopies analyzes base, published first, with two later texts.
	withCopies := func(t *testing.T, b, c string) *Report {
		t.Helper()
		rep, err := Analyze([]corpus.Article{
			{ID: "a", Text: base, Published: at(1)},
			{ID: "b", Text: b, Published: at(2)},
			{ID: "c", Text: c, Published: at(3)},
		}, Options{})
		require.NoError(t, err)
		return rep
	}
	for _, line := range []string{
		"The Associated Press contributed to this report.",
		"Associated Press writer Jane Doe in Berlin contributed to this report.",
		"This story was originally published by Reuters and is republished here with permission.",
		"This article was originally published on The Conversation. Read the original article.",
		"Have a news tip? Email our newsroom at tips@example.com or call the news desk.",
		"This story has been updated.",
		"Correction: An earlier version of this article misstated the cost of the repairs.",
		"Editor's note: This story was updated to include comments from the ministry.",
		"Follow AP's coverage of the war at https://apnews.com/hub/russia-ukraine",
		"Associated Press writers Jane Doe in Berlin and John Roe in Hamburg contributed.",
		"This report was produced with the support of the Local News Fund.",
		"This is a developing story and will be updated as more information becomes available.",
		"The Herald will update this story as more information becomes available.",
		"Reporting by Jane Doe in Berlin; additional reporting by Herald staff.",
		"This material may not be published, broadcast, rewritten or redistributed.",
		"The Associated Press receives support from several private foundations for its transport coverage. The AP is solely responsible for all content.",
		"Our Standards: The Thomson Reuters Trust Principles.",
		"Got a confidential news tip? We want to hear from you.",
		"Contact Jane Doe at jdoe@example.com or on 555-0100.",
		"The views expressed in this article are the author's own and do not reflect those of the Herald.",
	} {
		t.Run(line, func(t *testing.T) {
			rep := withCopies(t, b+"\n"+line, c+"\n"+line)
			assert.Equal(t, KindSource, rep.Reference.Kind, rep.Reference.Why)
			assert.Equal(t, "a", rep.Reference.SourceID)
			for _, m := range rep.Members[1:] {
				require.NotEmpty(t, m.Spans)
				last := m.Spans[len(m.Spans)-1]
				assert.Equal(t, SpanFurniture, last.Kind, m.ID)
				assert.Equal(t, line, last.Text, m.ID)
			}
		})
	}

	// Prose that copies append after the text they share with the
	// earliest member is theirs, whatever its words.
	tailLine := "Stay up to date with the latest news by downloading the WJW app."
	rep := withCopies(t, b+"\n"+tailLine, c+"\n"+tailLine)
	assert.Equal(t, "a", rep.Reference.SourceID, rep.Reference.Why)

	// The page's labels and prompts that copies share, within the text or
	// after it, are not text the source lacks.
	for _, line := range []string{
		"Story continues below advertisement",
		"ADVERTISEMENT",
		"Watch: The minister speaks about the closure",
		"Also read: Ferry operators prepare for busy spring",
		"Read the full story at Axios.",
		"Listen to this article",
		"4 min read",
	} {
		for _, mid := range []bool{false, true} {
			add := func(s string) string {
				if mid {
					return strings.Replace(s, "\nTraffic will", "\n"+line+"\nTraffic will", 1)
				}
				return s + "\n" + line
			}
			rep := withCopies(t, add(b), add(c))
			assert.Equal(t, "a", rep.Reference.SourceID, "%q (within the text: %v): %s", line, mid, rep.Reference.Why)
		}
	}

	// The credited outlet's article is the source of rewrites that credit
	// it, its time unknown.
	b = strings.Replace(b, "The closure will last 14 weeks, according to the transport ministry.",
		"The transport ministry expects the work to take roughly three and a half months.", 1) +
		"\nCommuters reacted with frustration on social media."
	c = strings.Replace(c, "Local businesses near the bridge have asked for compensation during the closure.",
		"Shop owners close to the crossing want to be compensated while it is shut.", 1) +
		"\nThe opposition called the timing of the work poor."
	rep, err := Analyze([]corpus.Article{
		{ID: "wire", Outlet: "Reuters", Text: base},
		{ID: "b", Outlet: "Daily", Text: b + "\nThis story was originally published by Reuters.", Published: at(1)},
		{ID: "c", Outlet: "Herald", Text: c + "\nReuters contributed to this report.", Published: at(2)},
	}, Options{})
	require.NoError(t, err)
	assert.Equal(t, KindSource, rep.Reference.Kind, rep.Reference.Why)
	assert.Equal(t, "wire", rep.Reference.SourceID)
	assert.Contains(t, rep.Reference.Why, "credited by 2 members")
	assert.Contains(t, rep.Reference.Why, "originally published by Reuters")
	assert.Contains(t, rep.Reference.Why, "Reuters contributed to this report")

	// A wire sign-off names the outlet that reported; a reporter it
	// names is no credit.
	rep, err = Analyze([]corpus.Article{
		{ID: "wire", Outlet: "Reuters", Text: base},
		{ID: "b", Outlet: "Daily", Text: b + "\nReporting by Jane Doe in Berlin; Editing by John Roe", Published: at(1)},
		{ID: "c", Outlet: "Herald", Text: c + "\nReporting by Reuters; additional reporting by Herald staff.", Published: at(2)},
	}, Options{})
	require.NoError(t, err)
	assert.Equal(t, "wire", rep.Reference.SourceID, rep.Reference.Why)
	assert.Contains(t, rep.Reference.Why, "Reporting by Reuters; additional reporting by Herald staff.")
	assert.NotContains(t, rep.Reference.Why, "Jane Doe")

	// A verbatim copy's credit names the rewrite it copied (an outlet the
	// alias table does not know, matched by the member's outlet field),
	// which is not thereby the others' source.
	rep, err = Analyze([]corpus.Article{
		{ID: "src", Outlet: "Granite Falls Courier", Text: base, Published: at(1)},
		{ID: "rw", Outlet: "Metro Wire Daily", Text: b, Published: at(2)},
		{ID: "copy", Outlet: "Easton Gazette", Text: b + "\n\nThis article originally appeared in Metro Wire Daily.", Published: at(3)},
	}, Options{})
	require.NoError(t, err)
	assert.Equal(t, "src", rep.Reference.SourceID, rep.Reference.Why)
	i := slices.IndexFunc(rep.Reference.Evidence, func(e Evidence) bool { return e.ID == "copy" })
	require.GreaterOrEqual(t, i, 0)
	if cs := rep.Reference.Evidence[i].Credits; assert.Len(t, cs, 1) {
		assert.Equal(t, "rw", cs[0].Member)
	}
}

// analyzeEdit analyzes the source article (a) and a copy of it (c) with
// from replaced by to, and returns the report and c's row.
func analyzeEdit(t *testing.T, from, to string) (*Report, Member) {
	t.Helper()
	text := strings.Replace(srcText, from, to, 1)
	require.NotEqual(t, srcText, text)
	c := corpus.Article{ID: "c", Text: text, Published: time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC)}
	rep, err := Analyze([]corpus.Article{sourceArticle(), c}, Options{Source: "a"})
	require.NoError(t, err)
	i := slices.IndexFunc(rep.Members, func(m Member) bool { return m.ID == "c" })
	require.GreaterOrEqual(t, i, 0)
	return rep, rep.Members[i]
}

// A quotation in French marks, with spaces inside them, is named by its
// words in the notes of the members that keep it.
func TestAnalyzeQuoteInnerSpaces(t *testing.T) {
	src := sourceArticle()
	src.Text = strings.Replace(src.Text, `"We have no alternative but to close it," the minister`,
		"« We have no alternative but to close it », the minister", 1)
	require.NotEqual(t, sourceArticle().Text, src.Text)
	c := corpus.Article{ID: "c", Text: sourceArticle().Text, Published: time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC)}
	rep, err := Analyze([]corpus.Article{src, c}, Options{Source: "a"})
	require.NoError(t, err)
	var notes []string
	for _, m := range rep.Members {
		for _, sp := range m.Spans {
			if sp.Kind == SpanQuoteVerbatim {
				notes = append(notes, sp.Why)
			}
		}
	}
	assert.Contains(t, notes, "kept verbatim: “We have no alternative but to close it”")
}

// A quotation altered inside a longer one that runs over two sentences
// is altered, not dropped: its sentence of the longer quotation is read
// on its own.
func TestAnalyzeQuoteAlteredInLongerQuote(t *testing.T) {
	_, m := analyzeEdit(t, `"We have no alternative but to close it," the minister told reporters.`,
		`"The repairs cannot wait. We have no alternative but to close the bridge," the minister told reporters.`)
	var altered []string
	for _, sp := range m.Spans {
		if sp.Kind == SpanQuoteAltered {
			altered = append(altered, sp.Text)
		}
	}
	assert.Equal(t, []string{"We have no alternative but to close the bridge,"}, altered)
	assert.Equal(t, QuoteCounts{Verbatim: 0, Altered: 1, Dropped: 0}, m.Quotes)
}

// A member's sentence that carries a reference quotation, in other words
// around it, states that fact: it is kept, not added beside a quotation
// marked kept.
func TestAnalyzeQuotationSentenceKept(t *testing.T) {
	_, m := analyzeEdit(t, `"We have no alternative but to close it," the minister told reporters.`,
		`Asked whether one lane could stay open during the works, the minister shook his head: "We have no alternative but to close it."`)
	assert.Equal(t, QuoteCounts{Verbatim: 1}, m.Quotes)
	assertNoAddedQuote(t, m)
	assert.Empty(t, m.Dropped)
	assert.InDelta(t, 1.0, m.KeptShare, 0.001)

	rep, err := Analyze(loadSeeds(t), Options{})
	require.NoError(t, err)
	for _, m := range rep.Members {
		assertNoAddedQuote(t, m)
	}
}

// assertNoAddedQuote fails when an added span of m holds a quotation m
// is said to carry.
func assertNoAddedQuote(t *testing.T, m Member) {
	t.Helper()
	for _, q := range m.Spans {
		if q.Kind != SpanQuoteVerbatim && q.Kind != SpanQuoteAltered {
			continue
		}
		for _, a := range m.Spans {
			if a.Kind == SpanAdded && a.Start <= q.Start && q.End <= a.End {
				t.Errorf("%s: %q is added, though it holds the carried quotation %q", m.ID, a.Text, q.Text)
			}
		}
	}
}

// A copy that adds a clause to one of its source's sentences shows the
// clause as added (and counts its words as added), and is no verbatim
// copy of the source; a word changed, or an attribution added to a
// quotation, is neither.
func TestAnalyzeInsertedClause(t *testing.T) {
	tests := []struct {
		name, from, to string
		added          string // the added span, "" for none
	}{
		{"clause", "will close for repairs in March.", "will close for repairs in March, a sign of how badly the city has neglected it.",
			"a sign of how badly the city has neglected it"},
		{"opening clause", "Traffic will be diverted", "In a move drivers call a betrayal, traffic will be diverted",
			"In a move drivers call a betrayal"},
		{"a word changed", "on Monday", "on Monday morning", ""},
		{"attribution", "Traffic will be diverted through the northern ring road.",
			"Traffic will be diverted through the northern ring road, the official said.", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep, m := analyzeEdit(t, tc.from, tc.to)
			added := spansOf(m, SpanAdded)
			if tc.added == "" {
				assert.Empty(t, added)
				assert.Equal(t, 1.0, m.KeptShare)
				assert.Equal(t, "a", m.CopyOf, "a verbatim copy of the source")
				return
			}
			require.Len(t, added, 1)
			assert.Equal(t, tc.added, added[0].Text)
			assert.Contains(t, added[0].Why, "words added to a sentence that otherwise repeats a's")
			assert.Less(t, m.KeptShare, 1.0)
			assert.Greater(t, m.AddedShare, 0.0)
			assert.Empty(t, m.CopyOf, "no verbatim copy")
			for _, n := range rep.Notes {
				assert.NotContains(t, n, "verbatim copies")
			}
		})
	}
}

// Two reference sentences merged into one add nothing: the run that
// repeats the second is its fact, kept, not a clause added to the first.
func TestAnalyzeMergedSentences(t *testing.T) {
	const (
		closure = "The closure will last 14 weeks, according to the transport ministry."
		quote   = `"We have no alternative but to close it," the minister told reporters.`
		traffic = "Traffic will be diverted through the northern ring road."
	)
	tests := []struct{ name, from, to string }{
		{"joined with and", closure + "\n" + quote + "\n" + traffic,
			"The closure will last 14 weeks, according to the transport ministry, and traffic will be diverted through the northern ring road.\n" + quote},
		{"joined with a semicolon", closure + "\n" + quote + "\n" + traffic,
			quote + "\nThe closure will last 14 weeks, according to the transport ministry; traffic will be diverted through the northern ring road."},
		{"the first joined to the second", closure + "\n" + quote + "\n" + traffic,
			quote + "\nTraffic will be diverted through the northern ring road, and the closure will last 14 weeks, according to the transport ministry."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, m := analyzeEdit(t, tc.from, tc.to)
			assert.Empty(t, spansOf(m, SpanAdded))
			assert.Equal(t, 1.0, m.KeptShare)
			assert.Zero(t, m.DroppedShare)
			assert.LessOrEqual(t, m.VerbatimShare, m.KeptShare)
		})
	}
}

// Verbatim copies of the source are named copies of the source, whatever
// their IDs, and the source no copy of theirs.
func TestCopiesNamedAfterSource(t *testing.T) {
	at := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	arts := []corpus.Article{
		{ID: "z-wire", Text: srcText, Published: at},
		{ID: "a-copy", Text: srcText, Published: at.Add(time.Hour)},
		{ID: "b-copy", Text: srcText, Published: at.Add(2 * time.Hour)},
		rewriteArticle(),
	}
	rep, err := Analyze(arts, Options{Source: "z-wire"})
	require.NoError(t, err)
	assert.Contains(t, rep.Notes, "verbatim copies, each text counted once: a-copy of z-wire, b-copy of z-wire")
	for _, m := range rep.Members {
		switch m.ID {
		case "a-copy", "b-copy":
			assert.Equal(t, "z-wire", m.CopyOf, m.ID)
		default:
			assert.Empty(t, m.CopyOf, m.ID)
		}
	}
	// With a consensus, the earliest of a text's copies names them.
	rep, err = Analyze(append(arts, corpus.Article{ID: "c-rewrite", Text: rewriteText}), Options{})
	require.NoError(t, err)
	for _, n := range rep.Notes {
		if strings.HasPrefix(n, "verbatim copies") {
			assert.Contains(t, n, "a-copy of z-wire, b-copy of z-wire", "the earliest is no copy: %s", n)
		}
	}
}

// A copy that leaves a clause out of one of its source's sentences (a
// qualifier, an attribution) lists the clause among what it dropped, with
// its offsets in the source, and counts its words as dropped; a sentence
// split in two leaves nothing out.
func TestAnalyzeClauseLeftOut(t *testing.T) {
	tests := []struct {
		name, from, to string
		cut            string // the clause left out, "" for none
	}{
		// A quotation trimmed is an altered quotation (quote_altered).
		{"quotation trimmed", `"We have no alternative but to close it," the minister told reporters.`, `"We have no alternative," the minister told reporters.`, ""},
		// An attribution left out makes the claim the outlet's own.
		{"attribution", "The closure will last 14 weeks, according to the transport ministry.", "The closure will last 14 weeks.", "according to the transport ministry"},
		{"split", "Officials said on Monday that the bridge over the Elbe river will close for repairs in March.",
			"Officials said on Monday that the bridge over the Elbe river will close. The repairs begin in March.", ""},
		{"qualifier", "Traffic will be diverted through the northern ring road.", "Traffic will be diverted.", "through the northern ring road"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, m := analyzeEdit(t, tc.from, tc.to)
			var cuts []Dropped
			for _, d := range m.Dropped {
				if d.Clause {
					cuts = append(cuts, d)
				}
			}
			if tc.cut == "" {
				assert.Empty(t, cuts)
				return
			}
			require.Len(t, cuts, 1, "%+v", m.Dropped)
			assert.Equal(t, tc.cut, cuts[0].Text)
			assert.Equal(t, "a", cuts[0].Member)
			assert.Equal(t, tc.cut, srcText[cuts[0].Start:cuts[0].End])
			assert.Greater(t, m.DroppedShare, 0.0)
		})
	}
}

// mergeCuts counts a run left out of a reference sentence once, when two
// sentences of a member leave it out, or runs of it that overlap.
func TestMergeCuts(t *testing.T) {
	text := "The closure will last 14 weeks, according to the transport ministry, officials said."
	ref := &sentence{doc: 0, start: 0, end: len(text), toks: tokensOf(text), src: text}
	other := &sentence{doc: 1, start: 0, end: 4, toks: tokensOf("Rain"), src: "Rain"}
	at := func(s string) (int, int) {
		i := strings.Index(text, s)
		return i, i + len(s)
	}
	cut := func(r *sentence, s string) insertion {
		start, end := at(s)
		if r == other {
			start, end = 0, 4
		}
		return insertion{start: start, end: end, words: len(tokens(r.src, start, end)), ref: r}
	}
	tests := []struct {
		name  string
		in    []insertion
		want  []string // the runs, as text
		words int
	}{
		{"one", []insertion{cut(ref, "according to the transport ministry")}, []string{"according to the transport ministry"}, 5},
		{"the same twice", []insertion{cut(ref, "according to the transport ministry"), cut(ref, "according to the transport ministry")},
			[]string{"according to the transport ministry"}, 5},
		{"overlapping", []insertion{cut(ref, "the transport ministry, officials said"), cut(ref, "according to the transport")},
			[]string{"according to the transport ministry, officials said"}, 7},
		{"apart", []insertion{cut(ref, "officials said"), cut(ref, "14 weeks")}, []string{"14 weeks", "officials said"}, 4},
		{"two sentences", []insertion{cut(other, "Rain"), cut(ref, "14 weeks")}, []string{"14 weeks", "Rain"}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			words := 0
			for _, x := range mergeCuts(tt.in) {
				got = append(got, x.ref.src[x.start:x.end])
				words += x.words
			}
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.words, words)
		})
	}
}

// A straight quotation mark that nothing closes or reopens is no
// quotation tracked word for word: a copy without the stray mark has not
// dropped or altered a quotation.
func TestAnalyzeStrayQuoteMarkNotTracked(t *testing.T) {
	src := sourceArticle()
	src.Text = strings.Replace(src.Text, "Traffic will be diverted through the northern ring road.",
		`Traffic will be diverted through the "northern ring road for the whole of the closure, officials added.`, 1)
	require.NotEqual(t, sourceArticle().Text, src.Text)
	c := corpus.Article{ID: "c", Published: time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC),
		Text: strings.Replace(src.Text, `the "northern`, "the northern", 1)}
	rep, err := Analyze([]corpus.Article{src, c}, Options{Source: "a"})
	require.NoError(t, err)
	require.Len(t, rep.Members, 1)
	assert.Equal(t, QuoteCounts{Verbatim: 1}, rep.Members[0].Quotes)
}

// The names a reason holds are isolated where they stand apart, the
// longest first, and its quotations whole; a name inside a longer word is
// not.
func TestBidiNames(t *testing.T) {
	r := &Report{
		Reference: Reference{SourceID: "a1", Outlet: "الجزيرة"},
		Members:   []Member{{ID: "a10", Outlet: "Fox News"}, {ID: "b", Outlet: "Fox"}},
	}
	names := newBidiNames(r)
	tests := []struct{ in, html, text string }{
		{"a1 and a10 share", "<bdi>a1</bdi> and <bdi>a10</bdi> share", "\u2068a1\u2069 and \u2068a10\u2069 share"},
		{"Fox News, not Fox; a1x, ba1", "<bdi>Fox News</bdi>, not <bdi>Fox</bdi>; a1x, ba1", "\u2068Fox News\u2069, not \u2068Fox\u2069; a1x, ba1"},
		{"credits “الجزيرة <x>” (الجزيرة), 2 of 3", "credits “<bdi>الجزيرة &lt;x&gt;</bdi>” (<bdi>الجزيرة</bdi>), 2 of 3", "credits “\u2068الجزيرة <x>\u2069” (\u2068الجزيرة\u2069), 2 of 3"},
		{"an unclosed “a1", "an unclosed “<bdi>a1</bdi>", "an unclosed “\u2068a1\u2069"},
	}
	for _, tt := range tests {
		assert.Equal(t, template.HTML(tt.html), names.HTML(tt.in), tt.in)
		assert.Equal(t, tt.text, names.Text(tt.in), tt.in)
	}
}

// A member's kept and added shares add up to the whole, in JSON (7 of
// 32 words kept: 0.2188 and 0.7812, not 0.7813) and as the table and the
// page show them (86.2 and 13.8, not 13.9).
func TestSharesAddUp(t *testing.T) {
	src := corpus.Article{ID: "a", Published: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC),
		Text: "The council approved the budget on Tuesday. Mayor Jane Holt praised the vote."}
	b := corpus.Article{ID: "b", Published: time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC),
		Text: "The council approved the budget on Tuesday. Residents of the eastern district had waited years for new pavements. " +
			"Several shops closed early so that their owners could attend the long evening meeting."}
	rep, err := Analyze([]corpus.Article{src, b}, Options{Source: "a"})
	require.NoError(t, err)
	require.Len(t, rep.Members, 1)
	m := rep.Members[0]
	require.Equal(t, 32, m.Words, "the test needs a share that rounds up both ways")
	assert.Equal(t, 0.2188, m.KeptShare)
	assert.Equal(t, 0.7812, m.AddedShare)

	for _, tt := range []struct {
		kept, added float64
		want        string
	}{
		{0.8615, 0.1385, "86.2 13.8"},
		{0.2188, 0.7812, "21.9 78.1"},
		{1, 0, "100.0 0.0"},
		{0, 0, "0.0 0.0"}, // no words
	} {
		r := &Report{Reference: Reference{Kind: KindSource, SourceID: "a"},
			Members: []Member{{ID: "b", KeptShare: tt.kept, VerbatimShare: tt.kept, AddedShare: tt.added}}}
		var table, page bytes.Buffer
		require.NoError(t, r.WriteTable(&table))
		require.NoError(t, r.WriteHTML(&page))
		lines := strings.Split(strings.TrimSpace(table.String()), "\n")
		row := strings.Fields(lines[len(lines)-1])
		assert.Equal(t, tt.want, row[2]+" "+row[4], "table %+v", tt)
		k, a, _ := strings.Cut(tt.want, " ")
		assert.Contains(t, page.String(), "kept "+k+"% ("+k+"% word for word), added "+a+"%", "page %+v", tt)
	}
}

// A quotation left unclosed (opened with a straight mark, closed with a
// curly one the straight one does not pair with) runs to its paragraph's
// end, taking in the writer's words: it is no evidence that its member
// quotes more than another; a closed one that quotes more is.
func TestQuotesMoreSkipsUnclosed(t *testing.T) {
	const (
		lead  = "Sixteen Marines were arrested on Thursday at Camp Pendleton during a battalion formation."
		quote = "Information gained from a previous smuggling investigation precipitated the arrests,"
	)
	arts := []*corpus.Article{
		{ID: "src", Text: lead + " \"" + quote + "\" the statement said."},
		{ID: "open", Text: lead + " \"" + quote + "” the release said, adding that the arrests took place at the base in California on Thursday."},
		{ID: "more", Text: lead + " \"" + quote + " and more charges may follow soon,\" the release said."},
	}
	opt := Options{}
	require.NoError(t, opt.setDefaults())
	g, err := newGroup(arts, opt)
	require.NoError(t, err)
	q, extra := g.quotesMore(1, 0)
	assert.Empty(t, q, "an unclosed quotation quotes %d words more", extra)
	q, extra = g.quotesMore(2, 0)
	assert.Equal(t, "\""+quote+" and more charges may follow soon,\"", q)
	assert.Equal(t, 6, extra)
}

// The candidate a reason names is "the earliest member" only when one
// was published before the others: with no time known, or two published
// at once (a date without a time of day), it is the member that covers
// the others best.
func TestCandidateNotEarliest(t *testing.T) {
	lines := strings.Split(srcText, "\n")
	day := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		arts []corpus.Article
		want string
	}{
		{"published at once", []corpus.Article{{ID: "a", Text: srcText, Published: day}, {ID: "b", Text: lines[0] + "\n" + lines[1], Published: day}},
			"the member that covers the others best of those published first, a, has only"},
		{"published first", []corpus.Article{{ID: "a", Text: srcText, Published: day}, {ID: "b", Text: lines[0] + "\n" + lines[1], Published: day.Add(time.Hour)}},
			"the earliest member, a, has only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Analyze(tt.arts, Options{})
			require.NoError(t, err)
			assert.Contains(t, rep.Reference.Why, tt.want)
		})
	}
	// With no time known, the source rules try the member that covers
	// the others best (a group rarely gets this far undated: the nearest
	// in wording of most members, or the winner of the head-to-head
	// contests, is tried first).
	arts := []*corpus.Article{{ID: "a", Text: srcText}, {ID: "b", Text: lines[0]}}
	opt := Options{}
	require.NoError(t, opt.setDefaults())
	g, err := newGroup(arts, opt)
	require.NoError(t, err)
	assert.Equal(t, "the member that covers the others best (no publication time is known), ", g.candidate(0))
}

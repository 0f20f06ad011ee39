package lineage

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/corpus"
)

func TestResolveOutlet(t *testing.T) {
	tab, err := outlets()
	require.NoError(t, err)
	tests := []struct {
		name, want string
		known      bool
		words      string // the words that name the outlet (nameOf)
	}{
		{"the New York Times", "nyt", true, "the New York Times"},
		{"The Times", "nyt", true, "The Times"},
		{"Reuters", "reuters", true, "Reuters"},
		{"Axios Tuesday", "axios", true, "Axios"},
		{"Reuters Jeff Mason", "reuters", true, "Reuters"},
		{"the New York Times Co", "nyt", true, "the New York Times Co"},
		{"the Huffington Post's", "huffpost", true, "the Huffington Post's"},
		{"Smith", "smith", false, ""},
		{"the Riverton Herald", "riverton herald", false, ""},
		{"the Riverton Herald Tuesday", "riverton herald", false, ""},
		{"New Jersey Globe", "new jersey globe", false, ""},
		{"The Ledger's", "ledger", false, ""},
	}
	for _, tt := range tests {
		got, known := tab.resolve(tt.name)
		assert.Equal(t, tt.want, got, "resolve(%q)", tt.name)
		assert.Equal(t, tt.known, known, "resolve(%q) known", tt.name)
		if known {
			assert.Equal(t, tt.words, tab.nameOf(tt.name, got), "nameOf(%q)", tt.name)
		}
	}
	assert.Equal(t, []string{"nyt"}, tab.memberOutlets("nyt", "https://thecaucus.blogs.nytimes.com/2013/08/31/x/"))
	assert.Equal(t, []string{"hpo", "huffpost"}, tab.memberOutlets("hpo", "https://www.huffingtonpost.com/2013/09/01/x.html"))
	assert.Equal(t, []string{"newslooks"}, tab.memberOutlets("Newslooks", ""))
	// An alias names an outlet field only whole: the Times Union is not
	// the Times.
	assert.Equal(t, []string{"times union"}, tab.memberOutlets("Times Union", ""))
	assert.Equal(t, []string{"fox", "fox news digital"}, tab.memberOutlets("Fox News Digital", ""))
}

// A member that another credits by name is the source, whatever the
// containment, and the reason cites the credit.
func TestAnalyzeCreditedSource(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 5, d, 0, 0, 0, 0, time.UTC) }
	src := corpus.Article{ID: "a", Outlet: "Reuters", Published: day(1), Text: srcText}
	rw := corpus.Article{ID: "b", Outlet: "Daily Planet", Published: day(2), Text: rewriteText + "\nThe plan was first reported by Reuters on Monday."}
	r, err := Analyze([]corpus.Article{rw, src}, Options{})
	require.NoError(t, err)
	assert.Equal(t, KindSource, r.Reference.Kind)
	assert.Equal(t, "a", r.Reference.SourceID)
	assert.Contains(t, r.Reference.Why, "a (Reuters) is credited by 1 member: b writes “The plan was first reported by Reuters on Monday.”")
	// A credit that quotes is quoted with its marks made single.
	quoting := rw
	quoting.Text = rewriteText + "\nReuters reported the plan was \"final.\""
	r, err = Analyze([]corpus.Article{quoting, src}, Options{})
	require.NoError(t, err)
	assert.Contains(t, r.Reference.Why, "b writes “Reuters reported the plan was 'final.'”")

	// A credited article published after the crediting one is not its
	// source.
	src.Published = day(3)
	r, err = Analyze([]corpus.Article{rw, src}, Options{})
	require.NoError(t, err)
	assert.NotContains(t, r.Reference.Why, "is credited by")
	// "told X" and "X's report" credit an outlet, not a person.
	src.Published = day(1)
	rw.Text = rewriteText + "\nThe minister told Schieffer the plan was final.\nHutchinson's report was criticized.\nHe also told Reuters the work was urgent.\nReuters' report came first."
	r, err = Analyze([]corpus.Article{rw, src}, Options{})
	require.NoError(t, err)
	assert.Equal(t, []string{"reuters"}, credited(r, func(c Credit) string { return c.Outlet }))

	// A surname that is an outlet's name without its article is a
	// person: "Hill said" is not The Hill, "the Hill said" is.
	rw.Text = rewriteText + "\n\"Justice has been served,\" Hill said.\nGuardian told reporters it was over."
	r, err = Analyze([]corpus.Article{rw, src}, Options{})
	require.NoError(t, err)
	assert.Empty(t, credited(r, func(c Credit) string { return c.Outlet }))
	rw.Text = rewriteText + "\nThe Hill said the plan was final.\nSources have told the Guardian it was signed."
	r, err = Analyze([]corpus.Article{rw, src}, Options{})
	require.NoError(t, err)
	assert.Equal(t, []string{"thehill", "guardian"}, credited(r, func(c Credit) string { return c.Outlet }))

	// A name that qualifies the noun after it, or holds a title, is no
	// outlet's: "a Texas prison spokesman", "the Turkmen constitution",
	// "Fire Chief James Steele".
	rw.Text = rewriteText + "\nThe inmate fled, according to a Texas prison spokesman.\nAccording to the Turkmen constitution, it passes laws.\nNo one was hurt, according to Fire Chief James Steele.\nThe star is in rehab, according to People Magazine, for a week.\nShe told her father, according to the Vanity Fair article.\nShe left the clinic, according to TMZ. com."
	r, err = Analyze([]corpus.Article{rw, src}, Options{})
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{"People Magazine", "Vanity Fair", "TMZ"}, credited(r, func(c Credit) string { return c.Name }))

	// "according to" credits a report, not a body of people ("U.S.
	// officials", "Russian diplomats") nor a person named in the text
	// ("Kirill Dmitriev"); an outlet of neither the table nor a member
	// is credited when nothing says it is a person.
	rw.Text = rewriteText + "\nRussian envoy Kirill Dmitriev met the team.\nAccording to Dmitriev, the plan is final.\nAccording to U.S. officials, work began in May.\nAccording to Russian diplomats, it was urgent.\nAccording to the Riverton Herald, talks went on.\nAccording to TIME., it was signed.\nThe plan was first reported by NBC's Today show.\nThe Ledger reported the talks.\nAccording to the Times of India, talks resumed.\nThe February report showed gains."
	r, err = Analyze([]corpus.Article{rw, src}, Options{})
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{"Riverton Herald", "TIME", "NBC", "The Ledger", "Times of India"}, credited(r, func(c Credit) string { return c.Name }))
	// Names the table does not know are told apart by their first word
	// after "the", not by "the".
	assert.ElementsMatch(t, []string{"riverton herald", "time", "nbc", "ledger", "toi"}, credited(r, func(c Credit) string { return c.Outlet }))
}

// A credit by one of an outlet's other names that runs on into a longer
// name names another outlet ("the Times Union" is not the New York Times,
// "the Post and Courier" not the Washington Post): the Washington Post's
// article in the group is not the source. The outlet's own first name
// runs on and stays it ("Reuters Jeff Mason"), and so does a possessive.
// A name the pattern cuts at "of" or "and" is read whole: as the table's
// ("the Times of India", "the Globe and Mail", not the Daily Mail) or as
// a longer name it does not hold ("the Times of Israel", not Israel).
func TestCreditRunsOnIntoLongerName(t *testing.T) {
	for _, tt := range []struct {
		credit, name, key string
	}{
		{"The plan was first reported by the Post and Courier.", "Post and Courier", "post and courier"},
		{"The Post & Courier reported the plan.", "The Post & Courier", "post & courier"},
		{"According to the Times Union, the plan is final.", "Times Union", "times union"},
		{"According to the Post, the plan is final.", "Post", "wapo"},
		{"According to the Post on Tuesday, the plan is final.", "Post", "wapo"},
		{"According to the Post Tuesday, the plan is final.", "Post", "wapo"},
		{"According to Reuters Jeff Mason, the plan is final.", "Reuters", "reuters"},
		{"The Post's Jane Doe reported the plan first.", "The Post", "wapo"},
		{"According to Reuters' Jane Doe, the plan is final.", "Reuters", "reuters"},
		{"According to the Times of India, the plan is final.", "Times of India", "toi"},
		{"The Globe and Mail reported the plan.", "The Globe and Mail", "globeandmail"},
		{"The Times of Israel reported the plan.", "The Times of Israel", "times of israel"},
		{"The rate fell, the Bureau of Labor Statistics reported.", "the Bureau of Labor Statistics", "bureau of labor statistics"},
		{"Fox News' Jane Doe reported the plan.", "Fox News", "fox"},
	} {
		r := analyzeCredit(t, "Washington Post", tt.credit)
		assert.Equal(t, []string{tt.name}, credited(r, func(c Credit) string { return c.Name }), tt.credit)
		assert.Equal(t, []string{tt.key}, credited(r, func(c Credit) string { return c.Outlet }), tt.credit)
		assert.Equal(t, tt.key == "wapo", r.Reference.Kind == KindSource && strings.Contains(r.Reference.Why, "is credited by"), "%s: %s", tt.credit, r.Reference.Why)
	}
}

// Names joined by "and" to a credited name are credits too when they are
// outlets of the table or of a member: "according to the Daily Planet and
// Reuters" credits both, and Reuters's article in the group is the source;
// "according to Reuters and Moscow's envoy" credits Reuters alone.
func TestCreditList(t *testing.T) {
	for _, tt := range []struct {
		credit string
		keys   []string
	}{
		{"According to the Riverton Herald and Reuters, the plan is final.", []string{"riverton herald", "reuters"}},
		{"The minister told CNN, and Reuters the plan was final.", []string{"cnn", "reuters"}},
		{"According to Reuters and Moscow's envoy, the plan is final.", []string{"reuters"}},
		{"According to the Riverton Herald and Ukrainian officials, the plan is final.", []string{"riverton herald"}},
		{"According to the Riverton Herald and Smith, the plan is final.", []string{"riverton herald"}},
		{"According to the Post and Courier and Reuters, the plan is final.", []string{"post and courier", "reuters"}},
		{"According to the Post and AP, the plan is final.", []string{"wapo", "ap"}},
		{"The Riverton Herald and Reuters reported the plan.", []string{"reuters"}},
		{"CNN and Reuters reported the plan.", []string{"reuters", "cnn"}},
		{"Earlier, Reuters and CNN reported the plan.", []string{"cnn", "reuters"}},
		{"Smith and Reuters reported the plan.", []string{"reuters"}},
	} {
		r := analyzeCredit(t, "Reuters", tt.credit)
		assert.Equal(t, tt.keys, credited(r, func(c Credit) string { return c.Outlet }), tt.credit)
		assert.Equal(t, slices.Contains(tt.keys, "reuters"), r.Reference.Kind == KindSource && strings.Contains(r.Reference.Why, "is credited by"), "%s: %s", tt.credit, r.Reference.Why)
	}
}

// Capitalized words that open a sentence before a credited name are no
// part of it: "On Tuesday Axios reported" credits Axios, whose article is
// then the source; a weekday that opens a paper's title after "the" stays
// ("the Sunday Times"), and one that is a time alone is no credit.
func TestCreditLeadIn(t *testing.T) {
	for _, tt := range []struct {
		credit string
		names  []string
	}{
		{"On Tuesday Axios reported the plan.", []string{"Axios"}},
		{"Last Sunday Axios reported the plan.", []string{"Axios"}},
		{"In March Axios first reported the plan.", []string{"Axios"}},
		{"But Axios reported the plan first.", []string{"Axios"}},
		{"According to the Sunday Times, the plan is final.", []string{"Sunday Times"}},
		{"The Sunday Times reported the plan.", []string{"The Sunday Times"}},
		{"The February report showed gains.", nil},
		{"On Tuesday Officials reported the plan.", nil},
		// A common word opening the sentence is no outlet.
		{"Various reports said the plan is final.", nil},
		{"Customers had reported the plan.", nil},
		{"The plan is final, according to Brown.", nil},
		{"The plan is final, Politico reported.", []string{"Politico"}},
	} {
		r := analyzeCredit(t, "Axios", tt.credit)
		assert.Equal(t, tt.names, credited(r, func(c Credit) string { return c.Name }), tt.credit)
		assert.Equal(t, slices.Contains(tt.names, "Axios"), r.Reference.Kind == KindSource && strings.Contains(r.Reference.Why, "is credited by"), "%s: %s", tt.credit, r.Reference.Why)
	}
	assert.Equal(t, "Axios", dropLeadIn("On Tuesday Axios"))
	assert.Equal(t, "Sunday Times", dropLeadIn("Sunday Times"))
	assert.Equal(t, "Reuters", dropLeadIn("Reuters"))
}

// analyzeCredit analyzes a source of outlet srcOutlet, published first,
// and a rewrite that adds sentence.
func analyzeCredit(t *testing.T, srcOutlet, sentence string) *Report {
	t.Helper()
	day := func(d int) time.Time { return time.Date(2024, 5, d, 0, 0, 0, 0, time.UTC) }
	src := corpus.Article{ID: "a", Outlet: srcOutlet, Published: day(1), Text: srcText}
	rw := corpus.Article{ID: "b", Outlet: "Daily Planet", Published: day(2), Text: rewriteText + "\n" + sentence}
	r, err := Analyze([]corpus.Article{rw, src}, Options{})
	require.NoError(t, err)
	return r
}

// credited returns what of each credit of a report's evidence field
// says, in order.
func credited(r *Report, field func(Credit) string) []string {
	var out []string
	for _, e := range r.Reference.Evidence {
		for _, c := range e.Credits {
			out = append(out, field(c))
		}
	}
	return out
}

// Two outlets the table does not know are two credits, whatever their
// first words: a report every member credits is named only when each
// credits that one ("New Jersey Globe" and "New York Observer" were one
// credit, keyed "new").
func TestUpstreamCreditsByWholeName(t *testing.T) {
	seeds := loadSeeds(t)
	for i := range seeds {
		outlet := "the New Jersey Globe"
		if i == 2 {
			outlet = "the New York Observer"
		}
		seeds[i].Text += "\n\nThe talks were first reported by " + outlet + "."
	}
	r, err := Analyze(seeds, Options{})
	require.NoError(t, err)
	assert.Contains(t, r.Reference.Why, "every member credits “Axios”, which is not in the group")
	assert.NotContains(t, r.Reference.Why, "Globe")
	assert.NotContains(t, r.Reference.Why, "Observer")

	for i := range seeds {
		seeds[i].Text = strings.Replace(seeds[i].Text, "the New York Observer", "the New Jersey Globe", 1)
	}
	r, err = Analyze(seeds, Options{})
	require.NoError(t, err)
	assert.Contains(t, r.Reference.Why, "every member credits “Axios” and “New Jersey Globe”, which are not in the group")
}

// In BASIL dev's Mary Cheney event, HuffPost writes "the New York Times
// reports" and Fox "The Times reports": the NYT article is the reference.
func TestBASILMaryCheneyCredit(t *testing.T) {
	arts := maryCheney(t)
	r, err := Analyze(arts, Options{})
	require.NoError(t, err)
	assert.Equal(t, KindSource, r.Reference.Kind)
	assert.Equal(t, "11c9f251-35c8-4452-b052-df9be61464c6_1", r.Reference.SourceID, r.Reference.Why)
	assert.Contains(t, r.Reference.Why, "the New York Times reports")
	t.Log(r.Reference.Why)
	for _, e := range r.Reference.Evidence {
		if e.Outlet == "hpo" {
			require.NotEmpty(t, e.Credits)
			assert.Equal(t, "nyt", e.Credits[0].Outlet)
			assert.Equal(t, "11c9f251-35c8-4452-b052-df9be61464c6_1", e.Credits[0].Member)
		}
	}
}

// Without outlets or URLs, and published at one time, the Mary Cheney
// event has a consensus reference: Dick Cheney's quotation keeps its
// order.
func TestBASILMaryCheneyConsensusQuoteOrder(t *testing.T) {
	arts := maryCheney(t)
	for i := range arts {
		arts[i].Outlet, arts[i].URL = "", ""
		arts[i].Published = time.Date(2013, 9, 1, 0, 0, 0, 0, time.UTC)
	}
	r, err := Analyze(arts, Options{})
	require.NoError(t, err)
	require.Equal(t, KindConsensus, r.Reference.Kind)
	first := strings.Index(r.Reference.Text, "Freedom means freedom for everyone")
	second := strings.Index(r.Reference.Text, "That means that all families")
	require.GreaterOrEqual(t, first, 0, "the quotation's first sentence is in the consensus")
	require.GreaterOrEqual(t, second, 0, "the quotation's second sentence is in the consensus")
	assert.Less(t, first, second, "the quotation is reordered:\n%s", r.Reference.Text)
	assertDistinctFacts(t, r)
	assertMemberOrder(t, r)
}

func maryCheney(t *testing.T) []corpus.Article {
	data := sharedData(t)
	type row struct {
		ID, Outlet, Published, URL, Title, Text string
	}
	var arts []corpus.Article
	for _, r := range readJSONL[row](t, filepath.Join(data, "basil-dev", "articles.jsonl")) {
		if !strings.HasPrefix(r.ID, "11c9f251-35c8-4452-b052-df9be61464c6_") {
			continue
		}
		a := corpus.Article{ID: r.ID, Outlet: r.Outlet, URL: r.URL, Title: r.Title, Text: r.Text}
		a.Published, _ = time.Parse("2006-01-02", r.Published)
		arts = append(arts, a)
	}
	require.Len(t, arts, 3)
	return arts
}

// assertDistinctFacts checks that no two sentences of a consensus are
// near duplicates by their Dice, with term weights from the consensus
// alone. The model is left out (ModelDice 1): its probability reads
// features that depend on the group's term weights, which the consensus
// alone does not give.
func assertDistinctFacts(t *testing.T, r *Report) {
	t.Helper()
	al, err := NewAligner([]string{r.Reference.Text}, Options{ModelDice: 1})
	require.NoError(t, err)
	s := r.Reference.Sentences
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			assert.False(t, al.opt.nearFact(al.pair(s[i].Text, s[j].Text)), "reference sentences %d and %d state one fact:\n%s\n%s", i, j, s[i].Text, s[j].Text)
		}
	}
}

// assertMemberOrder checks that the consensus sentences taken from one
// member are in that member's reading order.
func assertMemberOrder(t *testing.T, r *Report) {
	t.Helper()
	last := map[string]int{}
	for i, s := range r.Reference.Sentences {
		if p, ok := last[s.Member]; ok {
			assert.Greater(t, s.Start, p, "reference sentence %d of %s comes before the one it follows", i, s.Member)
		}
		last[s.Member] = s.Start
	}
}

// The seeds' consensus states each fact once, in a member's order: the
// two sentences of the Witkoff fact are one, and 000 keeps the sentence
// whose quotation it carries.
func TestSeedsConsensus(t *testing.T) {
	r, err := Analyze(loadSeeds(t), Options{})
	require.NoError(t, err)
	require.Equal(t, KindConsensus, r.Reference.Kind)
	assertDistinctFacts(t, r)
	assertMemberOrder(t, r)
	witkoff := 0
	for _, s := range r.Reference.Sentences {
		if strings.Contains(s.Text, "Witkoff") && strings.Contains(s.Text, "draft") {
			witkoff++
		}
	}
	assert.Equal(t, 1, witkoff, "the Witkoff drafting fact once")
	for _, m := range r.Members {
		for _, d := range m.Dropped {
			assert.NotContains(t, d.Text, "really being heard", "%s keeps that quotation", m.ID)
		}
		// Two facts quote "the Russian position is really being heard",
		// one with "We feel" before it: one quotation, kept once.
		assert.Equal(t, len(r.Reference.Quotes), m.Quotes.Verbatim+m.Quotes.Altered+m.Quotes.Dropped, m.ID)
		var quoted []Span
		for _, sp := range m.Spans {
			if sp.Kind == SpanQuoteVerbatim || sp.Kind == SpanQuoteAltered {
				for _, o := range quoted {
					assert.False(t, sp.Start < o.End && o.Start < sp.End, "%s: %q is marked twice", m.ID, sp.Text)
				}
				quoted = append(quoted, sp)
			}
		}
	}
	assert.Equal(t, 1, countContaining(r.Reference.Quotes, "really being heard"))
}

func countContaining(list []string, s string) int {
	n := 0
	for _, x := range list {
		if strings.Contains(x, s) {
			n++
		}
	}
	return n
}

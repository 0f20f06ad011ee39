package cluster

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/similarity"
)

func testFeaturizer(t *testing.T) *Featurizer {
	h, err := similarity.NewMinHasher(similarity.DefaultNumHashes, similarity.DefaultSeed)
	require.NoError(t, err)
	b, err := similarity.OptimalBands(0.5, similarity.DefaultNumHashes, 0.5, 1)
	require.NoError(t, err)
	return NewFeaturizer(3, h, b)
}

func TestQuoteRegions(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{`He said "we feel heard" today.`, []string{"we feel heard"}},
		{"He said “we feel heard” and “no”.", []string{"we feel heard", "no"}},
		// A quotation left open runs on to its paragraph's end, as news
		// style reopens it in the next.
		{"An open \"quote\nends at the paragraph.", []string{"quote"}},
		{"No quotes at all.", nil},
		{"She called it ‘a disgrace’, and left; it's the firm's view.", []string{"a disgrace"}},
		{"first\nSo I ask you to leave.” He left.", []string{"So I ask you to leave."}},
	}
	for _, tt := range tests {
		var got []string
		for _, r := range quoteRegions(tt.text) {
			got = append(got, tt.text[r.start:r.end])
		}
		assert.Equal(t, tt.want, got, "quoteRegions(%q)", tt.text)
	}
}

func TestDocFeatures(t *testing.T) {
	f := testFeaturizer(t)
	a := corpus.Article{ID: "a", Title: "Envoy meets Dmitriev",
		Text: `The envoy Steve Witkoff met Kirill Dmitriev in Miami. Dmitriev said "the Russian position is really being heard" after 3 days.`}
	d := f.Doc(&a)
	assert.Equal(t, "a", d.ID)
	assert.NotEmpty(t, d.Shingles)
	assert.Len(t, d.Sig, similarity.DefaultNumHashes)
	// Names (not sentence-initial capitals) and numbers.
	names := map[uint64]bool{}
	for _, n := range d.Names {
		names[n] = true
	}
	for _, w := range []string{"steve", "witkoff", "kirill", "dmitriev", "miami", "3"} {
		assert.True(t, names[hashName(w)], "name %q", w)
	}
	assert.False(t, names[hashName("the")], "sentence-initial The is no name")
	assert.Equal(t, []uint64{hashName("3")}, d.Numbers(), "the numbers are the tail of the names")
	c := f.CopyOnly(&a)
	assert.Equal(t, d.Numbers(), c.Names, "the copy level's features hold the numbers alone")
	// Two quoted 4-word shingles: "the russian position is", ... "is really being heard".
	assert.Len(t, d.Quotes, 4)

	// A headline-only record is featurized from its title.
	h := corpus.Article{ID: "h", Title: "Envoy meets Dmitriev in Miami"}
	hd := f.Doc(&h)
	assert.NotEmpty(t, hd.Shingles)
	assert.NotEmpty(t, hd.Terms)
}

// weighedDocs featurizes arts and weighs them against the default
// background.
func weighedDocs(t *testing.T, f *Featurizer, arts []corpus.Article) []Doc {
	t.Helper()
	docs := make([]Doc, len(arts))
	for i := range arts {
		docs[i] = f.Doc(&arts[i])
	}
	bg, err := DefaultBackground()
	require.NoError(t, err)
	Weigh(docs, bg)
	return docs
}

func TestWeighAndCosine(t *testing.T) {
	f := testFeaturizer(t)
	arts := []corpus.Article{
		{ID: "a", Text: "The harbour reopened on Monday after the storm damaged the piers."},
		{ID: "b", Text: "The harbour reopened Monday after a storm damaged its piers."},
		{ID: "c", Text: "A football club signed a new striker for the season."},
	}
	docs := make([]Doc, len(arts))
	for i := range arts {
		docs[i] = f.Doc(&arts[i])
	}
	bg, err := DefaultBackground()
	require.NoError(t, err)
	assert.Greater(t, bg.Docs, 1000)
	Weigh(docs, bg)
	assert.InDelta(t, 1.0, Cosine(docs[0].Terms, docs[0].Terms), 1e-6)
	ab, ac := Cosine(docs[0].Terms, docs[1].Terms), Cosine(docs[0].Terms, docs[2].Terms)
	assert.Greater(t, ab, 0.6)
	assert.Less(t, ac, 0.05)
	assert.InDelta(t, ab, Cosine(docs[1].Terms, docs[0].Terms), 1e-9, "symmetric")
}

func TestPassages(t *testing.T) {
	a := &corpus.Article{Text: "Intro. We know the Americans are working on something, he said. Other words here."}
	b := &corpus.Article{Text: "\"We know the Americans are working on something,\" the official told Axios."}
	ps := Passages(a, b)
	require.Len(t, ps, 1)
	assert.Equal(t, "We know the Americans are working on something", a.Text[ps[0].A.Start:ps[0].A.End])
	assert.Equal(t, "We know the Americans are working on something", b.Text[ps[0].B.Start:ps[0].B.End])
	assert.Equal(t, 8, ps[0].Words)
	assert.Empty(t, Passages(a, &corpus.Article{Text: "Nothing in common at all with it."}))
}

func TestRunNested(t *testing.T) {
	f := testFeaturizer(t)
	src := "The port authority said the harbour would reopen on Monday after storm repairs to the northern piers were finished ahead of schedule by city crews."
	arts := []corpus.Article{
		{ID: "a", Text: src},
		{ID: "b", Text: src + " Ferries resume at noon."},
		{ID: "c", Text: "City crews finished storm repairs to the northern piers ahead of schedule, and the port authority says the harbour reopens Monday."},
		{ID: "d", Text: "A football club signed a new striker for the coming season on a three-year deal."},
	}
	docs := weighedDocs(t, f, arts)
	r, err := Run(docs, f.Bands, DefaultOptions())
	require.NoError(t, err)
	assert.Equal(t, []int{0, 0, 2, 3}, r.Labels[Copy])
	assert.Equal(t, []int{0, 0, 0, 3}, r.Labels[Rewrite])
	// Nesting: same copy group implies same rewrite group implies same story group.
	for i := range docs {
		for j := range docs {
			if r.Labels[Copy][i] == r.Labels[Copy][j] {
				assert.Equal(t, r.Labels[Rewrite][i], r.Labels[Rewrite][j])
			}
			if r.Labels[Rewrite][i] == r.Labels[Rewrite][j] {
				assert.Equal(t, r.Labels[Story][i], r.Labels[Story][j])
			}
		}
	}
	// Unsorted input is refused.
	docs[0], docs[1] = docs[1], docs[0]
	_, err = Run(docs, f.Bands, DefaultOptions())
	assert.Error(t, err)
}

func hashName(w string) uint64 { return nameHash(w, w[0] >= '0' && w[0] <= '9') }

// TestRewriteSimMatchesEvidence: the fast path scores what Evidence reports.
func TestRewriteSimMatchesEvidence(t *testing.T) {
	f := testFeaturizer(t)
	texts := []string{
		`Envoy Steve Witkoff met Kirill Dmitriev in Miami for 3 days, officials said.`,
		`Kirill Dmitriev said he spent three days with Witkoff in Miami in October.`,
		`The harbour reopened on Monday after the storm, the port authority said.`,
	}
	assertRewriteForms(t, groupTexts(f, texts))
}

// earningsNote is an automated earnings note: one template, the company
// and its figures filled in.
func earningsNote(company string, eps, est, rev, prior, price, cap, pe, low, high float64) string {
	return fmt.Sprintf("%[1]s Corp. reported quarterly earnings of $%.2[2]f per share on Tuesday, beating analysts' consensus estimate of $%.2[3]f per share. "+
		"The company posted revenue of $%.1[4]f million for the quarter, compared to $%.1[5]f million a year earlier. "+
		"%[1]s's stock traded at $%.2[6]f on Tuesday morning. The company has a market capitalization of $%.2[7]f billion "+
		"and a price-to-earnings ratio of %.2[8]f. %[1]s has a 52-week low of $%.2[9]f and a 52-week high of $%.2[10]f. "+
		"Several analysts have recently commented on the shares of %[1]s. Research analysts at a number of brokerages gave the stock "+
		"a rating of hold in a research note on Monday, and the stock currently has an average rating of hold. Hedge funds and "+
		"other institutional investors have recently modified their holdings of the stock, according to the latest filings with "+
		"the Securities and Exchange Commission. The company engages in the manufacture and sale of products in the United States "+
		"and internationally.", company, eps, est, rev, prior, price, cap, pe, low, high)
}

// TestFiguresKeepTemplatesApart: notes written from one template on two
// companies share most of their wording (a copy by word shingles alone)
// and none of their figures; the check of figures keeps them apart at the
// copy and rewrite levels, while a copy of a note with its last sentences
// dropped, which repeats the figures it keeps, stays a copy.
func TestFiguresKeepTemplatesApart(t *testing.T) {
	f := testFeaturizer(t)
	a := earningsNote("Halvorsen", 1.27, 1.19, 412.5, 377.1, 88.42, 3.61, 21.75, 61.3, 97.05)
	arts := []corpus.Article{
		{ID: "a", Text: a},
		{ID: "b", Text: earningsNote("Brightwater", 0.43, 0.51, 96.2, 101.7, 14.08, 0.72, 33.4, 9.85, 22.6)},
		{ID: "c", Text: a[:strings.LastIndex(a, " Hedge")]},
	}
	docs := weighedDocs(t, f, arts)
	g := &Grouper{Docs: docs, Opt: DefaultOptions()}
	notes := g.Evidence(0, 1)
	require.GreaterOrEqual(t, notes.FewerFigures, g.Opt.Figures.Min)
	assert.GreaterOrEqual(t, notes.Jaccard, g.Opt.Thresholds.Copy, "the template alone makes a copy by word shingles")
	assert.GreaterOrEqual(t, notes.Rewrite, g.Opt.Thresholds.Rewrite)
	assert.True(t, notes.FiguresDiffer)
	assert.Equal(t, 1, notes.SharedFigures, "the template's 52 only")
	l, ok := g.Join(0, 1)
	assert.True(t, ok)
	assert.Equal(t, Story, l, "neither a copy nor a rewrite")
	copied := g.Evidence(0, 2)
	assert.False(t, copied.FiguresDiffer)
	assert.Equal(t, copied.FewerFigures, copied.SharedFigures)
	if l, ok := g.Join(0, 2); assert.True(t, ok) {
		assert.Equal(t, Copy, l)
	}

	r, err := Run(docs, f.Bands, DefaultOptions())
	require.NoError(t, err)
	assert.Equal(t, []int{0, 1, 0}, r.Labels[Copy])
	assert.Equal(t, []int{0, 1, 0}, r.Labels[Rewrite])
	assert.False(t, g.JoinsGroup(Copy, 1, []int{0, 2}))
	assert.False(t, g.JoinsGroup(Rewrite, 1, []int{0, 2}))
	assert.True(t, g.JoinsGroup(Copy, 2, []int{0}))

	off := DefaultOptions()
	off.Figures.Min = 0
	r, err = Run(docs, f.Bands, off)
	require.NoError(t, err)
	assert.Equal(t, []int{0, 0, 0}, r.Labels[Copy], "without the check the template makes copies")
}

// groupTexts featurizes and weighs texts for a [Grouper] with the
// default options.
func groupTexts(f *Featurizer, texts []string) *Grouper {
	docs := make([]Doc, len(texts))
	for i, s := range texts {
		a := corpus.Article{ID: string(rune('a' + i)), Text: s}
		docs[i] = f.Doc(&a)
	}
	bg, _ := DefaultBackground()
	Weigh(docs, bg)
	return &Grouper{Docs: docs, Opt: DefaultOptions()}
}

// assertRewriteForms checks that the fast path (RewriteSim) and the
// linear form (rewriteVec) score what Evidence reports.
func assertRewriteForms(t *testing.T, g *Grouper) {
	t.Helper()
	for i := range g.Docs {
		for j := range g.Docs {
			assert.InDelta(t, g.Evidence(i, j).Rewrite, g.RewriteSim(i, j), 1e-12, "RewriteSim(%d, %d)", i, j)
			// The scores as reported lie in [0, 1], an article with
			// itself scoring the most its evidence allows.
			for _, s := range []float64{g.RewriteSim(i, j), g.StoryScore(i, j)} {
				assert.True(t, s >= 0 && s <= 1, "score %v of %d %d outside [0, 1]", s, i, j)
			}
			if i != j {
				assert.InDelta(t, g.Evidence(i, j).Rewrite, Dot(g.rewriteVec(nil, i), g.rewriteVec(nil, j))/g.rewriteScale(), 1e-9, "rewriteVec(%d)·rewriteVec(%d)", i, j)
			}
		}
	}
}

func TestDocDays(t *testing.T) {
	f := testFeaturizer(t)
	long := strings.Repeat("word ", ledeTokens)
	tests := []struct {
		title, text string
		want        uint8
	}{
		{"", "President Trump on Monday slammed John Kerry.", 1},
		{"Vote set for Friday", "The council met on Tuesday's session.", 2 | 16},
		{"", "A sunday roast is no weekday; nor is Sundays.", 0},
		{"", long + "and on Wednesday it rained.", 0}, // past the lede
		{"", "No day at all.", 0},
	}
	for _, tt := range tests {
		a := corpus.Article{ID: "x", Title: tt.title, Text: tt.text}
		assert.Equal(t, tt.want, f.Doc(&a).Days, "%q / %q", tt.title, tt.text)
	}
}

func TestDayAgreement(t *testing.T) {
	tests := []struct {
		a, b uint8
		want float64
	}{
		{1, 1, 0.5},
		{1, 2, -0.5},
		{0, 1, 0},
		{0, 0, 0},
		{1 | 2, 1, 1/math.Sqrt2 - 0.5},
	}
	for _, tt := range tests {
		assert.InDelta(t, tt.want, dayAgreement(tt.a, tt.b), 1e-12, "%b %b", tt.a, tt.b)
		assert.InDelta(t, tt.want, dayAgreement(tt.b, tt.a), 1e-12, "symmetric %b %b", tt.a, tt.b)
	}
}

// TestShortTextsStayApart: texts of a few words do not share a story
// group on one name (StoryScoring.MinTerms), but copies of one still group, at
// every level.
func TestShortTextsStayApart(t *testing.T) {
	f := testFeaturizer(t)
	arts := []corpus.Article{
		{ID: "a", Text: "Stocks fell in Tokyo."},
		{ID: "b", Text: "Tokyo hosts summit."},
		{ID: "c", Text: "Heavy rain in Spain."},
		{ID: "d", Text: "Tokyo hosts summit."},
	}
	docs := weighedDocs(t, f, arts)
	run := func(minTerms int) *Result {
		opt := DefaultOptions()
		opt.Story.MinTerms = minTerms
		r, err := Run(docs, f.Bands, opt)
		require.NoError(t, err)
		return r
	}
	off := run(0)
	require.Equal(t, off.Labels[Story][0], off.Labels[Story][1], "without the minimum, one shared name groups a and b")
	r := run(DefaultOptions().Story.MinTerms)
	assert.Equal(t, []int{0, 1, 2, 1}, r.Labels[Story])
	assert.Equal(t, []int{0, 1, 2, 1}, r.Labels[Copy])
}

// sentences returns n deterministic sentences of ten made-up words each.
func sentences(seed uint64, n int) []string {
	r := rand.New(rand.NewPCG(seed, 1))
	out := make([]string, n)
	for i := range out {
		ws := make([]string, 10)
		for k := range ws {
			ws[k] = fmt.Sprintf("w%d", r.IntN(2000))
		}
		out[i] = strings.Join(ws, " ") + "."
	}
	return out
}

// TestOwnWording: wording copied outside quotations counts in the rewrite
// score; the same words quoted, or a text too short, do not.
func TestOwnWording(t *testing.T) {
	f := testFeaturizer(t)
	src := sentences(1, 40)
	quoted := make([]string, 20)
	for i, s := range src[:20] {
		quoted[i] = "He said “" + strings.TrimSuffix(s, ".") + "”."
	}
	texts := []string{
		strings.Join(src, " "), // the source
		strings.Join(append(append([]string{}, src[:20]...), sentences(2, 20)...), " "), // an excerpt and new text
		strings.Join(append(append([]string{}, quoted...), sentences(3, 20)...), " "),   // the same, quoted
		strings.Join(src[:3], " "), // too short to count
	}
	g := groupTexts(f, texts)
	docs := g.Docs
	excerpt, quote, short := g.Evidence(0, 1), g.Evidence(0, 2), g.Evidence(0, 3)
	assert.Greater(t, excerpt.PassageShare, 0.4, "half the source copied")
	assert.Less(t, quote.PassageShare, 0.05, "the same sentences quoted")
	assert.Zero(t, short.PassageShare, "a text with fewer than MinPassages sampled shingles")
	assert.Greater(t, excerpt.Rewrite, quote.Rewrite+0.2) // 0.4 before the scaling by 1/(1+PassageWeight)

	assertRewriteForms(t, g) // passages included
	off := &Grouper{Docs: docs, Opt: DefaultOptions()}
	off.Opt.Rewrite.PassageWeight = 0
	assert.InDelta(t, 2*excerpt.Rewrite-excerpt.PassageShare, off.Evidence(0, 1).Rewrite, 1e-12, "PassageWeight 0 turns it off (and the scale to 1)")
}

// TestFigure: a number is compared as its digits, whatever unit or
// suffix an outlet writes after them.
func TestFigure(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"12480", "12480"}, {"1.2bn", "1.2"}, {"2.5m", "2.5"}, {"1990s", "1990"}, {"4th", "4"},
		{"3m", "3"}, {"1.2", "1.2"}, {"7.", "7"}, {"3d4", "3d4"}, {"9mm", "9"},
	} {
		assert.Equal(t, tt.want, figure(tt.in), "figure(%q)", tt.in)
	}
	f := testFeaturizer(t)
	a := f.Doc(&corpus.Article{Text: "The deal is worth $1.2bn and lifts output 5% from 2.5m tonnes."})
	b := f.Doc(&corpus.Article{Text: "The deal is worth 1.2 billion dollars and lifts output 5 percent from 2.5 million tonnes."})
	assert.Equal(t, a.Numbers(), b.Numbers())
}

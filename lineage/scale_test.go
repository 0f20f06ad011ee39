package lineage

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/wirediff/wirediff/corpus"
)

// linkAllPairs is linkSentences without filtering: every pair of
// sentences of different documents that share a term is scored, through
// postings. It is the reference the filtered version must equal.
func linkAllPairs(sents []*sentence, w []float64, o *Options) [][]link {
	postings := make(map[int32][]int)
	for i, s := range sents {
		for _, id := range s.terms {
			postings[id] = append(postings[id], i)
		}
	}
	links := make([][]link, len(sents))
	acc := make([]float64, len(sents))
	cnt := make([]int, len(sents))
	var touched []int
	for i, s := range sents {
		for _, id := range s.terms {
			for _, j := range postings[id] {
				if j <= i || sents[j].doc == s.doc {
					continue
				}
				if cnt[j] == 0 {
					touched = append(touched, j)
				}
				acc[j] += w[id]
				cnt[j]++
			}
		}
		slices.Sort(touched)
		for _, j := range touched {
			if p := score(s, sents[j], acc[j], cnt[j]); o.sameFact(s, sents[j], p) {
				_, model := o.sameFactBy(s, sents[j], p)
				links[i] = append(links[i], link{dice: p.Dice, to: int32(j), model: model})
				links[j] = append(links[j], link{dice: p.Dice, to: int32(i), model: model})
			}
			acc[j], cnt[j] = 0, 0
		}
		touched = touched[:0]
	}
	return links
}

// numberedGroup makes n short members from a small vocabulary with
// numbers, so that many pairs share terms, some differ only in a number,
// and some sentences contain others.
func numberedGroup(seed uint64, n int) []corpus.Article {
	r := rand.New(rand.NewPCG(seed, 1))
	words := strings.Fields(`minister plan bridge river closure weeks ministry traffic road
		officials repairs council budget vote court ruling police fire storm coast`)
	out := make([]corpus.Article, n)
	for i := range out {
		var b strings.Builder
		for range 10 + r.IntN(20) {
			for k := range 2 + r.IntN(12) {
				if k > 0 {
					b.WriteByte(' ')
				}
				if r.IntN(6) == 0 {
					fmt.Fprint(&b, r.IntN(30))
				} else {
					b.WriteString(words[r.IntN(len(words))])
				}
			}
			b.WriteString(".\n")
		}
		out[i] = corpus.Article{ID: fmt.Sprintf("n%02d", i), Text: b.String()}
	}
	return out
}

// TestLinkSentencesEqualsAllPairs: the filtered alignment links exactly
// the pairs, with exactly the scores, that scoring every pair sharing a
// term links, whatever the thresholds (a negative number penalty lowers
// the Dice a pair needs; a containment of 1 or a MinShared of 1 moves the
// containment probe terms).
func TestLinkSentencesEqualsAllPairs(t *testing.T) {
	groups := map[string][]corpus.Article{
		"seeds":      loadSeeds(t),
		"synthetic":  syntheticGroup(t, 6, 400),
		"long":       longGroup(t, 3, 40_000),
		"numbered-1": numberedGroup(1, 4),
		"numbered-2": numberedGroup(2, 12),
		"copies":     copiesGroup(t),
	}
	opts := map[string]Options{
		"defaults":          {},
		"loose":             {SameFact: 0.2, Contained: 0.5, MinShared: 1},
		"strict":            {SameFact: 0.7, NumberPenalty: 0.5, Contained: 1, MinShared: 5},
		"negative penalty":  {NumberPenalty: -0.15},
		"no limits":         {MaxComparisons: -1, MaxLinks: -1, MaxRepeats: -1, MaxSentenceWords: -1},
		"containment first": {SameFact: 0.9, Contained: 0.3, MinShared: 2},
	}
	for gname, arts := range groups {
		for oname, o := range opts {
			t.Run(gname+"/"+oname, func(t *testing.T) {
				require.NoError(t, o.setDefaults())
				g, err := newGroup(sortedPtrs(arts), o)
				require.NoError(t, err)
				want := linkAllPairs(g.sents, g.w, &g.opt)
				n := 0
				for i := range want {
					n += len(want[i])
					if !slices.Equal(g.links[i], want[i]) {
						t.Fatalf("sentence %d: links %v, want %v", i, g.links[i], want[i])
					}
				}
				if gname != "seeds" && oname != "strict" && n == 0 {
					t.Errorf("no links at all: the case tests nothing")
				}
			})
		}
	}
}

// copiesGroup returns a group of wire copies of the first seed, whose
// sentences recur in member after member (linkSentences links each
// distinct sentence once): verbatim copies, one without its first
// paragraph, one repeating a paragraph (copies in one document are never
// linked), one with a capital changed (other features: not a copy), one
// with a number changed, and the first half alone.
func copiesGroup(t testing.TB) []corpus.Article {
	base := loadSeeds(t)[0].Text
	paras := strings.Split(base, "\n\n")
	first, rest := paras[0], strings.Join(paras[1:], "\n\n")
	texts := []string{
		base,
		base,
		rest,
		base + "\n\n" + first,
		strings.Replace(base, " the ", " The ", 3),
		strings.Replace(base, "28", "29", 2),
		base[:len(base)/2],
	}
	out := make([]corpus.Article, len(texts))
	for i, x := range texts {
		out[i] = corpus.Article{ID: fmt.Sprintf("copy%d", i), Text: x}
	}
	return out
}

// TestLinkWorkGrowsSubquadratically guards the alignment's scaling without
// timing it: it counts the postings entries the alignment reads and the
// pairs it scores on two generated rewrites of 100 KB and of 400 KB. All
// pairs sharing a term grow with the square of the length (16 times for 4
// times the text); the pairs scored may grow at most as the length to the
// power 1.6 (9.2 times; they grow 8.1 times, as the same-fact model is
// asked from a weighted Dice of 0.2), and the entries read as the length
// to the power 1.75 (11.3 times; they grow 11.2 times).
func TestLinkWorkGrowsSubquadratically(t *testing.T) {
	work := func(size int) (reads, scored, allPairs int) {
		o := Options{}
		require.NoError(t, o.setDefaults())
		g, err := newGroup(sortedPtrs(longGroup(t, 2, size)), o)
		require.NoError(t, err)
		// What scoring every pair sharing a term costs: for each term,
		// the pairs of its sentences in different documents.
		perDoc := make(map[int32][2]int)
		for _, s := range g.sents {
			for _, id := range s.terms {
				c := perDoc[id]
				c[s.doc]++
				perDoc[id] = c
			}
		}
		for _, c := range perDoc {
			allPairs += c[0] * c[1]
		}
		return g.linkStats.postings, g.linkStats.pairs, allPairs
	}
	r1, s1, a1 := work(100_000)
	r4, s4, a4 := work(400_000)
	t.Logf("100 KB: %d entries read, %d pairs scored, %d term-sharing pairs", r1, s1, a1)
	t.Logf("400 KB: %d entries read, %d pairs scored, %d term-sharing pairs", r4, s4, a4)
	assert.Greater(t, float64(a4)/float64(a1), 12.0, "the generated text no longer has quadratically many term-sharing pairs")
	assert.Less(t, float64(s4)/float64(s1), 9.2, "pairs scored grow faster than length^1.6")
	assert.Less(t, float64(r4)/float64(r1), 11.3, "postings entries read grow faster than length^1.75")
	assert.Less(t, s4*20, a4, "the alignment scores more than 5% of the pairs sharing a term")
}

// TestLimits checks that each limit of Options cuts what it says, and
// says so in Report.Notes.
func TestLimits(t *testing.T) {
	base := sourceArticle()
	t.Run("MaxRepeats", func(t *testing.T) {
		rep := corpus.Article{ID: "c", Text: rewriteText + "\n" + strings.Repeat("Markets were closed on the holiday.\n", 30)}
		r, err := Analyze([]corpus.Article{base, rep}, Options{Source: "a"})
		require.NoError(t, err)
		require.Len(t, r.Notes, 1)
		assert.Contains(t, r.Notes[0], "c: copies of sentences repeated more than 20 times (Options.MaxRepeats), 10 of them,")
		var boiler []Span
		for _, s := range spansOf(r.Members[0], SpanBoilerplate) {
			if strings.Contains(s.Why, "MaxRepeats") {
				boiler = append(boiler, s)
			}
		}
		require.Len(t, boiler, 1, "one span for the run of copies")
		assert.Equal(t, strings.Repeat("Markets were closed on the holiday.\n", 10), boiler[0].Text+"\n")
		all, err := Analyze([]corpus.Article{base, rep}, Options{Source: "a", MaxRepeats: -1})
		require.NoError(t, err)
		assert.Empty(t, all.Notes)
		assert.Equal(t, all.Members[0].Words-10*6, r.Members[0].Words, "the copies left out are not counted")
	})
	t.Run("MaxSentenceWords", func(t *testing.T) {
		long := strings.TrimSuffix(strings.Repeat("the bridge over the river will close for repairs in march ", 60), " ")
		r, err := Analyze([]corpus.Article{base, {ID: "c", Text: long}}, Options{Source: "a", MaxSentenceWords: 100})
		require.NoError(t, err)
		assert.Equal(t, []string{"c: sentences longer than 100 words (Options.MaxSentenceWords), 1 of them, were compared in pieces of at most 100 words"}, r.Notes)
		assert.Equal(t, 660, r.Members[0].Words, "every word is still compared")
	})
	t.Run("MaxComparisons", func(t *testing.T) {
		r, err := Analyze(longGroup(t, 2, 20_000), Options{MaxComparisons: 100})
		require.NoError(t, err)
		require.Len(t, r.Notes, 1)
		assert.Contains(t, r.Notes[0], "more than Options.MaxComparisons (100) comparisons")
		full, err := Analyze(longGroup(t, 2, 20_000), Options{})
		require.NoError(t, err)
		assert.Empty(t, full.Notes)
		assert.Greater(t, full.Members[0].KeptShare, r.Members[0].KeptShare, "fewer comparisons align less")
	})
	t.Run("MaxLinks", func(t *testing.T) {
		r, err := Analyze(longGroup(t, 3, 20_000), Options{MaxLinks: 10})
		require.NoError(t, err)
		require.Len(t, r.Notes, 1)
		assert.Contains(t, r.Notes[0], "more than Options.MaxLinks (10)")
		g, err := newGroup(sortedPtrs(longGroup(t, 3, 20_000)), func() Options { o := Options{MaxLinks: 10}; require.NoError(t, o.setDefaults()); return o }())
		require.NoError(t, err)
		n := 0
		for _, l := range g.links {
			n += len(l)
		}
		assert.LessOrEqual(t, n/2, 10)

		// Over copies (links given to each copy of a distinct sentence),
		// the same bound, the links still symmetric.
		o := Options{MaxLinks: 40}
		require.NoError(t, o.setDefaults())
		g, err = newGroup(sortedPtrs(copiesGroup(t)), o)
		require.NoError(t, err)
		n = 0
		for i, l := range g.links {
			n += len(l)
			for _, x := range l {
				assert.True(t, slices.ContainsFunc(g.links[x.to], func(y link) bool { return int(y.to) == i }), "link %d-%d one way only", i, x.to)
			}
		}
		assert.LessOrEqual(t, n/2, 40)
		assert.Greater(t, g.linkStats.linkLimited, 0)
	})
}

// TestQuoteIndex compares the quotation index with scanning every
// quotation, on random nested and disjoint ranges.
func TestQuoteIndex(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 300 {
		var qs []quote
		for range r.IntN(12) {
			a := r.IntN(200)
			b := a + 2 + r.IntN(40)
			qs = append(qs, quote{outer: span{a, b}, inner: span{a + 1, b - 1}})
		}
		x := newQuoteIndex(qs)
		for pos := range 260 {
			want := false
			for _, q := range qs {
				want = want || pos >= q.outer.start && pos < q.outer.end
			}
			if got := x.covers(pos); got != want {
				t.Fatalf("covers(%d) = %v, want %v (%v)", pos, got, want, qs)
			}
		}
		for range 20 {
			a := r.IntN(250)
			b := a + r.IntN(30)
			var want []int
			for i, q := range qs {
				if q.outer.start < b && q.outer.end > a {
					want = append(want, i)
				}
			}
			if got := x.overlapping(a, b); !slices.Equal(got, want) {
				t.Fatalf("overlapping(%d, %d) = %v, want %v (%v)", a, b, got, want, qs)
			}
		}
	}
}

package benchmarks

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// generate returns the articles of cfg.
func generate(t testing.TB, cfg GenConfig) []GenArticle {
	t.Helper()
	var out []GenArticle
	require.NoError(t, Generate(cfg, func(a GenArticle) error {
		out = append(out, a)
		return nil
	}))
	return out
}

// digest hashes the JSON lines and truth labels of cfg's corpus.
func digest(t *testing.T, cfg GenConfig) [32]byte {
	t.Helper()
	h := sha256.New()
	require.NoError(t, Generate(cfg, func(a GenArticle) error {
		fmt.Fprintf(h, "%s\t%s\t%s\n", a.Copy, a.Rewrite, a.Story)
		return WriteJSONL(h, a)
	}))
	return [32]byte(h.Sum(nil))
}

func TestGenerateDeterministic(t *testing.T) {
	cfg := GenConfig{Articles: 3000, Seed: 7}
	a, b := digest(t, cfg), digest(t, cfg)
	assert.Equal(t, a, b, "the same config gave different corpora")
	assert.NotEqual(t, a, digest(t, GenConfig{Articles: 3000, Seed: 8}), "seeds 7 and 8 gave the same corpus")
}

func TestGenerateCount(t *testing.T) {
	for _, n := range []int{0, 1, 7, 513, 2000} {
		arts := generate(t, GenConfig{Articles: n, Seed: 1})
		assert.Len(t, arts, n, "Generate(Articles: %d) gave %d articles", n, len(arts))
		ids := map[string]bool{}
		for _, a := range arts {
			assert.False(t, ids[a.ID], "duplicate ID %s", a.ID)
			ids[a.ID] = true
		}
	}
}

func TestGenerateStopsOnError(t *testing.T) {
	stop := fmt.Errorf("enough")
	n := 0
	err := Generate(GenConfig{Articles: 1000, Seed: 1}, func(GenArticle) error {
		n++
		if n == 10 {
			return stop
		}
		return nil
	})
	assert.ErrorIs(t, err, stop)
	assert.Equal(t, 10, n)
}

func TestGenConfigErrors(t *testing.T) {
	tests := []GenConfig{
		{Articles: -1},
		{Articles: 10, FamilyShare: -1, StoryShare: -1, UnrelatedShare: -1},
		{Articles: 10, FamilyMin: 1},
		{Articles: 10, FamilyMin: 5, FamilyMax: 4},
		{Articles: 10, CopyShare: 1.5},
		{Articles: 10, FamilyShare: math.Inf(1)},
	}
	for _, cfg := range tests {
		err := Generate(cfg, func(GenArticle) error { return nil })
		assert.ErrorIs(t, err, ErrGenConfig, "Generate(%+v) = %v, want ErrGenConfig", cfg, err)
	}
}

// TestGenerateNested checks copy ⊂ rewrite ⊂ story and that copies are
// verbatim: every text of a copy group starts with the shortest one (the
// original; copies may add a footer).
func TestGenerateNested(t *testing.T) {
	arts := generate(t, GenConfig{Articles: 5000, Seed: 2})
	rewriteOf, storyOf := map[string]string{}, map[string]string{}
	texts := map[string][]string{}
	for _, a := range arts {
		require.NotEmpty(t, a.Copy)
		if r, ok := rewriteOf[a.Copy]; ok {
			require.Equal(t, r, a.Rewrite, "copy group %s in two rewrite families", a.Copy)
		}
		rewriteOf[a.Copy] = a.Rewrite
		if s, ok := storyOf[a.Rewrite]; ok {
			require.Equal(t, s, a.Story, "rewrite family %s in two stories", a.Rewrite)
		}
		storyOf[a.Rewrite] = a.Story
		texts[a.Copy] = append(texts[a.Copy], a.Text)
	}
	copies := 0
	for label, ts := range texts {
		slices.SortFunc(ts, func(a, b string) int { return len(a) - len(b) })
		for _, x := range ts[1:] {
			require.True(t, strings.HasPrefix(x, ts[0]), "copy group %s: a text is not a copy of the original", label)
			copies++
		}
	}
	assert.Greater(t, copies, 100)
}

// shares measures the article shares of a corpus from its labels: family
// members (rewrite family of 2 or more), independent same-story articles
// (alone in their family, not in their story), unrelated (alone in their
// story), and copies among family members other than sources.
func shares(arts []GenArticle) (family, story, unrelated, copies float64) {
	perRewrite, perStory := map[string]int{}, map[string]int{}
	for _, a := range arts {
		perRewrite[a.Rewrite]++
		perStory[a.Story]++
	}
	var nf, ns, nu int
	families, copyGroups := map[string]bool{}, map[string]bool{}
	for _, a := range arts {
		switch {
		case perRewrite[a.Rewrite] > 1:
			nf++
			families[a.Rewrite] = true
			copyGroups[a.Copy] = true
		case perStory[a.Story] > 1:
			ns++
		default:
			nu++
		}
	}
	n := float64(len(arts))
	copies = float64(nf-len(copyGroups)) / float64(nf-len(families))
	return float64(nf) / n, float64(ns) / n, float64(nu) / n, copies
}

func TestGenerateProportions(t *testing.T) {
	tests := []struct {
		cfg                             GenConfig
		family, story, unrelated, copy_ float64
	}{
		{GenConfig{Articles: 10000, Seed: 3}, 0.5, 0.2, 0.3, 0.3},
		{GenConfig{Articles: 10000, Seed: 4, FamilyShare: 0.8, StoryShare: 0.1, UnrelatedShare: 0.1,
			FamilyMin: 2, FamilyMax: 20, CopyShare: 0.6}, 0.8, 0.1, 0.1, 0.6},
		{GenConfig{Articles: 5000, Seed: 5, FamilyShare: -1, StoryShare: 1, UnrelatedShare: 1}, 0, 0.5, 0.5, math.NaN()},
		{GenConfig{Articles: 5000, Seed: 6, StoryShare: -1, UnrelatedShare: -1, CopyShare: -1}, 1, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%+v", tt.cfg), func(t *testing.T) {
			f, s, u, c := shares(generate(t, tt.cfg))
			t.Logf("family %.3f, story %.3f, unrelated %.3f, copies %.3f", f, s, u, c)
			assert.InDelta(t, tt.family, f, 0.04, "family share = %.3f, want %.2f", f, tt.family)
			assert.InDelta(t, tt.story, s, 0.04, "same-story share = %.3f, want %.2f", s, tt.story)
			assert.InDelta(t, tt.unrelated, u, 0.04, "unrelated share = %.3f, want %.2f", u, tt.unrelated)
			if !math.IsNaN(tt.copy_) {
				assert.InDelta(t, tt.copy_, c, 0.04, "copy share = %.3f, want %.2f", c, tt.copy_)
			}
		})
	}
}

// words splits text into lowercase words (runs of letters, digits and
// inner apostrophes or hyphens) and counts sentence ends.
func words(text string) (ws []string, sentences int) {
	for f := range strings.FieldsFuncSeq(text, unicode.IsSpace) {
		if strings.HasSuffix(strings.TrimRight(f, `"`), ".") {
			sentences++
		}
		w := strings.ToLower(strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
		if w != "" {
			ws = append(ws, w)
		}
	}
	return ws, sentences
}

// TestGenerateTextStatistics checks that the text looks like news to the
// counting parts of wirediff: source articles of about 600 words in 15–30
// sentences, a mean sentence length of 20–25 words, and a Zipf-like
// rank-frequency curve led by "the".
func TestGenerateTextStatistics(t *testing.T) {
	arts := generate(t, GenConfig{Articles: 3000, Seed: 9})
	source := map[string]GenArticle{} // rewrite family -> source: its earliest article
	for _, a := range arts {
		if s, ok := source[a.Rewrite]; strings.HasSuffix(a.Copy, "/f1/c0") && (!ok || a.Published < s.Published) {
			source[a.Rewrite] = a
		}
	}
	freq := map[string]int{}
	var tokens, sentences, sources, sourceWords int
	for _, a := range arts {
		ws, ns := words(a.Text)
		for _, w := range ws {
			freq[w]++
		}
		tokens += len(ws)
		sentences += ns
		if source[a.Rewrite].ID == a.ID {
			sources++
			sourceWords += len(ws)
			assert.True(t, ns >= 15 && ns <= 30, "source article with %d sentences", ns)
		}
	}
	meanSentence := float64(tokens) / float64(sentences)
	meanSource := float64(sourceWords) / float64(sources)
	t.Logf("%d tokens, %d types, %.1f words per sentence, %.0f words per source article", tokens, len(freq), meanSentence, meanSource)
	assert.True(t, meanSentence >= 20 && meanSentence <= 25, "mean sentence length %.1f, want 20-25", meanSentence)
	assert.InDelta(t, 600, meanSource, 60, "mean source length %.0f words, want about 600", meanSource)

	type wc struct {
		w string
		n int
	}
	var ranked []wc
	for w, n := range freq {
		ranked = append(ranked, wc{w, n})
	}
	slices.SortFunc(ranked, func(a, b wc) int { return b.n - a.n })
	assert.Equal(t, "the", ranked[0].w, "most frequent word")
	theShare := float64(ranked[0].n) / float64(tokens)
	assert.True(t, theShare > 0.03 && theShare < 0.08, `share of "the" = %.3f, want 0.03-0.08`, theShare)

	// Least-squares slope of log frequency on log rank, ranks 10-1000: about
	// −1 for Zipf's law.
	var sx, sy, sxx, sxy, n float64
	for r := 10; r <= 1000; r++ {
		x, y := math.Log(float64(r)), math.Log(float64(ranked[r-1].n))
		sx, sy, sxx, sxy, n = sx+x, sy+y, sxx+x*x, sxy+x*y, n+1
	}
	slope := (n*sxy - sx*sy) / (n*sxx - sx*sx)
	t.Logf("Zipf slope (ranks 10-1000) = %.2f", slope)
	assert.True(t, slope > -1.4 && slope < -0.7, "Zipf slope %.2f, want about -1", slope)
}

// shingles returns the set of word 5-grams of text.
func shingles(text string) map[string]bool {
	ws, _ := words(text)
	out := map[string]bool{}
	for i := 0; i+5 <= len(ws); i++ {
		out[strings.Join(ws[i:i+5], " ")] = true
	}
	return out
}

func jaccard(a, b map[string]bool) float64 {
	inter := 0
	for s := range a {
		if b[s] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// TestGenerateSimilarityLevels checks that the truth levels differ in text
// the way they should: rewrites share many 5-word shingles with their
// source; independent same-story articles and unrelated ones share almost
// none. It also checks that a family is published within three days.
func TestGenerateSimilarityLevels(t *testing.T) {
	arts := generate(t, GenConfig{Articles: 2000, Seed: 10})
	when := make([]time.Time, len(arts))
	source := map[string]int{} // rewrite family -> its earliest article, the source
	for i, a := range arts {
		at, err := time.Parse(time.RFC3339, a.Published)
		require.NoError(t, err)
		when[i] = at
		if strings.HasSuffix(a.Copy, "/f1/c0") {
			if s, ok := source[a.Rewrite]; !ok || at.Before(when[s]) {
				source[a.Rewrite] = i
			}
		}
	}
	sh := make([]map[string]bool, len(arts))
	for i, a := range arts {
		sh[i] = shingles(a.Text)
	}
	var rewrite, story, other []float64
	for i, a := range arts {
		if s, ok := source[a.Rewrite]; ok {
			d := when[i].Sub(when[s])
			assert.True(t, d >= 0 && d <= 4*24*time.Hour, "%s published %v after its source", a.ID, d)
		}
	}
	for _, s := range source {
		for i, a := range arts {
			switch {
			case a.Copy == arts[s].Copy: // the source and its copies
			case a.Rewrite == arts[s].Rewrite:
				rewrite = append(rewrite, jaccard(sh[s], sh[i]))
			case a.Story == arts[s].Story:
				story = append(story, jaccard(sh[s], sh[i]))
			case i%50 == 0:
				other = append(other, jaccard(sh[s], sh[i]))
			}
		}
	}
	mean := func(xs []float64) float64 {
		s := 0.0
		for _, x := range xs {
			s += x
		}
		return s / float64(len(xs))
	}
	t.Logf("5-shingle Jaccard with the source: rewrites %.3f (n=%d), same story %.4f (n=%d), other %.4f (n=%d)",
		mean(rewrite), len(rewrite), mean(story), len(story), mean(other), len(other))
	require.NotEmpty(t, rewrite)
	require.NotEmpty(t, story)
	assert.True(t, mean(rewrite) > 0.2 && mean(rewrite) < 0.8, "rewrites: mean Jaccard %.3f, want 0.2-0.8", mean(rewrite))
	assert.Less(t, mean(story), 0.05)
	assert.Less(t, mean(other), 0.01)
	assert.Greater(t, mean(story), mean(other), "same-story articles should share more than unrelated ones")
}

func TestWriteJSONL(t *testing.T) {
	a := GenArticle{ID: "gen-1", Outlet: "O & P", Title: `He said "no"`, Published: "2024-01-01T00:00:00Z",
		Text: "a <b>\n\nc", Copy: "x", Rewrite: "y", Story: "z"}
	var buf bytes.Buffer
	require.NoError(t, WriteJSONL(&buf, a))
	assert.Equal(t, `{"id":"gen-1","outlet":"O & P","title":"He said \"no\"","published":"2024-01-01T00:00:00Z","text":"a <b>\n\nc"}`+"\n", buf.String())
	var back map[string]string
	require.NoError(t, json.Unmarshal(buf.Bytes(), &back))
	assert.Equal(t, a.Text, back["text"])
	assert.Error(t, WriteJSONL(errWriter{}, a))
}

type errWriter struct{}

func (errWriter) Write([]byte) (int, error) { return 0, io.ErrClosedPipe }

func BenchmarkGenerate(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var bytes int
			for b.Loop() {
				bytes = 0
				err := Generate(GenConfig{Articles: n, Seed: 1}, func(a GenArticle) error {
					bytes += len(a.Text)
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
			b.ReportMetric(float64(bytes)/float64(n), "bytes/article")
		})
	}
}

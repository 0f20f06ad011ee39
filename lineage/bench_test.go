package lineage

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/layout"
	"github.com/wirediff/wirediff/similarity"
)

// syntheticGroup makes n rewrites of about words words each by sampling
// the seed articles' sentences, so that members share facts unevenly.
func syntheticGroup(tb testing.TB, n, words int) []corpus.Article {
	var pool []string
	for _, a := range loadSeeds(tb) {
		spans, err := layout.Sentences(&a)
		if err != nil {
			tb.Fatal(err)
		}
		for _, s := range spans {
			pool = append(pool, a.Text[s.Start:s.End])
		}
	}
	r := rand.New(rand.NewPCG(7, uint64(n)))
	out := make([]corpus.Article, n)
	for i := range out {
		var b strings.Builder
		for w := 0; w < words; {
			s := pool[r.IntN(len(pool))]
			b.WriteString(s)
			b.WriteString("\n")
			w += len(strings.Fields(s))
		}
		out[i] = corpus.Article{ID: fmt.Sprintf("m%03d", i), Text: b.String()}
	}
	return out
}

// longText generates long articles with the sentence shapes of the seeds
// and a news-like vocabulary, deterministically (fixed PCG seed).
//
// Every sentence is a seed sentence (its length, stop words, punctuation
// and quotation marks) whose content words are redrawn from a vocabulary
// of the seeds' words and longVocab made-up ones, by a Zipf law (P(k) ∝
// (k+5)^-1.1), so that a few words are in many sentences and most in few,
// as in real text; numbers are redrawn too. The most common word is in
// about a quarter of the sentences, like "said" in BASIL (23%) and ECB+
// (18%). Two 5 MB articles have about 60,000 sentences and 45,000
// distinct content terms.
type longText struct {
	r      *rand.Rand
	zipf   *rand.Zipf
	vocab  []string
	frames [][]string // seed sentences split into white-space separated fields
}

const longVocab = 60000

func newLongText(tb testing.TB) *longText {
	lt := &longText{r: rand.New(rand.NewPCG(2024, 11))}
	seen := map[string]bool{}
	for _, a := range loadSeeds(tb) {
		spans, err := layout.Sentences(&a)
		if err != nil {
			tb.Fatal(err)
		}
		for _, s := range spans {
			f := strings.Fields(a.Text[s.Start:s.End])
			lt.frames = append(lt.frames, f)
			for _, w := range f {
				core := strings.ToLower(strings.TrimFunc(w, notLetter))
				if core != "" && !seen[core] && !similarity.IsStopword(core) && len(core) > 2 && !strings.ContainsFunc(core, notLetter) {
					seen[core] = true
					lt.vocab = append(lt.vocab, core)
				}
			}
		}
	}
	// Made-up words from syllables, interleaved with the seeds' words so
	// that both are spread over the frequency ranks.
	syl := []string{"ka", "ro", "len", "mi", "tor", "sa", "ve", "dun", "pri", "gal", "o", "ber", "stan", "qui", "el", "mon", "tra", "zi", "fe", "ash"}
	made := make([]string, 0, longVocab)
	for i := 0; len(made) < longVocab; i++ {
		var b strings.Builder
		for x := i + 1; x > 0; x /= len(syl) {
			b.WriteString(syl[x%len(syl)])
		}
		if w := b.String(); len(w) > 2 && !seen[w] && !similarity.IsStopword(w) {
			seen[w] = true
			made = append(made, w)
		}
	}
	lt.r.Shuffle(len(made), func(i, j int) { made[i], made[j] = made[j], made[i] })
	step := len(made) / len(lt.vocab)
	var v []string
	for i, w := range lt.vocab {
		v = append(v, w)
		v = append(v, made[i*step:(i+1)*step]...)
	}
	lt.vocab = v
	lt.zipf = rand.NewZipf(lt.r, 1.1, 5, uint64(len(lt.vocab)-1))
	return lt
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) }

// sentence draws a new sentence.
func (lt *longText) sentence() string {
	f := lt.frames[lt.r.IntN(len(lt.frames))]
	out := make([]string, len(f))
	for i, w := range f {
		out[i] = lt.redraw(w, 1)
	}
	return strings.Join(out, " ")
}

// redraw replaces the word in field w, keeping its punctuation and
// capitalization, with probability p; stop words stay.
func (lt *longText) redraw(w string, p float64) string {
	i := strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
	if i < 0 {
		return w
	}
	j := strings.LastIndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
	_, n := utf8.DecodeRuneInString(w[j:])
	pre, core, post := w[:i], w[i:j+n], w[j+n:]
	if similarity.IsStopword(strings.ToLower(core)) || lt.r.Float64() >= p {
		return w
	}
	first, _ := utf8.DecodeRuneInString(core)
	switch {
	case unicode.IsDigit(first):
		core = fmt.Sprint(lt.r.IntN(2000))
	case unicode.IsLetter(first):
		core = lt.vocab[lt.zipf.Uint64()]
		if unicode.IsUpper(first) {
			core = strings.ToUpper(core[:1]) + core[1:]
		}
	}
	return pre + core + post
}

// article returns about size bytes of paragraphs of one to four sentences.
func (lt *longText) article(size int) []string {
	var sents []string
	n := 0
	for n < size {
		s := lt.sentence()
		sents = append(sents, s)
		n += len(s) + 1
	}
	return sents
}

// rewrite returns a rewrite of sents: 65% of the sentences kept with a
// word or two changed, 15% dropped, 20% replaced by new ones, and a new
// sentence inserted after one in ten.
func (lt *longText) rewrite(sents []string) []string {
	var out []string
	for _, s := range sents {
		switch x := lt.r.Float64(); {
		case x < 0.65:
			f := strings.Fields(s)
			for i := range f {
				f[i] = lt.redraw(f[i], 0.1)
			}
			out = append(out, strings.Join(f, " "))
		case x < 0.80:
		default:
			out = append(out, lt.sentence())
		}
		if lt.r.Float64() < 0.1 {
			out = append(out, lt.sentence())
		}
	}
	return out
}

// paragraphs joins sents into paragraphs of one to four sentences.
func (lt *longText) paragraphs(sents []string) string {
	var b strings.Builder
	for i := 0; i < len(sents); {
		k := min(1+lt.r.IntN(4), len(sents)-i)
		b.WriteString(strings.Join(sents[i:i+k], " "))
		b.WriteString("\n\n")
		i += k
	}
	return b.String()
}

// longGroup returns members articles of about size bytes each: a generated
// article and rewrites of it (see [longText]).
func longGroup(tb testing.TB, members, size int) []corpus.Article {
	lt := newLongText(tb)
	orig := lt.article(size)
	out := []corpus.Article{{ID: "long000", Text: lt.paragraphs(orig)}}
	for i := 1; i < members; i++ {
		out = append(out, corpus.Article{ID: fmt.Sprintf("long%03d", i), Text: lt.paragraphs(lt.rewrite(orig))})
	}
	return out
}

// BenchmarkAnalyze runs Analyze on synthetic groups of 5 to 400 members
// of 1,000 words each (undated, so the contests of wording run too) and
// reports the time per member: it grows with the group, as every member's
// sentences are compared with those of the others.
func BenchmarkAnalyze(b *testing.B) {
	for _, n := range []int{5, 50, 200, 400} {
		b.Run(fmt.Sprintf("members=%d", n), func(b *testing.B) {
			group := syntheticGroup(b, n, 1000)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Analyze(group, Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n*1000), "words/op")
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*n), "ms/member")
		})
	}
}

// wireCopies returns a dated wire report (the first seed) and n copies
// published after it, as sites republish a wire story: each keeps the
// lede and drops a paragraph in seven, swaps a word or two for a synonym
// (said/stated, plan/proposal, …), and one in two adds a sentence of its
// own, a different one each.
func wireCopies(tb testing.TB, n int) []corpus.Article {
	src := loadSeeds(tb)[0].Text
	paras := strings.Split(src, "\n\n")
	synonyms := map[string]string{"said": "stated", "plan": "proposal", "officials": "authorities", "war": "conflict", "new": "fresh"}
	vocab := strings.Fields(`council mayor residents county school budget farmers river bridge hospital weather
		festival police library harbor market union teachers students airport museum ferry clinic court`)
	r := rand.New(rand.NewPCG(11, uint64(n)))
	at := time.Date(2025, 11, 18, 10, 0, 0, 0, time.UTC)
	out := []corpus.Article{{ID: "wire", Outlet: "Wire", Published: at, Text: src}}
	for i := range n {
		kept := []string{paras[0]}
		for _, p := range paras[1:] {
			if r.IntN(7) > 0 {
				kept = append(kept, p)
			}
		}
		if r.IntN(2) == 0 {
			words := make([]string, 10)
			for k := range words {
				words[k] = vocab[r.IntN(len(vocab))]
			}
			own := fmt.Sprintf("The %s of %s %d said %s.", words[0], vocab[r.IntN(len(vocab))], i, strings.Join(words[1:], " "))
			kept = slices.Insert(kept, 1+r.IntN(len(kept)), own)
		}
		f := strings.Split(strings.Join(kept, "\n\n"), " ")
		for k, w := range f {
			if x, ok := synonyms[w]; ok && r.IntN(2) == 0 {
				f[k] = x
			}
		}
		out = append(out, corpus.Article{ID: fmt.Sprintf("copy%03d", i), Outlet: fmt.Sprintf("Site %d", i),
			Published: at.Add(time.Duration(i+1) * time.Minute), Text: strings.Join(f, " ")})
	}
	return out
}

// BenchmarkAnalyzeCopies runs Analyze on a wire report with 50 to 1,000
// copies (see wireCopies) and reports the time per member and whether the
// report takes the wire report as its source (1) or not (0), with the
// notes on what the alignment's limits cut.
func BenchmarkAnalyzeCopies(b *testing.B) { benchmarkWire(b, wireCopies) }

// benchmarkWire runs Analyze on groups of a wire report and 50 to 1,000
// of its copies that group makes, and reports the time per member and
// whether the report takes the wire report as its source (1) or not (0),
// with the notes on what the alignment's limits cut.
func benchmarkWire(b *testing.B, group func(testing.TB, int) []corpus.Article) {
	for _, n := range []int{50, 200, 400, 1000} {
		b.Run(fmt.Sprintf("copies=%d", n), func(b *testing.B) {
			group := group(b, n)
			b.ReportAllocs()
			var r *Report
			for b.Loop() {
				var err error
				if r, err = Analyze(group, Options{}); err != nil {
					b.Fatal(err)
				}
			}
			source := 0.0
			if r.Reference.SourceID == "wire" {
				source = 1
			}
			b.ReportMetric(source, "source")
			b.ReportMetric(float64(len(r.Notes)), "notes")
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*(n+1)), "ms/member")
		})
	}
}

// BenchmarkAnalyzeLong runs Analyze on two long articles, one a rewrite of
// the other, of 0.5, 2 and 5 MB each (generated, see [longText]), and on
// three of 2 MB. WIREDIFF_BENCH_LONG_MB=0.5,2 picks other sizes.
func BenchmarkAnalyzeLong(b *testing.B) {
	type tc struct {
		members int
		mb      float64
	}
	cases := []tc{{2, 0.5}, {2, 2}, {2, 5}, {3, 2}}
	if env := os.Getenv("WIREDIFF_BENCH_LONG_MB"); env != "" {
		cases = nil
		for _, f := range strings.Split(env, ",") {
			var mb float64
			if _, err := fmt.Sscan(f, &mb); err != nil {
				b.Fatalf("WIREDIFF_BENCH_LONG_MB: %v", err)
			}
			cases = append(cases, tc{2, mb})
		}
	}
	for _, c := range cases {
		b.Run(fmt.Sprintf("members=%d/MB=%g", c.members, c.mb), func(b *testing.B) {
			group := longGroup(b, c.members, int(c.mb*(1<<20)))
			bytes := 0
			for _, a := range group {
				bytes += len(a.Text)
			}
			b.SetBytes(int64(bytes))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Analyze(group, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// badInput makes two members of about size bytes each of text that meets
// the limits of Options: the same lines repeated, a table of numbers, the
// same unpunctuated text, and unpunctuated text from a 300-word
// vocabulary (fixed PCG seed).
func badInput(size int) map[string][]corpus.Article {
	r := rand.New(rand.NewPCG(1, 2))
	fill := func(line func() string) string {
		var b strings.Builder
		for b.Len() < size {
			b.WriteString(line())
		}
		return b.String()
	}
	words := func(vocab int) func() string {
		return func() string { return fmt.Sprintf("w%d ", r.IntN(vocab)) }
	}
	table := func() string { return fmt.Sprintf("%d, %d, %d\n", r.IntN(100), r.IntN(100), r.IntN(100)) }
	text := fill(words(50000))
	pair := func(a, b string) []corpus.Article {
		return []corpus.Article{{ID: "a", Text: a}, {ID: "b", Text: b}}
	}
	return map[string][]corpus.Article{
		"repeated-lines": pair(fill(func() string { return "He said so.\n" }), fill(func() string { return "She said so.\n" })),
		"table":          pair(fill(table), fill(table)),
		"unpunctuated":   pair(text, text),
		"small-vocab":    pair(fill(words(300)), fill(words(300))),
	}
}

// BenchmarkAnalyzeBadInput runs Analyze on bad input (see badInput) of
// 1 MB a member, or WIREDIFF_BENCH_BAD_MB, and reports the notes of
// the limits it met.
func BenchmarkAnalyzeBadInput(b *testing.B) {
	mb := 1.0
	if env := os.Getenv("WIREDIFF_BENCH_BAD_MB"); env != "" {
		if _, err := fmt.Sscan(env, &mb); err != nil {
			b.Fatalf("WIREDIFF_BENCH_BAD_MB: %v", err)
		}
	}
	cases := badInput(int(mb * (1 << 20)))
	for _, name := range slices.Sorted(maps.Keys(cases)) {
		b.Run(fmt.Sprintf("%s/MB=%g", name, mb), func(b *testing.B) {
			b.ReportAllocs()
			notes := 0
			for b.Loop() {
				r, err := Analyze(cases[name], Options{})
				if err != nil {
					b.Fatal(err)
				}
				notes = len(r.Notes)
			}
			b.ReportMetric(float64(notes), "notes")
		})
	}
}

// clauseCopies returns a wire report and n verbatim copies of it, each
// adding a clause of its own to one of its sentences: no two are verbatim
// copies, and every pair is compared for the clauses it adds.
func clauseCopies(tb testing.TB, n int) []corpus.Article {
	src := loadSeeds(tb)[0].Text
	vocab := strings.Fields(`council mayor residents county school budget farmers river bridge hospital weather
		festival police library harbor market union teachers students airport museum ferry clinic court`)
	r := rand.New(rand.NewPCG(13, uint64(n)))
	at := time.Date(2025, 11, 18, 10, 0, 0, 0, time.UTC)
	out := []corpus.Article{{ID: "wire", Outlet: "Wire", Published: at, Text: src}}
	ends := []int{}
	for i := 0; i+2 < len(src); i++ {
		if src[i] == '.' && src[i+1] == ' ' {
			ends = append(ends, i)
		}
	}
	for i := range n {
		at := ends[r.IntN(len(ends))]
		clause := fmt.Sprintf(", a sign of how the %s and the %s of %s %d see it", vocab[r.IntN(len(vocab))], vocab[r.IntN(len(vocab))], vocab[r.IntN(len(vocab))], i)
		out = append(out, corpus.Article{ID: fmt.Sprintf("copy%03d", i), Outlet: fmt.Sprintf("Site %d", i),
			Published: out[0].Published.Add(time.Duration(i+1) * time.Minute), Text: src[:at] + clause + src[at:]})
	}
	return out
}

// BenchmarkAnalyzeClauses runs Analyze on a wire report with 50 to 1,000
// copies that each add a clause of their own (see clauseCopies).
func BenchmarkAnalyzeClauses(b *testing.B) { benchmarkWire(b, clauseCopies) }

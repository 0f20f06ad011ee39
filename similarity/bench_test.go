package similarity

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cespare/xxhash/v2"
)

// article600 returns a realistic 600-word English news article: the first
// 600 words of the longest seed article, with its original punctuation and
// line breaks.
func article600(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "seeds", "001_2ea4910e153269e2.txt"))
	if err != nil {
		tb.Fatalf("read seed article: %v", err)
	}
	text := string(b)
	words := 0
	inWord := false
	for i, c := range text {
		if strings.ContainsRune(" \t\n\r", c) {
			if inWord {
				words++
				if words == 600 {
					return text[:i]
				}
			}
			inWord = false
		} else {
			inWord = true
		}
	}
	tb.Fatalf("seed article has only %d words", words)
	return ""
}

// BenchmarkSign measures the whole copy-detection feature path for one
// article: tokenize, shingle (k=3), MinHash (128 hashes).
func BenchmarkSign(b *testing.B) {
	text := article600(b)
	m, err := NewMinHasher(DefaultNumHashes, DefaultSeed)
	if err != nil {
		b.Fatal(err)
	}
	sign := func(text string, normalize bool) func(*testing.B) {
		return func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(text)))
			var toks []Token
			var sh []uint64
			var sig Signature
			for b.Loop() {
				n := text
				if normalize {
					n = Normalize(text)
				}
				toks = AppendTokens(toks[:0], n, 0, len(n))
				sh = Shingles(sh, toks, 3)
				sig = m.AppendSign(sig[:0], sh)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
			b.ReportMetric(float64(len(toks)), "tokens/op")
		}
	}
	b.Run("words=600", sign(text, false))
	b.Run("words=600/normalize", sign(text, true))
	// A Chinese report of 690 characters (2,070 bytes): every token a
	// character pair.
	b.Run("script=han", sign(strings.Repeat(hanReport, 3), false))
}

// hanReport is a short Chinese news report (230 characters, 690 bytes).
const hanReport = "国家统计局周三公布的数据显示，十一月份全国居民消费价格同比上涨百分之零点二，环比下降百分之零点一。" +
	"其中，城市上涨百分之零点三，农村持平。食品价格下降百分之一点五，非食品价格上涨百分之零点六。" +
	"在食品中，鲜菜价格下降百分之三点二，猪肉价格上涨百分之一点一。" +
	"国家统计局城市司首席统计师表示，受季节性因素影响，鲜菜供应充足，价格有所回落。" +
	"分析人士认为，物价总体保持平稳，明年有望温和回升。" +
	"同日公布的工业生产者出厂价格同比下降百分之二点五，降幅比上月收窄零点三个百分点。"

// BenchmarkStages times each stage of BenchmarkSign on its own.
func BenchmarkStages(b *testing.B) {
	text := article600(b)
	m, err := NewMinHasher(DefaultNumHashes, DefaultSeed)
	if err != nil {
		b.Fatal(err)
	}
	toks := AppendTokens(nil, text, 0, len(text))
	sh := Shingles(nil, toks, 3)
	b.Run("stage=tokenize", func(b *testing.B) {
		b.ReportAllocs()
		var out []Token
		for b.Loop() {
			out = AppendTokens(out[:0], text, 0, len(text))
		}
		b.ReportMetric(float64(len(out)), "tokens/op")
	})
	b.Run("stage=normalize", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Normalize(text)
		}
	})
	b.Run("stage=shingle", func(b *testing.B) {
		b.ReportAllocs()
		var out []uint64
		for b.Loop() {
			out = Shingles(out, toks, 3)
		}
		b.ReportMetric(float64(len(out)), "shingles/op")
	})
	b.Run("stage=sign", func(b *testing.B) {
		b.ReportAllocs()
		var sig Signature
		for b.Loop() {
			sig = m.AppendSign(sig[:0], sh)
		}
	})
}

// shuffledWords returns n token texts drawn at random from the seed
// articles, so that word lengths follow English and a benchmark over them
// cannot learn their order.
func shuffledWords(tb testing.TB, n int) []string {
	tb.Helper()
	toks := tokensOf(article600(tb))
	r := rand.New(rand.NewPCG(9, 10))
	out := make([]string, n)
	for i := range out {
		out[i] = toks[r.IntN(len(toks))].Text
	}
	return out
}

// BenchmarkTokenLanes hashes a stream of words in random order, as a
// stream of different articles presents them, against xxhash.
func BenchmarkTokenLanes(b *testing.B) {
	words := shuffledWords(b, 1<<16)
	toks := make([]Token, len(words))
	for i, w := range words {
		toks[i].Text = w
	}
	out := make([]uint64, 0, len(toks))
	b.Run("inline", func(b *testing.B) {
		for b.Loop() {
			out = appendTokenLanes(out[:0], toks)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(toks)), "ns/word")
	})
	b.Run("xxhash", func(b *testing.B) {
		for b.Loop() {
			out = out[:0]
			for _, t := range toks {
				out = append(out, xxRound(0, xxhash.Sum64String(t.Text)))
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(toks)), "ns/word")
	})
}

// shuffledTexts returns n texts of 600 words drawn at random from the
// normalized seed article (with their case and attached punctuation, curly
// quotes folded to ASCII), as a stand-in for a stream of different articles.
func shuffledTexts(tb testing.TB, n int) []string {
	tb.Helper()
	words := strings.Fields(Normalize(article600(tb)))
	r := rand.New(rand.NewPCG(15, 16))
	out := make([]string, n)
	var b strings.Builder
	for i := range out {
		b.Reset()
		for k := range 600 {
			if k > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[r.IntN(len(words))])
		}
		out[i] = b.String()
	}
	return out
}

// BenchmarkTokenizeShuffled tokenizes a rotating stream of texts of random
// words, where the branch predictor cannot learn the word lengths.
func BenchmarkTokenizeShuffled(b *testing.B) {
	texts := shuffledTexts(b, 256)
	var toks []Token
	k := 0
	for b.Loop() {
		text := texts[k%len(texts)]
		k++
		toks = AppendTokens(toks[:0], text, 0, len(text))
	}
	b.ReportMetric(float64(len(toks)), "tokens/op")
}

// BenchmarkSortUnique sorts rotating sets of 600 random hashes, the shingles
// of a 600-word article.
func BenchmarkSortUnique(b *testing.B) {
	r := rand.New(rand.NewPCG(17, 18))
	sets := make([][]uint64, 256)
	for i := range sets {
		sets[i] = make([]uint64, 600)
		for k := range sets[i] {
			sets[i][k] = r.Uint64()
		}
	}
	buf := make([]uint64, 600)
	k := 0
	for b.Loop() {
		copy(buf, sets[k%len(sets)])
		k++
		sortUnique(buf)
	}
}

package similarity

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	b.Run("words=600", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(text)))
		var toks []Token
		var sh []uint64
		var sig Signature
		for b.Loop() {
			toks = AppendTokens(toks[:0], text, 0, len(text))
			sh = Shingles(sh, toks, 3)
			sig = m.AppendSign(sig[:0], sh)
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	})
	b.Run("words=600/normalize", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(text)))
		var toks []Token
		var sh []uint64
		var sig Signature
		for b.Loop() {
			n := Normalize(text)
			toks = AppendTokens(toks[:0], n, 0, len(n))
			sh = Shingles(sh, toks, 3)
			sig = m.AppendSign(sig[:0], sh)
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	})
}

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

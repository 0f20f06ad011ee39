package index

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	bleveunicode "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/wirediff/wirediff/similarity"
)

// The analyzer of the text and title fields since format 4, registered
// with bleve under these names: bleve's "en" analyzer (Unicode words,
// possessives dropped, lower case, English stop words removed, Porter
// stems), format characters left out of its words (formatFilter), with
// scripts written without spaces (Chinese, Japanese, Thai,
// Lao, Khmer, Myanmar) split into overlapping character pairs, as the
// signatures split them (package similarity), and Korean too. bleve's
// word breaker makes each Chinese ideograph a word, so "北京" found every
// article with 北 and 京 anywhere, drops Thai, Lao, Khmer and Myanmar
// letters, which made text in those scripts unsearchable, and keeps a
// Korean word with its particles ("한국은행은"), which a query of the noun
// ("한국은행") did not find. A pair is a term of its own and pairs follow
// one another in position, so a query word (a phrase of its pairs, see
// rewriteTerms) matches the articles holding its pairs in order; a query
// of one character matches only a run of one character (as with Lucene's
// CJK bigrams, which pair Hangul too).
const (
	textTokenizer = "wirediff_unicode_pairs"
	textAnalyzer  = "wirediff_en"
)

func init() {
	if err := registry.RegisterTokenizer(textTokenizer, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return pairTokenizer{words: bleveunicode.NewUnicodeTokenizer()}, nil
	}); err != nil {
		panic(fmt.Sprintf("index: register tokenizer %s: %v", textTokenizer, err))
	}
	if err := registry.RegisterAnalyzer(textAnalyzer, newTextAnalyzer); err != nil {
		panic(fmt.Sprintf("index: register analyzer %s: %v", textAnalyzer, err))
	}
}

// newTextAnalyzer is bleve's "en" analyzer with textTokenizer, and
// formatFilter before its filters.
func newTextAnalyzer(_ map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
	tok, err := cache.TokenizerNamed(textTokenizer)
	if err != nil {
		return nil, err
	}
	a := &analysis.DefaultAnalyzer{Tokenizer: tok, TokenFilters: []analysis.TokenFilter{formatFilter{}}}
	for _, name := range []string{en.PossessiveName, lowercase.Name, en.StopName, porter.Name} {
		f, err := cache.TokenFilterNamed(name)
		if err != nil {
			return nil, err
		}
		a.TokenFilters = append(a.TokenFilters, f)
	}
	return a, nil
}

// formatFilter removes invisible format characters (Unicode category Cf)
// from terms: soft hyphens, zero-width joiners and non-joiners, word
// joiners, byte order marks and bidirectional marks. bleve's word breaker
// keeps them inside a word (Unicode's word boundaries ignore them), so
// "govern\u00adment", as web pages hyphenate words, was a term of its own
// that a query of "government" did not find; the signatures remove a soft
// hyphen too (package similarity).
type formatFilter struct{}

func isFormat(r rune) bool { return r >= 0xad && unicode.Is(unicode.Cf, r) }

func (formatFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	out := in[:0]
	for _, tok := range in {
		if bytes.ContainsFunc(tok.Term, isFormat) {
			tok.Term = bytes.Map(func(r rune) rune {
				if isFormat(r) {
					return -1
				}
				return r
			}, tok.Term)
			if len(tok.Term) == 0 {
				continue
			}
		}
		out = append(out, tok)
	}
	return out
}

// pairTokenizer is bleve's Unicode word tokenizer (words) with runs of
// letters of scripts written without spaces made into overlapping pairs
// by [similarity.AppendUnspaced], and runs of Hangul by appendHangul. Text
// without such letters (see paired) is tokenized by words alone, to the
// same tokens.
type pairTokenizer struct {
	words analysis.Tokenizer
}

// paired reports whether s holds letters the text analyzer pairs.
func paired(s string) bool {
	return similarity.HasUnspaced(s) || strings.ContainsFunc(s, isHangul)
}

func isHangul(r rune) bool { return r >= 0x1100 && unicode.Is(unicode.Hangul, r) }

// appendHangul appends the overlapping pairs of the run of Hangul that
// starts at s[i] (a run of one, the letter), and returns where the run
// ends: i when s[i] starts no Hangul. Hangul is written with spaces, but
// a word carries its particles and endings ("한국은행은", "한국은행이"), which
// pairs let a query of the stem find. The pairs are not NFKC-normalized:
// syllables are precomposed, as Korean text is written.
func appendHangul(dst []similarity.Token, s string, i int) ([]similarity.Token, int) {
	prev, j := -1, i
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if !isHangul(r) {
			break
		}
		if prev >= 0 {
			dst = append(dst, similarity.Token{Text: s[prev : j+size], Start: prev, End: j + size})
		}
		prev = j
		j += size
	}
	if prev == i {
		dst = append(dst, similarity.Token{Text: s[i:j], Start: i, End: j})
	}
	return dst, j
}

func (t pairTokenizer) Tokenize(input []byte) analysis.TokenStream {
	s := string(input)
	if !paired(s) {
		return t.words.Tokenize(input)
	}
	var out analysis.TokenStream
	// words tokenizes input[from:to] and appends its tokens, shifted.
	words := func(from, to int) {
		if from == to {
			return
		}
		for _, w := range t.words.Tokenize(input[from:to]) {
			w.Start += from
			w.End += from
			w.Position = len(out) + 1
			out = append(out, w)
		}
	}
	var pairs []similarity.Token
	from := 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		var end int
		pairs, end = similarity.AppendUnspaced(pairs[:0], s, i)
		if end == i {
			pairs, end = appendHangul(pairs[:0], s, i)
		}
		if end == i {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
			continue
		}
		words(from, i)
		for _, p := range pairs {
			out = append(out, &analysis.Token{
				Term:     []byte(p.Text),
				Start:    p.Start,
				End:      p.End,
				Position: len(out) + 1,
				Type:     analysis.Ideographic,
			})
		}
		from, i = end, end
	}
	words(from, len(s))
	return out
}

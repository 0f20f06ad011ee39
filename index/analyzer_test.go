package index

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/similarity"
)

func analyzerNamed(t testing.TB, name string) analysis.Analyzer {
	t.Helper()
	a, err := registry.NewCache().AnalyzerNamed(name)
	require.NoError(t, err)
	return a
}

func terms(ts analysis.TokenStream) []string {
	out := make([]string, len(ts))
	for i, tok := range ts {
		out[i] = string(tok.Term)
	}
	return out
}

// signed returns the texts of the tokens similarity signs text by.
func signed(text string) []string {
	var out []string
	for _, tok := range similarity.AppendTokens(nil, text, 0, len(text)) {
		out = append(out, tok.Text)
	}
	return out
}

func TestTextAnalyzer(t *testing.T) {
	a := analyzerNamed(t, textAnalyzer)
	tests := []struct {
		name, text string
		want       []string
	}{
		{"english as en", "The envoy's plans were drafted", []string{"envoi", "plan", "draft"}},
		{"chinese pairs", "国家统计局", []string{"国家", "家统", "统计", "计局"}},
		{"one ideograph", "在 2025 年", []string{"在", "2025", "年"}},
		// As the signatures have them: pairs of a letter and its marks,
		// NFKC-normalized (ำ is ํ and า).
		{"thai with marks", "ราคาน้ำมัน", signed("ราคาน้ำมัน")},
		{"japanese kana and kanji", "日本銀行は", []string{"日本", "本銀", "銀行", "行は"}},
		{"mixed", "iPhone手机 sales 上涨", []string{"iphon", "手机", "sale", "上涨"}},
		{"korean pairs", "한국은행은 동결했다", []string{"한국", "국은", "은행", "행은", "동결", "결했", "했다"}},
		{"one hangul syllable", "그 은행", []string{"그", "은행"}},
		// Invisible format characters are no part of a word.
		{"soft hyphens", "Govern\u00adment shut\u00addown", []string{"govern", "shutdown"}},
		{"word joiner and bidi marks", "lawmakers\u2060 met \u200fParlia\u200ement\u202c", []string{"lawmak", "met", "parliament"}},
		{"byte order mark and possessive", "\ufeffTrump\u200d’s plan", []string{"trump", "plan"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := a.Analyze([]byte(tt.text))
			assert.Equal(t, tt.want, terms(ts))
			for i, tok := range ts {
				if i > 0 {
					assert.Greater(t, tok.Position, ts[i-1].Position, "positions follow one another (stop words leave gaps)")
				}
				assert.True(t, 0 <= tok.Start && tok.Start < tok.End && tok.End <= len(tt.text), "offsets of %q", tok.Term)
			}
		})
	}
}

// Text without letters of scripts written without spaces or Hangul, and
// without format characters, is analyzed as bleve's "en" analyzer does, so
// that format 3 and format 4 indexes search it alike.
func TestTextAnalyzerIsEnElsewhere(t *testing.T) {
	texts := []string{
		"Officials said the café would reopen – “soon”, in 2026.",
		"Президент заявил, что переговоры продолжатся.",
		"قال المسؤولون إن المحادثات ستستمر",
		"Ελλάδα: η κυβέρνηση ανακοίνωσε νέα μέτρα.",
		"",
	}
	seeds, err := filepath.Glob(filepath.Join("..", "testdata", "seeds", "*"))
	require.NoError(t, err)
	for _, p := range seeds {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		texts = append(texts, string(data))
	}
	ours, theirs := analyzerNamed(t, textAnalyzer), analyzerNamed(t, en.AnalyzerName)
	for _, text := range texts {
		require.False(t, paired(text))
		assert.Equal(t, theirs.Analyze([]byte(text)), ours.Analyze([]byte(text)), "%.40q", text)
	}
}

func FuzzTextAnalyzer(f *testing.F) {
	for _, s := range []string{"国家统计局 said", "ราคาน้ำมัน", "a\u0301统", "统\xff计", "日本銀行は19日", "한국은행은 3.25%"} {
		f.Add(s)
	}
	ours, theirs := analyzerNamed(f, textAnalyzer), analyzerNamed(f, en.AnalyzerName)
	f.Fuzz(func(t *testing.T, text string) {
		ts := ours.Analyze([]byte(text))
		for i, tok := range ts {
			if i > 0 && tok.Position <= ts[i-1].Position || tok.Start < 0 || tok.End > len(text) || tok.Start >= tok.End {
				t.Fatalf("%q: token %d %q at %d [%d, %d)", text, i, tok.Term, tok.Position, tok.Start, tok.End)
			}
			if i > 0 && tok.Start < ts[i-1].Start {
				t.Fatalf("%q: token %d %q starts before the one before it", text, i, tok.Term)
			}
		}
		if !paired(text) && !strings.ContainsFunc(text, isFormat) {
			assert.Equal(t, theirs.Analyze([]byte(text)), ts)
		}
	})
}

// A format 4 index searches words of scripts written without spaces by
// their character pairs in order; a format 3 index (made with bleve's
// "en" analyzer) keeps searching them by single ideographs, and is
// written as it is.
func TestSearchUnspaced(t *testing.T) {
	docs := []Entry{
		{Article: corpus.Article{ID: "zh", Text: "国家统计局周三公布的数据显示，猪肉价格上涨。"}},
		{Article: corpus.Article{ID: "zh-apart", Text: "统计数据显示，当局表示价格平稳。"}}, // 统计 and 局, not 统计局
		{Article: corpus.Article{ID: "th", Text: "ธนาคารแห่งประเทศไทยประกาศคงอัตราดอกเบี้ย"}},
		{Article: corpus.Article{ID: "en", Text: "The statistics bureau said pork prices rose."}},
		{Article: corpus.Article{ID: "ko", Text: "한국은행은 기준금리를 동결했다."}},
	}
	tests := []struct {
		format int
		query  string
		want   []string
	}{
		{FormatVersion, "统计局", []string{"zh"}},
		{FormatVersion, "猪肉价格", []string{"zh"}},
		{FormatVersion, "ธนาคาร", []string{"th"}},
		{FormatVersion, "ประเทศไทย pork", []string{"en", "th"}},
		{FormatVersion, "统", nil},               // one character matches a run of one
		{FormatVersion, "한국은행", []string{"ko"}}, // the noun of 한국은행은
		{FormatVersion, "은행은행", nil},
		{formatWordSearch, "统计局", []string{"zh"}},
		{formatWordSearch, "统", []string{"zh", "zh-apart"}},
		{formatWordSearch, "ธนาคาร", nil}, // bleve's word breaker drops Thai
		{formatWordSearch, "한국은행", nil},   // a word, with its particle
		{formatWordSearch, "한국은행은", []string{"ko"}},
	}
	indexes := map[int]*Index{}
	for _, format := range []int{FormatVersion, formatWordSearch} {
		dir := filepath.Join(t.TempDir(), "x.index")
		if format == formatWordSearch {
			require.NoError(t, os.MkdirAll(dir, 0o755))
			lock, err := takeLock(dir, false)
			require.NoError(t, err)
			meta := testMeta
			meta.Format = formatWordSearch
			require.NoError(t, fillIndexWith(dir, dir, meta, newMapping(en.AnalyzerName)))
			require.NoError(t, lock.Close())
		}
		ix, err := Open(dir, Options{Create: true, Meta: testMeta})
		require.NoError(t, err)
		add(t, ix, docs...)
		assert.Equal(t, format, ix.Meta().Format)
		indexes[format] = ix
		t.Cleanup(func() { ix.Close() })
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res, err := indexes[tt.format].Search(Query{Text: tt.query, Size: 10})
			require.NoError(t, err)
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			assert.ElementsMatch(t, tt.want, got, "format %d", tt.format)
		})
	}
}

// BenchmarkTextAnalyzer analyzes a seed article (English) and a Chinese
// report with the text fields' analyzer and with bleve's "en": the cost of
// looking for letters of scripts written without spaces in English text,
// and of pairing them in Chinese.
func BenchmarkTextAnalyzer(b *testing.B) {
	english, err := os.ReadFile(filepath.Join("..", "testdata", "seeds", "000_4bd703d3e122696c.txt"))
	if err != nil {
		b.Fatal(err)
	}
	chinese := []byte("国家统计局周三公布的数据显示，十一月份全国居民消费价格同比上涨百分之零点二，环比下降百分之零点一。其中，城市上涨百分之零点三，农村持平。")
	for _, text := range []struct {
		name string
		data []byte
	}{{"english", english}, {"chinese", chinese}} {
		for _, name := range []string{textAnalyzer, en.AnalyzerName} {
			a := analyzerNamed(b, name)
			b.Run(text.name+"/"+name, func(b *testing.B) {
				b.SetBytes(int64(len(text.data)))
				for b.Loop() {
					a.Analyze(text.data)
				}
			})
		}
	}
}

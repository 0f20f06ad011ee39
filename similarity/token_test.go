package similarity

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"
)

// tokenTexts returns the token texts and the original words they span.
func tokenTexts(text string) (texts, words []string) {
	for _, t := range AppendTokens(nil, text, 0, len(text)) {
		texts = append(texts, t.Text)
		words = append(words, text[t.Start:t.End])
	}
	return texts, words
}

func TestAppendTokens(t *testing.T) {
	tests := []struct {
		in    string
		texts []string
		words []string // nil: same as in split on the texts' boundaries is not checked
	}{
		// Plain ASCII and case folding.
		{"", nil, nil},
		{"  \n\t ", nil, nil},
		{"The cat sat.", []string{"the", "cat", "sat"}, []string{"The", "cat", "sat"}},
		{"NATO's iPhone", []string{"nato", "iphone"}, []string{"NATO's", "iPhone"}},
		// Possessives and contractions; offsets keep the "'s".
		{"Trump's plan", []string{"trump", "plan"}, []string{"Trump's", "plan"}},
		{"Trump’s plan", []string{"trump", "plan"}, []string{"Trump’s", "plan"}},
		{"RUSSIA'S envoy", []string{"russia", "envoy"}, []string{"RUSSIA'S", "envoy"}},
		{"isn't don’t", []string{"isnt", "dont"}, []string{"isn't", "don’t"}},
		{"it's", []string{"it"}, []string{"it's"}},
		{"O'Brien's", []string{"obrien"}, []string{"O'Brien's"}},
		{"1990's", []string{"1990"}, []string{"1990's"}},
		{"'quoted' 'n'", []string{"quoted", "n"}, []string{"quoted", "n"}},
		{"the 'sandbox'", []string{"the", "sandbox"}, []string{"the", "sandbox"}},
		{"Jesus' words", []string{"jesus", "words"}, []string{"Jesus", "words"}},
		{"rock'n'roll", []string{"rocknroll"}, []string{"rock'n'roll"}},
		{"the ship'sail", []string{"the", "shipsail"}, []string{"the", "ship'sail"}},
		// Numbers: decimal points kept, thousands separators dropped.
		{"2.5 1,000 1,000,000.75", []string{"2.5", "1000", "1000000.75"}, []string{"2.5", "1,000", "1,000,000.75"}},
		{"ends 2. Then 3,", []string{"ends", "2", "then", "3"}, []string{"ends", "2", "Then", "3"}},
		{"U.S. v.2", []string{"u", "s", "v", "2"}, []string{"U", "S", "v", "2"}},
		{"$28bn, 20th", []string{"28bn", "20th"}, []string{"28bn", "20th"}},
		// Hyphens and dashes split.
		{"28-point peace—deal", []string{"28", "point", "peace", "deal"}, []string{"28", "point", "peace", "deal"}},
		{"e-mail – x", []string{"e", "mail", "x"}, nil},
		// Unicode: NFKC, case, marks, soft hyphen.
		{"Café ÉTÉ", []string{"café", "été"}, []string{"Café", "ÉTÉ"}},
		{"Cafe\u0301", []string{"café"}, []string{"Cafe\u0301"}},
		{"ﬁne ＡＢＣ", []string{"fine", "abc"}, []string{"ﬁne", "ＡＢＣ"}},
		{"x² ½", []string{"x2", "12"}, []string{"x²", "½"}},
		{"exam\u00adple", []string{"example"}, []string{"exam\u00adple"}},
		{"Straße ΚΑΛΗΜΕΡΑ", []string{"straße", "καλημερα"}, nil},
		{"Москва́ 北京", []string{"москва́", "北京"}, nil},
		// Invalid UTF-8 separates.
		{"ab\xffcd", []string{"ab", "cd"}, []string{"ab", "cd"}},
		{"\xe2\x80", nil, nil},
	}
	for _, tt := range tests {
		texts, words := tokenTexts(tt.in)
		assert.Equal(t, tt.texts, texts, "AppendTokens(%q) texts = %q, want %q", tt.in, texts, tt.texts)
		if tt.words != nil {
			assert.Equal(t, tt.words, words, "AppendTokens(%q) words = %q, want %q", tt.in, words, tt.words)
		}
	}
}

func TestAppendTokensRange(t *testing.T) {
	text := "Alpha beta GAMMA's delta"
	got := AppendTokens([]Token{{Text: "keep"}}, text, 6, 18)
	want := []Token{{Text: "keep"}, {"beta", 6, 10}, {"gamma", 11, 18}}
	assert.Equal(t, want, got)
	// The range cuts "GAMMA's" before the s: the apostrophe ends the word.
	got = AppendTokens(nil, text, 11, 17)
	assert.Equal(t, []Token{{"gamma", 11, 16}}, got)
	// Out-of-range bounds are clamped, never panic.
	assert.Len(t, AppendTokens(nil, text, -5, 1000), 4)
	assert.Empty(t, AppendTokens(nil, text, 10, 3))
	assert.Empty(t, AppendTokens(nil, text, 100, 200))
}

// TestAppendTokensBatches exercises the flushes of the lower-casing arena:
// more capitalized tokens than one batch, and tokens longer than the arena.
func TestAppendTokensBatches(t *testing.T) {
	var b strings.Builder
	for i := range 700 {
		fmt.Fprintf(&b, "Word%d lower ", i)
	}
	long := strings.Repeat("Ab", 1500)
	b.WriteString(long)
	text := b.String()
	toks := AppendTokens(nil, text, 0, len(text))
	require.Len(t, toks, 1401)
	for i := range 700 {
		assert.Equal(t, fmt.Sprintf("word%d", i), toks[2*i].Text)
		assert.Equal(t, "lower", toks[2*i+1].Text)
	}
	assert.Equal(t, strings.ToLower(long), toks[1400].Text)
}

func TestAppendTokensAllocs(t *testing.T) {
	text := article600(t)
	dst := make([]Token, 0, 1000)
	allocs := testing.AllocsPerRun(20, func() {
		dst = AppendTokens(dst[:0], text, 0, len(text))
	})
	// One shared lower-cased string per 256 capitalized tokens, plus the
	// rare contractions and non-ASCII words.
	assert.LessOrEqual(t, allocs, 3.0, "AppendTokens(600-word article) allocs = %v, want <= 3", allocs)
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain text", "plain text"},
		{"  a \t b\n\nc  ", "a b c"},
		{"“Quoted,” she said — it’s ‘fine’", `"Quoted," she said - it's 'fine'`},
		{"pre\u2010war 1\u20132 \u2212 3", "pre-war 1-2 - 3"},
		{"ﬁ ＡＢＣ\u00a0x …", "fi ABC x ..."},
		{"e\u0301t\u00e9", "été"},
		{"bad\xffbyte", "bad\ufffdbyte"},
		{"\u3000ideographic\u2003space\u2028", "ideographic space"},
		{"«guillemets»", `"guillemets"`},
	}
	for _, tt := range tests {
		got := Normalize(tt.in)
		assert.Equal(t, tt.want, got, "Normalize(%q) = %q, want %q", tt.in, got, tt.want)
	}
}

// snowballStop is the Snowball English stop list as published
// (snowballstem.org/algorithms/english/stop.txt).
var snowballStop = strings.Fields(`i me my myself we our ours ourselves you your yours yourself
yourselves he him his himself she her hers herself it its itself they them their theirs themselves
what which who whom this that these those am is are was were be been being have has had having do
does did doing would should could ought i'm you're he's she's it's we're they're i've you've we've
they've i'd you'd he'd she'd we'd they'd i'll you'll he'll she'll we'll they'll isn't aren't
wasn't weren't hasn't haven't hadn't doesn't don't didn't won't wouldn't shan't shouldn't can't
cannot couldn't mustn't let's that's who's what's here's there's when's where's why's how's a an
the and but if or because as until while of at by for with about against between into through
during before after above below to from up down in out on off over under again further then once
here there when where why how all any both each few more most other some such no nor not only own
same so than too very`)

func TestIsStopword(t *testing.T) {
	require.Len(t, snowballStop, 174)
	excluded := map[string]bool{"hell": true, "shell": true, "well": true, "ill": true,
		"id": true, "wed": true, "shed": true, "let": true}
	for _, w := range snowballStop {
		toks := AppendTokens(nil, w, 0, len(w))
		require.Len(t, toks, 1, "AppendTokens(%q)", w)
		n := toks[0].Text
		assert.Equal(t, !excluded[n], IsStopword(n), "IsStopword(%q) (from %q) = %v, want %v", n, w, IsStopword(n), !excluded[n])
	}
	for _, w := range []string{"trump", "ukraine", "plan", "", "The", "isn't", "well", "shell"} {
		assert.False(t, IsStopword(w), "IsStopword(%q) = true, want false", w)
	}
}

// checkTokens asserts the tokenizer invariants on text.
func checkTokens(t *testing.T, text string) {
	toks := AppendTokens(nil, text, 0, len(text))
	if ref := refAppendTokens(nil, text, 0, len(text)); !slices.Equal(toks, ref) {
		t.Fatalf("AppendTokens(%q) = %+v, want the reference %+v", text, toks, ref)
	}
	prevStart, prevEnd := -1, 0
	prevUnspaced := false
	for i, tok := range toks {
		// Only the bigrams of one run of unspaced letters overlap.
		r, _ := utf8.DecodeRuneInString(text[tok.Start:])
		unspaced := isUnspaced(r)
		overlap := tok.Start < prevEnd && !(unspaced && prevUnspaced)
		if overlap || tok.Start <= prevStart || tok.Start >= tok.End || tok.End > len(text) || tok.End < prevEnd {
			t.Fatalf("AppendTokens(%q) token %d = %+v after [%d, %d): bad offsets", text, i, tok, prevStart, prevEnd)
		}
		prevStart, prevEnd, prevUnspaced = tok.Start, tok.End, unspaced
		if tok.Text == "" || !utf8.ValidString(tok.Text) {
			t.Fatalf("AppendTokens(%q) token %d text = %q, want non-empty valid UTF-8", text, i, tok.Text)
		}
		if !norm.NFKC.IsNormalString(tok.Text) {
			t.Fatalf("AppendTokens(%q) token %d text = %q, not NFKC", text, i, tok.Text)
		}
		again := AppendTokens(nil, tok.Text, 0, len(tok.Text))
		if len(again) != 1 || again[0].Text != tok.Text || again[0].Start != 0 || again[0].End != len(tok.Text) {
			t.Fatalf("AppendTokens(%q) token %d text %q re-tokenizes to %+v, want itself", text, i, tok.Text, again)
		}
	}
	// Tokenizing a range gives the same tokens as the whole text inside it
	// when the range starts at a token and ends before a character that
	// cannot continue a word (the end of a range acts as such a character).
	if len(toks) >= 3 {
		lo, hi := toks[1].Start, toks[len(toks)-2].End
		if hi == len(text) || !continuesWord(text, hi) {
			sub := AppendTokens(nil, text, lo, hi)
			if !slices.Equal(sub, toks[1:len(toks)-1]) {
				t.Fatalf("AppendTokens(%q, %d, %d) = %+v, want %+v", text, lo, hi, sub, toks[1:len(toks)-1])
			}
		}
	}
}

func FuzzTokens(f *testing.F) {
	for _, s := range []string{
		"The U.S. isn't Trump's 28-point plan, costing $1,000.50 or 2.5%.",
		"It’s café “quoted” — ﬁne ½ x² rock'n'roll 1990's O’Brien’s",
		"e\u0301t\u00e9 exam\u00adple ＡＢＣ Straße İstanbul ǅ ﬃ ㎏",
		"\xff\xfe 'a' ''s 's a's\u0301 1.2.3 1,,2 9.,1",
		"\u0301start \u02bcx\u02bcs a\u02bcb \ufdfa \u037a",
	} {
		f.Add(s)
	}
	f.Fuzz(checkTokens)
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"", "  a  b ", "“x” — y", "\xff\u00a0\u3000", "e\u0301 \u0301", "ﬁ\t\n½"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Normalize(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Normalize(%q) = %q, invalid UTF-8", s, got)
		}
		if again := Normalize(got); again != got {
			t.Fatalf("Normalize(Normalize(%q)) = %q, want %q", s, again, got)
		}
		if strings.HasPrefix(got, " ") || strings.HasSuffix(got, " ") || strings.Contains(got, "  ") {
			t.Fatalf("Normalize(%q) = %q, has stray spaces", s, got)
		}
	})
}

func ExampleAppendTokens() {
	text := "Trump's 28-point plan isn't final, officials said."
	for _, t := range AppendTokens(nil, text, 0, len(text)) {
		fmt.Printf("%s %q\n", t.Text, text[t.Start:t.End])
	}
	// Output:
	// trump "Trump's"
	// 28 "28"
	// point "point"
	// plan "plan"
	// isnt "isn't"
	// final "final"
	// officials "officials"
	// said "said"
}

// trickyPieces are the building blocks of TestTokensGenerated: characters
// and sequences at every branch of the tokenizer and of NFKC and case
// mapping.
var trickyPieces = []string{
	"a", "B", "s", "S", "z", "0", "7", " ", "\n", "-", "—", ".", ",", "'", "’", "‘", "ʼ", "＇",
	"\u00ad", "\u0301", "\u0307", "é", "É", "ß", "İ", "ı", "ǅ", "ﬁ", "ﬃ", "½", "²", "①", "Ⅻ",
	"１", "٣", "㎏", "℡", "\ufdfa", "\u037a", "ͅ", "Σ", "ς", "ᾳ", "\u1e9e", "가", "\u1100\u1161",
	"北", "\xff", "\xe2\x80", "\u200d", "\u2044", "'s", "’S", "n't", "1,000", "2.5",
	"国家", "々", "か", "カ", "ｶ", "ﾞ", "ー", "。", "ไทย", "\u0e34", "๑", "\ufa10",
}

func TestTokensGenerated(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	for range 20000 {
		b.Reset()
		for range 1 + r.IntN(12) {
			b.WriteString(trickyPieces[r.IntN(len(trickyPieces))])
		}
		checkTokens(t, b.String())
		s := b.String()
		n := Normalize(s)
		if Normalize(n) != n || !utf8.ValidString(n) {
			t.Fatalf("Normalize(%q) = %q, not a fixed point", s, n)
		}
	}
}

// TestTokensOfNormalized checks that AppendTokens needs no prior Normalize
// on real articles: the seed articles (curly quotes, dashes, possessives)
// give the same token texts either way.
func TestTokensOfNormalized(t *testing.T) {
	for i, text := range seedTexts(t) {
		raw, _ := tokenTexts(text)
		norm, _ := tokenTexts(Normalize(text))
		assert.Equal(t, raw, norm, "seed %d: tokens of Normalize(text) differ from tokens of text", i)
		assert.Greater(t, len(raw), 300)
	}
}

// seedTexts returns the texts of the seed articles in testdata/seeds.
func seedTexts(t *testing.T) []string {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "seeds", "*.txt"))
	require.NoError(t, err)
	require.Len(t, files, 5)
	var texts []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		texts = append(texts, string(b))
	}
	return texts
}

// TestAppendTokensReference checks the block tokenizer against the
// rune-at-a-time scanner alone on long texts, where runs cross the 64-byte
// blocks, and on random ranges of them.
func TestAppendTokensReference(t *testing.T) {
	texts := seedTexts(t)
	words := strings.Fields(texts[1])
	r := rand.New(rand.NewPCG(13, 14))
	var b strings.Builder
	for range 3000 {
		b.Reset()
		for range r.IntN(60) {
			switch r.IntN(8) {
			case 0:
				b.WriteString(trickyPieces[r.IntN(len(trickyPieces))])
			case 1: // a long word or piece, up to three blocks
				w := words[r.IntN(len(words))]
				if r.IntN(2) == 0 {
					w = trickyPieces[r.IntN(len(trickyPieces))]
				}
				b.WriteString(strings.Repeat(w, 1+r.IntN(200/max(len(w), 1))))
			default:
				b.WriteString(words[r.IntN(len(words))])
			}
			b.WriteByte(" \n,.'-"[r.IntN(6)])
		}
		texts = append(texts, b.String())
	}
	for _, text := range texts {
		got := AppendTokens(nil, text, 0, len(text))
		want := refAppendTokens(nil, text, 0, len(text))
		require.Equal(t, want, got, "AppendTokens(%q)", text)
		for range 5 {
			lo := r.IntN(len(text) + 1)
			hi := lo + r.IntN(len(text)-lo+1)
			got = AppendTokens(got[:0], text, lo, hi)
			want = refAppendTokens(want[:0], text, lo, hi)
			require.Equal(t, want, got, "AppendTokens(%q, %d, %d)", text, lo, hi)
		}
	}
}

// TestAddFiltered checks the ASCII shortcut for words with apostrophes and
// number punctuation against normalizeWord, on words of the shapes the
// scanner joins: letters around an apostrophe, digits around '.' or ','.
func TestAddFiltered(t *testing.T) {
	r := rand.New(rand.NewPCG(19, 20))
	const letters, digits = "abzABZ", "0159"
	var lw lowerer
	var dst []Token
	var words []string
	for range 5000 {
		var b []byte
		for i := range 1 + r.IntN(4) {
			set := letters
			if r.IntN(2) == 0 {
				set = digits
			}
			if i > 0 {
				if strings.IndexByte(letters, b[len(b)-1]) >= 0 {
					set = letters
					b = append(b, '\'')
				} else {
					set = digits
					b = append(b, ".,"[r.IntN(2)])
				}
			}
			for range 1 + r.IntN(4) {
				b = append(b, set[r.IntN(len(set))])
			}
		}
		w := string(b)
		words = append(words, w)
		dst = lw.addFiltered(dst, w, 0, len(w), len(w))
	}
	lw.flush(dst)
	for i, w := range words {
		if want := normalizeWord(w); dst[i].Text != want {
			t.Fatalf("addFiltered(%q) = %q, want %q", w, dst[i].Text, want)
		}
	}
}

// The fast path of unspaced tokens gives what the general one would.
func TestStableIsNormal(t *testing.T) {
	for _, r := range [][2]rune{{0x4e00, 0x9fff}, {0x3400, 0x4dbf}, {0x3041, 0x3096}, {0x30a1, 0x30fa}, {0x30fc, 0x30fc}} {
		for c := r[0]; c <= r[1]; c++ {
			w := string(c)
			require.True(t, stable(w), "%U", c)
			require.Equal(t, w, normalizeWord(w), "%U", c)
			require.True(t, isUnspaced(c), "%U", c)
		}
	}
	assert.False(t, stable("か\u3099"), "a kana with a mark composes")
	assert.False(t, stable("ｶ"), "halfwidth kana is folded")
	assert.False(t, stable("\u0e33"), "Thai is folded by NFKC")
}

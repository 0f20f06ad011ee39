package editorial

import (
	"bytes"
	"encoding/json"
	"errors"
	"maps"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/internal/devdata"
)

func TestTokens(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		// Words keep inner apostrophes and hyphens, and offsets are bytes.
		{"Don’t call it “far-right”!", []string{"don't", "call", "it", "far-right"}},
		{"-- well-- 'quoted' U.S.", []string{"well", "quoted", "u", "s"}},
		{"", nil},
		{"Über naïve 2025", []string{"über", "naïve", "2025"}},
		// A combining mark belongs to its word, which reads as the
		// composed letters.
		{"The re\u0301sume\u0301 of a cafe\u0301’s owner", []string{"the", "résumé", "of", "a", "café's", "owner"}},
		// Format characters inside a word (a soft hyphen, a zero-width
		// space or joiner, a direction mark) are no break and no letter.
		{"An ab\u00adsurd, reck\u200bless\u00ad plan\u200e.", []string{"an", "absurd", "reckless", "plan"}},
	} {
		var got []string
		for _, tk := range Tokens(c.in, 0, len(c.in)) {
			got = append(got, tk.Lower)
			if Tokens(c.in[tk.Start:tk.End], 0, tk.End-tk.Start)[0].Lower != tk.Lower {
				t.Errorf("Tokens(%q): %+v does not point at its word", c.in, tk)
			}
		}
		if len(got) != len(c.want) {
			t.Errorf("Tokens(%q) = %q, want %q", c.in, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("Tokens(%q) = %q, want %q", c.in, got, c.want)
				break
			}
		}
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"", "“a\n”b", `"x" said y.`, "One. Two? Three!\n\nFour", "\xff\xfe“"} {
		f.Add(s)
	}
	d, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		res, err := d.Text(text)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range res.Sentences {
			if s.Start < 0 || s.End > len(text) || s.Start >= s.End || math.IsNaN(s.PEditorial) {
				t.Fatalf("bad sentence %+v in %q", s, text)
			}
		}
		for _, s := range res.Spans {
			if text[s.Start:s.End] != s.Text {
				t.Fatalf("span %+v does not point at its text in %q", s, text)
			}
		}
	})
}

// TestModelRoundTrip: the shipped weights written again read back the
// same, to the 16-bit quantization.
func TestModelRoundTrip(t *testing.T) {
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := d.Model().WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), modelFile) {
		t.Errorf("writing the shipped weights again gives %d bytes that differ from model.bin (%d)", buf.Len(), len(modelFile))
	}
	for _, bad := range [][]byte{nil, []byte("not a model"), modelFile[:len(modelFile)/2]} {
		if _, err := ReadModel(bytes.NewReader(bad)); !errors.Is(err, ErrModelFormat) {
			t.Errorf("ReadModel(%d bytes) = %v, want ErrModelFormat", len(bad), err)
		}
	}
}

// TestFitDeterministic: the same examples give the same weights, with
// and without bagging, and a separable feature is learned.
func TestFitDeterministic(t *testing.T) {
	var ex []Example
	for i := range 200 {
		text := "the plan is fine"
		y := i%2 == 0
		if y {
			text = "the plan is absurd"
		}
		ex = append(ex, SentenceExample(text, Range{0, len(text)}, Context{}, y))
	}
	for _, s := range []Settings{{Epochs: 3, L2: 1e-5, Rate: 0.1}, {Epochs: 3, L2: 1e-5, Rate: 0.1, Bags: 3}} {
		a, b := Fit(ex, s), Fit(ex, s)
		if a.Intercept != b.Intercept || !slices.Equal(a.W, b.W) {
			t.Fatalf("Fit(%+v) is not deterministic", s)
		}
		if p, q := a.Prob(ex[0].fs), a.Prob(ex[1].fs); p < 0.9 || q > 0.1 {
			t.Errorf("Fit(%+v) did not learn the separable word: p(absurd) %.2f, p(fine) %.2f", s, p, q)
		}
	}
}

// TestConcurrent: one detector read from several goroutines gives the
// results of a single one (run with -race).
func TestConcurrent(t *testing.T) {
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"A truly shameful, absurd decision.", "The council met on Monday, officials said.", "Isn't this what we feared?"}
	want := make([]*Result, len(texts))
	for i, x := range texts {
		if want[i], err = d.Text(x); err != nil {
			t.Fatal(err)
		}
	}
	errs := make(chan error, 8)
	for g := range 8 {
		go func() {
			for i := range texts {
				x := texts[(i+g)%len(texts)]
				got, err := d.Text(x)
				if err == nil && got.EditorialScore != want[(i+g)%len(texts)].EditorialScore {
					err = errors.New("different result under concurrency for " + x)
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// TestDecide: the label comes from p_editorial, or from the writer's
// stance stated in person, which makes an unattributed sentence editorial
// commentary; an unattributed editorial sentence is also commentary at the commentary threshold, or at the
// voice threshold when the writer speculates or asks a rhetorical question; an editorial
// sentence with no loaded word and no commentary span shows its most
// loaded word when that reaches the least threshold.
func TestDecide(t *testing.T) {
	text := "They surely wrecked the plan"
	toks := Tokens(text, 0, len(text))
	cands := func(ps ...float64) []Candidate {
		var out []Candidate
		for i, p := range ps {
			out = append(out, Candidate{Start: toks[i+1].Start, End: toks[i+1].End, P: p, tok: i + 1})
		}
		return out
	}
	th := Thresholds{Sentence: 0.5, Word: 0.4, Commentary: 0.9, Voice: 0.5, Least: 0.2}
	for _, c := range []struct {
		name                string
		ped, pop            float64
		voice               []string
		reporting           bool
		ps                  []float64
		kind, label, loaded string
	}{
		{"neutral", 0.4, 0.95, []string{CueSpeculation}, false, []float64{0.9, 0.9}, KindBackground, LabelNeutral, ""},
		{"confident opinion", 0.6, 0.95, nil, false, []float64{0.1, 0.1}, KindCommentary, LabelEditorial, ""},
		{"speculation, opinion likely", 0.6, 0.6, []string{CueSpeculation}, false, []float64{0.1, 0.1}, KindCommentary, LabelEditorial, ""},
		{"speculation, opinion unlikely", 0.6, 0.4, []string{CueSpeculation}, false, []float64{0.1, 0.3}, KindBackground, LabelEditorial, "wrecked"},
		{"other voice cues, opinion likely", 0.6, 0.6, []string{CuePerson, CueBooster}, false, []float64{0.1, 0.5}, KindBackground, LabelEditorial, "wrecked"},
		{"question alone, opinion likely", 0.6, 0.6, []string{CueQuestion}, false, []float64{0.1, 0.5}, KindBackground, LabelEditorial, "wrecked"},
		{"question in the first person, opinion likely", 0.6, 0.6, []string{CuePerson, CueQuestion}, false, []float64{0.1, 0.5}, KindBackground, LabelEditorial, "wrecked"},
		{"rhetorical question, opinion likely", 0.6, 0.6, []string{CueQuestion, CueRhetorical}, false, []float64{0.1, 0.5}, KindCommentary, LabelEditorial, "wrecked"},
		{"rhetorical question, opinion unlikely", 0.6, 0.4, []string{CueQuestion, CueRhetorical}, false, []float64{0.1, 0.5}, KindBackground, LabelEditorial, "wrecked"},
		{"no voice", 0.6, 0.6, nil, false, []float64{0.5, 0.6}, KindBackground, LabelEditorial, "surely wrecked"},
		{"attributed", 0.6, 0.95, []string{CueSpeculation}, true, []float64{0.1, 0.1}, KindReporting, LabelEditorial, ""},
		{"nothing reaches least", 0.6, 0.1, nil, false, []float64{0.1, 0.15}, KindBackground, LabelEditorial, ""},
		{"stance in person, unlikely editorial", 0.3, 0.2, []string{CueSpeculation, CueStance}, false, []float64{0.1, 0.5}, KindCommentary, LabelEditorial, "wrecked"},
		{"stance in person, attributed", 0.3, 0.2, []string{CueSpeculation, CueStance}, true, []float64{0.1, 0.5}, KindReporting, LabelNeutral, ""},
	} {
		a := Analysis{Sentence: Sentence{Start: 0, End: len(text), PEditorial: c.ped}, POpinion: c.pop,
			Voice: c.voice, Reporting: c.reporting, Candidates: cands(c.ps...)}
		a.Decide(text, th)
		var loaded []string
		for _, l := range a.Loaded {
			loaded = append(loaded, text[l.Start:l.End])
		}
		if a.Kind != c.kind || a.Label != c.label || strings.Join(loaded, "|") != c.loaded {
			t.Errorf("%s: kind %s label %s loaded %q, want %s %s %q", c.name, a.Kind, a.Label, loaded, c.kind, c.label, c.loaded)
		}
	}
}

// TestFixedPhrases: the words of WordNet's multiword adverbs are marked,
// wherever the phrase stands and whatever its case; the same words
// outside such a phrase are not.
func TestFixedPhrases(t *testing.T) {
	lx := loadLexicons()
	for _, c := range []struct {
		text string
		want string // the marked words, "|"-separated
	}{
		{"They signaled confidence about the progress so far.", "so|far"},
		{"So far, so good.", "So|far"},
		{"Of course the far right objected.", "Of|course"},
		{"It was by far the worst at least once.", "by|far|at|least"},
		{"The far right is so angry.", ""},
		{"far", ""},
		{"", ""},
	} {
		toks := Tokens(c.text, 0, len(c.text))
		fixed := lx.fixedPhrases(toks)
		var got []string
		for i, f := range fixed {
			if f {
				got = append(got, c.text[toks[i].Start:toks[i].End])
			}
		}
		if g := strings.Join(got, "|"); g != c.want {
			t.Errorf("fixedPhrases(%q) = %q, want %q", c.text, g, c.want)
		}
	}
}

// TestVoice: cues of the writer's voice outside quotations.
func TestVoice(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"One can only assume they hate it.", []string{CueSpeculation, CueStance}},
		{"I would guess they left.", []string{CuePerson, CueSpeculation, CueStance}},
		{"We might well assume so.", []string{CuePerson, CueSpeculation}}, // "well" is not a modal or focusing adverb
		{"They assume we left.", []string{CuePerson, CueSpeculation}},
		{`He said: "We suspect them."`, nil},
		{"Who could have guessed?", []string{CueQuestion, CueSpeculation}},
		{"We think it might fail.", []string{CuePerson, CueSpeculation}},
		{"The deal appears to have stalled.", []string{CueSpeculation}},
		{"The minister appeared on television.", nil},
		{"The US plan is new!", []string{CueQuestion}},
		{"Let us hope it holds!", []string{CuePerson, CueQuestion}},
		{"The suspect was arrested.", nil},
		{"We suspect the suspect.", []string{CuePerson, CueSpeculation, CueStance}},
		{"The vote is supposed to take place on Monday.", nil},
		{"Clearly, the talks failed!", []string{CueQuestion, CueBooster}},
		{"Unfortunately, the talks failed.", []string{CueAttitude}},
		{"The talks failed, officials said.", nil},
		{`He asked, "Are we sure?"`, nil},
		{"One official left.", nil},
		// Rhetorical questions: a negative interrogative, not any question.
		{"Isn't this exactly the mismanagement we were promised would end?", []string{CuePerson, CueQuestion, CueRhetorical}},
		{"But won’t it be absurdly difficult to enforce?", []string{CueQuestion, CueRhetorical}},
		{"Why isn't it over?", []string{CueQuestion}},
		{"Isn't it over.", nil},
		{`"Isn't it over?" he asked.`, nil},
		{`He asked: "Don't they know?"`, nil},
		// Interjections set off at the sentence's opening.
		{"That’s right—real talks without the diplomats.", []string{CueInterject}},
		{"And sure, the plan has flaws.", []string{CueInterject}},
		{"Of course, nobody asked Kyiv.", []string{CueInterject}},
		{"Well, the talks failed.", []string{CueInterject}},
		{"No — the talks failed.", []string{CueInterject}},
		{"No one was hurt.", nil},
		{"Well-placed officials left.", nil},
		{"Sure enough the talks failed.", nil},
		{"That's right where the border runs.", nil},
		{`"Yes, we agreed," he said.`, nil},
	} {
		ctx := newContext(c.text, Range{0, len(c.text)}, Context{InQuote: InQuote(c.text)})
		if got := ctx.voice(); !slices.Equal(got, c.want) {
			t.Errorf("%q: voice %q, want %q", c.text, got, c.want)
		}
	}
}

// TestWithTopics: a word is of the text's subject when it is used, by
// stem, in two or more sentences, in the writer's own voice or in
// quotations; repeats in one sentence do not count; such a word is never
// loaded wording.
func TestWithTopics(t *testing.T) {
	text := `The envoys met. The envoy left, the envoy said. A "brutal" talk. "It was brutal," he said. Meetings, meetings.`
	ss, err := Sentences(text)
	if err != nil {
		t.Fatal(err)
	}
	ctx := Context{InQuote: InQuote(text)}.WithTopics(text, ss)
	for w, want := range map[string]bool{"envoy": true, "envoys": true, "said": true, "brutal": true, "meetings": false, "met": false} {
		if got := ctx.Topic(stem(w)); got != want {
			t.Errorf("Topic(%q) = %v, want %v", w, got, want)
		}
	}
	if (Context{}).WithTopics("One sentence, one envoy, another envoy.", []Range{{0, 38}}).Topic(stem("envoy")) {
		t.Error("a word repeated within one sentence is a topic")
	}
	a := Analysis{Sentence: Sentence{End: len(text), PEditorial: 0.9}, POpinion: 0.1,
		Candidates: []Candidate{{Start: 4, End: 10, P: 0.9, Topic: true}}}
	a.Decide(text, Thresholds{Sentence: 0.5, Word: 0.4, Commentary: 0.9, Voice: 0.5, Least: 0.2})
	if len(a.Loaded) != 0 {
		t.Errorf("a topic word is loaded: %+v", a.Loaded)
	}
}

// The words WithTopics keeps for each sentence give the analysis that
// reading the sentence again gives.
func TestWithTopicsKeepsWords(t *testing.T) {
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	seeds := readSeeds(t)
	for _, id := range slices.Sorted(maps.Keys(seeds)) {
		text := seeds[id]
		ss, err := Sentences(text)
		if err != nil {
			t.Fatal(err)
		}
		ctx := Context{InQuote: InQuote(text)}.WithTopics(text, ss)
		plain := Context{InQuote: ctx.InQuote, Topic: ctx.Topic}
		for _, s := range ss {
			if got, want := d.Sentence(text, s, ctx), d.Sentence(text, s, plain); !reflect.DeepEqual(got, want) {
				t.Errorf("%s %d-%d: with the kept words %+v, read again %+v", id, s.Start, s.End, got, want)
			}
		}
	}
}

// Sentences in other languages are left unscored: the models know
// English only and took the words they never saw for loaded (a German
// or Arabic article scored 500–1,000 per 1,000 words).
func TestOtherLanguages(t *testing.T) {
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		text    string
		english bool
	}{
		{"The senator unveiled yet another absurd plan.", true},
		{"Ryan said stiffly.", true},                    // a fragment: too few words to tell
		{"Biden, Trump and Obama in Washington.", true}, // names
		{"Die Regierung hat gestern einen neuen Plan vorgestellt.", false},
		{"El gobierno presentó ayer un nuevo plan.", false},
		{"Los críticos lo llaman absurdo.", false},
		{"Le gouvernement a présenté hier un nouveau plan.", false},
		{"Il governo ha presentato ieri un nuovo piano.", false},
		{"O governo apresentou ontem um novo plano.", false},
		{"De regering heeft gisteren een nieuw plan gepresenteerd.", false},
		{"هذا نص عربي قصير عن الخطة الجديدة.", false},
		{"政府昨天公布了一项新计划，批评者称其荒谬。", false},
	} {
		s := Range{Start: 0, End: len(tt.text)}
		if got := newContext(tt.text, s, Context{}).english(); got != tt.english {
			t.Errorf("english(%q) = %v, want %v", tt.text, got, tt.english)
		}
		if a := d.Probabilities(tt.text, s, Context{}); !tt.english && (a.PEditorial != 0 || a.OwnWords != 0 || len(a.Candidates) != 0) {
			t.Errorf("%q scored: p %.2f, %d own words, %d candidates", tt.text, a.PEditorial, a.OwnWords, len(a.Candidates))
		}
	}
	res, err := d.Text("Die Regierung hat gestern einen neuen Plan vorgestellt. Kritiker nennen ihn völlig absurd.")
	if err != nil {
		t.Fatal(err)
	}
	if res.EditorialScore != 0 || len(res.Spans) != 0 {
		t.Errorf("a German text scored %.1f with %d spans", res.EditorialScore, len(res.Spans))
	}
	// A paragraph of news in each language (testdata/languages.jsonl,
	// one report written for the test in each): the whole text is read
	// as not English, though some of its short sentences pass the
	// sentence check ("Kritikerna kallar den absurd.": den, absurd).
	for _, rec := range readTexts(t, filepath.Join("testdata", "languages.jsonl")) {
		ss, err := Sentences(rec.Text)
		if err != nil {
			t.Fatal(err)
		}
		ctx := Context{InQuote: InQuote(rec.Text)}.WithTopics(rec.Text, ss)
		scored := 0
		for _, s := range ss {
			if d.Probabilities(rec.Text, s, ctx).OwnWords > 0 {
				scored++
			}
		}
		res, err := d.Text(rec.Text)
		if err != nil {
			t.Fatal(err)
		}
		if english := rec.ID == "en"; english != (scored == len(ss)) || !english && (scored > 0 || res.EditorialScore != 0) {
			t.Errorf("%s: %d of %d sentences scored, score %.1f", rec.ID, scored, len(ss), res.EditorialScore)
		}
		if res.Unscored != len(ss)-scored {
			t.Errorf("%s: %d sentences counted unscored, %d are", rec.ID, res.Unscored, len(ss)-scored)
		}
		for _, s := range res.Sentences {
			if (s.Unscored == NotEnglish) != (rec.ID != "en") {
				t.Errorf("%s %d-%d: unscored %q", rec.ID, s.Start, s.End, s.Unscored)
			}
		}
	}
}

// readTexts reads the id and text of each record of a JSON lines file.
func readTexts(t *testing.T, path string) []struct{ ID, Text string } {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var recs []struct{ ID, Text string }
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var rec struct{ ID, Text string }
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		recs = append(recs, rec)
	}
	return recs
}

// TestEnglishTextsRead: no English text of the development data is read
// as another language as a whole, the texts of 40 words or more keeping
// one word in twelve or more among English's commonest function words.
func TestEnglishTextsRead(t *testing.T) {
	lx := loadLexicons()
	least, texts := 1.0, 0
	most, shorts := 0.0, 0 // the unknown share of texts of 5 lower-case words or more
	for _, f := range []string{"data/babe-dev/sentences.jsonl", "data/basil-dev/articles.jsonl", "data/neus-dev/articles.jsonl", "data/ecbplus-dev/articles.jsonl"} {
		for _, rec := range readTexts(t, devdata.Path(t, f)) {
			var lang languageCount
			for _, tok := range Tokens(rec.Text, 0, len(rec.Text)) {
				lang.add(rec.Text[tok.Start:tok.End], tok.Lower, info(tok.Lower, lx).english)
			}
			if lang.notEnglish() {
				t.Errorf("%s %s: read as not English (%d of %d words function words)", f, rec.ID, lang.function, lang.words)
			}
			if lang.words >= 40 {
				texts++
				least = min(least, float64(lang.function)/float64(lang.words))
			}
			if lang.lower >= 5 {
				shorts++
				most = max(most, float64(lang.unknown)/float64(lang.lower))
			}
		}
	}
	t.Logf("%d texts of 40 words or more; the least share of function words %.3f", texts, least)
	t.Logf("%d texts of 5 lower-case words or more; the most of them no common English word %.3f", shorts, most)
}

// TestShortOtherLanguages: a text of a sentence or two in another
// language is read as not English as a whole: the first sentence, and
// the first two, of each paragraph of testdata/languages.jsonl.
func TestShortOtherLanguages(t *testing.T) {
	lx := loadLexicons()
	read := func(text string) languageCount {
		var lang languageCount
		for _, tok := range Tokens(text, 0, len(text)) {
			lang.add(text[tok.Start:tok.End], tok.Lower, info(tok.Lower, lx).english)
		}
		return lang
	}
	for _, rec := range readTexts(t, filepath.Join("testdata", "languages.jsonl")) {
		ss, err := Sentences(rec.Text)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{1, 2} {
			text := rec.Text[:ss[n-1].End]
			if lang := read(text); lang.notEnglish() != (rec.ID != "en") {
				t.Errorf("%s, %d sentences: not English %v (%d of %d lower-case words unknown, %d function words)",
					rec.ID, n, lang.notEnglish(), lang.unknown, lang.lower, lang.function)
			}
		}
	}
	if lang := read("Regeringen presenterade i går en ny plan. Kritikerna kallar den absurd."); !lang.notEnglish() {
		t.Errorf("two Swedish sentences read as English: %+v", lang)
	}
}

// TestQuotedWordsNotLoaded: words inside a quotation are the speaker's,
// whichever marks quote them, and are never the outlet's loaded wording;
// one to three quoted words in a sentence that attributes nothing are scare
// quotes, the writer's own, and are read as candidates. A quotation that a
// verb of naming gives to a subject ("called it 'X'", "what she calls
// 'X'", "referred to him as 'X'") is attributed, and its sentence is
// reporting; "so-called", a passive participle and a noun ("a brand of")
// attribute nothing.
func TestQuotedWordsNotLoaded(t *testing.T) {
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range [][2]string{{`"`, `"`}, {"“", "”"}, {"'", "'"}, {"‘", "’"}, {"«", "»"}, {"„", "“"}} {
		text := "The senator called the deal " + q[0] + "a disgraceful and shameful betrayal," + q[1] +
			" the network reported on Tuesday. Talks resumed in Geneva."
		res, err := d.Text(text)
		if err != nil {
			t.Fatal(err)
		}
		for _, sp := range res.Spans {
			t.Errorf("%s…%s: %q flagged (%s)", q[0], q[1], sp.Text, sp.Why)
		}
	}
	for _, tc := range []struct {
		text, word string
		scare      bool // the word is a scare quote, a candidate
	}{
		{"The company's 'reforms' cut the pensions of every worker.", "reforms", true},
		{"The company’s “reforms” cut the pensions of every worker.", "reforms", true},
		{`The so-called "experts" were wrong about the economy.`, "experts", true},
		{`The so called "experts" were wrong about the economy.`, "experts", true},
		{`It might be this new brand of "journalism" that voters reject.`, "journalism", true},
		{`Bundy's brand of far-right "constitutionalist" politics won few votes.`, "constitutionalist", true},
		{`A segment of society, labeled "birthers," doubts the certificate.`, "birthers", true},
		{`There is no real trait called "gender" in the bill.`, "gender", true},
		{`The bill was called "radical" for months.`, "radical", true},
		{`At one point, Weiner referred to a reporter in the scrum as a "jackass."`, "jackass", false},
		{`Nadler derided what he called the "ritualistic reading" as "total nonsense" and a waste of time.`, "nonsense", false},
		{`Nadler derided what he called the "ritualistic reading" as "total nonsense" and a waste of time.`, "ritualistic", false},
		{`The author does criticize what she calls the "radical" nature of the Tea Party.`, "radical", false},
		{`Boehner pointed to what aides called "orphan districts" in the budget.`, "orphan", false},
		{`Obama issued a statement calling the tax deal "a steep price" for the middle class.`, "steep", false},
		{`Critics call the plan "reckless" and vow to fight it.`, "reckless", false},
		{`Police dubbed the suspect the "nightmare" burglar.`, "nightmare", false},
		{`Protesters labeled the lockdowns "tyranny" on Monday.`, "tyranny", false},
		{`The rollback, called an "international treasure" by one former official, ends soon.`, "treasure", false},
		{`The city's police chief derided the zone as "lawless" on Wednesday.`, "lawless", false},
	} {
		text := tc.text
		a, cands := candidateWords(d, text)
		if got := slices.Contains(cands, tc.word); got != tc.scare {
			t.Errorf("%q: %q a candidate %v, want %v (candidates %q)", text, tc.word, got, tc.scare, cands)
		}
		if !tc.scare && !a.Reporting {
			t.Errorf("%q: attributed by a verb of naming, not reporting", text)
		}
	}
}

// TestAddressesNotLoaded: the words of a web or email address are a slug
// or a name, never loaded wording; the words around it are read.
func TestAddressesNotLoaded(t *testing.T) {
	d, err := Default()
	require.NoError(t, err)
	for _, tc := range []struct {
		text string
		want []string // the candidates
	}{
		{"See https://example.com/absurd-reckless-plan for the absurd details.", []string{"See", "absurd", "details"}},
		{"Read it at www.example.com/shameful-betrayal (a shameful read).", []string{"Read", "shameful", "read"}},
		{"Write to shameful.tips@example.org, the reckless desk.", []string{"Write", "reckless", "desk"}},
		{"The “http://example.com/disgrace” link was shameful.", []string{"link", "shameful"}},
		{"A reckless @handle posted again.", []string{"reckless", "handle", "posted"}},
	} {
		_, cands := candidateWords(d, tc.text)
		assert.Equal(t, tc.want, cands, tc.text)
	}
}

// candidateWords reads text as one sentence, its quotations found, and
// returns the reading and the words that can be loaded wording.
func candidateWords(d *Detector, text string) (Analysis, []string) {
	a := d.Probabilities(text, Range{Start: 0, End: len(text)}, Context{InQuote: InQuote(text)})
	var cands []string
	for _, c := range a.Candidates {
		cands = append(cands, text[c.Start:c.End])
	}
	return a, cands
}

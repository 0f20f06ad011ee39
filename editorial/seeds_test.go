package editorial

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wirediff/wirediff/corpus"
)

// seedWords are neutral words of the seeds that a lexicon flags as loaded
// ("sovereign wealth fund", "battlefield successes", "halt hostilities",
// "the progress so far"), that the word model rates loaded with no
// evidence of its own while the article names its subject with them
// ("envoy", "war"), or for the name beside them ("the Trump camp").
var seedWords = []string{"wealth", "supporters", "hostilities", "warring", "successes", "envoy", "war", "camp", "far"}

func readSeeds(t testing.TB) map[string]string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("..", "testdata", "seeds", "*.txt"))
	if err != nil || len(names) != 5 {
		t.Fatalf("want the five seeds in testdata/seeds, got %v (%v)", names, err)
	}
	out := map[string]string{}
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		out[strings.TrimSuffix(filepath.Base(n), ".txt")] = strings.ReplaceAll(string(b), "\r\n", "\n")
	}
	return out
}

// TestSeeds: 003, the rewrite full of asides, is the most editorial seed;
// its sarcastic and speculative sentences are editorial; the neutral words
// a lexicon flags are not loaded wording.
//
// Each seed is read as a bare text ([Detector.Text]) and as the article
// the editorial command reads ([Detector.Article]: the corpus reader's
// article, its page furniture unscored).
func TestSeeds(t *testing.T) {
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, article := range []bool{false, true} {
		t.Run(map[bool]string{false: "text", true: "article"}[article], func(t *testing.T) {
			checkSeeds(t, d, article)
		})
	}
}

func checkSeeds(t *testing.T, d *Detector, article bool) {
	seeds := readSeeds(t)
	if article {
		seeds = map[string]string{}
	}
	results := map[string]*Result{}
	if article {
		_, err := corpus.Read([]string{filepath.Join("..", "testdata", "seeds")}, corpus.Options{}, func(a corpus.Article) error {
			res, err := d.Article(&a)
			seeds[a.ID], results[a.ID] = a.Text, res
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	ids := slices.Sorted(maps.Keys(seeds))
	most, mostScore := "", -1.0
	for _, id := range ids {
		text := seeds[id]
		res := results[id]
		if res == nil {
			var err error
			if res, err = d.Text(text); err != nil {
				t.Fatal(err)
			}
		}
		t.Logf("%s: editorial score %.1f, %d spans", id, res.EditorialScore, len(res.Spans))
		if res.EditorialScore > mostScore {
			most, mostScore = id, res.EditorialScore
		}
		for _, sp := range res.Spans {
			if text[sp.Start:sp.End] != sp.Text || sp.Kind != SpanEditorial {
				t.Errorf("%s: span %+v does not point at its text", id, sp)
			}
			// A word is its cue, whichever of its features weighed (not
			// "the letters of “can”, the word “can”"), named once.
			if strings.Contains(sp.Why, "letters of") || strings.Contains(sp.Why, "ending of") {
				t.Errorf("%s: %q", id, sp.Why)
			}
			if _, cues, ok := strings.Cut(sp.Why, "): "); ok {
				cues, _, _ = strings.Cut(cues, ";")
				list := strings.Split(cues, ", ")
				if len(slices.Compact(slices.Sorted(slices.Values(list)))) != len(list) {
					t.Errorf("%s: a cue named twice in %q", id, sp.Why)
				}
			}
			if !strings.HasPrefix(sp.Why, "loaded wording") {
				continue // a commentary sentence
			}
			for _, tk := range Tokens(text, sp.Start, sp.End) {
				if slices.Contains(seedWords, tk.Lower) {
					t.Errorf("%s: %q flagged in %q (%s)", id, tk.Lower, sp.Text, sp.Why)
				}
			}
		}
		if !strings.HasPrefix(id, "003") {
			continue
		}
		for _, want := range []string{
			"One can only assume the Washington foreign policy class hates that sentence.",
			"That kind of ambiguity might make diplomats nervous, but it also leaves room for creativity.",
			"If this deal is going to work, both sides seem to agree it can’t be a one-size-fits-all package made by bureaucrats half a world away.",
		} {
			i := strings.Index(text, want)
			if i < 0 {
				t.Fatalf("003 lacks %q", want)
			}
			if !slices.ContainsFunc(res.Spans, func(s Span) bool { return s.Start == i && s.End == i+len(want) }) {
				t.Errorf("003: %q is not an editorial sentence span", want)
			}
			if !slices.ContainsFunc(res.Sentences, func(s Sentence) bool {
				return s.Start == i && s.Kind == KindCommentary && s.Label == LabelEditorial
			}) {
				t.Errorf("003: %q is not an editorial commentary sentence", want)
			}
		}
		for _, want := range []string{
			"That’s right—real conversations between world leaders without State Department interference.",
		} {
			i := strings.Index(text, want)
			if !slices.ContainsFunc(res.Sentences, func(s Sentence) bool { return s.Start == i && s.Label == LabelEditorial }) {
				t.Errorf("003: %q is not labelled editorial", want)
			}
		}
	}
	if !strings.HasPrefix(most, "003") {
		t.Errorf("most editorial seed = %s, want 003", most)
	}
}

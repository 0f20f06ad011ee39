package lineage

import (
	"slices"
	"strings"
	"testing"
)

func TestLexiconLemmas(t *testing.T) {
	lex, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	lemma := func(w string) []int32 { return lex.Lemmas(w) }
	id := func(w string) int32 {
		ids := lex.Lemmas(w)
		if len(ids) == 0 {
			t.Fatalf("%q: not a lemma of the shipped lexicon", w)
		}
		return lex.ids[w]
	}
	for _, c := range []struct {
		form, lemma string
	}{
		{"led", "lead"},       // irregular (verb.exc)
		{"leading", "lead"},   // -ing
		{"drafting", "draft"}, // -ing
		{"proposals", "proposal"},
		{"stopped", "stop"}, // irregular: a doubled consonant
		{"children", "child"},
		{"went", "go"},
		{"witkoff's", "witkoff's"}, // not in WordNet: no lemma
	} {
		got := lemma(c.form)
		if c.form == c.lemma {
			if got != nil {
				t.Errorf("Lemmas(%q) = %v, want none", c.form, got)
			}
			continue
		}
		if !slices.Contains(got, id(c.lemma)) {
			t.Errorf("Lemmas(%q) = %v, want it to hold %q (%d)", c.form, got, c.lemma, id(c.lemma))
		}
	}
	shares := func(a, b string) bool {
		sa, sb := lex.Synsets(lemma(a)), lex.Synsets(lemma(b))
		for _, s := range sa {
			if slices.Contains(sb, s) {
				return true
			}
		}
		return false
	}
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"begin", "start", true},
		{"began", "starting", true},
		{"buy", "purchase", true},
		{"lead", "purchase", false},
		{"unknownword", "unknownword", false},
	} {
		if got := shares(c.a, c.b); got != c.want {
			t.Errorf("%q and %q share a synset: %v, want %v", c.a, c.b, got, c.want)
		}
	}
	if n, f := lex.Size(); n < 10000 || f < 1000 {
		t.Errorf("shipped lexicon: %d lemmas and %d irregular forms, want more", n, f)
	}
}

func TestParseLexiconErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"L a 1\nL a 2\n", "line 2: lemma \"a\" listed twice"},
		{"# c\nL a x\n", "line 2: synset \"x\""},
		{"L a -1\n", "line 1: synset \"-1\""},
		{"L a\nX b c\n", "line 2: irregular form \"b\" of unlisted lemma \"c\""},
		{"Q a\n", "line 1: want"},
		{"X b\n", "line 1: want"},
	} {
		_, err := ParseLexicon(strings.NewReader(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseLexicon(%q): error %v, want one containing %q", c.in, err, c.want)
		}
	}
	lex, err := ParseLexicon(strings.NewReader("# comment\n\nL go 0 1\nL walk 1\nX went go\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := lex.Lemmas("went"); !slices.Equal(got, []int32{0}) {
		t.Errorf("Lemmas(went) = %v, want [0]", got)
	}
	if got := lex.Synsets(lex.Lemmas("walked")); !slices.Equal(got, []int32{1}) {
		t.Errorf("Synsets(walked) = %v, want [1]", got)
	}
}

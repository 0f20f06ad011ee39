package term

import (
	"testing"

	"github.com/wirediff/wirediff/similarity"
)

func TestKey(t *testing.T) {
	for _, c := range []struct{ tok, want string }{
		// Stopwords and single letters are no terms.
		{"", ""},
		{"the", ""},
		{"doesnt", ""},
		{"x", ""},
		// Words are stemmed, as a Porter-analyzed index holds them.
		{"elections", "elect"},
		{"running", "run"},
		{"ran", "ran"},
		{"mp3s", "mp3"},
		// Numbers are their own terms, single digits too.
		{"7", "7"},
		{"1990s", "1990s"},
		{"3.5", "3.5"},
		// Other scripts: two bytes make a term.
		{"é", "é"},
		{"δημοκρατία", "δημοκρατία"},
	} {
		if got := Key(c.tok); got != c.want {
			t.Errorf("Key(%q) = %q, want %q", c.tok, got, c.want)
		}
	}
}

// FuzzKey: a stopword never has a term, a number is its own term, and
// Key never panics on a token the tokenizer can produce.
func FuzzKey(f *testing.F) {
	for _, s := range []string{"The elections of 1990", "Müller's café", "x 7 ٣"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, tok := range similarity.AppendTokens(nil, text, 0, len(text)) {
			k := Key(tok.Text)
			if similarity.IsStopword(tok.Text) && k != "" {
				t.Errorf("Key(%q) = %q for a stopword", tok.Text, k)
			}
			if IsNumber(tok.Text) && k != tok.Text {
				t.Errorf("Key(%q) = %q for a number", tok.Text, k)
			}
		}
	})
}

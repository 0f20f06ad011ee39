package lineage

import (
	"testing"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/layout"
)

func FuzzSegment(f *testing.F) {
	for _, s := range []string{"A. B. C.", "Mr. X said \"hi.\" Then left!\nNext line", "“unclosed", "\xff\xfe. x", "?\n!\n.\n"} {
		f.Add(s, 0, 3)
	}
	f.Fuzz(func(t *testing.T, text string, fs, fe int) {
		a := corpus.Article{Text: text}
		if fs >= 0 && fe > fs && fe <= len(text) {
			a.Furniture = []corpus.Span{{Start: fs, End: fe}}
		}
		spans, err := layout.Sentences(&a)
		if err != nil {
			t.Fatal(err)
		}
		prev := 0
		for _, s := range spans {
			if s.Start < prev || s.End <= s.Start || s.End > len(text) {
				t.Fatalf("layout.Sentences(%q) = %v: out of order or range", text, spans)
			}
			for _, f := range a.Furniture {
				if s.Start < f.End && s.End > f.Start {
					t.Fatalf("layout.Sentences(%q): %v overlaps furniture %v", text, s, f)
				}
			}
			prev = s.End
		}
		for _, q := range findQuotes(text, 0, len(text)) {
			if q.outer.start > q.inner.start || q.inner.end > q.outer.end || q.inner.start > q.inner.end {
				t.Fatalf("findQuotes(%q): bad quote %+v", text, q)
			}
		}
	})
}

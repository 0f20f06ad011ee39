package lineage

import (
	"io"
	"math"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/wirediff/wirediff/corpus"
)

// FuzzAnalyze: whatever three texts (UTF-8, as corpus reads them), outlets and publication times a
// group holds, Analyze returns a report or an error without panicking,
// and the report holds together: every share is a fraction, every span
// and sentence lies within its member's text and quotes it, every
// reference sentence quotes the member it names, and every dropped
// sentence names a reference sentence (a dropped clause lies within its
// reference sentence and quotes it); the report writes itself as a
// table, JSON and HTML, and no markup of the texts ("<wd-") reaches the
// HTML unescaped.
func FuzzAnalyze(f *testing.F) {
	seeds := [][3]string{
		{"The council approved the budget on Tuesday, officials said. \"We are proud,\" the mayor said.",
			"The council approved the budget on Tuesday, the New York Times reports. \"We are proud,\" said the mayor. What a disgrace.",
			"Officials said Tuesday the council approved a budget.\n\nPhoto: Reuters\n\nShare this article"},
		{"", "Only words.", "“Unclosed quotation. And more"},
		{"A. B. C.", "A. B. C.", "A. B. C."},
		{"<wd-x onclick=1>The plan</wd-x> passed. \"<wd-q>,\" she said.", "The plan passed, she said: \"<wd-q>.\"", "<wd-"},
		{"Dictator Nicolas Maduro said, according to Axios, that 3.5% of \"so-called\" voters left.", "President Nicolas Maduro said 3.5% left, Axios reported.", "Bad bytes were replaced: \ufffd. Told Reuters."},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1], s[2], "The New York Times", "nyt", int64(0), int64(3600))
	}
	f.Fuzz(func(t *testing.T, a, b, c, outletA, outletB string, pubB, pubC int64) {
		for _, s := range []string{a, b, c, outletA, outletB} {
			if !utf8.ValidString(s) {
				return // corpus.Read never gives text that is not UTF-8
			}
		}
		base := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
		at := func(s int64) time.Time {
			if s == 0 {
				return time.Time{}
			}
			return base.Add(time.Duration(s%(30*86400)) * time.Second)
		}
		arts := []corpus.Article{
			{ID: "a", Outlet: outletA, Text: a, Published: base},
			{ID: "b", Outlet: outletB, Text: b, Published: at(pubB)},
			{ID: "c", Text: c, Published: at(pubC), URL: "https://www.reuters.com/x"},
		}
		for _, n := range []int{2, 3} {
			rep, err := Analyze(arts[:n], Options{})
			if err != nil {
				continue // a text that cannot be read is an error, not a panic
			}
			check(t, arts[:n], rep)
			if rep.Reverse != nil {
				check(t, arts[:n], rep.Reverse)
			}
		}
	})
}

func check(t *testing.T, arts []corpus.Article, rep *Report) {
	t.Helper()
	text := map[string]string{}
	for _, a := range arts {
		text[a.ID] = a.Text
	}
	inside := func(what, id string, start, end int) string {
		s, ok := text[id]
		if !ok || start < 0 || end < start || end > len(s) {
			t.Fatalf("%s [%d, %d) of %q: outside its text (%d bytes)", what, start, end, id, len(s))
		}
		return s[start:end]
	}
	within := func(what, id string, start, end int, quoted string) {
		if s := inside(what, id, start, end); quoted != s {
			t.Fatalf("%s [%d, %d) of %q quotes %q, the text there is %q", what, start, end, id, quoted, s)
		}
	}
	for i, r := range rep.Reference.Sentences {
		within("reference sentence", r.Member, r.Start, r.End, r.Text)
		if len(r.CarriedBy) == 0 {
			t.Fatalf("reference sentence %d is carried by no member", i)
		}
	}
	var page strings.Builder
	if err := rep.WriteHTML(&page); err != nil {
		t.Fatalf("WriteHTML: %v", err)
	}
	if strings.Contains(page.String(), "<wd-") {
		t.Fatalf("markup of a text reached the HTML unescaped")
	}
	if err := rep.WriteJSON(io.Discard); err != nil {
		t.Fatalf("WriteJSON: %v", err)
	}
	if err := rep.WriteTable(io.Discard); err != nil {
		t.Fatalf("WriteTable: %v", err)
	}
	for _, m := range rep.Members {
		for name, v := range map[string]float64{"kept": m.KeptShare, "added": m.AddedShare, "dropped": m.DroppedShare, "verbatim": m.VerbatimShare} {
			if math.IsNaN(v) || v < 0 || v > 1 {
				t.Fatalf("%s: %s share %v", m.ID, name, v)
			}
		}
		if m.VerbatimShare > m.KeptShare+1e-9 {
			t.Fatalf("%s: verbatim %v above kept %v", m.ID, m.VerbatimShare, m.KeptShare)
		}
		if math.IsNaN(m.EditorialScore) || m.EditorialScore < 0 {
			t.Fatalf("%s: editorial score %v", m.ID, m.EditorialScore)
		}
		for _, sp := range m.Spans {
			within("span "+sp.Kind, m.ID, sp.Start, sp.End, sp.Text)
			if !utf8.ValidString(sp.Why) {
				t.Fatalf("%s: span reason %q is not UTF-8", m.ID, sp.Why)
			}
		}
		for _, s := range m.Sentences {
			inside("sentence", m.ID, s.Start, s.End)
		}
		for _, d := range m.Dropped {
			if d.Clause && d.Ref >= 0 && d.Ref < len(rep.Reference.Sentences) {
				// A run the member's sentence leaves out of the
				// reference sentence: within it, and quoting it.
				ref := rep.Reference.Sentences[d.Ref]
				within("dropped clause", d.Member, d.Start, d.End, d.Text)
				if d.Member != ref.Member || d.Start < ref.Start || d.End > ref.End {
					t.Fatalf("%s: dropped clause %+v lies outside reference sentence %+v", m.ID, d, ref)
				}
				continue
			}
			if d.Ref < 0 || d.Ref >= len(rep.Reference.Sentences) || rep.Reference.Sentences[d.Ref].Text != d.Text {
				t.Fatalf("%s: dropped %+v names no reference sentence", m.ID, d)
			}
		}
	}
}

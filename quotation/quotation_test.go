package quotation

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFind(t *testing.T) {
	tests := []struct {
		text string
		want []string // each quotation with its marks
	}{
		{`He said "we will go" and left.`, []string{`"we will go"`}},
		{"“Curly,” she said, “works too.”", []string{"“Curly,”", "“works too.”"}},
		{"no quotes here", nil},
		{`Empty "" and blank " " quotes.`, nil},
		// A quotation open at a paragraph's end ends there.
		{"An \"open quote\nends at the line", []string{"\"open quote"}},
		{"“Runs on\n“and closes.”", []string{"“Runs on", "“and closes.”"}},
		// The last paragraph of a run-on quotation closes without opening.
		{"first\n  So I ask you to leave.” He left.", []string{"So I ask you to leave.”"}},
		{"He said \"no.\"\nThe rest of us.\"", []string{`"no."`, `The rest of us."`}},
		{`A "scare" quote, then an "opener.`, []string{`"scare"`, `"opener.`}},
		// Inch and seconds marks open nothing.
		{`He is 5'10" and "tall" now.`, []string{`"tall"`}},
		{`A 6" pipe and a 30" wait.`, nil},
		{`He said "we won 3-2" today.`, []string{`"we won 3-2"`}},
		// A second opening mark: the first was never closed.
		{"“One “two” three", []string{"“two”"}},
		// Single marks, as British outlets and headlines quote; apostrophes
		// are no marks.
		{"He called it ‘a disgrace’, and left.", []string{"‘a disgrace’"}},
		{"He called it 'a disgrace,' and left.", []string{"'a disgrace,'"}},
		{"It isn't 'fake news' but the students' union's own.", []string{"'fake news'"}},
		{"‘Woke’ is not a dirty word, says the BBC’s editor.", []string{"‘Woke’"}},
		{"Back in the '90s it was so.\nNext 'line'", []string{"'line'"}},
		{"The ‘90s were here, don’t you know", nil},
		// A single mark that nothing closes hides no quotation after it.
		{`In the '90s, he said, "it was a boom," and 'then a bust'.`, []string{`"it was a boom,"`, "'then a bust'"}},
		{"Since the ’90s ‘growth’ has stalled\nand '80s", []string{"‘growth’"}},
		{`Fans of 'em say 'it works' and "more".`, []string{"'it works'", `"more"`}},
		{`The 'real' reason: 'tis "the season"`, []string{"'real'", `"the season"`}},
		{"Fans of ’em say 'it works'.", []string{"'it works'"}},
		{`"She said 'no' to me," he said.`, []string{`"She said 'no' to me,"`}},
		// Low-9 marks and guillemets.
		{"Er sagte „nein“ und ging.", []string{"„nein“"}},
		{"Il a dit « non » et « oui ».", []string{"« non »", "« oui »"}},
		{"Er sagte »nein« dazu.", []string{"»nein«"}},
		{"Home » News » World", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, q := range Find(tt.text) {
			got = append(got, tt.text[q.Start:q.End])
		}
		assert.Equal(t, tt.want, got, "Find(%q)", tt.text)
	}
}

// TestUnclosed: a quotation left open is marked unclosed unless the next
// paragraph reopens it or the range read ends inside its paragraph.
func TestUnclosed(t *testing.T) {
	tests := []struct {
		text string
		want []bool
	}{
		{`He said "yes" and left.`, []bool{false}},
		{"He said \"a stray mark\nThen more.", []bool{true}},
		{"He said \"a stray mark", []bool{true}},
		{"“Runs on\n\n“and closes.”", []bool{false, false}},
		{"\"Runs on\n\"and on\nand stops", []bool{false, true}},
	}
	for _, tt := range tests {
		var got []bool
		for _, q := range Find(tt.text) {
			got = append(got, q.Unclosed)
		}
		assert.Equal(t, tt.want, got, "Find(%q)", tt.text)
	}
	text := `He said "no way" today`
	assert.Equal(t, []Quote{{Start: 8, End: 13, InnerStart: 9, InnerEnd: 13}}, FindIn(text, 0, 13), "cut inside its paragraph")
}

// TestFindIn: quotations are found within the range asked, with offsets
// into the whole text.
func TestFindIn(t *testing.T) {
	text := `Title "one"` + "\n" + `Body says "two" and 'three'.`
	start := strings.IndexByte(text, '\n') + 1
	var got []string
	for _, q := range FindIn(text, start, len(text)) {
		got = append(got, text[q.InnerStart:q.InnerEnd])
	}
	assert.Equal(t, []string{"two", "three"}, got)
	// A range cut inside a quotation ends it there.
	assert.Equal(t, []Quote{{Start: 8, End: 13, InnerStart: 9, InnerEnd: 13}}, FindIn(`He said "no way"`, 0, 13))
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"“a\n”b", `"x" said y.`, "‘a’ 'b' „c“ «d» »e«", "\xff\xfe“", "'\n'"} {
		f.Add(s, 0, len(s))
	}
	f.Fuzz(func(t *testing.T, text string, start, end int) {
		if start < 0 || end > len(text) || start > end {
			start, end = 0, len(text)
		}
		prev := -1
		for _, q := range FindIn(text, start, end) {
			if q.Start < start || q.End > end || q.Start > q.InnerStart || q.InnerStart > q.InnerEnd || q.InnerEnd > q.End {
				t.Fatalf("FindIn(%q, %d, %d): bad quote %+v", text, start, end, q)
			}
			if q.End < prev {
				t.Fatalf("FindIn(%q, %d, %d): out of order at %+v", text, start, end, q)
			}
			prev = q.End
		}
	})
}

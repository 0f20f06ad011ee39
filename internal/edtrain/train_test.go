package edtrain

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/wirediff/wirediff/editorial"
)

// TestMeasure checks the scoring on hand-made decisions.
func TestMeasure(t *testing.T) {
	d := &Data{
		BABE: []BABERow{
			{ID: "b1", Text: "A truly absurd plan.", LabelBias: "Biased", LabelOpinion: "Expresses writer's opinion", BiasedWords: []string{"absurd"}},
			{ID: "b2", Text: "The plan passed.", LabelBias: "Non-biased", LabelOpinion: "Entirely factual"},
		},
		BASIL: []BASILArticle{
			{ID: "e_1", Event: "e", Text: "one two three four", Lex: []editorial.Range{{Start: 4, End: 7}}},
			{ID: "e_2", Event: "e", Text: "one two three four"},
			{ID: "e_3", Event: "e", Text: "one two three four", Lex: []editorial.Range{{Start: 0, End: 3}, {Start: 4, End: 7}}},
		},
	}
	babe := []Doc{
		{Biased: true, Commentary: true, Flagged: []editorial.Range{{Start: 8, End: 14}, {Start: 2, End: 7}}}, // "absurd" and "truly"
		{Biased: true},
	}
	basil := []Doc{
		{Flagged: []editorial.Range{{Start: 4, End: 7}}, Score: 2},
		{Score: 2},
		{Flagged: []editorial.Range{{Start: 14, End: 18}}, Score: 5},
	}
	f := Measure(d, babe, basil)
	// Bias: tp 1, fp 1, tn 0: F1 of Biased 2/3, of Non-biased 0.
	if math.Abs(f.BiasF1-1.0/3) > 1e-9 {
		t.Errorf("BiasF1 = %v, want 1/3", f.BiasF1)
	}
	if f.OpinionF1 != 1 {
		t.Errorf("OpinionF1 = %v, want 1", f.OpinionF1)
	}
	if f.WordP != 0.5 || f.WordR != 1 {
		t.Errorf("word P, R = %v, %v, want 0.5, 1", f.WordP, f.WordR)
	}
	// BASIL: flagged "two" (gold) and "four" (not); gold "two", "one", "two".
	if f.TokP != 0.5 || math.Abs(f.TokR-1.0/3) > 1e-9 {
		t.Errorf("token P, R = %v, %v, want 0.5, 1/3", f.TokP, f.TokR)
	}
	// Densities 250, 0, 500: pairs (1,2) tie in score: 0.5; (1,3) agree;
	// (2,3) agree.
	if f.OrderPairs != 3 || math.Abs(f.Order-2.5/3) > 1e-9 {
		t.Errorf("order = %v of %d, want 2.5/3 of 3", f.Order, f.OrderPairs)
	}
}

// TestSelectAndTrain runs the whole training on small generated data:
// a selection over one setting, the weights written and read back, and a
// detector that learned the generated loaded word.
func TestSelectAndTrain(t *testing.T) {
	d := &Data{}
	for i := range 60 {
		url := fmt.Sprintf("u%d", i%12)
		if i%2 == 0 {
			d.BABE = append(d.BABE, BABERow{ID: fmt.Sprint(i), URL: url, Text: fmt.Sprintf("The zorbly council plan %d is a disgrace.", i),
				LabelBias: "Biased", LabelOpinion: "Expresses writer's opinion", BiasedWords: []string{"zorbly"}})
		} else {
			d.BABE = append(d.BABE, BABERow{ID: fmt.Sprint(i), URL: url, Text: fmt.Sprintf("The council met on day %d, officials said.", i),
				LabelBias: "Non-biased", LabelOpinion: "Entirely factual"})
		}
	}
	for e := range 10 {
		text := strings.Repeat("The council met on Monday. ", 4) + "Its zorbly plan failed."
		i := strings.Index(text, "zorbly")
		d.BASIL = append(d.BASIL, BASILArticle{ID: fmt.Sprintf("ev%d_1", e), Event: fmt.Sprintf("ev%d", e), Text: text,
			Lex: []editorial.Range{{Start: i, End: i + len("zorbly")}}})
	}
	cfg := Config{Sentence: editorial.Settings{Epochs: 4, L2: 1e-5, Rate: 0.1}, Word: editorial.Settings{Epochs: 4, L2: 1e-5, Rate: 0.1}}
	sel, err := Select(d, []Config{cfg})
	if err != nil {
		t.Fatal(err)
	}
	// (The commentary spans of the biased rows cover every word, so word
	// precision is low by construction.)
	if sel.Figures.BiasF1 < 0.9 || sel.Figures.WordR < 0.9 || sel.Figures.TokF1 < 0.9 {
		t.Errorf("cross-validated on separable data: %s", sel.Figures)
	}
	var buf bytes.Buffer
	if _, err := Train(d, sel).WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m, err := editorial.ReadModel(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if m.Header.Thresholds != sel.Thresholds || len(m.Header.TrainedOn) == 0 {
		t.Errorf("header %+v does not hold the selection's thresholds %+v", m.Header, sel.Thresholds)
	}
	res, err := editorial.NewDetector(m).Text("The zorbly council plan 99 is a disgrace.")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range res.Spans {
		found = found || strings.Contains(s.Text, "zorbly")
	}
	if !found || res.Sentences[0].Label != editorial.LabelEditorial {
		t.Errorf("trained detector missed the generated loaded word: %+v", res)
	}
}

// TestSmoothedBest: the best neighbourhood wins over a lone peak; ends
// count their one neighbour; the first wins a tie.
func TestSmoothedBest(t *testing.T) {
	for _, tc := range []struct {
		scores []float64
		want   int
	}{
		{[]float64{0.70, 0.75, 0.70, 0.73, 0.74, 0.73, 0.70}, 4}, // 0.75 stands alone
		{[]float64{0.80, 0.79, 0.50}, 0},                         // an end with its neighbour
		{[]float64{0.6, 0.6, 0.5, 0.6, 0.6}, 0},                  // a tie: the first
		{[]float64{0.3}, 0},
	} {
		if got := smoothedBest(tc.scores); got != tc.want {
			t.Errorf("smoothedBest(%v) = %d, want %d", tc.scores, got, tc.want)
		}
	}
}

package eval

// Comparison scores a prediction against one gold clustering.
type Comparison struct {
	// Missing counts the gold's articles absent from the prediction;
	// each is scored as a singleton.
	Missing int
	Scores  Scores
	// Merges and Splits are the worst mistakes, as [Errors] finds them;
	// AllMerges and AllSplits count every merge and split, listed or not.
	Merges               []Merge
	Splits               []Split
	AllMerges, AllSplits int
}

// Compare scores pred against gold on gold's articles, with the worst
// merges and splits, at most worst of each.
func Compare(gold, pred Clustering, worst int) Comparison {
	c := Comparison{Scores: Score(gold, pred)}
	for id := range gold {
		if _, ok := pred[id]; !ok {
			c.Missing++
		}
	}
	c.Merges, c.Splits, c.AllMerges, c.AllSplits = mistakes(gold, pred, worst)
	return c
}

package listing

import (
	"fmt"
	"io"

	"github.com/wirediff/wirediff/eval"
)

// Eval is the JSON document of eval (docs/schema/eval.json): a report
// per gold file.
type Eval struct {
	Level    string       `json:"level,omitempty"`    // the level grouped ("" with --pred)
	Articles int          `json:"articles,omitempty"` // articles grouped
	Reports  []EvalReport `json:"reports"`
}

// EvalReport scores a grouping against one gold file.
type EvalReport struct {
	Gold string `json:"gold"` // the gold file
	// Missing counts the gold's articles absent from the prediction,
	// scored as singletons.
	Missing      int     `json:"missing"`
	Scored       int     `json:"scored"` // the gold's articles
	GoldClusters int     `json:"gold_clusters"`
	PredClusters int     `json:"pred_clusters"`
	Pairwise     PRF     `json:"pairwise"`
	BCubed       PRF     `json:"bcubed"`
	ARI          float64 `json:"ari"`
	// AllMerges and AllSplits count the merges and splits, of which
	// Merges and Splits are the worst (eval --worst of each).
	AllMerges int        `json:"merges"`
	AllSplits int        `json:"splits"`
	Merges    []EvalPart `json:"worst_merges"`
	Splits    []EvalPart `json:"worst_splits"`
}

// PRF are precision, recall and F1.
type PRF struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// EvalPart is a worst merge (a predicted cluster over several gold
// clusters) or split (a gold cluster over several predicted ones): its
// label, the pairs it gets wrong, and its members by the other side's
// cluster.
type EvalPart struct {
	Cluster string              `json:"cluster"`
	Pairs   int                 `json:"pairs"`
	Parts   map[string][]string `json:"parts"`
}

// NewEvalReport is the report of comparison c against gold.
func NewEvalReport(gold string, c eval.Comparison) EvalReport {
	prf := func(p eval.PRF) PRF {
		return PRF{Score(p.Precision), Score(p.Recall), Score(p.F1)}
	}
	s := c.Scores
	r := EvalReport{Gold: gold, Missing: c.Missing, Scored: s.N, GoldClusters: s.GoldClusters, PredClusters: s.PredClusters,
		Pairwise: prf(s.Pairwise), BCubed: prf(s.BCubed), ARI: Score(s.ARI), AllMerges: c.AllMerges, AllSplits: c.AllSplits,
		Merges: []EvalPart{}, Splits: []EvalPart{}}
	for _, m := range c.Merges {
		r.Merges = append(r.Merges, EvalPart{m.Pred, m.WrongPairs, m.Parts})
	}
	for _, sp := range c.Splits {
		r.Splits = append(r.Splits, EvalPart{sp.Gold, sp.MissedPairs, sp.Parts})
	}
	return r
}

// WriteEval writes the comparisons of a prediction with the gold files
// golds (one each, in order): in format Table, eval's report of each
// followed by a blank line; in JSON, doc with a report of each.
func WriteEval(w io.Writer, f Format, doc Eval, golds []string, cs []eval.Comparison) error {
	doc.Reports = []EvalReport{}
	for i, c := range cs {
		if f == JSON {
			doc.Reports = append(doc.Reports, NewEvalReport(golds[i], c))
			continue
		}
		if err := eval.WriteReport(w, golds[i], c); err != nil {
			return err
		}
		if _, err := fmt.Fprintln(w); err != nil {
			return err
		}
	}
	if f == JSON {
		return NewEncoder(w, true).Encode(doc)
	}
	return nil
}

// Clustering is the run's grouping at its Level, as eval scores it:
// each article's group label by ID.
func (r *Run) Clustering() eval.Clustering {
	out := make(eval.Clustering, len(r.Docs))
	for i, d := range r.Docs {
		out[d.ID] = r.Label(r.Level, i)
	}
	return out
}

package eval_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/wirediff/wirediff/eval"
)

func ExampleScore() {
	gold, _ := eval.ReadClustering(strings.NewReader("id\tcluster\na\tquake\nb\tquake\nc\trehab\n"), "gold.tsv")
	pred := eval.Clustering{"a": "1", "b": "1", "c": "1"} // everything merged
	s := eval.Score(gold, pred)
	fmt.Printf("pairwise P=%.2f R=%.2f, B-cubed P=%.2f, ARI=%.2f\n",
		s.Pairwise.Precision, s.Pairwise.Recall, s.BCubed.Precision, s.ARI)
	// Output: pairwise P=0.33 R=1.00, B-cubed P=0.56, ARI=0.00
}

func ExampleWriteReport() {
	gold := eval.Clustering{"a": "quake", "b": "quake", "c": "rehab"}
	pred := eval.Clustering{"a": "1", "b": "1", "c": "1"}
	eval.WriteReport(os.Stdout, "example", eval.Compare(gold, pred, 3))
	// Output:
	// Clustering scores: example
	//
	// articles  gold clusters  predicted clusters
	// 3         2              1
	//
	// metric    precision  recall  F1
	// pairwise  0.3333     1.0000  0.5000
	// B-cubed   0.5556     1.0000  0.7143
	// ARI       0.0000
	//
	// Worst merges (predicted clusters joining several gold clusters): 1
	//   1. pred 1: 2 wrong pairs, 3 articles in 2 gold clusters
	//        gold quake (2): a, b
	//        gold rehab (1): c
	//
	// Worst splits (gold clusters spread across several predicted clusters): 0
}

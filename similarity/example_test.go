package similarity_test

import (
	"fmt"

	"github.com/wirediff/wirediff/similarity"
)

func Example() {
	original := "The U.S. is secretly working with Russia on a new plan to end the war in Ukraine, according to Axios."
	rewrite := "The U.S. is quietly working with Russia on a new plan to end the war in Ukraine, according to Axios on Tuesday."

	m, err := similarity.NewMinHasher(similarity.DefaultNumHashes, similarity.DefaultSeed)
	if err != nil {
		fmt.Println(err)
		return
	}
	shingles := func(text string) []uint64 {
		toks := similarity.AppendTokens(nil, text, 0, len(text))
		return similarity.Shingles(nil, toks, 3)
	}
	a, b := shingles(original), shingles(rewrite)
	est, err := similarity.EstimateJaccard(m.Sign(a), m.Sign(b))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("exact Jaccard %.2f, containment %.2f, estimated %.2f\n",
		similarity.Jaccard(a, b), similarity.Containment(a, b), est)

	bands, err := similarity.OptimalBands(0.5, m.NumHashes(), 0.5, 0.5)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d bands of %d rows; a pair at J=0.5 is a candidate with probability %.2f\n",
		bands.B, bands.R, bands.Probability(0.5))

	l := similarity.NewLSH(bands)
	l.Add(0, m.Sign(a))
	l.Add(1, m.Sign(b))
	l.Add(2, m.Sign(a)) // an exact copy
	l.Build()
	l.Pairs(0, func(x, y int32) { fmt.Println("candidate", x, y) })
	// Output:
	// exact Jaccard 0.67, containment 0.84, estimated 0.68
	// 25 bands of 5 rows; a pair at J=0.5 is a candidate with probability 0.55
	// candidate 0 1
	// candidate 0 2
	// candidate 1 2
}

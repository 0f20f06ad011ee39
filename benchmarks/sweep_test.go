package benchmarks

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSweepRun: a sweep without Out measures into a new directory it
// names on Log, and returns the figures it saved there, merged with
// those of an earlier sweep.
func TestSweepRun(t *testing.T) {
	var log bytes.Buffer
	var measured []Measurement
	sw := Sweep{Sizes: []int{40}, Modes: []string{"copy"}, Seed: 1, Data: t.TempDir(), Log: &log,
		Measure: func(m Measurement) (map[string]float64, error) {
			measured = append(measured, m)
			return map[string]float64{"copy_wall_s": 2, "copy_articles_per_s": 20}, nil
		}}
	res, err := sw.Run()
	require.NoError(t, err)
	require.Len(t, measured, 1)
	assert.Equal(t, filepath.Join(sw.Data, SizeName(40)), measured[0].Corpus)
	assert.Equal(t, 2.0, res[40]["copy_wall_s"])
	_, rest, ok := strings.Cut(log.String(), "wirediff: bench run: results go to ")
	require.True(t, ok, log.String())
	out, _, _ := strings.Cut(rest, "\n")
	t.Cleanup(func() { _ = os.RemoveAll(out) })
	saved, err := ReadResultsFile(filepath.Join(out, "results.csv"))
	require.NoError(t, err)
	assert.Equal(t, res, saved)

	sw.Out, sw.Sizes = out, []int{20}
	res, err = sw.Run()
	require.NoError(t, err)
	assert.Equal(t, []int{20, 40}, res.Sizes(), "the earlier size is kept")

	sw.Modes = []string{"fast"}
	_, err = sw.Run()
	assert.ErrorContains(t, err, `unknown mode "fast"`)
}

// TestCheckSizes: a size too small for a mode that holds out part of the
// corpus fails the sweep before it generates or measures anything.
func TestCheckSizes(t *testing.T) {
	tests := []struct {
		sizes []int
		modes []string
		want  string // "" for no error
	}{
		{[]int{1, 9}, []string{"copy", "stages", "full", "bleve", "bleve-sig"}, ""},
		{[]int{10}, []string{"add"}, ""},
		{[]int{20}, Modes, ""},
		{[]int{1000, 9}, []string{"add"}, "9: the add mode needs 10 articles or more"},
		{[]int{19}, []string{"copy", "incr"}, "19: the incr mode needs 20 articles or more"},
		{[]int{5}, Modes, "5: the add mode needs 10"},
	}
	for _, tt := range tests {
		err := CheckSizes(tt.sizes, tt.modes)
		if tt.want == "" {
			assert.NoError(t, err, "%v %v", tt.sizes, tt.modes)
			continue
		}
		assert.ErrorContains(t, err, tt.want, "%v %v", tt.sizes, tt.modes)
	}

	data := t.TempDir()
	sw := Sweep{Sizes: []int{1000, 15}, Modes: []string{"copy", "incr"}, Data: data, Out: filepath.Join(data, "out"),
		Log: io.Discard, Measure: func(Measurement) (map[string]float64, error) {
			t.Fatal("measured")
			return nil, nil
		}}
	_, err := sw.Run()
	assert.ErrorContains(t, err, "15: the incr mode needs 20 articles or more")
	entries, err := os.ReadDir(data)
	require.NoError(t, err)
	assert.Empty(t, entries, "nothing generated, no results directory")

	// A corpus of another seed in Data fails the sweep before it writes.
	_, err = WriteCorpus(filepath.Join(data, "30"), GenConfig{Articles: 30, Seed: 1})
	require.NoError(t, err)
	sw.Sizes, sw.Seed = []int{1000, 30}, 2
	_, err = sw.Run()
	assert.ErrorIs(t, err, ErrCorpusMismatch)
	assert.NoDirExists(t, sw.Out)
	assert.NoDirExists(t, filepath.Join(data, "1k"), "no corpus generated before the mismatch is found")
}

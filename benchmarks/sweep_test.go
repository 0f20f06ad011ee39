package benchmarks

import (
	"bytes"
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

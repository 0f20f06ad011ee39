package cluster

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestThresholdsSet: Set changes the threshold of its level, which At
// then returns, and leaves the others.
func TestThresholdsSet(t *testing.T) {
	for l := Copy; l <= Story; l++ {
		th := Thresholds{Copy: 0.5, Rewrite: 0.3, Story: 0.2}
		want := [3]float64{0.5, 0.3, 0.2}
		th.Set(l, 0.9)
		want[l] = 0.9
		assert.Equal(t, want, [3]float64{th.At(Copy), th.At(Rewrite), th.At(Story)}, "Set(%v, 0.9)", l)
	}
}

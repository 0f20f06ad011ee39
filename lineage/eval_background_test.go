package lineage

import (
	"path/filepath"
	"testing"
)

// TestCalibrateBackground sweeps Options.BackgroundWeight and logs, for
// each value, the Clough & Stevenson AUC of kept share and the tasks whose
// original is inferred as the source (of 5), the seeds' consensus (facts,
// members' mean kept share), and on BASIL dev's 50 events (three outlets'
// reports of one story each) the members' mean kept share and how many
// keep no fact of their reference. -1 is none (the group's own
// frequencies alone).
//
//	WIREDIFF_EVAL=1 go test ./lineage -run TestCalibrateBackground -v
func TestCalibrateBackground(t *testing.T) {
	data := evalGate(t)
	keys, events := basilEvents(t, filepath.Join(data, "basil-dev"))
	seeds := loadSeeds(t)
	t.Logf("%-8s %10s %14s %12s %10s %11s %12s", "weight", "Clough AUC", "Clough sources", "seeds facts", "seeds kept", "BASIL kept", "BASIL none")
	for _, w := range []float64{-1, 10, 30, 50, 100, 200, 300, 1000} {
		o := Options{BackgroundWeight: w}
		sources, _ := cloughSources(t, o)
		facts, _, kept := seedsConsensus(t, seeds, o)
		var sum float64
		members, none := 0, 0
		for _, k := range keys {
			rep, err := Analyze(events[k], o)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range rep.Members {
				sum += m.KeptShare
				members++
				if m.KeptShare == 0 {
					none++
				}
			}
		}
		t.Logf("%-8.0f %10.4f %14d %12d %10.3f %11.3f %12d", w, cloughAUC(cloughAnswers(t, o)), sources, facts, kept, sum/float64(members), none)
	}
}

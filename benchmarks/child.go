package benchmarks

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os/exec"
	"strconv"
)

// ChildArgs are the arguments after which a wirediff executable runs
// measurement m in its own process and prints its figures as one JSON
// object ([WriteFigures]): the child side of a [Sweep].
func ChildArgs(m Measurement) []string {
	return []string{"bench", "run-one", "--mode", m.Mode, "--corpus", m.Corpus,
		"--brute-max", strconv.Itoa(m.BruteMax), "--queries", strconv.Itoa(m.Queries)}
}

// InChild returns a [Sweep].Measure that runs each measurement in a child
// process of the wirediff executable exe ([ChildArgs]), so that the peak
// RSS it reports is the measurement's own, and decodes the figures it
// prints. The child's stderr goes to stderr.
func InChild(exe string, stderr io.Writer) func(Measurement) (map[string]float64, error) {
	return func(m Measurement) (map[string]float64, error) {
		cmd := exec.Command(exe, ChildArgs(m)...)
		var stdout bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, stderr
		if err := cmd.Run(); err != nil {
			return nil, err
		}
		var vals map[string]float64
		if err := json.Unmarshal(stdout.Bytes(), &vals); err != nil {
			return nil, fmt.Errorf("benchmarks: child output: %w", err)
		}
		return vals, nil
	}
}

// WriteFigures writes a measurement's figures as the child side of
// [InChild] prints them: one JSON object.
func WriteFigures(w io.Writer, vals map[string]float64) error {
	return json.NewEncoder(w).Encode(vals)
}

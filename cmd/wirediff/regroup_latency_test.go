package main

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wirediff/wirediff/index"
)

// TestSearchDuringRegroup measures what a reader sees while a regroup
// writes: it runs 'wirediff dedup --index WIREDIFF_REGROUP_INDEX
// WIREDIFF_REGROUP_CORPUS' (the binary, built, in a process of its own as
// a user would run it) and, until it finishes, opens
// the index read-only, searches one word and closes it, again and again,
// logging the latency percentiles of open+search+close (target: p99 at
// most 100 ms). The index must have been made by a dedup over the same
// corpus. Skipped unless both variables are set.
func TestSearchDuringRegroup(t *testing.T) {
	dir, corpusPath := os.Getenv("WIREDIFF_REGROUP_INDEX"), os.Getenv("WIREDIFF_REGROUP_CORPUS")
	if dir == "" || corpusPath == "" {
		t.Skip("set WIREDIFF_REGROUP_INDEX and WIREDIFF_REGROUP_CORPUS")
	}
	words := []string{"legislation", "county", "americans", "director", "months", "internet",
		"however", "russia", "facebook", "charged", "questions", "several", "election", "police"}
	search := func(rng *rand.Rand) (time.Duration, error) {
		t0 := time.Now()
		ix, err := index.Open(dir, index.Options{ReadOnly: true})
		if err != nil {
			return 0, err
		}
		_, err = ix.Search(index.Query{Text: words[rng.IntN(len(words))], Size: 10})
		if cerr := ix.Close(); err == nil {
			err = cerr
		}
		return time.Since(t0), err
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var idle []time.Duration
	for range 100 {
		d, err := search(rng)
		if err != nil {
			t.Fatal(err)
		}
		idle = append(idle, d)
	}
	bin := buildBinary(t, t.TempDir())
	var errb strings.Builder
	regroup := exec.Command(bin, "dedup", "--index", dir, "--format", "tsv", corpusPath)
	regroup.Stdout, regroup.Stderr = io.Discard, &errb
	t0 := time.Now()
	if err := regroup.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- regroup.Wait() }()
	var during []time.Duration
	for {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("regroup: %v\n%s", err, errb.String())
			}
			t.Logf("regroup took %v: %s", time.Since(t0).Round(time.Millisecond), strings.TrimSpace(errb.String()))
			t.Logf("idle:         %s", readerLatencies(idle))
			t.Logf("during write: %s (target p99 <= 100ms)", readerLatencies(during))
			return
		default:
		}
		d, err := search(rng)
		if err != nil {
			t.Fatalf("search during the regroup: %v", err)
		}
		during = append(during, d)
	}
}

// readerLatencies formats open+search+close latencies: p50, p99 (the
// nearest rank) and the largest.
func readerLatencies(ds []time.Duration) string {
	s := slices.Clone(ds)
	slices.Sort(s)
	rank := func(p float64) float64 {
		k := int(p*float64(len(s))+0.999999) - 1
		return float64(s[max(0, min(k, len(s)-1))]) / 1e6
	}
	return fmt.Sprintf("n=%d p50=%.1fms p99=%.1fms max=%.1fms", len(s), rank(0.50), rank(0.99), float64(s[len(s)-1])/1e6)
}

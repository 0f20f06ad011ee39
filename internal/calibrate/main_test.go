package main

import (
	"bytes"
	"errors"
	"regexp"
	"slices"
	"testing"

	"github.com/wirediff/wirediff/internal/devdata"
)

func TestRunUsage(t *testing.T) {
	t.Setenv("WIREDIFF_SHARED", t.TempDir()) // flags are checked before any data is read
	for _, args := range [][]string{
		nil,
		{"bogus"},
		{"sweep", "-w", "x"},
		{"sweep", "-nosuchflag"},
		{"signals", "extra"},
	} {
		var out, errb bytes.Buffer
		if err := run(args, &out, &errb); !errors.Is(err, errUsage) {
			t.Errorf("run(%q) = %v, want a usage error", args, err)
		}
	}
}

// TestSweepDefault runs the sweep at the default settings on BASIL dev:
// one line, with the scores make eval records for BASIL alone.
func TestSweepDefault(t *testing.T) {
	devdata.Path(t, "data/basil-dev")
	var out, errb bytes.Buffer
	if err := run([]string{"sweep", "-set", "basil", "-default"}, &out, &errb); err != nil {
		t.Fatalf("sweep: %v (%s)", err, errb.String())
	}
	want := regexp.MustCompile(`^basil snn=0\.40 t=0\.25 \| basil pP=0\.9\d\d b3P=0\.9\d\d b3R=\d\.\d{3} b3F=0\.9\d\d\n$`)
	if !want.Match(out.Bytes()) {
		t.Errorf("sweep printed %q, want a line matching %s", out.String(), want)
	}
}

func TestFloatsFlag(t *testing.T) {
	var f floats
	if err := f.Set("0.2, 0.25,1"); err != nil || !slices.Equal(f, floats{0.2, 0.25, 1}) {
		t.Errorf("Set = %v %v, want [0.2 0.25 1]", f, err)
	}
	if f.String() != "0.2,0.25,1" {
		t.Errorf("String() = %q", f.String())
	}
	if err := f.Set("0.2,x"); err == nil {
		t.Errorf("Set(0.2,x) succeeded")
	}
}

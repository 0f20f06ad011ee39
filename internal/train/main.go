// Command train fits the editorial detector's weights on the labelled
// development data and writes them to editorial/model.bin: it
// cross-validates every candidate setting (BABE folds by article, BASIL
// folds by event), keeps the setting and thresholds that score best on the
// held-out folds, and trains on all the data with them. The same data
// gives the same weights.
//
//	go run ./internal/train [--data ../shared/data] [--out editorial/model.bin]
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/wirediff/wirediff/internal/devdata"
	"github.com/wirediff/wirediff/internal/edtrain"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	def := ""
	if d := devdata.Dir(); d != "" {
		def = filepath.Join(d, "data")
	}
	data := fs.String("data", def, "the labelled development data (holding babe-dev and basil-dev)")
	out := fs.String("out", filepath.Join("editorial", "model.bin"), "weights file to write")
	quick := fs.Bool("quick", false, "try only the first candidate setting")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *data == "" {
		return fmt.Errorf("no --data and no ../shared/data beside the repository")
	}
	d, err := edtrain.Load(*data)
	if err != nil {
		return err
	}
	cands := edtrain.Candidates()
	if *quick {
		cands = cands[:1]
	}
	sel, err := edtrain.Select(d, cands)
	if err != nil {
		return err
	}
	for _, l := range sel.Log {
		fmt.Fprintln(stdout, l)
	}
	fmt.Fprintf(stdout, "chosen: %+v\nthresholds: %+v\ncross-validated: %s\n", sel.Config, sel.Thresholds, sel.Figures)
	m := edtrain.Train(d, sel)
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	if _, err := m.WriteTo(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", *out, err)
	}
	fmt.Fprintf(stdout, "wrote %s\n", *out)
	return nil
}

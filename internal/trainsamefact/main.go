// Command trainsamefact fits lineage's same-fact model on the MSRP
// training set and writes it to lineage/samefact.json (see package
// sftrain). The same data gives the same file.
//
//	go run ./internal/trainsamefact [--data ../shared/data] [--out lineage/samefact.json]
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/wirediff/wirediff/internal/devdata"
	"github.com/wirediff/wirediff/internal/sftrain"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "trainsamefact:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("trainsamefact", flag.ContinueOnError)
	def := ""
	if d := devdata.Dir(); d != "" {
		def = filepath.Join(d, "data")
	}
	data := fs.String("data", def, "the labelled development data (holding msrp/msr_paraphrase_train.txt)")
	out := fs.String("out", filepath.Join("lineage", "samefact.json"), "model file to write")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *data == "" {
		return fmt.Errorf("no --data and no ../shared/data beside the repository")
	}
	ex, err := sftrain.Examples(sftrain.TrainPath(*data))
	if err != nil {
		return err
	}
	res, err := sftrain.Fit(ex)
	if err != nil {
		return err
	}
	fmt.Fprint(stdout, res.Summary())
	b, err := json.MarshalIndent(res.Model, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding the model: %w", err)
	}
	if err := os.WriteFile(*out, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", *out, err)
	}
	fmt.Fprintf(stdout, "wrote %s\n", *out)
	return nil
}

package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/wirediff/wirediff/benchmarks"
	"github.com/wirediff/wirediff/internal/cli"
	"github.com/wirediff/wirediff/listing"
)

func cmdBench(e *env, args []string) error {
	if len(args) == 0 {
		return cli.Usagef("bench: want a subcommand: gen, run or plot")
	}
	sub := map[string]func(*env, []string) error{
		"gen": cmdBenchGen, "run": cmdBenchRun, "run-one": cmdBenchRunOne, "plot": cmdBenchPlot,
	}
	if run, ok := sub[args[0]]; ok {
		return cli.InCommand("bench "+args[0], run(e, args[1:]))
	}
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprint(e.stdout, usage("bench"))
		for _, name := range []string{"gen", "run", "plot"} {
			fmt.Fprintln(e.stdout, "\n"+strings.Repeat("─", 72))
			if err := sub[name](e, []string{"--help"}); !errors.Is(err, cli.ErrHelp) {
				return err
			}
		}
		return cli.ErrHelp
	}
	return cli.Usagef("bench: unknown subcommand %q (want gen, run or plot)", args[0])
}

func cmdBenchGen(e *env, args []string) error {
	fs := cli.NewFlagSet("bench gen")
	articles := fs.String("articles", "", "number of articles, e.g. 10000, 10k or 1m")
	seed := fs.Uint64("seed", 1, "random seed")
	out := fs.String("out", "", "output `DIR`")
	if err := parseFlags(e, fs, usage("bench-gen"), args); err != nil {
		return err
	}
	switch {
	case *articles == "" && *out == "":
		return cli.Usagef("bench gen: --articles and --out are required")
	case *articles == "":
		return cli.Usagef("bench gen: --articles is required")
	case *out == "":
		return cli.Usagef("bench gen: --out is required")
	}
	if err := cli.NoArgs(fs); err != nil {
		return err
	}
	n, err := benchmarks.ParseSize(*articles)
	if err != nil {
		return cli.Usagef("bench gen: --articles: %v", err)
	}
	info, err := benchmarks.WriteCorpus(*out, benchmarks.GenConfig{Articles: n, Seed: *seed})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wirediff: wrote %s (%s) to %s\n", listing.Plural(info.Articles, "article"), benchmarks.FormatBytes(info.Bytes), *out)
	return nil
}

func cmdBenchRun(e *env, args []string) error {
	fs := cli.NewFlagSet("bench run")
	sizes := fs.String("sizes", "1k,10k,100k", "corpus sizes, comma-separated (k, m suffixes)")
	modes := fs.String("modes", strings.Join(benchmarks.Modes, ","), "measurements to run: "+strings.Join(benchmarks.Modes, ", "))
	seed := fs.Uint64("seed", 1, "generator seed")
	data := fs.String("data", filepath.Join(os.TempDir(), "wirediff-bench"), "`DIR` for generated corpora and scratch indexes")
	out := fs.String("out", "", "`DIR` for results.csv and the plots, created if missing (default: a new directory under the temporary directory)")
	bruteMax := 10000
	cli.CountVar(fs, &bruteMax, "brute-max", "largest corpus for brute-force all pairs (0 = none)")
	queries := fs.Int("queries", 200, "search and similar queries timed per size")
	if err := parseFlags(e, fs, fmt.Sprintf(usage("bench-run"), benchmarks.ModeHelp), args); err != nil {
		return err
	}
	// Every flag is checked before --out and --data are written.
	if fs.NArg() > 0 {
		return cli.Usagef("bench run: unexpected argument %q (give sizes with --sizes)", fs.Arg(0))
	}
	if *queries < 1 {
		return cli.Usagef("bench run: --queries %d: want 1 or more", *queries)
	}
	sw := benchmarks.Sweep{Seed: *seed, Data: *data, Out: *out, BruteMax: bruteMax, Queries: *queries, Log: e.stderr}
	var err error
	if sw.Sizes, err = benchmarks.ParseSizes(*sizes); err != nil {
		return cli.Usagef("bench run: --sizes: %v", err)
	}
	if sw.Modes, err = benchmarks.ParseModes(*modes); err != nil {
		return cli.Usagef("bench run: --modes: %v", err)
	}
	if err := benchmarks.CheckSizes(sw.Sizes, sw.Modes); err != nil {
		return cli.Usagef("bench run: --sizes %v", err)
	}
	res, err := sw.Run()
	if errors.Is(err, benchmarks.ErrCorpusMismatch) {
		return cli.WithStatus(fmt.Errorf("%w (use another --data directory for these corpora)", err), 2)
	}
	if err != nil {
		return err
	}
	return res.WriteSummary(e.stdout, sw.Sizes)
}

func cmdBenchPlot(e *env, args []string) error {
	fs := cli.NewFlagSet("bench plot")
	out := fs.String("out", "", "`DIR` holding results.csv (required)")
	if err := parseFlags(e, fs, usage("bench-plot"), args); err != nil {
		return err
	}
	if err := cli.NoArgs(fs); err != nil {
		return err
	}
	if *out == "" {
		return cli.Usagef("bench plot: --out is required")
	}
	res, err := benchmarks.ReadResultsFile(filepath.Join(*out, "results.csv"))
	if err != nil {
		return cli.WithStatus(err, 2)
	}
	return benchmarks.PlotResults(res, *out, e.stderr)
}

// cmdBenchRunOne runs one measurement in this process and prints its
// figures as a JSON object (the child side of "bench run").
func cmdBenchRunOne(e *env, args []string) error {
	fs := cli.NewFlagSet("bench run-one")
	var m benchmarks.Measurement
	fs.StringVar(&m.Mode, "mode", "", "one of "+strings.Join(benchmarks.Modes, ", "))
	fs.StringVar(&m.Corpus, "corpus", "", "corpus `DIR` written by bench gen")
	fs.IntVar(&m.BruteMax, "brute-max", 10000, "largest corpus for brute-force all pairs")
	fs.IntVar(&m.Queries, "queries", 200, "search and similar queries to time")
	if err := parseFlags(e, fs, "Usage: wirediff bench run-one --mode MODE --corpus DIR (the child side of bench run)\n", args); err != nil {
		return err
	}
	if _, err := benchmarks.ParseModes(m.Mode); err != nil {
		return cli.Usagef("bench run-one: --mode: %v", err)
	}
	if m.Corpus == "" {
		return cli.Usagef("bench run-one: --corpus is required")
	}
	vals, err := benchmarks.Measure(m, e.stderr)
	if err != nil {
		return err
	}
	return benchmarks.WriteFigures(e.stdout, vals)
}

package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/wirediff/wirediff/benchmarks"
)

const benchUsage = `Usage: wirediff bench gen --articles N [--seed S] --out DIR
       wirediff bench run [--sizes 1k,10k,100k,1m] [--data DIR] [--out docs/bench]

gen writes a generated corpus with its truth: DIR/articles.jsonl and
DIR/gold-{copy,rewrite,story}.tsv ("id<TAB>cluster").

run measures wirediff as the corpus grows (see docs/bench/RESULTS.md).
`

func cmdBench(e *env, args []string) error {
	if len(args) == 0 {
		return usagef("bench: want a subcommand: gen or run")
	}
	switch args[0] {
	case "gen":
		return cmdBenchGen(e, args[1:])
	case "-h", "--help", "help":
		fmt.Fprint(e.stdout, benchUsage)
		return nil
	}
	return usagef("bench: unknown subcommand %q (want gen or run)", args[0])
}

func cmdBenchGen(e *env, args []string) error {
	fs := pflag.NewFlagSet("bench gen", pflag.ContinueOnError)
	articles := fs.String("articles", "", "number of articles, e.g. 10000, 10k or 1m")
	seed := fs.Uint64("seed", 1, "random seed")
	out := fs.String("out", "", "output `DIR`")
	if err := parseFlags(e, fs, benchUsage, args); err != nil {
		return err
	}
	if *articles == "" || *out == "" {
		return usagef("bench gen: --articles and --out are required")
	}
	n, err := parseSize(*articles)
	if err != nil {
		return usagef("bench gen: --articles: %v", err)
	}
	info, err := benchmarks.WriteCorpus(*out, benchmarks.GenConfig{Articles: n, Seed: *seed})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wirediff: wrote %d articles (%.1f MB) to %s\n", info.Articles, float64(info.Bytes)/1e6, *out)
	return nil
}

// parseSize parses a count: digits with an optional k or m suffix.
func parseSize(s string) (int, error) {
	mult := 1
	t := strings.ToLower(strings.TrimSpace(s))
	switch {
	case strings.HasSuffix(t, "k"):
		mult, t = 1000, t[:len(t)-1]
	case strings.HasSuffix(t, "m"):
		mult, t = 1000000, t[:len(t)-1]
	}
	n, err := strconv.Atoi(t)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a positive count like 5000, 10k or 1m", s)
	}
	return n * mult, nil
}

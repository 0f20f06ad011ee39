// Command calibrate runs the calibration experiments behind the grouping
// defaults of package cluster on the labelled development data
// (shared/data beside the repository, or $WIREDIFF_SHARED). Each prints a
// table; none changes a default.
//
//	go run ./internal/calibrate signals           # pair-signal distributions by kind of pair
//	go run ./internal/calibrate sweep [flags]     # story-level settings on the dev sets
//	go run ./internal/calibrate neus-ranks        # where NeuS partners rank by cosine
//	go run ./internal/calibrate verifier [flags]  # a learned pair verifier against the hand-set score
//
// "go run ./internal/calibrate <experiment> -h" lists an experiment's flags.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/eval"
	"github.com/wirediff/wirediff/internal/devdata"
	"github.com/wirediff/wirediff/similarity"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "calibrate:", err)
		if errors.Is(err, errUsage) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

var errUsage = errors.New("usage: calibrate signals|sweep|neus-ranks|verifier [flags]")

// experiments maps each experiment's name to its run function.
var experiments = map[string]func(d dataDir, args []string, stdout, stderr io.Writer) error{
	"signals":    signals,
	"sweep":      sweep,
	"neus-ranks": neusRanks,
	"verifier":   verifier,
}

func run(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errUsage
	}
	exp, ok := experiments[args[0]]
	if !ok {
		return fmt.Errorf("unknown experiment %q: %w", args[0], errUsage)
	}
	shared := devdata.Dir()
	if shared == "" {
		return errors.New("no shared/data beside the repository (set WIREDIFF_SHARED to the directory holding data/)")
	}
	return exp(dataDir(shared), args[1:], stdout, stderr)
}

// dataDir is the shared/ directory: data/ holds the labelled sets, seeds/
// the five seed articles.
type dataDir string

// set returns the path of a labelled set's file under data/.
func (d dataDir) set(name, file string) string {
	return filepath.Join(string(d), "data", name, file)
}

func (d dataDir) seeds() string { return filepath.Join(string(d), "seeds") }

// pool is the pooled story set: ECB+ dev, BASIL dev and the seeds.
func (d dataDir) pool() []string {
	return []string{d.set("ecbplus-dev", "articles.jsonl"), d.set("basil-dev", "articles.jsonl"), d.seeds()}
}

// gold reads and merges the gold clusterings of the named sets.
func (d dataDir) gold(names ...string) (eval.Clustering, error) {
	gold := eval.Clustering{}
	for _, n := range names {
		c, err := eval.ReadClusteringFile(d.set(n, "gold.tsv"))
		if err != nil {
			return nil, err
		}
		for k, v := range c {
			gold[k] = v
		}
	}
	return gold, nil
}

// bands are the LSH bands of the default signing scheme.
func bands() (similarity.Bands, error) {
	return similarity.OptimalBands(0.5, similarity.DefaultNumHashes, 0.5, 1)
}

// loadDocs featurizes and weighs the articles under paths, sorted by ID.
func loadDocs(paths []string) ([]cluster.Doc, error) {
	h, err := similarity.NewMinHasher(similarity.DefaultNumHashes, similarity.DefaultSeed)
	if err != nil {
		return nil, err
	}
	b, err := bands()
	if err != nil {
		return nil, err
	}
	f := cluster.NewFeaturizer(3, h, b)
	var docs []cluster.Doc
	if _, err := corpus.Read(paths, corpus.Options{}, func(a corpus.Article) error {
		docs = append(docs, f.Doc(&a))
		return nil
	}); err != nil {
		return nil, err
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	bg, err := cluster.DefaultBackground()
	if err != nil {
		return nil, err
	}
	cluster.Weigh(docs, bg)
	return docs, nil
}

// predicted is the clustering of docs by labels (as in [cluster.Result]).
func predicted(docs []cluster.Doc, labels []int) eval.Clustering {
	pred := eval.Clustering{}
	for i, l := range labels {
		pred[docs[i].ID] = docs[l].ID
	}
	return pred
}

// floats is a flag holding a comma-separated list of numbers.
type floats []float64

func (f *floats) String() string {
	var s []string
	for _, x := range *f {
		s = append(s, strconv.FormatFloat(x, 'g', -1, 64))
	}
	return strings.Join(s, ",")
}

func (f *floats) Set(v string) error {
	var out floats
	for _, s := range strings.Split(v, ",") {
		x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil {
			return fmt.Errorf("%q: %w", v, err)
		}
		out = append(out, x)
	}
	*f = out
	return nil
}

// newFlags returns the flag set of an experiment, writing its usage to
// stderr.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parse parses an experiment's flags, reporting misuse as errUsage.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%s: %v: %w", fs.Name(), err, errUsage)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%s: unexpected arguments %q: %w", fs.Name(), fs.Args(), errUsage)
	}
	return nil
}

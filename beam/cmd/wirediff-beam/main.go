// Command wirediff-beam groups near-duplicate news articles at the copy,
// rewrite and story levels as `wirediff dedup --no-index` does, as an
// Apache Beam pipeline: on the prism runner on one machine, on Flink,
// Spark or Dataflow beyond it. See docs/beam.md.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/s3"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/options/jobopts"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	wbeam "github.com/wirediff/wirediff/beam"
	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/internal/cli"
)

const usage = `Usage: wirediff-beam [flags] PATH...

Groups the articles of PATH (files, local directories, or globs on
Google Cloud Storage or Amazon S3, such as gs://bucket/news/*.jsonl or
s3://bucket/news/*.jsonl) at three nested levels, copy, rewrite and
story, and writes the groups at --level to --out (a local path, gs:// or
s3://) exactly as 'wirediff dedup --no-index --level L --format F
PATH...' prints them. Bad records are named by file and line in the
dead-letter file (--skipped, default OUT.skipped) and counted; the run
fails on them only with --strict. Flags come before the paths, which are
all checked before the pipeline runs.

Examples:
  wirediff-beam --runner prism --level story --format tsv --out groups.tsv news/
  wirediff-beam --runner universal --endpoint localhost:8073 --environment_type LOOPBACK \
      --level rewrite --format jsonl --out groups.jsonl news/*.jsonl

Flags (with Beam's own, such as --runner, --endpoint, --environment_type,
--job_name, --project, --region, --temp_location):
`

func main() {
	os.Exit(cli.ExitCode("wirediff-beam", withTempDir(run), os.Stderr))
}

// withTempDir runs f with a temporary directory of its own as the
// process's TMPDIR, and removes it afterwards: Beam's SDK leaves a file
// behind in the temporary directory for every job submitted with the
// LOOPBACK environment (prism in process included).
func withTempDir(f func() error) error {
	dir, err := os.MkdirTemp("", "wirediff-beam-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	prev, had := os.LookupEnv("TMPDIR")
	if err := os.Setenv("TMPDIR", dir); err != nil {
		return err
	}
	defer func() {
		if had {
			os.Setenv("TMPDIR", prev)
		} else {
			os.Unsetenv("TMPDIR")
		}
	}()
	return f()
}

type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(s string) error { *m = append(*m, s); return nil }

func run() error {
	level := flag.String("level", "rewrite", "level to write: copy, rewrite or story")
	format := flag.String("format", "tsv", "output format: tsv or jsonl")
	out := flag.String("out", "", "output `FILE` (required)")
	skipped := flag.String("skipped", "", "dead-letter `FILE` of the bad records (default OUT.skipped)")
	lineage := flag.String("lineage", "", "also write one lineage report per rewrite group of two or more to `FILE` (JSON lines)")
	strict := flag.Bool("strict", false, "fail if any input was skipped")
	threshold := flag.Float64("threshold", 0, "merge threshold for --level (0 = the calibrated default)")
	window := flag.String("window", "", "keep apart articles published further apart than this, e.g. 7d or 36h; 0 turns it off (default 7d)")
	encoding := flag.String("encoding", "", "input text encoding, as wirediff's --encoding (default UTF-8)")
	dateOrder := flag.String("date-order", "auto", "how to read a numeric date whose first two numbers could each be the month (02/11/2025): mdy, dmy or auto, as wirediff's --date-order")
	rounds := flag.Int("cc-rounds", wbeam.DefaultRounds, "large-star/small-star rounds of the connected components")
	blocks := flag.Int("mlt-blocks", wbeam.DefaultBlocks, "blocks the more-like-this queries are answered in (each holds the postings its queries need)")
	parts := flag.Int("parts", 1, "run the two largest joins in turns: score the candidate pairs in `N` parts and answer the more-like-this blocks one after the other; on prism, which holds a stage's whole input at once, each join then takes a part's memory, not all of it (same output; at most 1024)")
	maxComponent := flag.Int("max-component", 0, "fail the run on a connected component of more than `N` articles (one worker groups each component; 0 = no bound)")
	profile := flag.String("cpuprofile", "", "write a CPU profile of this process (with prism in process, the whole run) to `FILE`")
	memProfile := flag.String("memprofile", "", "write a heap profile of this process at its largest heap (sampled every second) to `FILE`")
	memLimit := flag.String("memory-limit", "", "soft limit of this process's heap (Go's GOMEMLIMIT), e.g. 6GiB or 800MiB; with prism in process it bounds the runner too, trading CPU for memory (default: GOMEMLIMIT, else none)")
	sizes := flag.Bool("pcollections", false, "print the elements and bytes of each PCollection the runner reports")
	var fields multi
	flag.Var(&fields, "field", "map a field: `NAME=INPUT` (e.g. text=body; in JSON a path into nested objects, text=fields.bodyText); repeatable")
	flag.Usage = func() {
		fmt.Fprint(flag.CommandLine.Output(), usage)
		flag.PrintDefaults()
	}
	flag.Parse()
	if name := flagAfterPaths(os.Args[1:], flag.Args()); name != "" {
		return cli.Usagef("%s after the paths: flags come before the paths", name)
	}
	beam.Init()
	if *memLimit != "" {
		n, err := parseBytes(*memLimit)
		if err != nil {
			return cli.Usagef("--memory-limit: %v", err)
		}
		debug.SetMemoryLimit(n)
	}

	if err := checkAsync(*strict); err != nil {
		return err
	}
	lvl, opt, err := cluster.ParseOptions(*level, *threshold, *window)
	if err != nil {
		return cli.Usagef("--%v", err)
	}
	if *skipped == "" && *out != "" {
		*skipped = *out + ".skipped"
	}
	cfg := wbeam.Config{
		Paths: flag.Args(), Read: wbeam.ReadOptions{Fields: fields, Encoding: *encoding, DateOrder: *dateOrder},
		Level: lvl, Format: *format, Options: opt,
		Out: *out, Skipped: *skipped, Lineage: *lineage, Rounds: *rounds, Blocks: *blocks, Parts: *parts, MaxComponent: *maxComponent,
	}
	// Every path is checked before the pipeline is built, so that a path
	// no stage can use fails now, not at the stage, after the work.
	if err := cfg.Check(); err != nil {
		return cli.Usagef("%v", err)
	}
	if err := cfg.PrepareOutputs(); err != nil {
		return cli.Usagef("%v", err)
	}
	p, s := beam.NewPipelineWithRoot()
	if err := wbeam.Build(s, cfg); err != nil {
		return err
	}
	stopProfile, err := cli.StartProfile(*profile)
	if err != nil {
		return err
	}
	defer stopProfile()
	if *memProfile != "" {
		stop := profilePeakHeap(*memProfile)
		defer func() {
			if err := stop(); err != nil {
				fmt.Fprintf(os.Stderr, "wirediff-beam: --memprofile: %v\n", err)
			}
		}()
	}
	start := time.Now()
	res, err := beamx.RunWithMetrics(context.Background(), p)
	if err != nil {
		return err
	}
	switch {
	case res == nil:
		fmt.Fprintf(os.Stderr, "wirediff-beam: the job was not run (--dry_run or --template_location); nothing was read or written\n")
		return nil
	case *jobopts.Async && !wbeam.HasMetrics(res):
		fmt.Fprintf(os.Stderr, "wirediff-beam: job %s submitted (--async); when it ends, the runner will have written %s\n", res.JobID(), strings.Join(outputs(*out, *skipped, *lineage), ", "))
		return nil
	}
	counts := wbeam.RunCounts(res)
	fmt.Fprintf(os.Stderr, "wirediff-beam: %s; %s\n", counts.Summary(), time.Since(start).Round(time.Millisecond))
	if msg, ok := counts.LargestComponent(0.1, 1000); ok {
		fmt.Fprintf(os.Stderr, "wirediff-beam: %s\n", msg)
	}
	if *sizes {
		var total int64
		for _, p := range wbeam.PCollectionSizes(res) {
			total += p.Bytes
			fmt.Fprintf(os.Stderr, "%14d bytes %12d elements  %s\n", p.Bytes, p.Elements, p.Step)
		}
		fmt.Fprintf(os.Stderr, "%14d bytes in all PCollections\n", total)
	}
	if counts["articles"] == 0 {
		// As wirediff dedup: a run that read nothing is a mistake in its
		// paths, not an empty result.
		return cli.Usagef("no articles read from %s (skipped %d, see %s)", strings.Join(flag.Args(), ", "), counts["skipped"], *skipped)
	}
	if *strict && counts["skipped"] > 0 {
		return fmt.Errorf("--strict: %d input(s) skipped (see %s)", counts["skipped"], *skipped)
	}
	return nil
}

// checkAsync reports a run that --async cannot make: the job's counters
// come when it ends, which --async does not wait for, so --strict cannot
// be checked; and with prism in process (the default runner) or a
// LOOPBACK environment the workers live in this process, which would
// exit before the job ends.
func checkAsync(strict bool) error {
	if !*jobopts.Async {
		return nil
	}
	if strict {
		return cli.Usagef("--strict with --async: the skipped records are counted when the job ends, which --async does not wait for")
	}
	if r := flag.Lookup("runner"); (r != nil && (r.Value.String() == "prism" || r.Value.String() == "")) || jobopts.IsLoopback() {
		return cli.Usagef("--async with prism in process or a LOOPBACK environment: the workers run in this process, which would exit before the job ends")
	}
	return nil
}

// outputs lists the output files that are set.
func outputs(files ...string) []string {
	var out []string
	for _, f := range files {
		if f != "" {
			out = append(out, f)
		}
	}
	return out
}

// flagAfterPaths returns the first of the paths (rest, what the flags
// left of args) that names a flag of the command, such as "--level" in
// "wirediff-beam --out g.tsv news/ --level story": the flag package stops
// at the first path, and would read it as a path. Paths after "--" are
// taken as they are.
func flagAfterPaths(args, rest []string) string {
	if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
		return ""
	}
	for _, a := range rest {
		name, ok := strings.CutPrefix(a, "-")
		if !ok {
			continue
		}
		name = strings.TrimPrefix(name, "-")
		name, _, _ = strings.Cut(name, "=")
		if flag.Lookup(name) != nil {
			return a
		}
	}
	return ""
}

// profilePeakHeap samples the heap every second and keeps a heap profile
// of the largest; stop writes it to path.
func profilePeakHeap(path string) (stop func() error) {
	done := make(chan struct{})
	finished := make(chan struct{})
	var peak bytes.Buffer
	go func() {
		defer close(finished)
		var most uint64
		var ms runtime.MemStats
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > most+most/20 {
				most = ms.HeapAlloc
				peak.Reset()
				pprof.Lookup("heap").WriteTo(&peak, 0)
			}
		}
	}()
	return func() error {
		close(done)
		<-finished
		return os.WriteFile(path, peak.Bytes(), 0o644)
	}
}

// parseBytes reads a size as GOMEMLIMIT writes it: a whole number of
// bytes with an optional unit B, KiB, MiB, GiB or TiB (or KB, MB, GB, TB
// for powers of 1000).
func parseBytes(v string) (int64, error) {
	units := []struct {
		suffix string
		scale  int64
	}{{"TiB", 1 << 40}, {"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"TB", 1e12}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"B", 1}}
	scale := int64(1)
	num := v
	for _, u := range units {
		if n, ok := strings.CutSuffix(v, u.suffix); ok {
			num, scale = n, u.scale
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 || n > math.MaxInt64/scale {
		return 0, fmt.Errorf("%q: want a positive size such as 6GiB or 800MiB", v)
	}
	return n * scale, nil
}

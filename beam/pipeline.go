// Package beam runs the batch grouping of `wirediff dedup --no-index` as
// an Apache Beam pipeline, so that it scales past one machine: on prism
// locally, and on Flink, Spark or Dataflow through Beam's portable
// runner. The groups are those of the wirediff command on the same input.
//
// The pipeline reads files of articles through Beam's file systems with
// the corpus readers, keeps one record per ID, computes each article's
// features and the batch's document frequencies, finds the candidate
// pairs (LSH band keys for the copy level, more-like-this queries over
// impact-ordered postings for the others), scores them, and groups each
// connected component of the graph of the pairs that reach a level's
// threshold on its own, by the exact average link of package cluster:
// average link at threshold t only merges clusters with a cross pair
// scoring at least t.
package beam

import (
	"fmt"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/listing"
)

// Config configures a run.
type Config struct {
	// Paths are files, local directories or globs on any registered file
	// system (gs://bucket/news/*.jsonl).
	Paths []string
	Read  ReadOptions
	// Level and Format choose the output: copy, rewrite or story; tsv or
	// jsonl.
	Level  cluster.Level
	Format string
	// Options are the grouping options (cluster.DefaultOptions, with the
	// threshold and window of the command line).
	Options cluster.Options
	// Out is the output file; Skipped the dead-letter file of the bad
	// records; Lineage, when set, the file of lineage reports (JSON
	// lines, one per rewrite group of two or more).
	Out, Skipped, Lineage string
	// Rounds is the number of large-star/small-star rounds of the
	// connected components.
	Rounds int
	// Blocks is the number of blocks the more-like-this queries are
	// answered in (0: DefaultBlocks). Each block holds the postings its
	// queries need; more blocks, smaller blocks, more postings sent.
	Blocks int
	// Parts, when more than 1, runs the two largest joins in turns: the
	// candidate pairs are scored in Parts parts (by a hash of their
	// second article), and the more-like-this blocks answered, one after
	// the other. A runner that gives a stage all its input in one bundle
	// (prism) then holds one part of each join at a time instead of all
	// of it; the output is the same.
	Parts int
	// MaxComponent, when positive, fails the run on a connected component
	// of more articles: one worker groups each component, with its
	// articles' features in memory (about 6 KB an article), and a story
	// that chains thousands of articles makes one component.
	MaxComponent int
}

// DefaultBlocks is the default of Config.Blocks.
const DefaultBlocks = 8

// MaxTurns bounds the parts, and with them the more-like-this blocks,
// run in turns: each turn adds its own stages to the pipeline (about a
// tenth of a second each on prism, with no work to do), so tens of
// thousands would take hours of stages to no purpose.
const MaxTurns = 1024

// DefaultRounds is the default of Config.Rounds: each round at least
// halves the depth of the trees that link a component, so this covers
// components linked through chains of 2^12 articles.
const DefaultRounds = 12

// Check reports a configuration the pipeline cannot run, among them an
// input or output path on a file system this program has none for
// (hdfs://, or gcs:// for gs://). It makes and writes nothing: see
// [Config.PrepareOutputs] for the local outputs.
func (c *Config) Check() error {
	if len(c.Paths) == 0 {
		return fmt.Errorf("no input paths")
	}
	for _, p := range c.Paths {
		if p == "-" {
			// Workers read the input, not the process that builds the
			// pipeline: they have no standard input to read.
			return fmt.Errorf("input -: the pipeline does not read standard input; give files, directories or globs")
		}
	}
	if c.Format != "tsv" && c.Format != "jsonl" {
		return fmt.Errorf("format %q: want tsv or jsonl", c.Format)
	}
	if c.Out == "" {
		return fmt.Errorf("no output file")
	}
	if c.MaxComponent < 0 {
		return fmt.Errorf("max component %d: want 0 (no bound) or more", c.MaxComponent)
	}
	if c.Parts < 0 || c.Parts > MaxTurns {
		return fmt.Errorf("parts %d: want 0 to %d", c.Parts, MaxTurns)
	}
	if c.Blocks < 0 {
		return fmt.Errorf("mlt blocks %d: want 0 (the default, %d) or more", c.Blocks, DefaultBlocks)
	}
	if c.Parts > 1 && c.Blocks > MaxTurns {
		return fmt.Errorf("mlt blocks %d: with parts, the blocks are answered in turns, at most %d", c.Blocks, MaxTurns)
	}
	if c.Rounds <= 0 {
		return fmt.Errorf("rounds %d: want 1 or more", c.Rounds)
	}
	if _, err := c.Read.options(); err != nil {
		return err
	}
	if err := c.checkSchemes(); err != nil {
		return err
	}
	return c.checkClashes()
}

// Build adds the dedup pipeline to s.
func Build(s beam.Scope, c Config) error {
	if err := c.Check(); err != nil {
		return err
	}
	opt := c.Options
	opt.CopyOnly = c.Level == cluster.Copy
	arts, problems := readArticles(s, c.Paths, c.Read)
	raw, nodes, count := featurize(s, arts, opt.CopyOnly)
	pairs := lshPairs(s, raw, opt)
	if !opt.CopyOnly {
		blocks := c.Blocks
		if blocks <= 0 {
			blocks = DefaultBlocks
		}
		pairs = candidates(s, pairs, mltPairs(s, nodes, count, opt, blocks, c.Parts > 1))
	} else {
		pairs = candidates(s, pairs)
	}
	reaching, lists := scoreGraph(s, nodes, pairs, opt, c.Parts)
	gs := groupComponents(s, nodes, lists, pairs, reaching, opt, c.Rounds, c.MaxComponent)

	out := s.Scope("output")
	meta := beam.ParDo(out, dropText, arts)
	format := listing.Format(c.Format)
	rows := outputRows(out, meta, gs, c.Level, format)
	header, err := memberHeader(format)
	if err != nil {
		return err
	}
	writeSorted(out, rows, c.Out, header, false)
	if c.Skipped != "" {
		writeSorted(out.Scope("skipped"), beam.ParDo(out, keyProblem, problems), c.Skipped, "", true)
	}
	if c.Lineage != "" {
		ls := out.Scope("lineage")
		byGroup := beam.ParDo(ls, byRewriteGroup, beam.CoGroupByKey(ls, arts, gs))
		writeSorted(ls, beam.ParDo(ls, lineageFn{}, beam.GroupByKey(ls, byGroup)), c.Lineage, "", true)
	}
	return nil
}

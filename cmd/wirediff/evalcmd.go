package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/eval"
	"github.com/wirediff/wirediff/internal/cli"
	"github.com/wirediff/wirediff/listing"
)

func cmdEval(e *env, args []string) error {
	fs := cli.NewFlagSet("eval")
	var rf readFlags
	var gf groupFlags
	rf.register(fs, true)
	gf.register(fs, "story", "")
	goldPaths := fs.StringArray("gold", nil, "gold clustering `FILE` (id<TAB>cluster); repeatable")
	predFile := fs.String("pred", "", "score this prediction `FILE` instead of grouping PATH...")
	worst := 5
	cli.CountVar(fs, &worst, "worst", "worst merges and splits to list")
	format := formatFlag(fs, listing.Table, listing.JSON)
	if err := parseFlags(e, fs, usage("eval"), args); err != nil {
		return err
	}
	gf.indexSet = fs.Changed("index")
	if len(*goldPaths) == 0 {
		return cli.Usagef("eval: --gold is required")
	}
	f, err := parseFormat(*format, listing.Table, listing.JSON)
	if err != nil {
		return err
	}
	if gf.indexDir == "" {
		gf.noIndex = true
	}
	if *predFile != "" {
		// A saved prediction is scored as it is: no flag that reads or
		// groups articles applies.
		var set []string
		fs.Visit(func(f *pflag.Flag) {
			switch f.Name {
			case "gold", "pred", "worst", "format", "help":
			default:
				set = append(set, "--"+f.Name)
			}
		})
		if len(set) > 0 {
			return cli.Usagef("eval: %s do(es) not apply to --pred (the prediction file is scored as it is)", strings.Join(set, ", "))
		}
	} else if _, _, err := gf.options(); err != nil { // usage mistakes first
		return err
	}
	// Every gold file is read before the grouping, which can take long:
	// a missing or malformed one fails at once, not after a partial report.
	golds := make([]eval.Clustering, len(*goldPaths))
	for i, path := range *goldPaths {
		gold, err := eval.ReadClusteringFile(path)
		if err != nil {
			return cli.WithStatus(err, 2)
		}
		if len(gold) == 0 { // every score would be a perfect 1 over nothing
			return cli.WithStatus(fmt.Errorf("eval: %s holds no article (want \"id<TAB>cluster\" lines)", path), 2)
		}
		golds[i] = gold
	}
	var doc listing.Eval
	var pred eval.Clustering
	if *predFile != "" {
		if fs.NArg() > 0 {
			return cli.Usagef("eval: give either --pred or input paths, not both")
		}
		p, err := eval.ReadClusteringFile(*predFile)
		if err != nil {
			return cli.WithStatus(err, 2)
		}
		pred = p
		if lv := predLevel(pred); lv != "" {
			for _, path := range *goldPaths {
				if l := levelNamed(filepath.Base(path)); l != "" && l != lv {
					fmt.Fprintf(e.stderr, "wirediff: eval: %s names the %s level; the groups of %s are at level %s ('wirediff dedup --level %s' writes that level's)\n",
						path, l, *predFile, lv, l)
				}
			}
		}
	} else {
		rf.exclude = *goldPaths // a gold file beside the articles is not one
		gr, err := group(e, fs.Args(), rf, gf, false)
		if err != nil {
			return err
		}
		pred = gr.Clustering()
		doc.Level, doc.Articles = gr.Level.String(), len(gr.Docs)
		if !fs.Changed("level") {
			for _, path := range *goldPaths {
				if l := levelNamed(filepath.Base(path)); l != "" && l != gr.Level.String() {
					fmt.Fprintf(e.stderr, "wirediff: eval: %s names the %s level; the groups scored are at level %s (the default; --level %s scores that level)\n",
						path, l, gr.Level, l)
				}
			}
		}
		if f == listing.Table {
			fmt.Fprintf(e.stdout, "level %s: %d articles, %s\n\n", gr.Level, len(gr.Docs), listing.Skips(gr.Stats, rf.fallback()))
		}
		if err := checkStrict(rf, gr.Stats); err != nil {
			return err
		}
	}
	cs := make([]eval.Comparison, len(golds))
	for i, gold := range golds {
		cs[i] = eval.Compare(gold, pred, worst)
		if cs[i].Missing > 0 { // scored as singletons; most likely a wrong path
			fmt.Fprintf(e.stderr, "wirediff: eval: %d of the %s in %s %s not in the input (scored as singletons)\n",
				cs[i].Missing, listing.Plural(len(gold), "article"), (*goldPaths)[i], isAre(cs[i].Missing))
		}
		if extra := len(pred) - (len(gold) - cs[i].Missing); extra > 0 { // left out of the scores
			of := "read"
			if *predFile != "" {
				of = "in " + *predFile
			}
			fmt.Fprintf(e.stderr, "wirediff: eval: %d of the %s %s %s not in %s (left out of the scores)\n",
				extra, listing.Plural(len(pred), "article"), of, isAre(extra), (*goldPaths)[i])
		}
	}
	return listing.WriteEval(e.stdout, f, doc, *goldPaths, cs)
}

// levelNamed returns the grouping level a gold file's name names, as the
// generator names them ("gold-rewrite.tsv"), or "" for none or several.
func levelNamed(name string) string {
	found := ""
	for _, l := range []string{"copy", "rewrite", "story"} {
		if strings.Contains(strings.ToLower(name), l) {
			if found != "" {
				return ""
			}
			found = l
		}
	}
	return found
}

// predLevel returns the level of a prediction whose labels are all group
// IDs of one level, as dedup writes them ("r:000_4bd703d3e122696c"), or
// "" for labels of no level or of several.
func predLevel(pred eval.Clustering) string {
	found := ""
	for _, lab := range pred {
		l := ""
		for lv := cluster.Copy; lv <= cluster.Story; lv++ {
			if strings.HasPrefix(lab, cluster.GroupID(lv, "")) {
				l = lv.String()
			}
		}
		if l == "" || found != "" && l != found {
			return ""
		}
		found = l
	}
	return found
}

// isAre is the verb for n things.
func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

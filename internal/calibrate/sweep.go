package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/eval"
)

// sweep scores story-level settings on the development sets: each
// combination of -w (the shared-neighbour weight) and -th (the story
// threshold), the other settings from the defaults or the flags.
func sweep(d dataDir, args []string, stdout, stderr io.Writer) error {
	def := cluster.DefaultOptions()
	opt := def
	fs := newFlags("sweep", stderr)
	only := fs.String("set", "", "sweep only this set: pool, neus, basil or ecbplus (default all)")
	atDefault := fs.Bool("default", false, "score the default weight and threshold only")
	fine := fs.Bool("fine", false, "the fine grid: weights 0.2,0.3,0.4, thresholds 0.30 to 0.38")
	split := fs.Bool("split", false, "also score ECB+ by topic parity, each half on its own articles")
	ws, ths := floats{0, 0.3}, floats{0.2, 0.25, 0.3, 0.35, 0.4}
	fs.Var(&ws, "w", "shared-neighbour weights, comma-separated")
	fs.Var(&ths, "th", "story thresholds, comma-separated")
	fs.IntVar(&opt.Candidates.PerDoc, "perdoc", def.Candidates.PerDoc, "more-like-this candidates kept per article")
	fs.IntVar(&opt.Candidates.TopTerms, "topterms", def.Candidates.TopTerms, "more-like-this query terms per article")
	fs.Float64Var(&opt.Story.NeighbourFloor, "floor", def.Story.NeighbourFloor, "least cosine of a neighbour")
	fs.IntVar(&opt.Story.Neighbours, "nn", def.Story.Neighbours, "neighbour list length")
	fs.Float64Var(&opt.Story.DayWeight, "day", def.Story.DayWeight, "weekday agreement weight")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *atDefault {
		ws, ths = floats{def.Story.SharedWeight}, floats{def.Thresholds.Story}
	}
	if *fine {
		ws, ths = floats{0.2, 0.3, 0.4}, floats{0.3, 0.32, 0.34, 0.36, 0.38}
	}
	sets := []struct {
		name  string
		paths []string
		golds []string
	}{
		{"pool", d.pool(), []string{"ecbplus-dev", "basil-dev"}},
		{"neus", []string{d.set("neus-dev", "articles.jsonl")}, []string{"neus-dev"}},
		{"basil", []string{d.set("basil-dev", "articles.jsonl")}, []string{"basil-dev"}},
		{"ecbplus", []string{d.set("ecbplus-dev", "articles.jsonl")}, []string{"ecbplus-dev"}},
	}
	b, err := bands()
	if err != nil {
		return err
	}
	for _, set := range sets {
		if *only != "" && *only != set.name {
			continue
		}
		docs, err := loadDocs(set.paths)
		if err != nil {
			return err
		}
		golds := make([]eval.Clustering, len(set.golds))
		for k, name := range set.golds {
			if golds[k], err = d.gold(name); err != nil {
				return err
			}
		}
		for _, w := range ws {
			for _, th := range ths {
				opt.Story.SharedWeight = w
				opt.Thresholds.Story = th
				r, err := cluster.Run(docs, b, opt)
				if err != nil {
					return err
				}
				pred := predicted(docs, r.Labels[cluster.Story])
				line := fmt.Sprintf("%s snn=%.2f t=%.2f", set.name, w, th)
				for k, gname := range set.golds {
					gold := golds[k]
					s := eval.Score(gold, pred)
					line += fmt.Sprintf(" | %s pP=%.3f b3P=%.3f b3R=%.3f b3F=%.3f", strings.Split(gname, "-")[0], s.Pairwise.Precision, s.BCubed.Precision, s.BCubed.Recall, s.BCubed.F1)
					if gname == "ecbplus-dev" && *split {
						for parity, name := range []string{"even", "odd"} {
							h := eval.Score(topicHalf(gold, parity), pred)
							line += fmt.Sprintf(" | ecb-%s pP=%.3f b3F=%.3f", name, h.Pairwise.Precision, h.BCubed.F1)
						}
					}
				}
				fmt.Fprintln(stdout, line)
			}
		}
	}
	return nil
}

// topicHalf is the part of the ECB+ gold whose topic number (the ID's
// prefix) has the given parity: a held-out check of a setting.
func topicHalf(gold eval.Clustering, parity int) eval.Clustering {
	half := eval.Clustering{}
	for id, c := range gold {
		var topic int
		fmt.Sscanf(id, "%d_", &topic)
		if topic%2 == parity {
			half[id] = c
		}
	}
	return half
}

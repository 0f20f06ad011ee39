package selection

import (
	"fmt"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/lineage"
	"github.com/wirediff/wirediff/lineage/render"
)

// Store is what [Analyze] reads of an index: the stored articles;
// [*index.Index] has it.
type Store interface {
	Get(id string) (index.Entry, error)
}

// Analyze reports the lineage of each group, in order, its members read
// from ix; source, when set, is the reference of every group (see
// [lineage.Options]). An article ix cannot give is its error as it is;
// a group lineage cannot analyze is named in the error.
func Analyze(ix Store, groups []Group, source string) ([]render.Named, error) {
	var reports []render.Named
	for _, g := range groups {
		arts := make([]corpus.Article, 0, len(g.IDs))
		for _, id := range g.IDs {
			en, err := ix.Get(id)
			if err != nil {
				return nil, err
			}
			arts = append(arts, en.Article)
		}
		r, err := lineage.Analyze(arts, lineage.Options{Source: source})
		if err != nil {
			return nil, fmt.Errorf("group %s: %w", g.Name, err)
		}
		reports = append(reports, render.Named{Group: g.Name, Report: r})
	}
	return reports, nil
}

// Rewrites reports the lineage of every rewrite group of two or more
// articles of a grouping run, in the run's order of groups, each against
// its inferred reference. The run must have kept the articles' text
// ([dedup.Options].KeepText).
func Rewrites(run *dedup.Result) ([]render.Named, error) {
	var reports []render.Named
	for _, g := range run.GroupsAt(cluster.Rewrite) {
		if len(g) < 2 {
			continue
		}
		arts := make([]corpus.Article, len(g))
		for k, i := range g {
			arts[k] = run.Articles[i]
		}
		name := run.Label(cluster.Rewrite, g[0])
		r, err := lineage.Analyze(arts, lineage.Options{})
		if err != nil {
			return nil, fmt.Errorf("lineage of %s: %w", name, err)
		}
		reports = append(reports, render.Named{Group: name, Report: r})
	}
	return reports, nil
}

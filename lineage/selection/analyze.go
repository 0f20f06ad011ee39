package selection

import (
	"context"
	"fmt"
	"strings"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/internal/parallel"
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
// a group lineage cannot analyze is named in the error. The groups are
// analyzed on all cores, so ix must be safe for concurrent use, as
// [*index.Index] is; when several fail, the error of the first in order is
// returned.
func Analyze(ix Store, groups []Group, source string) ([]render.Named, error) {
	reports := make([]render.Named, 0, len(groups))
	err := Stream(context.Background(), ix, groups, StreamOptions{Source: source}, func(r render.Named) error {
		reports = append(reports, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return reports, nil
}

// Limit bounds the analyses under way among callers that share it (the
// requests of a server): Enter waits until one more may start, or until
// ctx is done, which is its error; Leave says one has finished.
type Limit interface {
	Enter(ctx context.Context) error
	Leave()
}

// StreamOptions configure [Stream].
type StreamOptions struct {
	// Source, when set, is the reference of every group (see
	// [lineage.Options]).
	Source string
	// Limit, when set, admits each group's analysis, its members read
	// once it is admitted; nil is no bound beyond the cores.
	Limit Limit
}

// Stream analyzes the groups as [Analyze] does and calls emit with each
// report, in the order of the groups, as soon as the reports before it
// have been emitted, so that a long list of groups is written as it is
// analyzed and only a few reports are held at a time (see
// [parallel.Ordered]). It stops at the first error in order, of the
// analysis or of emit, and returns it; once ctx is done no group starts,
// and ctx's error is returned (the analyses under way finish).
func Stream(ctx context.Context, ix Store, groups []Group, opt StreamOptions, emit func(render.Named) error) error {
	return parallel.Ordered(len(groups), func(k int) (render.Named, error) {
		if err := ctx.Err(); err != nil {
			return render.Named{}, err
		}
		if opt.Limit != nil {
			if err := opt.Limit.Enter(ctx); err != nil {
				return render.Named{}, err
			}
			defer opt.Limit.Leave()
		}
		g := groups[k]
		arts := make([]corpus.Article, 0, len(g.IDs))
		for _, id := range g.IDs {
			en, err := ix.Get(id)
			if err != nil {
				return render.Named{}, err
			}
			arts = append(arts, en.Article)
		}
		r, err := lineage.Analyze(arts, lineage.Options{Source: opt.Source})
		if err != nil {
			if g.Name == IDsName {
				return render.Named{}, fmt.Errorf("articles %s: %w", strings.Join(g.IDs, ", "), err)
			}
			return render.Named{}, fmt.Errorf("group %s: %w", g.Name, err)
		}
		return render.Named{Group: g.Name, Report: r}, nil
	}, func(_ int, r render.Named) error { return emit(r) })
}

// Rewrites reports the lineage of every rewrite group of two or more
// articles of a grouping run, in the run's order of groups, each against
// its inferred reference, on all cores. The run must have kept the
// articles' text ([dedup.Options].KeepText).
func Rewrites(run *dedup.Result) ([]render.Named, error) {
	groups, store := RunGroups(run)
	return Analyze(store, groups, "")
}

// RunGroups returns the rewrite groups of two or more articles of a
// grouping run, in the run's order, each named by its label, and the
// run's articles as a [Store]: what [Analyze] and [Stream] read. The run
// must have kept the articles' text ([dedup.Options].KeepText).
func RunGroups(run *dedup.Result) ([]Group, Store) {
	var groups []Group
	store := runStore{}
	for _, g := range run.GroupsAt(cluster.Rewrite) {
		if len(g) < 2 {
			continue
		}
		ids := make([]string, len(g))
		for j, i := range g {
			ids[j] = run.Articles[i].ID
			store[ids[j]] = &run.Articles[i]
		}
		groups = append(groups, Group{Name: run.Label(cluster.Rewrite, g[0]), IDs: ids})
	}
	return groups, store
}

// runStore is a run's articles by ID.
type runStore map[string]*corpus.Article

func (s runStore) Get(id string) (index.Entry, error) {
	a, ok := s[id]
	if !ok {
		return index.Entry{}, fmt.Errorf("%w: %s", index.ErrNoID, id)
	}
	return index.Entry{Article: *a}, nil
}

package cluster

import (
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/internal/term"
	"github.com/wirediff/wirediff/similarity"
)

// This file scores one article against a few candidates (the "similar"
// query) the way [Run] scores pairs inside a batch.

// Stems returns the stem behind each term ID of the vector f.Doc(a)
// builds: the lowercase Porter stem of the word (numbers as written), as
// an index analyzed with Porter stemming holds it. Use it to look up
// document frequencies of a doc's terms in an index.
func (f *Featurizer) Stems(a *corpus.Article) map[TermID]string {
	out := map[TermID]string{}
	add := func(text string, start, end int) {
		f.toks = similarity.AppendTokens(f.toks[:0], text, start, end)
		for _, t := range f.toks {
			id, ok := f.term(t.Text)
			if !ok {
				continue
			}
			if _, ok := out[id]; !ok {
				out[id] = term.Key(t.Text)
			}
		}
	}
	for _, sp := range a.Body() {
		add(a.Text, sp.Start, sp.End)
	}
	add(a.Title, 0, len(a.Title))
	return out
}

// WeighIndexed turns the raw counts of docs into TF-IDF vectors like
// [Weigh] with background bg (may be nil), with the other document
// frequencies taken from an index of n articles instead of from docs:
// df[id] is the number of indexed articles holding term id, and
// indexed[i] tells whether docs[i] is one of them (a new article counts
// once more, as if it were added). The vectors are then those a batch
// run over the index (plus the new articles) would give.
func WeighIndexed(docs []Doc, indexed []bool, df map[TermID]int32, n int, bg *Background) {
	// Weigh adds the docs' own frequencies to the background: subtract
	// those of the indexed docs, which the index already counts.
	all := &Background{DF: map[TermID]int32{}, Docs: n}
	if bg != nil {
		all.Docs += bg.Docs
	}
	for i := range docs {
		for _, t := range docs[i].Terms {
			if _, ok := all.DF[t.ID]; ok {
				continue
			}
			c := df[t.ID]
			if bg != nil {
				c += bg.DF[t.ID]
			}
			all.DF[t.ID] = c
		}
	}
	in := 0
	for i := range docs {
		if !indexed[i] {
			continue
		}
		in++
		for _, t := range docs[i].Terms {
			if df[t.ID] > 0 {
				all.DF[t.ID]--
			}
		}
	}
	all.Docs = max(all.Docs-in, 0)
	Weigh(docs, all)
}

// NewPool returns a grouper over a query article and its candidates,
// already weighed. The shared-neighbour lists of [Grouper.StorySim] are
// computed over every pair in the pool: an approximation of the lists a
// batch run computes over all its candidate pairs, close when the pool
// holds the query's neighbourhood.
func NewPool(docs []Doc, opt Options) *Grouper {
	g := &Grouper{Docs: docs, Opt: opt}
	var edges []Edge
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			edges = append(edges, Edge{int32(i), int32(j)})
		}
	}
	g.neighbours(edges)
	return g
}

// Join returns the tightest level at which docs i and j pass the
// grouping thresholds as a pair: copy when their shingle Jaccard reaches
// Thresholds.Copy, rewrite when their rewrite score reaches
// Thresholds.Rewrite, story when their story similarity reaches
// Thresholds.Story; ok is false when none is reached (or the pair is
// outside the date window). A pair whose figures differ (see [Figures])
// is neither a copy nor a rewrite. Grouping merges groups by average
// link, so a pair can pass and its articles still end in different
// groups.
func (g *Grouper) Join(i, j int) (l Level, ok bool) {
	agree := g.figuresAgree(i, j)
	for l := Copy; l <= Story; l++ {
		if (agree || l == Story) && g.LevelSim(l, i, j) >= g.Opt.Thresholds.At(l) {
			return l, true
		}
	}
	return 0, false
}

// LevelSim is the similarity that level l groups by: the word-shingle
// Jaccard (copy), [Grouper.RewriteSim] or [Grouper.StorySim]; zero
// outside the date window.
func (g *Grouper) LevelSim(l Level, i, j int) float64 {
	switch l {
	case Copy:
		if !g.inWindow(i, j) {
			return 0
		}
		return similarity.Jaccard(g.Docs[i].Shingles, g.Docs[j].Shingles)
	case Rewrite:
		return g.RewriteSim(i, j)
	}
	return g.StorySim(i, j)
}

// JoinsGroup reports whether doc i, alone, would join the group of docs
// js at level l under the average link of [Run]: whether its mean
// LevelSim to them reaches the level's threshold. It is how one new
// article is placed among groups already made without grouping again.
// As in [Run], at the copy level a member whose figures differ from doc
// i's (see [Figures]) scores 0, and at the rewrite level doc i needs a
// member whose figures agree, through which a merge could start.
func (g *Grouper) JoinsGroup(l Level, i int, js []int) bool {
	if len(js) == 0 {
		return false
	}
	var sum float64
	start := l == Story
	for _, j := range js {
		agree := l == Story || g.figuresAgree(i, j)
		start = start || agree
		if agree || l != Copy {
			sum += g.LevelSim(l, i, j)
		}
	}
	return start && sum/float64(len(js)) >= g.Opt.Thresholds.At(l)
}

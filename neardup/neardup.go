// Package neardup finds one article's near-duplicates in an index, with
// the level each would join (copy, rewrite or story, by the thresholds the
// index's groups were made with: [Finder.UseOptions]) and the evidence, and places a new article
// among the groups of the last grouping without grouping the index again.
//
// Candidates are the best matches of a more-like-this query of the
// article's heaviest terms ([index.Index.Similar]). The article and its
// candidates are featurized with the index's scheme and weighed with the
// document frequencies the last grouping run weighed its batch with
// ([Finder.UseDocFreqs]; dedup.RunFreqs reads them from an index), so that a pair
// scores as 'wirediff dedup' scored it; with none, as a batch run over
// the index would weigh them ([cluster.WeighIndexed]). The story score's
// shared-neighbour term is taken over the article and its candidates, an
// approximation of the run's neighbour lists (exact when the candidates
// are the article's neighbourhood, as in a small group). Placement follows average link
// ([cluster.Grouper.JoinsGroup]): a new article joins a group when its
// mean similarity to the group's members reaches the level's threshold,
// not because one member resembles it; a near-duplicate indexed since
// the grouping, in no group, makes a new group with it. Placing articles
// one at a time depends on the order they arrive in, and groups already
// made do not move; group the index again when the groups must be those
// of one run.
//
// An [Adder] places new articles one at a time and indexes each before
// the next, recording their groups in an [index.Grouping].
//
// A [Finder] is not safe for concurrent use, nor is an Adder.
package neardup

import (
	"fmt"
	"maps"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/similarity"
)

// Index is what a [Finder] reads of an index; [*index.Index] has it.
type Index interface {
	Similar(index.Like) ([]index.Candidate, error)
	Get(id string) (index.Entry, error)
	DocFreqs(field string, terms []string) ([]int, int, error)
}

// Groups is the grouping a new article is placed among: the last one run
// over the index (see [index.Index.Groups]).
type Groups interface {
	// Label returns the group of id at level l; an article indexed since
	// the grouping is a group of its own ("c:ID", "r:ID", "s:ID").
	Label(id string, l cluster.Level) string
	// Members returns the members of group label at level l sorted by
	// ID, or none when the grouping has no such group.
	Members(l cluster.Level, label string) []string
}

// Hit is one candidate scored against the article. Scores are rounded to
// four decimal places, so that rankings and reports are the same on every
// platform.
type Hit struct {
	ID string
	// Level is the tightest level the two join at, when Joins; an article
	// that joins none is a candidate all the same.
	Level cluster.Level
	Joins bool
	// Score is the score behind Level: the word-shingle Jaccard at the
	// copy level, the rewrite score at the rewrite level, the story
	// similarity at the story level or when it joins none.
	Score    float64
	Story    float64 // story similarity
	Evidence cluster.Evidence
	// Sims is the similarity each level groups by (cluster.Grouper.LevelSim),
	// indexed by level: zero outside the date window; the story one is
	// clamped to [0, 1] as Story is.
	Sims    [3]float64
	Article *corpus.Article // as stored in the index
}

// Finder scores articles against their candidates in an index.
type Finder struct {
	ix Index
	f  *cluster.Featurizer
	bg *cluster.Background
	// df and docs, when df is set, are the document frequencies every
	// article is weighed with (see [Finder.UseDocFreqs]).
	df   map[cluster.TermID]int32
	docs int
	// opt are the grouping options pairs are scored and articles placed
	// with (see [Finder.UseOptions]).
	opt cluster.Options
}

// UseOptions makes s score pairs and place articles with the grouping
// options opt instead of [cluster.DefaultOptions]: give it those the
// index's groups were made with ([dedup.GroupedWith]).
func (s *Finder) UseOptions(opt cluster.Options) { s.opt = opt }

// Options returns the grouping options s scores pairs with.
func (s *Finder) Options() cluster.Options { return s.opt }

// UseDocFreqs makes s weigh every article with fixed document
// frequencies: df[t] of docs articles hold term t. Give it those a
// grouping run weighed its batch with (dedup keeps them in the index), and
// a pair of articles of that run scores here as the run scored it,
// whatever was indexed since. Without them, s weighs with the index's
// own counts (see [cluster.WeighIndexed]), which differ from a run's in
// the last digits. s does not change df.
func (s *Finder) UseDocFreqs(df map[cluster.TermID]int32, docs int) {
	s.df, s.docs = df, docs
}

// NewFinder returns a Finder over ix featurizing articles with word
// shingles of shingle words signed by h and banded by b: the settings the
// index was built with (see [index.Meta]).
func NewFinder(ix Index, shingle int, h *similarity.MinHasher, b similarity.Bands) (*Finder, error) {
	if h == nil || shingle < 1 {
		return nil, fmt.Errorf("neardup: want a MinHasher and a shingle size of at least 1, have %v and %d", h != nil, shingle)
	}
	bg, err := cluster.DefaultBackground()
	if err != nil {
		return nil, fmt.Errorf("neardup: %w", err)
	}
	return &Finder{ix: ix, f: cluster.NewFeaturizer(shingle, h, b), bg: bg, opt: cluster.DefaultOptions()}, nil
}

// Find scores a against its n best candidates and returns them all,
// ranked: tightest level first, then by the score behind it, then by ID;
// those that join no level last, by story similarity. indexed says a is
// the article of that ID in the index (it is left out of its own
// candidates and weighed as indexed). Shared passages are left to the
// caller ([cluster.SharedPassages] of a and Hit.Article).
func (s *Finder) Find(a *corpus.Article, indexed bool, n int) ([]Hit, error) {
	known := map[string]int{}
	ids, err := s.candidates(a, indexed, n, known)
	if err != nil {
		return nil, err
	}
	p, err := s.pool(a, indexed, ids, known)
	if err != nil {
		return nil, err
	}
	hits := make([]Hit, len(ids))
	for k, id := range ids {
		hits[k] = p.hit(k+1, id)
	}
	sort.SliceStable(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		ra, rb := levelRank(a), levelRank(b)
		if ra != rb {
			return ra < rb
		}
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		return a.ID < b.ID
	})
	return hits, nil
}

// candidates returns the IDs of a's n best candidates, best first: the
// matches of a more-like-this query of its heaviest terms, a itself left
// out when indexed. known holds document frequencies already looked up,
// by stem; it is filled in.
func (s *Finder) candidates(a *corpus.Article, indexed bool, n int, known map[string]int) ([]string, error) {
	like := index.Like{Text: index.LikeText(a), Size: n, DocFreqs: known}
	if indexed {
		like.Exclude = a.ID
	}
	cands, err := s.ix.Similar(like)
	if err != nil {
		return nil, fmt.Errorf("neardup: candidates of %s: %w", a.ID, err)
	}
	ids := make([]string, len(cands))
	for k, c := range cands {
		ids[k] = c.ID
	}
	return ids, nil
}

// pool is an article weighed and grouped together with indexed ones.
type pool struct {
	g    *cluster.Grouper
	arts []*corpus.Article // arts[0] is the query, arts[1+k] the article ids[k]
}

// pool featurizes a and the indexed articles ids and weighs them as a
// batch run over the index would (see [cluster.WeighIndexed]). known
// holds document frequencies already looked up, by stem; it is filled
// in.
func (s *Finder) pool(a *corpus.Article, indexed bool, ids []string, known map[string]int) (*pool, error) {
	docs := make([]cluster.Doc, 1+len(ids))
	arts := make([]*corpus.Article, 1+len(ids))
	isIndexed := make([]bool, 1+len(ids))
	docs[0], arts[0], isIndexed[0] = s.f.Doc(a), a, indexed
	for k, id := range ids {
		ent, err := s.ix.Get(id)
		if err != nil {
			return nil, fmt.Errorf("neardup: scoring %s: %w", a.ID, err)
		}
		arts[k+1], isIndexed[k+1] = &ent.Article, true
	}
	// Featurize the indexed articles on every core.
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f := s.f
			if w > 0 {
				f = cluster.NewFeaturizer(s.f.Shingle, s.f.Hasher, s.f.Bands)
			}
			for i := 1 + w; i < len(docs); i += workers {
				docs[i] = f.Doc(arts[i])
			}
		}()
	}
	wg.Wait()
	if s.df != nil {
		cluster.WeighWith(docs, s.df, s.docs, s.bg)
		return &pool{g: cluster.NewPool(docs, s.opt), arts: arts}, nil
	}
	// Document frequencies from the index for the article's own terms
	// (they make the cosines); the other articles' other terms, which
	// only scale their vectors, get the background frequency scaled to
	// the index, which saves thousands of dictionary lookups.
	stems := s.f.Stems(a)
	termIDs := slices.Sorted(maps.Keys(stems))
	var words []string
	for _, id := range termIDs {
		if _, ok := known[stems[id]]; !ok {
			words = append(words, stems[id])
		}
	}
	dfs, total, err := s.ix.DocFreqs("text", words)
	if err != nil {
		return nil, fmt.Errorf("neardup: document frequencies of %s: %w", a.ID, err)
	}
	for i, w := range words {
		known[w] = dfs[i]
	}
	df := map[cluster.TermID]int32{}
	scale := float64(total) / float64(max(s.bg.Docs, 1))
	for _, d := range docs[1:] {
		for _, t := range d.Terms {
			df[t.ID] = int32(math.Min(math.Round(float64(s.bg.DF[t.ID])*scale)+1, float64(total)))
		}
	}
	for _, id := range termIDs {
		df[id] = int32(known[stems[id]])
	}
	cluster.WeighIndexed(docs, isIndexed, df, total, s.bg)
	return &pool{g: cluster.NewPool(docs, s.opt), arts: arts}, nil
}

// levelRank orders hits by level, those that join none last.
// hit scores the pool's article i, of ID id, against the query (article 0).
func (p *pool) hit(i int, id string) Hit {
	g := p.g
	h := Hit{ID: id, Evidence: g.Evidence(0, i), Story: round4(g.StoryScore(0, i)), Article: p.arts[i]}
	for l := cluster.Copy; l <= cluster.Story; l++ {
		h.Sims[l] = round4(g.LevelSim(l, 0, i))
	}
	h.Sims[cluster.Story] = h.Story // clamped to [0, 1], which moves no pair across the threshold
	h.Score = h.Story
	if l, ok := g.Join(0, i); ok {
		h.Level, h.Joins = l, true
		switch l {
		case cluster.Copy:
			h.Score = h.Evidence.Jaccard
		case cluster.Rewrite:
			h.Score = h.Evidence.Rewrite
		}
	}
	h.Score = round4(h.Score)
	h.Evidence = roundEvidence(h.Evidence)
	return h
}

// Score scores a against the indexed articles ids as [Finder.Find] scores
// its candidates, in the order of ids: why a pair does or does not share
// a group. indexed tells whether a itself is in the index. The pool the
// story score's shared neighbours are taken in is a, its n best
// candidates (as Find takes them) and ids, so that an article among the
// candidates scores as Find scores it; with n 0, a and ids alone.
func (s *Finder) Score(a *corpus.Article, indexed bool, ids []string, n int) ([]Hit, error) {
	known := map[string]int{}
	pool := ids
	if n > 0 {
		cands, err := s.candidates(a, indexed, n, known)
		if err != nil {
			return nil, err
		}
		pool = cands
		for _, id := range ids {
			if !slices.Contains(pool, id) {
				pool = append(pool, id)
			}
		}
	}
	p, err := s.pool(a, indexed, pool, known)
	if err != nil {
		return nil, err
	}
	hits := make([]Hit, len(ids))
	for k, id := range ids {
		hits[k] = p.hit(1+slices.Index(pool, id), id)
	}
	return hits, nil
}

func levelRank(h Hit) int {
	if !h.Joins {
		return 3
	}
	return int(h.Level)
}

func round4(x float64) float64 {
	return float64(int64(x*1e4+0.5)) / 1e4
}

func roundEvidence(e cluster.Evidence) cluster.Evidence {
	e.Jaccard, e.Cosine = round4(e.Jaccard), round4(e.Cosine)
	e.QuoteShare, e.NameShare, e.Rewrite = round4(e.QuoteShare), round4(e.NameShare), round4(e.Rewrite)
	e.PassageShare = round4(e.PassageShare)
	return e
}

// joinTries is how many groups per level a new article is tried
// against, best-ranked near-duplicates first; maxGroupSample caps the
// members a group is compared with: a larger group stands by its first
// members by ID.
const (
	joinTries      = 3
	maxGroupSample = 100
)

// Placement is where [Finder.Place] puts a new article.
type Placement struct {
	index.Assignment // the new article's groups
	// With, when set, is the new groups of the near-duplicate the new
	// article joined when that one had none (it was indexed since the
	// last grouping): the two make a group, which the grouping must
	// record for both.
	With *index.Assignment
}

// Place returns the groups new article a joins, given its hits from
// [Finder.Find] in their order, placed as the average link of a batch
// grouping places one article among groups already made: at the tightest
// level first, the group of a near-duplicate that reaches the level, when
// a's mean similarity at that level to the group's members reaches its
// threshold (see [cluster.Grouper.JoinsGroup]). From that level up it
// takes the near-duplicate's groups (levels nest), below it groups of its
// own. A near-duplicate alone is not enough: it may be the one member of
// its group that a resembles.
//
// A near-duplicate indexed since the last grouping is in no group: a
// joins it as a group of one, and the two then make a new group at that
// level and every looser one, named as a grouping run names groups,
// after the first of the two by ID ([cluster.GroupID]); below that level
// each is a group of its own. Placement.With is the near-duplicate's
// groups then, to be recorded with a's. A hit of a's own ID (an older
// text of it, which a replaces) is passed over.
func (s *Finder) Place(a *corpus.Article, hits []Hit, gs Groups) (Placement, error) {
	as := ownGroups(a.ID)
	type try struct {
		l       cluster.Level
		id      string // the near-duplicate
		members []string
		alone   bool // the near-duplicate is in no group
	}
	var tries []try
	var ids []string // pooled: the near-duplicates and the members of their groups
	pos := map[string]int{}
	pool := func(id string) {
		if _, ok := pos[id]; !ok {
			ids = append(ids, id)
			pos[id] = len(ids) // arts[0] is a
		}
	}
	joins := func(h *Hit) bool { return h.Joins && h.ID != a.ID }
	for i := range hits {
		if joins(&hits[i]) {
			pool(hits[i].ID)
		}
	}
	for l := cluster.Copy; l <= cluster.Story; l++ {
		tried := map[string]bool{}
		for i := range hits {
			h := &hits[i]
			if !joins(h) || h.Level > l || len(tried) == joinTries {
				continue
			}
			lab := gs.Label(h.ID, l)
			if tried[lab] {
				continue
			}
			tried[lab] = true
			ms := gs.Members(l, lab)
			alone := len(ms) == 0 // indexed since the last grouping: a group of one
			if alone {
				ms = []string{h.ID}
			}
			ms = ms[:min(len(ms), maxGroupSample)]
			for _, m := range ms {
				pool(m)
			}
			tries = append(tries, try{l, h.ID, ms, alone})
		}
	}
	out := Placement{Assignment: index.Assignment(as)}
	if len(tries) == 0 {
		return out, nil
	}
	p, err := s.pool(a, false, ids, map[string]int{})
	if err != nil {
		return Placement{}, err
	}
	for _, t := range tries {
		js := make([]int, len(t.members))
		for k, m := range t.members {
			js[k] = pos[m]
		}
		if !p.g.JoinsGroup(t.l, 0, js) {
			continue
		}
		if t.alone {
			// In no group yet: the two make one, named after the first.
			with := ownGroups(t.id)
			first := min(a.ID, t.id)
			for l := t.l; l <= cluster.Story; l++ {
				*as.at(l), *with.at(l) = cluster.GroupID(l, first), cluster.GroupID(l, first)
			}
			out.With = (*index.Assignment)(&with)
		} else {
			for l := t.l; l <= cluster.Story; l++ {
				*as.at(l) = gs.Label(t.id, l)
			}
		}
		break
	}
	out.Assignment = index.Assignment(as)
	return out, nil
}

// assignment is an [index.Assignment] whose labels are read and set by
// level.
type assignment index.Assignment

// ownGroups is the groups of an article in no group of others.
func ownGroups(id string) assignment {
	return assignment{ID: id, Copy: cluster.GroupID(cluster.Copy, id),
		Rewrite: cluster.GroupID(cluster.Rewrite, id), Story: cluster.GroupID(cluster.Story, id)}
}

// at returns the label of level l.
func (a *assignment) at(l cluster.Level) *string {
	return [...]*string{&a.Copy, &a.Rewrite, &a.Story}[l]
}

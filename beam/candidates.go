package beam

import (
	"context"
	"encoding/binary"
	"reflect"
	"sort"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/similarity"
)

func init() {
	for _, t := range []any{(*pair)(nil), (*posting)(nil), (*query)(nil), (*contrib)(nil), (*bandKeysFn)(nil), (*bucketPairsFn)(nil), (*termPostingsFn)(nil), (*scoreTermFn)(nil), (*topCandidatesFn)(nil)} {
		beam.RegisterType(reflect.TypeOf(t).Elem())
	}
	beam.RegisterFunction(pairKey)
	beam.RegisterFunction(mergeCandidate)
}

var (
	skippedBuckets = beam.NewCounter("wirediff", "lsh-skipped-buckets")
	lshPairsCount  = beam.NewCounter("wirediff", "candidates-lsh")
	mltPairsCount  = beam.NewCounter("wirediff", "candidates-mlt")
)

// pair is a candidate pair of articles, A < B by ID; LSH marks the pairs
// that share an LSH band key (the copy level's candidates).
type pair struct {
	A, B string
	LSH  bool
}

// bandKeysFn emits a doc's LSH band keys (band number and key), as
// similarity.LSH indexes them: a signature too short or empty is not
// indexed.
type bandKeysFn struct {
	bands similarity.Bands
	keys  []uint64
}

func (fn *bandKeysFn) Setup() error {
	s, err := dedup.DefaultScheme()
	if err == nil {
		fn.bands = s.Bands
	}
	return err
}

func (fn *bandKeysFn) ProcessElement(id string, n node, emit func(string, string)) {
	b, sig := fn.bands, n.Doc.Sig
	if len(sig) < b.B*b.R || sig.Empty() {
		return
	}
	fn.keys = b.AppendKeys(fn.keys[:0], sig)
	for j, k := range fn.keys {
		var key [10]byte
		binary.BigEndian.PutUint16(key[:2], uint16(j))
		binary.BigEndian.PutUint64(key[2:], k)
		emit(string(key[:]), id)
	}
}

// bucketPairsFn emits every pair of an LSH bucket, skipping buckets of
// more than MaxBucket docs (boilerplate shared by thousands).
type bucketPairsFn struct {
	MaxBucket int
}

func (fn *bucketPairsFn) ProcessElement(ctx context.Context, _ string, ids func(*string) bool, emit func(pair)) {
	var run []string
	var id string
	for ids(&id) {
		run = append(run, id)
	}
	if fn.MaxBucket > 0 && len(run) > fn.MaxBucket {
		skippedBuckets.Inc(ctx, 1)
		return
	}
	sort.Strings(run)
	for x, a := range run {
		for _, b := range run[x+1:] {
			if a != b {
				emit(pair{A: a, B: b, LSH: true})
			}
		}
	}
}

func pairKey(p pair) (string, pair) { return p.A + "\x00" + p.B, p }

// mergeCandidate merges the copies of one pair found by LSH and
// more-like-this: one pair, LSH if either found it by LSH.
func mergeCandidate(ctx context.Context, _ string, ps func(*pair) bool, emit func(pair)) {
	var p, out pair
	for ps(&p) {
		lsh := out.LSH || p.LSH
		out = p
		out.LSH = lsh
	}
	if out.LSH {
		lshPairsCount.Inc(ctx, 1)
	} else {
		mltPairsCount.Inc(ctx, 1)
	}
	emit(out)
}

// lshPairs returns the LSH candidate pairs.
func lshPairs(s beam.Scope, nodes beam.PCollection, maxBucket int) beam.PCollection {
	s = s.Scope("lsh")
	keys := beam.ParDo(s, &bandKeysFn{}, nodes)
	return beam.ParDo(s, &bucketPairsFn{MaxBucket: maxBucket}, beam.GroupByKey(s, keys))
}

// posting is one doc in a term's postings: its weight for the term and
// its publication time (Unix seconds; Dated false when unknown).
type posting struct {
	ID    string
	W     float32
	Unix  int64
	Dated bool
}

// query is one term of a doc's more-like-this query: its rank among the
// query's terms (the order scores are summed in) and weight.
type query struct {
	ID    string
	Rank  int
	W     float32
	Unix  int64
	Dated bool
}

// contrib is what one term of a query adds to the scores of the
// candidates its postings name: S[k] to Cands[k].
type contrib struct {
	Rank  int
	Cands []string
	S     []float32
}

// termPostingsFn emits, for each of a doc's heaviest terms, its posting
// (the 2·TopTerms heaviest) and its query term (the TopTerms heaviest),
// as cluster.MoreLikeThis builds them.
type termPostingsFn struct {
	TopTerms int
}

func (fn *termPostingsFn) ProcessElement(id string, n node, post func(uint32, posting), ask func(uint32, query)) {
	d := &n.Doc
	unix, dated := d.Published.Unix(), !d.Published.IsZero()
	for _, t := range cluster.Heaviest(d.Terms, 2*fn.TopTerms) {
		post(uint32(t.ID), posting{ID: id, W: t.W, Unix: unix, Dated: dated})
	}
	for r, t := range cluster.Heaviest(d.Terms, fn.TopTerms) {
		ask(uint32(t.ID), query{ID: id, Rank: r, W: t.W, Unix: unix, Dated: dated})
	}
}

// scoreTermFn answers one term of every query holding it: the term's
// postings, cut to the MaxDF heaviest (ties by ID), each give their
// doc the product of weights, unless the date window keeps the two
// apart.
type scoreTermFn struct {
	Opt cluster.Options
}

func (fn *scoreTermFn) ProcessElement(_ uint32, posts func(*posting) bool, queries func(*query) bool, docs int, emit func(string, contrib)) {
	var ps []posting
	var p posting
	for posts(&p) {
		ps = append(ps, p)
	}
	if len(ps) == 0 {
		return
	}
	if maxDF := cluster.MaxDF(docs, fn.Opt.MaxDF); len(ps) > maxDF {
		sort.Slice(ps, func(a, b int) bool {
			if ps[a].W != ps[b].W {
				return ps[a].W > ps[b].W
			}
			return ps[a].ID < ps[b].ID
		})
		ps = ps[:maxDF]
	}
	var q query
	for queries(&q) {
		c := contrib{Rank: q.Rank}
		for _, p := range ps {
			if p.ID == q.ID || !inWindow(q.Unix, q.Dated, p.Unix, p.Dated, fn.Opt) {
				continue
			}
			c.Cands = append(c.Cands, p.ID)
			c.S = append(c.S, q.W*p.W)
		}
		if len(c.Cands) > 0 {
			emit(q.ID, c)
		}
	}
}

// inWindow is cluster.InWindow on Unix seconds.
func inWindow(a int64, aDated bool, b int64, bDated bool, opt cluster.Options) bool {
	if opt.Window <= 0 || !aDated || !bDated {
		return true
	}
	d := a - b
	if d < 0 {
		d = -d
	}
	return d <= int64(opt.Window/time.Second)
}

// topCandidatesFn sums a query's contributions per candidate in the order
// of its terms (float32, as cluster.MoreLikeThis adds them) and keeps the
// PerDoc best, score descending, ties by ID.
type topCandidatesFn struct {
	PerDoc int
}

func (fn *topCandidatesFn) ProcessElement(id string, cs func(*contrib) bool, emit func(pair)) {
	type one struct {
		Cand string
		Rank int
		S    float32
	}
	var all []one
	var c contrib
	for cs(&c) {
		for k, cand := range c.Cands {
			all = append(all, one{cand, c.Rank, c.S[k]})
		}
	}
	sort.Slice(all, func(a, b int) bool {
		if all[a].Cand != all[b].Cand {
			return all[a].Cand < all[b].Cand
		}
		return all[a].Rank < all[b].Rank
	})
	type scored struct {
		id string
		s  float32
	}
	var sums []scored
	for k := 0; k < len(all); {
		var acc float32
		e := k
		for ; e < len(all) && all[e].Cand == all[k].Cand; e++ {
			acc += all[e].S
		}
		sums = append(sums, scored{all[k].Cand, acc})
		k = e
	}
	sort.Slice(sums, func(a, b int) bool {
		if sums[a].s != sums[b].s {
			return sums[a].s > sums[b].s
		}
		return sums[a].id < sums[b].id
	})
	for _, c := range sums[:min(len(sums), fn.PerDoc)] {
		a, b := id, c.id
		if a > b {
			a, b = b, a
		}
		emit(pair{A: a, B: b})
	}
}

// mltPairs returns the more-like-this candidate pairs.
func mltPairs(s beam.Scope, nodes, count beam.PCollection, opt cluster.Options) beam.PCollection {
	s = s.Scope("mlt")
	posts, queries := beam.ParDo2(s, &termPostingsFn{TopTerms: opt.TopTerms}, nodes)
	contribs := beam.ParDo(s, &scoreTermFn{Opt: opt}, beam.CoGroupByKey(s, posts, queries), beam.SideInput{Input: count})
	return beam.ParDo(s, &topCandidatesFn{PerDoc: opt.PerDoc}, beam.GroupByKey(s, contribs))
}

// candidates returns every candidate pair once, LSH marked.
func candidates(s beam.Scope, pairs ...beam.PCollection) beam.PCollection {
	s = s.Scope("candidates")
	keyed := beam.ParDo(s, pairKey, beam.Flatten(s, pairs...))
	return beam.ParDo(s, mergeCandidate, beam.GroupByKey(s, keyed))
}

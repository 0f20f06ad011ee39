package beam

import (
	"context"
	"encoding/binary"
	"hash/fnv"
	"reflect"
	"slices"
	"sort"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/similarity"
)

func init() {
	for _, t := range []any{(*pair)(nil), (*posting)(nil), (*query)(nil), (*termList)(nil), (*copyMember)(nil), (*copyKeysFn)(nil), (*exactClassFn)(nil), (*bucketPairsFn)(nil), (*termPostingsFn)(nil), (*termListFn)(nil), (*blockQueriesFn)(nil)} {
		beam.RegisterType(reflect.TypeOf(t).Elem())
	}
	beam.RegisterFunction(pairKey)
	beam.RegisterFunction(mergeCandidate)
}

var (
	skippedBuckets  = beam.NewCounter("wirediff", "lsh-skipped-buckets")
	exactDuplicates = beam.NewCounter("wirediff", "exact-duplicates")
	lshPairsCount   = beam.NewCounter("wirediff", "candidates-lsh")
	mltPairsCount   = beam.NewCounter("wirediff", "candidates-mlt")
)

// pair is a candidate pair of articles, A < B by ID; LSH marks the pairs
// that share an LSH band key (the copy level's candidates).
type pair struct {
	A, B string
	LSH  bool
}

// copyMember is what the copy level's exact-duplicate classes need of an
// article: its shingle set (cluster.ExactClasses) and its LSH band keys,
// sent on when it is its class's first doc.
type copyMember struct {
	ID       string
	Shingles []uint32
	BandKeys []string
}

// copyKeysFn computes a doc's LSH band keys (band number and key), as
// similarity.LSH indexes them: a signature too short or empty is not
// indexed. A doc with shingles goes, keyed by the hash of its shingle set,
// to exactClassFn; a doc without is its own representative and its keys
// go straight to the buckets.
type copyKeysFn struct {
	bands similarity.Bands
	keys  []uint64
}

func (fn *copyKeysFn) Setup() error {
	s, err := dedup.DefaultScheme()
	if err == nil {
		fn.bands = s.Bands
	}
	return err
}

func (fn *copyKeysFn) ProcessElement(id string, n node, classes func(string, copyMember), keys func(string, string)) {
	var bk []string
	b, sig := fn.bands, n.Doc.Sig
	if len(sig) >= b.B*b.R && !sig.Empty() {
		fn.keys = b.AppendKeys(fn.keys[:0], sig)
		for j, k := range fn.keys {
			var key [10]byte
			binary.BigEndian.PutUint16(key[:2], uint16(j))
			binary.BigEndian.PutUint64(key[2:], k)
			bk = append(bk, string(key[:]))
		}
	}
	if len(n.Doc.Shingles) == 0 {
		for _, k := range bk {
			keys(k, id)
		}
		return
	}
	m := copyMember{ID: id, Shingles: n.Doc.Shingles, BandKeys: bk}
	var h [8]byte
	binary.BigEndian.PutUint64(h[:], cluster.ShingleHash(n.Doc.Shingles))
	classes(string(h[:]), m)
}

// exactClassFn finds the exact duplicates among the docs of one shingle
// hash as cluster.LSHPairs does (cluster.ExactClasses with no date
// window): each duplicate is paired with its class's first doc, and only
// first docs go on to the LSH buckets. (The copy level then cuts a class
// by the date window inside a component; see scorePairFn.)
type exactClassFn struct{}

func (fn *exactClassFn) ProcessElement(ctx context.Context, _ string, members func(*copyMember) bool, keys func(string, string), dups func(pair)) {
	var ms []copyMember
	var m copyMember
	for members(&m) {
		ms = append(ms, m)
		m = copyMember{}
	}
	sort.Slice(ms, func(a, b int) bool { return ms[a].ID < ms[b].ID })
	docs := make([]cluster.Doc, len(ms))
	for i, m := range ms {
		docs[i] = cluster.Doc{ID: m.ID, Shingles: m.Shingles}
	}
	rep := cluster.ExactClasses(docs, cluster.Options{})
	for i, m := range ms {
		if r := int(rep[i]); r != i {
			exactDuplicates.Inc(ctx, 1)
			dups(pair{A: ms[r].ID, B: m.ID, LSH: true})
			continue
		}
		for _, k := range m.BandKeys {
			keys(k, m.ID)
		}
	}
}

// bucketPairsFn emits the pairs of an LSH bucket of representatives: every
// pair, or, in a bucket of more than MaxBucket docs (boilerplate shared by
// thousands), each member paired with the bucket's leader (its first ID)
// only, as cluster.LSHPairs pairs them.
type bucketPairsFn struct {
	MaxBucket int
}

func (fn *bucketPairsFn) ProcessElement(ctx context.Context, _ string, ids func(*string) bool, emit func(pair)) {
	var run []string
	var id string
	for ids(&id) {
		run = append(run, id)
	}
	sort.Strings(run)
	if fn.MaxBucket > 0 && len(run) > fn.MaxBucket {
		skippedBuckets.Inc(ctx, 1)
		for _, b := range run[1:] {
			if b != run[0] {
				emit(pair{A: run[0], B: b, LSH: true})
			}
		}
		return
	}
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

// lshPairs returns the copy level's candidate pairs, those of
// cluster.LSHPairs: each exact duplicate paired with its class's
// representative (docs grouped by the hash of their shingle set), and the
// pairs of representatives sharing an LSH band key (docs grouped by key).
func lshPairs(s beam.Scope, nodes beam.PCollection, opt cluster.Options) beam.PCollection {
	s = s.Scope("lsh")
	classes, direct := beam.ParDo2(s, &copyKeysFn{}, nodes)
	keys, dups := beam.ParDo2(s, &exactClassFn{}, beam.GroupByKey(s, classes))
	buckets := beam.GroupByKey(s, beam.Flatten(s, direct, keys))
	return beam.Flatten(s, beam.ParDo(s, &bucketPairsFn{MaxBucket: opt.Candidates.MaxBucket}, buckets), dups)
}

// posting is one doc in a term's postings: its weight for the term and
// its publication time (Unix seconds; Dated false when unknown).
type posting struct {
	ID    string
	W     float32
	Unix  int64
	Dated bool
}

// query is a doc's more-like-this query: its TopTerms heaviest terms, in
// the order cluster.MoreLikeThis adds up their contributions.
type query struct {
	ID    string
	Unix  int64
	Dated bool
	Terms []uint32
	W     []float32
}

// termList is a term's postings, cut to the batch's MaxDF.
type termList struct {
	Term  uint32
	Posts []posting
}

// The more-like-this queries are answered by blocks of articles (by a
// hash of the ID): each block receives the postings of the terms its
// queries hold, once, and answers its queries in memory as
// cluster.MoreLikeThis does. Sending each query its terms' postings
// instead would move TopTerms·MaxDF entries per article (15,000 at
// 100k articles and beyond); a block moves each posting list at most
// once, so the shuffle is bounded by Blocks times the postings.

// block is the block of the article id among n.
func block(id string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32() % uint32(n))
}

// termPostingsFn emits, for each of a doc's 2·TopTerms heaviest terms,
// its posting; its query to its block; and, for each query term, that
// the block needs the term's postings.
type termPostingsFn struct {
	TopTerms, Blocks int
}

func (fn *termPostingsFn) ProcessElement(id string, n node, post func(uint32, posting), ask func(int, query), need func(uint32, int)) {
	d := &n.Doc
	unix, dated := d.Published.Unix(), !d.Published.IsZero()
	for _, t := range cluster.Heaviest(d.Terms, 2*fn.TopTerms) {
		post(uint32(t.ID), posting{ID: id, W: t.W, Unix: unix, Dated: dated})
	}
	q := query{ID: id, Unix: unix, Dated: dated}
	b := block(id, fn.Blocks)
	for _, t := range cluster.Heaviest(d.Terms, fn.TopTerms) {
		q.Terms = append(q.Terms, uint32(t.ID))
		q.W = append(q.W, t.W)
		need(uint32(t.ID), b)
	}
	ask(b, q)
}

// termListFn cuts a term's postings to the MaxDF heaviest (ties by ID),
// as cluster.MoreLikeThis prunes them, and sends them to every block that
// needs them.
type termListFn struct{}

func (fn *termListFn) ProcessElement(term uint32, posts func(*posting) bool, needs func(*int) bool, docs int, emit func(int, termList)) {
	var blocks []int
	var b int
	for needs(&b) {
		blocks = append(blocks, b)
	}
	if len(blocks) == 0 {
		return
	}
	slices.Sort(blocks)
	blocks = slices.Compact(blocks)
	var ps []posting
	var p posting
	for posts(&p) {
		ps = append(ps, p)
	}
	if maxDF := cluster.MaxDF(docs); len(ps) > maxDF {
		sort.Slice(ps, func(a, b int) bool {
			if ps[a].W != ps[b].W {
				return ps[a].W > ps[b].W
			}
			return ps[a].ID < ps[b].ID
		})
		ps = ps[:maxDF]
	}
	for _, b := range blocks {
		emit(b, termList{Term: term, Posts: ps})
	}
}

// blockQueriesFn answers the queries of one block: each query term's
// postings add query weight × document weight to their docs' scores
// (float32, in the query's term order), and the PerDoc best accepted by
// the date window (score descending, ties by ID) are its candidates.
type blockQueriesFn struct {
	Opt cluster.Options
}

func (fn *blockQueriesFn) ProcessElement(_ int, queries func(*query) bool, lists func(*termList) bool, emit func(pair)) {
	post := map[uint32][]posting{}
	var l termList
	for lists(&l) {
		post[l.Term] = l.Posts
	}
	type scored struct {
		id string
		s  float32
		ok bool
	}
	var q query
	for queries(&q) {
		at := map[string]int{}
		var cands []scored
		for k, t := range q.Terms {
			for _, p := range post[t] {
				if p.ID == q.ID {
					continue
				}
				i, seen := at[p.ID]
				if !seen {
					i = len(cands)
					at[p.ID] = i
					cands = append(cands, scored{id: p.ID, ok: inWindow(q.Unix, q.Dated, p.Unix, p.Dated, fn.Opt)})
				}
				cands[i].s += q.W[k] * p.W
			}
		}
		kept := cands[:0]
		for _, c := range cands {
			if c.ok {
				kept = append(kept, c)
			}
		}
		sort.Slice(kept, func(a, b int) bool {
			if kept[a].s != kept[b].s {
				return kept[a].s > kept[b].s
			}
			return kept[a].id < kept[b].id
		})
		for _, c := range kept[:min(len(kept), fn.Opt.Candidates.PerDoc)] {
			a, b := q.ID, c.id
			if a > b {
				a, b = b, a
			}
			emit(pair{A: a, B: b})
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

// mltPairs returns the more-like-this candidate pairs, answering the
// queries in blocks; with inTurn, one block after the other (see
// gateKeyFn), so that a runner handing a stage all its input at once
// holds one block's queries and postings at a time.
func mltPairs(s beam.Scope, nodes, count beam.PCollection, opt cluster.Options, blocks int, inTurn bool) beam.PCollection {
	s = s.Scope("mlt")
	posts, queries, needs := beam.ParDo3(s, &termPostingsFn{TopTerms: opt.Candidates.TopTerms, Blocks: blocks}, nodes)
	lists := beam.ParDo(s, &termListFn{}, beam.CoGroupByKey(s, posts, needs), beam.SideInput{Input: count})
	if !inTurn || blocks <= 1 {
		return beam.ParDo(s, &blockQueriesFn{Opt: opt}, beam.CoGroupByKey(s, queries, lists))
	}
	return inTurns(s, blocks, func(s beam.Scope, k int, after beam.SideInput) []beam.PCollection {
		qk := beam.ParDo(s, &gateKeyFn{Key: k}, queries, after)
		lk := beam.ParDo(s, &gateKeyFn{Key: k}, lists, after)
		return []beam.PCollection{beam.ParDo(s, &blockQueriesFn{Opt: opt}, beam.CoGroupByKey(s, qk, lk))}
	})[0]
}

// candidates returns every candidate pair once, LSH marked.
func candidates(s beam.Scope, pairs ...beam.PCollection) beam.PCollection {
	s = s.Scope("candidates")
	keyed := beam.ParDo(s, pairKey, beam.Flatten(s, pairs...))
	return beam.ParDo(s, mergeCandidate, beam.GroupByKey(s, keyed))
}

package benchmarks

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/eval"
	"github.com/wirediff/wirediff/similarity"
)

// This file measures the copy level stage by stage: read, normalize, sign,
// LSH candidates, verification by exact Jaccard, clustering; and the
// brute-force baseline that verifies every pair. It calls the same library
// functions as cluster.Run with the same parameters, only split where
// cluster.Run fuses stages, so each can be timed (a test checks that the
// labels are those of cluster.Run).

// Params are the near-duplicate parameters under measurement.
type Params struct {
	Shingle int
	Hasher  *similarity.MinHasher
	Bands   similarity.Bands
	Options cluster.Options
}

// DefaultParams are the parameters of the wirediff command: the signing
// scheme of [dedup.DefaultScheme] and [cluster.DefaultOptions].
func DefaultParams() (Params, error) {
	s, err := dedup.DefaultScheme()
	if err != nil {
		return Params{}, err
	}
	return Params{Shingle: s.Shingle, Hasher: s.Hasher, Bands: s.Bands, Options: cluster.DefaultOptions()}, nil
}

// signer computes the copy-level features of [cluster.Featurizer.CopyOnly]
// with the normalize (tokenize) and sign (shingle, MinHash, band keys)
// steps timed apart, in CPU time of the calling thread: lock the calling
// goroutine to its thread and call start before a run of doc calls. Not
// safe for concurrent use.
type signer struct {
	p                 Params
	toks              []similarity.Token
	sh                []uint64
	normalize, signed time.Duration
	tokens            int
	clock             time.Duration // thread CPU time at the end of the last doc
}

// start reads the clock before a run of doc calls on one thread: each doc
// then reads it twice (about 0.7 µs each on Linux, counted in the times).
func (s *signer) start() { s.clock = threadCPU() }

func (s *signer) doc(a *corpus.Article) cluster.Doc {
	d := cluster.Doc{ID: a.ID, Outlet: a.Outlet, Published: a.Published}
	t0 := s.clock
	s.toks = s.toks[:0]
	for _, sp := range a.Body() {
		s.toks = similarity.AppendTokens(s.toks, a.Text, sp.Start, sp.End)
	}
	if len(s.toks) == 0 { // a headline-only record
		s.toks = similarity.AppendTokens(s.toks, a.Title, 0, len(a.Title))
	}
	t1 := threadCPU()
	d.Tokens = len(s.toks)
	s.sh = similarity.Shingles(s.sh[:0], s.toks, s.p.Shingle)
	d.Sig = s.p.Hasher.Sign(s.sh)
	d.Shingles = cluster.Fingerprints(s.sh) // as cluster.Featurizer.CopyOnly
	d.Names = cluster.NumberSet(s.toks)
	t2 := threadCPU()
	s.clock = t2
	s.normalize += t1 - t0
	s.signed += t2 - t1
	s.tokens += d.Tokens
	return d
}

// CopyRun is a measured copy-level grouping.
type CopyRun struct {
	// Docs are the copy-level features, sorted by ID; Labels[i] is the
	// index of the first doc of doc i's group.
	Docs   []cluster.Doc
	Labels []int

	Articles, Tokens int
	// Featurize is the wall time of reading (Read, one goroutine) and
	// then signing (Workers goroutines); Normalize and Sign are the CPU
	// time of the two signing steps summed over the workers.
	Featurize, Read, Normalize, Sign time.Duration
	Workers                          int
	// Candidates is the wall time of the LSH candidate pairs, Verify of
	// their exact Jaccard, Cluster of the average-link grouping.
	Candidates, Verify, Cluster time.Duration

	Pairs          []cluster.Edge // LSH candidate pairs
	Copies         *cluster.Copies
	Verified       int // pairs at or above the copy threshold
	SkippedBuckets int
}

// Reader calls fn with each article of a corpus, as [corpus.Read] does.
type Reader func(fn func(corpus.Article) error) error

// FileReader reads paths with [corpus.Read], failing on skipped input.
func FileReader(paths ...string) Reader {
	return func(fn func(corpus.Article) error) error {
		st, err := corpus.Read(paths, corpus.Options{}, fn)
		if err != nil {
			return err
		}
		if st.SkippedTotal() > 0 {
			return fmt.Errorf("read %v: %d inputs skipped", paths, st.SkippedTotal())
		}
		return nil
	}
}

// batchSize is how many articles [RunCopy] reads before signing them.
const batchSize = 4096

// RunCopy reads a corpus and groups it at the copy level, as
// "wirediff dedup --no-index --level copy" does, timing every stage. To
// time them apart, it reads a batch of articles on one goroutine, then
// signs the batch on all cores, and so on: Read is the reading time,
// Normalize and Sign the CPU time of the workers' threads (per-core
// figures even on a busy machine, where Linux reports thread CPU time),
// Featurize the wall time of both phases.
func RunCopy(read Reader, p Params) (*CopyRun, error) {
	r := &CopyRun{Workers: runtime.GOMAXPROCS(0)}
	signers := make([]*signer, r.Workers)
	for w := range signers {
		signers[w] = &signer{p: p}
	}
	start := time.Now()
	var signing time.Duration
	batch := make([]corpus.Article, 0, batchSize)
	flush := func() {
		t0 := time.Now()
		docs := make([]cluster.Doc, len(batch))
		chunk := (len(batch) + r.Workers - 1) / r.Workers
		var wg sync.WaitGroup
		for w, s := range signers {
			lo, hi := min(w*chunk, len(batch)), min((w+1)*chunk, len(batch))
			wg.Add(1)
			go func() {
				defer wg.Done()
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
				s.start()
				for k := lo; k < hi; k++ {
					docs[k] = s.doc(&batch[k])
				}
			}()
		}
		wg.Wait()
		r.Docs = append(r.Docs, docs...)
		clear(batch) // drop the texts
		batch = batch[:0]
		signing += time.Since(t0)
	}
	err := read(func(a corpus.Article) error {
		batch = append(batch, a)
		if len(batch) == batchSize {
			flush()
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	flush()
	r.Featurize = time.Since(start)
	r.Read = r.Featurize - signing
	for _, s := range signers {
		r.Normalize += s.normalize
		r.Sign += s.signed
		r.Tokens += s.tokens
	}
	sortDocs(r.Docs)
	r.Articles = len(r.Docs)
	r.group(p)
	return r, nil
}

// group runs the copy level of cluster.Run on r.Docs, stage by stage.
func (r *CopyRun) group(p Params) {
	c := cluster.GroupCopies(r.Docs, p.Bands, p.Options)
	r.Copies = c
	r.Pairs, r.SkippedBuckets, r.Verified, r.Labels = c.Pairs, c.SkippedBuckets, c.Verified, c.Labels
	r.Candidates, r.Verify, r.Cluster = c.Candidates, c.Verify, c.Cluster
}

// AllPairs returns every pair i < j of docs whose exact shingle Jaccard is
// at least threshold, sorted: the brute-force baseline of LSH, quadratic
// in len(docs). It runs on all cores.
func AllPairs(docs []cluster.Doc, threshold float64) []cluster.Edge {
	found := make([][]cluster.Edge, len(docs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(docs) {
					return
				}
				for j := i + 1; j < len(docs); j++ {
					if similarity.Jaccard(docs[i].Shingles, docs[j].Shingles) >= threshold {
						found[i] = append(found[i], cluster.Edge{I: int32(i), J: int32(j)})
					}
				}
			}
		}()
	}
	wg.Wait()
	var out []cluster.Edge
	for _, es := range found {
		out = append(out, es...)
	}
	return out
}

// Recall returns the share of the pairs in truth that the run found as
// candidates: exact duplicates of each other (grouped by hash, see
// [cluster.GroupCopies]) or paired by LSH; 1 when truth is empty.
func (r *CopyRun) Recall(truth []cluster.Edge) float64 {
	if len(truth) == 0 {
		return 1
	}
	n := 0
	for _, e := range truth {
		if r.Copies.Candidate(int(e.I), int(e.J)) {
			n++
		}
	}
	return float64(n) / float64(len(truth))
}

// Recall returns the share of the pairs in truth that are also in got
// (both sorted, without duplicates); 1 when truth is empty.
func Recall(truth, got []cluster.Edge) float64 {
	if len(truth) == 0 {
		return 1
	}
	less := func(a, b cluster.Edge) bool { return a.I < b.I || a.I == b.I && a.J < b.J }
	n, j := 0, 0
	for _, e := range truth {
		for j < len(got) && less(got[j], e) {
			j++
		}
		if j < len(got) && got[j] == e {
			n++
		}
	}
	return float64(n) / float64(len(truth))
}

// Score scores a grouping of docs (labels[i] is the index of the first doc
// of doc i's group, as in [cluster.Result]) against gold.
func Score(gold eval.Clustering, docs []cluster.Doc, labels []int) eval.Scores {
	pred := make(eval.Clustering, len(docs))
	for i, d := range docs {
		pred[d.ID] = docs[labels[i]].ID
	}
	return eval.Score(gold, pred)
}

func sortDocs(docs []cluster.Doc) {
	slices.SortFunc(docs, func(a, b cluster.Doc) int { return strings.Compare(a.ID, b.ID) })
}

func wallClock() time.Duration { return time.Duration(time.Now().UnixNano()) }

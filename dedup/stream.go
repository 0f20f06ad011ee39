package dedup

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/internal/tmpfile"
	"github.com/wirediff/wirediff/similarity"
)

// A run over an index that keeps no text (see [Run]) groups the batch
// without holding its features: they wait on disk while the run holds,
// of every article, what candidate generation needs (its band keys in
// the LSH table, its heaviest terms, its publication time and ID).
//
//  1. Reading: each article's features (unweighed) go to a spool file as
//     they are read, in the encoding of [AppendFeatures]; the document
//     frequencies are counted as they go.
//  2. Weighing: each article's features are read back, weighed, and
//     written again to a second spool in the fixed-width layout of
//     appendScoring, which decodes without allocating; its band keys go
//     to the LSH table (exact duplicates found first by a hash of their
//     shingles), its heaviest terms to memory.
//  3. Candidates: the LSH pairs and the more-like-this pairs of the whole
//     batch, as [cluster.Run] finds them; the heaviest terms are dropped.
//  4. Scoring: every candidate pair is scored once, its two articles read
//     back from the spool (a pread each: the page cache holds the spool,
//     not the heap), for the shared-neighbour lists and for the edges of
//     the graph of pairs reaching a threshold (see [cluster.ScoreEdge],
//     [cluster.StoryReaches]).
//  5. Grouping: each connected component of that graph is grouped on its
//     own by the clustering of [cluster.Run] (see [cluster.NewGrouper]),
//     its members' features read back; an article in no component is a
//     group of its own at every level.
//
// The live heap is about 2 KB per article at its peak (the candidate
// pairs and their flags, the articles' metadata, the postings kept for the
// index, the neighbour lists; 210 MB at 99,000 generated articles), plus
// the features of the components grouped at once; the spools take about
// 6 and 3 KB per article on disk.

// featRec is where an article's features are in a featureStore, with
// the hash of its shingle set.
type featRec struct {
	off         int64
	n           int32
	hasShingles bool
	shingles    uint64 // cluster.ShingleHash
}

// featureStore holds the features of a run's articles on disk.
type featureStore struct {
	raw   *fileSpool // as read: AppendFeatures, unweighed
	freqs DocFreqs
	recs  []featRec // by place in the run's docs, sorted by ID
	buf   []byte
}

func newFeatureStore(dir string) (*featureStore, error) {
	raw, err := newFileSpool(dir)
	if err != nil {
		return nil, err
	}
	return &featureStore{raw: raw}, nil
}

func (fs *featureStore) close() { fs.raw.remove() }

// add stores d (unweighed), encoded as enc when not nil, and counts its
// terms; old, when not nil, is the record of the version of d's ID it
// replaces, uncounted. rec gets where d went.
func (fs *featureStore) add(d *cluster.Doc, enc []byte, rec *featRec, old *featRec) error {
	if old != nil {
		if err := fs.raw.flush(); err != nil {
			return err
		}
		od, err := fs.read(old)
		if err != nil {
			return err
		}
		fs.freqs.Remove(&od)
	}
	if enc == nil {
		var err error
		if enc, err = AppendFeatures(fs.buf[:0], d); err != nil {
			return err
		}
		fs.buf = enc
	}
	off, err := fs.raw.add(enc)
	if err != nil {
		return err
	}
	rec.off, rec.n = off, int32(len(enc))
	fs.freqs.Add(d)
	return nil
}

// read decodes the features of rec.
func (fs *featureStore) read(rec *featRec) (cluster.Doc, error) {
	b := make([]byte, rec.n)
	if err := fs.raw.readAt(b, rec.off); err != nil {
		return cluster.Doc{}, err
	}
	return ParseFeatures(b)
}

// fileSpool is a temporary file written once, in order, and read back at
// random (pread, safe from several goroutines), unnamed as the spool of
// [Run] is.
type fileSpool struct {
	f    *tmpfile.File
	bw   *bufio.Writer
	size int64
}

func newFileSpool(dir string) (*fileSpool, error) {
	f, err := tmpfile.New(dir, "wirediff-features-*")
	if err != nil {
		return nil, fmt.Errorf("dedup: features spool: %w", err)
	}
	return &fileSpool{f: f, bw: bufio.NewWriterSize(f, 1<<20)}, nil
}

// add appends b and returns its offset.
func (s *fileSpool) add(b []byte) (int64, error) {
	off := s.size
	if _, err := s.bw.Write(b); err != nil {
		return 0, fmt.Errorf("dedup: features spool %s: %w", s.f.Name(), err)
	}
	s.size += int64(len(b))
	return off, nil
}

// flush makes everything added readable.
func (s *fileSpool) flush() error {
	if err := s.bw.Flush(); err != nil {
		return fmt.Errorf("dedup: features spool %s: %w", s.f.Name(), err)
	}
	return nil
}

// readAt fills b from offset off; the bytes must have been flushed.
func (s *fileSpool) readAt(b []byte, off int64) error {
	if _, err := s.f.ReadAt(b, off); err != nil {
		return fmt.Errorf("dedup: features spool %s at %d: %w", s.f.Name(), off, err)
	}
	return nil
}

func (s *fileSpool) remove() { s.f.Remove() }

// The scoring record of a weighed doc: what grouping reads of it, laid
// out so that it decodes into reused slices without allocating. All
// integers little-endian:
//
//	days      1 byte, [cluster.Doc].Days
//	counts    4 × uint32: shingles, terms, names, passages
//	shingles  uint32 each
//	terms     per term its ID (uint32) and weight (float32 bits)
//	names     uint64 each
//	passages  uint32 each
//
// It lives only in a run's spool: nothing else reads it.
func appendScoring(b []byte, d *cluster.Doc) []byte {
	b = append(b, d.Days)
	for _, n := range []int{len(d.Shingles), len(d.Terms), len(d.Names), len(d.Passages)} {
		b = binary.LittleEndian.AppendUint32(b, uint32(n))
	}
	for _, v := range d.Shingles {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	for _, t := range d.Terms {
		b = binary.LittleEndian.AppendUint32(b, uint32(t.ID))
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(t.W))
	}
	for _, v := range d.Names {
		b = binary.LittleEndian.AppendUint64(b, v)
	}
	for _, v := range d.Passages {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	return b
}

// parseScoring decodes a record of appendScoring into d, reusing its
// slices' room; d's ID and Published are left as they are.
func parseScoring(b []byte, d *cluster.Doc) error {
	const head = 1 + 16
	if len(b) < head {
		return fmt.Errorf("dedup: scoring record of %s: %d bytes", d.ID, len(b))
	}
	le := binary.LittleEndian
	d.Days = b[0]
	ns, nt, nn, np := int(le.Uint32(b[1:])), int(le.Uint32(b[5:])), int(le.Uint32(b[9:])), int(le.Uint32(b[13:]))
	if want := head + 4*ns + 8*nt + 8*nn + 4*np; len(b) != want {
		return fmt.Errorf("dedup: scoring record of %s: %d bytes, want %d", d.ID, len(b), want)
	}
	b = b[head:]
	d.Shingles = grow(d.Shingles, ns)
	for k := range d.Shingles {
		d.Shingles[k] = le.Uint32(b[4*k:])
	}
	b = b[4*ns:]
	d.Terms = grow(d.Terms, nt)
	for k := range d.Terms {
		d.Terms[k] = cluster.Term{ID: cluster.TermID(le.Uint32(b[8*k:])), W: math.Float32frombits(le.Uint32(b[8*k+4:]))}
	}
	b = b[8*nt:]
	d.Names = grow(d.Names, nn)
	for k := range d.Names {
		d.Names[k] = le.Uint64(b[8*k:])
	}
	b = b[8*nn:]
	d.Passages = grow(d.Passages, np)
	for k := range d.Passages {
		d.Passages[k] = le.Uint32(b[4*k:])
	}
	return nil
}

// grow returns s resized to n, reusing its room; nil for 0, as
// ParseFeatures leaves an empty set.
func grow[T any](s []T, n int) []T {
	if n == 0 {
		return nil
	}
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// streamRun is the state of one grouping of features held on disk.
type streamRun struct {
	docs   []cluster.Doc // ID, Outlet, Published
	fs     *featureStore
	scheme *Scheme
	opt    cluster.Options
	unix   []int64 // publication, noPublished when unknown

	scoring    *fileSpool
	soff       []int64
	slen       []int32
	days       []uint8
	short      []bool
	timings    []cluster.Timing
	onStage    func(cluster.Timing)
	t0         time.Time
	post       *postings
	pairs      [2]int
	skipped    int
	duplicates int
}

func (s *streamRun) stage(name string) {
	now := time.Now()
	t := cluster.Timing{Stage: name, Took: now.Sub(s.t0)}
	s.timings = append(s.timings, t)
	s.t0 = now
	if s.onStage != nil {
		s.onStage(t)
	}
}

// groupStored groups r's docs, whose features fs holds (unweighed, its
// document frequencies counted), as [cluster.RunStages] groups them when
// they are in memory: the same labels. It sets r.Groups (without a
// Grouper: the docs hold no features to score pairs with) and r.Freqs,
// and keeps the more-like-this postings of the batch for the index.
func groupStored(r *Result, fs *featureStore, scheme *Scheme, opt cluster.Options, tempDir string, onStage func(cluster.Timing)) error {
	s := &streamRun{docs: r.Docs, fs: fs, scheme: scheme, opt: opt, onStage: onStage, t0: time.Now()}
	n := len(s.docs)
	s.unix = make([]int64, n)
	for i := range s.docs {
		s.unix[i] = publishedUnix(&s.docs[i])
	}
	var err error
	if s.scoring, err = newFileSpool(tempDir); err != nil {
		return err
	}
	defer s.scoring.remove()
	rep, err := s.exactClasses()
	if err != nil {
		return err
	}
	l, top, err := s.weigh(rep)
	if err != nil {
		return err
	}
	copyPairs, skipped := cluster.LSHPairsOf(rep, l, opt.Candidates.MaxBucket)
	l = nil
	s.skipped = skipped
	s.stage("candidates-lsh")
	mlt := cluster.MoreLikeThisTop(top, opt.Candidates.TopTerms, opt.Candidates.PerDoc, mltCap(n, opt), s.inWindow)
	ids := make([]string, n)
	for i := range s.docs {
		ids[i] = s.docs[i].ID
	}
	s.post = buildPostingsTop(ids, s.unix, func(i int) []cluster.Term { return top[i] }, opt)
	top = nil
	s.pairs = [2]int{len(copyPairs), len(mlt)}
	s.stage("candidates-mlt")
	edges, lsh := unionEdges(copyPairs, mlt)
	copyPairs, mlt = nil, nil
	reach, nn, err := s.score(edges, lsh)
	if err != nil {
		return err
	}
	s.stage("score-pairs")
	labels, err := s.group(edges, lsh, reach, nn)
	if err != nil {
		return err
	}
	s.stage("cluster-components")
	r.Freqs = &fs.freqs
	r.Groups = &cluster.Result{Docs: r.Docs, Labels: labels, SkippedBuckets: s.skipped, Duplicates: s.duplicates, Timings: s.timings}
	r.post = s.post
	r.Pairs = s.pairs
	return nil
}

// inWindow reports whether the date window keeps docs i and j together.
func (s *streamRun) inWindow(i, j int) bool {
	return cluster.WithinWindow(s.unix[i], s.unix[j], s.opt.Window)
}

// exactClasses returns each doc's exact-duplicate representative, as
// [cluster.ExactClasses] over the batch: docs whose shingle sets hash
// alike are read back and classed together.
func (s *streamRun) exactClasses() ([]int32, error) {
	n := len(s.docs)
	rep := make([]int32, n)
	by := map[uint64][]int32{}
	for i := range rep {
		rep[i] = int32(i)
		if rec := &s.fs.recs[i]; rec.hasShingles {
			by[rec.shingles] = append(by[rec.shingles], int32(i))
		}
	}
	for _, ms := range by {
		if len(ms) < 2 {
			continue
		}
		sub := make([]cluster.Doc, len(ms))
		for k, i := range ms {
			d, err := s.fs.read(&s.fs.recs[i])
			if err != nil {
				return nil, err
			}
			sub[k] = cluster.Doc{ID: s.docs[i].ID, Published: s.docs[i].Published, Shingles: d.Shingles}
		}
		for k, r := range cluster.ExactClasses(sub, s.opt) {
			rep[ms[k]] = ms[r]
		}
	}
	for i := range rep {
		if rep[i] != int32(i) {
			s.duplicates++
		}
	}
	return rep, nil
}

// weigh reads every doc's features back, weighs them, writes their
// scoring records, adds the representatives' signatures to an LSH table
// (each under its place among the representatives) and returns it with
// each doc's heaviest terms.
func (s *streamRun) weigh(rep []int32) (*similarity.LSH, [][]cluster.Term, error) {
	n := len(s.docs)
	bg, err := cluster.DefaultBackground()
	if err != nil {
		return nil, nil, fmt.Errorf("dedup: %w", err)
	}
	k := make([]int32, n) // place among the representatives
	reps := int32(0)
	for i := range rep {
		k[i] = reps
		if rep[i] == int32(i) {
			reps++
		}
	}
	l := similarity.NewLSH(s.scheme.Bands)
	l.Grow(int(reps))
	top := make([][]cluster.Term, n)
	s.soff, s.slen = make([]int64, n), make([]int32, n)
	s.days, s.short = make([]uint8, n), make([]bool, n)
	freqs := &s.fs.freqs
	var mu sync.Mutex
	err = forEach(n, 256, func() func(i int) error {
		var raw, rec []byte
		return func(i int) error {
			fr := &s.fs.recs[i]
			raw = slices.Grow(raw[:0], int(fr.n))[:fr.n]
			if err := s.fs.raw.readAt(raw, fr.off); err != nil {
				return err
			}
			d, err := ParseFeatures(raw)
			if err != nil {
				return fmt.Errorf("dedup: features of %s read back: %w", s.docs[i].ID, err)
			}
			one := []cluster.Doc{d}
			cluster.WeighWith(one, freqs.DF, freqs.Docs, bg)
			d = one[0]
			top[i] = slices.Clone(cluster.Heaviest(d.Terms, 2*s.opt.Candidates.TopTerms))
			s.days[i], s.short[i] = d.Days, len(d.Terms) < s.opt.Story.MinTerms
			rec = appendScoring(rec[:0], &d)
			mu.Lock()
			defer mu.Unlock()
			if rep[i] == int32(i) {
				l.Add(k[i], d.Sig)
			}
			off, err := s.scoring.add(rec)
			s.soff[i], s.slen[i] = off, int32(len(rec))
			return err
		}
	})
	if err != nil {
		return nil, nil, err
	}
	return l, top, s.scoring.flush()
}

// forEach calls the function each worker gets from newWorker for every i
// in [0, n), in chunks of chunk, on every core; the first error stops it.
func forEach(n, chunk int, newWorker func() func(i int) error) error {
	var next atomic.Int64
	var failed atomic.Bool
	errs := make(chan error, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn := newWorker()
			for !failed.Load() {
				lo := int(next.Add(int64(chunk))) - chunk
				if lo >= n {
					return
				}
				for i := lo; i < min(lo+chunk, n); i++ {
					if err := fn(i); err != nil {
						failed.Store(true)
						errs <- err
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// unionEdges merges the LSH pairs and the more-like-this pairs (each
// sorted, without repeats) into the pairs grouping compares, sorted,
// each once, marking the LSH pairs.
func unionEdges(a, b []cluster.Edge) ([]cluster.Edge, []bool) {
	less := func(x, y cluster.Edge) bool { return x.I < y.I || x.I == y.I && x.J < y.J }
	out := make([]cluster.Edge, 0, len(a)+len(b))
	lsh := make([]bool, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && less(a[i], b[j]):
			out, lsh = append(out, a[i]), append(lsh, true)
			i++
		case i == len(a) || less(b[j], a[i]):
			out, lsh = append(out, b[j]), append(lsh, false)
			j++
		default:
			out, lsh = append(out, a[i]), append(lsh, true)
			i++
			j++
		}
	}
	return slices.Clip(out), slices.Clip(lsh)
}

// scoringReader decodes docs from the scoring spool into reused room.
type scoringReader struct {
	s   *streamRun
	buf []byte
}

func (r *scoringReader) read(i int32, d *cluster.Doc) error {
	s := r.s
	r.buf = slices.Grow(r.buf[:0], int(s.slen[i]))[:s.slen[i]]
	if err := s.scoring.readAt(r.buf, s.soff[i]); err != nil {
		return err
	}
	d.ID, d.Published = s.docs[i].ID, s.docs[i].Published
	return parseScoring(r.buf, d)
}

// score scores every candidate pair: whether it is an edge of the graph
// of pairs reaching a threshold (reach), and every doc's
// shared-neighbour list (nn: the list of doc i is nn.list(i)).
func (s *streamRun) score(edges []cluster.Edge, lsh []bool) ([]bool, *nnLists, error) {
	cos := make([]float64, len(edges))
	reach := make([]bool, len(edges))
	err := forEach(len(edges), 4096, func() func(k int) error {
		rd := &scoringReader{s: s}
		var a, b cluster.Doc
		cur := int32(-1)
		return func(k int) error {
			e := edges[k]
			if e.I != cur {
				if err := rd.read(e.I, &a); err != nil {
					return err
				}
				cur = e.I
			}
			if err := rd.read(e.J, &b); err != nil {
				return err
			}
			sc := cluster.ScoreEdge(&a, &b, lsh[k], s.opt)
			cos[k], reach[k] = sc.Cosine, sc.Reaches
			return nil
		}
	})
	if err != nil {
		return nil, nil, err
	}
	nb := cluster.NewNeighbours(len(s.docs), s.opt)
	for k, e := range edges {
		nb.Add(e.I, e.J, cos[k])
	}
	nn := &nnLists{start: make([]int32, len(s.docs)+1)}
	for i := range s.docs {
		nn.ids = nb.List(nn.ids, int32(i))
		nn.start[i+1] = int32(len(nn.ids))
	}
	nn.ids = slices.Clip(nn.ids)
	nb = nil
	parallelEdges(len(edges), func(k int) {
		if reach[k] {
			return
		}
		e := edges[k]
		i, j := e.I, e.J
		reach[k] = cluster.StoryReaches(cos[k], s.inWindow(int(i), int(j)), s.days[i], s.days[j], s.short[i] || s.short[j], nn.list(i), nn.list(j), s.opt)
	})
	return reach, nn, nil
}

func parallelEdges(n int, fn func(k int)) {
	_ = forEach(n, 4096, func() func(int) error { return func(k int) error { fn(k); return nil } })
}

// nnLists are every doc's shared-neighbour list, itself included,
// sorted, one after the other.
type nnLists struct {
	start []int32
	ids   []int32
}

func (nn *nnLists) list(i int32) []int32 { return nn.ids[nn.start[i]:nn.start[i+1]] }

// group splits the graph of the pairs that reach a threshold into its
// connected components and groups each on its own, over the candidate
// pairs inside it, with the clustering of [cluster.Run]; it returns the
// labels of the batch at each level.
func (s *streamRun) group(edges []cluster.Edge, lsh, reach []bool, nn *nnLists) ([3][]int, error) {
	n := len(s.docs)
	root := newUnionFind(n)
	for k, e := range edges {
		if reach[k] {
			root.union(e.I, e.J)
		}
	}
	for i := range root {
		root[i] = root.find(int32(i))
	}
	// Components of two or more, numbered by first member; members and
	// the candidate pairs inside each, by counting.
	comp := make([]int32, n) // -1: alone
	size := make([]int32, n)
	for i := range root {
		size[root[i]]++
	}
	var ncomp int32
	for i := range comp {
		comp[i] = -1
		if r := root[i]; size[r] > 1 {
			if int32(i) == r {
				comp[i] = ncomp
				ncomp++
			} else {
				comp[i] = comp[r]
			}
		}
	}
	size = nil
	mstart := make([]int32, ncomp+1)
	estart := make([]int32, ncomp+1)
	for i := range comp {
		if comp[i] >= 0 {
			mstart[comp[i]+1]++
		}
	}
	for _, e := range edges {
		if c := comp[e.I]; c >= 0 && c == comp[e.J] {
			estart[c+1]++
		}
	}
	for c := range ncomp {
		mstart[c+1] += mstart[c]
		estart[c+1] += estart[c]
	}
	members := make([]int32, mstart[ncomp])
	inside := make([]int32, estart[ncomp])
	mat, eat := slices.Clone(mstart[:ncomp]), slices.Clone(estart[:ncomp])
	for i := range comp {
		if c := comp[i]; c >= 0 {
			members[mat[c]] = int32(i)
			mat[c]++
		}
	}
	for k, e := range edges {
		if c := comp[e.I]; c >= 0 && c == comp[e.J] {
			inside[eat[c]] = int32(k)
			eat[c]++
		}
	}
	mat, eat, root = nil, nil, nil
	var labels [3][]int
	for l := range labels {
		labels[l] = make([]int, n)
		for i := range labels[l] {
			labels[l][i] = i
		}
	}
	// The largest components first, so that the workers end together.
	order := make([]int32, ncomp)
	for c := range order {
		order[c] = int32(c)
	}
	slices.SortStableFunc(order, func(a, b int32) int {
		return int(mstart[b+1]-mstart[b]) - int(mstart[a+1]-mstart[a])
	})
	return labels, forEach(len(order), 1, func() func(int) error {
		rd := &scoringReader{s: s}
		return func(x int) error {
			c := order[x]
			return s.groupComponent(rd, members[mstart[c]:mstart[c+1]], edges, lsh, inside[estart[c]:estart[c+1]], nn, labels)
		}
	})
}

// groupComponent groups the docs ms (sorted) of one component, given the
// candidate pairs inside it (indices into edges), and sets their labels.
func (s *streamRun) groupComponent(rd *scoringReader, ms []int32, edges []cluster.Edge, lsh []bool, inside []int32, nn *nnLists, labels [3][]int) error {
	// The members and the docs their neighbour lists name, in ID order:
	// the story vectors' coordinates come in the order of the batch.
	var all []int32
	for _, i := range ms {
		all = append(all, nn.list(i)...)
	}
	slices.Sort(all)
	all = slices.Compact(all)
	at := make(map[int32]int32, len(all))
	for k, i := range all {
		at[i] = int32(k)
	}
	docs := make([]cluster.Doc, len(all))
	lists := make([][]int32, len(all))
	for k, i := range all {
		docs[k] = cluster.Doc{ID: s.docs[i].ID}
		lists[k] = []int32{int32(k)}
	}
	for _, i := range ms {
		k := at[i]
		if err := rd.read(i, &docs[k]); err != nil {
			return err
		}
		docs[k].Outlet = s.docs[i].Outlet
		l := nn.list(i)
		local := make([]int32, len(l))
		for x, j := range l {
			local[x] = at[j]
		}
		lists[k] = local
	}
	var copyPairs, pairs []cluster.Edge
	for _, e := range inside {
		le := cluster.Edge{I: at[edges[e].I], J: at[edges[e].J]}
		pairs = append(pairs, le)
		if lsh[e] {
			copyPairs = append(copyPairs, le)
		}
	}
	g, err := cluster.NewGrouper(docs, lists, s.opt)
	if err != nil {
		return fmt.Errorf("dedup: %w", err)
	}
	got := g.Group(copyPairs, pairs)
	for l := range got {
		for _, i := range ms {
			labels[l][i] = int(all[got[l][at[i]]])
		}
	}
	return nil
}

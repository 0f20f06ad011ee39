package dedup

import (
	"bufio"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/internal/tmpfile"
)

// Source is where a run reads its articles.
type Source struct {
	// Paths are files, directories (walked in sorted order) or "-" for
	// Stdin, read by [corpus.Read].
	Paths []string
	Stdin io.Reader
	// Read holds the reader's options: field names, encodings, files to
	// pass over, and the callbacks for input problems (OnProblem, a
	// skipped record with its file and line) and records decoded from a
	// fallback encoding (OnFallback). Its Stdin is replaced by Source's.
	Read corpus.Options
}

// Options control a run.
type Options struct {
	// Scheme signs the articles; nil is the scheme of Index, or
	// [DefaultScheme] without one. With Index it must be the scheme the
	// index was created with ([index.ErrMismatch]).
	Scheme *Scheme
	// Cluster are the grouping options; the zero value is
	// [cluster.DefaultOptions]. With Cluster.CopyOnly only the copy
	// features are computed and only the copy level is grouped.
	Cluster cluster.Options
	// Index, when set, gets every article read (an ID read again replaces
	// its indexed version), is grouped with them (the articles it holds
	// that the input does not replace; not with InputOnly), and records
	// the groups of the run ([index.Index.WriteGroups]).
	Index     *index.Index
	InputOnly bool
	// KeepText keeps the articles' text and furniture in
	// [Result].Articles; without it memory holds the features only.
	KeepText bool
	// Progress, when set, is called from one goroutine as the run goes:
	// with "read" and the number of articles featurized so far, then once
	// with "group" when grouping starts.
	Progress func(stage string, n int)
	// OnStage, when set, is called as each grouping stage ends, with its
	// timing (see [cluster.RunStages]), then with "index" once the
	// articles are in the index (the time it was waited for after
	// grouping). An incremental run ([Update]) also calls it as each of
	// its own stages ends (see [Updated].Timings).
	OnStage func(cluster.Timing)
	// TempDir holds the spool of articles waiting to be indexed ("" is
	// [os.TempDir]).
	TempDir string

	replaced *replacer // with InputOnly and Index: the grouped articles the run replaces
}

// Result is what a run produced.
type Result struct {
	// Articles and Docs are the articles grouped and their features, in
	// the same order, sorted by ID (the order fixes group labels).
	Articles []corpus.Article
	Docs     []cluster.Doc
	Stats    corpus.Stats
	// Stored counts the articles taken from the index, not read.
	Stored int
	// Freqs are the document frequencies of Docs' terms (nil when only
	// the copy features were computed).
	Freqs *DocFreqs
	// Load is the time spent reading and featurizing.
	Load time.Duration
	// Groups is the grouping; nil after [Load]. After a run over an
	// index without KeepText its Grouper is nil (see [Run]).
	Groups *cluster.Result
	// Pairs counts the candidate pairs: from LSH, from more-like-this.
	Pairs [2]int

	copyOnly bool
	post     *postings // the more-like-this postings, when built already
}

// Run reads src, featurizes every article, groups the articles (with
// those opt.Index holds) at the three levels and, with opt.Index, adds
// the articles to the index and writes the groups there.
//
// Each input is read once: the articles wait in a spool file to be
// indexed while the grouping runs, so a file that changes during the
// run, or a named pipe, gives the run what was read, never a mix.
// Cancelling ctx stops the reading; grouping, once started, runs to the
// end.
//
// With opt.Index and without opt.KeepText or CopyOnly, the features stay
// on disk (in opt.TempDir) and the run holds only what candidate
// generation needs of each article; each connected component of the
// graph of candidate pairs that reach a threshold is then grouped on its
// own (see stream.go). The groups are those of grouping in memory, but
// the Result's Docs hold only ID, Outlet and Published, and its
// Groups.Grouper is nil: a caller that scores pairs afterwards asks for
// KeepText.
func Run(ctx context.Context, src Source, opt Options) (*Result, error) {
	if opt.Cluster == (cluster.Options{}) {
		opt.Cluster = cluster.DefaultOptions()
	}
	var sp *spool
	var fs *featureStore
	if opt.Index != nil {
		// Opening the index and reading its groups may have mapped much
		// of it (see [index.Index.ReleaseMapped]).
		if _, err := opt.Index.ReleaseMapped(); err != nil {
			return nil, err
		}
		var err error
		if sp, err = newSpool(opt.TempDir); err != nil {
			return nil, err
		}
		defer sp.remove()
		if !opt.KeepText && !opt.Cluster.CopyOnly {
			if fs, err = newFeatureStore(opt.TempDir); err != nil {
				return nil, err
			}
			defer fs.close()
		}
	}
	if opt.Index != nil && opt.InputOnly && !opt.Cluster.CopyOnly {
		var err error
		if opt.replaced, err = newReplacer(&opt); err != nil {
			return nil, err
		}
	}
	r, s, err := load(ctx, src, opt, sp, fs)
	if err != nil {
		return nil, err
	}
	if fs == nil {
		if err := r.weigh(); err != nil {
			return nil, err
		}
	}
	if opt.Progress != nil {
		opt.Progress("group", len(r.Docs))
	}
	indexed := make(chan error, 1)
	if sp != nil {
		// Bleve maps the segments it merges while it indexes.
		stop := releasing(opt.Index, time.Second)
		go func() {
			err := sp.index(opt.Index)
			stop()
			indexed <- err
		}()
	} else {
		indexed <- nil
	}
	if fs != nil {
		err = groupStored(r, fs, s, opt.Cluster, opt.TempDir, opt.OnStage)
	} else if r.Groups, err = cluster.RunStages(r.Docs, s.Bands, opt.Cluster, opt.OnStage); err == nil {
		r.Pairs = [2]int{len(r.Groups.CopyPairs), len(r.Groups.MLTPairs)}
	}
	waited := time.Now()
	if ierr := <-indexed; err == nil {
		err = ierr
	}
	if opt.OnStage != nil && opt.Index != nil && err == nil {
		opt.OnStage(cluster.Timing{Stage: "index", Took: time.Since(waited)})
	}
	if err != nil {
		return nil, err
	}
	switch {
	case opt.Index != nil && opt.InputOnly:
		// The index's groups stay those of the last run that grouped
		// it; the next one groups the articles this run indexed.
		if err := opt.replaced.commit(); err != nil {
			return nil, err
		}
	case opt.Index != nil:
		if err := opt.Index.WriteGroups(r.Assignments()); err != nil {
			return nil, err
		}
		if err := recordFull(opt.Index, r, opt.Cluster); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// Load reads src and featurizes every article, as [Run] does, without
// grouping; with opt.Index it adds every article read to the index as it
// goes (opt.InputOnly and the articles the index holds do not matter).
func Load(ctx context.Context, src Source, opt Options) (*Result, error) {
	opt.InputOnly = true
	if opt.Index != nil {
		var err error
		if opt.replaced, err = newReplacer(&opt); err != nil {
			return nil, err
		}
	}
	r, _, err := load(ctx, src, opt, nil, nil)
	if err != nil {
		return nil, err
	}
	if err := opt.replaced.commit(); err != nil {
		return nil, err
	}
	return r, r.weigh()
}

// weigh counts the document frequencies of r.Docs and weighs them.
func (r *Result) weigh() error {
	if r.copyOnly {
		return nil
	}
	f := &DocFreqs{}
	for i := range r.Docs {
		f.Add(&r.Docs[i])
	}
	r.Freqs = f
	return Weigh(r.Docs, f)
}

// load reads src (then, unless opt.InputOnly, the indexed articles the
// input does not replace) and computes features on every core, or takes
// those the index stores; the docs are left unweighed (raw term counts).
// Each article read goes to sp when set, else to opt.Index when set,
// with its features.
//
// With fs, the features stay on disk: each article's go to fs as they
// are read, with its document frequencies counted there, and the docs
// of the Result hold ID, Outlet and Published only.
func load(ctx context.Context, src Source, opt Options, sp *spool, fs *featureStore) (*Result, *Scheme, error) {
	start := time.Now()
	s, err := opt.scheme()
	if err != nil {
		return nil, nil, err
	}
	var w *index.Writer
	if opt.Index != nil && sp == nil {
		if w, err = opt.Index.NewWriter(); err != nil {
			return nil, nil, err
		}
	}
	type item struct {
		seq    int
		a      corpus.Article
		stored bool   // from the index, already indexed
		feat   []byte // the features the index stores, if any
	}
	type out struct {
		item
		d   cluster.Doc
		err error
		rec featRec // with fs: where the features are
	}
	in := make(chan item, 256)
	res := make(chan out, 256)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f := s.NewFeaturizer()
			for it := range in {
				o := out{item: it}
				switch {
				case opt.Cluster.CopyOnly:
					o.d = f.CopyOnly(&it.a)
				case it.feat != nil:
					var again bool
					o.d, again, o.err = storedFeatures(it.feat, &it.a, func() *cluster.Featurizer { return f })
					if fs == nil || again {
						o.feat = nil
					}
				default:
					o.d = f.Doc(&it.a)
				}
				if fs != nil && len(o.d.Shingles) > 0 {
					o.rec.shingles = cluster.ShingleHash(o.d.Shingles)
					o.rec.hasShingles = true
				}
				res <- o
			}
		}()
	}
	var all []out
	at := make(map[string]int) // ID -> its place in all
	var writeErr error
	collected := make(chan struct{})
	go func() {
		defer close(collected)
		for o := range res {
			// corpus.Read passes an ID again when a later record with it
			// is the one kept; the workers may deliver the two in either
			// order, and the later read (higher seq) wins.
			if o.err != nil {
				if writeErr == nil {
					writeErr = o.err
				}
				continue
			}
			i, again := at[o.a.ID]
			if again && all[i].seq > o.seq {
				continue
			}
			if writeErr == nil && !o.stored && (sp != nil || w != nil) {
				writeErr = opt.replaced.check(&o.a)
				e := index.Entry{Article: o.a, Signature: o.d.Sig}
				if writeErr == nil && !opt.Cluster.CopyOnly {
					e.Features, writeErr = AppendFeatures(nil, &o.d)
					o.feat = e.Features
				}
				switch {
				case writeErr != nil:
				case sp != nil:
					writeErr = sp.add(e)
				default:
					writeErr = w.Add(e) // replaces an earlier version
				}
			}
			if writeErr == nil && fs != nil {
				var old *featRec
				if again {
					old = &all[i].rec
				}
				writeErr = fs.add(&o.d, o.feat, &o.rec, old)
				o.d = cluster.Doc{ID: o.d.ID, Outlet: o.d.Outlet, Published: o.d.Published}
			}
			o.feat = nil
			if !opt.KeepText {
				o.a.Text = ""
				o.a.Furniture = nil
			}
			if again {
				all[i] = o
				continue
			}
			at[o.a.ID] = len(all)
			all = append(all, o)
			if opt.Progress != nil {
				opt.Progress("read", len(all))
			}
		}
	}()
	ropt := src.Read
	ropt.Stdin = src.Stdin
	seq := 0
	read := make(map[string]bool) // IDs read from the input
	grouped := opt.Index != nil && !opt.InputOnly
	stats, readErr := corpus.Read(src.Paths, ropt, func(a corpus.Article) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if grouped {
			read[a.ID] = true
		}
		in <- item{seq: seq, a: a}
		seq++
		return nil
	})
	stored := 0
	if readErr == nil && grouped {
		stored, readErr = sendStored(ctx, opt.Index, read, func(e index.Entry) {
			in <- item{seq: seq, a: e.Article, stored: true, feat: e.Features}
			seq++
		})
	}
	close(in)
	wg.Wait()
	close(res)
	<-collected
	if readErr != nil {
		return nil, nil, readErr
	}
	if writeErr != nil {
		return nil, nil, writeErr
	}
	if w != nil {
		if err := w.Flush(); err != nil {
			return nil, nil, err
		}
	}
	if sp != nil {
		if err := sp.close(); err != nil {
			return nil, nil, err
		}
	}
	// The same order whatever the input order or scheduling.
	sort.Slice(all, func(i, j int) bool { return all[i].a.ID < all[j].a.ID })
	r := &Result{Stats: stats, Stored: stored, copyOnly: opt.Cluster.CopyOnly}
	r.Articles = make([]corpus.Article, len(all))
	r.Docs = make([]cluster.Doc, len(all))
	for i, o := range all {
		r.Articles[i], r.Docs[i] = o.a, o.d
	}
	if fs != nil {
		fs.recs = make([]featRec, len(all))
		for i, o := range all {
			fs.recs[i] = o.rec
		}
		if err := fs.raw.flush(); err != nil {
			return nil, nil, err
		}
	}
	r.Load = time.Since(start)
	return r, s, nil
}

// scheme is the scheme of the run: opt.Scheme, else the index's, else
// [DefaultScheme]. One that differs from the index's is
// [index.ErrMismatch]: signatures of two schemes cannot be compared.
func (opt *Options) scheme() (*Scheme, error) {
	s := opt.Scheme
	var err error
	switch {
	case s == nil && opt.Index != nil:
		s, err = SchemeOf(opt.Index.Meta())
	case s == nil:
		s, err = DefaultScheme()
	}
	if err != nil {
		return nil, err
	}
	if opt.Index != nil {
		m, want := opt.Index.Meta(), s.Meta()
		if m.Seed != want.Seed || m.NumHashes != want.NumHashes || m.Shingle != want.Shingle || m.Bands != want.Bands || m.Rows != want.Rows {
			return nil, fmt.Errorf("dedup: %w: %s has %+v, the run signs with %+v", index.ErrMismatch, opt.Index.Dir(), m, want)
		}
	}
	return s, nil
}

// releaseEvery is how many articles a run reads from or adds to an index
// between two calls of [index.Index.ReleaseMapped]: reading every stored
// article maps the whole index, which would otherwise stay resident.
const releaseEvery = 1 << 12

// releasing calls ix.ReleaseMapped every period until the function it
// returns is called. It is a bound on memory, not on correctness: an error
// (the process's mappings unreadable) leaves the pages where they are,
// and the next call tries again.
func releasing(ix *index.Index, period time.Duration) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(period)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				_, _ = ix.ReleaseMapped()
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}

// sendStored passes to send every article of ix whose ID is not in skip,
// in the index's order, and returns how many it passed.
func sendStored(ctx context.Context, ix *index.Index, skip map[string]bool, send func(index.Entry)) (int, error) {
	n := 0
	err := ix.Scan(func(e index.Entry) error {
		if skip[e.Article.ID] {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		send(e)
		if n++; n%releaseEvery == 0 {
			if _, err := ix.ReleaseMapped(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return n, fmt.Errorf("reading the indexed articles back: %w", err)
	}
	_, err = ix.ReleaseMapped()
	return n, err
}

// spool holds the articles of a run, with their signatures, in a
// temporary file until they are indexed: the input is read once, and the
// index gets exactly what was grouped. The file leaves nothing behind
// (see [tmpfile.New]).
type spool struct {
	f   *tmpfile.File
	bw  *bufio.Writer
	enc *gob.Encoder
}

func newSpool(dir string) (*spool, error) {
	f, err := tmpfile.New(dir, "wirediff-spool-*")
	if err != nil {
		return nil, fmt.Errorf("dedup: spool: %w", err)
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	return &spool{f: f, bw: bw, enc: gob.NewEncoder(bw)}, nil
}

// spooled is an entry as the spool holds it. Gob keeps a time's offset,
// not its location: NoZone says the publication time had no zone
// ([corpus.NoZone]).
type spooled struct {
	Entry  index.Entry
	NoZone bool
}

func (s *spool) add(e index.Entry) error {
	rec := spooled{Entry: e, NoZone: e.Article.Published.Location() == corpus.NoZone}
	if err := s.enc.Encode(&rec); err != nil {
		return fmt.Errorf("dedup: spool %s: %w", s.f.Name(), err)
	}
	return nil
}

func (s *spool) close() error {
	if err := s.bw.Flush(); err != nil {
		return fmt.Errorf("dedup: spool %s: %w", s.f.Name(), err)
	}
	return nil
}

// index adds the spooled entries to ix, in the order they were spooled
// (a later version of an ID replaces an earlier one).
func (s *spool) index(ix *index.Index) error {
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("dedup: spool %s: %w", s.f.Name(), err)
	}
	w, err := ix.NewWriter()
	if err != nil {
		return err
	}
	dec := gob.NewDecoder(bufio.NewReaderSize(s.f, 1<<20))
	for n := 1; ; n++ {
		var rec spooled
		if err := dec.Decode(&rec); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return fmt.Errorf("dedup: spool %s: %w", s.f.Name(), err)
		}
		if rec.NoZone {
			rec.Entry.Article.Published = rec.Entry.Article.Published.In(corpus.NoZone)
		}
		if err := w.Add(rec.Entry); err != nil {
			return err
		}
		if n%releaseEvery == 0 {
			if _, err := ix.ReleaseMapped(); err != nil {
				return err
			}
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	_, err = ix.ReleaseMapped()
	return err
}

// remove closes the spool and removes its file.
func (s *spool) remove() { s.f.Remove() }

// Label is the group of article i at level l: [cluster.GroupID] of its
// group's first member.
func (r *Result) Label(l cluster.Level, i int) string {
	return cluster.GroupID(l, r.Docs[r.Groups.Labels[l][i]].ID)
}

// Assignments lists every article's groups, in the order of Docs.
func (r *Result) Assignments() []index.Assignment {
	return assignments(r.Docs, r.Groups.Labels)
}

func assignments(docs []cluster.Doc, labels [3][]int) []index.Assignment {
	out := make([]index.Assignment, len(docs))
	label := func(l cluster.Level, i int) string { return cluster.GroupID(l, docs[labels[l][i]].ID) }
	for i, d := range docs {
		out[i] = index.Assignment{ID: d.ID, Copy: label(cluster.Copy, i), Rewrite: label(cluster.Rewrite, i), Story: label(cluster.Story, i)}
	}
	return out
}

// GroupsAt lists the groups at level l, each as the indices of its
// members in Docs: largest group first, ties by first member.
func (r *Result) GroupsAt(l cluster.Level) [][]int {
	by := map[int][]int{}
	for i, lab := range r.Groups.Labels[l] {
		by[lab] = append(by[lab], i)
	}
	out := make([][]int, 0, len(by))
	for _, m := range by {
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i]) != len(out[j]) {
			return len(out[i]) > len(out[j])
		}
		return out[i][0] < out[j][0]
	})
	return out
}

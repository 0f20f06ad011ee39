package editorial

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/internal/parallel"
	"github.com/wirediff/wirediff/internal/tmpfile"
)

// Record is the detector's reading of one input record.
type Record struct {
	ID string
	*Result
}

// Read reads the records of paths as [corpus.Read] does (opt.OnProblem
// hears of the skipped ones) and reads each record as an article with d
// ([Detector.Article]). The records keep the order of the input; a later
// record of an ID replaces the earlier one in its place. The texts are
// read on all cores, a batch of records at a time, so that no more than
// a batch of texts is held.
func (d *Detector) Read(paths []string, opt corpus.Options) ([]Record, corpus.Stats, error) {
	var recs []Record
	at := map[string]int{} // ID -> index in recs
	st, err := d.readTexts(paths, opt, func(a *corpus.Article) (int, bool) {
		i, ok := at[a.ID]
		if !ok {
			i = len(recs)
			at[a.ID] = i
			recs = append(recs, Record{ID: a.ID})
		}
		return i, true
	}, func(i int, res *Result) error {
		recs[i].Result = res // a later record of the ID comes later
		return nil
	})
	if err != nil {
		return nil, st, err
	}
	return recs, st, nil
}

// readTexts reads the records of paths as [corpus.Read] does and, for
// each that place gives a place (ok), reads its text with d and hands the
// reading to done with that place, in the order of the input. The texts
// are read on all cores, readBatch records at a time, so that no more
// than a batch of texts is held. The first error of done stops it.
func (d *Detector) readTexts(paths []string, opt corpus.Options, place func(*corpus.Article) (int, bool), done func(int, *Result) error) (corpus.Stats, error) {
	type job struct {
		i int // place
		a corpus.Article
	}
	var (
		pending []job
		failed  error // the error of a batch (naming its record's origin) or of done
	)
	flush := func() error {
		err := parallel.Ordered(len(pending), func(k int) (*Result, error) {
			a := &pending[k].a
			res, err := d.Article(a)
			if err != nil {
				return nil, fmt.Errorf("%s: %s: %w", a.Origin, a.ID, err)
			}
			return res, nil
		}, func(k int, res *Result) error { return done(pending[k].i, res) })
		pending = pending[:0]
		return err
	}
	st, err := corpus.Read(paths, opt, func(a corpus.Article) error {
		i, ok := place(&a)
		if !ok {
			return nil
		}
		if pending = append(pending, job{i, a}); len(pending) < readBatch {
			return nil
		}
		if failed = flush(); failed != nil {
			return errBatch
		}
		return nil
	})
	if err == nil {
		failed = flush()
	}
	if failed != nil {
		return st, failed
	}
	return st, err // corpus names the file and the record
}

// readBatch is the number of texts Read and Stream read at a time, on all
// cores.
const readBatch = 256

// errBatch stops corpus.Read when a batch failed; the batch's own error,
// which names its record, is returned instead.
var errBatch = errors.New("editorial: a batch of records failed")

// Stream reads the records of paths as [Detector.Read] does and calls
// emit with each record's reading, in the order Read returns them, as
// soon as it and those before it are read, so that the memory it takes
// does not grow with the input. It reads the input twice: first to learn
// which record of each ID is kept and where it stands (opt.OnProblem,
// opt.OnFallback and opt.OnUnreadDate hear of that read, and its Stats are returned), then to
// read the kept records' texts; a reading is held only while a record
// before it waits for a later record of its ID. Standard input ("-"),
// which cannot be read twice, is copied to a temporary file (see
// [tmpfile.New]) as the first read goes and read back from it. The first
// error of emit stops it and is returned.
func (d *Detector) Stream(paths []string, opt corpus.Options, emit func(Record) error) (corpus.Stats, error) {
	// Standard input's copy, when it is read.
	var (
		spool  *tmpfile.File
		copied *bufio.Writer
	)
	if slices.Contains(paths, "-") && opt.Stdin != nil {
		f, err := tmpfile.New("", "wirediff-stdin-*")
		if err != nil {
			return corpus.Stats{}, fmt.Errorf("editorial: a copy of standard input: %w", err)
		}
		defer f.Remove()
		spool, copied = f, bufio.NewWriterSize(f, 1<<20)
		opt.Stdin = io.TeeReader(opt.Stdin, copied)
	}
	// The first read: each ID's place (that of its first record) and the
	// origin of the record kept for it.
	place := map[string]int{}
	var ids, kept []string
	st, err := corpus.Read(paths, opt, func(a corpus.Article) error {
		i, ok := place[a.ID]
		if !ok {
			i = len(ids)
			place[a.ID] = i
			ids, kept = append(ids, a.ID), append(kept, "")
		}
		kept[i] = a.Origin
		return nil
	})
	if err != nil {
		return st, err
	}
	// The second read, silent: the kept records' texts, each emitted once
	// the places before it are.
	ready := map[int]*Result{} // read, waiting for a place before theirs
	next := 0                  // the next place to emit
	quiet := opt
	quiet.OnProblem, quiet.OnFallback, quiet.OnUnreadDate = nil, nil, nil
	if spool != nil {
		if err := copied.Flush(); err != nil {
			return st, fmt.Errorf("editorial: a copy of standard input: %w", err)
		}
		if _, err := spool.Seek(0, io.SeekStart); err != nil {
			return st, fmt.Errorf("editorial: a copy of standard input: %w", err)
		}
		quiet.Stdin = spool
	}
	_, err = d.readTexts(paths, quiet, func(a *corpus.Article) (int, bool) {
		i, ok := place[a.ID]
		return i, ok && kept[i] == a.Origin // else a later record of its ID is kept
	}, func(i int, res *Result) error {
		ready[i] = res
		for ready[next] != nil {
			r := Record{ID: ids[next], Result: ready[next]}
			delete(ready, next)
			next++
			if err := emit(r); err != nil {
				return err
			}
		}
		return nil
	})
	switch {
	case err != nil:
		return st, err
	case next != len(ids):
		return st, fmt.Errorf("editorial: %d of %d records not found on the second read of %s: the input changed while it was read",
			len(ids)-next, len(ids), strings.Join(paths, ", "))
	}
	return st, nil
}

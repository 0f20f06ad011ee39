package editorial

import (
	"errors"
	"fmt"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/internal/parallel"
)

// Record is the detector's reading of one input record.
type Record struct {
	ID string
	*Result
}

// Read reads the records of paths as [corpus.Read] does (opt.OnProblem
// hears of the skipped ones) and reads each record's text with d. The
// records keep the order of the input; a later record of an ID replaces
// the earlier one in its place. The texts are read on all cores, a batch
// of records at a time, so that no more than a batch of texts is held.
func (d *Detector) Read(paths []string, opt corpus.Options) ([]Record, corpus.Stats, error) {
	const batch = 256
	type job struct {
		i int // index in recs
		a corpus.Article
	}
	var (
		recs    []Record
		at      = map[string]int{} // ID -> index in recs
		pending []job
		failed  error // the error of a batch, with its record's origin
	)
	flush := func() error {
		err := parallel.Ordered(len(pending), func(k int) (*Result, error) {
			a := &pending[k].a
			res, err := d.Text(a.Text)
			if err != nil {
				return nil, fmt.Errorf("%s: %s: %w", a.Origin, a.ID, err)
			}
			return res, nil
		}, func(k int, res *Result) error {
			recs[pending[k].i].Result = res // a later record of the ID comes later
			return nil
		})
		pending = pending[:0]
		return err
	}
	st, err := corpus.Read(paths, opt, func(a corpus.Article) error {
		i, ok := at[a.ID]
		if !ok {
			i = len(recs)
			at[a.ID] = i
			recs = append(recs, Record{ID: a.ID})
		}
		if pending = append(pending, job{i, a}); len(pending) < batch {
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
	switch {
	case failed != nil:
		return nil, st, failed
	case err != nil:
		return nil, st, err // corpus names the file and the record
	}
	return recs, st, nil
}

// errBatch stops corpus.Read when a batch failed; the batch's own error,
// which names its record, is returned instead.
var errBatch = errors.New("editorial: a batch of records failed")

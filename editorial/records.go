package editorial

import (
	"fmt"

	"github.com/wirediff/wirediff/corpus"
)

// Record is the detector's reading of one input record.
type Record struct {
	ID string
	*Result
}

// Read reads the records of paths as [corpus.Read] does (opt.OnProblem
// hears of the skipped ones) and reads each record's text with d. The
// records keep the order of the input; a later record of an ID replaces
// the earlier one in its place.
func (d *Detector) Read(paths []string, opt corpus.Options) ([]Record, corpus.Stats, error) {
	var recs []Record
	at := map[string]int{} // ID -> index in recs
	st, err := corpus.Read(paths, opt, func(a corpus.Article) error {
		res, err := d.Text(a.Text)
		if err != nil {
			return fmt.Errorf("%s: %w", a.ID, err)
		}
		if i, ok := at[a.ID]; ok {
			recs[i].Result = res
			return nil
		}
		at[a.ID] = len(recs)
		recs = append(recs, Record{ID: a.ID, Result: res})
		return nil
	})
	if err != nil {
		return nil, st, err // corpus names the file, and fn the record
	}
	return recs, st, nil
}

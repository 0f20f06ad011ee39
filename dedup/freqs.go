package dedup

import (
	"fmt"

	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/neardup"
)

// RunFreqs returns the document frequencies the last run that grouped ix
// weighed its batch with, which the index keeps beside its groups; nil
// when it keeps none (no run grouped it, or the last one was InputOnly).
// Weighing with them (neardup.Finder.UseDocFreqs) scores a pair of that
// run as the run scored it, whatever was indexed since.
func RunFreqs(ix *index.Index) (*DocFreqs, error) {
	st, err := readState(ix)
	if err != nil {
		return nil, fmt.Errorf("dedup: document frequencies of %s: %w", ix.Dir(), err)
	}
	if st == nil {
		return nil, nil
	}
	return &st.freqs, nil
}

// NewFinder returns the near-duplicate finder over ix: the index's
// signing scheme, and the document frequencies of the last run that
// grouped it ([RunFreqs]), so that a pair scores as that run scored it.
func NewFinder(ix *index.Index) (*neardup.Finder, error) {
	s, err := SchemeOf(ix.Meta())
	if err != nil {
		return nil, err
	}
	f, err := neardup.NewFinder(ix, s.Shingle, s.Hasher, s.Bands)
	if err != nil {
		return nil, err
	}
	df, err := RunFreqs(ix)
	if err != nil {
		return nil, err
	}
	if df != nil {
		f.UseDocFreqs(df.DF, df.Docs)
	}
	return f, nil
}

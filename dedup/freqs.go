package dedup

import (
	"errors"
	"fmt"

	"github.com/wirediff/wirediff/index"
)

// RunFreqs returns the document frequencies the last run that grouped ix
// weighed its batch with, which the index keeps beside its groups; nil
// when it keeps none (no run grouped it, or the last one was InputOnly)
// or keeps them damaged (the next grouping run writes them again).
// Weighing with them (neardup.Finder.UseDocFreqs) scores a pair of that
// run as the run scored it, whatever was indexed since.
func RunFreqs(ix *index.Index) (*DocFreqs, error) {
	st, err := readState(ix)
	if errors.Is(err, errDamagedState) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("dedup: document frequencies of %s: %w", ix.Dir(), err)
	}
	if st == nil {
		return nil, nil
	}
	return &st.freqs, nil
}

package neardup

import (
	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/index"
)

// OpenFinder returns the finder over ix with the index's signing scheme,
// and the document frequencies and grouping options of the last run that
// grouped it ([dedup.RunFreqs], [dedup.GroupedWith]), so that a pair
// scores as that run scored it.
func OpenFinder(ix *index.Index) (*Finder, error) {
	s, err := dedup.SchemeOf(ix.Meta())
	if err != nil {
		return nil, err
	}
	f, err := NewFinder(ix, s.Shingle, s.Hasher, s.Bands)
	if err != nil {
		return nil, err
	}
	df, err := dedup.RunFreqs(ix)
	if err != nil {
		return nil, err
	}
	if df != nil {
		f.UseDocFreqs(df.DF, df.Docs)
	}
	opt, _, err := dedup.GroupedWith(ix)
	if err != nil {
		return nil, err
	}
	f.UseOptions(opt)
	return f, nil
}

package dedup

import (
	"fmt"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/similarity"
)

// The signing scheme's parameters. They are stored in every index
// ([index.Meta]); an index signed with others cannot be grouped with
// these (index.ErrMismatch), so they are constants, not options.
const (
	// Shingle is the number of words in a shingle.
	Shingle = 3
	// CopyJaccard is the shingle Jaccard the LSH banding is tuned for:
	// the copy threshold of [cluster.DefaultOptions].
	CopyJaccard = 0.5
)

// Scheme is how articles are signed for the copy level: word shingles of
// Shingle words, a MinHash signature of them, and the LSH bands the
// signature is cut into. Every stage of a run must use one scheme; its
// [Scheme.Meta] is what an index records of it.
type Scheme struct {
	Shingle int
	Hasher  *similarity.MinHasher
	Bands   similarity.Bands
}

// DefaultScheme is the scheme of every index wirediff creates:
// [Shingle]-word shingles, [similarity.DefaultNumHashes] MinHash values
// with [similarity.DefaultSeed], and the banding that minimizes false
// positives plus twice the false negatives at Jaccard [CopyJaccard] (a
// missed copy costs more than a candidate pair, which exact Jaccard
// verifies).
func DefaultScheme() (*Scheme, error) {
	h, err := similarity.NewMinHasher(similarity.DefaultNumHashes, similarity.DefaultSeed)
	if err != nil {
		return nil, fmt.Errorf("dedup: %w", err)
	}
	b, err := similarity.OptimalBands(CopyJaccard, similarity.DefaultNumHashes, 0.5, 1.0)
	if err != nil {
		return nil, fmt.Errorf("dedup: %w", err)
	}
	return &Scheme{Shingle: Shingle, Hasher: h, Bands: b}, nil
}

// SchemeOf returns the scheme an index records, so that articles
// featurized with it can be compared with those the index holds.
func SchemeOf(m index.Meta) (*Scheme, error) {
	if m.Shingle < 1 || m.Bands < 1 || m.Rows < 1 || m.Bands*m.Rows > m.NumHashes {
		return nil, fmt.Errorf("dedup: index scheme %+v: want a shingle size, bands and rows of at least 1, bands×rows ≤ hashes", m)
	}
	h, err := similarity.NewMinHasher(m.NumHashes, m.Seed)
	if err != nil {
		return nil, fmt.Errorf("dedup: %w", err)
	}
	return &Scheme{Shingle: m.Shingle, Hasher: h, Bands: similarity.Bands{B: m.Bands, R: m.Rows}}, nil
}

// Meta is the scheme as an index records it.
func (s *Scheme) Meta() index.Meta {
	return index.Meta{Seed: s.Hasher.Seed(), NumHashes: s.Hasher.NumHashes(), Shingle: s.Shingle, Bands: s.Bands.B, Rows: s.Bands.R}
}

// NewFeaturizer returns a featurizer of this scheme: one per goroutine
// (see [cluster.Featurizer]).
func (s *Scheme) NewFeaturizer() *cluster.Featurizer {
	return cluster.NewFeaturizer(s.Shingle, s.Hasher, s.Bands)
}

// OpenIndex opens the index in dir (creating it with opt.Create) for
// articles signed with [DefaultScheme]: opt.Meta is that scheme's, so an
// index signed otherwise is [index.ErrMismatch].
func OpenIndex(dir string, opt index.Options) (*index.Index, error) {
	s, err := DefaultScheme()
	if err != nil {
		return nil, err
	}
	opt.Meta = s.Meta()
	return index.Open(dir, opt)
}

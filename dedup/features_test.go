package dedup_test

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/dedup"
)

// seedDocs returns the features of the seed articles, weighed or not.
func seedDocs(t testing.TB, weigh bool) []cluster.Doc {
	t.Helper()
	s, err := dedup.DefaultScheme()
	require.NoError(t, err)
	f := s.NewFeaturizer()
	var docs []cluster.Doc
	_, err = corpus.Read([]string{"../testdata/seeds"}, corpus.Options{}, func(a corpus.Article) error {
		docs = append(docs, f.Doc(&a))
		return nil
	})
	require.NoError(t, err)
	require.Len(t, docs, 5)
	if weigh {
		require.NoError(t, dedup.Weigh(docs, nil))
	}
	return docs
}

// sameDoc reports whether two docs hold the same features (an empty set
// and nil alike, publication times as instants).
func sameDoc(a, b cluster.Doc) bool {
	return a.ID == b.ID && a.Outlet == b.Outlet && a.Published.Equal(b.Published) &&
		a.Published.IsZero() == b.Published.IsZero() && a.Tokens == b.Tokens &&
		slices.Equal(a.Shingles, b.Shingles) && slices.Equal(a.Sig, b.Sig) && slices.Equal(a.Terms, b.Terms) &&
		slices.Equal(a.Names, b.Names) && slices.Equal(a.Quotes, b.Quotes) && slices.Equal(a.Passages, b.Passages) &&
		a.Days == b.Days
}

// randomDoc is a doc with random sets, each strictly increasing.
func randomDoc(r *rand.Rand) cluster.Doc {
	set32 := func() []uint32 {
		var s []uint32
		for range r.IntN(20) {
			s = append(s, r.Uint32())
		}
		slices.Sort(s)
		return slices.Compact(s)
	}
	set64 := func() []uint64 {
		var s []uint64
		for range r.IntN(20) {
			s = append(s, r.Uint64())
		}
		slices.Sort(s)
		return slices.Compact(s)
	}
	d := cluster.Doc{ID: "id-" + string(rune('a'+r.IntN(26))), Outlet: "ö", Tokens: r.IntN(1000),
		Shingles: set32(), Sig: set32(), Names: set64(), Quotes: set64(), Passages: set32(), Days: uint8(r.IntN(128))}
	if r.IntN(2) == 0 {
		d.Published = time.Unix(r.Int64N(1<<40)-1<<39, r.Int64N(1e9))
	}
	for _, id := range set32() {
		d.Terms = append(d.Terms, cluster.Term{ID: cluster.TermID(id), W: r.Float32()})
	}
	return d
}

func TestFeaturesRoundTrip(t *testing.T) {
	docs := append(seedDocs(t, false), seedDocs(t, true)...)
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		docs = append(docs, randomDoc(r))
	}
	docs = append(docs, cluster.Doc{ID: "x"}) // every set empty
	var buf []byte
	for _, d := range docs {
		var err error
		buf, err = dedup.AppendFeatures(buf[:0], &d)
		require.NoError(t, err, d.ID)
		got, err := dedup.ParseFeatures(buf)
		require.NoError(t, err, d.ID)
		assert.True(t, sameDoc(d, got), "ParseFeatures(AppendFeatures(%s)) = %+v, want %+v", d.ID, got, d)
		// Every proper prefix is refused, never read as a shorter record.
		for n := range len(buf) {
			_, err := dedup.ParseFeatures(buf[:n])
			require.Error(t, err, "%s cut to %d of %d bytes", d.ID, n, len(buf))
		}
	}
}

func TestFeaturesRefused(t *testing.T) {
	d := seedDocs(t, false)[0]
	good, err := dedup.AppendFeatures(nil, &d)
	require.NoError(t, err)

	tests := []struct {
		name string
		data []byte
		want error
	}{
		// Another format or version.
		{"empty", nil, dedup.ErrFeatureVersion},
		{"magic", append([]byte("XDF"), good[3:]...), dedup.ErrFeatureVersion},
		{"version 3", append(append([]byte("WDF"), 3), good[4:]...), dedup.ErrFeatureVersion},
		// Version 1, whose numbers cannot be told from its names, is
		// computed again from the text (see TestEarlierFeaturesComputedAgain).
		{"version 1", append(append([]byte("WDF"), 1), good[4:]...), dedup.ErrFeatureVersion},
		// A broken record.
		{"trailing byte", append(slices.Clone(good), 0), dedup.ErrBadFeatures},
		{"huge count", append([]byte("WDF\x02"), 0xff, 0xff, 0xff, 0xff, 0x0f), dedup.ErrBadFeatures},
		{"empty ID", []byte("WDF\x02\x00"), dedup.ErrBadFeatures},
	}
	for _, tt := range tests {
		_, err := dedup.ParseFeatures(tt.data)
		assert.True(t, errors.Is(err, tt.want), "%s: ParseFeatures = %v, want %v", tt.name, err, tt.want)
	}

	// Sets out of order cannot be written.
	bad := d
	bad.Shingles = []uint32{3, 1}
	_, err = dedup.AppendFeatures(nil, &bad)
	assert.Error(t, err)
	bad = d
	bad.Terms = []cluster.Term{{ID: 2}, {ID: 2}}
	_, err = dedup.AppendFeatures(nil, &bad)
	assert.Error(t, err)
	_, err = dedup.AppendFeatures(nil, &cluster.Doc{})
	assert.Error(t, err, "no ID")
}

// FuzzParseFeatures: the decoder never panics, and what it accepts
// encodes back to the same bytes.
func FuzzParseFeatures(f *testing.F) {
	for _, d := range seedDocs(f, true) {
		b, err := dedup.AppendFeatures(nil, &d)
		require.NoError(f, err)
		f.Add(b)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 5 {
		d := randomDoc(r)
		b, err := dedup.AppendFeatures(nil, &d)
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte("WDF\x01"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := dedup.ParseFeatures(data)
		if err != nil {
			if !errors.Is(err, dedup.ErrBadFeatures) && !errors.Is(err, dedup.ErrFeatureVersion) {
				t.Fatalf("ParseFeatures: error %v wraps neither sentinel", err)
			}
			return
		}
		again, err := dedup.AppendFeatures(nil, &d)
		if err != nil {
			t.Fatalf("AppendFeatures(ParseFeatures(%x)): %v", data, err)
		}
		if string(again) != string(data) {
			t.Fatalf("AppendFeatures(ParseFeatures(%x)) = %x", data, again)
		}
	})
}

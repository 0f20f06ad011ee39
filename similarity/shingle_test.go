package similarity

import (
	"encoding/binary"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/cespare/xxhash/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func tokensOf(s string) []Token { return AppendTokens(nil, s, 0, len(s)) }

// refShingle is the specified shingle hash: XXH64 of the concatenated
// little-endian token hashes (exact for up to 3 tokens).
func refShingle(words ...string) uint64 {
	var b []byte
	for _, w := range words {
		b = binary.LittleEndian.AppendUint64(b, xxhash.Sum64String(w))
	}
	return xxhash.Sum64(b)
}

// refShingles is Shingles written plainly: xxhash of each token, XXH64's
// lane step over the window, then sort and de-duplicate.
func refShingles(tokens []Token, k int) []uint64 {
	if len(tokens) == 0 {
		return []uint64{}
	}
	k = min(max(k, 1), len(tokens))
	var out []uint64
	for i := 0; i+k <= len(tokens); i++ {
		h := prime5 + uint64(8*k)
		for _, t := range tokens[i : i+k] {
			h = xxLane(h, xxhash.Sum64String(t.Text))
		}
		out = append(out, xxAvalanche(h))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func TestShingles(t *testing.T) {
	tests := []struct {
		text string
		k    int
		want []uint64
	}{
		{"", 3, nil},
		{"one", 3, []uint64{refShingle("one")}},
		{"one two", 3, []uint64{refShingle("one", "two")}},
		{"one two three", 3, []uint64{refShingle("one", "two", "three")}},
		{"a b c d", 3, []uint64{refShingle("a", "b", "c"), refShingle("b", "c", "d")}},
		{"a b a b a b", 2, []uint64{refShingle("a", "b"), refShingle("b", "a")}},
		{"x y", 1, []uint64{refShingle("x"), refShingle("y")}},
		{"x y", 0, []uint64{refShingle("x"), refShingle("y")}},
		// Normalization makes these equal.
		{"Trump’s PLAN", 2, []uint64{refShingle("trump", "plan")}},
	}
	for _, tt := range tests {
		got := Shingles(nil, tokensOf(tt.text), tt.k)
		want := slices.Clone(tt.want)
		slices.Sort(want)
		assert.Equal(t, want, got, "Shingles(%q, %d) = %x, want %x", tt.text, tt.k, got, want)
	}
	// Order matters within a shingle.
	assert.NotEqual(t, Shingles(nil, tokensOf("a b"), 2), Shingles(nil, tokensOf("b a"), 2))
}

func TestShinglesReusesDst(t *testing.T) {
	toks := tokensOf(article600(t))
	dst := make([]uint64, 5, 2000)
	got := Shingles(dst, toks, 3)
	assert.Equal(t, &dst[:1][0], &got[:1][0], "Shingles did not reuse dst")
	allocs := testing.AllocsPerRun(20, func() { got = Shingles(got, toks, 3) })
	assert.Zero(t, allocs, "Shingles(600-word article) with capacity: allocs = %v, want 0", allocs)
	assert.Greater(t, len(got), 550)
}

func TestSortUnique(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 2, 31, 32, 33, 100, 511, 512, 600, 1023, 1024, 1025, 3000} {
		for _, dist := range []string{"uniform", "repeats", "dups", "clustered"} {
			s := make([]uint64, n)
			pool := make([]uint64, n/2+1)
			for i := range pool {
				pool[i] = r.Uint64()
			}
			for i := range s {
				switch dist {
				case "uniform":
					s[i] = r.Uint64()
				case "repeats": // uniform, each value about twice
					s[i] = pool[r.IntN(len(pool))]
				case "dups":
					s[i] = uint64(r.IntN(5)) << 60
				case "clustered": // all in one bucket: the slices.Sort fallback
					s[i] = r.Uint64() >> 20
				}
			}
			want := slices.Clone(s)
			slices.Sort(want)
			want = slices.Compact(want)
			got := sortUnique(s)
			require.Equal(t, want, got, "sortUnique(n=%d, %s)", n, dist)
		}
	}
}

func FuzzShingles(f *testing.F) {
	f.Add("The U.S. is secretly working with Russia on a new plan", 3)
	f.Add("a a a a a a", 2)
	f.Add("", 1)
	f.Add("one two", 5)
	f.Fuzz(func(t *testing.T, text string, k int) {
		k = k % 10 // keep k small; negative k is allowed and acts as 1
		toks := tokensOf(text)
		got := Shingles(nil, toks, k)
		for i := 1; i < len(got); i++ {
			if got[i-1] >= got[i] {
				t.Fatalf("Shingles(%q, %d) = %x, not sorted and unique at %d", text, k, got, i)
			}
		}
		if want := refShingles(toks, k); !slices.Equal(got, want) {
			t.Fatalf("Shingles(%q, %d) = %x, want the reference %x", text, k, got, want)
		}
		kk := max(k, 1)
		if limit := max(len(toks)-kk+1, 1); len(got) > limit || (len(toks) == 0) != (len(got) == 0) {
			t.Fatalf("Shingles(%q, %d) has %d shingles for %d tokens, want 1..%d", text, k, len(got), len(toks), limit)
		}
		// Shingles depend on token texts only, not on offsets or spacing.
		texts := make([]string, len(toks))
		for i, tk := range toks {
			texts[i] = tk.Text
		}
		again := Shingles(nil, tokensOf(strings.Join(texts, "  ")), k)
		if !slices.Equal(got, again) {
			t.Fatalf("Shingles(%q, %d) = %x, but of its token texts = %x", text, k, got, again)
		}
	})
}

func TestAppendTokenLanes(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	b := make([]byte, 40)
	var toks []Token
	for n := range len(b) + 1 {
		for range 200 {
			for i := range b[:n] {
				b[i] = byte(r.Uint32())
			}
			toks = append(toks, Token{Text: string(b[:n])})
		}
	}
	got := appendTokenLanes(nil, toks)
	for i, tok := range toks {
		require.Equal(t, xxRound(0, xxhash.Sum64String(tok.Text)), got[i], "appendTokenLanes(%q)", tok.Text)
	}
	// Appended after what dst holds, in chunks that do not start at 0.
	prefix := []uint64{1, 2, 3}
	again := appendTokenLanes(prefix, toks)
	require.Equal(t, prefix, again[:3])
	require.Equal(t, got, again[3:])
}

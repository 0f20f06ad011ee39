package similarity

import (
	"encoding/binary"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/cespare/xxhash/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pinTexts returns the texts TestSigningPinned digests: the seed articles,
// and pseudo-random texts built from trickyPieces and English words so that
// every branch of the tokenizer is taken.
func pinTexts(t *testing.T) []string {
	texts := seedTexts(t)
	words := strings.Fields(texts[1])
	r := rand.New(rand.NewPCG(11, 12))
	var b strings.Builder
	for range 2000 {
		b.Reset()
		for range 1 + r.IntN(40) {
			if r.IntN(3) == 0 {
				b.WriteString(trickyPieces[r.IntN(len(trickyPieces))])
			} else {
				b.WriteString(words[r.IntN(len(words))])
				b.WriteByte(" \n,.'"[r.IntN(5)])
			}
		}
		texts = append(texts, b.String())
	}
	return texts
}

// TestSigningPinned pins the exact output of the signing path (token texts
// and offsets, shingle hashes for several k, and 128-hash signatures) on
// real and generated texts, by digest. An optimization of the tokenizer,
// Shingles or AppendSign must leave it passing; if the scheme changes on
// purpose, stored signatures are stale: bump the index format version,
// regenerate the golden files, then update the digests here.
func TestSigningPinned(t *testing.T) {
	m, err := NewMinHasher(DefaultNumHashes, DefaultSeed)
	require.NoError(t, err)
	var tokD, shD, sigD xxhash.Digest
	tokD.Reset()
	shD.Reset()
	sigD.Reset()
	var buf []byte
	var toks []Token
	var sh []uint64
	var sig Signature
	nTok, nSh := 0, 0
	for _, text := range pinTexts(t) {
		toks = AppendTokens(toks[:0], text, 0, len(text))
		nTok += len(toks)
		for _, tok := range toks {
			buf = binary.LittleEndian.AppendUint32(buf[:0], uint32(tok.Start))
			buf = binary.LittleEndian.AppendUint32(buf, uint32(tok.End))
			buf = append(buf, tok.Text...)
			buf = append(buf, 0)
			tokD.Write(buf)
		}
		for _, k := range []int{1, 2, 3, 5} {
			sh = Shingles(sh, toks, k)
			nSh += len(sh)
			buf = buf[:0]
			for _, v := range sh {
				buf = binary.LittleEndian.AppendUint64(buf, v)
			}
			buf = binary.LittleEndian.AppendUint64(buf, uint64(len(sh)))
			shD.Write(buf)
		}
		sh = Shingles(sh, toks, 3)
		sig = m.AppendSign(sig[:0], sh)
		buf = buf[:0]
		for _, v := range sig {
			buf = binary.LittleEndian.AppendUint32(buf, v)
		}
		sigD.Write(buf)
	}
	assert.Equal(t, 30717, nTok, "tokens")
	assert.Equal(t, 106972, nSh, "shingles")
	assert.Equal(t, uint64(0x3b215e610edfba38), tokD.Sum64(), "token digest = %#x", tokD.Sum64())
	assert.Equal(t, uint64(0xb09fb1d4ad437be1), shD.Sum64(), "shingle digest = %#x", shD.Sum64())
	assert.Equal(t, uint64(0x2a28e9a30c08e3c1), sigD.Sum64(), "signature digest = %#x", sigD.Sum64())

	// The first values of the seed article's signature, in the clear.
	text := article600(t)
	sig = m.Sign(Shingles(nil, tokensOf(text), 3))
	want := Signature{0x006332ef, 0x520f699a, 0x077152f7, 0x5a681866, 0x037bf025, 0x04b53de4, 0x0541c207, 0x0861d4ab}
	assert.Equal(t, want, sig[:len(want)], "Sign(article600)[:8] = %#x", sig[:8])
}

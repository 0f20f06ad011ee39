package dedup

import (
	"bytes"
	"os"
	"testing"

	"github.com/wirediff/wirediff/cluster"
)

// FuzzDecodePostings: any bytes decode to postings or an error, never a
// panic; what decodes has a head that says the same, and encodes to
// bytes that decode to the same.
func FuzzDecodePostings(f *testing.F) {
	docs := []cluster.Doc{
		{ID: "a", Terms: []cluster.Term{{ID: 1, W: 0.5}, {ID: 9, W: 0.25}}},
		{ID: "b", Terms: []cluster.Term{{ID: 1, W: 0.75}}},
	}
	enc := func(t *testing.T, p *postings) []byte {
		b, err := p.encode()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	b, _ := buildPostings(docs, cluster.DefaultOptions()).encode()
	f.Add(b)
	f.Add([]byte("WDP\x01"))
	f.Add([]byte("WDP\x02"))
	if v1, err := os.ReadFile("testdata/postings-v1.bin"); err == nil {
		f.Add(v1)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := decodePostings(b)
		if err != nil {
			return
		}
		h, err := decodeHead(b[:min(len(b), postingsHeadLen)])
		if err != nil || h != (postingsHead{p.digest, p.topTerms, p.keep}) {
			t.Fatalf("decoded %x, whose head reads as %+v, %v", b, h, err)
		}
		q, err := decodePostings(enc(t, p))
		if err != nil {
			t.Fatalf("decoded %x, encodes to %x, which does not decode: %v", b, enc(t, p), err)
		}
		if !bytes.Equal(enc(t, q), enc(t, p)) {
			t.Fatalf("decoded %x, encodes to %x, which decodes to %x", b, enc(t, p), enc(t, q))
		}
	})
}

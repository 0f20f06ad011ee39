package dedup

import (
	"bytes"
	"testing"

	"github.com/wirediff/wirediff/cluster"
)

// FuzzDecodePostings: any bytes decode to postings or an error, never a
// panic, and what decodes encodes to bytes that decode to the same.
func FuzzDecodePostings(f *testing.F) {
	docs := []cluster.Doc{
		{ID: "a", Terms: []cluster.Term{{ID: 1, W: 0.5}, {ID: 9, W: 0.25}}},
		{ID: "b", Terms: []cluster.Term{{ID: 1, W: 0.75}}},
	}
	f.Add(buildPostings(docs, cluster.DefaultOptions()).encode())
	f.Add([]byte("WDP\x01"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := decodePostings(b)
		if err != nil {
			return
		}
		q, err := decodePostings(p.encode())
		if err != nil {
			t.Fatalf("decoded %x, encodes to %x, which does not decode: %v", b, p.encode(), err)
		}
		if !bytes.Equal(q.encode(), p.encode()) {
			t.Fatalf("decoded %x, encodes to %x, which decodes to %x", b, p.encode(), q.encode())
		}
	})
}

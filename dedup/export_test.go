package dedup

import "github.com/wirediff/wirediff/cluster"

// What the external tests reach of the more-like-this postings.

type Postings = postings

func BuildPostings(docs []cluster.Doc, opt cluster.Options) *Postings {
	return buildPostings(docs, opt)
}

func DecodePostings(b []byte) (*Postings, error) { return decodePostings(b) }

func (p *postings) LikeThis(q []*cluster.Doc, num []int32, maxDF int, opt cluster.Options) [][]int32 {
	return p.likeThis(q, num, maxDF, opt)
}

func (p *postings) WithQueries(qs []*cluster.Doc, topTerms int) (*Postings, []int32) {
	return p.withQueries(qs, topTerms)
}

func (p *postings) Regrouped(docs []cluster.Doc, keep int) (*Postings, error) {
	return p.regrouped(docs, keep)
}

func (p *postings) Encode() []byte       { return p.encode() }
func (p *postings) IDs() []string        { return p.ids }
func (p *postings) Keep() int            { return p.keep }
func (p *postings) SetDigest(d [32]byte) { p.digest = d }

package dedup

import "github.com/wirediff/wirediff/cluster"

// What the external tests reach of the more-like-this postings.

type Postings = postings

func BuildPostings(docs []cluster.Doc, opt cluster.Options) *Postings {
	return buildPostings(docs, opt)
}

func DecodePostings(b []byte) (*Postings, error) { return decodePostings(b) }

// ErrDamagedState is what a state file that does not decode fails with.
var ErrDamagedState = errDamagedState

type View = view

func (p *postings) Whole() *View { return p.whole() }

func (v *view) LikeThis(q []*cluster.Doc, num []int32, maxDF int, opt cluster.Options) [][]int32 {
	return v.likeThis(q, num, maxDF, opt)
}

func (p *postings) WithQueries(qs []*cluster.Doc, topTerms int) (*View, []int32) {
	return p.withQueries(qs, topTerms)
}

func (v *view) Regrouped(docs []cluster.Doc, keep int) (*Postings, error) {
	return v.regrouped(docs, keep)
}

func (v *view) IDs() []string { return v.ids }

func (p *postings) Encode() []byte       { b, _ := p.encode(); return b }
func (p *postings) IDs() []string        { return p.ids }
func (p *postings) Keep() int            { return p.keep }
func (p *postings) SetDigest(d [32]byte) { p.digest = d }

// What the external tests reach of a streamed run's scoring records.

func AppendScoring(b []byte, d *cluster.Doc) []byte { return appendScoring(b, d) }
func ParseScoring(b []byte, d *cluster.Doc) error   { return parseScoring(b, d) }

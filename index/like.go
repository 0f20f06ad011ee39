package index

import (
	"context"
	"fmt"
	"math"
	"sort"

	bindex "github.com/blevesearch/bleve_index_api"
)

// Like asks for the articles most like one article: those best matching
// a more-like-this query made of its heaviest TF-IDF terms.
type Like struct {
	// Text is the article's title and text, analyzed with the analyzer of
	// the index's text field for the more-like-this query.
	Text string
	// Exclude is an ID to leave out (the article itself, when indexed).
	Exclude string
	// Terms is the number of query terms (default 25; every term when
	// the index holds no more than Size+1 articles); terms in more than
	// MaxDF of the articles (default 0.05, and never fewer than 50
	// articles) are not used.
	Terms int
	MaxDF float64
	// Size is the number of candidates returned (default 50).
	Size int
	// DocFreqs, when not nil, receives the document frequency in field
	// text of every analyzed term looked up, so that the caller need not
	// look them up again.
	DocFreqs map[string]int
}

// Candidate is an article returned by [Index.Similar].
type Candidate struct {
	ID string
	// Score is the more-like-this score (Okapi BM25 summed over the query
	// terms, each weighted by its TF-IDF in the query article).
	Score float64
}

// BM25 parameters (Robertson & Zaragoza, The Probabilistic Relevance
// Framework: BM25 and Beyond, 2009), the usual defaults.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// Terms returns the terms of text as the index analyzes its text field
// (textAnalyzer since format 4, bleve's "en" analyzer before: Unicode
// words, possessives dropped, lowercase, English stopwords removed, Porter
// stems), with their counts.
func (ix *Index) Terms(text string) (_ map[string]int, err error) {
	defer ix.guard(&err)
	m := ix.bleve.Mapping()
	name := m.AnalyzerNameForPath("text")
	a := m.AnalyzerNamed(name)
	if a == nil {
		return nil, fmt.Errorf("index: no %q analyzer", name)
	}
	out := map[string]int{}
	for _, t := range a.Analyze([]byte(text)) {
		if len(t.Term) < 2 {
			continue
		}
		out[string(t.Term)]++
	}
	return out, nil
}

// DocFreqs returns how many articles hold each term in field, and how
// many articles there are, from one snapshot of the index.
func (ix *Index) DocFreqs(field string, terms []string) (_ []int, _ int, err error) {
	defer ix.guard(&err)
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return nil, 0, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, 0, err
	}
	defer r.Close()
	n, err := r.DocCount()
	if err != nil {
		return nil, 0, err
	}
	out := make([]int, len(terms))
	for i, t := range terms {
		tfr, err := r.TermFieldReader(context.Background(), []byte(t), field, false, false, false)
		if err != nil {
			return nil, 0, fmt.Errorf("index: doc freq %s:%s: %w", field, t, err)
		}
		out[i] = int(tfr.Count())
		tfr.Close()
	}
	return out, int(n), nil
}

// Similar returns up to l.Size candidates for the article l describes:
// the best of a more-like-this query. Bleve has no more-like-this query,
// so it is built here on the index's postings (as Lucene's
// MoreLikeThis does): the article's terms are weighted by TF-IDF with
// document frequencies from the index, the l.Terms heaviest make a
// disjunction, and each article holding some of them scores the sum of
// their BM25 scores times their query weights.
func (ix *Index) Similar(l Like) (_ []Candidate, err error) {
	defer ix.guard(&err)
	if l.Terms <= 0 {
		l.Terms = 25
	}
	if l.MaxDF <= 0 {
		l.MaxDF = 0.05
	}
	if l.Size <= 0 {
		l.Size = 50
	}
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	n64, err := r.DocCount()
	if err != nil {
		return nil, err
	}
	n := float64(n64)

	type cand struct {
		score float64
	}
	cands := map[string]*cand{}
	get := func(id bindex.IndexInternalID) *cand {
		c := cands[string(id)]
		if c == nil {
			c = &cand{}
			cands[string(id)] = c
		}
		return c
	}
	var td bindex.TermFieldDoc
	// More like this: the query's terms weighted by TF-IDF.
	terms, err := ix.Terms(l.Text)
	if err != nil {
		return nil, err
	}
	type qterm struct {
		term string
		w    float64 // query weight
		idf  float64 // BM25 idf
		tfr  bindex.TermFieldReader
	}
	// An index of no more articles than the candidates asked for has
	// every article that shares a term a candidate: the heaviest terms
	// alone leave out, in a small index, an article sharing only terms
	// that others share too.
	if n <= float64(l.Size)+1 {
		l.Terms = math.MaxInt
	}
	maxDF := math.Max(l.MaxDF*n, 50)
	// A term only the query itself holds finds nothing (like Lucene's
	// minDocFreq): in a small index those would take every query slot.
	minDF := 1.0
	if l.Exclude != "" {
		minDF = 2
	}
	var qs []qterm
	for t, tf := range terms {
		tfr, err := r.TermFieldReader(context.Background(), []byte(t), "text", true, true, false)
		if err != nil {
			return nil, fmt.Errorf("index: postings of %q: %w", t, err)
		}
		df := float64(tfr.Count())
		if l.DocFreqs != nil {
			l.DocFreqs[t] = int(df)
		}
		if df < minDF || df > maxDF {
			tfr.Close()
			continue
		}
		w := (1 + math.Log(float64(tf))) * math.Log((n+1)/(df+1))
		qs = append(qs, qterm{t, w, math.Log(1 + (n-df+0.5)/(df+0.5)), tfr})
	}
	sort.Slice(qs, func(i, j int) bool {
		if qs[i].w != qs[j].w {
			return qs[i].w > qs[j].w
		}
		return qs[i].term < qs[j].term
	})
	for _, q := range qs[min(l.Terms, len(qs)):] {
		q.tfr.Close()
	}
	qs = qs[:min(l.Terms, len(qs))]
	// Two passes over the postings: the average length of the matching
	// texts stands in for the collection's (which bleve does not keep).
	type post struct {
		c    *cand
		q    int
		tf   float64
		norm float64
	}
	var posts []post
	var sumLen float64
	for qi, q := range qs {
		for d, err := q.tfr.Next(&td); d != nil || err != nil; d, err = q.tfr.Next(&td) {
			if err != nil {
				closeAll(qs[qi:], func(q qterm) bindex.TermFieldReader { return q.tfr })
				return nil, fmt.Errorf("index: postings of %q: %w", q.term, err)
			}
			norm := d.Norm
			if norm <= 0 {
				norm = 1
			}
			posts = append(posts, post{get(d.ID), qi, float64(d.Freq), norm})
			sumLen += 1 / (norm * norm)
		}
		q.tfr.Close()
	}
	if len(posts) > 0 {
		avg := sumLen / float64(len(posts))
		for _, p := range posts {
			dl := 1 / (p.norm * p.norm)
			s := qs[p.q].idf * p.tf * (bm25K1 + 1) / (p.tf + bm25K1*(1-bm25B+bm25B*dl/avg))
			p.c.score += qs[p.q].w * s
		}
	}

	type ranked struct {
		id string // internal
		*cand
	}
	better := func(a, b ranked) bool {
		if a.score != b.score {
			return a.score > b.score
		}
		return a.id < b.id
	}
	// The best l.Size+1 (one may be excluded), by a bounded selection:
	// the more-like-this postings can touch thousands of articles. No more
	// than there are candidates: l.Size may be any int.
	keep := min(l.Size, len(cands)) + 1
	all := make([]ranked, 0, keep+1)
	for id, c := range cands {
		r := ranked{id, c}
		if len(all) == keep && !better(r, all[keep-1]) {
			continue
		}
		i := sort.Search(len(all), func(i int) bool { return better(r, all[i]) })
		all = append(all, ranked{})
		copy(all[i+1:], all[i:])
		all[i] = r
		if len(all) > keep {
			all = all[:keep]
		}
	}
	out := make([]Candidate, 0, min(l.Size, len(all)))
	for _, c := range all {
		if len(out) == l.Size {
			break
		}
		id, err := r.ExternalID(bindex.IndexInternalID(c.id))
		if err != nil {
			return nil, fmt.Errorf("index: candidate id: %w", err)
		}
		if id == l.Exclude {
			continue
		}
		out = append(out, Candidate{ID: id, Score: c.score})
	}
	return out, nil
}

func closeAll[T any](xs []T, tfr func(T) bindex.TermFieldReader) {
	for _, x := range xs {
		tfr(x).Close()
	}
}

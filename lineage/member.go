package lineage

import (
	"fmt"
	"slices"
	"strings"

	"github.com/wirediff/wirediff/similarity"
)

// member compares document d with the reference.
func (g *group) member(d int, r *refModel, ref *Reference) Member {
	doc := g.docs[d]
	a := doc.art
	m := Member{ID: a.ID, Outlet: a.Outlet, Words: doc.words, text: a.Text, Dropped: []Dropped{}, Spans: []Span{}}

	carried := make([]bool, len(r.sents))
	kept, verbatim, editorialWords := 0, 0, 0
	for _, s := range doc.sents {
		refs := r.of[s.g]
		for _, ri := range refs {
			carried[ri] = true
		}
		var compare []*sentence
		if len(refs) > 0 {
			kept += len(s.toks)
			compare = g.compareSet(d, s, refs, r)
			verbatim += g.copiedWords(s, compare)
		}
		cues := g.editorial(doc, s, len(refs) > 0, compare)
		for _, c := range cues {
			editorialWords += c.words
			m.Spans = append(m.Spans, g.span(d, SpanEditorial, c.start, c.end, c.why))
		}
		if len(refs) == 0 && !g.sharedWithOthers(s) {
			m.Spans = append(m.Spans, g.span(d, SpanAdded, s.start, s.end, g.addedWhy(doc, s, len(cues) > 0)))
		}
	}
	dropped := 0
	for ri, ok := range carried {
		if ok {
			continue
		}
		s := g.sents[r.sents[ri]]
		dropped += len(s.toks)
		m.Dropped = append(m.Dropped, Dropped{Ref: ri, Text: ref.Sentences[ri].Text})
	}
	m.KeptShare = share(kept, doc.words)
	m.AddedShare = share(doc.words-kept, doc.words)
	if doc.words == 0 {
		m.AddedShare = 0
	}
	m.DroppedShare = share(dropped, ref.Words)
	m.VerbatimShare = share(verbatim, doc.words)
	if doc.words > 0 {
		m.EditorialScore = round2(1000 * float64(editorialWords) / float64(doc.words))
	}

	for _, f := range a.Furniture {
		start, end := clampSpan(f.Start, f.End, len(a.Text))
		sp := appendTrimmed(nil, a.Text, start, end)
		if len(sp) == 0 {
			continue
		}
		m.Spans = append(m.Spans, g.span(d, SpanBoilerplate, sp[0].Start, sp[0].End, "site furniture or metadata, excluded from the shares"))
	}

	for _, q := range g.refQuotes(r) {
		kind, st, en, why := g.matchQuote(doc, q)
		switch kind {
		case SpanQuoteVerbatim:
			m.Quotes.Verbatim++
		case SpanQuoteAltered:
			m.Quotes.Altered++
		default:
			m.Quotes.Dropped++
			continue
		}
		m.Spans = append(m.Spans, g.span(d, kind, st, en, why))
	}

	slices.SortStableFunc(m.Spans, func(x, y Span) int {
		switch {
		case x.Start != y.Start:
			return x.Start - y.Start
		case x.End != y.End:
			return y.End - x.End
		}
		return strings.Compare(x.Kind, y.Kind)
	})
	m.Spans = slices.CompactFunc(m.Spans, func(x, y Span) bool {
		return x.Kind == y.Kind && x.Start == y.Start && x.End == y.End
	})
	return m
}

func (g *group) span(d int, kind string, start, end int, why string) Span {
	return Span{Kind: kind, Start: start, End: end, Text: g.docs[d].art.Text[start:end], Why: why}
}

// compareSet returns the sentences a kept sentence s of document d is
// compared with to find swapped-in wording: the source's sentences it is
// linked with, or, for the consensus, the other members' sentences that
// state the same facts.
func (g *group) compareSet(d int, s *sentence, refs []int, r *refModel) []*sentence {
	var out []*sentence
	seen := map[int]bool{s.g: true}
	for _, ri := range refs {
		if r.kind == KindSource {
			x := r.sents[ri]
			if !seen[x] {
				seen[x] = true
				out = append(out, g.sents[x])
			}
			continue
		}
		for _, x := range r.cluster[ri] {
			if !seen[x] && g.sents[x].doc != d {
				seen[x] = true
				out = append(out, g.sents[x])
			}
		}
	}
	return out
}

// copiedWords returns the number of words of s in the longest common
// subsequence of words with the compare sentences, read in order; s is
// copied whole when it is itself the reference sentence (compare empty).
// Only the maxCopySources compare sentences sharing most with s are read,
// which bounds the cost in large groups.
func (g *group) copiedWords(s *sentence, compare []*sentence) int {
	if len(compare) == 0 {
		return len(s.toks)
	}
	ordered := slices.Clone(compare)
	slices.SortStableFunc(ordered, func(a, b *sentence) int {
		oa, ob := overlap(s.terms, a.terms, g.w), overlap(s.terms, b.terms, g.w)
		switch {
		case oa > ob:
			return -1
		case oa < ob:
			return 1
		}
		return a.g - b.g
	})
	ordered = ordered[:min(len(ordered), maxCopySources)]
	slices.SortFunc(ordered, func(a, b *sentence) int { return a.g - b.g })
	var all []int32
	for _, c := range ordered {
		all = append(all, c.words...)
	}
	return len(lcsPairs(s.words, all))
}

// maxCopySources bounds the sentences copiedWords reads.
const maxCopySources = 3

// sharedWithOthers reports whether some other member states s's fact.
func (g *group) sharedWithOthers(s *sentence) bool {
	return len(g.links[s.g]) > 0
}

// attributionStems are report verbs (Bergler 1992; Recasens et al. 2013
// "report verbs") that mark a sentence as attributed reporting.
var attributionStems = map[string]bool{
	"said": true, "sai": true, "say": true, "told": true, "tell": true, "accord": true,
	"report": true, "confirm": true, "announc": true, "state": true, "note": true,
	"explain": true, "ad": true, "warn": true, "acknowledg": true, "wrote": true,
	"write": true, "tweet": true, "post": true, "cite": true, "quot": true, "describ": true,
	"call": true, "declar": true, "testifi": true, "disclos": true, "reveal": true,
}

func hasAttribution(toks []similarity.Token) bool {
	for _, t := range toks {
		if attributionStems[t.Text] || attributionStems[term(t.Text)] {
			return true
		}
	}
	return false
}

// addedWhy tells new reporting from new commentary in a sentence no other
// member has.
func (g *group) addedWhy(doc *document, s *sentence, editorial bool) string {
	for _, q := range doc.quotes {
		if q.inner.start >= s.start && q.inner.end <= s.end {
			if n := len(tokens(doc.art.Text, q.inner.start, q.inner.end)); n >= g.opt.MinQuoteWords {
				return "new reporting: a quotation no other member has"
			}
		}
	}
	outside := outsideQuotes(s.toks, doc.quotes)
	switch {
	case hasAttribution(outside):
		return "new reporting: an attributed statement no other member has"
	case editorial:
		return "new commentary: unattributed, with editorial cues"
	}
	return "new background: unattributed, no editorial cues"
}

// refQuote is a tracked quotation of the reference.
type refQuote struct {
	doc   int
	q     quote
	text  string
	toks  []similarity.Token
	terms []int32
	w     float64
}

// refQuotes returns the reference's quotations of at least MinQuoteWords
// words: the source's, or those inside consensus sentences.
func (g *group) refQuotes(r *refModel) []refQuote {
	var out []refQuote
	seen := map[[2]int]bool{}
	add := func(d int, q quote) {
		key := [2]int{d, q.inner.start}
		if seen[key] {
			return
		}
		seen[key] = true
		doc := g.docs[d]
		toks := tokens(doc.art.Text, q.inner.start, q.inner.end)
		if len(toks) < g.opt.MinQuoteWords {
			return
		}
		rq := refQuote{doc: d, q: q, text: doc.art.Text[q.inner.start:q.inner.end], toks: toks}
		rq.terms = g.termIDs(toks)
		rq.w = mass(rq.terms, g.w)
		out = append(out, rq)
	}
	for _, x := range r.sents {
		s := g.sents[x]
		for _, q := range g.docs[s.doc].quotes {
			if q.inner.start < s.end && q.inner.end > s.start {
				add(s.doc, q)
			}
		}
	}
	return out
}

// termIDs returns the sorted unique group term ids of toks.
func (g *group) termIDs(toks []similarity.Token) []int32 {
	return g.v.lookup(toks)
}

// matchQuote finds reference quotation q in document doc: verbatim when
// its words appear there in order and unbroken; altered when a quotation
// of doc shares most of its content words (weighted Dice at least 0.5, or
// the smaller contained to 0.6 with two shared words); else dropped.
func (g *group) matchQuote(doc *document, q refQuote) (kind string, start, end int, why string) {
	if q.doc >= 0 && g.docs[q.doc] == doc {
		return SpanQuoteVerbatim, q.q.inner.start, q.q.inner.end, "the reference quotation is this member's own"
	}
	var all []similarity.Token
	for _, s := range doc.sents {
		all = append(all, s.toks...)
	}
	if i := indexTokens(all, q.toks); i >= 0 {
		return SpanQuoteVerbatim, all[i].Start, all[i+len(q.toks)-1].End, "kept verbatim: “" + q.text + "”"
	}
	best, bestScore := -1, 0.0
	for i, mq := range doc.quotes {
		terms := g.termIDs(tokens(doc.art.Text, mq.inner.start, mq.inner.end))
		mw := mass(terms, g.w)
		shared := overlap(terms, q.terms, g.w)
		n := similarity.Intersection(terms, q.terms)
		if mw+q.w == 0 {
			continue
		}
		dice := 2 * shared / (mw + q.w)
		cont := shared / max(min(mw, q.w), 1e-9)
		if (dice >= 0.5 || (cont >= 0.6 && n >= 2)) && dice > bestScore {
			best, bestScore = i, dice
		}
	}
	if best < 0 {
		return "", 0, 0, ""
	}
	mq := doc.quotes[best]
	return SpanQuoteAltered, mq.inner.start, mq.inner.end,
		fmt.Sprintf("altered (%.0f%% of content words shared); the reference has “%s”", 100*bestScore, q.text)
}

// indexTokens returns the index of the first run of hay whose normalized
// words equal needle's, or -1.
func indexTokens(hay, needle []similarity.Token) int {
	if len(needle) == 0 {
		return -1
	}
outer:
	for i := 0; i+len(needle) <= len(hay); i++ {
		for j := range needle {
			if hay[i+j].Text != needle[j].Text {
				continue outer
			}
		}
		return i
	}
	return -1
}

// outsideQuotes returns the tokens of toks that no quotation covers.
func outsideQuotes(toks []similarity.Token, qs []quote) []similarity.Token {
	var out []similarity.Token
	for _, t := range toks {
		if !inQuote(t.Start, qs) {
			out = append(out, t)
		}
	}
	return out
}

func inQuote(pos int, qs []quote) bool {
	for _, q := range qs {
		if pos >= q.outer.start && pos < q.outer.end {
			return true
		}
	}
	return false
}

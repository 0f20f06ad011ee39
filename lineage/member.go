package lineage

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/wirediff/wirediff/editorial"
	"github.com/wirediff/wirediff/internal/term"
	"github.com/wirediff/wirediff/layout"
	"github.com/wirediff/wirediff/similarity"
)

// member compares document d with the reference.
func (g *group) member(d int, r *refModel, ref *Reference) Member {
	doc := g.docs[d]
	a := doc.art
	m := Member{ID: a.ID, Outlet: a.Outlet, Published: formatTime(a.Published), URL: a.URL,
		Words: doc.words, text: a.Text, Dropped: []Dropped{}, Spans: []Span{}, Sentences: []editorial.Sentence{}}
	m.Title, m.TitleDerived = a.ShownTitle()
	if w := g.copyOf(d, r); w != d {
		m.CopyOf = g.docs[w].art.ID
	}

	// The reference's quotations the member carries, verbatim or
	// altered, and the reference sentences holding each: a sentence of
	// the member that holds one states that fact, though worded
	// otherwise around it ("\"Freedom means freedom for everyone,\" she
	// continued." for "… Mary Cheney wrote. \"Freedom means freedom for
	// everyone.\"").
	quotes := g.refQuotes(r)
	matches := make([]quoteMatch, len(quotes))
	byQuote := map[int][]int{} // member sentence → reference sentences
	for i, q := range quotes {
		mt := &matches[i]
		mt.kind, mt.start, mt.end, mt.why = g.matchQuote(doc, q)
		if mt.kind == "" {
			continue
		}
		for ri, x := range r.sents {
			rs := g.sents[x]
			for _, p := range q.places {
				if rs.doc == p.doc && rs.start < p.span.end && p.span.start < rs.end {
					mt.refs = append(mt.refs, ri)
				}
			}
		}
		// Only a sentence that holds the whole quotation: a run
		// matched across sentences is no one sentence's fact.
		for _, s := range doc.sents {
			if s.start <= mt.start && mt.end <= s.end {
				byQuote[s.g] = append(byQuote[s.g], mt.refs...)
			}
		}
	}

	carried := make([]bool, len(r.sents))
	kept, verbatim := 0, 0
	var cuts []insertion
	loadedWords, commentary, ownWords := 0, 0, 0
	for _, s := range doc.sents {
		refs := r.of[s.g]
		if len(refs) == 0 && len(byQuote[s.g]) > 0 {
			refs = slices.Compact(slices.Sorted(slices.Values(byQuote[s.g])))
		}
		for _, ri := range refs {
			carried[ri] = true
		}
		ins, cut := g.clauses(s, refs, r)
		cuts = append(cuts, cut...)
		var compare []*sentence
		if len(refs) > 0 {
			kept += len(s.toks)
			compare = g.compareSet(d, s, refs, r)
			verbatim += g.copiedWords(s, compare, ins)
		}
		ed := g.editorial(doc, s, len(refs) > 0, compare)
		m.Sentences = append(m.Sentences, ed.sent)
		if ed.sent.Unscored != "" {
			m.Unscored++
		}
		ownWords += ed.ownWords
		if ed.commentary {
			commentary++
		}
		for _, c := range ed.cues {
			loadedWords += c.words
			m.Spans = append(m.Spans, g.span(d, SpanEditorial, c.start, c.end, c.why))
		}
		for _, x := range ins {
			kept -= x.words // added, not kept
			m.Spans = append(m.Spans, g.span(d, SpanAdded, x.start, x.end,
				fmt.Sprintf("%s added to a sentence that otherwise repeats %s's", plural(x.words, "word", "words"), g.docs[x.ref.doc].art.ID)))
		}
		if len(refs) == 0 {
			why := g.addedWhy(doc, s, ed)
			if others := g.sharedWith(d, s); len(others) > 0 {
				// Its words count as added too: the reference (a
				// consensus, or the source) does not hold the fact.
				why = fmt.Sprintf("not in the reference, though %s %s it too", nameSome(others), agree(len(others), "states", "state"))
			}
			m.Spans = append(m.Spans, g.span(d, SpanAdded, s.start, s.end, why))
		}
	}
	// A reference sentence whose quotation the member carries is kept,
	// even where the member's sentence around it states more (a quotation
	// is never split from the sentence holding it).
	for _, mt := range matches {
		switch mt.kind {
		case SpanQuoteVerbatim:
			m.Quotes.Verbatim++
		case SpanQuoteAltered:
			m.Quotes.Altered++
		default:
			m.Quotes.Dropped++
			continue
		}
		m.Spans = append(m.Spans, g.span(d, mt.kind, mt.start, mt.end, mt.why))
		for _, ri := range mt.refs {
			carried[ri] = true
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
	var left []insertion
	for _, x := range cuts {
		if len(r.of[x.ref.g]) > 0 && g.leavesOut(doc, x.ref, x) {
			left = append(left, x)
		}
	}
	for _, x := range mergeCuts(left) {
		ri := slices.Min(r.of[x.ref.g])
		from := g.docs[x.ref.doc].art
		dropped += x.words
		m.Dropped = append(m.Dropped, Dropped{Ref: ri, Text: from.Text[x.start:x.end], Clause: true, Member: from.ID, Start: x.start, End: x.end})
	}
	slices.SortStableFunc(m.Dropped, func(a, b Dropped) int { return a.Ref - b.Ref })
	m.KeptShare = share(kept, doc.words)
	if doc.words > 0 {
		// 100 − kept, rounded or not: the two add up to the whole.
		m.AddedShare = round4(1 - m.KeptShare)
	}
	m.DroppedShare = share(dropped, ref.Words)
	m.VerbatimShare = share(verbatim, doc.words)
	m.EditorialScore = editorial.Score(commentary, loadedWords, ownWords)

	for _, f := range a.Furniture {
		start, end := layout.Clamp(f.Start, f.End, len(a.Text))
		sp := layout.AppendTrimmed(nil, a.Text, start, end)
		if len(sp) == 0 {
			continue
		}
		m.Spans = append(m.Spans, g.span(d, SpanBoilerplate, sp[0].Start, sp[0].End, "site furniture or metadata, excluded from the shares"))
	}
	for _, f := range doc.furniture {
		m.Spans = append(m.Spans, g.span(d, SpanFurniture, f.start, f.end, f.why))
	}
	for _, r := range doc.repeats {
		m.Spans = append(m.Spans, g.span(d, SpanBoilerplate, r.start, r.end,
			fmt.Sprintf("copies of sentences this member repeats more than %d times (Options.MaxRepeats), excluded from the comparison and the shares", g.opt.MaxRepeats)))
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
// linked with, or, for the consensus, the sentences of the other texts
// (verbatim copies of d aside) that state the same facts.
func (g *group) compareSet(d int, s *sentence, refs []int, r *refModel) []*sentence {
	var out []*sentence
	wit, _ := g.witnesses()
	seen := map[int]bool{s.g: true}
	words := map[int]bool{} // the classes of same words already in out
	for _, ri := range refs {
		if r.srcDoc >= 0 {
			x := r.sents[ri]
			if !seen[x] {
				seen[x] = true
				out = append(out, g.sents[x])
			}
			continue
		}
		for _, x := range r.cluster[ri] {
			// Not d, nor a verbatim copy of d; a sentence of the same
			// words as one already in (a copy's) once.
			if !seen[x] && wit[g.sents[x].doc] != wit[d] && !words[g.class[x]] {
				seen[x] = true
				words[g.class[x]] = true
				out = append(out, g.sents[x])
			}
		}
	}
	return out
}

// copiedWords returns the number of words of s in the longest common
// subsequence of words with the compare sentences, read in order; s is
// copied whole when it is itself the reference sentence (compare empty).
// The words of ins, the runs s adds to its reference sentence, are added,
// not kept, and count as copied from none (another member's sentence may
// hold them). Only the maxCopySources compare sentences sharing most with
// s are read, which bounds the cost in large groups.
func (g *group) copiedWords(s *sentence, compare []*sentence, ins []insertion) int {
	if len(compare) == 0 {
		return len(s.toks)
	}
	words := s.words
	if len(ins) > 0 {
		words = slices.Clone(s.words)
		for i, t := range s.toks {
			for _, x := range ins {
				if x.start <= t.Start && t.End <= x.end {
					words[i] = -1 // no word's id
				}
			}
		}
	}
	type scored struct {
		s       *sentence
		overlap float64
	}
	by := make([]scored, len(compare))
	for i, c := range compare {
		by[i] = scored{c, overlap(s.terms, c.terms, g.w)}
	}
	slices.SortStableFunc(by, func(a, b scored) int {
		switch {
		case a.overlap > b.overlap:
			return -1
		case a.overlap < b.overlap:
			return 1
		}
		return a.s.g - b.s.g
	})
	ordered := make([]*sentence, 0, min(len(by), maxCopySources))
	for _, b := range by[:cap(ordered)] {
		ordered = append(ordered, b.s)
	}
	slices.SortFunc(ordered, func(a, b *sentence) int { return a.g - b.g })
	// Sentences of the same words give the same subsequence: in a group
	// of many copies, most pairs are met again and again.
	var key [1 + maxCopySources]int
	key[0] = g.class[s.g]
	for i := range maxCopySources {
		key[1+i] = -1
		if i < len(ordered) {
			key[1+i] = g.class[ordered[i].g]
		}
	}
	if n, ok := g.copied[key]; ok && len(ins) == 0 {
		return n
	}
	var all []int32
	for _, c := range ordered {
		all = append(all, c.words...)
	}
	n := lcsLen(words, all)
	if len(ins) > 0 {
		return n
	}
	if g.copied == nil {
		g.copied = map[[1 + maxCopySources]int]int{}
	}
	g.copied[key] = n
	return n
}

// quoteMatch is a reference quotation as a member carries it (see
// matchQuote): kind is "" when it does not; refs are the reference
// sentences holding it.
type quoteMatch struct {
	kind, why  string
	start, end int
	refs       []int
}

// maxCopySources bounds the sentences copiedWords reads.
const maxCopySources = 3

// sharedWith returns the IDs of the other texts than member d's that
// state s's fact, sorted: each text once, by its lowest member (verbatim
// copies are one text).
func (g *group) sharedWith(d int, s *sentence) []string {
	wit, _ := g.witnesses()
	var out []string
	for _, l := range g.links[s.g] {
		if w := wit[g.sents[l.to].doc]; w != wit[d] {
			out = append(out, g.docs[w].art.ID)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// nameSome names the first three of ids, and how many more there are:
// "a", "a and b", "a, b, c and 2 others".
func nameSome(ids []string) string {
	switch n := len(ids); {
	case n == 1:
		return ids[0]
	case n <= 3:
		return strings.Join(ids[:n-1], ", ") + " and " + ids[n-1]
	default:
		return strings.Join(ids[:3], ", ") + " and " + plural(n-3, "other", "others")
	}
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
		if attributionStems[t.Text] || attributionStems[term.Key(t.Text)] {
			return true
		}
	}
	return false
}

// addedWhy tells new reporting from new commentary in a sentence no other
// member has.
func (g *group) addedWhy(doc *document, s *sentence, ed editorialSentence) string {
	for _, qi := range doc.qx.overlapping(s.start, s.end) {
		if q := doc.quotes[qi]; q.inner.start >= s.start && q.inner.end <= s.end {
			if n := len(tokens(doc.art.Text, q.inner.start, q.inner.end)); n >= g.opt.MinQuoteWords {
				return "new reporting: a quotation no other member has"
			}
		}
	}
	// The detector's kind says whether the sentence attributes what it
	// states ("State Department" is no verb of saying); a sentence it did
	// not read (another language) is judged by its verbs of saying.
	switch {
	case ed.sent.Kind == editorial.KindReporting || ed.sent.Kind == "" && hasAttribution(doc.outsideQuotes(s.toks)):
		return "new reporting: an attributed statement no other member has"
	case ed.commentary:
		return "new commentary: the outlet's own opinion"
	case len(ed.cues) > 0:
		return "new background: unattributed, with loaded wording"
	case ed.sent.Label == editorial.LabelEditorial:
		return fmt.Sprintf("new background: unattributed, read as editorial (p %.2f) without a loaded word", ed.sent.PEditorial)
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
	// places are the reference's quotations this one stands for: itself,
	// and those that quote it with words around it.
	places []quotePlace
}

// refQuotes returns the reference's quotations of at least MinQuoteWords
// words: the source's, or those inside consensus sentences, except those
// nothing closes. They are
// computed once per reference.
func (g *group) refQuotes(r *refModel) []refQuote {
	if r.quotesDone {
		return r.quotes
	}
	r.quotes, r.quotesDone = g.findRefQuotes(r), true
	return r.quotes
}

func (g *group) findRefQuotes(r *refModel) []refQuote {
	var out []refQuote
	seen := map[[2]int]bool{}
	add := func(d int, q quote) {
		key := [2]int{d, q.inner.start}
		if seen[key] || q.unclosed {
			// A quotation nothing closes may run far past what was
			// quoted (a stray mark): it is not tracked word for word.
			return
		}
		seen[key] = true
		doc := g.docs[d]
		toks := tokens(doc.art.Text, q.inner.start, q.inner.end)
		if len(toks) < g.opt.MinQuoteWords {
			return
		}
		// The words quoted, without the spaces French and other styles set
		// inside the marks (« C'est … »).
		rq := refQuote{doc: d, q: q, text: strings.TrimSpace(doc.art.Text[q.inner.start:q.inner.end]), toks: toks}
		rq.terms = g.termIDs(toks)
		rq.w = mass(rq.terms, g.w)
		out = append(out, rq)
	}
	for _, x := range r.sents {
		s := g.sents[x]
		doc := g.docs[s.doc]
		for _, qi := range doc.qx.overlapping(s.start, s.end) {
			if q := doc.quotes[qi]; q.inner.start < s.end && q.inner.end > s.start {
				add(s.doc, q)
			}
		}
	}
	// Two facts of a consensus may quote one quotation, one of them
	// trimming it ("We feel the Russian position is really being heard"
	// and "the Russian position is really being heard"): it is tracked
	// once, in its shorter form, so that a member quoting either keeps it
	// verbatim once instead of keeping one form and altering the other.
	// The reference sentences holding either form are carried by a member
	// that carries it.
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return len(out[a].toks) - len(out[b].toks) })
	var kept []int
	for _, i := range order {
		q := &out[i]
		k := slices.IndexFunc(kept, func(k int) bool { return runOf(out[k].toks, q.toks) })
		if k < 0 {
			q.places = append(q.places, quotePlace{q.doc, q.q.inner})
			kept = append(kept, i)
			continue
		}
		o := &out[kept[k]]
		o.places = append(o.places, quotePlace{q.doc, q.q.inner})
	}
	slices.Sort(kept)
	tracked := make([]refQuote, len(kept))
	for j, i := range kept {
		tracked[j] = out[i]
	}
	return tracked
}

// quotePlace is where a reference quotation stands: its member and the
// quotation's span there.
type quotePlace struct {
	doc  int
	span span
}

// runOf reports whether the words of needle appear in hay in order and
// unbroken.
func runOf(needle, hay []similarity.Token) bool {
outer:
	for i := 0; i+len(needle) <= len(hay); i++ {
		for j, t := range needle {
			if hay[i+j].Text != t.Text {
				continue outer
			}
		}
		return true
	}
	return false
}

// termIDs returns the sorted unique group term ids of toks.
func (g *group) termIDs(toks []similarity.Token) []int32 {
	return g.v.lookup(toks)
}

// matchQuote finds reference quotation q in document doc: verbatim when
// its words appear there in order and unbroken; altered when a quotation
// of doc shares most of its content words (weighted Dice at least
// alteredDice, or the smaller contained to alteredContained with two
// shared words); else dropped.
func (g *group) matchQuote(doc *document, q refQuote) (kind string, start, end int, why string) {
	if q.doc >= 0 && g.docs[q.doc] == doc {
		return SpanQuoteVerbatim, q.q.inner.start, q.q.inner.end, "the reference quotation is this member's own"
	}
	x := g.quoteMatcher(doc)
	if i := x.index(q.toks); i >= 0 {
		return SpanQuoteVerbatim, x.toks[i].Start, x.toks[i+len(q.toks)-1].End, "kept verbatim: “" + q.text + "”"
	}
	best, bestScore := -1, 0.0
	for _, i := range x.candidates(q.terms, g.w) {
		terms, mw := x.terms[i], x.mass[i]
		shared, n := overlapCount(terms, q.terms, g.w)
		if mw+q.w == 0 {
			continue
		}
		dice := 2 * shared / (mw + q.w)
		cont := shared / max(min(mw, q.w), 1e-9)
		if (dice >= alteredDice || (cont >= alteredContained && n >= 2)) && dice > bestScore {
			best, bestScore = i, dice
		}
	}
	if best < 0 {
		return "", 0, 0, ""
	}
	mq := x.units[best]
	return SpanQuoteAltered, mq.start, mq.end,
		fmt.Sprintf("altered (%.0f%% of content words shared); the reference has “%s”", 100*bestScore, q.text)
}

// The thresholds of an altered quotation: either needs the shared terms
// to weigh at least half the lighter quotation's weight.
const (
	alteredDice      = 0.5
	alteredContained = 0.6
)

// quoteMatcher is what matchQuote looks reference quotations up in, for
// one document: its words in reading order, where each word occurs, and
// the terms of its quotations with their postings.
type quoteMatcher struct {
	toks []similarity.Token
	at   map[string][]int32 // word → indices into toks
	// units are the document's quotations, and the sentences of one
	// that runs over several each on its own ("We believe now is the
	// time. But both sides have to be practical," holds an altered
	// "But both parties need to be practical"); terms and mass are per
	// unit.
	units []span
	terms [][]int32
	mass  []float64
	// postings of every term of a quotation, and of its probe terms only
	// (see [probeLen]).
	all, probe map[int32][]int32
	seen       []bool
}

// quoteMatcher returns doc's quoteMatcher, made on first use.
func (g *group) quoteMatcher(doc *document) *quoteMatcher {
	if doc.qm != nil {
		return doc.qm
	}
	x := &quoteMatcher{at: make(map[string][]int32), all: make(map[int32][]int32), probe: make(map[int32][]int32)}
	for _, s := range doc.sents {
		x.toks = append(x.toks, s.toks...)
	}
	for i, t := range x.toks {
		x.at[t.Text] = append(x.at[t.Text], int32(i))
	}
	var probe []int32
	for _, mq := range doc.quotes {
		if doc.leftOut(mq.outer) {
			continue
		}
		x.units = append(x.units, mq.inner)
		if parts := quoteSentences(doc, mq.inner); len(parts) > 1 {
			x.units = append(x.units, parts...)
		}
	}
	for i, u := range x.units {
		terms := g.termIDs(tokens(doc.art.Text, u.start, u.end))
		x.terms = append(x.terms, terms)
		x.mass = append(x.mass, mass(terms, g.w))
		for _, id := range terms {
			x.all[id] = append(x.all[id], int32(i))
		}
		probe = rarestFirst(probe, terms, g.w)
		for _, id := range probe[:probeLen(probe, g.w, alteredDice)] {
			x.probe[id] = append(x.probe[id], int32(i))
		}
	}
	x.seen = make([]bool, len(x.units))
	doc.qm = x
	return x
}

// quoteSentences returns the parts of a quotation's inner span that lie in
// each of doc's sentences it runs over, in order.
func quoteSentences(doc *document, inner span) []span {
	var out []span
	for _, s := range doc.sents {
		if s.end <= inner.start || s.start >= inner.end {
			continue
		}
		if p := (span{max(s.start, inner.start), min(s.end, inner.end)}); len(tokens(doc.art.Text, p.start, p.end)) > 0 {
			out = append(out, p)
		}
	}
	return out
}

// index returns the index of the first run of toks whose normalized words
// equal needle's, or -1. Only the places of needle's rarest word are tried.
func (x *quoteMatcher) index(needle []similarity.Token) int {
	if len(needle) == 0 {
		return -1
	}
	k := 0
	for i, t := range needle {
		if len(x.at[t.Text]) < len(x.at[needle[k].Text]) {
			k = i
		}
	}
outer:
	for _, p := range x.at[needle[k].Text] {
		i := int(p) - k
		if i < 0 || i+len(needle) > len(x.toks) {
			continue
		}
		for j := range needle {
			if x.toks[i+j].Text != needle[j].Text {
				continue outer
			}
		}
		return i
	}
	return -1
}

// candidates returns, in increasing order, the quotations that may be an
// altered form of a quotation with the given terms: those whose shared
// terms can weigh half the lighter one's weight. When the reference
// quotation is the lighter, they hold one of its probe terms; when the
// document's quotation is, one of its own probe terms is among terms.
func (x *quoteMatcher) candidates(terms []int32, w []float64) []int {
	var out []int
	add := func(list []int32) {
		for _, i := range list {
			if !x.seen[i] {
				x.seen[i] = true
				out = append(out, int(i))
			}
		}
	}
	probe := rarestFirst(nil, terms, w)
	for _, id := range probe[:probeLen(probe, w, alteredDice)] {
		add(x.all[id])
	}
	for _, id := range terms {
		add(x.probe[id])
	}
	for _, i := range out {
		x.seen[i] = false
	}
	slices.Sort(out)
	return out
}

// leftOut reports whether sp lies inside text left out of the comparison
// as repeated copies (Options.MaxRepeats).
func (d *document) leftOut(sp span) bool {
	i := sort.Search(len(d.repeats), func(i int) bool { return d.repeats[i].end >= sp.end })
	return i < len(d.repeats) && d.repeats[i].start <= sp.start
}

// outsideQuotes returns the tokens of toks that no quotation of d covers.
func (d *document) outsideQuotes(toks []similarity.Token) []similarity.Token {
	var out []similarity.Token
	for _, t := range toks {
		if !d.inQuote(t.Start) {
			out = append(out, t)
		}
	}
	return out
}

// inQuote reports whether a quotation of d covers byte pos.
func (d *document) inQuote(pos int) bool {
	return d.qx.covers(pos)
}

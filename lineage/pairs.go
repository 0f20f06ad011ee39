package lineage

import "sort"

// pairWords holds, for every ordered pair of members, the word counts that
// reference inference reads again and again (contained, covered, copies,
// copiedFrom). They are computed from the links in one pass over each
// member's sentences, so inference over n members makes n² lookups instead
// of n² passes over the sentences and their links.
type pairWords struct {
	n int
	// linked[d*n+o] is the words of member d in sentences linked with a
	// sentence of member o.
	linked []int32
	// shared[o*n+d] is the words of member o in sentences that d, or a
	// member other than o and its verbatim copies, states too (the
	// denominator of covered).
	shared []int32
	// copied[o] is copiedFrom(o, ·), filled on first use.
	copied [][]int
}

// pairs returns the group's pairWords, computing them on first use.
func (g *group) pairs() *pairWords {
	if g.pw != nil {
		return g.pw
	}
	n := len(g.docs)
	p := &pairWords{n: n, linked: make([]int32, n*n), shared: make([]int32, n*n), copied: make([][]int, n)}
	g.pw = p
	// The members each sentence is linked with, once each, in link order:
	// those of sentence i are flat[at[i]:at[i+1]], counted first so that
	// one array of the exact size holds them (a large group of copies
	// links each sentence with most members).
	stamp := make([]int, n)
	eachLinked := func(i int, fn func(x int)) {
		for _, l := range g.links[i] {
			if x := g.sents[l.to].doc; stamp[x] != i {
				stamp[x] = i
				fn(x)
			}
		}
	}
	resetStamp := func() {
		for k := range stamp {
			stamp[k] = -1
		}
	}
	resetStamp()
	at := make([]int, len(g.sents)+1)
	for i := range g.sents {
		at[i+1] = at[i]
		eachLinked(i, func(int) { at[i+1]++ })
	}
	resetStamp()
	flat := make([]int32, at[len(g.sents)])
	for i, s := range g.sents {
		k := at[i]
		eachLinked(i, func(x int) {
			flat[k] = int32(x)
			k++
			p.linked[s.doc*n+x] += int32(len(s.toks))
		})
	}
	linkedDocs := func(i int) []int32 { return flat[at[i]:at[i+1]] }
	// A sentence of o linked with a member that is not a verbatim copy of o
	// (o itself included) counts for every d; one linked only with copies
	// of o counts for those copies alone.
	for o, doc := range g.docs {
		row := p.shared[o*n : (o+1)*n]
		always := int32(0)
		for _, s := range doc.sents {
			ds := linkedDocs(s.g)
			other := false
			for _, x := range ds {
				if !g.copies(int(x), o) {
					other = true
					break
				}
			}
			if other {
				always += int32(len(s.toks))
				continue
			}
			for _, x := range ds {
				row[x] += int32(len(s.toks))
			}
		}
		for d := range row {
			row[d] += always
		}
	}
	return p
}

// contained returns the share of document d's words in sentences that some
// sentence of document o states too.
func (g *group) contained(d, o int) float64 {
	if g.docs[d].words == 0 {
		return 0
	}
	p := g.pairs()
	return float64(p.linked[d*p.n+o]) / float64(g.docs[d].words)
}

// covered returns the share of document o's words that d states, of
// those in sentences that a member other than o and its verbatim copies
// states too: what o kept of the story, not what it added.
func (g *group) covered(o, d int) float64 {
	p := g.pairs()
	shared := p.shared[o*p.n+d]
	if shared == 0 {
		return 0
	}
	return float64(p.linked[o*p.n+d]) / float64(shared)
}

// copies reports whether members a and b are verbatim copies of each
// other: every sentence of each (but copyContained of its words) states
// a fact of the other, and nearly all its words (copyVerbatim) are the
// other's, in the other's order; see also addsTo. Two short reports
// stating one fact in their own words are not copies; a copy that adds
// "the official said" to a sentence is.
func (g *group) copies(a, b int) bool {
	return a != b && g.contained(a, b) >= copyContained && g.contained(b, a) >= copyContained &&
		g.verbatim(a, b) >= copyVerbatim && g.verbatim(b, a) >= copyVerbatim
}

// copyVerbatim is the share of each other's words two verbatim copies
// hold in common subsequences of their sentences. Over the 1,475 rewrite
// groups of ECB+, BASIL and NeuS dev, the pairs that state each other's
// facts hold 0.3 to 0.8 of each other's words when one rewrites the other
// (a lede in the active voice against one in the passive: 0.87) and 0.93
// or more when a copy changes its headline or time stamp.
const copyVerbatim = 0.9

// verbatim returns the share of member d's words that are in the common
// subsequences of its sentences with those of member o they are linked
// with.
func (g *group) verbatim(d, o int) float64 {
	if g.docs[d].words == 0 {
		return 0
	}
	return float64(g.copiedFrom(d, o)) / float64(g.docs[d].words)
}

// addsTo reports whether member a adds a run of words to a sentence it
// copies from member b (see insertedRuns): an edit that keeps every fact of b
// and adds a clause ("… remains uncertain, a sign of how reckless the
// effort is") to one of them is no verbatim copy.
func (g *group) addsTo(a, b int) bool {
	for _, s := range g.docs[a].sents {
		// s's links are sorted by the sentence linked, and the group's
		// sentences by member: those with b are one run.
		ls := g.links[s.g]
		lo := sort.Search(len(ls), func(k int) bool { return g.sents[ls[k].to].doc >= b })
		hi := lo
		for hi < len(ls) && g.sents[ls[hi].to].doc == b {
			hi++
		}
		if lo == hi {
			continue
		}
		best, bestShared := g.sents[ls[lo].to], -1.0
		for k := lo; hi-lo > 1 && k < hi; k++ { // the closest, as clauses takes it
			x := g.sents[ls[k].to]
			if sh := overlap(s.terms, x.terms, g.w); sh > bestShared {
				best, bestShared = x, sh
			}
		}
		if g.inserts(s, best) {
			return true
		}
	}
	return false
}

// witnesses returns, for each member, the index of the verbatim-copy
// class it belongs to (members that are verbatim copies of one another,
// transitively; its lowest member's index), and the number of classes:
// the distinct texts of the group, the members with no words to compare
// (a headline alone) left out unless every member is one. A consensus counts a text republished
// word for word once, so that a copy added to a group leaves the others'
// reference as it was.
func (g *group) witnesses() ([]int, int) {
	if g.wit != nil {
		return g.wit, g.nwit
	}
	n := len(g.docs)
	wit := make([]int, n)
	for d := range wit {
		wit[d] = d
	}
	find := func(d int) int {
		for wit[d] != d {
			wit[d] = wit[wit[d]]
			d = wit[d]
		}
		return d
	}
	for a := range n {
		for b := a + 1; b < n; b++ {
			if ra, rb := find(a), find(b); ra != rb && g.copies(a, b) && !g.addsTo(a, b) && !g.addsTo(b, a) {
				wit[max(ra, rb)] = min(ra, rb)
			}
		}
	}
	classes, empty := 0, 0
	for d := range wit {
		wit[d] = find(d)
		if wit[d] == d {
			classes++
			if g.docs[d].words == 0 {
				empty++ // no copy of another either
			}
		}
	}
	if empty < classes {
		classes -= empty // a member with no words to compare is no text
	}
	g.wit, g.nwit = wit, classes
	return wit, classes
}

// copiedFrom returns the words of member o in the longest common
// subsequence of each of its sentences with the sentences of member d it
// is linked with.
func (g *group) copiedFrom(o, d int) int {
	p := g.pairs()
	if p.copied[o] == nil {
		row := make([]int, p.n)
		cmp := make([][]*sentence, p.n)
		var ds []int
		for _, s := range g.docs[o].sents {
			ds = ds[:0]
			for _, l := range g.links[s.g] {
				x := g.sents[l.to]
				if len(cmp[x.doc]) == 0 {
					ds = append(ds, x.doc)
				}
				cmp[x.doc] = append(cmp[x.doc], x)
			}
			for _, x := range ds {
				row[x] += g.copiedWords(s, cmp[x], nil)
				cmp[x] = cmp[x][:0]
			}
		}
		p.copied[o] = row
	}
	return p.copied[o][d]
}

package lineage

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/wirediff/wirediff/outlet"
	"github.com/wirediff/wirediff/similarity"
)

// refModel is the reference as Analyze uses it: reference sentences, each
// with the group's sentences that state the same fact (its cluster).
type refModel struct {
	kind     string
	srcDoc   int // the source document, -1 for the consensus
	orderDoc int // the consensus: the member whose reading order it follows
	inferred bool
	why      string
	evidence []Evidence
	sents    []int   // group sentence indices, in reading order
	cluster  [][]int // per reference sentence: group sentences stating it, itself included
	of       map[int][]int

	quotes     []refQuote // made by refQuotes
	quotesDone bool
}

// index builds of: for every group sentence, the reference sentences whose
// cluster it is in.
func (r *refModel) index() {
	r.of = make(map[int][]int)
	for ri, c := range r.cluster {
		for _, g := range c {
			r.of[g] = append(r.of[g], ri)
		}
	}
}

func (g *group) reference() (*refModel, error) {
	if g.opt.Source != "" {
		for d, doc := range g.docs {
			if doc.art.ID == g.opt.Source {
				r := g.sourceRef(d)
				r.why = "given with --source"
				return r, nil
			}
		}
		return nil, fmt.Errorf("%w: %q", ErrUnknownSource, g.opt.Source)
	}
	d, evidence, why, err := g.inferSource()
	if err != nil {
		return nil, err
	}
	if d >= 0 {
		r := g.sourceRef(d)
		r.inferred, r.evidence, r.why = true, evidence, why
		return r, nil
	}
	if len(g.docs) == 2 {
		// A pair has no majority: each member is compared with the other.
		first := 0
		if a, b := g.docs[1].art.Published, g.docs[0].art.Published; !a.IsZero() && (b.IsZero() || a.Before(b)) {
			first = 1
		}
		if w0, w1 := g.docs[0].words, g.docs[1].words; (w0 == 0) != (w1 == 0) {
			// One has no words to compare: there is nothing to compare
			// the other with, only it with the other.
			first = 0
			if w0 == 0 {
				first = 1
			}
			r := g.sourceRef(first)
			r.kind, r.evidence = KindPair, evidence
			r.why = fmt.Sprintf("no member is the source (%s); of a pair, %s alone has words to compare, so %s is compared with it",
				why, g.docs[first].art.ID, g.docs[1-first].art.ID)
			return r, nil
		}
		r := g.sourceRef(first)
		r.kind, r.evidence = KindPair, evidence
		r.why = fmt.Sprintf("no member is the source (%s); a pair has no majority, so each is compared with the other: %s against %s, and %[3]s against %[2]s",
			why, g.docs[1-first].art.ID, g.docs[first].art.ID)
		return r, nil
	}
	// Members vote once per distinct text: verbatim copies are one.
	_, n := g.witnesses()
	majority := n/2 + 1
	of, members, two := fmt.Sprintf("%d of %d", majority, n), "members", "two or more members"
	withWords := len(g.docs) - len(g.wordless())
	if n < withWords {
		of = fmt.Sprintf("%d of %d; verbatim copies count once", majority, n)
		members, two = "the group's distinct texts", "two or more distinct texts"
	}
	if 0 < withWords && withWords < len(g.docs) {
		of += "; members with no words to compare aside"
	}
	r := g.consensus(majority, false)
	r.evidence = evidence
	switch {
	case len(r.sents) > 0:
		r.why = fmt.Sprintf("no member is the source (%s); the reference is the %s that a majority (%s) of %s carry, in the order of %s",
			why, plural(len(r.sents), "fact", "distinct facts"), of, members, g.docs[r.orderDoc].art.ID)
		return r, nil
	case majority > 2:
		// No fact has a majority: the facts two or more members share
		// are what the group has in common.
		if shared := g.consensus(2, false); len(shared.sents) > 0 {
			shared.evidence = evidence
			shared.why = fmt.Sprintf("no member is the source (%s), and no fact is carried by a majority (%s) of %s; the reference is the %s that %s carry, in the order of %s",
				why, of, members, plural(len(shared.sents), "fact", "distinct facts"), two, g.docs[shared.orderDoc].art.ID)
			return shared, nil
		}
	}
	// The least support tried: two texts, or a majority of three.
	least := two
	if majority <= 2 {
		least = fmt.Sprintf("a majority (%s) of %s", of, members)
	}
	// No fact is shared in the same words: the facts two or more members
	// tell in other words (linked by the same-fact model alone) are what
	// the group has in common.
	if reworded := g.consensus(min(majority, 2), true); len(reworded.sents) > 0 {
		reworded.evidence = evidence
		reworded.why = fmt.Sprintf("no member is the source (%s), and no fact is carried in shared words by %s; the reference is the %s that %s tell in other words, in the order of %s",
			why, least, plural(len(reworded.sents), "fact", "distinct facts"), two, g.docs[reworded.orderDoc].art.ID)
		return reworded, nil
	}
	r.why = fmt.Sprintf("no member is the source (%s), and no fact is carried by %s, so the reference is empty: every member's words count as added",
		why, least)
	return r, nil
}

// sourceRef makes document d the reference.
func (g *group) sourceRef(d int) *refModel {
	r := &refModel{kind: KindSource, srcDoc: d}
	for _, s := range g.docs[d].sents {
		c := []int{s.g}
		for _, l := range g.links[s.g] {
			c = append(c, int(l.to))
		}
		slices.Sort(c)
		r.sents = append(r.sents, s.g)
		r.cluster = append(r.cluster, c)
	}
	r.index()
	return r
}

// containedSlack is how far below the most contained member the earliest
// may be and still count as the most contained: a verbatim copy of the
// source is contained in the others as much as the source itself.
const containedSlack = 0.05

// copyContained is the share of each other's words above which two
// members are verbatim copies of each other.
const copyContained = 0.98

// inferSource looks for a member that is the source of the others. It
// is, in this order:
//
//   - the member that others credit by name ("the New York Times
//     reports", "told Reuters", "according to Axios"; see [Credit]),
//     published no later than they are: credited by the most members, then
//     the earliest;
//   - none, when every member credits one outside report, not in the
//     group (an upstream source);
//   - the strictly earliest published, if it is the most contained in the
//     others (within containedSlack; mean share at least
//     SourceMinContained), states what they kept (SourceMinCovers), is
//     clearly their source and quotes no less than they do (see
//     notSourceOf), and lacks no sentence that two independent others
//     copy (see unsourced);
//   - with no publication time at all, the member nearest in wording to a
//     strict majority of the others (see nearestOfMost); else the member
//     that wins every head-to-head contest of wording (see headToHead);
//     else the member whose worst contest is the closest, if it also
//     states the others' words strictly best (Covers); in each case only
//     if it is clearly their source and quotes no less than they do.
//
// It returns -1 when there is none, with the evidence and the reason.
func (g *group) inferSource() (int, []Evidence, string, error) {
	t, err := outlets()
	if err != nil {
		return -1, nil, "", err
	}
	n := len(g.docs)
	ev := make([]Evidence, n)
	credits := make([][]Credit, n)
	for d, doc := range g.docs {
		// Covers is taken over the others that are not verbatim copies of
		// d: a copy says nothing of whether d is the source of the rest;
		// both over the others with words to compare (a headline alone,
		// a text-less feed item says nothing of it either).
		sum, others, cover, distinct := 0.0, 0, 0.0, 0
		for o := range g.docs {
			if o == d || g.docs[o].words == 0 {
				continue
			}
			sum += g.contained(d, o)
			others++
			if !g.copies(d, o) {
				cover += g.covered(o, d)
				distinct++
			}
		}
		if distinct == 0 {
			cover, distinct = 1, 1 // all the others are copies of d
		}
		credits[d] = g.findCredits(d, t)
		ev[d] = Evidence{
			ID:        doc.art.ID,
			Outlet:    doc.art.Outlet,
			Published: formatTime(doc.art.Published),
			Contained: round4(sum / float64(max(others, 1))),
			Covers:    round4(cover / float64(distinct)),
			Credits:   credits[d],
		}
	}
	if d, why := g.creditedSource(credits); d >= 0 {
		return d, ev, why, nil
	}
	// Upstream reports: credited by every member and not one of them,
	// named as the outlet table lists them, or else as the first member
	// writes them.
	var upstream []string
	if n > 0 {
	next:
		for _, c := range credits[0] {
			if c.Member != "" {
				continue
			}
			for d := 1; d < n; d++ {
				if !slices.ContainsFunc(credits[d], func(x Credit) bool { return x.Outlet == c.Outlet }) {
					continue next
				}
			}
			for _, doc := range g.docs {
				// A member of that outlet, its field the credit's
				// name or running on from it, or the other way round.
				o := outlet.Normalize(doc.art.Outlet)
				if slices.Contains(doc.outlets, c.Outlet) || o != "" && (strings.HasPrefix(o+" ", c.Outlet+" ") || strings.HasPrefix(c.Outlet+" ", o+" ")) {
					continue next
				}
			}
			name := t.Name(c.Outlet)
			if name == "" {
				name = c.Name
			}
			upstream = append(upstream, name)
		}
	}
	// The source states what its rewrites kept of it: the earliest
	// published member (a verbatim copy covers as much as its original),
	// or, when no time is known, the member that covers the others best.
	// A member with no words to compare is the source of nothing.
	src := -1
	for d, doc := range g.docs {
		if doc.words > 0 && (src < 0 || earlier(doc.art.Published, g.docs[src].art.Published) ||
			doc.art.Published.Equal(g.docs[src].art.Published) && ev[d].Covers > ev[src].Covers) {
			src = d
		}
	}
	if src < 0 {
		return -1, ev, "no member has words to compare", nil
	}
	best := src
	for d := range ev {
		if ev[d].Covers > ev[best].Covers {
			best = d
		}
	}
	id := g.docs[src].art.ID
	undated := true
	for _, doc := range g.docs {
		undated = undated && doc.art.Published.IsZero()
	}
	runnerUp := -1 // the best coverer after src, its copies aside
	for d := range ev {
		if d != src && !g.copies(d, src) && (runnerUp < 0 || ev[d].Covers > ev[runnerUp].Covers) {
			runnerUp = d
		}
	}
	if undated {
		if d, votes, voters := g.nearestOfMost(); d >= 0 {
			if why := g.notSourceOf(d); why != "" {
				return -1, ev, "no member has a publication time; the nearest in wording of most members, " + why, nil
			}
			return d, ev, fmt.Sprintf("no member has a publication time; %s is the member whose words %d of the %d others copy the most (their nearest in wording, as rewrites are nearer their source than each other), states %.0f%% of the words the others share with another member, on average, and they carry %.0f%% of its words",
				g.docs[d].art.ID, votes, voters, 100*ev[d].Covers, 100*ev[d].Contained), nil
		}
	}
	if undated {
		if d, h := g.headToHead(); d >= 0 && (h.worst > 0 || d == src && (runnerUp < 0 || ev[d].Covers > ev[runnerUp].Covers)) {
			if why := g.notSourceOf(d); why != "" {
				return -1, ev, "no member has a publication time; the winner of the head-to-head contests of wording, " + why, nil
			}
			if h.worst > 0 {
				return d, ev, fmt.Sprintf("no member has a publication time; %s wins each of its %d head-to-head contests: against every other member, more of the rest copy its words than the other's (the closest, against %s, %d to %d), states %.0f%% of the words the others share with another member, on average, and they carry %.0f%% of its words",
					g.docs[d].art.ID, h.contests, g.docs[h.rival].art.ID, h.votes[0], h.votes[1], 100*ev[d].Covers, 100*ev[d].Contained), nil
			}
			return d, ev, fmt.Sprintf("no member has a publication time, and no member wins every head-to-head contest (whose words more of the rest copy); %s has the closest worst contest (against %s, %d to %d) and states best the words the others share with another member: %.0f%% on average, and they carry %.0f%% of its words",
				g.docs[d].art.ID, g.docs[h.rival].art.ID, h.votes[0], h.votes[1], 100*ev[d].Covers, 100*ev[d].Contained), nil
		}
	}
	cand := g.candidate(src)
	switch {
	case undated && runnerUp >= 0 && ev[src].Covers < ev[runnerUp].Covers+containedSlack:
		return -1, ev, fmt.Sprintf("no member has a publication time, and none covers the others clearly best (%s %.0f%%, %s %.0f%%)",
			id, 100*ev[src].Covers, g.docs[runnerUp].art.ID, 100*ev[runnerUp].Covers), nil
	case ev[src].Covers < g.opt.SourceMinCovers && len(upstream) > 0:
		v, limit := below(ev[src].Covers, g.opt.SourceMinCovers)
		return -1, ev, fmt.Sprintf("every member credits %s, which %s not in the group, and %s%s, states only %s%% of the words the others share with another member, on average (< %s%%; %s)",
			quoteList(upstream), agree(len(upstream), "is", "are"), cand, id, v, limit, g.mostCovers(src, best, ev)), nil
	case ev[src].Covers < g.opt.SourceMinCovers:
		v, limit := below(ev[src].Covers, g.opt.SourceMinCovers)
		return -1, ev, fmt.Sprintf("%s%s, states only %s%% of the words the others share with another member, on average (< %s%%; %s)",
			cand, id, v, limit, g.mostCovers(src, best, ev)), nil
	case ev[src].Contained < g.opt.SourceMinContained:
		v, limit := below(ev[src].Contained, g.opt.SourceMinContained)
		return -1, ev, fmt.Sprintf("%s%s, has only %s%% of its words carried by the others (< %s%%)",
			cand, id, v, limit), nil
	}
	if why := g.notSourceOf(src); why != "" {
		return -1, ev, cand + why, nil
	}
	if why := g.lacks(src); why != "" {
		return -1, ev, cand + why, nil
	}
	for d, doc := range g.docs {
		if d != src && doc.words > 0 && !g.copies(d, src) && !doc.art.Published.IsZero() && doc.art.Published.Equal(g.docs[src].art.Published) {
			return -1, ev, fmt.Sprintf("%s and %s share the earliest publication time", id, doc.art.ID), nil
		}
	}
	first := "was published first"
	if undated {
		first = "states the others' words best (no publication time is known)"
	}
	why := fmt.Sprintf("%s %s, states %.0f%% of the words the others share with another member, on average, and they carry %.0f%% of its words",
		id, first, 100*ev[src].Covers, 100*ev[src].Contained)
	if g.distinctTexts() == 2 {
		// Nothing tells a source and its rewrite from two rewrites of
		// a report the group lacks, the earlier one fuller.
		why += "; with two distinct texts only, both could also be rewrites of a report not in the group"
	}
	return src, ev, why, nil
}

// candidate names src, the member the source rules try, in a reason
// (before its ID): the earliest member, or the member that covers the
// others best, of those published first when two or more were (a date
// without a time of day), or of all when no member with words has a time.
func (g *group) candidate(src int) string {
	switch {
	case g.docs[src].art.Published.IsZero():
		return "the member that covers the others best (no publication time is known), "
	case slices.ContainsFunc(g.docs, func(doc *document) bool {
		return doc != g.docs[src] && doc.words > 0 && doc.art.Published.Equal(g.docs[src].art.Published)
	}):
		return "the member that covers the others best of those published first, "
	}
	return "the earliest member, "
}

// distinctTexts counts the members with words to compare, copies of one
// text counted once (nearCopies: a headline or a line of their own aside;
// each member against the first of those before it that it copies).
func (g *group) distinctTexts() int {
	var reps []int
	for d, doc := range g.docs {
		if doc.words > 0 && !slices.ContainsFunc(reps, func(r int) bool { return g.nearCopies(d, r) }) {
			reps = append(reps, d)
		}
	}
	return len(reps)
}

// below formats share v and the limit it falls short of as percentages
// with the fewest decimals (up to two) that keep them apart, so that 87.6%
// under 88% does not read "88% (< 88%)".
func below(v, limit float64) (string, string) {
	for d := 0; ; d++ {
		a, b := strconv.FormatFloat(100*v, 'f', d, 64), strconv.FormatFloat(100*limit, 'f', d, 64)
		if a != b || d == 2 {
			return a, b
		}
	}
}

// mostCovers says which member states the most of the words the others
// share with another member, best, when the earliest, src, states too
// little of them.
func (g *group) mostCovers(src, best int, ev []Evidence) string {
	if best == src {
		return "no member states more"
	}
	v := strconv.FormatFloat(100*ev[best].Covers, 'f', 0, 64)
	if c := ev[best].Covers; c < g.opt.SourceMinCovers {
		v, _ = below(c, g.opt.SourceMinCovers) // not "88%" beside "< 88%"
	}
	return fmt.Sprintf("%s states the most, %s%%", g.docs[best].art.ID, v)
}

// notSourceOf says why member d, the one its wording (and its time, if
// known) points to, is not the others' source: it is not clearly their
// source (see fidelity), or one of them quotes more of a quotation than d
// does (see outquoted). It returns "" when neither holds.
func (g *group) notSourceOf(d int) string {
	if fid, asym := g.fidelity(d); fid < g.opt.SourceMinFidelity && asym < g.opt.SourceMinAsymmetry {
		f, fl := below(fid, g.opt.SourceMinFidelity)
		a, al := below(math.Abs(asym), g.opt.SourceMinAsymmetry)
		than := "exceeds the share of its words they state by only " + a + " points"
		if a == "0" {
			than = "is about the share of its words they state"
		} else if asym < 0 {
			than = "is " + a + " points below the share of its words they state"
		}
		return fmt.Sprintf("%s, is not clearly the others' source: they copy %s%% of their words in the sentences they share with it (< %s%%), and the share of their words it states %s (a source's exceeds it by %s or more)",
			g.docs[d].art.ID, f, fl, than, al)
	}
	return g.outquoted(d)
}

// fidelity returns how clearly member c is the source of the others, as
// means over the others that are not verbatim copies of it: the share of
// their words in sentences stating a fact of c that follow c's words
// (see copiedFrom), and their containment asymmetry, the share of their
// words that c states less the share of c's words that they state. A
// rewrite copies its source's words but for the few it changes, and
// states the source's facts but not those it drops; two rewrites of one
// source each changed and dropped different ones. It returns 1, 1 when
// every other member is a copy of c or has no words to compare.
func (g *group) fidelity(c int) (fid, asym float64) {
	k := 0
	for o, doc := range g.docs {
		if o == c || doc.words == 0 || g.copies(o, c) {
			continue
		}
		linked := 0
		for _, s := range doc.sents {
			if slices.ContainsFunc(g.links[s.g], func(l link) bool { return g.sents[l.to].doc == c }) {
				linked += len(s.toks)
			}
		}
		if linked > 0 {
			fid += float64(g.copiedFrom(o, c)) / float64(linked)
		}
		asym += g.contained(o, c) - g.contained(c, o)
		k++
	}
	if k == 0 {
		return 1, 1
	}
	return fid / float64(k), asym / float64(k)
}

// outquoted says why member c is not the source of the others when one
// of them quotes more than c does (see quotesMore), else "".
func (g *group) outquoted(c int) string {
	for o := range g.docs {
		if o == c || g.copies(o, c) {
			continue
		}
		if q, extra := g.quotesMore(o, c); q != "" {
			return fmt.Sprintf("%s, is not the source of %s, which quotes %s: %d words more than %[1]s quotes of it (a rewrite cannot quote what its source left out)",
				g.docs[c].art.ID, g.docs[o].art.ID, q, extra)
		}
	}
	return ""
}

// quotesMore returns a quotation of member o, quotation marks included,
// that quotes more of a quotation of member c than c does, and how many
// words more: c's quotation (of MinQuoteWords words or more) is a run of
// its words, and it has at least MinQuoteWords words more. It returns ""
// when there is none. A rewrite keeps a quotation of its source, trims
// it or turns it into reported speech; it cannot quote the words that its
// source left out of it, so c is not o's source. (A rewrite may put
// between quotation marks words its source wrote unquoted, quoting the
// source itself; that says nothing.) A quotation left unclosed is no
// evidence either way: where it ends is a guess, and the guess ('"Words,”
// the release said, adding …' runs to the paragraph's end) takes in the
// writer's own words.
func (g *group) quotesMore(o, c int) (string, int) {
	doc, cd, m := g.docs[o], g.docs[c], g.opt.MinQuoteWords
	// c's distinct quotations of m words or more, by their first m words.
	byHead := map[string][][]similarity.Token{}
	seen := map[string]bool{}
	for _, r := range cd.quotes {
		if r.unclosed {
			continue
		}
		rt := tokens(cd.art.Text, r.inner.start, r.inner.end)
		if len(rt) < m {
			continue
		}
		if k := wordKey(rt); !seen[k] {
			seen[k] = true
			h := wordKey(rt[:m])
			byHead[h] = append(byHead[h], rt)
		}
	}
	if len(byHead) == 0 {
		return "", 0
	}
	for _, q := range doc.quotes {
		if q.unclosed {
			continue
		}
		qt := tokens(doc.art.Text, q.inner.start, q.inner.end)
		for i := 0; i+m <= len(qt) && len(qt) >= 2*m; i++ {
			for _, rt := range byHead[wordKey(qt[i:i+m])] {
				if len(qt)-len(rt) >= m && i+len(rt) <= len(qt) && sameWords(qt[i:i+len(rt)], rt) {
					return doc.art.Text[q.outer.start:q.outer.end], len(qt) - len(rt)
				}
			}
		}
	}
	return "", 0
}

// sameWords reports whether a and b are the same words.
func sameWords(a, b []similarity.Token) bool {
	return slices.EqualFunc(a, b, func(x, y similarity.Token) bool { return x.Text == y.Text })
}

// nearestOfMost returns the member that is the nearest in wording of a
// strict majority of the others, its verbatim copies aside and copies of
// one another counted once (votes of voters, at least two), or -1; -1
// too when that member has a verbatim copy in the group, as the vote
// counts copies as one and cannot tell which of them the others follow
// (headToHead, where each copy's margins are its own, decides). The nearest of member o is the member d whose linked
// sentences o's words follow most (longest common subsequence, see
// copiedWords, over all of o's words); a tie gives o none. Rewrites made
// from one source independently are each nearer the source than each
// other: the source's words are in each, while each dropped and reworded
// different ones.
func (g *group) nearestOfMost() (int, int, int) {
	n := len(g.docs)
	if n < 3 {
		return -1, 0, 0
	}
	nearest := make([]int, n)
	for o := range g.docs {
		nearest[o] = -1
		best := 0
		for d := range g.docs {
			if d == o || g.copies(d, o) {
				continue
			}
			c := g.copiedFrom(o, d)
			switch {
			case c > best:
				nearest[o], best = d, c
			case c == best && c > 0 && nearest[o] >= 0 && !g.copies(d, nearest[o]):
				nearest[o] = -1
			}
		}
	}
	for d := range g.docs {
		votes, voters := 0, 0
	next:
		for o := range g.docs {
			if o == d || g.copies(o, d) {
				continue
			}
			for p := range o {
				if p != d && g.copies(p, o) {
					continue next // verbatim copies vote once
				}
			}
			voters++
			if nearest[o] == d || nearest[o] >= 0 && g.copies(nearest[o], d) {
				votes++
			}
		}
		if voters >= 2 && 2*votes > voters {
			for c := range g.docs {
				if c != d && g.copies(c, d) {
					return -1, 0, 0
				}
			}
			return d, votes, voters
		}
	}
	return -1, 0, 0
}

// contest is a member's result in head-to-head contests (see
// headToHead): its worst margin (votes for it less votes for the rival),
// that contest's rival and votes, and the number of contests.
type contest struct {
	worst, rival, contests int
	votes                  [2]int
}

// headToHead returns the member that does best in head-to-head contests
// of wording, with its result, or -1. In the contest of members x and y,
// each other member votes for the one whose words it copies more (see
// copiedFrom), verbatim copies of one another voting once and none voting
// in a contest of copies. Rewrites made from one source independently are
// each nearer the source than each other, so the source wins every
// contest (a Condorcet winner: worst margin above 0). When the contests
// cycle, the member whose worst contest is the closest (the minimax rule
// of Simpson and Kramer) is returned, with a worst margin of 0 or less;
// -1 when two members tie for it (their copies aside) or the group has
// fewer than three members.
func (g *group) headToHead() (int, contest) {
	n := len(g.docs)
	if n < 3 {
		return -1, contest{}
	}
	cp := make([][]int, n)
	voter := make([]bool, n) // the first of each set of verbatim copies
	for o := range g.docs {
		cp[o] = make([]int, n)
		voter[o] = true
		for d := range g.docs {
			if d != o && !g.copies(d, o) {
				cp[o][d] = g.copiedFrom(o, d)
			}
			if d < o && g.copies(d, o) {
				voter[o] = false
			}
		}
	}
	best, tied := -1, false
	var res contest
	for x := range g.docs {
		c := contest{worst: math.MaxInt, rival: -1}
		for y := range g.docs {
			if y == x || g.copies(x, y) {
				continue
			}
			vx, vy := 0, 0
			for o := range g.docs {
				if !voter[o] || o == x || o == y || g.copies(o, x) || g.copies(o, y) {
					continue
				}
				switch {
				case cp[o][x] > cp[o][y]:
					vx++
				case cp[o][y] > cp[o][x]:
					vy++
				}
			}
			c.contests++
			if vx-vy < c.worst {
				c.worst, c.rival, c.votes = vx-vy, y, [2]int{vx, vy}
			}
		}
		switch {
		case c.rival < 0:
			continue
		case best < 0 || c.worst > res.worst:
			best, res, tied = x, c, false
		case c.worst == res.worst && !g.copies(x, best):
			tied = true
		}
	}
	if tied {
		return -1, contest{}
	}
	return best, res
}

// earlier reports whether a is known and before b, or b is unknown.
func earlier(a, b time.Time) bool {
	return !a.IsZero() && (b.IsZero() || a.Before(b))
}

// creditedSource returns the member that the others credit, and why: of
// the members credited by another published no earlier (or with a time
// unknown) and not a copy of it, the one credited by the most, then the
// earliest, then the first by ID. It returns -1 when no member is
// credited.
func (g *group) creditedSource(credits [][]Credit) (int, string) {
	byID := make(map[string]int, len(g.docs))
	for d, doc := range g.docs {
		byID[doc.art.ID] = d
	}
	votes := make([][]Credit, len(g.docs)) // per credited member, one credit per crediting member
	for d, cs := range credits {
		voted := map[int]bool{}
		for _, c := range cs {
			o, ok := byID[c.Member]
			if !ok || o == d || voted[o] {
				continue
			}
			if g.copies(d, o) || g.nearCopies(d, o) {
				// A copy's credit ("This article originally appeared
				// in …") names the text it copied, which the copy
				// already says; it is no sign that the text is the
				// others' source too.
				continue
			}
			to, from := g.docs[o].art.Published, g.docs[d].art.Published
			if !to.IsZero() && !from.IsZero() && to.After(from) {
				continue // a later article cannot be the source of an earlier one
			}
			voted[o] = true
			c.Member = g.docs[d].art.ID // the crediting member, for the reason
			votes[o] = append(votes[o], c)
		}
	}
	best := -1
	for d, v := range votes {
		if len(v) == 0 {
			continue
		}
		if best < 0 || len(v) > len(votes[best]) {
			best = d
			continue
		}
		if len(v) == len(votes[best]) {
			a, b := g.docs[d].art.Published, g.docs[best].art.Published
			if !a.IsZero() && (b.IsZero() || a.Before(b)) {
				best = d
			}
		}
	}
	if best < 0 {
		return -1, ""
	}
	var by []string
	for _, c := range votes[best] {
		by = append(by, fmt.Sprintf("%s writes “%s”", c.Member, nested.Replace(c.Text)))
	}
	a := g.docs[best].art
	return best, fmt.Sprintf("%s (%s) is credited by %s: %s", a.ID, orDash(a.Outlet), plural(len(votes[best]), "member", "members"), strings.Join(by, "; "))
}

// nested turns the double quotation marks of a text quoted in a reason
// into single ones, so that “…legislators,” not “…legislators.””, ends it.
var nested = strings.NewReplacer("“", "‘", "”", "’", `"`, "'")

// quoteList quotes names and joins them: "“a”", "“a” and “b”", "“a”,
// “b” and “c”".
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "“" + n + "”"
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// consensus builds the consensus reference: greedily, from the sentences
// carried by the most members, one sentence per fact carried by at least
// support distinct texts (see witnesses: a strict majority, or when no
// fact has one, two),
// skipping sentences that state a fact already chosen; then orders the
// facts by their mean relative position in the members.
//
// A fact's support counts the members linked to its sentence by the Dice
// threshold or the containment rule, not by the same-fact model alone:
// the model links a rewording of a fact, and a rewording that only it
// links is often the same fact as one already chosen in other words
// (links are not transitive). The model's links still put a member's
// sentence in a fact's cluster, so that the member keeps the fact.
//
// With reworded set, the model's links count as well: the last resort
// when no fact is carried in shared words.
func (g *group) consensus(support int, reworded bool) *refModel {
	type cand struct {
		g, support int
		strength   float64
	}
	var cands []cand
	wit, _ := g.witnesses()
	for _, s := range g.sents {
		texts := map[int]bool{wit[s.doc]: true}
		words := map[int]bool{} // the classes of same words linked
		strength := 0.0
		for _, l := range g.links[s.g] {
			x := g.sents[l.to]
			// Its own text in a copy adds nothing (see the comment of
			// consensus for the model's links); another text is
			// support, and the same words as a sentence already
			// counted (in another text or a copy of one) add no
			// strength.
			if l.model && !reworded || wit[x.doc] == wit[s.doc] {
				continue
			}
			texts[wit[x.doc]] = true
			if words[g.class[l.to]] {
				continue
			}
			words[g.class[l.to]] = true
			strength += l.dice
		}
		if len(texts) >= support {
			cands = append(cands, cand{s.g, len(texts), strength})
		}
	}
	slices.SortFunc(cands, func(a, b cand) int {
		switch {
		case a.support != b.support:
			return b.support - a.support
		case a.strength != b.strength:
			if a.strength > b.strength {
				return -1
			}
			return 1
		}
		return a.g - b.g // documents are sorted by ID, sentences in order
	})
	r := &refModel{kind: KindConsensus, srcDoc: -1}
	inChosen := make(map[int]bool)
	for _, c := range cands {
		if inChosen[c.g] {
			continue
		}
		// Skip a sentence most of whose same-fact sentences state a fact
		// already chosen: the pair fell just under the threshold.
		// Sentences of the same words (in copies) count once.
		dup, linked := 0, 0
		words := map[int]bool{}
		for _, l := range g.links[c.g] {
			if words[g.class[l.to]] {
				continue
			}
			words[g.class[l.to]] = true
			linked++
			if inChosen[int(l.to)] {
				dup++
			}
		}
		if 2*dup > linked {
			continue
		}
		cl := []int{c.g}
		for _, l := range g.links[c.g] {
			cl = append(cl, int(l.to))
		}
		slices.Sort(cl)
		r.sents = append(r.sents, c.g)
		r.cluster = append(r.cluster, cl)
		inChosen[c.g] = true
		for _, l := range g.links[c.g] {
			inChosen[int(l.to)] = true
		}
	}
	g.mergeNearFacts(r)
	return g.orderConsensus(r)
}

// mergeNearFacts merges the consensus facts whose sentences are near
// duplicates ([Options].nearFact): a consensus takes each fact from a
// different member's wording, and two facts that close are one fact told
// twice. The fact with the most support (chosen first) keeps its sentence
// and takes the other's cluster.
func (g *group) mergeNearFacts(r *refModel) {
	for i := 0; i < len(r.sents); i++ {
		for j := i + 1; j < len(r.sents); {
			a, b := g.sents[r.sents[i]], g.sents[r.sents[j]]
			shared, n := overlapCount(a.terms, b.terms, g.w)
			p := score(a, b, shared, n)
			if !g.opt.nearFact(a, b, p) {
				j++
				continue
			}
			cl := append(slices.Clone(r.cluster[i]), r.cluster[j]...)
			slices.Sort(cl)
			r.cluster[i] = slices.Compact(cl)
			r.sents = slices.Delete(r.sents, j, j+1)
			r.cluster = slices.Delete(r.cluster, j, j+1)
		}
	}
}

// orderConsensus puts the consensus facts in the reading order of one
// member, the one that carries the most of them (then the earliest
// published, then the first by ID), so that the consensus reads as that
// member's report: a quotation it splits over sentences stays in order. A
// fact it carries is worded as it words it, unless that sentence already
// words another fact; a fact it lacks is placed beside its neighbour in
// a member that carries it (see anchoredPos), or else at its mean
// relative position in the members that carry it.
func (g *group) orderConsensus(r *refModel) *refModel {
	wit, _ := g.witnesses()
	carries := make([]int, len(g.docs))
	for _, cl := range r.cluster {
		seen := map[int]bool{}
		for _, x := range cl {
			if d := g.sents[x].doc; !seen[d] {
				seen[d] = true
				carries[d]++
			}
		}
	}
	m := 0
	for d := range g.docs {
		switch a, b := g.docs[d].art.Published, g.docs[m].art.Published; {
		case carries[d] > carries[m]:
			m = d
		case carries[d] == carries[m] && !a.IsZero() && (b.IsZero() || a.Before(b)):
			m = d
		}
	}
	used := map[int]bool{}
	for _, x := range r.sents {
		used[x] = true
	}
	relPos := func(x int) float64 {
		s := g.sents[x]
		return (float64(s.idx) + 0.5) / float64(len(g.docs[s.doc].sents))
	}
	pos := make([]float64, len(r.sents))
	placed := make([]bool, len(r.sents))
	factOf := map[int]int{} // a sentence of a fact m carries -> the fact
	for i, cl := range r.cluster {
		own := -1
		for _, x := range cl {
			if g.sents[x].doc == m {
				own = x
				break
			}
		}
		if own < 0 {
			continue
		}
		if g.sents[r.sents[i]].doc != m && !used[own] {
			used[own] = true
			r.sents[i] = own
			// The sentences linked to the wording shown state the
			// fact as well.
			for _, l := range g.links[own] {
				cl = append(cl, int(l.to))
			}
			slices.Sort(cl)
			r.cluster[i] = slices.Compact(cl)
		}
		pos[i], placed[i] = relPos(own), true
		for _, x := range r.cluster[i] {
			if _, ok := factOf[x]; !ok {
				factOf[x] = i
			}
		}
	}
	for i, cl := range r.cluster {
		if placed[i] {
			continue
		}
		// A fact m lacks goes next to its neighbour in the first text
		// that carries it: after the nearest fact before it there that
		// m carries (before the nearest after it, when none is), so
		// that it never lands inside a quotation m tells over several
		// sentences, as a place by relative position can.
		if p, ok := g.anchoredPos(cl, factOf, pos); ok {
			pos[i] = p
			continue
		}
		// The mean over the texts that carry it, a copy's place once.
		sum, n := 0.0, 0
		texts := map[int]bool{}
		for _, x := range cl {
			if t := wit[g.sents[x].doc]; !texts[t] {
				texts[t] = true
				sum += relPos(x)
				n++
			}
		}
		pos[i] = sum / float64(n)
	}
	order := make([]int, len(r.sents))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case pos[a] < pos[b]:
			return -1
		case pos[a] > pos[b]:
			return 1
		}
		return r.sents[a] - r.sents[b]
	})
	sorted := &refModel{kind: KindConsensus, srcDoc: -1, orderDoc: m}
	for _, i := range order {
		sorted.sents = append(sorted.sents, r.sents[i])
		sorted.cluster = append(sorted.cluster, r.cluster[i])
	}
	sorted.index()
	return sorted
}

// anchoredPos returns the place of a fact, the sentences cl, that the
// order member lacks: just after the place of the nearest fact before it
// in the first member that carries it (in ID order) whose sentences
// factOf maps to a placed fact, or just before the nearest after it;
// false when no member carrying it has such a neighbour. Sentences
// further from their neighbour are placed further from it, so that two
// facts placed beside one keep their order.
func (g *group) anchoredPos(cl []int, factOf map[int]int, pos []float64) (float64, bool) {
	const step = 1e-6 // below the distance of two sentences' places
	for _, x := range cl {
		s := g.sents[x]
		sents := g.docs[s.doc].sents
		for k := s.idx - 1; k >= 0; k-- {
			if j, ok := factOf[sents[k].g]; ok {
				return pos[j] + step*float64(s.idx-k), true
			}
		}
		for k := s.idx + 1; k < len(sents); k++ {
			if j, ok := factOf[sents[k].g]; ok {
				return pos[j] - step*float64(k-s.idx), true
			}
		}
	}
	return 0, false
}

// describe returns the exported form of the reference.
func (r *refModel) describe(g *group) Reference {
	out := Reference{Kind: r.kind, Why: r.why, Evidence: r.evidence, Sentences: []RefSentence{}}
	if r.srcDoc >= 0 {
		a := g.docs[r.srcDoc].art
		out.Published, out.URL = formatTime(a.Published), a.URL
		out.Title, out.TitleDerived = a.ShownTitle()
		out.SourceID, out.Outlet, out.Inferred, out.text = a.ID, a.Outlet, r.inferred, a.Text
	}
	var lines []string
	for i, x := range r.sents {
		s := g.sents[x]
		a := g.docs[s.doc].art
		var by []string
		for _, y := range r.cluster[i] {
			by = append(by, g.docs[g.sents[y].doc].art.ID)
		}
		slices.Sort(by)
		by = slices.Compact(by)
		text := a.Text[s.start:s.end]
		out.Sentences = append(out.Sentences, RefSentence{Member: a.ID, Start: s.start, End: s.end, Text: text, CarriedBy: by})
		out.Words += len(s.toks)
		lines = append(lines, text)
	}
	if r.kind == KindConsensus {
		out.Text = strings.Join(lines, "\n")
	}
	for _, q := range g.refQuotes(r) {
		out.Quotes = append(out.Quotes, q.text)
	}
	return out
}

// nearCopies reports whether members a and b are copies of one text
// that each may have given a headline or a line of its own: each holds
// at least nearCopyContained of the other's words.
func (g *group) nearCopies(a, b int) bool {
	return a != b && min(g.contained(a, b), g.contained(b, a)) >= nearCopyContained
}

// prose reports whether s reads as a sentence of the report: at least
// minProseWords words, ending in a full stop, a question or exclamation
// mark or an ellipsis (before any closing quotation marks or brackets).
func (s *sentence) prose() bool {
	if len(s.toks) < minProseWords {
		return false
	}
	text := strings.TrimRight(s.src[s.start:s.end], " \t\r\n\"'”’»)]")
	last, _ := utf8.DecodeLastRuneInString(text)
	return strings.ContainsRune(".!?…", last)
}

const (
	// minProseWords is the fewest words of a sentence of prose (see
	// prose).
	minProseWords = 5
	// unsourcedShare is the least share of the longer sentence's words
	// that two sentences have in common, in order (their longest common
	// subsequence), for unsourced to read them as copied from one text.
	unsourcedShare = 0.8
	// nearCopyContained is the least share of each other's words two
	// members hold to be read as copies of one text (see nearCopies).
	nearCopyContained = 0.95
)

// unsourced returns the facts that two members independent of each other
// state nearly word for word and member c does not, one pair of
// sentences for each: a sentence s of a member o, not a verbatim copy of
// c, and a sentence x of a member p, a near copy of neither o nor c,
// that the aligner links and whose longest common subsequence of words
// holds at least unsourcedShare of the longer's words, where neither is linked to
// a sentence of c or shares half of its words, in order, with one or with
// a span of c's page furniture (a summary bullet that rewrites state as a
// sentence is still c's). Two rewrites copy the same words from a common
// text; when c lacks them, that text is not c. Only sentences of prose
// count (see prose): a page's labels and prompts ("Story continues below
// advertisement", "4 min read") are not the report's text, and copies
// share them. Nor do two sentences that each stand after the last
// sentence its member shares with c: what copies append to a text (a
// station's app promotion, a sign-off in words no pattern knows) is
// theirs.
func (g *group) unsourced(c int) [][2]*sentence {
	memo := map[int]bool{}
	inC := func(s int) bool {
		if in, ok := memo[s]; ok {
			return in
		}
		in := slices.ContainsFunc(g.links[s], func(l link) bool { return g.sents[l.to].doc == c })
		if !in {
			w := g.sents[s].words
			half := func(x []int32) bool { return 2*lcsLen(w, x) >= len(w) }
			in = slices.ContainsFunc(g.docs[c].sents, func(cs *sentence) bool { return half(cs.words) }) ||
				slices.ContainsFunc(g.docs[c].furnitureWords, half)
		}
		memo[s] = in
		return in
	}
	tail := map[int]int{} // per member, the index of its last sentence in c
	lastInC := func(d int) int {
		if t, ok := tail[d]; ok {
			return t
		}
		t := -1
		for _, s := range g.docs[d].sents {
			if inC(s.g) {
				t = s.idx
			}
		}
		tail[d] = t
		return t
	}
	var out [][2]*sentence
	for o, doc := range g.docs {
		if o == c || g.copies(o, c) {
			continue
		}
		for _, s := range doc.sents {
			if !s.prose() || inC(s.g) {
				continue
			}
			for _, l := range g.links[s.g] {
				x := g.sents[l.to]
				if s.idx > lastInC(o) && x.idx > lastInC(x.doc) {
					continue // both after the text they share with c
				}
				if x.doc > o && x.doc != c && !g.copies(x.doc, c) && !g.nearCopies(x.doc, o) && x.prose() &&
					float64(lcsLen(s.words, x.words)) >= unsourcedShare*float64(max(len(s.words), len(x.words))) && !inC(int(l.to)) {
					out = append(out, [2]*sentence{s, x})
					break
				}
			}
		}
	}
	return out
}

// lacks says why member c is not the source of the others when two of
// them, independent of each other, copy a sentence c does not have (see
// unsourced), else "".
func (g *group) lacks(c int) string {
	u := g.unsourced(c)
	if len(u) == 0 {
		return ""
	}
	s, x := u[0][0], u[0][1]
	facts := "a sentence"
	if len(u) > 1 {
		facts = fmt.Sprintf("%d sentences", len(u))
	}
	return fmt.Sprintf("%s, is not the others' source: %s and %s, neither a copy of the other, state %s nearly word for word that it lacks, such as %q (rewrites copy such words from a common text, and it is not that text)",
		g.docs[c].art.ID, g.docs[s.doc].art.ID, g.docs[x.doc].art.ID, facts, s.src[s.start:s.end])
}

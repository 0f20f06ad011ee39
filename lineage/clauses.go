package lineage

// Clauses added to or left out of a sentence that otherwise repeats the
// reference sentence of its fact: what a sentence-level link hides.

import (
	"cmp"
	"slices"
)

// insertion is a run of words that a kept sentence adds to the reference
// sentence stating its fact, or leaves out of it: the byte span in the
// text of the sentence holding it, its words, and the reference sentence.
type insertion struct {
	start, end, words int
	ref               *sentence
}

// clauses returns the runs of words that kept sentence s adds to the
// reference sentence stating its fact (of refs, the reference sentences s
// states, the closest), and the runs of that sentence's words s leaves
// out, when s otherwise repeats it (see insertedRuns): a clause a member
// added to a sentence it copied ("… remains uncertain, a sign of how
// reckless the effort is."), or cut from it, which the sentence's link to
// the reference fact would otherwise hide. A sentence that is itself a
// reference sentence adds and cuts nothing.
func (g *group) clauses(s *sentence, refs []int, r *refModel) (ins, cut []insertion) {
	cmp := make([]*sentence, 0, len(refs))
	for _, ri := range refs {
		x := g.sents[r.sents[ri]]
		if x.g == s.g || g.class[x.g] == g.class[s.g] {
			return nil, nil
		}
		cmp = append(cmp, x)
	}
	c := g.closest(s, cmp)
	if c == nil {
		return nil, nil
	}
	pairs := lcsPairs(s.words, c.words)
	for _, k := range insertedRuns(s, c, pairs) {
		if statedBy(s.keys[k[0]:k[1]], cmp, c) {
			continue // two reference sentences merged into one
		}
		ins = append(ins, insertion{s.toks[k[0]].Start, s.toks[k[1]-1].End, k[1] - k[0], c})
	}
	for _, k := range insertedRuns(c, s, swapped(pairs)) {
		cut = append(cut, insertion{c.toks[k[0]].Start, c.toks[k[1]-1].End, k[1] - k[0], c})
	}
	return ins, cut
}

// statedBy reports whether a reference sentence of cmp other than c
// holds the content words of a run of words (their terms, keys) that s
// adds to c: the run is that sentence's fact merged into c's ("The
// closure will last 14 weeks, and traffic will be diverted."), not an
// addition, whatever the words that join them.
func statedBy(keys []string, cmp []*sentence, c *sentence) bool {
	for _, x := range cmp {
		if x == c {
			continue
		}
		n, in := 0, 0
		for _, k := range keys {
			if k == "" {
				continue
			}
			n++
			if slices.Contains(x.keys, k) {
				in++
			}
		}
		if n > 0 && 10*in >= 9*n {
			return true
		}
	}
	return false
}

// leavesOut reports whether the member doc leaves out the run x of
// sentence c's words, which its sentence stating c's fact lacks: when two
// or more of the run's content words (not verbs of saying) are words the
// member uses nowhere. A run the member states in another sentence (a
// sentence split in two, a clause moved) is not left out.
func (g *group) leavesOut(doc *document, c *sentence, x insertion) bool {
	n := 0
	for i, t := range c.toks {
		if t.Start < x.start || t.End > x.end {
			continue
		}
		if k := c.keys[i]; k != "" && !attributionStems[k] && !attributionStems[t.Text] && !doc.vocab[t.Text] {
			n++
		}
	}
	return n >= 2
}

// mergeCuts returns the runs of cuts, each left out of its reference
// sentence, once: two sentences of a member that each state a reference
// sentence's fact may leave out the same run of it, or runs that overlap,
// which are one run left out (its words counted once). The runs are in
// the order of their reference sentences and their starts.
func mergeCuts(cuts []insertion) []insertion {
	slices.SortFunc(cuts, func(a, b insertion) int {
		if a.ref != b.ref {
			return cmp.Or(cmp.Compare(a.ref.doc, b.ref.doc), cmp.Compare(a.ref.start, b.ref.start))
		}
		return cmp.Compare(a.start, b.start)
	})
	var out []insertion
	for _, x := range cuts {
		if n := len(out); n > 0 && out[n-1].ref == x.ref && x.start <= out[n-1].end {
			out[n-1].end = max(out[n-1].end, x.end)
			continue
		}
		out = append(out, x)
	}
	for i, x := range out {
		out[i].words = 0
		for _, t := range x.ref.toks {
			if x.start <= t.Start && t.End <= x.end {
				out[i].words++
			}
		}
	}
	return out
}

// swapped returns pairs of a common subsequence with their two sides
// swapped.
func swapped(pairs [][2]int) [][2]int {
	out := make([][2]int, len(pairs))
	for k, p := range pairs {
		out[k] = [2]int{p[1], p[0]}
	}
	return out
}

// closest returns the sentence of compare that shares the most weight of
// content terms with s, the first on a tie; nil when compare is empty.
func (g *group) closest(s *sentence, compare []*sentence) *sentence {
	var best *sentence
	bestShared := 0.0
	for _, c := range compare {
		if sh := overlap(s.terms, c.terms, g.w); best == nil || sh > bestShared {
			best, bestShared = c, sh
		}
	}
	return best
}

// inserts reports whether s repeats sentence c with a run of words added
// (see insertedRuns).
func (g *group) inserts(s, c *sentence) bool {
	key := [2]int{g.class[s.g], g.class[c.g]}
	if v, ok := g.inserted[key]; ok {
		return v
	}
	v := len(insertedRuns(s, c, lcsPairs(s.words, c.words))) > 0
	if g.inserted == nil {
		g.inserted = map[[2]int]bool{}
	}
	g.inserted[key] = v
	return v
}

// insertedRuns returns the runs of tokens [i, j) of s that s adds to
// sentence c (or, with the two swapped, that s leaves out of c), given
// pairs, the longest common subsequence of their words (s's index first):
// when s repeats c, all but at most one word in ten of it in order, each
// run of minInserted words or more that s puts between two words of c it
// repeats (or before the first, or after the last) with two or more
// content words other than a verb of saying ("the official said" is an
// attribution, not an addition).
func insertedRuns(s, c *sentence, pairs [][2]int) [][2]int {
	if 10*len(pairs) < 9*len(c.toks) {
		return nil
	}
	var out [][2]int
	pi, pj := -1, -1
	for _, p := range append(pairs, [2]int{len(s.toks), len(c.toks)}) {
		if p[1]-pj == 1 && p[0]-pi-1 >= minInserted {
			content := 0
			for i := pi + 1; i < p[0]; i++ {
				if k := s.keys[i]; k != "" && !attributionStems[k] && !attributionStems[s.toks[i].Text] {
					content++
				}
			}
			if content >= 2 {
				out = append(out, [2]int{pi + 1, p[0]})
			}
		}
		pi, pj = p[0], p[1]
	}
	return out
}

// minInserted is the fewest words of a run added to a copied sentence
// that insertedRuns reports: a clause, not a word changed ("on Monday
// morning").
const minInserted = 3

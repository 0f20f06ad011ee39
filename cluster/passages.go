package cluster

import (
	"sort"

	"github.com/cespare/xxhash/v2"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/similarity"
)

// minPassage is the shortest shared run of words reported as a passage.
const minPassage = 5

// Passage is a run of words two articles share verbatim (after
// normalization), with its byte range in each.
type Passage struct {
	A, B  corpus.Span
	Words int
}

// Passages returns the maximal runs of at least minPassage words that a
// and b share, longest first (ties by position in a).
func Passages(a, b *corpus.Article) []Passage {
	return commonRuns(bodyTokens(a), bodyTokens(b), minPassage)
}

// commonRuns returns the maximal runs of at least minLen tokens that ta
// and tb share, longest first (ties by position in ta).
func commonRuns(ta, tb []similarity.Token, minLen int) []Passage {
	if len(ta) < minLen || len(tb) < minLen {
		return nil
	}
	gram := func(ts []similarity.Token, i int) uint64 {
		var d xxhash.Digest
		d.Reset()
		for _, t := range ts[i : i+minLen] {
			d.WriteString(t.Text)
			d.Write([]byte{0})
		}
		return d.Sum64()
	}
	at := map[uint64][]int{}
	for i := 0; i+minLen <= len(ta); i++ {
		g := gram(ta, i)
		at[g] = append(at[g], i)
	}
	var out []Passage
	covered := make([]bool, len(tb))
	for j := 0; j+minLen <= len(tb); j++ {
		if covered[j] {
			continue
		}
		best, bestLen := -1, 0
		for _, i := range at[gram(tb, j)] {
			n := 0
			for i+n < len(ta) && j+n < len(tb) && ta[i+n].Text == tb[j+n].Text {
				n++
			}
			if n > bestLen {
				best, bestLen = i, n
			}
		}
		if best < 0 || bestLen < minLen {
			continue
		}
		for k := j; k < j+bestLen; k++ {
			covered[k] = true
		}
		out = append(out, Passage{
			A:     corpus.Span{Start: ta[best].Start, End: ta[best+bestLen-1].End},
			B:     corpus.Span{Start: tb[j].Start, End: tb[j+bestLen-1].End},
			Words: bestLen,
		})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Words != out[j].Words {
			return out[i].Words > out[j].Words
		}
		return out[i].A.Start < out[j].A.Start
	})
	return out
}

// SharedPassages returns the text (as written in a) of the n longest
// passages a and b share.
func SharedPassages(a, b *corpus.Article, n int) []string {
	ps := Passages(a, b)
	if len(ps) > n {
		ps = ps[:n]
	}
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = a.Text[p.A.Start:p.A.End]
	}
	return out
}

func bodyTokens(a *corpus.Article) []similarity.Token {
	var ts []similarity.Token
	for _, sp := range a.Body() {
		ts = similarity.AppendTokens(ts, a.Text, sp.Start, sp.End)
	}
	return ts
}

package cluster

import (
	"slices"
	"strings"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/similarity"
)

// Shared lists what two articles share, item by item: the evidence behind
// the counts of [Evidence] (SharedNames, SharedQuotes) and its
// PassageShare.
type Shared struct {
	// Names are the proper names and numbers both hold, one for each
	// name or number counted in [Evidence].SharedNames (as [Doc].Names
	// finds them), in their order of first appearance in the first
	// article.
	Names []string `json:"names"`
	// Quotes are the runs of at least four words inside quotation marks in
	// both (as [Doc].Quotes shingles them), longest first.
	Quotes []SharedText `json:"quotes"`
	// Passages are the runs of at least five words both share, quoted or
	// not (see [Passages]), longest first.
	Passages []SharedText `json:"passages"`
}

// SharedText is a run of words two articles share: its text as the first
// article writes it, its byte ranges in both and its length in words.
type SharedText struct {
	Text  string      `json:"text"`
	A     corpus.Span `json:"a"`
	B     corpus.Span `json:"b"`
	Words int         `json:"words"`
}

// quoteRun is the shortest run of quoted words reported as a shared
// quotation: the length of the quote shingles of [Doc].Quotes.
const quoteRun = 4

// SharedItems lists what a and b share, at most n items of each kind (all
// when n is not positive).
func SharedItems(a, b *corpus.Article, n int) Shared {
	out := Shared{Names: []string{}, Quotes: []SharedText{}, Passages: []SharedText{}}
	ta, tb := bodyTokens(a), bodyTokens(b)
	out.Names = sharedNames(a, b)
	for _, p := range commonRuns(quotedTokens(a.Text, ta, "\x00a"), quotedTokens(b.Text, tb, "\x00b"), quoteRun) {
		out.Quotes = append(out.Quotes, sharedText(a, p))
	}
	for _, p := range commonRuns(ta, tb, minPassage) {
		out.Passages = append(out.Passages, sharedText(a, p))
	}
	if n > 0 {
		out.Names = out.Names[:min(n, len(out.Names))]
		out.Quotes = out.Quotes[:min(n, len(out.Quotes))]
		out.Passages = out.Passages[:min(n, len(out.Passages))]
	}
	return out
}

// sharedNames lists the names and numbers a and b both hold, one per
// hash the two [Doc].Names sets share (a number as its figure: "2" and
// "2nd" are one) but the pronoun "I" and its contractions (see
// pronounKeys), as a first writes it where it first gives it.
func sharedNames(a, b *corpus.Article) []string {
	tb, textB := appendDocTokens(nil, b)
	inB := map[uint64]bool{}
	for i, t := range tb {
		if key, ok := docName(textB, t, i == 0); ok {
			inB[key] = true
		}
	}
	ta, textA := appendDocTokens(nil, a)
	out := []string{}
	for i, t := range ta {
		if key, ok := docName(textA, t, i == 0); ok && inB[key] && !slices.Contains(pronounKeys[:], key) {
			delete(inB, key)
			out = append(out, nameText(textA, t))
		}
	}
	return out
}

// nameText is how name or number t of text reads in a list: an initial
// with the abbreviation it opens ("U" of "U.S." reads "U.S."), and a
// possessive without its "'s" ("Moscow's" reads "Moscow").
func nameText(text string, t similarity.Token) string {
	end := t.End
	if end-t.Start == 1 {
		for end+1 < len(text) && text[end] == '.' && isUpperASCII(text[end+1]) && (end+2 == len(text) || text[end+2] == '.') {
			end += 2
		}
		if end > t.End && end < len(text) && text[end] == '.' {
			end++
		}
	}
	s := text[t.Start:end]
	for _, pos := range []string{"'s", "’s"} {
		if len(s) > len(pos) {
			s = strings.TrimSuffix(s, pos)
		}
	}
	return s
}

func isUpperASCII(c byte) bool { return 'A' <= c && c <= 'Z' }

func sharedText(a *corpus.Article, p Passage) SharedText {
	return SharedText{Text: a.Text[p.A.Start:p.A.End], A: p.A, B: p.B, Words: p.Words}
}

// quotedTokens returns the tokens of toks inside quotation marks, with a
// token of text sep between two quotations: given a different sep for
// each article, no shared run spans the end of one quotation and the
// start of the next.
func quotedTokens(text string, toks []similarity.Token, sep string) []similarity.Token {
	rs := quoteRegions(text)
	var out []similarity.Token
	last := -1
	for _, t := range toks {
		q := regionAt(rs, t.Start)
		if q < 0 {
			continue
		}
		if last >= 0 && q != last {
			out = append(out, similarity.Token{Text: sep, Start: t.Start, End: t.Start})
		}
		last = q
		out = append(out, t)
	}
	return out
}

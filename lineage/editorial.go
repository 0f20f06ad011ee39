package lineage

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wirediff/wirediff/editorial"
	"github.com/wirediff/wirediff/internal/term"
	"github.com/wirediff/wirediff/similarity"
)

// cue is one piece of editorial evidence in a sentence.
type cue struct {
	start, end int
	why        string
	words      int // loaded words it counts for (0 for a commentary sentence)
}

// editorialSentence is the detector's reading of one sentence of a member
// with the cues that survive the group's context.
type editorialSentence struct {
	sent       editorial.Sentence
	cues       []cue
	commentary bool
	ownWords   int // words outside quotations
}

// editorial reads sentence s of doc with the editorial detector and keeps
// the cues that are the outlet's own: a commentary sentence; loaded words,
// in a sentence the reference lacks unless a strict majority of the
// group's texts use the word (the story's own vocabulary), or, in a kept sentence, when
// no sentence stating the same fact uses it (swapped in); and a title
// before a name relabelled ("President" → "dictator"). Words inside
// quotations are the speaker's and are never cues, nor are the member's
// own subject words (the words it uses in two or more sentences; see
// editorial.Context.WithTopics), as in 'wirediff editorial'.
func (g *group) editorial(doc *document, s *sentence, kept bool, compare []*sentence) editorialSentence {
	text := doc.art.Text
	a := g.det.Sentence(text, editorial.Range{Start: s.start, End: s.end}, doc.edctx)
	out := editorialSentence{sent: a.Sentence, ownWords: a.OwnWords}
	if a.Kind == editorial.KindCommentary {
		out.commentary = true
		out.cues = append(out.cues, cue{s.start, s.end, "commentary in the outlet's own voice " + a.CommentaryWhy(), 0})
	}

	covered := make(map[int]bool) // token starts already cued
	var replaced map[int]string
	var cmpWords map[string]bool
	if kept {
		replaced, out.cues = g.swaps(doc, s, compare, out.cues, covered)
	}
	isNew := func(i int) bool {
		w := s.toks[i].Text
		if !kept {
			return !g.topical(w)
		}
		if cmpWords == nil {
			// Built for the sentences with a loaded word only: in a large
			// group a fact is stated by many compared sentences.
			cmpWords = make(map[string]bool)
			for _, c := range compare {
				for i, t := range c.toks {
					cmpWords[t.Text] = true
					if k := c.keys[i]; k != "" {
						cmpWords["\x00"+k] = true
					}
				}
			}
		}
		if cmpWords[w] {
			return false
		}
		k := s.keys[i]
		return k == "" || !cmpWords["\x00"+k]
	}
	context := func(i int) string {
		if !kept {
			return "; in a sentence the reference lacks"
		}
		if r, ok := replaced[i]; ok {
			return "; swapped in for “" + r + "”"
		}
		return "; swapped into a kept sentence"
	}
	for _, l := range a.Loaded {
		// A word of the story's vocabulary or of the compared sentences is
		// not the outlet's; the run keeps the words from its first new word
		// to its last.
		var words []int
		for i, t := range s.toks {
			if t.Start >= l.Start && t.End <= l.End && !covered[t.Start] && isNew(i) {
				words = append(words, i)
			}
		}
		if len(words) == 0 {
			continue
		}
		start, end := s.toks[words[0]].Start, s.toks[words[len(words)-1]].End
		p, why := l.P, l.Why
		if start != l.Start || end != l.End {
			p, why = a.Explain(start, end)
		}
		out.cues = append(out.cues, cue{start, end,
			fmt.Sprintf("loaded wording (p %.2f): %s%s", p, why, context(words[0])), len(words)})
		for _, i := range words {
			covered[s.toks[i].Start] = true
		}
	}
	return out
}

// relabel reports whether word, in place of old before a name, relabels
// the person: old is a title (capitalized: "President"), word a label
// (lower case: "dictator"). At the start of a sentence, where every word
// is capitalized, old must be a known title and word must not be one
// ("Dictator Nicolas Maduro" for "President Nicolas Maduro", not "Mr.
// Maduro", nor "Still, Witkoff" for "However, Witkoff").
func relabel(old, word string, oldFirst, first bool) bool {
	isTitle := func(w string) bool { return titles[strings.ToLower(strings.TrimSuffix(w, "."))] }
	if !startsUpper(old) || oldFirst && !isTitle(old) {
		return false
	}
	return !startsUpper(word) || first && !isTitle(word)
}

// titles are the titles and forms of address that stand before a name;
// one in place of another ("President" → "Mr.") is not a label.
var titles = map[string]bool{}

func init() {
	for _, t := range strings.Fields(`mr mrs ms miss mx dr doctor prof professor sir dame lord lady
		rev reverend father sister brother saint st president vice prime minister premier chancellor
		king queen prince princess emperor empress sheikh emir sultan pope cardinal archbishop bishop
		rabbi imam ayatollah senator sen representative rep congressman congresswoman assemblyman
		assemblywoman governor gov mayor judge justice attorney ambassador secretary general gen admiral
		adm colonel col major maj captain capt lieutenant lt sergeant sgt commander cmdr marshal chief
		officer detective inspector director chairman chairwoman chair speaker leader councillor
		councilor councilman councilwoman commissioner superintendent coach candidate nominee`) {
		titles[t] = true
	}
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// topical reports whether a strict majority of the group's distinct
// texts (verbatim copies counted once, see witnesses) use word.
func (g *group) topical(word string) bool {
	wit, texts := g.witnesses()
	n := 0
	for d, doc := range g.docs {
		if wit[d] == d && doc.vocab[word] {
			n++
		}
	}
	return 2*n > texts
}

// swaps aligns kept sentence s with the compare sentence it shares most
// with (longest common subsequence of words) and returns, for each token of
// s replaced one-for-one, the word it replaced. A title before a name
// replaced by a label ("President Vladimir Putin" → "dictator Vladimir
// Putin", or "Dictator Vladimir Putin" starting a sentence; see label) is
// a relabelling cue; a speech verb in its place ("Mr.
// Obama" → "says Obama") is a reworded attribution, not a label.
func (g *group) swaps(doc *document, s *sentence, compare []*sentence, out []cue, covered map[int]bool) (map[int]string, []cue) {
	best := g.closest(s, compare)
	if best == nil {
		return nil, out
	}
	text, ctext := doc.art.Text, g.docs[best.doc].art.Text
	pairs := lcsPairs(s.words, best.words)
	replaced := make(map[int]string)
	pi, pj := -1, -1
	for _, p := range append(pairs, [2]int{len(s.toks), len(best.toks)}) {
		if p[0]-pi == 2 && p[1]-pj == 2 {
			i, j := pi+1, pj+1
			t, u := s.toks[i], best.toks[j]
			replaced[i] = ctext[u.Start:u.End]
			orig := text[t.Start:t.End]
			if p[0] < len(s.toks) && !doc.inQuote(t.Start) &&
				relabel(ctext[u.Start:u.End], orig, j == 0, i == 0) &&
				!similarity.IsStopword(t.Text) && !attributionStems[t.Text] && !attributionStems[term.Key(t.Text)] &&
				startsUpper(text[s.toks[p[0]].Start:s.toks[p[0]].End]) {
				out = append(out, cue{t.Start, t.End,
					fmt.Sprintf("relabelled: “%s” → “%s” before a name", ctext[u.Start:u.End], orig), 1})
				covered[t.Start] = true
			}
		}
		pi, pj = p[0], p[1]
	}
	return replaced, out
}

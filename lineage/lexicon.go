package lineage

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Lexicon maps words to their lemmas and the lemmas to WordNet synsets,
// so that the same-fact model can match the words of a rewording: an
// irregular form to its lemma (led, lead), an inflection to its lemma by
// WordNet's detachment rules (drafting, draft), and synonyms through a
// shared synset (begin, start). The shipped one (wordnet.txt, read by
// [DefaultLexicon]) is derived from WordNet 3.0 by internal/train (make
// train); see sftrain.WriteLexicon for what it holds.
type Lexicon struct {
	ids map[string]int32   // lemma -> id
	syn [][]int32          // lemma id -> sorted synset ids
	exc map[string][]int32 // irregular form -> lemma ids
}

//go:embed wordnet.txt
var lexiconText []byte

// DefaultLexicon returns the shipped lexicon (wordnet.txt).
var DefaultLexicon = sync.OnceValues(func() (*Lexicon, error) {
	l, err := ParseLexicon(bytes.NewReader(lexiconText))
	if err != nil {
		return nil, fmt.Errorf("lineage: wordnet.txt: %w", err)
	}
	return l, nil
})

// ParseLexicon reads a lexicon in the format of wordnet.txt: lines
// "L lemma synset..." (synsets as integers), then "X form lemma..." for
// irregular forms of listed lemmas; lines starting with # are comments.
func ParseLexicon(r io.Reader) (*Lexicon, error) {
	l := &Lexicon{ids: map[string]int32{}, exc: map[string][]int32{}}
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Fields(line)
		switch {
		case len(f) >= 2 && f[0] == "L":
			if _, dup := l.ids[f[1]]; dup {
				return nil, fmt.Errorf("line %d: lemma %q listed twice", n, f[1])
			}
			var ss []int32
			for _, s := range f[2:] {
				v, err := strconv.ParseInt(s, 10, 32)
				if err != nil || v < 0 {
					return nil, fmt.Errorf("line %d: synset %q: not a non-negative integer", n, s)
				}
				ss = append(ss, int32(v))
			}
			slices.Sort(ss)
			l.ids[f[1]] = int32(len(l.syn))
			l.syn = append(l.syn, slices.Compact(ss))
		case len(f) >= 3 && f[0] == "X":
			for _, b := range f[2:] {
				id, ok := l.ids[b]
				if !ok {
					return nil, fmt.Errorf("line %d: irregular form %q of unlisted lemma %q", n, f[1], b)
				}
				l.exc[f[1]] = append(l.exc[f[1]], id)
			}
		default:
			return nil, fmt.Errorf("line %d: want \"L lemma synset...\" or \"X form lemma...\", got %q", n, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", n+1, err)
	}
	return l, nil
}

// detachments are WordNet's suffix rules (morphy) for nouns, verbs and
// adjectives, tried whatever the part of speech: a form ending in the
// first may be the lemma ending in the second.
var detachments = [][2]string{
	{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"},
	{"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""},
	{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"},
}

// Lemmas returns the ids of the lemmas a normalized word may be a form
// of, sorted: the word itself when it is a lemma, the lemmas it is an
// irregular form of, and those the detachment rules give. It returns nil
// for a word the lexicon does not know.
func (l *Lexicon) Lemmas(word string) []int32 {
	word = strings.TrimSuffix(strings.TrimSuffix(word, "'s"), "’s")
	var out []int32
	if id, ok := l.ids[word]; ok {
		out = append(out, id)
	}
	out = append(out, l.exc[word]...)
	for _, d := range detachments {
		if len(word) > len(d[0])+1 && strings.HasSuffix(word, d[0]) {
			if id, ok := l.ids[word[:len(word)-len(d[0])]+d[1]]; ok {
				out = append(out, id)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Synsets returns the sorted synset ids of the lemmas.
func (l *Lexicon) Synsets(lemmas []int32) []int32 {
	var out []int32
	for _, id := range lemmas {
		out = append(out, l.syn[id]...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Size returns the number of lemmas and of irregular forms.
func (l *Lexicon) Size() (lemmas, forms int) { return len(l.ids), len(l.exc) }

package lineage

import (
	"bufio"
	_ "embed"
	"strconv"
	"strings"
	"sync"
)

// The vendored lexicons; each file's header names its source and licence.
var (
	//go:embed lexicon/common-words.txt
	commonWordsFile string
	//go:embed lexicon/pattern-adjectives.tsv
	patternAdjectivesFile string
)

// adjective is one entry of Pattern's subjectivity lexicon.
type adjective struct {
	polarity, subjectivity float64
}

var (
	lexiconOnce sync.Once
	commonWords map[string]bool
	adjectives  map[string]adjective
)

func loadLexicons() {
	lexiconOnce.Do(func() {
		commonWords = make(map[string]bool)
		eachLine(commonWordsFile, func(line string) { commonWords[line] = true })
		adjectives = make(map[string]adjective)
		eachLine(patternAdjectivesFile, func(line string) {
			f := strings.Split(line, "\t")
			if len(f) != 3 {
				return
			}
			p, err1 := strconv.ParseFloat(f[1], 64)
			s, err2 := strconv.ParseFloat(f[2], 64)
			if err1 == nil && err2 == nil {
				adjectives[f[0]] = adjective{p, s}
			}
		})
	})
}

// eachLine calls fn for every line of s that is neither blank nor a
// "#" comment.
func eachLine(s string, fn func(string)) {
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			fn(line)
		}
	}
}

// common reports whether word (normalized) is one of the most common
// English words (SCOWL size 10): the plain register of news, where VADER's
// social-media valences ("like", "support", "help", "killed") do not mark
// the outlet's stance.
func common(word string) bool {
	loadLexicons()
	return commonWords[word]
}

// subjectiveAdjective returns the Pattern entry of word when it is an
// adjective of Pattern's lexicon.
func subjectiveAdjective(word string) (adjective, bool) {
	loadLexicons()
	a, ok := adjectives[word]
	return a, ok
}

// subjectiveAdverb returns the Pattern entry of the adjective an "-ly"
// adverb is formed from ("forcefully" → "forceful", "angrily" → "angry",
// "terribly" → "terrible"), and whether there is one.
func subjectiveAdverb(word string) (adjective, bool) {
	loadLexicons()
	if _, ok := adjectives[word]; ok {
		return adjective{}, false // an adjective in -ly ("friendly")
	}
	base, ok := strings.CutSuffix(word, "ly")
	if !ok || len(base) < 3 {
		return adjective{}, false
	}
	cands := []string{base, base + "e"}
	if b, ok := strings.CutSuffix(base, "i"); ok {
		cands = append(cands, b+"y")
	}
	if strings.HasSuffix(word, "bly") || strings.HasSuffix(word, "ply") || strings.HasSuffix(word, "tly") {
		cands = append(cands, word[:len(word)-1]+"e") // "terribly" → "terrible"
	}
	if b, ok := strings.CutSuffix(base, "al"); ok && strings.HasSuffix(b, "ic") {
		cands = append(cands, b) // "drastically" → "drastic"
	}
	for _, c := range cands {
		if a, ok := adjectives[c]; ok {
			return a, true
		}
	}
	return adjective{}, false
}

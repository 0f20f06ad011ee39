package benchmarks

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:generate go run ./internal/mkwordfreq -out testdata/wordfreq.tsv.gz

// The word-frequency model, testdata/wordfreq.tsv.gz, is gzip-compressed
// text with one "word<TAB>count" line per word: first the most frequent
// lowercase words of the labelled news data in ../shared/data, then the
// most frequent capitalized names, each list sorted by decreasing count.
// A word whose first letter is upper case is a name. It holds counts of
// single words only, no text; internal/mkwordfreq rebuilds it.
//
//go:embed testdata/wordfreq.tsv.gz
var wordfreqGz []byte

// ErrWordModel reports a malformed word-frequency model.
var ErrWordModel = errors.New("malformed word-frequency model")

// wordModel is a unigram model of news text: lowercase words and
// capitalized names, each with an alias table to draw from in O(1).
type wordModel struct {
	// vocab holds every token the generator writes, so that text is built
	// from int32 token numbers: words, then names, then the generator's own
	// words (see lexicon).
	vocab []string
	lexicon

	words   []string // lowercase words, most frequent first
	names   []string // capitalized names, most frequent first
	people  []string // names fit to make up a person's name
	word    alias    // over words
	content alias    // over words[contentFrom:], the content words
	name    alias    // over names
	person  alias    // over people
}

// contentFrom is the rank from which words are content words (topic words
// of a story) rather than function words.
const contentFrom = 150

// defaultWordModel reads the embedded model once.
var defaultWordModel = sync.OnceValues(func() (*wordModel, error) {
	zr, err := gzip.NewReader(bytes.NewReader(wordfreqGz))
	if err != nil {
		return nil, fmt.Errorf("wordfreq.tsv.gz: %w: %w", ErrWordModel, err)
	}
	return readWordModel(zr, "wordfreq.tsv.gz")
})

// readWordModel reads "word<TAB>count" lines.
func readWordModel(r io.Reader, name string) (*wordModel, error) {
	m := &wordModel{}
	var wc, nc []float64
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		w, cs, ok := strings.Cut(sc.Text(), "\t")
		n, err := strconv.ParseUint(cs, 10, 63)
		if !ok || w == "" || err != nil || n == 0 || !utf8.ValidString(w) {
			return nil, fmt.Errorf("%s:%d: %w: want word<TAB>count", name, line, ErrWordModel)
		}
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			m.names = append(m.names, w)
			nc = append(nc, float64(n))
		} else {
			m.words = append(m.words, w)
			wc = append(wc, float64(n))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(m.words) <= contentFrom || len(m.names) == 0 {
		return nil, fmt.Errorf("%s: %w: %d words and %d names, want more than %d words and some names",
			name, ErrWordModel, len(m.words), len(m.names), contentFrom)
	}
	m.word = newAlias(wc)
	m.content = newAlias(wc[contentFrom:])
	m.name = newAlias(nc)
	var pc []float64
	from := personFrom
	if len(m.names) <= 2*personFrom { // a small model: use all names
		from = 0
	}
	for i, n := range m.names {
		if i >= from && personName(n) {
			m.people = append(m.people, n)
			pc = append(pc, nc[i])
		}
	}
	if len(m.people) == 0 {
		return nil, fmt.Errorf("%s: %w: no names fit for people", name, ErrWordModel)
	}
	m.person = newAlias(pc)
	m.vocab = append(slices.Clip(m.words), m.names...)
	m.lexicon = newLexicon(&m.vocab)
	return m, nil
}

func (m *wordModel) randWord(rng *rand.Rand) tok      { return tok(m.word.draw(rng)) }
func (m *wordModel) randContent(rng *rand.Rand) tok   { return tok(contentFrom + m.content.draw(rng)) }
func (m *wordModel) randName(rng *rand.Rand) tok      { return tok(len(m.words) + m.name.draw(rng)) }
func (m *wordModel) randPerson(rng *rand.Rand) string { return m.people[m.person.draw(rng)] }

// personFrom is the rank from which names may be part of a person's name:
// the most frequent names are titles and institutions ("President", "House").
const personFrom = 40

// personName reports whether name may be part of a made-up person's name:
// letters only, one capital, not a weekday or month.
func personName(name string) bool {
	for i, r := range name {
		if !unicode.IsLetter(r) || (i > 0 && unicode.IsUpper(r)) {
			return false
		}
	}
	return utf8.RuneCountInString(name) > 2 && !calendar[name]
}

var calendar = map[string]bool{
	"Monday": true, "Tuesday": true, "Wednesday": true, "Thursday": true, "Friday": true, "Saturday": true,
	"Sunday": true, "January": true, "February": true, "March": true, "April": true, "May": true, "June": true,
	"July": true, "August": true, "September": true, "October": true, "November": true, "December": true,
}

// alias is a Walker/Vose alias table for drawing from a discrete
// distribution in constant time (Vose 1991).
type alias struct {
	prob  []float64
	alias []int32
}

func newAlias(weights []float64) alias {
	n := len(weights)
	total := 0.0
	for _, w := range weights {
		total += w
	}
	a := alias{prob: make([]float64, n), alias: make([]int32, n)}
	scaled := make([]float64, n)
	var small, large []int32
	for i, w := range weights {
		scaled[i] = w * float64(n) / total
		if scaled[i] < 1 {
			small = append(small, int32(i))
		} else {
			large = append(large, int32(i))
		}
	}
	for len(small) > 0 && len(large) > 0 {
		s, l := small[len(small)-1], large[len(large)-1]
		small = small[:len(small)-1]
		a.prob[s], a.alias[s] = scaled[s], l
		scaled[l] -= 1 - scaled[s]
		if scaled[l] < 1 {
			large = large[:len(large)-1]
			small = append(small, l)
		}
	}
	for _, i := range append(small, large...) {
		a.prob[i], a.alias[i] = 1, i
	}
	return a
}

func (a alias) draw(rng *rand.Rand) int {
	x := rng.Uint64()
	i := int((x >> 32) * uint64(len(a.prob)) >> 32)
	if float64(x&0xffffffff)/(1<<32) < a.prob[i] {
		return i
	}
	return int(a.alias[i])
}

package cluster

//go:generate go run ./internal/mkdf ../../shared/data background.tsv.gz

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/internal/term"
	"github.com/wirediff/wirediff/similarity"
)

// background.tsv.gz holds document frequencies of stemmed content words
// over 9,199 news articles and ledes (the ECB+, BASIL and NeuS
// development sets): "#docs<TAB>N" then "stem<TAB>df" lines. Mixed into
// the IDF of every run, it keeps term weights stable whatever the size of
// the corpus at hand: five articles alone would otherwise make every
// shared word look rare.
//
//go:embed background.tsv.gz
var backgroundGz []byte

// Background is a table of background document frequencies.
type Background struct {
	Docs int
	DF   map[TermID]int32
}

var (
	bgOnce sync.Once
	bg     *Background
	bgErr  error
)

// DefaultBackground returns the embedded background frequencies.
func DefaultBackground() (*Background, error) {
	bgOnce.Do(func() { bg, bgErr = parseBackground(backgroundGz) })
	return bg, bgErr
}

func parseBackground(data []byte) (*Background, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("cluster: background: %w", err)
	}
	b := &Background{DF: map[TermID]int32{}}
	sc := bufio.NewScanner(zr)
	line := 0
	for sc.Scan() {
		line++
		key, n, ok := strings.Cut(sc.Text(), "\t")
		v, err := strconv.Atoi(n)
		if !ok || err != nil {
			return nil, fmt.Errorf("cluster: background:%d: malformed line", line)
		}
		if line == 1 {
			if key != "#docs" {
				return nil, fmt.Errorf("cluster: background:1: want #docs header")
			}
			b.Docs = v
			continue
		}
		b.DF[termID(key)] = int32(v)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("cluster: background: %w", err)
	}
	return b, nil
}

// Freq returns the number of the background's documents that hold the
// stemmed content word stem (as internal/term.Key gives it).
func (b *Background) Freq(stem string) int32 { return b.DF[termID(stem)] }

// Stems returns the distinct stemmed content words of a's title and body,
// sorted: the vocabulary of the term vectors.
func Stems(a *corpus.Article) []string {
	var toks []similarity.Token
	for _, sp := range a.Body() {
		toks = similarity.AppendTokens(toks, a.Text, sp.Start, sp.End)
	}
	toks = similarity.AppendTokens(toks, a.Title, 0, len(a.Title))
	seen := map[string]bool{}
	for _, t := range toks {
		if k := term.Key(t.Text); k != "" {
			seen[k] = true
		}
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

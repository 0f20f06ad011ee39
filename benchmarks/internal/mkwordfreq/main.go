// Command mkwordfreq builds the word-frequency model that the corpus
// generator in package benchmarks samples from: benchmarks/testdata/wordfreq.tsv.gz.
//
// It reads the "text" field of every shared/data/*/articles.jsonl file (the
// labelled research data beside the repository, never shipped with it),
// splits the text into words and sentences, and counts
//
//   - lowercase words: every word written in lowercase, plus sentence-initial
//     capitalized words that are not names, folded to lowercase;
//   - names: words written capitalized in the middle of a sentence at least
//     twice and more than twice as often as in lowercase.
//
// It writes the top -words lowercase words and the top -names names, each
// with its count, one "word<TAB>count" line per word, sorted by count and
// then by word, gzip-compressed. The file holds word counts only, no text.
//
// Usage (from package benchmarks, or with go generate there):
//
//	go run ./internal/mkwordfreq [-data ../../shared/data] [-out testdata/wordfreq.tsv.gz]
package main

import (
	"bufio"
	"cmp"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "mkwordfreq:", err)
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("mkwordfreq", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "shared data folder (default: shared/data found by walking up from the working directory)")
	out := fs.String("out", filepath.Join("testdata", "wordfreq.tsv.gz"), "output file")
	nWords := fs.Int("words", 20000, "lowercase words to keep")
	nNames := fs.Int("names", 4000, "capitalized names to keep")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *data == "" {
		d, err := findSharedData()
		if err != nil {
			return err
		}
		*data = d
	}
	files, err := filepath.Glob(filepath.Join(*data, "*", "articles.jsonl"))
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("no */articles.jsonl under %s", *data)
	}
	slices.Sort(files)
	c := newCounter()
	for _, f := range files {
		if err := countFile(c, f); err != nil {
			return err
		}
	}
	words, names := c.model(*nWords, *nNames)
	if err := writeModel(*out, words, names); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: %d words, %d names from %d files (%d tokens)\n", *out, len(words), len(names), len(files), c.tokens)
	return nil
}

// findSharedData walks up from the working directory to a shared/data folder.
func findSharedData() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(dir, "shared", "data")
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("shared/data not found above the working directory; pass -data")
		}
		dir = parent
	}
}

func countFile(c *counter, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		var a struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
		c.add(a.Text)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// counter counts word forms by position.
type counter struct {
	lower   map[string]int // written in lowercase
	capMid  map[string]int // capitalized, not sentence-initial
	initial map[string]int // capitalized, sentence-initial (keyed by the capitalized form)
	tokens  int
}

func newCounter() *counter {
	return &counter{lower: map[string]int{}, capMid: map[string]int{}, initial: map[string]int{}}
}

// add counts the words of text. A word is a run of letters, with inner
// apostrophes and hyphens; a sentence starts at the beginning of the text
// and after '.', '!', '?' or a line break. Single letters other than "a"
// are skipped, and so are letters glued to digits ("25th") or following an
// apostrophe ("we 've"). Words with capitals after the
// first letter (acronyms, "McCain") count as names when capitalized.
func (c *counter) add(text string) {
	text = strings.NewReplacer("’", "'", "‘", "'").Replace(text)
	start := true
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			switch r {
			case '.', '!', '?', '\n':
				start = true
			}
			if unicode.IsDigit(r) {
				start = false
			}
			i += size
			continue
		}
		j := i + size
		for j < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if unicode.IsLetter(r2) {
				j += s2
				continue
			}
			if (r2 == '\'' || r2 == '-') && j+s2 < len(text) {
				r3, _ := utf8.DecodeRuneInString(text[j+s2:])
				if unicode.IsLetter(r3) {
					j += s2
					continue
				}
			}
			break
		}
		// Skip the letters of "25th" and the pieces of contractions split by
		// tokenization ("we 've").
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		if !unicode.IsDigit(prev) && prev != '\'' {
			c.count(text[i:j], start)
		}
		start = false
		i = j
	}
}

func (c *counter) count(w string, start bool) {
	// Single letters other than "a" are mostly pieces of tokenized text
	// ("actress 's", "U.S."), not words.
	if n := utf8.RuneCountInString(w); n > 30 || (n == 1 && w != "a") {
		return
	}
	c.tokens++
	first, _ := utf8.DecodeRuneInString(w)
	switch {
	case !unicode.IsUpper(first):
		c.lower[strings.ToLower(w)]++
	case start:
		c.initial[w]++
	default:
		c.capMid[w]++
	}
}

type entry struct {
	word  string
	count int
}

// model returns the top nWords lowercase words and nNames names.
func (c *counter) model(nWords, nNames int) (words, names []entry) {
	isName := func(w string) bool {
		n := c.capMid[w]
		return n >= 2 && n > 2*c.lower[strings.ToLower(w)]
	}
	lower := make(map[string]int, len(c.lower))
	for w, n := range c.lower {
		lower[w] += n
	}
	nameCount := map[string]int{}
	for w, n := range c.capMid {
		if isName(w) {
			nameCount[w] += n
		}
	}
	for w, n := range c.initial {
		if isName(w) {
			nameCount[w] += n
		} else if strings.ToLower(w) != w && isTitle(w) {
			lower[strings.ToLower(w)] += n
		}
	}
	for w, n := range lower {
		words = append(words, entry{w, n})
	}
	for w, n := range nameCount {
		names = append(names, entry{w, n})
	}
	byCount := func(a, b entry) int {
		if c := cmp.Compare(b.count, a.count); c != 0 {
			return c
		}
		return strings.Compare(a.word, b.word)
	}
	slices.SortFunc(words, byCount)
	slices.SortFunc(names, byCount)
	return words[:min(nWords, len(words))], names[:min(nNames, len(names))]
}

// isTitle reports whether only the first letter of w is upper case.
func isTitle(w string) bool {
	for i, r := range w {
		if i > 0 && unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// writeModel writes lowercase words and then names, gzip-compressed.
func writeModel(path string, words, names []entry) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	zw, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	for _, list := range [][]entry{words, names} {
		for _, e := range list {
			fmt.Fprintf(bw, "%s\t%d\n", e.word, e.count)
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// Package edtrain trains the editorial detector's weights on the labelled
// development data (BABE and BASIL) and measures the detector by
// cross-validation: BABE folds by article, BASIL folds by event. The data
// is read in place; none of it is kept in the weights but as hashed
// feature weights.
package edtrain

import (
	"bufio"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"strings"

	"github.com/wirediff/wirediff/editorial"
)

// BABERow is one labelled BABE sentence (Spinde et al. 2021).
type BABERow struct {
	ID           string   `json:"id"`
	Text         string   `json:"text"`
	URL          string   `json:"url"`
	LabelBias    string   `json:"label_bias"`
	LabelOpinion string   `json:"label_opinion"`
	BiasedWords  []string `json:"biased_words"`
}

// Biased reports the expert bias label.
func (r *BABERow) Biased() bool { return r.LabelBias == "Biased" }

// Article is the unit BABE is split by: the source URL (the row's ID when
// it has none).
func (r *BABERow) Article() string {
	if r.URL != "" {
		return r.URL
	}
	return r.ID
}

// BiasedSet returns the lower-case words of the experts' biased words.
func (r *BABERow) BiasedSet() map[string]bool {
	m := map[string]bool{}
	for _, w := range r.BiasedWords {
		for _, t := range editorial.Tokens(w, 0, len(w)) {
			m[t.Lower] = true
		}
	}
	return m
}

// BASILArticle is one BASIL article (Fan et al. 2019) with its lexical
// bias ("lex") spans as byte ranges.
type BASILArticle struct {
	ID    string
	Event string
	Text  string
	Lex   []editorial.Range
}

// Data is the development data.
type Data struct {
	BABE  []BABERow
	BASIL []BASILArticle
}

// Sources names the data the weights are trained on, for the weights'
// header and the README.
var Sources = []string{
	"babe-dev/sentences.jsonl: BABE expert set SG2, 2,194 sentences (Spinde et al., Findings of EMNLP 2021): label_bias, label_opinion, biased_words",
	"basil-dev/articles.jsonl, spans.jsonl: BASIL, 150 articles of 50 events (Fan et al., EMNLP 2019): lex spans",
}

// Load reads babe-dev and basil-dev under dataDir.
func Load(dataDir string) (*Data, error) {
	d := &Data{}
	if err := readJSONL(filepath.Join(dataDir, "babe-dev", "sentences.jsonl"), func(r *BABERow) error {
		d.BABE = append(d.BABE, *r)
		return nil
	}); err != nil {
		return nil, err
	}
	type art struct {
		ID   string `json:"id"`
		Text string `json:"text"`
	}
	idx := map[string]int{}
	dir := filepath.Join(dataDir, "basil-dev")
	if err := readJSONL(filepath.Join(dir, "articles.jsonl"), func(a *art) error {
		i := strings.LastIndexByte(a.ID, '_')
		if i < 0 {
			return fmt.Errorf("article ID %q is not <event>_<n>", a.ID)
		}
		idx[a.ID] = len(d.BASIL)
		d.BASIL = append(d.BASIL, BASILArticle{ID: a.ID, Event: a.ID[:i], Text: a.Text})
		return nil
	}); err != nil {
		return nil, err
	}
	type span struct {
		ID    string `json:"id"`
		Start int    `json:"start"`
		End   int    `json:"end"`
		Text  string `json:"text"`
		Bias  string `json:"bias"`
	}
	if err := readJSONL(filepath.Join(dir, "spans.jsonl"), func(s *span) error {
		if s.Bias != "lex" {
			return nil
		}
		i, ok := idx[s.ID]
		if !ok {
			return fmt.Errorf("span of unknown article %q", s.ID)
		}
		a := &d.BASIL[i]
		start, end := runeToByte(a.Text, s.Start), runeToByte(a.Text, s.End)
		if start < 0 || end < start || a.Text[start:end] != s.Text {
			return fmt.Errorf("%s [%d,%d) is not %q in characters", s.ID, s.Start, s.End, s.Text)
		}
		a.Lex = append(a.Lex, editorial.Range{Start: start, End: end})
		return nil
	}); err != nil {
		return nil, err
	}
	return d, nil
}

// runeToByte returns the byte offset of the n-th character of text, or -1
// when text has fewer than n characters.
func runeToByte(text string, n int) int {
	i := 0
	for b := range text {
		if i == n {
			return b
		}
		i++
	}
	if i == n {
		return len(text)
	}
	return -1
}

func readJSONL[T any](path string, fn func(*T) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("edtrain: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<22), 1<<22)
	line := 0
	for sc.Scan() {
		line++
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return fmt.Errorf("edtrain: %s:%d: %w", path, line, err)
		}
		if err := fn(&v); err != nil {
			return fmt.Errorf("edtrain: %s:%d: %w", path, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("edtrain: %s: %w", path, err)
	}
	return nil
}

// fold assigns a key (an article or an event) to one of k folds by hash,
// so that the folds do not depend on the order of the data.
func fold(key string, k int) int {
	h := fnv.New32a()
	h.Write([]byte(key))
	return int(h.Sum32() % uint32(k))
}

// overlaps reports whether [start, end) overlaps a range of rs.
func overlaps(start, end int, rs []editorial.Range) bool {
	for _, r := range rs {
		if start < r.End && end > r.Start {
			return true
		}
	}
	return false
}

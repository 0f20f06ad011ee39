package edtrain

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/wirediff/wirediff/editorial"
)

// Lexicons are word lists of bias research, read from the data directory
// for the lexicon-only baseline; they are not part of the detector.
type Lexicons struct {
	// Strong are Riloff & Wiebe's (2003) strong subjectives.
	Strong map[string]bool
	// Any is the union of the NPOV bias lexicon (Recasens et al. 2013),
	// the strong subjectives and Hu & Liu's (2004) opinion words.
	Any map[string]bool
}

// LoadLexicons reads the lists of lexicons/ under dataDir.
func LoadLexicons(dataDir string) (*Lexicons, error) {
	l := &Lexicons{Strong: map[string]bool{}, Any: map[string]bool{}}
	for _, f := range []struct {
		name   string
		strong bool
	}{
		{"strong_subjectives_riloff2003.txt", true},
		{"npov_lexicon.txt", false},
		{"positive_liu2005.txt", false},
		{"negative_liu2005.txt", false},
	} {
		path := filepath.Join(dataDir, "lexicons", f.name)
		file, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("edtrain: %w", err)
		}
		sc := bufio.NewScanner(file)
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line == "" || line[0] == '#' || line[0] == ';' {
				continue
			}
			w := strings.ToLower(strings.Fields(line)[0])
			l.Any[w] = true
			if f.strong {
				l.Strong[w] = true
			}
		}
		err = sc.Err()
		file.Close()
		if err != nil {
			return nil, fmt.Errorf("edtrain: %s: %w", path, err)
		}
	}
	return l, nil
}

// Baseline is the lexicon-only detector: a text is biased (and
// opinionated) when it has two or more strong subjectives, and every word
// of any list is flagged; its score is flagged words per 1,000 words.
func (l *Lexicons) Baseline(text string) Doc {
	var doc Doc
	toks := editorial.Tokens(text, 0, len(text))
	strong := 0
	for _, t := range toks {
		if l.Strong[t.Lower] {
			strong++
		}
		if l.Any[t.Lower] {
			doc.Flagged = append(doc.Flagged, editorial.Range{Start: t.Start, End: t.End})
		}
	}
	doc.Biased = strong >= 2
	doc.Commentary = doc.Biased
	if len(toks) > 0 {
		doc.Score = 1000 * float64(len(doc.Flagged)) / float64(len(toks))
	}
	return doc
}

// MeasureBaseline measures the lexicon-only baseline on d.
func MeasureBaseline(d *Data, l *Lexicons) Figures {
	babe := make([]Doc, len(d.BABE))
	for i := range d.BABE {
		babe[i] = l.Baseline(d.BABE[i].Text)
	}
	basil := make([]Doc, len(d.BASIL))
	for i := range d.BASIL {
		basil[i] = l.Baseline(d.BASIL[i].Text)
	}
	return Measure(d, babe, basil)
}

// Package msrp reads the Microsoft Research Paraphrase Corpus (Dolan &
// Brockett 2005): sentence pairs from news on one story, each labelled 1
// when the two sentences mean the same and 0 when not.
package msrp

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// Pair is one labelled sentence pair.
type Pair struct {
	Same bool
	A, B string
}

// ReadFile reads an MSRP file (msr_paraphrase_train.txt or _test.txt).
func ReadFile(path string) ([]Pair, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("msrp: %w", err)
	}
	defer f.Close()
	ps, err := Read(f, path)
	if err != nil {
		return nil, err
	}
	return ps, nil
}

// Read reads MSRP pairs from r: UTF-8, perhaps with a byte order mark and
// CRLF line ends, a header line, then tab-separated Quality, #1 ID, #2 ID,
// #1 String, #2 String. A line of another shape is an error naming name
// and the line.
func Read(r io.Reader, name string) ([]Pair, error) {
	var out []Pair
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
			if strings.HasPrefix(text, "Quality\t") {
				continue
			}
		}
		if text == "" {
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) != 5 {
			return nil, fmt.Errorf("msrp: %s:%d: %d tab-separated fields, want 5", name, line, len(f))
		}
		if f[0] != "0" && f[0] != "1" {
			return nil, fmt.Errorf("msrp: %s:%d: quality %q, want 0 or 1", name, line, f[0])
		}
		out = append(out, Pair{Same: f[0] == "1", A: f[3], B: f[4]})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("msrp: reading %s: %w", name, err)
	}
	return out, nil
}

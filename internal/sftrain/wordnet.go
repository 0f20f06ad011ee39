package sftrain

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// WordNetDir is where Debian's wordnet-base package installs the WordNet
// 3.0 database (apt-get install wordnet-base).
const WordNetDir = "/usr/share/wordnet"

// SensesPerWord is how many of a word's senses in each part of speech the
// lexicon keeps: the most frequent ones, as WordNet orders them, among
// those seen in its tagged corpus. Rarer senses make synonyms of words
// that seldom mean the same (lead and star, run and ply).
const SensesPerWord = 3

// WriteLexicon writes the lexicon lineage reads (lineage/wordnet.txt, see
// lineage.Lexicon) from the WordNet database in dir: every single word
// lemma with a sense seen in WordNet's tagged corpus, with the ids of its
// first SensesPerWord such senses in each part of speech that another
// kept lemma shares (a synset no other lemma shares matches nothing), and
// the irregular forms (the .exc lists) of those lemmas, after WordNet's
// licence (the header of index.noun), which must accompany any copy of
// the database or a part of it. Synsets are
// numbered densely by part of speech and offset. The same database gives
// the same file.
func WriteLexicon(dir string, w io.Writer) error {
	type sense struct {
		pos    string
		offset int
	}
	senses := map[string][]sense{} // lemma -> its kept senses
	members := map[sense]int{}     // synset -> kept lemmas in it
	var notice []string            // the licence, from index.noun's header
	for _, pos := range []string{"noun", "verb", "adj", "adv"} {
		path := filepath.Join(dir, "index."+pos)
		err := eachLine(path, func(n int, line string) error {
			if strings.HasPrefix(line, "  ") {
				// The licence: "  n text  ", kept from index.noun.
				if pos == "noun" {
					f := strings.Fields(line)
					notice = append(notice, strings.Join(f[min(1, len(f)):], " "))
				}
				return nil
			}
			f := strings.Fields(line)
			if len(f) < 4 {
				return fmt.Errorf("%s:%d: %d fields, want at least 4", path, n, len(f))
			}
			lemma := f[0]
			synCnt, err1 := strconv.Atoi(f[2])
			pCnt, err2 := strconv.Atoi(f[3])
			if err1 != nil || err2 != nil || len(f) != 4+pCnt+2+synCnt {
				return fmt.Errorf("%s:%d: malformed index line", path, n)
			}
			tagged, err := strconv.Atoi(f[4+pCnt+1])
			if err != nil {
				return fmt.Errorf("%s:%d: tagsense_cnt: %w", path, n, err)
			}
			if tagged == 0 || !plainWord(lemma) {
				return nil
			}
			for _, o := range f[4+pCnt+2 : 4+pCnt+2+min(tagged, SensesPerWord)] {
				off, err := strconv.Atoi(o)
				if err != nil {
					return fmt.Errorf("%s:%d: synset offset %q: %w", path, n, o, err)
				}
				s := sense{pos, off}
				senses[lemma] = append(senses[lemma], s)
				members[s]++
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	var shared []sense
	for s, n := range members {
		if n >= 2 {
			shared = append(shared, s)
		}
	}
	slices.SortFunc(shared, func(a, b sense) int {
		if c := strings.Compare(a.pos, b.pos); c != 0 {
			return c
		}
		return a.offset - b.offset
	})
	id := make(map[sense]int, len(shared))
	for i, s := range shared {
		id[s] = i
	}
	lemmas := make([]string, 0, len(senses))
	for l := range senses {
		lemmas = append(lemmas, l)
	}
	slices.Sort(lemmas)

	exc := map[string][]string{}
	for _, pos := range []string{"noun", "verb", "adj", "adv"} {
		path := filepath.Join(dir, pos+".exc")
		err := eachLine(path, func(n int, line string) error {
			f := strings.Fields(line)
			if len(f) < 2 {
				return fmt.Errorf("%s:%d: %d fields, want at least 2", path, n, len(f))
			}
			if !plainWord(f[0]) {
				return nil
			}
			for _, base := range f[1:] {
				if _, ok := senses[base]; ok && base != f[0] && !slices.Contains(exc[f[0]], base) {
					exc[f[0]] = append(exc[f[0]], base)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	forms := make([]string, 0, len(exc))
	for f := range exc {
		forms = append(forms, f)
	}
	slices.Sort(forms)

	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# Lemmas, synonym sets and irregular forms from WordNet 3.0 (Princeton University),\n")
	fmt.Fprintf(bw, "# written by internal/train (make train) from Debian's wordnet-base: the %d single-word lemmas\n", len(lemmas))
	fmt.Fprintf(bw, "# with a sense in WordNet's tagged corpus, each with its first %d tagged senses per part of\n", SensesPerWord)
	fmt.Fprintf(bw, "# speech that another listed lemma shares (%d synsets, numbered densely), then the irregular\n", len(shared))
	fmt.Fprintf(bw, "# forms of those lemmas (%d). Lines: \"L lemma synset...\" and \"X form lemma...\".\n#\n", len(forms))
	if len(notice) == 0 {
		return fmt.Errorf("sftrain: %s: no licence header", filepath.Join(dir, "index.noun"))
	}
	for _, l := range notice {
		bw.WriteString(strings.TrimSpace("# "+l) + "\n")
	}
	for _, l := range lemmas {
		var ids []int
		for _, s := range senses[l] {
			if i, ok := id[s]; ok {
				ids = append(ids, i)
			}
		}
		slices.Sort(ids)
		ids = slices.Compact(ids)
		bw.WriteString("L " + l)
		for _, i := range ids {
			bw.WriteString(" " + strconv.Itoa(i))
		}
		bw.WriteByte('\n')
	}
	for _, f := range forms {
		bases := exc[f]
		slices.Sort(bases)
		bw.WriteString("X " + f + " " + strings.Join(bases, " ") + "\n")
	}
	return bw.Flush()
}

// plainWord reports whether a WordNet lemma is one lower-case word (no
// collocation, digit or capital), as lineage's tokens are.
func plainWord(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && r != '-' && r != '\'' {
			return false
		}
	}
	return true
}

// eachLine calls fn with each line of the file at path and its number.
func eachLine(path string, fn func(n int, line string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("sftrain: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		if err := fn(n, sc.Text()); err != nil {
			return fmt.Errorf("sftrain: %w", err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("sftrain: %s: %w", path, err)
	}
	return nil
}

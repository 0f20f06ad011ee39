// Package outlet names news outlets: a shipped table (aliases.tsv) of the
// names each outlet is known and credited by ("Fox News", "Fox", "fox")
// and the web domains of its articles, so that two ways of writing an
// outlet can be found to be the same one.
//
// The table lists about eighty American, British and international
// outlets. It serves both the outlet filter of a search and the credits
// of a lineage report ("the New York Times reports"), which resolve to
// the group member whose outlet field or URL domain is that outlet. A
// name the table does not hold matches only itself, compared without
// case, a leading "the", a possessive and punctuation at its ends.
package outlet

import (
	"bufio"
	_ "embed"
	"fmt"
	"strings"
	"sync"
)

//go:embed aliases.tsv
var aliasesTSV string

// Table maps outlet names and web domains to outlet keys.
type Table struct {
	byName   map[string]string // normalized name -> key
	byDomain map[string]string // lower-case domain -> key
	names    map[string]string // key -> the first name listed
}

var (
	once     sync.Once
	shipped  *Table
	parseErr error
)

// Shipped returns the table in aliases.tsv, parsed on first use.
func Shipped() (*Table, error) {
	once.Do(func() { shipped, parseErr = Parse(aliasesTSV) })
	return shipped, parseErr
}

// Parse reads a table: lines starting with '#' and blank lines are
// ignored; every other line is key, names and domains separated by tabs,
// names and domains each separated by '|'. The key is a name too. A name
// listed under two keys is an error naming its line.
func Parse(src string) (*Table, error) {
	t := &Table{byName: map[string]string{}, byDomain: map[string]string{}, names: map[string]string{}}
	sc := bufio.NewScanner(strings.NewReader(src))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 || f[0] == "" {
			return nil, fmt.Errorf("outlet: aliases.tsv:%d: want key, names and domains separated by tabs, got %q", n, line)
		}
		if _, ok := t.names[f[0]]; !ok {
			t.names[f[0]] = strings.TrimSpace(strings.Split(f[1], "|")[0])
		}
		for _, name := range append(strings.Split(f[1], "|"), f[0]) {
			k := Normalize(name)
			if k == "" {
				continue
			}
			if prev, dup := t.byName[k]; dup && prev != f[0] {
				return nil, fmt.Errorf("outlet: aliases.tsv:%d: name %q is listed under %q too", n, name, prev)
			}
			t.byName[k] = f[0]
		}
		for _, d := range strings.Split(f[2], "|") {
			if d = strings.ToLower(strings.TrimSpace(d)); d != "" {
				t.byDomain[d] = f[0]
			}
		}
	}
	return t, sc.Err()
}

// Name returns the name an outlet key is listed with first ("New York
// Times" for nyt), or "" for a key the table does not hold.
func (t *Table) Name(key string) string { return t.names[key] }

// Normalize lower-cases a name, drops a leading "the", a possessive and
// punctuation at its ends, and folds white space: "The New York Times's"
// is "new york times".
func Normalize(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	s = strings.TrimPrefix(s, "the ")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "’s"), "'s")
	return strings.Trim(s, ".,;:'’\"“”-")
}

// Key returns the key of the outlet a name names in the table ("Fox
// News", "fox" and "FOX" are "fox"), and whether the table holds it.
func (t *Table) Key(name string) (string, bool) {
	k, ok := t.byName[Normalize(name)]
	return k, ok
}

// Leading returns the key of the outlet named by the longest run of a
// name's words, from its first, that the table holds ("Axios Tuesday" is
// "axios", "the New York Times Co" is "nyt"), and whether there is one.
// It reads an outlet out of a credit whose name runs on into the next
// words.
func (t *Table) Leading(name string) (string, bool) {
	return t.longestRun(name, func(string, string, bool) bool { return true })
}

// longestRun returns the key of the longest run of name's words, from its
// first, that the table holds and accept takes (the run, its key, whether
// it is the whole name), and whether there is one.
func (t *Table) longestRun(name string, accept func(run, key string, whole bool) bool) (string, bool) {
	words := strings.Fields(Normalize(name))
	for n := len(words); n > 0; n-- {
		run := Normalize(strings.Join(words[:n], " "))
		if k, ok := t.byName[run]; ok && accept(run, k, n == len(words)) {
			return k, true
		}
	}
	return "", false
}

// Field returns the key of the outlet an outlet field names, and whether
// there is one: the whole field as any name of the table, or its longest
// leading run of words that is an outlet's first-listed name ("Fox News
// Digital" is fox, "Reuters Staff" reuters). An alias matches only a
// whole field: "Times of India", "Journal Sentinel" and "Post and
// Courier" are not the New York Times, the Wall Street Journal and the
// Washington Post. [Table.Leading], for names read in prose that run on
// into the next words, takes aliases too.
func (t *Table) Field(name string) (string, bool) {
	return t.longestRun(name, func(run, key string, whole bool) bool {
		return whole || Normalize(t.names[key]) == run
	})
}

// Domain returns the key of the outlet whose web domain host is, or is a
// subdomain of, and whether there is one.
func (t *Table) Domain(host string) (string, bool) {
	host = strings.TrimPrefix(strings.ToLower(host), "www.")
	for host != "" {
		if k, ok := t.byDomain[host]; ok {
			return k, true
		}
		i := strings.IndexByte(host, '.')
		if i < 0 {
			break
		}
		host = host[i+1:]
	}
	return "", false
}

// Same reports whether two names name the same outlet: they are equal
// once normalized, or the table resolves both to one key.
func (t *Table) Same(a, b string) bool {
	na, nb := Normalize(a), Normalize(b)
	if na == "" || nb == "" {
		return false
	}
	if na == nb {
		return true
	}
	ka, oka := t.byName[na]
	kb, okb := t.byName[nb]
	return oka && okb && ka == kb
}

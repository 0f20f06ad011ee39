package index

import (
	"errors"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// errOverTerms is what a term count over the bound returns; Search turns
// it into an ErrTooManyTerms that names the query.
var errOverTerms = errors.New("over the bound")

// termBound returns the bound a search of q holds to: q.MaxTerms, else
// the handle's ([Options].MaxTerms); 0 when there is none.
func (ix *Index) termBound(q Query) int {
	n := q.MaxTerms
	if n == 0 {
		n = ix.maxTerms
	}
	if n == 0 {
		n = DefaultMaxTerms
	}
	return max(n, 0)
}

// checkTerms counts the terms q expands to in the index, and returns
// errOverTerms as soon as they are more than bound: the words of the
// index a wildcard, prefix, regexp or fuzzy term matches (reading the
// term dictionary no further than the bound), and the clauses of a
// disjunction (the words of a long query). The bound is the handle's,
// not bleve's process-wide clause limit, which stays lifted, so that two
// handles (or two queries) can hold to different bounds at once. Numeric
// and date ranges are not counted: their expansion is bounded by the
// precision of their encoding, not by the index.
func (ix *Index) checkTerms(q query.Query, bound int) (err error) {
	if bound <= 0 {
		return nil
	}
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	defer r.Close()
	c := termCounter{r: r, m: ix.bleve.Mapping(), bound: bound}
	return c.walk(q)
}

type termCounter struct {
	r     bindex.IndexReader
	m     mapping.IndexMapping
	bound int
}

func (c *termCounter) field(f string) string {
	if f == "" {
		return c.m.DefaultSearchField()
	}
	return f
}

func (c *termCounter) walk(q query.Query) error {
	switch q := q.(type) {
	case *query.BooleanQuery:
		for _, sub := range []query.Query{q.Must, q.Should, q.MustNot, q.Filter} {
			if sub != nil {
				if err := c.walk(sub); err != nil {
					return err
				}
			}
		}
	case *query.ConjunctionQuery:
		for _, sub := range q.Conjuncts {
			if err := c.walk(sub); err != nil {
				return err
			}
		}
	case *query.DisjunctionQuery:
		if len(q.Disjuncts) > c.bound {
			return errOverTerms
		}
		for _, sub := range q.Disjuncts {
			if err := c.walk(sub); err != nil {
				return err
			}
		}
	case *query.MatchQuery:
		return c.tokens(q.FieldVal, q.Analyzer, q.Match, q.Fuzziness, q.Prefix)
	case *query.MatchPhraseQuery:
		if q.Fuzziness > 0 {
			return c.tokens(q.FieldVal, q.Analyzer, q.MatchPhrase, q.Fuzziness, 0)
		}
	case *query.FuzzyQuery:
		return c.fuzzy(c.field(q.FieldVal), q.Term, q.Fuzziness, q.Prefix)
	case *query.PrefixQuery:
		return c.count(c.r.FieldDictPrefix(c.field(q.FieldVal), []byte(q.Prefix)))
	case *query.WildcardQuery:
		return c.regexp(c.field(q.FieldVal), wildcardRegexp.Replace(q.Wildcard))
	case *query.RegexpQuery:
		return c.regexp(c.field(q.FieldVal), strings.TrimPrefix(q.Regexp, "^"))
	}
	return nil
}

// tokens counts the terms of an analyzed text, each a clause of a
// disjunction, and with fuzziness the words each matches.
func (c *termCounter) tokens(field, analyzer, text string, fuzziness, prefix int) error {
	field = c.field(field)
	if analyzer == "" {
		analyzer = c.m.AnalyzerNameForPath(field)
	}
	a := c.m.AnalyzerNamed(analyzer)
	if a == nil {
		return nil // bleve reports it
	}
	toks := a.Analyze([]byte(text))
	if len(toks) > c.bound {
		return errOverTerms
	}
	if fuzziness <= 0 {
		return nil
	}
	for _, t := range toks {
		if err := c.fuzzy(field, string(t.Term), fuzziness, prefix); err != nil {
			return err
		}
	}
	return nil
}

func (c *termCounter) fuzzy(field, term string, fuzziness, prefix int) error {
	r, ok := c.r.(bindex.IndexReaderFuzzy)
	if !ok || fuzziness <= 0 {
		return nil
	}
	var pre strings.Builder
	for i, ch := range term {
		if i >= prefix {
			break
		}
		pre.WriteRune(ch)
	}
	d, err := r.FieldDictFuzzy(field, term, fuzziness, pre.String())
	if err != nil {
		return nil // bleve reports it (a fuzziness over its maximum)
	}
	return c.count(d, nil)
}

func (c *termCounter) regexp(field, re string) error {
	r, ok := c.r.(bindex.IndexReaderRegexp)
	if !ok {
		return nil
	}
	d, err := r.FieldDictRegexp(field, re)
	if err != nil {
		return nil // bleve reports it (a regexp that does not compile)
	}
	return c.count(d, nil)
}

// count reads d up to one term past the bound.
func (c *termCounter) count(d bindex.FieldDict, err error) error {
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	defer d.Close()
	n := 0
	for {
		e, err := d.Next()
		if err != nil {
			return fmt.Errorf("index: %w", err)
		}
		if e == nil {
			return nil
		}
		if n++; n > c.bound {
			return errOverTerms
		}
	}
}

// wildcardRegexp turns a wildcard into the regexp bleve searches for it
// (bleve's query.WildcardQuery).
var wildcardRegexp = strings.NewReplacer(
	"+", `\+`, "(", `\(`, ")", `\)`, "^", `\^`, "$", `\$`, ".", `\.`,
	"{", `\{`, "}", `\}`, "[", `\[`, "]", `\]`, `|`, `\|`, `\`, `\\`,
	"*", ".*", "?", ".")

// Package term defines the content term: the key under which grouping
// (package cluster, its term vectors and their background document
// frequencies) and lineage (sentence alignment) compare the words of two
// texts.
package term

import (
	porterstemmer "github.com/blevesearch/go-porterstemmer"

	"github.com/wirediff/wirediff/similarity"
)

// Key returns the content term of a normalized token (as
// [similarity.AppendTokens] returns it), or "" when the token is not a
// content word. A number (a token opening with a digit 0-9) is its own
// term; any other token of at least two bytes that is not a stopword
// ([similarity.IsStopword]) has its Porter stem (Porter 1980) as its term,
// as an index analyzed with Porter stemming holds it. Stopwords and single
// ASCII letters have none.
func Key(tok string) string {
	switch {
	case similarity.IsStopword(tok):
		return ""
	case IsNumber(tok):
		return tok
	case len(tok) < 2:
		return ""
	}
	return porterstemmer.StemString(tok)
}

// IsNumber reports whether a normalized token is a number: it opens with
// a digit 0-9 ("2019", "3.5", "1990s").
func IsNumber(tok string) bool {
	return tok != "" && tok[0] >= '0' && tok[0] <= '9'
}

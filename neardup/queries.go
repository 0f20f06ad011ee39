package neardup

import (
	"errors"
	"fmt"
	"os"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/index"
)

// ErrNotFound is an argument of [ReadQueries] that is neither an article
// of the index nor a file.
var ErrNotFound = errors.New("neither an indexed article nor a file")

// ReadQueries resolves arg into the articles to look up: an ID the index
// holds is that article as indexed; "-" reads opt.Stdin, JSON lines or,
// when it does not start with '{' (after decoding with opt.Encoding),
// plain text read as a .txt file would be, each article's Origin
// "stdin"; anything else is a file or directory of articles, read by
// [corpus.Read] with opt. The queries come as [Queries] lists them, with
// the reader's counts; an arg that is no ID and no file is
// [ErrNotFound].
func ReadQueries(ix Index, arg string, opt corpus.Options) ([]Query, corpus.Stats, error) {
	if arg != "-" {
		if ent, err := ix.Get(arg); err == nil {
			return []Query{{Article: ent.Article, Indexed: true}}, corpus.Stats{}, nil
		} else if !errors.Is(err, index.ErrNoID) {
			return nil, corpus.Stats{}, err
		}
		if _, err := os.Stat(arg); err != nil {
			return nil, corpus.Stats{}, fmt.Errorf("%q: %w", arg, ErrNotFound)
		}
	}
	opt.StdinText = true
	qs := NewQueries(ix)
	st, err := corpus.Read([]string{arg}, opt, func(a corpus.Article) error {
		if arg == "-" {
			a.Origin = "stdin"
		}
		qs.Add(a)
		return nil
	})
	if err != nil {
		return nil, st, err
	}
	return qs.List(), st, nil
}

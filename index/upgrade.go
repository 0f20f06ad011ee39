package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/wirediff/wirediff/similarity"
)

// upgradeSpaced moves a format 2 index opened for writing to format 3
// (formatWordSearch: its bleve index keeps the analyzer it was made with).
// The formats differ only in the tokens of scripts written without spaces,
// so an index none of whose articles holds such text is rewritten as
// format 3 in place: its signatures and features are what this
// wirediff would make. One that holds some has signatures this wirediff
// cannot compare with its own, and is ErrFormat with the advice to rebuild.
//
// The stored articles are read once, up to the first that holds such
// text (bleve's tokenizer drops Thai, Lao, Khmer and Myanmar, so the term
// dictionary cannot answer).
func (ix *Index) upgradeSpaced() error {
	errFound := errors.New("found")
	var found, where string
	err := ix.Scan(func(e Entry) error {
		for _, f := range []struct{ name, s string }{{"title", e.Article.Title}, {"text", e.Article.Text}} {
			if similarity.HasUnspaced(f.s) {
				found, where = e.Article.ID, f.name
				return errFound
			}
		}
		return nil
	})
	switch {
	case errors.Is(err, errFound):
		return fmt.Errorf("%w: %s has format %d and article %q holds %s written without spaces (Chinese, Japanese, Thai…), which this wirediff signs by character pairs (format %d): rebuild the index (remove %s and index again); it is still read as it is",
			ErrFormat, filepath.Join(ix.dir, "wirediff.json"), formatSpaced, found, where, formatWordSearch, ix.dir)
	case err != nil:
		return fmt.Errorf("index: upgrade %s: %w", ix.dir, err)
	}
	meta := ix.meta
	meta.Format = formatWordSearch
	data, _ := json.MarshalIndent(meta, "", "  ")
	if err := writeFileAtomic(filepath.Join(ix.dir, "wirediff.json"), append(data, '\n')); err != nil {
		return fmt.Errorf("index: upgrade %s: %w", ix.dir, err)
	}
	ix.meta = meta
	return nil
}

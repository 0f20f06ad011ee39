package neardup

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/index"
)

// failIndex fails every Get with an error other than index.ErrNoID.
type failIndex struct{ getIndex }

func (failIndex) Get(string) (index.Entry, error) { return index.Entry{}, errors.New("index broken") }

func TestReadQueries(t *testing.T) {
	ix := getIndex{"a": "alpha text"}
	dir := t.TempDir()
	file := filepath.Join(dir, "new.jsonl")
	require.NoError(t, os.WriteFile(file, []byte(`{"id":"n1","text":"one new article"}`+"\n"+`{"id":"a","text":"alpha text"}`+"\n"), 0o600))

	type q struct {
		ID, Text, Origin string
		Indexed          bool
	}
	for _, tt := range []struct {
		name, arg, stdin string
		want             []q
	}{
		{"indexed ID", "a", "", []q{{"a", "alpha text", "", true}}},
		{"file", file, "", []q{{"n1", "one new article", file + ":1", false}, {"a", "alpha text", file + ":2", true}}},
		{"stdin JSON", "-", `{"id":"s","text":"from a pipe"}` + "\n", []q{{"s", "from a pipe", "stdin", false}}},
		{"stdin text", "-", "Plain text, pasted.\n", nil}, // an ID made from the text
		{"empty stdin", "-", "", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			qs, _, err := ReadQueries(ix, tt.arg, corpus.Options{Stdin: strings.NewReader(tt.stdin)})
			require.NoError(t, err)
			var got []q
			for _, x := range qs {
				got = append(got, q{x.Article.ID, x.Article.Text, x.Article.Origin, x.Indexed})
			}
			if tt.name == "stdin text" {
				require.Len(t, got, 1)
				assert.Equal(t, "Plain text, pasted.", strings.TrimSpace(got[0].Text))
				assert.Equal(t, "stdin", got[0].Origin)
				return
			}
			assert.Equal(t, tt.want, got)
		})
	}

	_, _, err := ReadQueries(ix, filepath.Join(dir, "nothing-here"), corpus.Options{})
	assert.ErrorIs(t, err, ErrNotFound)
	_, _, err = ReadQueries(failIndex{ix}, "a", corpus.Options{})
	assert.ErrorContains(t, err, "index broken")
}

package listing

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/editorial"
)

// TestEditorialWriter: records written one at a time give the bytes of
// WriteEditorial in every format but the table, for any number of them.
func TestEditorialWriter(t *testing.T) {
	det, err := editorial.Default()
	require.NoError(t, err)
	var all []editorial.Record
	for i, text := range []string{
		"The council approved the budget on Tuesday, officials said.",
		"Isn't it obvious that this disastrous, shameful plan will fail us all?",
		"One can only assume the committee, \"in its wisdom\", never read the report.\tA tab.",
	} {
		res, err := det.Text(text)
		require.NoError(t, err)
		all = append(all, editorial.Record{ID: string(rune('a' + i)), Result: res})
	}
	for _, f := range []Format{JSON, JSONL, CSV, TSV} {
		for n := range len(all) + 1 {
			var want, got bytes.Buffer
			require.NoError(t, WriteEditorial(&want, f, all[:n]))
			w, err := NewEditorialWriter(&got, f)
			require.NoError(t, err)
			for _, r := range all[:n] {
				require.NoError(t, w.Write(r))
			}
			require.NoError(t, w.Close())
			assert.Equal(t, want.String(), got.String(), "%s, %d records", f, n)
		}
	}
	_, err = NewEditorialWriter(&bytes.Buffer{}, Table)
	assert.ErrorIs(t, err, ErrFormat)
}

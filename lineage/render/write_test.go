package render

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWrite: each format as its own writer writes it; HTML of one group
// to w, of several only into a directory, whose paths are listed.
func TestWrite(t *testing.T) {
	r := pairReport(t)
	one := []Named{{"r:a", r}}
	two := []Named{{"r:a", r}, {"ids", r}}

	for format, write := range map[string]func(*bytes.Buffer) error{
		"json":  func(b *bytes.Buffer) error { return WriteJSON(b, two) },
		"table": func(b *bytes.Buffer) error { return WriteTables(b, two) },
	} {
		var got, want bytes.Buffer
		require.NoError(t, Write(&got, format, "", two))
		require.NoError(t, write(&want))
		assert.Equal(t, want.String(), got.String(), format)
	}

	var page, want bytes.Buffer
	require.NoError(t, Write(&page, "html", "", one))
	require.NoError(t, r.WriteHTMLPage(&want, "r:a"))
	assert.Equal(t, want.String(), page.String())

	assert.ErrorIs(t, Write(&page, "html", "", two), ErrPagesNeedDir)
	assert.Error(t, Write(&page, "xml", "", one))

	dir := t.TempDir()
	var listed bytes.Buffer
	require.NoError(t, Write(&listed, "html", dir, two))
	lines := strings.Split(strings.TrimSpace(listed.String()), "\n")
	require.Len(t, lines, 3, "two pages and the index")
	assert.Equal(t, filepath.Join(dir, "index.html"), lines[2])
}

//go:build unix

package corpus

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadCSVQuoteFromPipe: the rows a quote left open swallowed are read
// again from memory when the CSV comes through a named pipe, which cannot
// be read twice; the same rows are read as from a file.
func TestReadCSVQuoteFromPipe(t *testing.T) {
	const rows, every = 300, 20
	data := badRowsCSV(rows, every)
	dir := t.TempDir()
	fifo := filepath.Join(dir, "a.csv")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		f.WriteString(data)
		f.Close()
	}()
	piped := read(t, []string{fifo}, Options{})
	file := read(t, []string{filepath.Join(writeFiles(t, map[string]string{"a.csv": data}), "a.csv")}, Options{})
	assert.Equal(t, rows/every, piped.stats.Skipped[MalformedCSV], "every bad row reported")
	assert.Equal(t, rows-rows/every, piped.stats.Read, "every good row read")
	assert.Zero(t, piped.stats.Skipped[Unreadable])
	require.Equal(t, len(file.articles), len(piped.articles))
	for i := range file.articles {
		assert.Equal(t, file.articles[i].Text, piped.articles[i].Text)
	}
}

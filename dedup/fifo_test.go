//go:build unix

package dedup_test

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/dedup"
)

// TestRunNamedPipe: a named pipe is read once, with an index too, so the
// run ends.
func TestRunNamedPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "feed.jsonl")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	data := seedsJSONL(t)
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		f.WriteString(data)
		f.Close()
	}()
	ix := newIndex(t)
	done := make(chan error, 1)
	var res *dedup.Result
	go func() {
		var err error
		res, err = dedup.Run(context.Background(), dedup.Source{Paths: []string{fifo}},
			dedup.Options{Cluster: cluster.DefaultOptions(), Index: ix, TempDir: t.TempDir()})
		done <- err
	}()
	select {
	case err := <-done:
		require.NoError(t, err)
		assert.Equal(t, 5, len(res.Docs))
	case <-time.After(30 * time.Second):
		t.Fatal("Run on a named pipe did not end in 30s")
	}
}

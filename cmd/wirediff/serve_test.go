package main

import (
	"io"
	"net/http"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestServe: the binary serves an index until SIGINT, then exits 0; the
// search it answers is the one the search command prints.
func TestServe(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	ix := seedIndex(t)
	bin := buildBinary(t, t.TempDir())
	srv, base := startServer(t, bin, ix)
	resp, err := http.Get(base + "/search?q=peace&format=tsv")
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode, string(body))
	want, errs, code := wirediff(t, "", "search", "--index", ix, "--format", "tsv", "peace")
	require.Equal(t, 0, code, errs)
	assert.Equal(t, want, string(body))

	require.NoError(t, srv.Process.Signal(os.Interrupt))
	assert.NoError(t, srv.Wait(), "exit status after SIGINT")

	_, errs, code = wirediff(t, "", "serve", "--index", ix, "extra")
	assert.Equal(t, 2, code, errs)
	_, errs, code = wirediff(t, "", "serve", "--index", ix+"-none", "--addr", "127.0.0.1:0")
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "no index")
}

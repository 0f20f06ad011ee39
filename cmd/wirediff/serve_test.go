package main

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
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

// TestServeToken: with --token-file the server answers only requests
// that carry its first line as a bearer token; a token file that is
// missing or holds no token is a usage error before anything is served.
func TestServeToken(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	ix := seedIndex(t)
	dir := t.TempDir()
	tokenFile := filepath.Join(dir, "token")
	require.NoError(t, os.WriteFile(tokenFile, []byte("  s3cret\nsecond line\n"), 0o600))
	bin := buildBinary(t, dir)
	srv, base := startServer(t, bin, ix, "--token-file", tokenFile)
	defer func() {
		require.NoError(t, srv.Process.Signal(os.Interrupt))
		assert.NoError(t, srv.Wait(), "exit status after SIGINT")
	}()
	for token, want := range map[string]int{"": 401, "second line": 401, "s3cret": 200} {
		req, err := http.NewRequest(http.MethodGet, base+"/search?q=peace", nil)
		require.NoError(t, err)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, want, resp.StatusCode, "token %q", token)
	}

	empty := filepath.Join(dir, "empty")
	require.NoError(t, os.WriteFile(empty, []byte("\n  \n"), 0o600))
	_, errs, code := wirediff(t, "", "serve", "--index", ix, "--addr", "127.0.0.1:0", "--token-file", empty)
	assert.Equal(t, 2, code, errs)
	assert.Contains(t, errs, empty+": the first line holds no token")
	_, errs, code = wirediff(t, "", "serve", "--index", ix, "--addr", "127.0.0.1:0", "--token-file", filepath.Join(dir, "missing"))
	assert.Equal(t, 2, code, errs)
	assert.Contains(t, errs, "missing")
}

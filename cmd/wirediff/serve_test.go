package main

import (
	"fmt"
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

// TestReadToken: the token is the first line of its file as editors write
// it: spaces and a CR LF around it, a byte order mark before it (Notepad,
// Windows PowerShell's Set-Content -Encoding UTF8).
func TestReadToken(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		file, want string
	}{
		{"s3cret", "s3cret"},
		{"  s3cret  \nsecond line\n", "s3cret"},
		{"s3cret\r\n", "s3cret"},
		{"\ufeffs3cret\r\n", "s3cret"},
		{"\ufeff  s3cret\n", "s3cret"},
		// No token.
		{"", ""},
		{"\r\n", ""},
		{"\ufeff\r\ns3cret\r\n", ""},
	}
	for i, tt := range tests {
		path := filepath.Join(dir, fmt.Sprint(i))
		require.NoError(t, os.WriteFile(path, []byte(tt.file), 0o600))
		got, err := readToken(path)
		if tt.want == "" {
			assert.ErrorContains(t, err, "the first line holds no token", "readToken(%q)", tt.file)
			continue
		}
		require.NoError(t, err, "readToken(%q)", tt.file)
		assert.Equal(t, tt.want, got, "readToken(%q) = %q, want %q", tt.file, got, tt.want)
	}
}

package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/wirediff/wirediff/httpapi"
	"github.com/wirediff/wirediff/internal/cli"
)

func cmdServe(e *env, args []string) error {
	fs := cli.NewFlagSet("serve")
	dir := indexFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT` (port 0: any free port)")
	poll := fs.Duration("poll", httpapi.DefaultPoll, "how often to look for a newer commit")
	profile := fs.String("cpuprofile", "", "write a CPU profile to `FILE` (when the server stops)")
	workers := fs.Int("lineage-workers", 0, "analyze at most `N` lineage groups at a time, all requests together (0: one per core, at most one per GB of the memory limit)")
	cacheMB := fs.Int("lineage-cache-mb", httpapi.DefaultLineageCache>>20, "keep up to `MB` megabytes of lineage replies for identical requests (0: none)")
	tokenFile := fs.String("token-file", "", "answer only requests that carry the token in `FILE` (its first line) as \"Authorization: Bearer TOKEN\"")
	if err := parseFlags(e, fs, usage("serve"), args); err != nil {
		return err
	}
	if err := cli.NoArgs(fs); err != nil {
		return err
	}
	if *poll <= 0 {
		return cli.Usagef("--poll must be positive")
	}
	if *workers < 0 || *cacheMB < 0 {
		return cli.Usagef("--lineage-workers and --lineage-cache-mb must be 0 or more")
	}
	cacheBytes := *cacheMB << 20
	if cacheBytes == 0 {
		cacheBytes = -1 // none
	}
	token, err := readToken(*tokenFile)
	if err != nil {
		return err
	}
	stopProfile, err := cli.StartProfile(*profile)
	if err != nil {
		return err
	}
	defer stopProfile()
	srv, err := httpapi.New(*dir, httpapi.Options{Poll: *poll, Token: token, LineageWorkers: *workers, LineageCache: cacheBytes, Errorf: func(format string, args ...any) {
		fmt.Fprintf(e.stderr, "wirediff: serve: "+format+"\n", args...)
	}})
	if err != nil {
		return cli.WithStatus(err, 2)
	}
	defer srv.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	fmt.Fprintf(e.stderr, "wirediff: serving %s on http://%s\n", *dir, ln.Addr())
	if a, ok := ln.Addr().(*net.TCPAddr); ok && !a.IP.IsLoopback() && token == "" {
		fmt.Fprintf(e.stderr, "wirediff: serve: %s is not a loopback address and there is no --token-file: anyone who can reach it can read the index\n", ln.Addr())
	}
	select {
	case err = <-served:
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		err = hs.Shutdown(sctx)
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// readToken reads the first line of the token file path ("" for none),
// after a byte order mark (Windows editors write one): no client sends
// it, so a token kept with it would refuse every request.
func readToken(path string) (string, error) {
	if path == "" {
		return "", nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", cli.WithStatus(fmt.Errorf("serve: --token-file: %w", err), 2)
	}
	line, _, _ := strings.Cut(strings.TrimPrefix(string(b), "\ufeff"), "\n")
	token := strings.TrimSpace(line)
	if token == "" {
		return "", cli.Usagef("serve: --token-file %s: the first line holds no token", path)
	}
	return token, nil
}

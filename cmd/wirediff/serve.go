package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
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
	if err := parseFlags(e, fs, usage("serve"), args); err != nil {
		return err
	}
	if err := cli.NoArgs(fs); err != nil {
		return err
	}
	if *poll <= 0 {
		return cli.Usagef("--poll must be positive")
	}
	stopProfile, err := cli.StartProfile(*profile)
	if err != nil {
		return err
	}
	defer stopProfile()
	srv, err := httpapi.New(*dir, httpapi.Options{Poll: *poll, Errorf: func(format string, args ...any) {
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

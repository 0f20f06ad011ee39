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

	"github.com/spf13/pflag"

	"github.com/wirediff/wirediff/httpapi"
	"github.com/wirediff/wirediff/index"
)

const serveUsage = `Usage: wirediff serve [flags]

Answers search, show, similar and groups over HTTP, as JSON (or the
format the format parameter names), from one long-lived reader of the
index: no process start and no open of the index per query. It serves the
last committed snapshot and switches to a newer one when a writer
('wirediff dedup' or 'wirediff index') commits, so queries keep answering,
from a whole committed state, while a write runs. Stop it with Ctrl-C
(SIGINT) or SIGTERM.

Routes (GET; parameters as the commands' flags, with _ for -):
  /search?q=QUERY[&outlet=..&since=..&until=..&collapse=..&limit=..&offset=..&max_terms=..]
  /show?id=ID[&id=..&no_text=true]
  /similar?id=ID[&limit=..&candidates=..&passages=..&all=true]
           (or POST the text or JSON lines of new articles)
  /groups[?level=..&min_size=..&limit=..&outlet=..&since=..&until=..]
  /status
Each takes format=json (default), jsonl, csv, tsv or table. Errors are
400 (a bad parameter or query), 404 (an unknown ID) or 500, with a JSON
body {"error": "..."}.

Examples:
  wirediff serve --index wirediff.index --addr 127.0.0.1:8080
  curl -s '127.0.0.1:8080/search?q=%22peace+plan%22&limit=5'
`

func cmdServe(e *env, args []string) error {
	fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
	dir := fs.String("index", index.DefaultDir, "index directory")
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT` (port 0: any free port)")
	poll := fs.Duration("poll", httpapi.DefaultPoll, "how often to look for a newer commit")
	profile := fs.String("cpuprofile", "", "write a CPU profile to `FILE` (when the server stops)")
	if err := parseFlags(e, fs, serveUsage, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("serve: unexpected argument %q", fs.Arg(0))
	}
	if *poll <= 0 {
		return usagef("--poll must be positive")
	}
	stopProfile, err := startProfile(*profile)
	if err != nil {
		return err
	}
	defer stopProfile()
	srv, err := httpapi.New(*dir, httpapi.Options{Poll: *poll, Errorf: func(format string, args ...any) {
		fmt.Fprintf(e.stderr, "wirediff: serve: "+format+"\n", args...)
	}})
	if err != nil {
		return cliError{err, 2}
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

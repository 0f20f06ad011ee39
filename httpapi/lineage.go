package httpapi

import (
	"container/list"
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/wirediff/wirediff/lineage"
	"github.com/wirediff/wirediff/lineage/render"
	"github.com/wirediff/wirediff/lineage/selection"
)

// DefaultLineageCache is the memory the replies of recent lineage requests
// may take unless [Options.LineageCache] says otherwise.
const DefaultLineageCache = 64 << 20

// lineage answers /lineage: the reports 'wirediff lineage' writes of the
// groups named, in json (the default), jsonl, table or html (one group).
//
// An analysis takes time and memory in proportion to the group (seconds and
// most of a gigabyte for a report copied a thousand times), so the server
// bounds them: at most [Options.LineageWorkers] groups are analyzed at a
// time among all requests, the others waiting for a slot until their
// client leaves; identical requests under way share one analysis; and the
// reply is kept for the next identical request of the same snapshot.
func (s *Server) lineage(v *view, r *http.Request, out *reply) error {
	q := r.URL.Query()
	key := v.ix.Snapshot() + "\n" + q.Encode()
	if c, ok := s.cache.get(key); ok {
		c.to(out)
		out.cached = true
		return nil
	}
	// The analysis may outlive this request (others wait for it too), so
	// it holds the view for itself.
	s.live.hold(v)
	c, started, err := s.flights.do(r.Context(), key, func(ctx context.Context) (*cachedReply, error) {
		defer s.live.release(v)
		c, err := s.analyzeLineage(ctx, v, q)
		if err == nil {
			s.cache.put(key, c)
		}
		return c, err
	})
	if !started {
		s.live.release(v)
	}
	if err != nil {
		if r.Context().Err() != nil {
			return httpError{http.StatusServiceUnavailable, err}
		}
		return err
	}
	c.to(out)
	return nil
}

// analyzeLineage makes the reply of a lineage request of parameters q
// (read here, as the analysis may outlive the request).
func (s *Server) analyzeLineage(ctx context.Context, v *view, q url.Values) (*cachedReply, error) {
	p := &params{q: q}
	args := q["group"]
	source := p.str("source", "")
	format := p.str("format", "json")
	if len(args) == 0 && source == "" {
		return nil, badRequest("group: give a group label (from /groups), two or more article IDs (group=ID&group=ID), or source=ID for that article's rewrite group")
	}
	types := map[string]string{"json": "application/json", "jsonl": "application/x-ndjson",
		"table": "text/plain; charset=utf-8", "html": "text/html; charset=utf-8"}
	if types[format] == "" {
		return nil, badRequest("format=%q: want json, jsonl, table or html", format)
	}
	groups, err := selection.Resolve(v.ix, args, source)
	if se := (*selection.Error)(nil); errors.As(err, &se) {
		if se.Usage {
			return nil, badRequest("%v", se)
		}
		return nil, httpError{http.StatusNotFound, err}
	} else if err != nil {
		return nil, err
	}
	var notes []string
	for _, g := range groups {
		if g.Note != "" {
			notes = append(notes, g.Note)
		}
	}
	out := &reply{}
	w, err := render.NewWriter(&out.body, format, "", len(groups))
	if errors.Is(err, render.ErrPagesNeedDir) {
		names := make([]string, len(groups))
		for i, g := range groups {
			names[i] = g.Name
		}
		return nil, badRequest("format=html shows one group, and %s holds %d rewrite groups: ask for one of %s", strings.Join(args, ", "), len(groups), strings.Join(names, ", "))
	} else if err != nil {
		return nil, err
	}
	err = selection.Stream(ctx, v.ix, groups, selection.StreamOptions{Source: source, Limit: s.analyses}, w.Write)
	if errors.Is(err, lineage.ErrUnknownSource) {
		return nil, badRequest("source: %v", err)
	} else if err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return &cachedReply{body: out.body.Bytes(), contentType: types[format], note: strings.Join(notes, "; ")}, nil
}

// slots admits a fixed number of analyses at a time: a
// [selection.Limit].
type slots chan struct{}

func (s slots) Enter(ctx context.Context) error {
	select {
	case s <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s slots) Leave() { <-s }

// flights runs one call of a function per key at a time: the callers
// that ask for a key while its call is under way wait for it and share
// its result. A call is not tied to the caller that started it, so that
// one caller leaving does not fail the others, and it is cancelled once
// every caller waiting for it has gone.
type flights struct {
	mu sync.Mutex
	m  map[string]*flight
}

type flight struct {
	done    chan struct{}
	reply   *cachedReply
	err     error
	waiting int
	cancel  context.CancelFunc
}

// do returns fn's result for key, calling it (started) unless a call is
// under way, or ctx's error if ctx is done first.
func (f *flights) do(ctx context.Context, key string, fn func(context.Context) (*cachedReply, error)) (_ *cachedReply, started bool, _ error) {
	f.mu.Lock()
	fl := f.m[key]
	if started = fl == nil; started {
		if f.m == nil {
			f.m = map[string]*flight{}
		}
		fctx, cancel := context.WithCancel(context.Background())
		fl = &flight{done: make(chan struct{}), cancel: cancel}
		f.m[key] = fl
		go func() {
			fl.reply, fl.err = fn(fctx)
			cancel()
			f.mu.Lock()
			if f.m[key] == fl {
				delete(f.m, key)
			}
			f.mu.Unlock()
			close(fl.done)
		}()
	}
	fl.waiting++
	f.mu.Unlock()
	select {
	case <-fl.done:
		return fl.reply, started, fl.err
	case <-ctx.Done():
		f.mu.Lock()
		if fl.waiting--; fl.waiting == 0 {
			fl.cancel()
			if f.m[key] == fl {
				delete(f.m, key) // the next caller starts anew
			}
		}
		f.mu.Unlock()
		return nil, started, ctx.Err()
	}
}

// cachedReply is a lineage reply as kept.
type cachedReply struct {
	body              []byte
	contentType, note string
}

func (c *cachedReply) to(out *reply) {
	out.body.Write(c.body)
	out.contentType, out.note = c.contentType, c.note
}

// replyCache keeps replies by key within a budget of bytes, the least
// recently used going first. Its zero value keeps nothing.
type replyCache struct {
	mu    sync.Mutex
	max   int
	size  int
	order list.List // of *cacheEntry, the most recently used first
	byKey map[string]*list.Element
}

type cacheEntry struct {
	key   string
	reply *cachedReply
}

func newReplyCache(max int) *replyCache {
	return &replyCache{max: max, byKey: map[string]*list.Element{}}
}

func (c *replyCache) get(key string) (*cachedReply, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byKey[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*cacheEntry).reply, true
}

func (c *replyCache) put(key string, r *cachedReply) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := len(key) + len(r.body)
	if n > c.max {
		return
	}
	if e, ok := c.byKey[key]; ok {
		c.size -= len(key) + len(e.Value.(*cacheEntry).reply.body)
		c.order.Remove(e)
	}
	c.byKey[key] = c.order.PushFront(&cacheEntry{key, r})
	c.size += n
	for c.size > c.max {
		e := c.order.Back()
		old := e.Value.(*cacheEntry)
		c.order.Remove(e)
		delete(c.byKey, old.key)
		c.size -= len(old.key) + len(old.reply.body)
	}
}

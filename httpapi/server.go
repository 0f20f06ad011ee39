package httpapi

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"net/http"
	"net/url"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/listing"
	"github.com/wirediff/wirediff/neardup"
)

var errClosed = errors.New("httpapi: server closed")

// DefaultPoll is how often a server looks for a newer commit unless
// [Options.Poll] says otherwise.
const DefaultPoll = 250 * time.Millisecond

// maxBody bounds the articles a similar request may post.
const maxBody = 8 << 20

// Options configure a [Server].
type Options struct {
	// Poll is how often the server looks for a commit newer than the
	// snapshot it serves (reading DIR/CURRENT); 0 is DefaultPoll, and a
	// negative Poll never looks (call [Server.Refresh]).
	Poll time.Duration
	// Open opens the index read-only; nil is index.Open with
	// index.Options{ReadOnly: true}.
	Open func(dir string) (*index.Index, error)
	// Errorf, when set, is told of a failed switch to a newer snapshot
	// (the server keeps serving the one it has).
	Errorf func(format string, args ...any)
	// Token, when set, is the secret every request must carry in the
	// header "Authorization: Bearer TOKEN" (RFC 6750); a request
	// without it, or with another, is 401 and reads nothing.
	Token string
	// LineageWorkers bounds the groups that lineage requests analyze at
	// a time, all requests together; 0 is the number of cores
	// (GOMAXPROCS), but no more than one per gigabyte of the soft memory
	// limit (see defaultLineageWorkers).
	LineageWorkers int
	// LineageCache bounds the memory, in bytes, of the lineage replies
	// kept for identical requests of the same snapshot; 0 is
	// DefaultLineageCache, and a negative value keeps none.
	LineageCache int
}

// Server answers queries over the index in one directory. Its routes,
// each a GET (similar also takes a POST), answer in the format the format
// parameter names (json by default; jsonl, csv, tsv or table):
//
//	/search   q, outlet (repeatable or comma-separated), since, until,
//	          collapse, limit (10), offset, max_terms (1024; 0 for no
//	          bound), format
//	/show     id (repeatable), no_text, format
//	/similar  id, or a POSTed body (JSON lines, plain text, a web page
//	          or a feed, as 'wirediff similar -' reads); limit (10), candidates (50),
//	          passages (3), all, format
//	/groups   level (rewrite), min_size (2), limit (100, 0 for all),
//	          outlet, since, until, format
//	/lineage  group (repeatable: a group label, or two or more article
//	          IDs), source (the reference; alone, its rewrite group),
//	          format (json, jsonl, table or html: the page of one group)
//	/status   the snapshot served and its counts, as JSON
//
// With [Options].Token set, a request without the token is 401. A bad
// parameter or query is 400, an unknown ID or an index with no
// groups 404, each with a JSON body {"error": "..."}; a search that
// matches nothing is 200 with no hits. The header Wirediff-Snapshot names
// the snapshot that answered, and Wirediff-Note says which stored outlets
// an outlet parameter matched when they are not the names as given,
// what a lineage request's groups became (a story group reported per
// rewrite group), or which records of a similar request's body were
// skipped or kept without their publication time (the first five, by line,
// with the reason). Wirediff-Cache: hit says a lineage reply was kept from
// an identical request (see [Options].LineageCache).
type Server struct {
	live *live
	mux  *http.ServeMux
	opt  Options

	analyses slots       // admits lineage analyses
	flights  flights     // lineage analyses under way, by request
	cache    *replyCache // lineage replies

	stop chan struct{}
	done sync.WaitGroup
	once sync.Once
}

// New opens the index in dir and returns a server of it, looking for
// newer commits every opt.Poll until Close.
func New(dir string, opt Options) (*Server, error) {
	if opt.Open == nil {
		opt.Open = func(dir string) (*index.Index, error) {
			return index.Open(dir, index.Options{ReadOnly: true})
		}
	}
	if opt.Poll == 0 {
		opt.Poll = DefaultPoll
	}
	l, err := openLive(dir, opt.Open)
	if err != nil {
		return nil, err
	}
	if l.cur.ix.Snapshot() == "" {
		l.close()
		return nil, fmt.Errorf("httpapi: %s has no committed snapshot (it was written by an older wirediff), so a reader holds its lock and would keep every writer out: run 'wirediff dedup --index %s' once to commit one", dir, dir)
	}
	if opt.LineageWorkers <= 0 {
		opt.LineageWorkers = defaultLineageWorkers()
	}
	if opt.LineageCache == 0 {
		opt.LineageCache = DefaultLineageCache
	}
	s := &Server{live: l, mux: http.NewServeMux(), opt: opt, stop: make(chan struct{}),
		analyses: make(slots, opt.LineageWorkers), cache: newReplyCache(opt.LineageCache)}
	s.mux.HandleFunc("GET /search", s.handle(s.search, "q", "limit", "offset", "max_terms", "collapse", "outlet+", "since", "until", "format"))
	s.mux.HandleFunc("GET /show", s.handle(s.show, "id+", "no_text", "format"))
	s.mux.HandleFunc("GET /similar", s.handle(s.similar, similarParams...))
	s.mux.HandleFunc("POST /similar", s.handle(s.similar, similarParams...))
	s.mux.HandleFunc("GET /groups", s.handle(s.groups, "level", "min_size", "limit", "outlet+", "since", "until", "format"))
	s.mux.HandleFunc("GET /lineage", s.handle(s.lineage, "group", "source", "format"))
	s.mux.HandleFunc("GET /status", s.handle(s.status, "format"))
	s.mux.HandleFunc("/", noRoute)
	if opt.Poll > 0 {
		s.done.Add(1)
		go s.poll()
	}
	return s, nil
}

func (s *Server) poll() {
	defer s.done.Done()
	t := time.NewTicker(s.opt.Poll)
	defer t.Stop()
	reported := "" // the last error told, so that one failing snapshot is told once
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			_, err := s.live.refresh()
			if err == nil {
				reported = ""
			} else if err.Error() != reported && s.opt.Errorf != nil {
				reported = err.Error()
				s.opt.Errorf("%v (still serving the previous snapshot)", err)
			}
		}
	}
}

// Refresh switches to the last committed snapshot if a writer has
// committed since the one served was opened, and reports whether it did.
func (s *Server) Refresh() (bool, error) { return s.live.refresh() }

// Close stops looking for commits and closes the index once the queries
// under way are done. Queries after Close are 503.
func (s *Server) Close() error {
	s.once.Do(func() {
		close(s.stop)
		s.done.Wait()
		s.live.close()
	})
	return nil
}

// similarParams are the parameters /similar takes.
var similarParams = []string{"id", "limit", "candidates", "all", "passages", "format"}

// methods are the methods each route takes.
var methods = map[string]string{"/search": "GET", "/show": "GET", "/similar": "GET, POST",
	"/groups": "GET", "/lineage": "GET", "/status": "GET"}

// noRoute answers a request no route takes, as the errors of the routes
// are: in JSON, saying which routes there are, or which methods one takes.
func noRoute(w http.ResponseWriter, r *http.Request) {
	if m, ok := methods[r.URL.Path]; ok {
		w.Header().Set("Allow", m)
		writeError(w, httpError{http.StatusMethodNotAllowed, fmt.Errorf("%s takes %s, not %s", r.URL.Path, m, r.Method)})
		return
	}
	writeError(w, httpError{http.StatusNotFound, fmt.Errorf("no route %s: the routes are /search, /show, /similar, /groups, /lineage and /status", r.URL.Path)})
}

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.opt.Token != "" && !s.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="wirediff"`)
		writeError(w, httpError{http.StatusUnauthorized, errors.New("this server needs its token: send the header \"Authorization: Bearer TOKEN\"")})
		return
	}
	s.mux.ServeHTTP(w, r)
}

// authorized reports whether r carries the server's token. The two are
// compared as SHA-256 digests in constant time, so that neither the time
// taken nor the lengths tell how much of a guess was right.
func (s *Server) authorized(r *http.Request) bool {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	got, want := sha256.Sum256([]byte(strings.TrimSpace(token))), sha256.Sum256([]byte(s.opt.Token))
	return subtle.ConstantTimeCompare(got[:], want[:]) == 1
}

// reply is what a handler answers: a body in a format, and notes.
type reply struct {
	body   bytes.Buffer
	format listing.Format
	note   string
	// contentType, when set, is the body's type instead of format's.
	contentType string
	// cached: the body was kept from an identical request.
	cached bool
}

// httpError is an error with its status.
type httpError struct {
	status int
	err    error
}

func (e httpError) Error() string { return e.err.Error() }
func (e httpError) Unwrap() error { return e.err }

func badRequest(format string, args ...any) error {
	return httpError{http.StatusBadRequest, fmt.Errorf(format, args...)}
}

// handle runs h on the current view and writes its reply or its error.
// known names the parameters the route takes; one ending in "+" may be
// given more than once (id=a&id=b), the others once.
func (s *Server) handle(h func(v *view, r *http.Request, out *reply) error, known ...string) http.HandlerFunc {
	names := make([]string, len(known))
	many := map[string]bool{}
	for i, k := range known {
		name, repeated := strings.CutSuffix(k, "+")
		names[i], many[name] = name, repeated
	}
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := s.live.acquire()
		if err != nil {
			writeError(w, httpError{http.StatusServiceUnavailable, err})
			return
		}
		defer s.live.release(v)
		w.Header().Set("Wirediff-Snapshot", v.ix.Snapshot())
		// A parameter the route does not take is a mistake to say, not
		// to pass over: "max-terms=5" for max_terms would lift no bound.
		// Nor is a parameter given twice that takes one value: which
		// of q=a&q=b was meant?
		q := r.URL.Query()
		for _, name := range slices.Sorted(maps.Keys(q)) {
			if !slices.Contains(names, name) {
				takes := "no parameters"
				if len(names) > 0 {
					takes = strings.Join(names, ", ")
				}
				writeError(w, badRequest("%s takes no parameter %q (it takes %s)", r.URL.Path, name, takes))
				return
			}
			if len(q[name]) > 1 && !many[name] {
				writeError(w, badRequest("%s takes one %s, not %d (%s)", r.URL.Path, name, len(q[name]), strings.Join(q[name], ", ")))
				return
			}
		}
		out := &reply{format: listing.JSON}
		if err := h(v, r, out); err != nil {
			writeError(w, err)
			return
		}
		if out.note != "" {
			w.Header().Set("Wirediff-Note", out.note)
		}
		if out.cached {
			w.Header().Set("Wirediff-Cache", "hit")
		}
		ct := out.contentType
		if ct == "" {
			ct = contentType[out.format]
		}
		w.Header().Set("Content-Type", ct)
		w.Write(out.body.Bytes())
	}
}

var contentType = map[listing.Format]string{
	listing.Table: "text/plain; charset=utf-8",
	listing.JSON:  "application/json",
	listing.JSONL: "application/x-ndjson",
	listing.CSV:   "text/csv; charset=utf-8",
	listing.TSV:   "text/tab-separated-values; charset=utf-8",
}

func writeError(w http.ResponseWriter, err error) {
	status := http.StatusInternalServerError
	var he httpError
	switch {
	case errors.As(err, &he):
		status = he.status
	case errors.Is(err, index.ErrQuery):
		status = http.StatusBadRequest
	case errors.Is(err, index.ErrNoID):
		status = http.StatusNotFound
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	listing.NewEncoder(w, false).Encode(struct {
		Error string `json:"error"`
	}{err.Error()})
}

// params reads the query parameters of a request, remembering the first
// bad one.
type params struct {
	q   url.Values
	err error
}

func newParams(r *http.Request) *params { return &params{q: r.URL.Query()} }

func (p *params) str(name, def string) string {
	if v, ok := p.q[name]; ok && len(v) > 0 {
		return v[len(v)-1]
	}
	return def
}

func (p *params) int(name string, def, min int) int {
	s := p.str(name, "")
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err == nil && n < min {
		err = fmt.Errorf("below %d", min)
	}
	if err != nil && p.err == nil {
		p.err = badRequest("%s=%q: want a whole number of at least %d", name, s, min)
	}
	return n
}

func (p *params) bool(name string) bool {
	switch s := p.str(name, ""); s {
	case "", "0", "false":
		return false
	case "1", "true":
		return true
	default:
		if p.err == nil {
			p.err = badRequest("%s=%q: want true or false", name, s)
		}
		return false
	}
}

func (p *params) format() listing.Format {
	f, err := listing.ParseFormat(p.str("format", string(listing.JSON)))
	if err != nil && p.err == nil {
		p.err = badRequest("format: %v", err)
	}
	return f
}

// filter reads outlet, since and until as search and groups take them.
func (p *params) filter() index.Filter {
	f, err := index.ParseFilter(p.q["outlet"], p.q.Get("since"), p.q.Get("until"))
	if err != nil && p.err == nil {
		p.err = badRequest("%v", err)
	}
	return f
}

func (p *params) level(name, def string) cluster.Level {
	s := p.str(name, def)
	l, err := cluster.ParseLevel(s)
	if err != nil && p.err == nil {
		p.err = badRequest("%s: %v", name, err)
	}
	return l
}

// outletNote is the note on the outlets a filter's names match.
func outletNote(v *view, names []string, out *reply) error {
	note, err := listing.NoteOutlets(v.ix, names)
	out.note = note
	return err
}

func (s *Server) search(v *view, r *http.Request, out *reply) error {
	p := newParams(r)
	text := p.str("q", "")
	limit := p.int("limit", 10, 1)
	offset := p.int("offset", 0, 0)
	maxTerms := p.int("max_terms", index.DefaultMaxTerms, 0)
	if maxTerms == 0 {
		maxTerms = index.NoMaxTerms
	}
	collapse := p.str("collapse", "")
	level := cluster.Rewrite // the level of each hit's group, as dedup lists them
	if collapse != "" {
		level = p.level("collapse", "")
	}
	filter := p.filter()
	out.format = p.format()
	if p.err != nil {
		return p.err
	}
	if strings.TrimSpace(text) == "" {
		return badRequest("search: no query (q=...); to list articles, use /groups?min_size=1")
	}
	if err := outletNote(v, filter.Outlets, out); err != nil {
		return err
	}
	marks := index.Marks{}
	if out.format == listing.Table {
		marks = index.Marks{Before: "«", After: "»"}
	}
	if collapse != "" && v.groups.Len() == 0 {
		out.note = strings.TrimPrefix(out.note+"; the index has no groups yet, so every hit is a group of one", "; ")
	}
	res := listing.Search{Query: text, Offset: offset, Limit: limit, Collapse: collapse, MaxTerms: maxTerms}
	if err := res.Run(v.ix, filter, marks, v.groups, level); err != nil {
		return err
	}
	return res.Write(&out.body, out.format)
}

// maxMembersShown bounds the members listed per group in a table, as
// 'wirediff show' does.
const maxMembersShown = 12

func (s *Server) show(v *view, r *http.Request, out *reply) error {
	p := newParams(r)
	ids := r.URL.Query()["id"]
	noText := p.bool("no_text")
	out.format = p.format()
	if p.err != nil {
		return p.err
	}
	if len(ids) == 0 {
		return badRequest("show: no article ID (id=...)")
	}
	l, err := listing.Show(v.ix, v.groups, ids, noText, maxMembersShown)
	if err != nil {
		return err
	}
	return l.Write(&out.body, out.format)
}

func (s *Server) similar(v *view, r *http.Request, out *reply) error {
	p := newParams(r)
	id := p.str("id", "")
	opt := neardup.NearOptions{
		Limit:      p.int("limit", 10, 1),
		Candidates: p.int("candidates", 50, 1),
		All:        p.bool("all"),
	}
	passages := p.int("passages", 3, 0)
	out.format = p.format()
	if p.err != nil {
		return p.err
	}
	var qs []neardup.Query
	switch {
	case r.Method == http.MethodPost && id != "":
		return badRequest("similar: an id or a body, not both")
	case r.Method == http.MethodPost:
		// The corpus reader reports a read error as a record it could not
		// read and goes on; the body's limit is watched here instead, so
		// that a body cut at the limit is refused whole, not answered in
		// part.
		body := &bodyLimit{r: http.MaxBytesReader(nil, r.Body, maxBody)}
		// Records of the body that are skipped, or kept without their
		// publication time, are said in Wirediff-Note.
		var problems []string
		tell := func(kept string) func(corpus.Problem) {
			return func(p corpus.Problem) {
				problems = append(problems, fmt.Sprintf("body line %d%s: %s: %s", p.Line, kept, p.Reason, p.Detail))
			}
		}
		var err error
		qs, _, err = neardup.ReadQueries(v.ix, "-", corpus.Options{Stdin: body, OnProblem: tell(" skipped"), OnUnreadDate: tell("")})
		out.note = noteOf(problems)
		var tooBig *http.MaxBytesError
		if body.over || errors.As(err, &tooBig) {
			out.note = ""
			return httpError{http.StatusRequestEntityTooLarge, fmt.Errorf("similar: body over %d bytes", maxBody)}
		}
		if err != nil {
			return badRequest("similar: %v", err)
		}
		if len(qs) == 0 {
			return badRequest("similar: no article in the body")
		}
	case id == "":
		return badRequest("similar: no article (id=..., or POST the text)")
	default:
		ent, err := v.ix.Get(id)
		if err != nil {
			return err
		}
		qs = []neardup.Query{{Article: ent.Article, Indexed: true}}
	}
	finder, err := v.nearFinder()
	if err != nil {
		return err
	}
	var outs []listing.Query
	v.similar.Lock()
	defer v.similar.Unlock()
	for _, q := range qs {
		near, err := finder.Near(&q, opt)
		if err != nil {
			return err
		}
		outs = append(outs, listing.NewQuery(&q, near, v.groups, passages))
	}
	return listing.WriteSimilar(&out.body, out.format, outs)
}

// bodyLimit reads a request body through http.MaxBytesReader and
// remembers whether the body went over its limit.
type bodyLimit struct {
	r    io.Reader
	over bool
}

func (b *bodyLimit) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		b.over = true
	}
	return n, err
}

// defaultGroupsLimit is the groups listed unless limit says otherwise, as
// 'wirediff groups' lists.
const defaultGroupsLimit = 100

func (s *Server) groups(v *view, r *http.Request, out *reply) error {
	p := newParams(r)
	q := listing.GroupsQuery{
		Level:   p.level("level", "rewrite"),
		MinSize: p.int("min_size", 2, 1),
		Limit:   p.int("limit", defaultGroupsLimit, 0),
	}
	filter := p.filter()
	out.format = p.format()
	if p.err != nil {
		return p.err
	}
	if v.groups.Len() == 0 {
		return httpError{http.StatusNotFound, fmt.Errorf("index %s has no groups yet: run 'wirediff dedup --index %s' to group the articles it holds", v.ix.Dir(), v.ix.Dir())}
	}
	if err := outletNote(v, filter.Outlets, out); err != nil {
		return err
	}
	if len(filter.Outlets) > 0 || !filter.Since.IsZero() || !filter.Until.IsZero() {
		var err error
		if q.Keep, err = v.ix.Matching(filter); err != nil {
			return err
		}
	}
	l, _, err := listing.IndexGroups(v.ix, v.groups, q)
	if err != nil {
		return err
	}
	return l.Write(&out.body, out.format)
}

// maxNoted bounds the problems a Wirediff-Note names; the rest are
// counted.
const maxNoted = 5

// noteOf joins problems into one header value: the first maxNoted, then
// how many more, in ASCII with no control character.
func noteOf(problems []string) string {
	if len(problems) == 0 {
		return ""
	}
	shown := problems[:min(len(problems), maxNoted)]
	note := strings.Join(shown, "; ")
	if more := len(problems) - len(shown); more > 0 {
		note += fmt.Sprintf("; and %d more", more)
	}
	q := strconv.QuoteToASCII(note)
	return q[1 : len(q)-1]
}

// Status is the document of /status.
type Status struct {
	Index    string `json:"index"`
	Snapshot string `json:"snapshot"`
	Articles int    `json:"articles"`
	Grouped  int    `json:"grouped"`
}

func (s *Server) status(v *view, r *http.Request, out *reply) error {
	// JSON only; format=json, which clients may send to every route, is
	// taken.
	if f := r.URL.Query().Get("format"); f != "" && f != string(listing.JSON) {
		return badRequest("format=%q: /status answers in JSON only", f)
	}
	n, err := v.ix.Count()
	if err != nil {
		return err
	}
	st := Status{Index: v.ix.Dir(), Snapshot: v.ix.Snapshot(), Articles: n, Grouped: v.groups.Len()}
	return listing.NewEncoder(&out.body, true).Encode(st)
}

// lineageWorkerBytes is the memory the default number of lineage workers
// allows each: the analysis of a report with 1,000 copies peaks at 0.8 GB
// (docs/measurements.md, "Copies of one report"), and the rest of the
// server needs some too.
const lineageWorkerBytes = 1 << 30

// defaultLineageWorkers is one lineage worker per core, but no more than
// one per lineageWorkerBytes of the soft memory limit when one is set
// (wirediff sets it from the cgroup's or the machine's memory), so that a
// server with many cores and little memory does not run out of it when
// several large groups are asked for at once.
func defaultLineageWorkers() int {
	n := runtime.GOMAXPROCS(0)
	if lim := debug.SetMemoryLimit(-1); lim < math.MaxInt64 {
		n = min(n, max(1, int(lim/lineageWorkerBytes)))
	}
	return n
}

package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/lineage/render"
	"github.com/wirediff/wirediff/lineage/selection"
	"github.com/wirediff/wirediff/listing"
)

// seedIndex returns an index of the five seed articles, grouped.
func seedIndex(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "seeds.index")
	ix, err := dedup.OpenIndex(dir, index.Options{Create: true})
	require.NoError(t, err)
	_, err = dedup.Run(context.Background(), dedup.Source{Paths: []string{"../testdata/seeds"}}, dedup.Options{Index: ix})
	require.NoError(t, err)
	require.NoError(t, ix.Close())
	return dir
}

func newTestServer(t testing.TB, dir string, opt Options) (*Server, *httptest.Server) {
	t.Helper()
	s, err := New(dir, opt)
	require.NoError(t, err)
	hs := httptest.NewServer(s)
	t.Cleanup(func() {
		hs.Close()
		s.Close()
	})
	return s, hs
}

func get(t testing.TB, url string) (int, http.Header, string) {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, resp.Header, string(body)
}

const first = "000_4bd703d3e122696c"

func TestRoutes(t *testing.T) {
	_, hs := newTestServer(t, seedIndex(t), Options{Poll: -1})
	tests := []struct {
		path   string
		status int
		want   []string // in the body
		ctype  string   // prefix of Content-Type, when set
	}{
		// search
		{"/search?q=peace", 200, []string{`"query": "peace"`, `"total": 5`}, "application/json"},
		{"/search?q=peace&format=table", 200, []string{"«peace»"}, "text/plain"},
		{"/search?q=peace&format=tsv&limit=2", 200, []string{"rank\tid\t"}, "text/tab-separated-values"},
		{"/search?q=peace&format=jsonl&limit=1", 200, []string{`{"rank":1,`}, "application/x-ndjson"},
		{"/search?q=peace&collapse=story", 200, []string{`"group": "s:` + first + `"`, `"group_size": 5`, `"total": 1,`, `"total_hits": 5,`}, ""},
		{"/search?q=peace&collapse=copy&limit=2", 200, []string{`"total": 5,`, `"total_hits": 5,`}, ""},
		{"/search?q=peace&outlet=newslooks", 200, []string{`"total": 1`, `"outlet": "Newslooks"`}, ""},
		{"/search?q=peace&since=2025-11-19&until=2025-11-19", 200, []string{`"total": 2`}, ""},
		{"/search?q=%2A&max_terms=5", 400, []string{"too many terms", "more than 5 terms"}, ""},
		{"/search?q=%2A&max_terms=0", 200, []string{`"total": 5`}, ""},
		{"/search?q=%2A&max_terms=-1", 400, []string{"max_terms"}, ""},
		{"/search?q=zebraxq", 200, []string{`"total": 0`, `"hits": []`}, ""},
		{"/search?q=%28peace", 400, []string{`"error":"malformed query`, "parentheses"}, "application/json"},
		{"/search?q=nofield:x", 400, []string{"unknown field"}, ""},
		{"/search", 400, []string{"no query"}, ""},
		{"/search?q=peace&limit=0", 400, []string{"limit"}, ""},
		{"/search?q=peace&format=xml", 400, []string{"unknown format"}, ""},
		{"/search?q=peace&since=yesterday", 400, []string{"not a date"}, ""},
		{"/search?q=peace&since=2025-11-20&until=2025-11-19", 400, []string{"before"}, ""},
		{"/search?q=peace&collapse=paragraph", 400, []string{"collapse"}, ""},
		{"/search?q=%2A&max-terms=5", 400, []string{`/search takes no parameter \"max-terms\"`, "max_terms"}, ""},
		{"/status?verbose=1", 400, []string{`takes no parameter \"verbose\" (it takes format)`}, ""},
		{"/search?q=peace&q=plan", 400, []string{"/search takes one q, not 2 (peace, plan)"}, ""},
		{"/search?q=peace&limit=1&limit=2", 400, []string{"takes one limit, not 2"}, ""},
		{"/search?q=peace&outlet=nyt&outlet=newslooks", 200, []string{`"total": 1`}, ""},
		{"/status?format=json", 200, []string{`"articles": 5`}, "application/json"},
		{"/status?format=tsv", 400, []string{"JSON only"}, ""},
		// show
		{"/show?id=" + first + "&no_text=true", 200, []string{`"id": "` + first + `"`, `"id": "r:` + first + `"`}, ""},
		{"/show?id=" + first + "&format=table", 200, []string{"Rewrite", "5 articles"}, "text/plain"},
		{"/show?id=nope", 404, []string{"article not in index"}, ""},
		{"/show", 400, []string{"no article ID"}, ""},
		{"/show?id=" + first + "&no_text=maybe", 400, []string{"no_text"}, ""},
		// similar
		{"/similar?id=" + first, 200, []string{`"level": "rewrite"`, "002_ac49a336ca4eb3e9"}, ""},
		{"/similar?id=nope", 404, []string{"article not in index"}, ""},
		{"/similar", 400, []string{"no article"}, ""},
		// groups
		{"/groups?level=story&format=tsv", 200, []string{"s:" + first + "\t5\t"}, ""},
		{"/groups?level=copy", 200, []string{`"groups": []`}, ""},
		{"/groups?level=story&outlet=nobody", 200, []string{`"groups": []`}, ""},
		{"/groups?level=bogus", 400, []string{"level"}, ""},
		{"/groups?min_size=0", 400, []string{"min_size"}, ""},
		// status and the rest
		{"/status", 200, []string{`"articles": 5`, `"grouped": 5`}, "application/json"},
		{"/nothing", 404, []string{`"error":"no route /nothing: the routes are /search, /show`}, "application/json"},
		{"/", 404, []string{"no route /"}, "application/json"},
		// a date in a query is the period it names
		{"/search?q=peace+%2Bpublished:2025-11-19", 200, []string{`"total": 2`}, ""},
		{"/search?q=published:2025-11-31", 400, []string{"is not a date"}, ""},
	}
	for _, tt := range tests {
		status, h, body := get(t, hs.URL+tt.path)
		assert.Equal(t, tt.status, status, "GET %s: %s", tt.path, body)
		for _, w := range tt.want {
			assert.Contains(t, body, w, "GET %s", tt.path)
		}
		if tt.ctype != "" {
			assert.True(t, strings.HasPrefix(h.Get("Content-Type"), tt.ctype), "GET %s: Content-Type %q", tt.path, h.Get("Content-Type"))
		}
		if status != 404 || !strings.Contains(body, "no route") {
			assert.NotEmpty(t, h.Get("Wirediff-Snapshot"), "GET %s", tt.path)
		}
	}
}

// A route asked with a method it does not take is a 405 naming the
// methods it takes, in JSON like every error.
func TestWrongMethod(t *testing.T) {
	_, hs := newTestServer(t, seedIndex(t), Options{Poll: -1})
	for _, tt := range []struct{ method, path, allow string }{
		{http.MethodPost, "/search", "GET"},
		{http.MethodDelete, "/similar", "GET, POST"},
		{http.MethodPut, "/lineage", "GET"},
	} {
		req, err := http.NewRequest(tt.method, hs.URL+tt.path, strings.NewReader("x"))
		require.NoError(t, err)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.NoError(t, err)
		assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode, "%s %s", tt.method, tt.path)
		assert.Equal(t, tt.allow, resp.Header.Get("Allow"), "%s %s", tt.method, tt.path)
		assert.Contains(t, string(body), fmt.Sprintf(`"error":"%s takes %s, not %s"`, tt.path, tt.allow, tt.method))
	}
}

// TestSimilarPost: a POSTed text is looked up as 'wirediff similar -'
// looks up stdin, and is not added to the index.
func TestSimilarPost(t *testing.T) {
	_, hs := newTestServer(t, seedIndex(t), Options{Poll: -1})
	text := "The Trump administration is secretly developing a 28-point peace plan for Ukraine, working in direct coordination with Russia."
	resp, err := http.Post(hs.URL+"/similar?format=jsonl", "text/plain", strings.NewReader(text))
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, 200, resp.StatusCode, string(body))
	assert.Regexp(t, `"query":"stdin:[0-9a-f]{16}","id":"001_2ea4910e153269e2"`, string(body))

	// A web page, as a crawler fetched it: its article's text is looked up,
	// not its markup.
	page := `<!DOCTYPE html><html><head><title>Plan | Site</title></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>` +
		`<article><h1>Plan</h1><p>` + text + `</p><p>` + text + `</p></article><footer><p>© Site</p></footer></body></html>`
	resp, err = http.Post(hs.URL+"/similar?format=jsonl", "text/html", strings.NewReader(page))
	require.NoError(t, err)
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, 200, resp.StatusCode, string(body))
	assert.Regexp(t, `"query":"stdin:[0-9a-f]{16}","id":"001_2ea4910e153269e2"`, string(body))
	assert.NotContains(t, string(body), "href")

	resp, err = http.Post(hs.URL+"/similar?id="+first, "text/plain", strings.NewReader(text))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 400, resp.StatusCode)

	// JSON lines with a bad record and one whose time is not a date: the
	// good ones are answered, and Wirediff-Note says what became of the
	// others, by line.
	lines := `{"id":"q1","text":"` + text + `"}` + "\n" + `{"id":` + "\n" +
		`{"id":"q2","published":"2025-11-18T24:00:00Z","text":"` + text + ` It was reported on Tuesday."}` + "\n"
	resp, err = http.Post(hs.URL+"/similar?format=jsonl", "application/x-ndjson", strings.NewReader(lines))
	require.NoError(t, err)
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, 200, resp.StatusCode, string(body))
	assert.Contains(t, string(body), `"query":"q1"`)
	assert.Contains(t, string(body), `"query":"q2"`)
	note := resp.Header.Get("Wirediff-Note")
	assert.Contains(t, note, "body line 2 skipped: malformed-json")
	assert.Contains(t, note, `body line 3: unread-date: published \"2025-11-18T24:00:00Z\" is not a date`)

	// A body over the limit is refused whole, whether its records are
	// cut at the limit or one text is: no part of it is answered.
	var many strings.Builder
	for i := 0; many.Len() <= maxBody; i++ {
		fmt.Fprintf(&many, `{"id":"q%d","text":"%s"}`+"\n", i, strings.Repeat("word ", 600))
	}
	for _, big := range []string{many.String(), strings.Repeat("the quick brown fox jumps over the lazy dog ", maxBody/40)} {
		resp, err = http.Post(hs.URL+"/similar?format=jsonl", "text/plain", strings.NewReader(big))
		require.NoError(t, err)
		body, _ = io.ReadAll(resp.Body)
		resp.Body.Close()
		assert.Equal(t, http.StatusRequestEntityTooLarge, resp.StatusCode, string(body[:min(len(body), 200)]))
		assert.Contains(t, string(body), "body over 8388608 bytes")
	}

	_, _, status := get(t, hs.URL+"/status")
	assert.Contains(t, status, `"articles": 5`)
}

// TestSameAsListing: the server's answers are the listings the commands
// print, byte for byte, over the same snapshot.
func TestSameAsListing(t *testing.T) {
	dir := seedIndex(t)
	_, hs := newTestServer(t, dir, Options{Poll: -1})
	ix, err := index.Open(dir, index.Options{ReadOnly: true})
	require.NoError(t, err)
	defer ix.Close()
	g, err := ix.Grouping()
	require.NoError(t, err)

	for _, f := range listing.Formats {
		var want bytes.Buffer
		s := listing.Search{Query: `"peace plan" russia`, Limit: 3, Offset: 1}
		marks := index.Marks{}
		if f == listing.Table {
			marks = index.Marks{Before: "«", After: "»"}
		}
		require.NoError(t, s.Run(ix, index.Filter{}, marks, g, cluster.Rewrite))
		require.NoError(t, s.Write(&want, f))
		_, _, body := get(t, hs.URL+"/search?q=%22peace+plan%22+russia&limit=3&offset=1&format="+string(f))
		assert.Equal(t, want.String(), body, "search, format %s", f)

		want.Reset()
		l, _, err := listing.IndexGroups(ix, g, listing.GroupsQuery{Level: cluster.Story, MinSize: 2, Limit: 100})
		require.NoError(t, err)
		require.NoError(t, l.Write(&want, f))
		_, _, body = get(t, hs.URL+"/groups?level=story&format="+string(f))
		assert.Equal(t, want.String(), body, "groups, format %s", f)
	}
}

// addArticles adds articles to the index in dir and commits them.
func addArticles(t testing.TB, dir string, as ...corpus.Article) {
	t.Helper()
	ix, err := dedup.OpenIndex(dir, index.Options{})
	require.NoError(t, err)
	w, err := ix.NewWriter()
	require.NoError(t, err)
	for _, a := range as {
		require.NoError(t, w.Add(index.Entry{Article: a}))
	}
	require.NoError(t, w.Flush())
	require.NoError(t, ix.Close())
}

func total(t testing.TB, body string) int {
	t.Helper()
	var doc struct{ Total int }
	require.NoError(t, json.Unmarshal([]byte(body), &doc), body)
	return doc.Total
}

// TestSwitchOnCommit: the server answers from the snapshot it has until
// it sees a newer commit, then from the new one; the old one is closed
// once no query holds it, so the next commit can remove it.
func TestSwitchOnCommit(t *testing.T) {
	dir := seedIndex(t)
	s, hs := newTestServer(t, dir, Options{Poll: -1})
	_, h, body := get(t, hs.URL+"/search?q=zebra")
	require.Equal(t, 0, total(t, body))
	old := h.Get("Wirediff-Snapshot")

	changed, err := s.Refresh()
	require.NoError(t, err)
	assert.False(t, changed, "no commit yet")

	held, err := s.live.acquire() // a query under way on the old snapshot
	require.NoError(t, err)
	addArticles(t, dir, corpus.Article{ID: "z1", Text: "A zebra escaped from the city zoo on Monday morning."})
	_, _, body = get(t, hs.URL+"/search?q=zebra")
	assert.Equal(t, 0, total(t, body), "served from the snapshot it has until it refreshes")

	changed, err = s.Refresh()
	require.NoError(t, err)
	assert.True(t, changed)
	_, h, body = get(t, hs.URL+"/search?q=zebra")
	assert.Equal(t, 1, total(t, body))
	assert.NotEqual(t, old, h.Get("Wirediff-Snapshot"))

	// The query under way still reads the old snapshot.
	n, err := held.ix.Count()
	require.NoError(t, err)
	assert.Equal(t, 5, n)
	addArticles(t, dir, corpus.Article{ID: "z2", Text: "A second zebra was seen near the river."})
	assert.DirExists(t, filepath.Join(dir, "snapshots", old), "held by a query: kept")
	s.live.release(held)
	addArticles(t, dir, corpus.Article{ID: "z3", Text: "A third zebra, the keepers said."})
	_, err = os.Stat(filepath.Join(dir, "snapshots", old))
	assert.True(t, os.IsNotExist(err), "released: closed, and removed by the next commit")
}

// TestClosed: a query after Close is 503, and Close is idempotent.
func TestClosed(t *testing.T) {
	s, hs := newTestServer(t, seedIndex(t), Options{})
	require.NoError(t, s.Close())
	require.NoError(t, s.Close())
	status, _, body := get(t, hs.URL+"/search?q=peace")
	assert.Equal(t, 503, status, body)
}

// TestNoSnapshot: an index with no committed snapshot (written by an older
// wirediff) is read under its lock, which would keep writers out for as
// long as a server runs: New refuses it, saying what to do.
func TestNoSnapshot(t *testing.T) {
	dir := seedIndex(t)
	require.NoError(t, os.Remove(filepath.Join(dir, "CURRENT")))
	require.NoError(t, os.RemoveAll(filepath.Join(dir, "snapshots")))
	_, err := New(dir, Options{Poll: -1})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no committed snapshot")
	addArticles(t, dir, corpus.Article{ID: "z1", Text: "A zebra escaped from the city zoo on Monday morning."})
	s, err := New(dir, Options{Poll: -1})
	require.NoError(t, err, "a writer was not kept out")
	require.NoError(t, s.Close())
}

// TestToken: with a token set, a request without it, with another, or
// with it under another scheme is 401 and names the header wanted; with
// it, every route answers as without a token.
func TestToken(t *testing.T) {
	_, hs := newTestServer(t, seedIndex(t), Options{Token: "s3cret"})
	do := func(auth string) (int, http.Header, string) {
		req, err := http.NewRequest(http.MethodGet, hs.URL+"/show?id="+first, nil)
		require.NoError(t, err)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return resp.StatusCode, resp.Header, string(body)
	}
	for _, auth := range []string{"", "Bearer", "Bearer wrong", "Bearer s3cre", "Bearer s3cret2", "Basic s3cret", "s3cret"} {
		code, h, body := do(auth)
		assert.Equal(t, http.StatusUnauthorized, code, "Authorization %q", auth)
		assert.Equal(t, `Bearer realm="wirediff"`, h.Get("WWW-Authenticate"), "Authorization %q", auth)
		assert.Contains(t, body, "Authorization: Bearer TOKEN", "Authorization %q", auth)
		assert.NotContains(t, body, first, "Authorization %q", auth)
	}
	for _, auth := range []string{"Bearer s3cret", "bearer s3cret", "Bearer  s3cret "} {
		code, _, body := do(auth)
		assert.Equal(t, http.StatusOK, code, "Authorization %q: %s", auth, body)
		assert.Contains(t, body, first, "Authorization %q", auth)
	}
	code, _, _ := get(t, hs.URL+"/status")
	assert.Equal(t, http.StatusUnauthorized, code, "/status without the token")
}

// TestLineage: /lineage answers the reports 'wirediff lineage' writes of
// the groups named, byte for byte, in each format; html is the page of
// one group; a request that names no group, names it wrong, or asks for
// an unknown format or source is 400, an unknown group 404.
func TestLineage(t *testing.T) {
	dir := seedIndex(t)
	_, hs := newTestServer(t, dir, Options{})
	ix, err := index.Open(dir, index.Options{ReadOnly: true})
	require.NoError(t, err)
	defer ix.Close()
	group := "r:" + first
	groups, err := selection.Resolve(ix, []string{group}, "")
	require.NoError(t, err)
	reports, err := selection.Analyze(ix, groups, "")
	require.NoError(t, err)
	for format, ctype := range map[string]string{"json": "application/json", "jsonl": "application/x-ndjson",
		"table": "text/plain; charset=utf-8", "html": "text/html; charset=utf-8"} {
		var want bytes.Buffer
		require.NoError(t, render.Write(&want, format, "", reports))
		code, h, body := get(t, hs.URL+"/lineage?group="+group+"&format="+format)
		require.Equal(t, http.StatusOK, code, body)
		assert.Equal(t, ctype, h.Get("Content-Type"), format)
		assert.Equal(t, want.String(), body, format)
	}
	code, _, body := get(t, hs.URL+"/lineage?source="+first)
	assert.Equal(t, http.StatusOK, code, body)
	assert.Contains(t, body, `"source_id": "`+first+`"`)

	for query, want := range map[string]int{
		"":                                   http.StatusBadRequest, // no group
		"?group=" + first:                    http.StatusBadRequest, // one article
		"?group=" + group + "&format=xml":    http.StatusBadRequest,
		"?group=" + group + "&source=nobody": http.StatusBadRequest,
		"?group=r:nothing":                   http.StatusNotFound,
	} {
		code, _, body := get(t, hs.URL+"/lineage"+query)
		assert.Equal(t, want, code, "%s: %s", query, body)
		assert.Contains(t, body, `"error"`, query)
	}
}

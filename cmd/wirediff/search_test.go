package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/internal/devdata"
	"github.com/wirediff/wirediff/listing"
)

// seedIndex groups the five seeds into a fresh index, with any further
// dedup flags, and returns its directory.
func seedIndex(t *testing.T, flags ...string) string {
	t.Helper()
	ix := filepath.Join(t.TempDir(), "seeds.index")
	args := append([]string{"dedup", "--index", ix}, flags...)
	_, errs, code := wirediff(t, "", append(args, seeds)...)
	require.Equal(t, 0, code, errs)
	return ix
}

// snapshot lists every file under dir with its size and modification
// time, to check that a command changed nothing.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		out[p] = fmt.Sprintf("%s %d", fi.ModTime().Format(time.RFC3339Nano), fi.Size())
		return nil
	})
	require.NoError(t, err)
	return out
}

// TestQueryGolden pins every output format of search, similar, show and
// groups on the seeds.
func TestQueryGolden(t *testing.T) {
	ix := seedIndex(t)
	tests := []struct {
		name string
		args []string
	}{
		{"search-seeds.table", []string{"search", `"peace plan" +Witkoff`}},
		{"search-seeds.json", []string{"search", "--format", "json", `"peace plan" +Witkoff`}},
		{"search-seeds.jsonl", []string{"search", "--format", "jsonl", "--limit", "2", "--offset", "1", "Dmitriev"}},
		{"search-collapse.table", []string{"search", "--collapse", "story", "Ukraine"}},
		{"search-collapse.json", []string{"search", "--collapse", "rewrite", "--format", "json", "Ukraine"}},
		{"similar-seed.table", []string{"similar", "000_4bd703d3e122696c"}},
		{"similar-seed.json", []string{"similar", "--format", "json", "--passages", "2", "000_4bd703d3e122696c"}},
		{"similar-seed.jsonl", []string{"similar", "--format", "jsonl", "--passages", "1", "003_d4f861dc4b37a64b"}},
		{"show-seed.table", []string{"show", "001_2ea4910e153269e2"}},
		{"show-seed.json", []string{"show", "--format", "json", "--no-text", "001_2ea4910e153269e2"}},
		{"groups-seeds.table", []string{"groups", "--level", "story"}},
		{"groups-seeds.json", []string{"groups", "--level", "story", "--format", "json"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errs, code := wirediff(t, "", append(tt.args, "--index", ix)...)
			require.Equal(t, 0, code, "wirediff %v: %s", tt.args, errs)
			golden(t, tt.name, out)
			if strings.HasSuffix(tt.name, ".json") {
				assert.True(t, json.Valid([]byte(out)), "wirediff %v: invalid JSON", tt.args)
			}
			if strings.HasSuffix(tt.name, ".jsonl") {
				for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
					assert.True(t, json.Valid([]byte(line)), "wirediff %v: invalid JSON line %q", tt.args, line)
				}
			}
		})
	}
}

func TestQueryErrors(t *testing.T) {
	ix := seedIndex(t)
	corrupt := filepath.Join(t.TempDir(), "corrupt.index")
	require.NoError(t, os.MkdirAll(filepath.Join(corrupt, "bleve"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(corrupt, "wirediff.json"), []byte("{not json"), 0o644))
	badBleve := filepath.Join(t.TempDir(), "badbleve.index")
	require.NoError(t, os.MkdirAll(filepath.Join(badBleve, "bleve"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(badBleve, "wirediff.json"), []byte(`{"format":1}`), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(badBleve, "bleve", "index_meta.json"), []byte("garbage"), 0o644))
	missing := filepath.Join(t.TempDir(), "missing.index")

	tests := []struct {
		args []string
		code int
		want string // in stderr
	}{
		// Nothing matched: exit 1, like grep, with nothing on stdout.
		{[]string{"search", "--index", ix, "zebra"}, 1, "0 hits"},
		{[]string{"search", "--index", ix, "--outlet", "nosuch", "Ukraine"}, 1, "0 hits"},
		{[]string{"search", "--index", ix, "--since", "2030-01-01", "Ukraine"}, 1, "0 hits"},
		// Usage and query errors: exit 2 with a message naming the problem.
		{[]string{"search", "--index", ix}, 2, "no query"},
		{[]string{"search", "--index", ix, `"peace plan`}, 2, "malformed query"},
		{[]string{"search", "--index", ix, "title:"}, 2, "malformed query"},
		{[]string{"search", "--index", ix, "("}, 2, `malformed query "(": "(" at character 1: parentheses do not group`},
		{[]string{"search", "--index", ix, "+(peace plan)"}, 2, `"(" at character 2`},
		{[]string{"search", "--index", ix, "--collapse", "story", "Ukraine)"}, 2, `")" at character 8`},
		{[]string{"search", "--index", ix, "foo:bar"}, 2, `unknown field "foo" (fields: text, title, outlet, byline, city, edition, url, published)`},
		{[]string{"search", "--index", ix, "Deal Takes Shape: Ukraine"}, 2, `unknown field "Shape"`},
		// Lucene's operators and ranges, which bleve read as words.
		{[]string{"search", "--index", ix, "Witkoff AND Dmitriev"}, 2, `"AND" at character 9: AND is no operator in this syntax (each term is optional, +required or -excluded): for a AND b write +a +b`},
		{[]string{"search", "--index", ix, "Ukraine NOT Gaza"}, 2, "for a NOT b write a -b"},
		{[]string{"search", "--index", ix, "published:[2025-11-01 TO 2025-11-30]"}, 2, `"[" at character 11: there are no [a TO b] ranges`},
		{[]string{"search", "--index", ix, "--since", "last tuesday", "x"}, 2, "--since"},
		{[]string{"search", "--index", ix, "--since", "2025-12-01", "--until", "2025-11-01", "x"}, 2, "before --since"},
		{[]string{"search", "--index", ix, "--collapse", "paragraph", "x"}, 2, "unknown level"},
		{[]string{"search", "--index", ix, "--format", "xml", "x"}, 2, "--format"},
		{[]string{"search", "--index", ix, "--limit", "0", "x"}, 2, "--limit"},
		{[]string{"similar", "--index", ix, "no-such-id"}, 2, `"no-such-id" is neither an article`},
		{[]string{"similar", "--index", ix, "r:000_4bd703d3e122696c"}, 2, `"r:000_4bd703d3e122696c" is a group of 5 articles in ` + ix + `, not an article: give one of them, such as its first, 000_4bd703d3e122696c`},
		{[]string{"similar", "--index", ix}, 2, "want one ID"},
		{[]string{"show", "--index", ix, "no-such-id"}, 2, "article not in index"},
		{[]string{"show", "--index", ix, "r:000_4bd703d3e122696c"}, 2, `"r:000_4bd703d3e122696c" is a group of 5 articles, not an article: 'wirediff show 000_4bd703d3e122696c' shows its first, 'wirediff lineage r:000_4bd703d3e122696c' reports it`},
		{[]string{"explain", "--index", ix, "002_ac49a336ca4eb3e9", "s:000_4bd703d3e122696c"}, 2, `explain: "s:000_4bd703d3e122696c" is a group of 5 articles, not an article: name two articles, such as its first, 000_4bd703d3e122696c`},
		{[]string{"explain", "--index", ix, "002_ac49a336ca4eb3e9", "no-such-id"}, 2, `article not in index: "no-such-id"`},
		{[]string{"search", "--index", ix, "published:>2025-11-18"}, 2, `compared with > is quoted, as in published:>"2025-11-18"`},
		{[]string{"show", "--index", ix}, 2, "no article ID"},
		{[]string{"groups", "--index", ix, "--level", "page"}, 2, "unknown level"},
		{[]string{"groups", "--index", ix, "--until", "soon"}, 2, "--until"},
		// Missing and corrupt indexes: exit 2.
		{[]string{"search", "--index", missing, "x"}, 2, "no index in"},
		{[]string{"similar", "--index", missing, "x"}, 2, "no index in"},
		{[]string{"show", "--index", missing, "x"}, 2, "no index in"},
		{[]string{"groups", "--index", missing}, 2, "no index in"},
		{[]string{"check", "--index", missing}, 2, "no index in"},
		{[]string{"check", "--restore", "--index", missing}, 2, "no index in"},
		{[]string{"search", "--index", corrupt, "x"}, 2, "corrupt"},
		{[]string{"show", "--index", badBleve, "x"}, 2, "index: open"},
	}
	before := snapshot(t, ix)
	for _, tt := range tests {
		out, errs, code := wirediff(t, "", tt.args...)
		assert.Equal(t, tt.code, code, "wirediff %v: exit %d, want %d\n%s%s", tt.args, code, tt.code, out, errs)
		assert.Contains(t, errs, tt.want, "wirediff %v", tt.args)
		if tt.code != 0 {
			assert.Empty(t, out, "wirediff %v: stdout", tt.args)
		}
	}
	// Read-only commands leave the index as it was, and create nothing
	// where there is no index.
	for _, args := range [][]string{{"search", "Ukraine"}, {"similar", "000_4bd703d3e122696c"}, {"show", "000_4bd703d3e122696c"}, {"groups"}} {
		_, errs, code := wirediff(t, "", append(args, "--index", ix)...)
		require.Equal(t, 0, code, errs)
	}
	assert.Equal(t, before, snapshot(t, ix), "read-only commands changed the index")
	_, err := os.Stat(missing)
	assert.True(t, os.IsNotExist(err), "a missing index was created")
}

func TestSearchFilters(t *testing.T) {
	ix := seedIndex(t)
	ids := func(args ...string) []string {
		out, errs, code := wirediff(t, "", append([]string{"search", "--index", ix, "--format", "jsonl", "--limit", "50"}, args...)...)
		require.Contains(t, []int{0, 1}, code, errs)
		var got []string
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			if line == "" {
				continue
			}
			var h listing.Hit
			require.NoError(t, json.Unmarshal([]byte(line), &h))
			got = append(got, h.ID)
		}
		sort.Strings(got)
		return got
	}
	tests := []struct {
		args []string
		want []string
	}{
		// Seeds with a known date: 000 (2025-11-18), 002 and 004 (2025-11-19).
		{[]string{"--since", "2025-11-19", "Ukraine"}, []string{"002_ac49a336ca4eb3e9", "004_9e1179f061f0b57d"}},
		{[]string{"--until", "2025-11-18", "Ukraine"}, []string{"000_4bd703d3e122696c"}},
		{[]string{"--since", "2025-11-18", "--until", "2025-11-18T23:00:00Z", "Ukraine"}, []string{"000_4bd703d3e122696c"}},
		{[]string{"--outlet", "Newslooks", "Ukraine"}, []string{"001_2ea4910e153269e2"}},
		{[]string{"outlet:Newslooks"}, []string{"001_2ea4910e153269e2"}},
		{[]string{"+Witkoff -Dmitriev"}, nil},
		{[]string{`"developed in consultation with senior Russian officials"`}, []string{"000_4bd703d3e122696c"}},
		// Parentheses as text, quoted or escaped, are no query error.
		{[]string{`"(developed in consultation with senior Russian officials)"`}, []string{"000_4bd703d3e122696c"}},
		{[]string{"--since", "2025-11-19", `Ukraine \(war\)`}, []string{"002_ac49a336ca4eb3e9", "004_9e1179f061f0b57d"}},
		// Lucene's words for operators, quoted, are words; a range is
		// written with >= and <=, as the query errors say.
		{[]string{`"Witkoff AND Trump"`}, []string{"000_4bd703d3e122696c"}},
		{[]string{`+published:>="2025-11-19" +published:<="2025-11-19T23:59:59Z"`}, []string{"002_ac49a336ca4eb3e9", "004_9e1179f061f0b57d"}},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, ids(tt.args...), "search %v", tt.args)
	}
	// Paging: offset skips, limit bounds, in score order.
	all := ids("Ukraine")
	require.Len(t, all, 5)
	assert.Len(t, ids("--limit", "2", "Ukraine"), 2)
}

func TestSimilarNewText(t *testing.T) {
	ix := seedIndex(t)
	text, err := os.ReadFile(filepath.Join(seeds, "002_ac49a336ca4eb3e9.txt"))
	require.NoError(t, err)
	// A trimmed copy of seed 002 on stdin is a copy of 002.
	lines := strings.Split(string(text), "\n")
	trimmed := strings.Join(lines[:len(lines)*3/4], "\n")
	out, errs, code := wirediff(t, trimmed, "similar", "--index", ix, "--format", "json", "-")
	require.Equal(t, 0, code, errs)
	var res similarDoc
	require.NoError(t, json.Unmarshal([]byte(out), &res))
	require.NotEmpty(t, res.Similar)
	assert.Equal(t, "002_ac49a336ca4eb3e9", res.Similar[0].ID)
	assert.Equal(t, "copy", res.Similar[0].Level, "a trimmed copy")
	require.Len(t, res.Queries, 1)
	assert.False(t, res.Queries[0].Indexed)
	assert.NotEmpty(t, res.Similar[0].Passages)
	id := res.Queries[0].ID // named by its content
	assert.Regexp(t, `^stdin:[0-9a-f]{16}$`, id)

	// Unrelated text: nothing, exit 1.
	_, _, code = wirediff(t, "The quarterly report of the village bakery lists flour, butter and sugar prices.", "similar", "--index", ix, "-")
	assert.Equal(t, 1, code)

	// Without --add nothing is added; with it the article is indexed and
	// joins the group of its copy.
	_, _, code = wirediff(t, "", "show", "--index", ix, id)
	assert.Equal(t, 2, code)
	_, errs, code = wirediff(t, trimmed, "similar", "--index", ix, "--add", "-")
	require.Equal(t, 0, code, errs)
	out, errs, code = wirediff(t, "", "show", "--index", ix, "--format", "json", id)
	require.Equal(t, 0, code, errs)
	var shown showDoc
	require.NoError(t, json.Unmarshal([]byte(out), &shown))
	require.Len(t, shown.Articles, 1)
	assert.Equal(t, "c:002_ac49a336ca4eb3e9", shown.Articles[0].Groups["copy"].ID)
	assert.Equal(t, 2, shown.Articles[0].Groups["copy"].Size)
}

// TestQueryEndToEnd indexes the BASIL development articles with the seeds
// and checks known hits.
func TestQueryEndToEnd(t *testing.T) {
	basil := devdata.Path(t, "data/basil-dev/articles.jsonl")
	ix := filepath.Join(t.TempDir(), "basil.index")
	_, errs, code := wirediff(t, "", "dedup", "--index", ix, basil, seeds)
	require.Equal(t, 0, code, errs)

	// A phrase from a seed finds that seed first.
	out, errs, code := wirediff(t, "", "search", "--index", ix, "--format", "jsonl", `"developed in consultation with senior Russian officials"`)
	require.Equal(t, 0, code, errs)
	var first listing.Hit
	require.NoError(t, json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &first))
	assert.Equal(t, "000_4bd703d3e122696c", first.ID)
	assert.Contains(t, first.Fragment, "consultation")

	// The similar articles of a seed are the four other seeds, at rewrite
	// or story level, before anything from BASIL.
	out, errs, code = wirediff(t, "", "similar", "--index", ix, "--format", "json", "000_4bd703d3e122696c")
	require.Equal(t, 0, code, errs)
	var res similarDoc
	require.NoError(t, json.Unmarshal([]byte(out), &res))
	require.GreaterOrEqual(t, len(res.Similar), 4, "similar 000: %s", out)
	var got []string
	for _, h := range res.Similar[:4] {
		got = append(got, h.ID)
		assert.Contains(t, []string{"rewrite", "story"}, h.Level, "similar 000: %s", h.ID)
	}
	sort.Strings(got)
	assert.Equal(t, []string{"001_2ea4910e153269e2", "002_ac49a336ca4eb3e9", "003_d4f861dc4b37a64b", "004_9e1179f061f0b57d"}, got)

	// A BASIL event: the other two outlets' articles on it are similar.
	out, errs, code = wirediff(t, "", "similar", "--index", ix, "--format", "jsonl", "11c9f251-35c8-4452-b052-df9be61464c6_1")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, `"id":"11c9f251-35c8-4452-b052-df9be61464c6_2"`)
	assert.Contains(t, out, `"id":"11c9f251-35c8-4452-b052-df9be61464c6_3"`)

	// Collapsing by story shows the seeds once.
	out, errs, code = wirediff(t, "", "search", "--index", ix, "--collapse", "story", "--format", "jsonl", "--limit", "50", "Witkoff")
	require.Equal(t, 0, code, errs)
	assert.Equal(t, 1, strings.Count(out, `"group_size":5`), "one story group of the five seeds:\n%s", out)

	// Filters, groups and show on the larger index.
	out, errs, code = wirediff(t, "", "groups", "--index", ix, "--level", "story", "--outlet", "fox", "--since", "2013-01-01", "--until", "2013-12-31", "--format", "json")
	require.Equal(t, 0, code, errs)
	var gs struct {
		Groups []listing.Group `json:"groups"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &gs))
	require.NotEmpty(t, gs.Groups)
	for _, g := range gs.Groups {
		ok := false
		for _, m := range g.Members {
			ok = ok || (m.Outlet == "fox" && strings.HasPrefix(m.Published, "2013"))
		}
		assert.True(t, ok, "group %s has no fox article of 2013", g.ID)
	}
	_, errs, code = wirediff(t, "", "show", "--index", ix, "nope")
	assert.Equal(t, 2, code, errs)
	_, errs, code = wirediff(t, "", "similar", "--index", ix, "nope")
	assert.Equal(t, 2, code, errs)
}

// TestSearchHelpFields: the fields search --help lists are index.Fields,
// the ones a query may name.
func TestSearchHelpFields(t *testing.T) {
	out, errs, code := wirediff(t, "", "search", "--help")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "fields:\n"+strings.Repeat(" ", 24)+strings.Join(index.Fields, ", ")+"\n")
}

// A query word after a minus, given unquoted, is read as flags: the
// error says so, and the query after -- is searched.
func TestSearchDashWord(t *testing.T) {
	ix := seedIndex(t)
	for _, args := range [][]string{{"Witkoff", "-Gaza"}, {"Witkoff", "-fox"}, {"-nato", "Witkoff"}} {
		_, errs, code := wirediff(t, "", append([]string{"search", "--index", ix}, args...)...)
		assert.Equal(t, 2, code, "%v", args)
		assert.Contains(t, errs, "was read as flags, not as a query word: quote the query, or end the flags with --", "%v", args)
	}
	_, errs, code := wirediff(t, "", "search", "--index", ix, "--limit", "x", "Witkoff")
	assert.Equal(t, 2, code)
	assert.NotContains(t, errs, "read as flags", "no query word after a minus")
	out, errs, code := wirediff(t, "", "search", "--index", ix, "--format", "tsv", "--", "Witkoff", "-Gaza")
	require.Equal(t, 0, code, errs)
	assert.Equal(t, 2, strings.Count(out, "\n"), "the header and the one seed without Gaza:\n%s", out)
}

// TestReadmeSearchFields: the README names the same fields as index.Fields.
func TestReadmeSearchFields(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	readme := strings.Join(strings.Fields(string(b)), " ")
	n := len(index.Fields)
	want := "with the fields " + strings.Join(index.Fields[:n-1], ", ") + " and " + index.Fields[n-1] + ";"
	assert.Contains(t, readme, want, "README's search section should list index.Fields")
}

// The summary line on stderr says which hits are on the page, and says
// so when none is (past the last hit, not "hits 100-100 shown").
func TestSearchSummaryLine(t *testing.T) {
	ix := seedIndex(t)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"Witkoff"}, 0, "5 hits; hits 1-5 shown;"},
		{[]string{"-n", "2", "--offset", "1", "Witkoff"}, 0, "5 hits; hits 2-3 shown;"},
		{[]string{"--offset", "100", "Witkoff"}, 0, "5 hits; none shown past --offset 100;"},
		{[]string{"--collapse", "rewrite", "Witkoff"}, 0, "5 hits in 1 rewrite group; rewrite groups 1-1 shown;"},
		{[]string{"--collapse", "rewrite", "--offset", "3", "Witkoff"}, 0, "5 hits in 1 rewrite group; none shown past --offset 3;"},
		{[]string{"--collapse", "copy", "-n", "2", "Witkoff"}, 0, "5 hits in 5 copy groups; copy groups 1-2 shown;"},
		{[]string{"zebra"}, 1, "0 hits; none shown;"},
	}
	for _, tt := range tests {
		_, errs, code := wirediff(t, "", append([]string{"search", "--index", ix}, tt.args...)...)
		assert.Equal(t, tt.code, code, "search %v\n%s", tt.args, errs)
		assert.Contains(t, errs, tt.want, "search %v", tt.args)
	}
}

// similarDoc and showDoc decode the JSON documents of similar and show.
type (
	similarDoc struct {
		Queries []listing.Query `json:"queries"`
		Similar []listing.Near  `json:"similar"`
	}
	showDoc struct {
		Articles []listing.Shown `json:"articles"`
	}
)

// TestSearchHitGroups: each hit of a search names its rewrite group and
// the group's size; an article indexed since the last grouping run has no
// group yet, and the table says nothing of it; collapsed by group, it is
// listed alone, with no group.
func TestSearchHitGroups(t *testing.T) {
	ix := seedIndex(t)
	draft := filepath.Join(t.TempDir(), "late.txt")
	require.NoError(t, os.WriteFile(draft, []byte("Witkoff met Dmitriev in Miami to discuss a draft, officials said on Friday.\n"), 0o644))
	_, errs, code := wirediff(t, "", "index", "--index", ix, draft)
	require.Equal(t, 0, code, errs)

	// hits runs search with args in JSON and checks each hit's group:
	// none for late, the seeds' rewrite group for the others.
	hits := func(n int, args ...string) string {
		t.Helper()
		out, errs, code := wirediff(t, "", append([]string{"search", "--index", ix, "--format", "json"}, args...)...)
		require.Equal(t, 0, code, errs)
		var doc listing.Search
		require.NoError(t, json.Unmarshal([]byte(out), &doc))
		require.Len(t, doc.Hits, n)
		for _, h := range doc.Hits {
			if h.ID == "late" {
				assert.Empty(t, h.Group, "indexed since the grouping run")
				assert.Zero(t, h.GroupSize)
				continue
			}
			assert.Equal(t, "r:000_4bd703d3e122696c", h.Group, h.ID)
			assert.Equal(t, 5, h.GroupSize, h.ID)
		}
		return out
	}
	hits(6, "--limit", "10", "Witkoff")

	out, errs, code := wirediff(t, "", "search", "--index", ix, "--color", "never", "Witkoff")
	require.Equal(t, 0, code, errs)
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "relevance") {
			assert.Equal(t, !strings.Contains(line, " late "), strings.HasSuffix(line, "in r:000_4bd703d3e122696c (5 articles)"), line)
		}
	}

	// Collapsed, it is a hit of its own, with no group either.
	assert.NotContains(t, hits(2, "--collapse", "rewrite", "Witkoff"), "r:late")
	out, errs, code = wirediff(t, "", "search", "--index", ix, "--collapse", "rewrite", "--color", "never", "Witkoff")
	require.Equal(t, 0, code, errs)
	assert.Regexp(t, `(?m)^\d\. late \(not grouped yet\)  relevance `, out)
	assert.NotContains(t, out, "r:late")
}

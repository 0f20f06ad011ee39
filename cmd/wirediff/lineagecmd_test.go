package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// splitSeedIndex indexes the seeds with a 20-hour window, which splits
// them into two rewrite groups: r:000_4bd703d3e122696c (3 articles) and
// r:002_ac49a336ca4eb3e9 (2).
func splitSeedIndex(t *testing.T) string {
	t.Helper()
	ix := seedIndex(t, "--window", "20h")
	out, errs, code := wirediff(t, "", "groups", "--index", ix)
	require.Equal(t, 0, code, errs)
	require.Contains(t, errs, "2 groups at level rewrite", "the seeds in two rewrite groups:\n%s", out)
	return ix
}

// lineageDocOut is the JSON document of 'wirediff lineage --format json'.
type lineageDocOut struct {
	Lineage []struct {
		Group     string `json:"group"`
		Reference struct {
			Kind string `json:"kind"`
		} `json:"reference"`
		Members []struct {
			ID string `json:"id"`
		} `json:"members"`
	} `json:"lineage"`
}

// decodeOne decodes out as exactly one JSON document.
func decodeOne(t *testing.T, out string) lineageDocOut {
	t.Helper()
	var doc lineageDocOut
	dec := json.NewDecoder(strings.NewReader(out))
	require.NoError(t, dec.Decode(&doc), "output:\n%.300s", out)
	assert.False(t, dec.More(), "one JSON document, not one per group")
	return doc
}

// TestLineageJSONOneDocument: --format json writes one document, each
// report under "lineage" with its group, as 'dedup --lineage' does,
// whatever the number of groups.
func TestLineageJSONOneDocument(t *testing.T) {
	ix := splitSeedIndex(t)
	tests := []struct {
		name   string
		args   []string
		groups []string
		sizes  []int
	}{
		// A pair is one member against the other (and the reverse).
		{"every group", nil, []string{"r:000_4bd703d3e122696c", "r:002_ac49a336ca4eb3e9"}, []int{3, 1}},
		{"one group", []string{"r:002_ac49a336ca4eb3e9"}, []string{"r:002_ac49a336ca4eb3e9"}, []int{1}},
		{"article IDs", []string{"000_4bd703d3e122696c", "004_9e1179f061f0b57d"}, []string{"ids"}, []int{1}},
		// A story group is reported per rewrite subgroup; --source alone
		// takes the article's rewrite group.
		{"story group", []string{"s:000_4bd703d3e122696c"}, []string{"r:000_4bd703d3e122696c", "r:002_ac49a336ca4eb3e9"}, []int{3, 1}},
		{"source alone", []string{"--source", "003_d4f861dc4b37a64b"}, []string{"r:000_4bd703d3e122696c"}, []int{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"lineage", "--index", ix, "--format", "json"}, tt.args...)
			out, errs, code := wirediff(t, "", args...)
			require.Equal(t, 0, code, errs)
			doc := decodeOne(t, out)
			var groups []string
			var sizes []int
			for _, l := range doc.Lineage {
				groups = append(groups, l.Group)
				sizes = append(sizes, len(l.Members))
				assert.NotEmpty(t, l.Reference.Kind, "group %s has its reference", l.Group)
			}
			assert.Equal(t, tt.groups, groups)
			assert.Equal(t, tt.sizes, sizes)
		})
	}
}

// TestLineageUsage: mistakes in the arguments are usage errors (exit 2)
// naming the flag or argument, before anything is written.
func TestLineageUsage(t *testing.T) {
	ix := splitSeedIndex(t)
	out := filepath.Join(t.TempDir(), "pages")
	tests := []struct {
		name string
		args []string
		want string // in stderr
	}{
		// --out writes HTML pages only; with table or JSON it is an error.
		{"out with json", []string{"--format", "json", "--out", out}, "--out writes HTML pages"},
		{"out with table", []string{"--out", out, "r:002_ac49a336ca4eb3e9"}, "--out writes HTML pages"},
		{"bad format", []string{"--format", "xml"}, `--format "xml"`},
		// --by-outlet writes one list, not pages.
		{"by outlet as html", []string{"--by-outlet", "--format", "html"}, `--format "html": want table, json, jsonl, csv or tsv`},
		{"by outlet with out", []string{"--by-outlet", "--out", out}, "--by-outlet writes one list to stdout"},
		// One argument is a group; one article is no lineage.
		{"one article", []string{"002_ac49a336ca4eb3e9"}, `"002_ac49a336ca4eb3e9" is an article, not a group`},
		{"one article names its group", []string{"002_ac49a336ca4eb3e9"}, "r:002_ac49a336ca4eb3e9 (2 articles)"},
		{"one article alone", []string{"--index", seedIndex(t, "--window", "1h"), "004_9e1179f061f0b57d"}, "at least two articles"},
		// Several arguments are article IDs; group labels among them are
		// reported as groups, not as articles missing from the index.
		{"two groups", []string{"r:000_4bd703d3e122696c", "r:002_ac49a336ca4eb3e9"},
			`"r:000_4bd703d3e122696c" and "r:002_ac49a336ca4eb3e9" are groups: give one group, or none for every rewrite group, or two or more article IDs`},
		{"three groups", []string{"r:000_4bd703d3e122696c", "r:002_ac49a336ca4eb3e9", "s:000_4bd703d3e122696c"},
			`"r:000_4bd703d3e122696c", "r:002_ac49a336ca4eb3e9" and "s:000_4bd703d3e122696c" are groups: give one group`},
		{"group and article", []string{"002_ac49a336ca4eb3e9", "r:000_4bd703d3e122696c"},
			`"r:000_4bd703d3e122696c" is a group, not an article: give one group alone, or article IDs only`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"lineage", "--index", ix}, tt.args...)
			stdout, errs, code := wirediff(t, "", args...)
			assert.Equal(t, 2, code, "exit status\n%s", errs)
			assert.Contains(t, errs, tt.want)
			assert.Contains(t, errs, "Run 'wirediff lineage --help' for usage.", "a usage error")
			assert.Empty(t, stdout)
			assert.NoDirExists(t, out, "nothing written")
		})
	}
}

// TestLineageStoryAndSource: a story group names the rewrite groups it is
// reported by and those of one article it leaves out; --source alone in a
// group of one says so, and one not among the articles given names them.
func TestLineageStoryAndSource(t *testing.T) {
	ix := seedIndex(t, "--window", "1h")
	out, errs, code := wirediff(t, "", "lineage", "--index", ix, "s:000_4bd703d3e122696c")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "story group s:000_4bd703d3e122696c is reported per rewrite group: r:000_4bd703d3e122696c (3 articles); 2 rewrite groups of one article left out (r:002_ac49a336ca4eb3e9, r:004_9e1179f061f0b57d)")
	assert.Contains(t, out, "reference: ")
	_, errs, code = wirediff(t, "", "lineage", "--index", ix, "--source", "004_9e1179f061f0b57d")
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "its rewrite group r:004_9e1179f061f0b57d has no other article")
	// A source not among the articles given names them.
	_, errs, code = wirediff(t, "", "lineage", "--index", ix, "--source", "004_9e1179f061f0b57d", "000_4bd703d3e122696c", "001_2ea4910e153269e2")
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, `wirediff: articles 000_4bd703d3e122696c, 001_2ea4910e153269e2: lineage: source ID is not a member of the group: "004_9e1179f061f0b57d"`)
}

// TestLineageLimit: with no argument, lineage reports the --limit largest
// rewrite groups and says how many there are; --limit 0 reports every one.
func TestLineageLimit(t *testing.T) {
	ix := splitSeedIndex(t)
	tests := []struct {
		limit  string
		groups []string
		note   bool
	}{
		{"1", []string{"r:000_4bd703d3e122696c"}, true},
		{"2", []string{"r:000_4bd703d3e122696c", "r:002_ac49a336ca4eb3e9"}, false},
		{"0", []string{"r:000_4bd703d3e122696c", "r:002_ac49a336ca4eb3e9"}, false},
	}
	for _, tt := range tests {
		out, errs, code := wirediff(t, "", "lineage", "--index", ix, "--format", "json", "--limit", tt.limit)
		require.Equal(t, 0, code, errs)
		var got []string
		for _, r := range decodeOne(t, out).Lineage {
			got = append(got, r.Group)
		}
		assert.Equal(t, tt.groups, got, "--limit %s", tt.limit)
		assert.Equal(t, tt.note, strings.Contains(errs, "2 rewrite groups of two or more articles; the 1 largest reported (--limit 0 reports all)"), "--limit %s: %s", tt.limit, errs)
	}
	_, errs, code := wirediff(t, "", "lineage", "--index", ix, "--limit", "-1")
	assert.Equal(t, 2, code, errs)
}

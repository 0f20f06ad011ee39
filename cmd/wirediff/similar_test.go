package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/listing"
)

// fakeSentences returns n sentences of ten words each, drawn from a
// small vocabulary by seed so that different seeds share no word
// 3-shingle.
func fakeSentences(seed, n int) []string {
	words := strings.Fields(`harbor council budget river vote mayor bridge school tax police court
		market storm energy health ferry union farm rail museum port clinic grant library airport
		water garden tower canal factory teacher nurse driver miner baker pilot judge sailor`)
	out := make([]string, n)
	for i := range out {
		ws := make([]string, 10)
		for k := range ws {
			ws[k] = words[(seed*131+i*37+k*k*7+k)%len(words)]
		}
		ws[0] = strings.ToUpper(ws[0][:1]) + ws[0][1:]
		out[i] = strings.Join(ws, " ") + fmt.Sprintf(" %d.", seed*1000+i)
	}
	return out
}

// With --add a new article joins a group as average link would join it
// alone: by its mean similarity to the members, not by its best match.
func TestSimilarAddJoinsByGroupAverage(t *testing.T) {
	x, y, z := fakeSentences(1, 10), fakeSentences(2, 3), fakeSentences(3, 3)
	join := func(parts ...[]string) string {
		var all []string
		for _, p := range parts {
			all = append(all, p...)
		}
		return strings.Join(all, " ")
	}
	line := func(id, text string) string {
		b, err := json.Marshal(map[string]string{"id": id, "text": text})
		require.NoError(t, err)
		return string(b) + "\n"
	}
	dir := t.TempDir()
	base := filepath.Join(dir, "base.jsonl")
	// a and b are copies of each other (7 sentences of 10 shared).
	require.NoError(t, os.WriteFile(base, []byte(line("a", join(x))+line("b", join(x[:7], y))), 0o644))
	ix := filepath.Join(dir, "x.index")
	_, errs, code := wirediff(t, "", "dedup", "--index", ix, base)
	require.Equal(t, 0, code, errs)

	groups := func(id string) map[string]listing.LevelGroup {
		out, errs, code := wirediff(t, "", "show", "--index", ix, "--format", "json", id)
		require.Equal(t, 0, code, errs)
		var shown showDoc
		require.NoError(t, json.Unmarshal([]byte(out), &shown))
		require.Len(t, shown.Articles, 1)
		return shown.Articles[0].Groups
	}
	require.Equal(t, "c:a", groups("b")["copy"].ID, "a and b are one copy group")

	// far copies the second half of a, which b does not hold: a copy of a
	// as a pair, but not of the group on average.
	// near copies all of a, and most of b with it.
	news := line("far", join(x[3:], z[:1])) + line("near", join(x))
	_, errs, code = wirediff(t, news, "similar", "--index", ix, "--add", "-")
	require.Equal(t, 0, code, errs)
	assert.Equal(t, "c:far", groups("far")["copy"].ID, "its best match alone is not enough")
	assert.Equal(t, "c:a", groups("near")["copy"].ID)
	assert.Equal(t, 3, groups("near")["copy"].Size)

	// New articles of one batch see those before them: two copies of a
	// story the index does not hold end in one group.
	w := fakeSentences(4, 8)
	news = line("new1", join(w)) + line("new2", join(w[:7], z[1:2]))
	_, errs, code = wirediff(t, news, "similar", "--index", ix, "--add", "-")
	require.Equal(t, 0, code, errs) // new2 finds new1
	assert.Equal(t, "c:new1", groups("new2")["copy"].ID)
	assert.Equal(t, 2, groups("new1")["copy"].Size)

	// Another text under a grouped ID is refused, and nothing of the
	// batch is added: dedup replaces it and regroups its groups.
	news = line("new3", join(z)) + line("a", join(y))
	out, errs, code := wirediff(t, news, "similar", "--index", ix, "--add", "-")
	assert.Equal(t, 2, code, errs)
	assert.Empty(t, out)
	assert.Contains(t, errs, `similar --add: "a" is grouped in `+ix+` with another text: nothing added`)
	_, _, code = wirediff(t, "", "show", "--index", ix, "new3")
	assert.Equal(t, 2, code, "new3 not added")
	assert.Equal(t, 3, groups("a")["copy"].Size, "a's group as it was")
}

// With --add a new article that joins an article indexed since the last
// grouping makes a group with it, recorded for both and named as a
// grouping run names it.
func TestSimilarAddJoinsUngrouped(t *testing.T) {
	line := func(id string, sentences []string) string {
		b, err := json.Marshal(map[string]string{"id": id, "text": strings.Join(sentences, " ")})
		require.NoError(t, err)
		return string(b) + "\n"
	}
	dir := t.TempDir()
	ix := filepath.Join(dir, "x.index")
	base, late := filepath.Join(dir, "base.jsonl"), filepath.Join(dir, "late.jsonl")
	x, w := fakeSentences(1, 10), fakeSentences(4, 8)
	require.NoError(t, os.WriteFile(base, []byte(line("a", x)+line("b", x[:7])), 0o644))
	require.NoError(t, os.WriteFile(late, []byte(line("late", w)), 0o644))
	_, errs, code := wirediff(t, "", "dedup", "--index", ix, base)
	require.Equal(t, 0, code, errs)
	_, errs, code = wirediff(t, "", "index", "--index", ix, late) // not grouped
	require.Equal(t, 0, code, errs)

	out, errs, code := wirediff(t, line("early", w[:7]), "similar", "--index", ix, "--add", "-")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "Added to c:early, r:early, s:early\n")
	copies := func() string {
		out, errs, code := wirediff(t, "", "groups", "--index", ix, "--level", "copy", "--min-size", "1", "--format", "tsv")
		require.Equal(t, 0, code, errs)
		return idGroup(out)
	}
	want := "id\tgroup\na\tc:a\nb\tc:a\nearly\tc:early\nlate\tc:early\n"
	assert.Equal(t, want, copies(), "late is in the group named after early")
	out, errs, code = wirediff(t, "", "show", "--index", ix, "late")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "c:early (2 articles)")

	// A grouping run gives the same groups.
	_, errs, code = wirediff(t, "", "dedup", "--index", ix)
	require.Equal(t, 0, code, errs)
	assert.Equal(t, want, copies())
}

// In an index of the five seeds, one rewrite group, similar finds every
// other member of an article's group, by its ID and by its text alike:
// the heaviest terms alone missed 002 for 001, and 003 for 000's text.
func TestSimilarSmallIndexFindsTheGroup(t *testing.T) {
	ix := filepath.Join(t.TempDir(), "x.index")
	_, errs, code := wirediff(t, "", "dedup", "--quiet", "--index", ix, seeds)
	require.Equal(t, 0, code, errs)
	ids := func(out string) []string {
		var got []string
		for _, line := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
			got = append(got, strings.Split(line, "\t")[1])
		}
		return got
	}
	out, errs, code := wirediff(t, "", "similar", "--index", ix, "--all", "-f", "tsv", "001_2ea4910e153269e2")
	require.Equal(t, 0, code, errs)
	assert.ElementsMatch(t, []string{"000_4bd703d3e122696c", "002_ac49a336ca4eb3e9", "003_d4f861dc4b37a64b", "004_9e1179f061f0b57d"}, ids(out))
	text, err := os.ReadFile(filepath.Join(seeds, "000_4bd703d3e122696c.txt"))
	require.NoError(t, err)
	out, errs, code = wirediff(t, string(text), "similar", "--index", ix, "--all", "-f", "tsv", "-")
	require.Equal(t, 0, code, errs)
	assert.Len(t, ids(out), 5, out)
}

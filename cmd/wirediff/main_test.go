package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/internal/cli"
	"github.com/wirediff/wirediff/internal/devdata"
	"github.com/wirediff/wirediff/internal/progress"
	"github.com/wirediff/wirediff/listing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// wirediff runs the CLI in-process and returns stdout, stderr and the
// exit code main would use.
func wirediff(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(args, strings.NewReader(stdin), &out, &errb)
	code := cli.ExitCode("wirediff", err, &errb)
	return out.String(), errb.String(), code
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run 'go test ./cmd/wirediff -update' to create %s", path)
	assert.Equal(t, string(want), got, "output differs from %s (rerun with -update if intended)", path)
}

const seeds = "../../testdata/seeds"

func TestUsage(t *testing.T) {
	tmp := filepath.Join(t.TempDir(), "x.index") // never written: every case fails first
	tests := []struct {
		args []string
		code int
		want string // in stdout+stderr
	}{
		// Help goes to stdout with status 0.
		{[]string{"--help"}, 0, "Commands:"},
		{[]string{"dedup", "--help"}, 0, "Usage: wirediff dedup"},
		{[]string{"eval", "--help"}, 0, "Usage: wirediff eval"},
		// Usage mistakes exit 2.
		{nil, 2, "no command given"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"dedup"}, 2, "no input"},
		{[]string{"dedup", "--format", "xml", seeds}, 2, "--format"},
		{[]string{"dedup", "--level", "paragraph", seeds}, 2, "unknown level"},
		{[]string{"dedup", "--window", "soon", seeds}, 2, "--window"},
		{[]string{"dedup", "--window", "-3d", seeds}, 2, "negative"},
		{[]string{"dedup", "--threshold", "1.5", seeds}, 2, "--threshold"},
		{[]string{"dedup", "--threshold", "NaN", seeds}, 2, "--threshold"},
		{[]string{"eval", "--gold", "g.tsv", "--threshold", "nan", seeds}, 2, "--threshold"},
		{[]string{"dedup", "--no-such-flag", seeds}, 2, "unknown flag"},
		{[]string{"dedup", "--field", "text", seeds}, 2, "text"},
		{[]string{"eval", seeds}, 2, "--gold is required"},
		// A negative count is an error, not 0 (print every skipped record).
		{[]string{"dedup", "--no-index", "--show-skipped", "-1", seeds}, 2, `invalid argument "-1" for "--show-skipped" flag: negative`},
		{[]string{"dedup", "--no-index", "--show-skipped=-20", seeds}, 2, `"--show-skipped" flag: negative`},
		{[]string{"dedup", "--no-index", "--show-skipped", "many", seeds}, 2, `invalid argument "many" for "--show-skipped"`},
		{[]string{"index", "--index", tmp, "--show-skipped", "-1", seeds}, 2, `"--show-skipped" flag: negative`},
		{[]string{"eval", "--gold", "g.tsv", "--show-skipped", "-1", seeds}, 2, `"--show-skipped" flag: negative`},
		{[]string{"similar", "--index", tmp, "--show-skipped", "-1", "x"}, 2, `"--show-skipped" flag: negative`},
		{[]string{"similar", "--index", tmp, "--field", "text", "x"}, 2, `bad field spec "text"`}, // before the index is opened
	}
	for _, tt := range tests {
		out, errs, code := wirediff(t, "", tt.args...)
		assert.Equal(t, tt.code, code, "wirediff %v: exit %d, want %d\n%s%s", tt.args, code, tt.code, out, errs)
		assert.Contains(t, out+errs, tt.want, "wirediff %v", tt.args)
	}
}

func TestDedupSeeds(t *testing.T) {
	dir := t.TempDir()
	ix := filepath.Join(dir, "x.index")
	for _, format := range []string{"table", "tsv", "csv", "jsonl"} {
		out, errs, code := wirediff(t, "", "dedup", "--index", ix, "--format", format, seeds)
		require.Equal(t, 0, code, errs)
		golden(t, "dedup-seeds."+format, out)
		assert.Contains(t, errs, "read 5 articles from 5 files, skipped 0")
	}
	// The table shows the extracted dates and outlets.
	out, _, _ := wirediff(t, "", "dedup", "--index", ix, seeds)
	for _, want := range []string{"2025-11-18", "2025-11-19", "Newslooks"} {
		assert.Contains(t, out, want)
	}
	// All five seeds form one rewrite group and one story group.
	out, _, _ = wirediff(t, "", "dedup", "--index", ix, "--format", "jsonl", seeds)
	rewrite, story := map[string]bool{}, map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var a listing.Member
		require.NoError(t, json.Unmarshal([]byte(line), &a))
		rewrite[a.Groups.Rewrite] = true
		story[a.Groups.Story] = true
	}
	assert.Len(t, rewrite, 1, "seeds in one rewrite group")
	assert.Len(t, story, 1, "seeds in one story group")
}

// TestIndexInsideInput: an index written inside the directory read (the
// default ./wirediff.index when reading ".") is not read as input.
func TestIndexInsideInput(t *testing.T) {
	dir := t.TempDir()
	entries, err := os.ReadDir(seeds)
	require.NoError(t, err)
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(seeds, e.Name()))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644))
	}
	ix := filepath.Join(dir, "news.index")
	for _, args := range [][]string{
		{"index", "--index", ix, dir},
		{"dedup", "--index", ix, "--strict", dir},
		{"dedup", "--index", ix, "--full", "--strict", dir},
		{"similar", "--index", ix, dir},
	} {
		_, errs, code := wirediff(t, "", args...)
		assert.Equal(t, 0, code, "%q: %s", args, errs)
		assert.NotContains(t, errs, "news.index"+string(filepath.Separator), "%q", args)
		assert.NotContains(t, errs, "skipped 1", "%q", args)
	}
}

func TestDedupJSONEvidence(t *testing.T) {
	out, errs, code := wirediff(t, "", "dedup", "--no-index", "--format", "json", seeds)
	require.Equal(t, 0, code, errs)
	var doc struct {
		Level  string
		Groups []listing.Group
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	var rewrite *listing.Group
	for i := range doc.Groups {
		if doc.Groups[i].Level == "rewrite" {
			rewrite = &doc.Groups[i]
		}
	}
	require.NotNil(t, rewrite, "a rewrite group")
	assert.Equal(t, 5, rewrite.Size)
	assert.Len(t, rewrite.Pairs, 10)
	shared := 0
	for _, p := range rewrite.Pairs {
		shared += p.Evidence.SharedNames
		assert.Greater(t, p.Evidence.Cosine, 0.2, "%s~%s", p.A, p.B)
	}
	assert.Greater(t, shared, 10)
}

// TestDeterministic checks that input order does not change groups or IDs.
func TestDeterministic(t *testing.T) {
	paths := []string{devdata.Path(t, "data/basil-dev/articles.jsonl"), seeds}
	lines := map[string][]string{}
	for _, p := range paths[:1] {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		lines[p] = strings.Split(strings.TrimSpace(string(data)), "\n")
	}
	dir := t.TempDir()
	var outs []string
	for k := range 3 {
		ls := append([]string(nil), lines[paths[0]]...)
		r := rand.New(rand.NewPCG(uint64(k), 7))
		r.Shuffle(len(ls), func(i, j int) { ls[i], ls[j] = ls[j], ls[i] })
		f := filepath.Join(dir, "shuffled.jsonl")
		require.NoError(t, os.WriteFile(f, []byte(strings.Join(ls, "\n")+"\n"), 0o644))
		out, errs, code := wirediff(t, "", "dedup", "--no-index", "--format", "csv", f, seeds)
		require.Equal(t, 0, code, errs)
		outs = append(outs, withoutColumn(t, out, "origin"))
	}
	assert.Equal(t, outs[0], outs[1])
	assert.Equal(t, outs[0], outs[2])
}

// withoutColumn returns the CSV document doc without its column named
// name: an article's origin (file:line) follows the input order, which
// is what TestDeterministic shuffles.
func withoutColumn(t *testing.T, doc, name string) string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(doc)).ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, recs)
	col := slices.Index(recs[0], name)
	require.GreaterOrEqual(t, col, 0, "column %q in %q", name, recs[0])
	var b strings.Builder
	w := csv.NewWriter(&b)
	for _, r := range recs {
		require.NoError(t, w.Write(slices.Delete(r, col, col+1)))
	}
	w.Flush()
	require.NoError(t, w.Error())
	return b.String()
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"good.txt":      "A good article about the harbour reopening after the storm.\n",
		"binary.txt":    "\x00\x01\x02ELF\x00\x00",
		"invalid.txt":   "bad \xff\xfe bytes here",
		"empty.md":      "   \n\n",
		"mixed.jsonl":   `{"id":"j1","text":"first good line"}` + "\n" + `{"id":` + "\n" + `{"id":"j1","text":"duplicate id"}` + "\n" + `{"id":"j2","text":"second good line"}` + "\n",
		"table.csv":     "id,text\nc1,a good row\nc2,\"unterminated,x\nc3,too,many,fields\n",
		"sub/other.txt": "Another good article, in a subdirectory.\n",
		"dated.jsonl":   `{"id":"d1","published":"2025-11-18T24:28:00Z","text":"An article whose time is not a date."}` + "\n",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	}
	out, errs, code := wirediff(t, "", "dedup", "--no-index", "--format", "tsv", dir)
	require.Equal(t, 0, code, errs)
	for _, want := range []string{
		"binary.txt:1: binary", "invalid.txt:1: invalid-utf8", "empty.md:1: empty",
		"mixed.jsonl:2: malformed-json", "mixed.jsonl:3: duplicate-id", "table.csv:3: malformed-csv",
		`dated.jsonl:1: unread-date: published "2025-11-18T24:28:00Z" is not a date`, "1 kept without a publication time (not a date)",
	} {
		assert.Contains(t, errs, want)
	}
	for _, id := range []string{"good", "sub/other", "j1", "j2", "c1", "d1"} {
		assert.Contains(t, out, id+"\t", "valid article %s kept", id)
	}
	assert.Regexp(t, `skipped \d+ \(binary 1, .*duplicate-id 1, empty 1, invalid-utf8 1, malformed-csv \d, malformed-json 1\)`, errs)
	// --strict turns skips into a failure, after printing the output.
	_, _, code = wirediff(t, "", "dedup", "--no-index", "--strict", dir)
	assert.Equal(t, 1, code)
}

// TestDateOrder: a file whose dates are written day first, some of them
// read month first, is reported, with the flag that reads it, and
// counted in the summary;
// --date-order dmy reads it day first throughout; a bad order is a usage
// error.
func TestDateOrder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "eu.csv")
	require.NoError(t, os.WriteFile(path, []byte("id,published,text\n"+
		"e1,02/11/2025,The council met to approve the budget.\n"+
		"e2,18/11/2025,The mayor opened the new bridge.\n"), 0o644))
	published := func(out string) []string {
		var got []string
		for _, line := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
			f := strings.Split(line, "\t")
			got = append(got, f[0]+" "+f[7])
		}
		return got
	}
	out, errs, code := wirediff(t, "", "dedup", "--no-index", "--format", "tsv", path)
	require.Equal(t, 0, code, errs)
	assert.Equal(t, []string{"e1 2025-02-11", "e2 2025-11-18"}, published(out))
	assert.Contains(t, errs, `eu.csv:3: date-order: published "18/11/2025" at line 3 reads only day first, yet the file's dates that read either way are read month first ("02/11/2025" at line 2 as 2025-02-11): read the file with --date-order dmy`)
	assert.Contains(t, errs, "1 dated month first in files written day first (--date-order dmy)")
	out, errs, code = wirediff(t, "", "dedup", "--no-index", "--format", "tsv", "--date-order", "dmy", path)
	require.Equal(t, 0, code, errs)
	assert.Equal(t, []string{"e1 2025-11-02", "e2 2025-11-18"}, published(out))
	assert.NotContains(t, errs, "date-order")
	_, errs, code = wirediff(t, "", "dedup", "--no-index", "--date-order", "ymd", path)
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, `--date-order: unknown date order "ymd"`)
}

// TestShowSkipped: a file of many bad records prints only the first few,
// while the summary counts them all and the good records are kept.
func TestShowSkipped(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"id":"ok","text":"The one good record among many broken ones."}` + "\n")
	for range 50 {
		b.WriteString("{not json\n")
	}
	path := filepath.Join(t.TempDir(), "noisy.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o644))
	count := func(s string) int { return strings.Count(s, "malformed-json") }

	out, errs, code := wirediff(t, "", "dedup", "--no-index", "--format", "tsv", "--show-skipped", "5", path)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "ok\t")
	assert.Equal(t, 5+1, count(errs), "5 shown plus the summary:\n%s", errs)
	assert.Contains(t, errs, "noisy.jsonl: more skipped records not shown")
	assert.Contains(t, errs, "skipped 50 (malformed-json 50)")

	_, errs, _ = wirediff(t, "", "dedup", "--no-index", "--format", "tsv", "--show-skipped", "0", path)
	assert.Equal(t, 50+1, count(errs))
	assert.NotContains(t, errs, "not shown")
}

func TestStdin(t *testing.T) {
	in := `{"id":"a","text":"The council approved the new harbour budget on Monday after a long debate."}
{"id":"b","text":"The council approved the new harbour budget on Monday after a long debate."}
{"id":"c","text":"An unrelated report about a football match in the rain."}
`
	out, errs, code := wirediff(t, in, "dedup", "--no-index", "--level", "copy", "--format", "tsv", "-")
	require.Equal(t, 0, code, errs)
	assert.Equal(t, "id\tgroup\na\tc:a\nb\tc:a\nc\tc:c\n", idGroup(out))
}

// TestStdinBatches: records piped in without an id are named by their
// content, so a second batch adds to the first instead of replacing it,
// and the same batch again changes nothing.
func TestStdinBatches(t *testing.T) {
	ix := filepath.Join(t.TempDir(), "x.index")
	monday := `{"title":"Monday","text":"Markets fell sharply on Monday in Asia as investors fled to bonds."}` + "\n"
	tuesday := `{"title":"Tuesday","text":"A storm closed schools across the northern coast on Tuesday."}` + "\n"
	_, errs, code := wirediff(t, monday, "dedup", "--index", ix, "-")
	require.Equal(t, 0, code, errs)
	_, errs, code = wirediff(t, tuesday, "dedup", "--index", ix, "-")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "grouped with 1 already in the index")
	_, errs, code = wirediff(t, monday, "dedup", "--index", ix, "-")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "0 new, 0 replaced, 1 unchanged")
	for _, q := range []string{"Markets", "storm"} {
		out, errs, code := wirediff(t, "", "search", "--index", ix, "--format", "json", q)
		require.Equal(t, 0, code, errs)
		assert.Regexp(t, `"id": ?"stdin:[0-9a-f]{16}"`, out, q)
	}
	out, errs, code := wirediff(t, "", "groups", "--index", ix, "--level", "copy", "--min-size", "1", "--format", "tsv")
	require.Equal(t, 0, code, errs)
	assert.Equal(t, 3, strings.Count(out, "\n"), "the header and two articles:\n%s", out)

	// similar --add: plain texts piped in one after another are each
	// added; a web page is named by its canonical URL.
	for _, text := range []string{
		"Zebras escaped the city zoo on Wednesday and roamed the park for hours before keepers caught them.",
		"Volunteers repainted the old lighthouse on Sunday after a storm damaged its roof and lamp room.",
		`<!DOCTYPE html><html><head><title>Ferry</title><link rel="canonical" href="https://example.com/ferry"></head>` +
			`<body><article><p>The island ferry resumed service on Thursday after engineers replaced a broken propeller shaft.</p></article></body></html>`,
	} {
		_, errs, code := wirediff(t, text, "similar", "--index", ix, "--add", "-")
		require.Contains(t, []int{0, 1}, code, errs)
	}
	out, errs, code = wirediff(t, "", "groups", "--index", ix, "--level", "copy", "--min-size", "1", "--format", "tsv")
	require.Equal(t, 0, code, errs)
	assert.Equal(t, 6, strings.Count(out, "\n"), "the header and five articles:\n%s", out)
	assert.Contains(t, out, "https://example.com/ferry\t")
}

func TestLineageCommand(t *testing.T) {
	ix := filepath.Join(t.TempDir(), "x.index")
	_, errs, code := wirediff(t, "", "dedup", "--index", ix, seeds)
	require.Equal(t, 0, code, errs)
	out, errs, code := wirediff(t, "", "lineage", "--index", ix)
	require.Equal(t, 0, code, errs)
	golden(t, "lineage-seeds.table", out)
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	if !strings.Contains(string(readme), "```\n"+out+"```\n") {
		t.Errorf("README.md does not show the seeds' lineage as the command prints it:\n%s", out)
	}
	out, _, code = wirediff(t, "", "lineage", "--index", ix, "--format", "json", "r:000_4bd703d3e122696c")
	require.Equal(t, 0, code)
	var doc struct {
		Lineage []struct {
			Group     string
			Reference struct{ Kind string }
			Members   []struct {
				ID    string
				Spans []struct {
					Kind       string
					Start, End int
					Text       string
				}
			}
		}
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	require.Len(t, doc.Lineage, 1)
	rep := doc.Lineage[0]
	assert.Equal(t, "r:000_4bd703d3e122696c", rep.Group)
	assert.Equal(t, "consensus", rep.Reference.Kind)
	assert.Len(t, rep.Members, 5)
	out, _, code = wirediff(t, "", "lineage", "--index", ix, "--format", "html", "r:000_4bd703d3e122696c")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "<html")
	// Unknown groups and IDs are usage-level errors.
	_, errs, code = wirediff(t, "", "lineage", "--index", ix, "r:nope")
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "unknown group")
	_, errs, code = wirediff(t, "", "lineage", "--index", ix, "nope1", "nope2")
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "not in index")
	_, errs, code = wirediff(t, "", "lineage", "--index", filepath.Join(t.TempDir(), "none"))
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "no index")
}

func TestIndexCommandIncremental(t *testing.T) {
	ix := filepath.Join(t.TempDir(), "x.index")
	_, errs, code := wirediff(t, "", "index", "--index", ix, seeds+"/000_4bd703d3e122696c.txt", seeds+"/001_2ea4910e153269e2.txt")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "holds 2")
	// Adding again, with one ID repeated: replaced, not duplicated.
	_, errs, code = wirediff(t, "", "index", "--index", ix, seeds)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "holds 5")
	// --help and a missing argument.
	out, _, code := wirediff(t, "", "index", "--help")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "Usage: wirediff index")
	_, _, code = wirediff(t, "", "index", "--index", ix)
	assert.Equal(t, 2, code)
}

func TestIndexInUse(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "x.index")
	scheme, err := dedup.DefaultScheme()
	require.NoError(t, err)
	ix, err := index.Open(dir, index.Options{Create: true, Meta: scheme.Meta()})
	require.NoError(t, err)
	defer ix.Close()
	_, errs, code := wirediff(t, "", "dedup", "--index", dir, seeds)
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "index in use")
}

// TestUsageWritesNothing: a command that creates an index, an output
// directory or a profile checks every flag and argument first, so a
// usage mistake leaves nothing behind (no empty index from index --field
// text, no --out directory or generated corpus from bench run --queries -1).
func TestUsageWritesNothing(t *testing.T) {
	shared := t.TempDir()
	gold := filepath.Join(shared, "gold.tsv")
	require.NoError(t, os.WriteFile(gold, []byte("a\t1\n"), 0o644))
	notDir := filepath.Join(shared, "file") // --data under a file fails at once
	require.NoError(t, os.WriteFile(notDir, nil, 0o644))
	data := filepath.Join(notDir, "data")
	tests := []struct {
		name string
		args func(dir string) []string // dir must stay empty
		want string                    // in stderr
	}{
		// A bad --field.
		{"index field", func(d string) []string { return []string{"index", "--index", d + "/x.index", "--field", "text", seeds} }, `bad field spec "text"`},
		{"dedup field", func(d string) []string { return []string{"dedup", "--index", d + "/x.index", "--field", "text", seeds} }, `bad field spec "text"`},
		{"eval field", func(d string) []string {
			return []string{"eval", "--index", d + "/x.index", "--gold", gold, "--field", "text", seeds}
		}, `bad field spec "text"`},
		// An unknown --encoding.
		{"index encoding", func(d string) []string {
			return []string{"index", "--index", d + "/x.index", "--encoding", "klingon", seeds}
		}, `--encoding: corpus: unknown encoding "klingon"`},
		{"dedup encoding", func(d string) []string {
			return []string{"dedup", "--index", d + "/x.index", "--encoding", "klingon", seeds}
		}, `--encoding: corpus: unknown encoding "klingon"`},
		{"index encoding list", func(d string) []string {
			return []string{"index", "--index", d + "/x.index", "--encoding", "windows-1252,utf-8", seeds}
		}, `--encoding: corpus: bad encoding list "windows-1252,utf-8"`},
		{"eval encoding", func(d string) []string {
			return []string{"eval", "--index", d + "/x.index", "--gold", gold, "--encoding", "klingon", seeds}
		}, `--encoding: corpus: unknown encoding "klingon"`},
		{"dedup profile", func(d string) []string {
			return []string{"dedup", "--index", d + "/x.index", "--cpuprofile", d + "/cpu.prof", "--format", "xml", seeds}
		}, `--format "xml"`},
		// No input path exists (one missing among others is a skip).
		{"dedup missing input", func(d string) []string { return []string{"dedup", "--index", d + "/x.index", d + "/nosuch.jsonl"} }, "no input: "},
		{"index missing input", func(d string) []string { return []string{"index", "--index", d + "/x.index", d + "/nosuch.jsonl"} }, "no such file"},
		{"eval missing input", func(d string) []string {
			return []string{"eval", "--index", d + "/x.index", "--gold", gold, d + "/a.jsonl", d + "/b.jsonl"}
		}, "a.jsonl: no such file"},
		// bench run: every flag before --out and --data are written.
		{"bench queries", func(d string) []string {
			return []string{"bench", "run", "--out", d + "/out", "--data", data, "--sizes", "1k", "--queries", "-1"}
		}, "--queries"},
		{"bench brute-max", func(d string) []string {
			return []string{"bench", "run", "--out", d + "/out", "--data", data, "--sizes", "1k", "--brute-max", "-1"}
		}, "--brute-max"},
		{"bench run argument", func(d string) []string {
			return []string{"bench", "run", "--out", d + "/out", "--data", data, "--sizes", "1k", "100k"}
		}, `unexpected argument "100k"`},
		{"bench gen argument", func(d string) []string {
			return []string{"bench", "gen", "--articles", "10", "--out", d + "/out", "extra"}
		}, `unexpected argument "extra"`},
		{"bench plot argument", func(d string) []string { return []string{"bench", "plot", "--out", d + "/out", "extra"} }, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			_, errs, code := wirediff(t, "", tt.args(dir)...)
			assert.Equal(t, 2, code, errs)
			assert.Contains(t, errs, tt.want)
			entries, err := os.ReadDir(dir)
			require.NoError(t, err)
			for _, e := range entries {
				t.Errorf("a usage error left %s behind", e.Name())
			}
		})
	}
}

// TestUsageNamesCommandHelp: a usage error points to the help of the
// command that was run, not only to 'wirediff --help', and that help
// exists.
func TestUsageNamesCommandHelp(t *testing.T) {
	tmp := filepath.Join(t.TempDir(), "x.index") // never written
	tests := []struct {
		args []string
		help string // the command line the message points to
	}{
		// Mistakes before any command: wirediff's own help.
		{nil, "wirediff --help"},
		{[]string{"frobnicate"}, "wirediff --help"},
		// A command's mistakes: its help.
		{[]string{"dedup", "--format", "xml", seeds}, "wirediff dedup --help"},
		{[]string{"dedup", "--no-such-flag", seeds}, "wirediff dedup --help"},
		{[]string{"index", "--index", tmp}, "wirediff index --help"},
		{[]string{"eval", seeds}, "wirediff eval --help"},
		{[]string{"search", "--index", tmp}, "wirediff search --help"},
		{[]string{"similar", "--index", tmp}, "wirediff similar --help"},
		{[]string{"show", "--index", tmp, "--format", "xml", "x"}, "wirediff show --help"},
		{[]string{"groups", "--index", tmp, "extra"}, "wirediff groups --help"},
		{[]string{"lineage", "--index", tmp, "--format", "xml"}, "wirediff lineage --help"},
		// bench's subcommands: theirs.
		{[]string{"bench"}, "wirediff bench --help"},
		{[]string{"bench", "frob"}, "wirediff bench --help"},
		{[]string{"bench", "gen", "--out", tmp}, "wirediff bench gen --help"},
		{[]string{"bench", "run", "--modes", "frob"}, "wirediff bench run --help"},
		{[]string{"bench", "plot", "extra"}, "wirediff bench plot --help"},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(strings.Join(tt.args, " "), tmp, "INDEX"), func(t *testing.T) {
			_, errs, code := wirediff(t, "", tt.args...)
			require.Equal(t, 2, code, errs)
			assert.True(t, strings.HasSuffix(errs, "\nRun '"+tt.help+"' for usage.\n"), "wirediff %q: stderr %q, want it to point to %s", tt.args, errs, tt.help)
			// The help it points to is there.
			out, errs, code := wirediff(t, "", strings.Fields(tt.help)[1:]...)
			assert.Equal(t, 0, code, errs)
			assert.Contains(t, out, "Usage:", "%s", tt.help)
		})
	}
	assert.NoFileExists(t, tmp)
}

// TestIndexGroups: the groups of a batch run made elsewhere (the JSON
// lines of dedup --no-index, as wirediff-beam writes them) recorded by
// index --groups are those dedup records in its own index.
func TestIndexGroups(t *testing.T) {
	tmp := t.TempDir()
	rows, errs, code := wirediff(t, "", "dedup", "--no-index", "--format", "jsonl", seeds)
	require.Equal(t, 0, code, errs)
	file := filepath.Join(tmp, "groups.jsonl")
	require.NoError(t, os.WriteFile(file, []byte(rows), 0o644))

	imported, grouped := filepath.Join(tmp, "imported.index"), filepath.Join(tmp, "grouped.index")
	_, errs, code = wirediff(t, "", "index", "--index", imported, "--groups", file, seeds)
	require.Equal(t, 0, code, errs)
	_, errs, code = wirediff(t, "", "dedup", "--index", grouped, seeds)
	require.Equal(t, 0, code, errs)
	want, err := os.ReadFile(filepath.Join(grouped, "groups.tsv"))
	require.NoError(t, err)
	got, err := os.ReadFile(filepath.Join(imported, "groups.tsv"))
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got))
	// The CSV and TSV of dedup give the same groups.
	for _, format := range []string{"csv", "tsv"} {
		table, errs, code := wirediff(t, "", "dedup", "--no-index", "--format", format, seeds)
		require.Equal(t, 0, code, errs)
		tfile := filepath.Join(tmp, "groups."+format)
		require.NoError(t, os.WriteFile(tfile, []byte(table), 0o644))
		ix := filepath.Join(tmp, format+".index")
		_, errs, code = wirediff(t, "", "index", "--index", ix, "--groups", tfile, seeds)
		require.Equal(t, 0, code, errs)
		got, err := os.ReadFile(filepath.Join(ix, "groups.tsv"))
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got), format)
	}
	// A file of another kind says what it wants.
	other := filepath.Join(tmp, "other.tsv")
	require.NoError(t, os.WriteFile(other, []byte("id\tcluster\n000_4bd703d3e122696c\tx\n"), 0o644))
	_, errs, code = wirediff(t, "", "index", "--index", filepath.Join(tmp, "other.index"), "--groups", other, seeds)
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, `other.tsv:1: not a groups file`)
	assert.Contains(t, errs, `the header has no "copy"`)
	assert.NoDirExists(t, filepath.Join(tmp, "other.index"), "the file is read before anything is indexed")

	// A file that leaves an indexed article out, or names one not
	// indexed, is refused, and the index left as it was: the articles
	// read are not committed.
	late := filepath.Join(tmp, "late.jsonl")
	require.NoError(t, os.WriteFile(late, []byte(`{"id":"late","text":"Officials in Geneva said on Monday that talks on the plan would resume next week."}`+"\n"), 0o644))
	for _, tt := range []struct{ rows, want string }{
		{rows, "groups for 5 of the 6 indexed articles"},
		{`{"id":"nope","groups":{"copy":"c:nope","rewrite":"r:nope","story":"s:nope"}}` + "\n", "groups.jsonl:1: nope is not in the index"},
	} {
		require.NoError(t, os.WriteFile(file, []byte(tt.rows), 0o644))
		_, errs, code = wirediff(t, "", "index", "--index", imported, "--groups", file, seeds, late)
		assert.Equal(t, 1, code)
		assert.Contains(t, errs, tt.want)
		assert.Contains(t, errs, "nothing was indexed: "+imported+" is as it was")
		out, errs, code := wirediff(t, "", "check", "--index", imported)
		assert.Equal(t, 0, code, errs)
		assert.Equal(t, "index "+imported+": 5 articles committed, 5 grouped; live store 5\nok\n", out)
		got, err := os.ReadFile(filepath.Join(imported, "groups.tsv"))
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got))
	}
	fresh := filepath.Join(tmp, "fresh.index")
	_, errs, code = wirediff(t, "", "index", "--index", fresh, "--groups", file, late)
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "nothing was indexed: "+fresh+" is a new index that holds no articles")
}

// TestUsageContract covers the command-line rules every command follows:
// help for a command by name, the version, usage errors for an empty
// query, nothing read and flags that do not apply.
func TestUsageContract(t *testing.T) {
	empty := filepath.Join(t.TempDir(), "empty.jsonl")
	require.NoError(t, os.WriteFile(empty, nil, 0o644))
	tests := []struct {
		args []string
		code int
		want string // in stdout+stderr
	}{
		{[]string{"help", "dedup"}, 0, "Usage: wirediff dedup"},
		{[]string{"help", "bench", "run"}, 0, "Usage: wirediff bench run"},
		{[]string{"help", "frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"--version"}, 0, "wirediff "},
		{[]string{"search", "--index", "x", ""}, 2, "empty query"},
		{[]string{"search", "--index", "x", " ", " "}, 2, "empty query"},
		{[]string{"search", "--index", "x", "--format", "json", "--color", "always", "a"}, 2, "--color applies to --format table only"},
		{[]string{"dedup", "--no-index", empty}, 2, "no articles read from"},
		{[]string{"dedup", "--no-index", "--min-size", "0", seeds}, 2, "--min-size"},
		{[]string{"eval", "--gold", "g.tsv", "--pred", "p.tsv", "--level", "copy"}, 2, "--level do(es) not apply to --pred"},
		{[]string{"bench", "plot"}, 2, "--out is required"},
		{[]string{"dedup", "--no-index", "--input-only", seeds}, 2, "--input-only does not apply with --no-index"},
		{[]string{"dedup", "--no-index", "--index", "x", seeds}, 2, "--index and --no-index"},
	}
	for _, tt := range tests {
		out, errs, code := wirediff(t, "", tt.args...)
		assert.Equal(t, tt.code, code, "wirediff %q: %s%s", tt.args, out, errs)
		assert.Contains(t, out+errs, tt.want, "wirediff %q", tt.args)
	}
}

// TestVersionStamped: the version the Makefile stamps with -ldflags
// reaches --version (a renamed variable would silently stamp nothing).
func TestVersionStamped(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	mk, err := os.ReadFile("../../Makefile")
	require.NoError(t, err)
	require.Contains(t, string(mk), "-X main.version=", "the Makefile stamps main.version")
	bin := filepath.Join(t.TempDir(), "wirediff")
	build := exec.Command("go", "build", "-ldflags", "-X main.version=v0.0.0-stamped", "-o", bin, ".")
	build.Stderr = os.Stderr
	require.NoError(t, build.Run(), "go build")
	out, err := exec.Command(bin, "--version").Output()
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(out), "wirediff v0.0.0-stamped "), "--version = %q", out)
}

// idGroup keeps the first two columns of TSV rows: the "id<TAB>group"
// that eval reads.
func idGroup(tsv string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(tsv, "\n") {
		if line == "" {
			continue
		}
		cells := strings.SplitN(strings.TrimSuffix(line, "\n"), "\t", 3)
		b.WriteString(strings.Join(cells[:min(2, len(cells))], "\t") + "\n")
	}
	return b.String()
}

// TestUngroupedIndex: an index that was never grouped says so, and how to
// group it, where groups matter.
func TestUngroupedIndex(t *testing.T) {
	ix := filepath.Join(t.TempDir(), "x.index")
	_, errs, code := wirediff(t, "", "index", "--index", ix, seeds)
	require.Equal(t, 0, code, errs)
	_, errs, code = wirediff(t, "", "search", "--index", ix, "--collapse", "story", "Witkoff")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "has no groups yet, so every hit is a group of one")
	_, errs, code = wirediff(t, "", "groups", "--index", ix)
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "'wirediff dedup --index "+ix+"' to group the articles it holds (no PATH needed)")
}

// TestDedupMinSize: --min-size hides the articles of smaller groups in
// every format, and from JSON the groups at every level that hold none of
// the articles listed, so that a group listed has its parent listed.
func TestDedupMinSize(t *testing.T) {
	for _, tt := range []struct {
		min  string
		rows int
	}{{"1", 5}, {"5", 5}, {"6", 0}} {
		out, errs, code := wirediff(t, "", "dedup", "--no-index", "--min-size", tt.min, "--format", "tsv", seeds)
		require.Equal(t, 0, code, errs)
		assert.Equal(t, tt.rows+1, strings.Count(out, "\n"), "--min-size %s:\n%s", tt.min, out)
	}
	out, errs, code := wirediff(t, "", "dedup", "--no-index", "--level", "copy", "--min-size", "2", "--format", "json", seeds)
	require.Equal(t, 0, code, errs)
	var doc struct {
		Articles []json.RawMessage
		Groups   []listing.Group
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	assert.Empty(t, doc.Articles, "the seeds are no copies of one another")
	assert.Empty(t, doc.Groups, "no article listed, no group")

	for _, tt := range []struct {
		level, min string
		groups     []string // the levels of the groups listed
	}{{"rewrite", "5", []string{"rewrite", "story"}}, {"rewrite", "6", nil}, {"story", "5", []string{"rewrite", "story"}}} {
		out, errs, code := wirediff(t, "", "dedup", "--no-index", "--level", tt.level, "--min-size", tt.min, "--format", "json", seeds)
		require.Equal(t, 0, code, errs)
		doc.Groups = nil
		require.NoError(t, json.Unmarshal([]byte(out), &doc))
		var levels []string
		ids := map[string]bool{}
		for _, g := range doc.Groups {
			levels = append(levels, g.Level)
			ids[g.ID] = true
		}
		assert.Equal(t, tt.groups, levels, "--level %s --min-size %s", tt.level, tt.min)
		for _, g := range doc.Groups {
			assert.True(t, g.Parent == "" || ids[g.Parent], "%s's parent %s listed", g.ID, g.Parent)
		}
	}
}

func TestDedupTimings(t *testing.T) {
	for _, tt := range []struct {
		name  string
		args  []string
		want  []string
		quiet bool
	}{
		{"in memory", []string{"--no-index"}, []string{"read", "candidates-lsh", "candidates-mlt", "cluster-copy", "cluster-rewrite", "cluster-story"}, false},
		{"streamed into an index", []string{"--index", filepath.Join(t.TempDir(), "ix")}, []string{"read", "candidates-lsh", "candidates-mlt", "score-pairs", "cluster-components", "index"}, false},
		{"quiet", []string{"--no-index", "--quiet"}, []string{"read", "candidates-lsh", "candidates-mlt", "cluster-copy", "cluster-rewrite", "cluster-story"}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			args := append(append([]string{"dedup", "--timings", "--format", "tsv"}, tt.args...), seeds)
			_, errs, code := wirediff(t, "", args...)
			require.Equal(t, 0, code, errs)
			lines := strings.Split(strings.TrimSpace(errs), "\n")
			secs, ok := progress.ParseTimes(lines[len(lines)-1])
			require.True(t, ok, "the last line of stderr gives the stage times:\n%s", errs)
			assert.ElementsMatch(t, tt.want, slices.Collect(maps.Keys(secs)))
			assert.Equal(t, tt.quiet, len(lines) == 1, "--quiet leaves only the stage times:\n%s", errs)
		})
	}
}

// TestEmptyIndexFlag: every command that takes --index refuses an empty
// one as a usage error naming the flag, before it creates or opens
// anything (not "no index in ", nor an index in the current directory).
func TestEmptyIndexFlag(t *testing.T) {
	abs, err := filepath.Abs(seeds)
	require.NoError(t, err)
	dflt := "--index is empty: name the index directory (default wirediff.index)"
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"check", "--index", ""}, "check: " + dflt},
		{[]string{"check", "--index="}, "check: " + dflt},
		{[]string{"check", "--restore", "--index", ""}, "check: " + dflt},
		{[]string{"dedup", "--index", "", abs}, "dedup: " + dflt},
		{[]string{"dedup", "--index=", "--no-index", abs}, "dedup: " + dflt},
		{[]string{"index", "--index", "", abs}, "index: " + dflt},
		{[]string{"search", "--index", "", "storm"}, "search: " + dflt},
		{[]string{"show", "--index", "", "a1"}, "show: " + dflt},
		{[]string{"similar", "--index", "", "a1"}, "similar: " + dflt},
		{[]string{"delete", "--index", "", "a1"}, "delete: " + dflt},
		{[]string{"lineage", "--index", "", "a1"}, "lineage: " + dflt},
		{[]string{"groups", "--index", ""}, "groups: " + dflt},
		{[]string{"explain", "--index", "", "a1", "a2"}, "explain: " + dflt},
		{[]string{"serve", "--index", ""}, "serve: " + dflt},
		{[]string{"eval", "--gold", "g.tsv", "--index", "", abs},
			"eval: --index is empty: name the index directory, or leave --index out to group in memory"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir)
			out, errs, code := wirediff(t, "", tt.args...)
			assert.Equal(t, 2, code, "%s%s", out, errs)
			assert.Contains(t, errs, tt.want)
			assert.Contains(t, errs, "wirediff "+tt.args[0]+" --help")
			assert.NotContains(t, errs, "no index in")
			left, err := os.ReadDir(dir)
			require.NoError(t, err)
			assert.Empty(t, left, "nothing is created in the current directory")
		})
	}
}

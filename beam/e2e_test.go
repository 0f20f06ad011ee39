package beam

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/memfs"

	"github.com/wirediff/wirediff/cluster"
)

// badInput writes a folder of articles with bad records among good ones:
// the seeds, a JSON lines file with a malformed line, an empty record and
// an ID the seeds also have, and a record whose publication time is not a
// date (kept), and a CSV file with a quote left open.
func badInput(t *testing.T) string {
	dir := t.TempDir()
	seeds, err := filepath.Glob("../testdata/seeds/*.txt")
	if err != nil || len(seeds) == 0 {
		t.Fatalf("seeds: %v", err)
	}
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(s)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	first := strings.TrimSuffix(filepath.Base(seeds[0]), ".txt")
	files := map[string]string{
		"a.jsonl": `{"id":"j1","title":"Storm closes port","text":"A storm closed the port of Rotterdam on Monday, the harbour master said."}
not json at all
{"id":"j2","text":""}
{"id":"` + first + `","text":"A short record with a seed's ID."}
{"id":"j3","title":"Storm shuts Rotterdam port","text":"A storm closed the port of Rotterdam on Monday, the harbour master said, and ships waited."}
{"id":"j4","published":"2025-11-18T24:28:00Z","text":"A record whose publication time is not a date is kept."}
{"id":"j5","text":"The ferry to Hull was cancelled for a second day."}
also not json
{"id":"j6","text":"The harbour reopened on Wednesday morning."}
[1, 2]
`,
		"b.csv":     "id,title,text\nc1,Budget vote,\"The council voted on the budget on Tuesday.\"\nc2,Open,\"a quote left open\nc3,Budget passes,The council passed the budget on Tuesday evening.\n",
		"notes.xml": "<notes/>",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestBadInput: bad records go to the dead-letter file, named by file and
// line as the wirediff command reports them, with the record kept without
// its unread publication time, and the valid ones are grouped as the
// command groups them.
func TestBadInput(t *testing.T) {
	dir := badInput(t)
	skippedFile := filepath.Join(t.TempDir(), "skipped")
	got, counts := runPipeline(t, Config{Paths: []string{dir}, Level: cluster.Rewrite, Format: "jsonl", Skipped: skippedFile})
	stdout, stderr := wirediffErr(t, "dedup", "--no-index", "--format", "jsonl", "--show-skipped", "0", dir)
	sameOutput(t, "rewrite jsonl", got, stdout)

	var want []string
	skips := 0
	for _, l := range strings.Split(stderr, "\n") {
		if p, ok := strings.CutPrefix(l, "wirediff: skipped "); ok {
			want = append(want, p)
			skips++
		} else if p, ok := strings.CutPrefix(l, "wirediff: "); ok && strings.Contains(p, ": unread-date: ") {
			want = append(want, p)
		}
	}
	// Sorted by file, then line number (a.jsonl:2 before a.jsonl:10).
	slices.SortFunc(want, func(a, b string) int { return cmp.Compare(deadLetterKey(a), deadLetterKey(b)) })
	dead, err := os.ReadFile(skippedFile)
	if err != nil {
		t.Fatal(err)
	}
	gotDead := strings.Split(strings.TrimSuffix(string(dead), "\n"), "\n")
	if !slices.Equal(gotDead, want) {
		t.Errorf("dead letters:\n%s\nwirediff reports:\n%s", strings.Join(gotDead, "\n"), strings.Join(want, "\n"))
	}
	if counts["skipped"] != int64(skips) || counts["unread-dates"] != 1 || len(want) != skips+1 {
		t.Errorf("skipped counter %d, unread-dates %d; want %d and 1 (dead letters %q)", counts["skipped"], counts["unread-dates"], skips, want)
	}
	if len(want) < 4 {
		t.Errorf("only %d problems in the bad input: %q", len(want), want)
	}
}

// TestFileGivenTwice: a file given twice is read twice, as the wirediff
// command reads it: each record of the second reading is a duplicated ID,
// named in the dead-letter file and counted as the command reports it.
func TestFileGivenTwice(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl")
	files := map[string]string{
		// An ID twice on one line (the longer kept), an ID b has too.
		a: `[{"id":"x","text":"The harbour reopened on Wednesday."},{"id":"x","text":"The harbour reopened on Wednesday morning."}]
{"id":"y","text":"The ferry to Hull was cancelled for a second day."}
{"id":"z","text":"A storm closed the port of Rotterdam on Monday."}
`,
		b: `{"id":"z","text":"A storm closed the port of Rotterdam on Monday, the harbour master said."}
`,
	}
	for name, text := range files {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, paths := range [][]string{
		{a, a},
		{a, b, a, a},
		{b, dir}, // b again, walked
	} {
		skippedFile := filepath.Join(t.TempDir(), "skipped")
		got, counts := runPipeline(t, Config{Paths: paths, Level: cluster.Rewrite, Format: "tsv", Skipped: skippedFile})
		cmd := exec.Command(buildBinary(t, "wirediff", "..", "./cmd/wirediff"),
			append([]string{"dedup", "--no-index", "--format", "tsv", "--show-skipped", "0"}, paths...)...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("wirediff: %v\n%s", err, stderr.Bytes())
		}
		sameOutput(t, fmt.Sprint(paths), got, stdout.Bytes())
		// Which record a message names as kept depends on the order read;
		// the record skipped and why do not.
		var want []string
		for _, l := range strings.Split(stderr.String(), "\n") {
			if p, ok := strings.CutPrefix(l, "wirediff: skipped "); ok {
				want = append(want, problemOf(p))
			}
		}
		slices.Sort(want)
		dead, err := os.ReadFile(skippedFile)
		if err != nil {
			t.Fatal(err)
		}
		var gotDead []string
		for _, l := range strings.Split(strings.TrimSuffix(string(dead), "\n"), "\n") {
			gotDead = append(gotDead, problemOf(l))
		}
		slices.Sort(gotDead)
		if !slices.Equal(gotDead, want) || counts["skipped"] != int64(len(want)) {
			t.Errorf("%q: dead letters (skipped counter %d):\n%s\nwirediff reports:\n%s",
				paths, counts["skipped"], strings.Join(gotDead, "\n"), strings.Join(want, "\n"))
		}
	}
}

// TestSharedFileNames: files whose names would give their articles one
// ID (x.txt and x.md; records without an id in mon/feed.jsonl and
// tue/feed.jsonl) are all read and named as the wirediff command names
// them, walked or named themselves.
func TestSharedFileNames(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"x.txt":          "The council voted on Monday to close the old bridge for repairs lasting fourteen weeks.",
		"x.md":           "A storm closed the port of Rotterdam on Monday, the harbour master said.",
		"mon/feed.jsonl": `{"text": "The ferry to Hull was cancelled for a second day."}` + "\n",
		"tue/feed.jsonl": `{"text": "A new museum of modern art opened downtown on Wednesday."}` + "\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, paths := range [][]string{{dir}, {filepath.Join(dir, "x.txt"), filepath.Join(dir, "x.md")}} {
		got, counts := runPipeline(t, Config{Paths: paths, Level: cluster.Rewrite, Format: "tsv"})
		cmd := exec.Command(buildBinary(t, "wirediff", "..", "./cmd/wirediff"),
			append([]string{"dedup", "--no-index", "--format", "tsv"}, paths...)...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("wirediff: %v\n%s", err, stderr.Bytes())
		}
		sameOutput(t, fmt.Sprint(paths), got, stdout.Bytes())
		if counts["skipped"] != 0 {
			t.Errorf("%q: %d skipped, want none", paths, counts["skipped"])
		}
		for _, id := range []string{"x.md", "x.txt"} {
			if !strings.Contains(string(got), "\n"+id+"\t") {
				t.Errorf("%q: no article %s among\n%s", paths, id, got)
			}
		}
	}
}

// problemOf is a dead-letter line's record and reason ("a.jsonl:2:
// duplicate-id"), without its detail.
func problemOf(line string) string {
	if m := regexp.MustCompile(`^(.*?: [a-z-]+)(?::|$)`).FindStringSubmatch(line); m != nil {
		return m[1]
	}
	return line
}

// deadLetterKey is a dead-letter line's sort key: its path, its line
// number padded, the line.
func deadLetterKey(line string) string {
	m := regexp.MustCompile(`^(.*?)(?::(\d+))?: [a-z-]+(?::|$)`).FindStringSubmatch(line)
	if m == nil {
		return line
	}
	n, _ := strconv.Atoi(m[2])
	return fmt.Sprintf("%s\x00%012d\x00%s", m[1], n, line)
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "localhost:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// TestUniversalJobServer starts prism as a job server of its own on
// loopback and submits the pipeline to it through Beam's universal
// runner, the path Flink, Spark and Dataflow jobs take: the output equals
// the command's, and --strict fails the run on the bad records.
func TestUniversalJobServer(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the job server in -short mode")
	}
	prism := buildBinary(t, "prism", ".", "github.com/apache/beam/sdks/v2/go/cmd/prism")
	wb := buildBinary(t, "wirediff-beam", ".", "./cmd/wirediff-beam")
	port := strconv.Itoa(freePort(t))
	server := exec.Command(prism, "--job_port", port, "--serve_http=false", "--log_level", "warn")
	var serverLog bytes.Buffer
	server.Stdout, server.Stderr = &serverLog, &serverLog
	if err := server.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		server.Process.Kill()
		server.Wait()
	}()
	endpoint := "localhost:" + port
	for deadline := time.Now().Add(time.Minute); ; {
		c, err := net.Dial("tcp", endpoint)
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("prism job server not listening on %s: %v\n%s", endpoint, err, serverLog.Bytes())
		}
		time.Sleep(100 * time.Millisecond)
	}

	dir := badInput(t)
	out := filepath.Join(t.TempDir(), "groups.tsv")
	args := []string{"--runner", "universal", "--endpoint", endpoint, "--environment_type", "LOOPBACK",
		"--level", "story", "--format", "tsv", "--out", out}
	tmp := t.TempDir()
	run := func(extra ...string) error {
		cmd := exec.Command(wb, append(append(args[:len(args):len(args)], extra...), dir)...)
		cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
		msg, err := cmd.CombinedOutput()
		t.Logf("wirediff-beam %s:\n%s", strings.Join(extra, " "), msg)
		// The command leaves nothing in the temporary directory.
		if left, _ := os.ReadDir(tmp); len(left) > 0 {
			t.Errorf("wirediff-beam %s left %d files in TMPDIR, the first %s", strings.Join(extra, " "), len(left), left[0].Name())
		}
		return err
	}
	if err := run(); err != nil {
		t.Fatalf("wirediff-beam: %v", err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	sameOutput(t, "story tsv", got, wirediff(t, "dedup", "--no-index", "--level", "story", "--format", "tsv", dir))
	if err := run("--strict"); err == nil {
		t.Error("--strict with bad records: the run succeeded")
	}
}

// TestLineage: --lineage writes, per rewrite group of two or more, the
// report `wirediff dedup --lineage --format json` lists.
func TestLineage(t *testing.T) {
	dir := t.TempDir()
	lin := filepath.Join(dir, "lineage.jsonl")
	runPipeline(t, Config{Paths: []string{"../testdata/seeds"}, Level: cluster.Rewrite, Format: "tsv", Lineage: lin})
	var want struct {
		Lineage []any `json:"lineage"`
	}
	if err := json.Unmarshal(wirediff(t, "dedup", "--no-index", "--lineage", "--format", "json", "../testdata/seeds"), &want); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(lin)
	if err != nil {
		t.Fatal(err)
	}
	var got []any
	for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		var v any
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		got = append(got, v)
	}
	if len(want.Lineage) == 0 || !reflect.DeepEqual(got, want.Lineage) {
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want.Lineage)
		t.Errorf("lineage reports differ:\n beam:     %.600s\n wirediff: %.600s", g, w)
	}
}

// TestOutputsReplaced: the dead-letter and lineage files are written on
// every run, empty when there is nothing to put in them, so that none an
// earlier run left behind is taken for this run's.
func TestOutputsReplaced(t *testing.T) {
	for _, tc := range []struct {
		name                 string
		paths                []string
		wantSkipped, wantLin bool // whether each file holds lines
	}{
		{"one article", []string{"../testdata/seeds/000_4bd703d3e122696c.txt"}, false, false},
		{"a group", []string{"../testdata/seeds"}, false, true},
		{"a missing path", []string{"../testdata/seeds/000_4bd703d3e122696c.txt", "../testdata/seeds/no-such-file.txt"}, true, false},
	} {
		dir := t.TempDir()
		skippedFile, lin := filepath.Join(dir, "skipped"), filepath.Join(dir, "lineage.jsonl")
		for _, f := range []string{skippedFile, lin} {
			if err := os.WriteFile(f, []byte("left by an earlier run\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		runPipeline(t, Config{Paths: tc.paths, Level: cluster.Rewrite, Format: "tsv", Skipped: skippedFile, Lineage: lin})
		for _, f := range []struct {
			path string
			want bool
		}{{skippedFile, tc.wantSkipped}, {lin, tc.wantLin}} {
			b, err := os.ReadFile(f.path)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(b, []byte("earlier run")) || (len(b) > 0) != f.want {
				t.Errorf("%s: %s holds %q; want lines %v", tc.name, filepath.Base(f.path), b, f.want)
			}
		}
	}
}

// TestMissingPath: a path that does not exist is a dead letter and is
// counted as skipped, and the articles of the other paths are grouped.
func TestMissingPath(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no-such-file.jsonl")
	skippedFile := filepath.Join(t.TempDir(), "skipped")
	got, counts := runPipeline(t, Config{Paths: []string{"../testdata/seeds", missing}, Level: cluster.Rewrite, Format: "tsv", Skipped: skippedFile})
	dead, err := os.ReadFile(skippedFile)
	if err != nil {
		t.Fatal(err)
	}
	if want := missing + ": unreadable: no such file or directory\n"; string(dead) != want {
		t.Errorf("dead letters %q, want %q", dead, want)
	}
	if counts["skipped"] != 1 || counts["articles"] != 5 {
		t.Errorf("counters: skipped %d, articles %d; want 1 and 5", counts["skipped"], counts["articles"])
	}
	if rows := bytes.Count(got, []byte("\n")); rows != 1+5 {
		t.Errorf("%d lines, want a header and the 5 seeds:\n%s", rows, got)
	}
}

// TestRemoteGlob: the files of a glob on a registered file system other
// than the local one are read, and a glob that matches no file is a dead
// letter and counted as skipped, as a missing local path is, while the
// articles of the other paths are grouped.
func TestRemoteGlob(t *testing.T) {
	memfs.Write("memfs://news/a.jsonl", []byte(`{"id":"m1","text":"A storm closed the port of Rotterdam on Monday."}`+"\n"))
	memfs.Write("memfs://news/b.jsonl", []byte(`{"id":"m2","text":"The ferry to Hull was cancelled for a second day."}`+"\nnot json\n"))
	skippedFile := filepath.Join(t.TempDir(), "skipped")
	got, counts := runPipeline(t, Config{Paths: []string{"../testdata/seeds", "memfs://news/*.jsonl", "memfs://none/*.jsonl"},
		Level: cluster.Rewrite, Format: "tsv", Skipped: skippedFile})
	dead, err := os.ReadFile(skippedFile)
	if err != nil {
		t.Fatal(err)
	}
	want := "memfs://news/b.jsonl:2: malformed-json: invalid character 'o' in literal null (expecting 'u')\n" +
		"memfs://none/*.jsonl: unreadable: no file matches\n"
	if string(dead) != want {
		t.Errorf("dead letters:\n%s\nwant:\n%s", dead, want)
	}
	if counts["skipped"] != 2 || counts["articles"] != 7 || counts["files"] != 7 {
		t.Errorf("counters: skipped %d, articles %d, files %d; want 2, 7 and 7", counts["skipped"], counts["articles"], counts["files"])
	}
	if rows := bytes.Count(got, []byte("\n")); rows != 1+7 {
		t.Errorf("%d lines, want a header and 7 articles:\n%s", rows, got)
	}
}

// TestEncodingFallback: a record that is not UTF-8, decoded from the
// --encoding fallback, is grouped as the wirediff command groups it, and
// named in the dead-letter file and counted as the command notes it.
func TestEncodingFallback(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.jsonl": `{"id":"j1","text":"A storm closed the port of Rotterdam on Monday, the harbour master said."}
{"id":"j2","text":"A storm closed the port of Rotterdam on Monday, the harbour master said. Caf` + "\xe9" + ` owners waited."}
`,
		"b.csv": "id,text\nc1,\"The council voted on the budget on Tuesday \x96 na\xefvely, some said.\"\nc2,The council passed the budget on Tuesday evening.\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const enc = "utf-8,windows-1252"
	skippedFile := filepath.Join(t.TempDir(), "skipped")
	got, counts := runPipeline(t, Config{Paths: []string{dir}, Read: ReadOptions{Encoding: enc}, Level: cluster.Rewrite, Format: "jsonl", Skipped: skippedFile})
	stdout, stderr := wirediffErr(t, "dedup", "--no-index", "--format", "jsonl", "--encoding", enc, "--show-skipped", "0", dir)
	sameOutput(t, "rewrite jsonl", got, stdout)
	var want []string
	for _, l := range strings.Split(stderr, "\n") {
		if p, ok := strings.CutPrefix(l, "wirediff: "); ok && strings.Contains(p, ": decoded as windows-1252") {
			want = append(want, p)
		}
	}
	slices.Sort(want)
	dead, err := os.ReadFile(skippedFile)
	if err != nil {
		t.Fatal(err)
	}
	gotDead := strings.Split(strings.TrimSuffix(string(dead), "\n"), "\n")
	if len(want) != 2 || !slices.Equal(gotDead, want) {
		t.Errorf("dead letters:\n%s\nwirediff notes:\n%s", dead, strings.Join(want, "\n"))
	}
	if counts["fallback-decoded"] != 2 || counts["skipped"] != 0 {
		t.Errorf("fallback-decoded counter %d, skipped %d; want 2 and 0", counts["fallback-decoded"], counts["skipped"])
	}
}

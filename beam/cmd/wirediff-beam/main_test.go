package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain runs this test binary as the command itself when
// WIREDIFF_BEAM_AS_COMMAND is set, so that tests can run it as a user
// does.
func TestMain(m *testing.M) {
	if os.Getenv("WIREDIFF_BEAM_AS_COMMAND") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// command runs wirediff-beam with args and returns its standard error
// and exit status.
func command(t *testing.T, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "WIREDIFF_BEAM_AS_COMMAND=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	return stderr.String(), cmd.ProcessState.ExitCode()
}

// TestBadPaths: an input or output path on a file system the command has
// none for, or a local output it cannot write, is a usage error (exit
// status 2) naming the path, reported before the pipeline runs and
// without a panic; nothing is written. A good local path runs.
func TestBadPaths(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte("not a directory"), 0o644); err != nil {
		t.Fatal(err)
	}
	const seeds = "../../../testdata/seeds"
	out := filepath.Join(dir, "groups.tsv")
	for _, tc := range []struct {
		name string
		args []string
		want string // the message; "" for a run that succeeds
	}{
		{"unknown input scheme", []string{"--out", out, "hdfs://namenode/news/*.jsonl"},
			`input hdfs://namenode/news/*.jsonl: no file system for scheme "hdfs" in this program (it has: local paths, gs://, s3://)`},
		{"input scheme typo", []string{"--out", out, seeds, "gcs://bucket/news/*.jsonl"},
			`input gcs://bucket/news/*.jsonl: no file system for scheme "gcs" in this program (it has: local paths, gs://, s3://)`},
		{"unknown output scheme", []string{"--out", "hdfs://namenode/out/groups.tsv", seeds},
			`--out hdfs://namenode/out/groups.tsv: no file system for scheme "hdfs" in this program (it has: local paths, gs://, s3://)`},
		{"uncreatable local output dir", []string{"--out", filepath.Join(file, "out", "groups.tsv"), seeds},
			"--out " + filepath.Join(file, "out", "groups.tsv") + ": mkdir " + file + ": not a directory"},
		{"flag after the paths", []string{"--out", out, seeds, "--format", "jsonl"},
			"--format after the paths: flags come before the paths"},
		{"flag with its value after the paths", []string{"--out", out, seeds, "-level=copy"},
			"-level=copy after the paths: flags come before the paths"},
		{"negative blocks", []string{"--out", out, "--mlt-blocks", "-3", seeds},
			"mlt blocks -3: want 0 (the default, 8) or more"},
		{"too many parts", []string{"--out", out, "--parts", "100000", seeds},
			"parts 100000: want 0 to 1024"},
		{"async with prism in process", []string{"--out", out, "--async", seeds},
			"--async with prism in process or a LOOPBACK environment: the workers run in this process, which would exit before the job ends"},
		{"async with strict", []string{"--runner", "universal", "--endpoint", "localhost:1", "--environment_type", "DOCKER", "--async", "--strict", "--out", out, seeds},
			"--strict with --async: the skipped records are counted when the job ends, which --async does not wait for"},
		{"good local path", []string{"--out", filepath.Join(dir, "new", "groups.tsv"), seeds}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stderr, code := command(t, append([]string{"--runner", "prism", "--level", "story"}, tc.args...)...)
			if tc.want == "" {
				if code != 0 {
					t.Fatalf("exit status %d, want 0:\n%s", code, stderr)
				}
				if _, err := os.Stat(filepath.Join(dir, "new", "groups.tsv")); err != nil {
					t.Error(err)
				}
				return
			}
			want := "wirediff-beam: " + tc.want + "\nRun 'wirediff-beam --help' for usage.\n"
			if code != 2 || stderr != want {
				t.Errorf("exit status %d, standard error:\n%s\nwant 2 and:\n%s", code, stderr, want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s written", out)
			}
		})
	}
}

// TestNotRun: a runner that only translates the job (Dataflow's
// --dry_run) gives no result; the command says nothing was run, exit
// status 0, instead of reporting that no article was read.
func TestNotRun(t *testing.T) {
	stderr, code := command(t, "--runner", "dataflow", "--dry_run", "--project", "p", "--region", "r",
		"--temp_location", "gs://b/tmp", "--staging_location", "gs://b/staging", "--out", "gs://b/out/groups.tsv", "gs://b/news/*.jsonl")
	const want = "wirediff-beam: the job was not run (--dry_run or --template_location); nothing was read or written\n"
	if code != 0 || !strings.HasSuffix(stderr, want) {
		t.Errorf("exit status %d, standard error:\n%s\nwant 0 and, last:\n%s", code, stderr, want)
	}
}

func TestParseBytes(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"6GiB", 6 << 30, true},
		{"800MiB", 800 << 20, true},
		{"512KiB", 512 << 10, true},
		{"2TiB", 2 << 40, true},
		{"3GB", 3e9, true},
		{"1000000B", 1e6, true},
		{"1048576", 1 << 20, true},
		{"", 0, false},
		{"GiB", 0, false},
		{"-1GiB", 0, false},
		{"0", 0, false},
		{"1.5GiB", 0, false},
		{"6gib", 0, false},
		{"9000000TiB", 0, false},
	} {
		got, err := parseBytes(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("parseBytes(%q) = %d, %v; want %d, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

package main

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wirediff/wirediff/index"
)

// TestSearchDuringRegroup measures what a reader sees while a regroup
// writes: it runs 'wirediff dedup --index WIREDIFF_REGROUP_INDEX
// [WIREDIFF_REGROUP_CORPUS]' (the binary, built, in a process of its own
// as a user would run it; with no corpus, the regroup of every article the
// index holds) and, until it finishes, searches one word again and again,
// logging the latency percentiles (target: p99 at most 100 ms):
//
//   - by default each search opens the index read-only, searches and
//     closes it, in the test's process;
//   - with WIREDIFF_REGROUP_CLI=1 each search runs 'wirediff search' as a
//     process of its own, start-up included, as a user's search runs;
//   - with WIREDIFF_REGROUP_SERVER=1 each search is a GET /search of a
//     'wirediff serve' of the index, started before the first search
//     (its CPU time is logged at the end).
//
// WIREDIFF_REGROUP_RATE (searches a second) paces the searches during the
// regroup, as users' queries come; unset, each starts when the last ends.
// The percentiles so far are logged every minute, so a long run can be
// read as it goes.
//
// WIREDIFF_REGROUP_FULL=1 adds --full to the regroup (every group
// regrouped, whatever the corpus).
//
// WIREDIFF_REGROUP_FOR (a duration) stops the regroup (SIGKILL, which an
// index survives) after that long. The regroup lowers its own priority
// (WIREDIFF_WRITE_NICE, passed on, changes it); the test logs its CPU time
// and the load average, since other processes share the cores. The index
// must have been made by a dedup over the same corpus. Skipped unless
// WIREDIFF_REGROUP_INDEX is set.
func TestSearchDuringRegroup(t *testing.T) {
	dir, corpusPath := os.Getenv("WIREDIFF_REGROUP_INDEX"), os.Getenv("WIREDIFF_REGROUP_CORPUS")
	if dir == "" {
		t.Skip("set WIREDIFF_REGROUP_INDEX (and WIREDIFF_REGROUP_CORPUS)")
	}
	var stopAfter time.Duration
	if s := os.Getenv("WIREDIFF_REGROUP_FOR"); s != "" {
		var err error
		if stopAfter, err = time.ParseDuration(s); err != nil {
			t.Fatalf("WIREDIFF_REGROUP_FOR: %v", err)
		}
	}
	bin := buildBinary(t, t.TempDir())
	var server *exec.Cmd
	var base string
	snapshots := map[string]int{} // searches answered from each snapshot
	if os.Getenv("WIREDIFF_REGROUP_SERVER") == "1" {
		server, base = startServer(t, bin, dir)
		defer func() {
			server.Process.Signal(os.Interrupt)
			server.Wait()
			if st := server.ProcessState; st != nil {
				t.Logf("server CPU user %v, sys %v", st.UserTime().Round(time.Millisecond), st.SystemTime().Round(time.Millisecond))
			}
		}()
	}
	words := []string{"legislation", "county", "americans", "director", "months", "internet",
		"however", "russia", "facebook", "charged", "questions", "several", "election", "police"}
	search := func(rng *rand.Rand) (time.Duration, error) {
		word := words[rng.IntN(len(words))]
		t0 := time.Now()
		if server != nil {
			resp, err := http.Get(base + "/search?limit=10&q=" + url.QueryEscape(word))
			if err != nil {
				return 0, err
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			snapshots[resp.Header.Get("Wirediff-Snapshot")]++
			if err == nil && resp.StatusCode != http.StatusOK {
				err = fmt.Errorf("GET /search?q=%s: %s: %s", word, resp.Status, body)
			}
			return time.Since(t0), err
		}
		if os.Getenv("WIREDIFF_REGROUP_CLI") == "1" {
			out, err := exec.Command(bin, "search", "--index", dir, "--format", "tsv", word).CombinedOutput()
			if err != nil {
				return 0, fmt.Errorf("%w: %s", err, out)
			}
			return time.Since(t0), nil
		}
		ix, err := index.Open(dir, index.Options{ReadOnly: true})
		if err != nil {
			return 0, err
		}
		_, err = ix.Search(index.Query{Text: word, Size: 10})
		if cerr := ix.Close(); err == nil {
			err = cerr
		}
		return time.Since(t0), err
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var idle []time.Duration
	t.Logf("load average before: %s", loadAverage())
	for range 100 {
		d, err := search(rng)
		if err != nil {
			t.Fatal(err)
		}
		idle = append(idle, d)
	}
	var errb strings.Builder
	args := []string{"dedup", "--index", dir, "--format", "tsv"}
	if os.Getenv("WIREDIFF_REGROUP_FULL") == "1" {
		args = append(args, "--full")
	}
	if corpusPath != "" {
		args = append(args, corpusPath)
	}
	regroup := exec.Command(bin, args...)
	regroup.Stdout, regroup.Stderr = io.Discard, &errb
	t0 := time.Now()
	if err := regroup.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- regroup.Wait() }()
	var stop <-chan time.Time
	if stopAfter > 0 {
		stop = time.After(stopAfter)
	}
	stopped := false
	var during []time.Duration
	var every time.Duration
	if s := os.Getenv("WIREDIFF_REGROUP_RATE"); s != "" {
		rate, err := strconv.ParseFloat(s, 64)
		if err != nil || rate <= 0 {
			t.Fatalf("WIREDIFF_REGROUP_RATE=%q: want searches a second", s)
		}
		every = time.Duration(float64(time.Second) / rate)
	}
	next, report := time.Now(), time.Now().Add(time.Minute)
	for {
		if now := time.Now(); now.After(report) && len(during) > 0 {
			t.Logf("after %v: %s; load average %s", now.Sub(t0).Round(time.Second), readerLatencies(during), loadAverage())
			report = report.Add(time.Minute)
		}
		if every > 0 {
			time.Sleep(time.Until(next))
			next = next.Add(every)
		}
		select {
		case err := <-done:
			if err != nil && !stopped {
				t.Fatalf("regroup: %v\n%s", err, errb.String())
			}
			st := regroup.ProcessState
			what := "took"
			if stopped {
				what = "stopped after"
			}
			t.Logf("regroup %v %s %v (CPU user %v, sys %v): %s", args[1:], what, time.Since(t0).Round(time.Millisecond),
				st.UserTime().Round(time.Millisecond), st.SystemTime().Round(time.Millisecond), strings.TrimSpace(errb.String()))
			t.Logf("load average after: %s", loadAverage())
			t.Logf("idle:         %s", readerLatencies(idle))
			t.Logf("during write: %s (target p99 <= 100ms)", readerLatencies(during))
			if server != nil {
				var after []time.Duration
				for range 100 {
					d, err := search(rng)
					if err != nil {
						t.Fatalf("search after the regroup: %v", err)
					}
					after = append(after, d)
				}
				t.Logf("after write:  %s", readerLatencies(after))
				t.Logf("searches by snapshot served: %v", snapshots)
			}
			return
		case <-stop:
			stopped = true
			regroup.Process.Kill()
			stop = nil
			continue
		default:
		}
		d, err := search(rng)
		if err != nil {
			t.Fatalf("search during the regroup: %v", err)
		}
		during = append(during, d)
	}
}

// startServer starts 'wirediff serve' of dir on a free port and returns
// it with its base URL, once it listens.
func startServer(t *testing.T, bin, dir string, flags ...string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"serve", "--index", dir, "--addr", "127.0.0.1:0"}, flags...)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		if _, addr, ok := strings.Cut(sc.Text(), " on http://"); ok {
			go io.Copy(io.Discard, stderr)
			return cmd, "http://" + addr
		}
	}
	cmd.Process.Kill()
	cmd.Wait()
	t.Fatalf("wirediff serve did not start: %v", sc.Err())
	return nil, ""
}

// loadAverage is the 1, 5 and 15 minute load averages where the system
// tells them (/proc/loadavg).
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	return strings.Join(f[:min(3, len(f))], " ")
}

// readerLatencies formats open+search+close latencies: p50, p99 (the
// nearest rank) and the largest.
func readerLatencies(ds []time.Duration) string {
	s := slices.Clone(ds)
	slices.Sort(s)
	rank := func(p float64) float64 {
		k := int(p*float64(len(s))+0.999999) - 1
		return float64(s[max(0, min(k, len(s)-1))]) / 1e6
	}
	return fmt.Sprintf("n=%d p50=%.1fms p99=%.1fms max=%.1fms", len(s), rank(0.50), rank(0.99), float64(s[len(s)-1])/1e6)
}

package benchmarks

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/eval"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/internal/progress"
)

// benchIncrAdds is how many articles the incr mode holds out and adds in
// one incremental run (at most 5% of the corpus, below the drift that
// would make the run a full regroup).
const benchIncrAdds = 1000

// incremental measures an incremental dedup: the corpus but its last
// adds articles grouped into an index, then those added by one 'dedup'
// run in a child process (its wall time and peak RSS are its own), then
// the same index regrouped in full by 'dedup --full' (another child),
// the reference the incremental groups are compared with.
func (b *benchRun) incremental(exe string, adds int) error {
	if err := CheckSizes([]int{b.n}, []string{"incr"}); err != nil {
		return fmt.Errorf("bench incr: %w", err)
	}
	adds = min(adds, b.n/20)
	base := filepath.Join(b.dir, "incr-base.jsonl")
	news := filepath.Join(b.dir, "incr-new.jsonl")
	ixDir := filepath.Join(b.dir, "index-incr")
	if err := os.RemoveAll(ixDir); err != nil {
		return err
	}
	defer os.Remove(base)
	defer os.Remove(news)
	defer os.RemoveAll(ixDir)
	tail, err := splitTailLines(b.articles(), base, adds)
	if err != nil {
		return err
	}
	if err := os.WriteFile(news, tail.Bytes(), 0o644); err != nil {
		return err
	}
	if exe == "" {
		if exe, err = os.Executable(); err != nil {
			return err
		}
	}
	b.vals["incr_adds"] = float64(adds)
	wall, cpu, rss, err := b.child(exe, "dedup", "--index", ixDir, "--format", "tsv", "--timings", base)
	if err != nil {
		return err
	}
	b.vals["incr_base_wall_s"], b.vals["incr_base_cpu_s"], b.vals["incr_base_rss_mb"] = wall, cpu, rss
	for stage, secs := range b.stageTimes {
		b.vals["incr_base_"+strings.ReplaceAll(stage, "-", "_")+"_s"] = secs
	}
	wall, cpu, rss, err = b.child(exe, "dedup", "--index", ixDir, "--format", "tsv", news)
	if err != nil {
		return err
	}
	b.vals["incr_wall_s"], b.vals["incr_cpu_s"], b.vals["incr_rss_mb"] = wall, cpu, rss
	b.vals["incr_per_article_ms"] = 1000 * wall / float64(adds)
	inc, err := indexGroups(ixDir)
	if err != nil {
		return err
	}
	wall, cpu, rss, err = b.child(exe, "dedup", "--index", ixDir, "--full", "--format", "tsv")
	if err != nil {
		return err
	}
	b.vals["incr_full_wall_s"], b.vals["incr_full_cpu_s"], b.vals["incr_full_rss_mb"] = wall, cpu, rss
	full, err := indexGroups(ixDir)
	if err != nil {
		return err
	}
	for l, level := range Levels {
		gold, err := b.gold(level)
		if err != nil {
			return err
		}
		ic, fc := clusteringAt(inc, cluster.Level(l)), clusteringAt(full, cluster.Level(l))
		agree := eval.Score(fc, ic)
		b.vals["incr_"+level+"_agree_p"] = agree.Pairwise.Precision
		b.vals["incr_"+level+"_agree_r"] = agree.Pairwise.Recall
		qi, qf := eval.Score(gold, ic), eval.Score(gold, fc)
		b.vals["incr_"+level+"_pair_f1"] = qi.Pairwise.F1
		b.vals["incr_full_"+level+"_pair_f1"] = qf.Pairwise.F1
		b.vals["incr_"+level+"_bcubed_f1"] = qi.BCubed.F1
		b.vals["incr_full_"+level+"_bcubed_f1"] = qf.BCubed.F1
	}
	return nil
}

// child runs exe with args, its output discarded but for its stderr
// (passed to the log), and returns its wall and CPU (user and system)
// time in seconds and its peak RSS in MB. The stage times of a run
// with --timings are left in b.stageTimes.
func (b *benchRun) child(exe string, args ...string) (wall, cpu, rssMB float64, err error) {
	cmd := exec.Command(exe, args...)
	var stderr bytes.Buffer
	cmd.Stdout = io.Discard
	cmd.Stderr = &stderr
	start := time.Now()
	err = cmd.Run()
	wall = time.Since(start).Seconds()
	if err != nil {
		return 0, 0, 0, fmt.Errorf("%s: %w: %s", strings.Join(args, " "), err, stderr.String())
	}
	b.stageTimes = nil
	for _, line := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
		fmt.Fprintf(b.log, "  %s\n", line)
		if secs, ok := progress.ParseTimes(line); ok {
			b.stageTimes = secs
		}
	}
	ps := cmd.ProcessState
	cpu = (ps.UserTime() + ps.SystemTime()).Seconds()
	return wall, cpu, childRSSMB(ps), nil
}

// indexGroups reads the grouping an index holds.
func indexGroups(dir string) (map[string]index.Assignment, error) {
	ix, err := index.Open(dir, index.Options{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	return ix.Groups()
}

func clusteringAt(as map[string]index.Assignment, l cluster.Level) eval.Clustering {
	c := make(eval.Clustering, len(as))
	for id, a := range as {
		c[id] = a.Label(l)
	}
	return c
}

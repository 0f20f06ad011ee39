// Package progress shows a long run stage by stage on a terminal: one
// line, rewritten in place, with the stage, its place among the stages,
// the articles, their rate and the time left while reading, and the time
// spent; it keeps the stages' timings so that a summary can name the one
// that dominated.
package progress

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wirediff/wirediff/cluster"
)

// Line shows a run stage by stage on a terminal's stderr: one line,
// rewritten in place twice a second, with the stage, its place among the
// stages, the articles, their rate while reading, the time spent and,
// while reading files, an estimate of the time left (from a count of the
// input's records made beside the run). It prints nothing when stderr is
// not a terminal or with --quiet. It keeps the stages' timings for the
// summary either way. Its methods are safe from several goroutines.
type Line struct {
	display // its mu guards the fields below
	show    bool
	stages  []string // the run's stages, in order

	start      time.Time
	stageStart time.Time
	at         int // index in stages of the stage running
	n          int // articles read
	timings    []cluster.Timing
	total      atomic.Int64 // records in the input, 0 while counted
}

// display is a line on a terminal that a goroutine redraws twice a
// second until finish: what Line and Counter share.
type display struct {
	w       io.Writer
	mu      sync.Mutex
	shown   bool
	stop    chan struct{}
	stopped sync.WaitGroup
}

func newDisplay(w io.Writer) display { return display{w: w, stop: make(chan struct{})} }

// spawn runs fn in a goroutine that finish waits for.
func (d *display) spawn(fn func()) {
	d.stopped.Add(1)
	go func() {
		defer d.stopped.Done()
		fn()
	}()
}

// redraw calls render with mu held twice a second until finish.
func (d *display) redraw(render func()) {
	d.spawn(func() {
		t := time.NewTicker(500 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-d.stop:
				return
			case <-t.C:
				d.mu.Lock()
				render()
				d.mu.Unlock()
			}
		}
	})
}

// write rewrites the line with s; the caller holds mu.
func (d *display) write(s string) {
	fmt.Fprintf(d.w, "\r\033[K%s", s)
	d.shown = true
}

// erase erases the line if it is shown; the caller holds mu.
func (d *display) erase() {
	if d.shown {
		fmt.Fprint(d.w, "\r\033[K")
		d.shown = false
	}
}

// finish stops the redraws, waits for them and erases the line; it may
// be called more than once.
func (d *display) finish() {
	select {
	case <-d.stop:
	default:
		close(d.stop)
	}
	d.stopped.Wait()
	d.mu.Lock()
	defer d.mu.Unlock()
	d.erase()
}

// groupStages are the stages of a grouping run after reading (see
// cluster.RunStages), then the wait for the index.
var groupStages = []string{"candidates-lsh", "candidates-mlt", "cluster-copy", "cluster-rewrite", "cluster-story"}

// streamedStages replace the three clustering stages in a run that keeps
// the features on disk (see dedup.Run): the pairs scored, then each
// connected component grouped at every level.
var streamedStages = []string{"score-pairs", "cluster-components"}

// New starts the display on w of a run over paths, shown when show is
// true (a terminal, not --quiet): reading, then with group the grouping
// stages, which copyOnly and indexed shape.
func New(w io.Writer, show bool, paths []string, group, copyOnly, indexed bool) *Line {
	p := &Line{display: newDisplay(w), show: show, stages: []string{"read"}, start: time.Now()}
	p.stageStart = p.start
	if group {
		for _, s := range groupStages {
			if copyOnly && s != "candidates-lsh" && s != "cluster-copy" {
				continue
			}
			p.stages = append(p.stages, s)
		}
		if indexed {
			p.stages = append(p.stages, "index")
		}
	}
	if !p.show {
		return p
	}
	p.spawn(func() { p.total.Store(countRecords(paths, p.stop)) })
	p.redraw(p.render)
	return p
}

// Stage is dedup's Progress callback: the articles read, then "group"
// once reading ends.
func (p *Line) Stage(stage string, n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n = n
	if stage == "group" && p.at == 0 {
		p.next(cluster.Timing{Stage: "read", Took: time.Since(p.stageStart)})
	}
}

// OnStage is dedup's OnStage callback: a grouping stage ended.
func (p *Line) OnStage(t cluster.Timing) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.next(t)
}

// next records the end of stage t and moves the line to the stage after
// it. A stage the line does not list (those of an incremental run, which
// may turn into a full regroup and start the grouping stages over) moves
// it one stage on, never past the end.
func (p *Line) next(t cluster.Timing) {
	p.timings = append(p.timings, t)
	if slices.Contains(streamedStages, t.Stage) && !slices.Contains(p.stages, t.Stage) {
		// The run is a streamed one: its stages replace the clustering's,
		// after the candidates.
		p.stages = slices.DeleteFunc(p.stages, func(s string) bool {
			return s == "cluster-copy" || s == "cluster-rewrite" || s == "cluster-story"
		})
		at := slices.Index(p.stages, "candidates-mlt") + 1
		if at == 0 {
			at = min(p.at, len(p.stages))
		}
		p.stages = slices.Insert(p.stages, at, streamedStages...)
	}
	p.stageStart = time.Now()
	if i := slices.Index(p.stages, t.Stage); i >= 0 {
		p.at = i + 1
	} else {
		p.at = min(p.at+1, len(p.stages))
	}
	p.render()
}

// render rewrites the line; the caller holds p.mu.
func (p *Line) render() {
	if !p.show || p.at >= len(p.stages) || time.Since(p.start) < time.Second {
		return
	}
	now := time.Now()
	line := fmt.Sprintf("wirediff: [%d/%d] %s  %s", p.at+1, len(p.stages), p.stages[p.at], plural(p.n))
	if p.at == 0 {
		rate := float64(p.n) / now.Sub(p.start).Seconds()
		line += fmt.Sprintf("  %.0f/s", rate)
		if total := p.total.Load(); total > 0 && rate > 0 && int64(p.n) < total {
			line += fmt.Sprintf("  of about %d, %s left", total, clock(time.Duration(float64(total-int64(p.n))/rate*float64(time.Second))))
		}
	}
	line += fmt.Sprintf("  %s in stage, %s in all", clock(now.Sub(p.stageStart)), clock(now.Sub(p.start)))
	p.write(line)
}

// clock formats d as m:ss.
func clock(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// Clear erases the line (before a message on stderr).
func (p *Line) Clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.erase()
}

// Done stops the display and erases it; it may be called more than once.
func (p *Line) Done() { p.finish() }

// StagesPrefix starts the line of stage times that dedup --timings
// prints on stderr after its summary.
const StagesPrefix = "wirediff: stages: "

// ParseTimes reads the stage times of a line printed with StagesPrefix,
// in seconds by stage; ok is false when line is not one.
func ParseTimes(line string) (secs map[string]float64, ok bool) {
	rest, ok := strings.CutPrefix(strings.TrimRight(line, "\r\n"), StagesPrefix)
	if !ok {
		return nil, false
	}
	rest = strings.TrimSpace(rest)
	secs = map[string]float64{}
	if rest == "" {
		return secs, true
	}
	for _, part := range strings.Split(rest, ", ") {
		stage, took, found := strings.Cut(part, " ")
		d, err := time.ParseDuration(took)
		if !found || err != nil {
			return nil, false
		}
		secs[stage] += d.Seconds()
	}
	return secs, true
}

// Timings returns the stages' timings so far, in the order they ended.
func (p *Line) Timings() []cluster.Timing {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.timings)
}

// Times formats timings as the --timings line says them:
// "read 12.3s, candidates-lsh 1.2s, index 0.4s".
func Times(timings []cluster.Timing) string {
	parts := make([]string, len(timings))
	for i, t := range timings {
		parts[i] = fmt.Sprintf("%s %.1fs", t.Stage, t.Took.Seconds())
	}
	return strings.Join(parts, ", ")
}

// Dominant names the stage that took half the run or more, as the
// summary says it: "; most time in cluster-rewrite (4.1s, 62%)", or "".
func (p *Line) Dominant() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var all time.Duration
	best := cluster.Timing{}
	for _, t := range p.timings {
		all += t.Took
		if t.Took > best.Took {
			best = t
		}
	}
	if all < 100*time.Millisecond || best.Took*2 < all {
		return ""
	}
	return fmt.Sprintf("; most time in %s (%s, %.0f%%)", best.Stage, best.Took.Round(time.Millisecond), 100*float64(best.Took)/float64(all))
}

// countRecords estimates the records in paths: the lines of .jsonl,
// .ndjson, .csv and .tsv files (a record a line), the items and entries
// of feeds, the responses of web archives, one for any other file; 0 when it cannot tell (standard
// input) or is stopped.
func countRecords(paths []string, stop <-chan struct{}) int64 {
	var n int64
	for _, root := range paths {
		if root == "-" {
			return 0
		}
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			select {
			case <-stop:
				return fs.SkipAll
			default:
			}
			switch strings.ToLower(filepath.Ext(path)) {
			case ".jsonl", ".ndjson", ".csv", ".tsv":
				n += countLines(path, stop, []byte{'\n'})
			case ".rss", ".atom", ".xml":
				n += max(1, countLines(path, stop, []byte("<item"), []byte("<entry")))
			case ".warc":
				n += max(1, countLines(path, stop, []byte("WARC-Type: response")))
			default:
				n++
			}
			return nil
		})
		if err != nil {
			return 0
		}
	}
	select {
	case <-stop:
		return 0
	default:
		return n
	}
}

// countLines counts the occurrences of marks in the file at path (a mark
// split between two reads of 1 MiB is missed: this is an estimate).
func countLines(path string, stop <-chan struct{}, marks ...[]byte) int64 {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	buf := make([]byte, 1<<20)
	var n int64
	for {
		select {
		case <-stop:
			return n
		default:
		}
		k, err := r.Read(buf)
		for _, m := range marks {
			n += int64(bytes.Count(buf[:k], m))
		}
		if err == io.EOF {
			return n
		}
		if err != nil {
			return n
		}
	}
}

func plural(n int) string {
	if n == 1 {
		return "1 article"
	}
	return fmt.Sprintf("%d articles", n)
}

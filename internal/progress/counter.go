package progress

import (
	"fmt"
	"io"
	"time"
)

// Counter shows on a terminal's stderr how far a run over a known number
// of items has got: one line, rewritten in place twice a second after the
// first second, with the items done of all, their rate, an estimate of
// the time left and the time spent:
//
//	wirediff: lineage  1200 of 9142 groups  160/s  0:50 left  0:08 in all
//
// It prints nothing unless show is true. Its methods are safe from several
// goroutines.
type Counter struct {
	display        // its mu guards done
	what    string // the items' name, plural
	stage   string
	n       int
	start   time.Time
	done    int
}

// NewCounter starts the display on w, when show is true, of stage over n
// items named what (plural).
func NewCounter(w io.Writer, show bool, stage, what string, n int) *Counter {
	c := &Counter{display: newDisplay(w), what: what, stage: stage, n: n, start: time.Now()}
	if show {
		c.redraw(c.render)
	}
	return c
}

// Add counts k more items done.
func (c *Counter) Add(k int) {
	c.mu.Lock()
	c.done += k
	c.mu.Unlock()
}

// render rewrites the line; the caller holds c.mu.
func (c *Counter) render() {
	elapsed := time.Since(c.start)
	if elapsed < time.Second {
		return
	}
	line := fmt.Sprintf("wirediff: %s  %d of %d %s", c.stage, c.done, c.n, c.what)
	if rate := float64(c.done) / elapsed.Seconds(); c.done > 0 {
		line += fmt.Sprintf("  %.0f/s  %s left", rate, clock(time.Duration(float64(c.n-c.done)/rate*float64(time.Second))))
	}
	line += fmt.Sprintf("  %s in all", clock(elapsed))
	c.write(line)
}

// Done stops the display and erases the line; it may be called more than
// once.
func (c *Counter) Done() { c.finish() }

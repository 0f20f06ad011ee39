package progress

import (
	"fmt"
	"io"
	"sync"
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
	w     io.Writer
	what  string // the items' name, plural
	stage string
	n     int

	mu      sync.Mutex
	start   time.Time
	done    int
	shown   bool
	stop    chan struct{}
	stopped sync.WaitGroup
}

// NewCounter starts the display on w, when show is true, of stage over n
// items named what (plural).
func NewCounter(w io.Writer, show bool, stage, what string, n int) *Counter {
	c := &Counter{w: w, what: what, stage: stage, n: n, start: time.Now(), stop: make(chan struct{})}
	if !show {
		close(c.stop)
		return c
	}
	c.stopped.Add(1)
	go func() {
		defer c.stopped.Done()
		redraw(c.stop, &c.mu, c.render)
	}()
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
	fmt.Fprintf(c.w, "\r\033[K%s", line)
	c.shown = true
}

// Done stops the display and erases the line; it may be called more than
// once.
func (c *Counter) Done() {
	select {
	case <-c.stop:
	default:
		close(c.stop)
	}
	c.stopped.Wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.shown {
		fmt.Fprint(c.w, "\r\033[K")
		c.shown = false
	}
}

package httpapi

import (
	"fmt"
	"sync"

	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/neardup"
)

// live keeps the last committed snapshot of an index open and switches to
// a newer one when a writer commits. A query takes the current view with
// acquire and gives it back with release; a view replaced by a newer one
// is closed when the last query holding it is done, so a switch never
// waits for queries and queries never wait for a switch (the new snapshot
// is opened, and its groups read, before it becomes current).
type live struct {
	dir  string
	open func(dir string) (*index.Index, error)

	switching sync.Mutex // one refresh at a time

	mu     sync.Mutex
	cur    *view
	closed bool
}

// view is one open snapshot with what queries read of it besides the
// index: its groups, read once, and a near-duplicate finder, made on
// first use.
type view struct {
	ix     *index.Index
	groups *index.Grouping
	refs   int // queries holding it, plus one while it is current

	finderOnce sync.Once
	finder     *neardup.Finder
	finderErr  error
	// similar serializes near-duplicate queries: a Finder is not shared
	// by concurrent callers.
	similar sync.Mutex
}

func openLive(dir string, open func(string) (*index.Index, error)) (*live, error) {
	l := &live{dir: dir, open: open}
	v, err := l.openView()
	if err != nil {
		return nil, err
	}
	l.cur = v
	return l, nil
}

// openView opens the snapshot the index directory names now.
func (l *live) openView() (*view, error) {
	ix, err := l.open(l.dir)
	if err != nil {
		return nil, err
	}
	g, err := ix.Grouping()
	if err != nil {
		ix.Close()
		return nil, err
	}
	g.CountSizes() // before the view serves, as searches collapse hits by group
	return &view{ix: ix, groups: g, refs: 1}, nil
}

// refresh switches to the last committed snapshot when a writer has
// committed since the current one was opened, and reports whether it did.
// On an error the current view stays.
func (l *live) refresh() (bool, error) {
	l.switching.Lock()
	defer l.switching.Unlock()
	l.mu.Lock()
	cur, closed := l.cur, l.closed
	l.mu.Unlock()
	if closed {
		return false, nil
	}
	stale, err := cur.ix.Stale()
	if err != nil || !stale {
		return false, err
	}
	v, err := l.openView()
	if err != nil {
		return false, fmt.Errorf("reopening %s: %w", l.dir, err)
	}
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		v.ix.Close()
		return false, nil
	}
	l.cur = v
	l.mu.Unlock()
	l.release(cur) // its reference as the current view
	return true, nil
}

// acquire returns the current view, held until release.
func (l *live) acquire() (*view, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil, errClosed
	}
	l.cur.refs++
	return l.cur, nil
}

// hold takes one more reference to v, which the caller holds, given back
// with release.
func (l *live) hold(v *view) {
	l.mu.Lock()
	v.refs++
	l.mu.Unlock()
}

// release gives back a view; the last release of a replaced view closes it.
func (l *live) release(v *view) {
	l.mu.Lock()
	v.refs--
	done := v.refs == 0
	l.mu.Unlock()
	if done {
		v.ix.Close() // read-only: nothing to commit, nothing lost
	}
}

// close stops switching and closes the current view once its queries are done.
func (l *live) close() {
	l.switching.Lock()
	defer l.switching.Unlock()
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return
	}
	l.closed = true
	cur := l.cur
	l.mu.Unlock()
	l.release(cur)
}

// nearFinder returns the view's near-duplicate finder.
func (v *view) nearFinder() (*neardup.Finder, error) {
	v.finderOnce.Do(func() { v.finder, v.finderErr = neardup.OpenFinder(v.ix) })
	return v.finder, v.finderErr
}

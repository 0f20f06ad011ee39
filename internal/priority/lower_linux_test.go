package priority

import (
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestLower: every thread of the process, those started before the call
// included, ends at the nice value asked for, or stays nicer.
func TestLower(t *testing.T) {
	// A thread of its own that exists before the call and after it.
	started, stop := make(chan struct{}), make(chan struct{})
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		close(started)
		<-stop
	}()
	<-started
	defer close(stop)

	before := threadNices(t)
	const nice = 5
	require.NoError(t, Lower(nice))
	after := threadNices(t)
	require.NotEmpty(t, after)
	for tid, n := range after {
		want := nice
		if b, ok := before[tid]; ok && b > nice {
			want = b // never raised
		}
		require.Equal(t, want, n, "thread %d", tid)
	}
	// A second call raises nothing; threads started since inherit the
	// value.
	require.NoError(t, Lower(nice))
	for tid, n := range threadNices(t) {
		if b, ok := after[tid]; ok {
			require.Equal(t, b, n, "thread %d", tid)
		} else {
			require.GreaterOrEqual(t, n, nice, "new thread %d", tid)
		}
	}
}

func threadNices(t *testing.T) map[int]int {
	t.Helper()
	n, err := Nices(0)
	require.NoError(t, err)
	return n
}

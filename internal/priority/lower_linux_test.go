package priority

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
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

// threadNices reads the nice value of each thread of this process.
func threadNices(t *testing.T) map[int]int {
	t.Helper()
	tasks, err := os.ReadDir("/proc/self/task")
	require.NoError(t, err)
	out := map[int]int{}
	for _, task := range tasks {
		stat, err := os.ReadFile(filepath.Join("/proc/self/task", task.Name(), "stat"))
		if os.IsNotExist(err) {
			continue // the thread has exited
		}
		require.NoError(t, err)
		// Fields after the command name (in parentheses): state is field
		// 3 of proc(5), nice field 19.
		f := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
		n, err := strconv.Atoi(f[19-3])
		require.NoError(t, err)
		tid, _ := strconv.Atoi(task.Name())
		out[tid] = n
	}
	return out
}

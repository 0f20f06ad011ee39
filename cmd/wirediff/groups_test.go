package main

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGroupsNotesUngrouped: groups lists the last grouping run's groups
// and says how many articles indexed since are in none of them; an
// index whose articles were all deleted says it holds none.
func TestGroupsNotesUngrouped(t *testing.T) {
	ix := seedIndex(t)
	_, errs, code := wirediff(t, `{"id":"j1","text":"The harbour reopened after the storm, with ferries running again on Monday."}`, "index", "--index", ix, "-")
	require.Equal(t, 0, code, errs)

	out, errs, code := wirediff(t, "", "groups", "--index", ix, "--min-size", "1")
	require.Equal(t, 0, code, errs)
	assert.NotContains(t, out, "j1")
	assert.Contains(t, errs, "1 group at level rewrite; 1 article indexed since the last grouping run in no group yet")

	var ids string
	entries, err := os.ReadDir(seeds)
	require.NoError(t, err)
	for _, e := range entries {
		ids += e.Name()[:len(e.Name())-len(".txt")] + "\n"
	}
	_, errs, code = wirediff(t, ids+"j1\n", "delete", "--index", ix, "-")
	require.Equal(t, 0, code, errs)
	_, errs, code = wirediff(t, "", "groups", "--index", ix)
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "holds no articles")
}

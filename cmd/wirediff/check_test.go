package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCheckUngrouped: articles indexed since the last grouping run
// ('wirediff index') are in no group until the next one, as the docs
// describe: check notes how many, and exits 0.
func TestCheckUngrouped(t *testing.T) {
	j1 := `{"id":"j1","text":"The harbour reopened after the storm, with ferries running again on Monday."}`
	j2 := `{"id":"j2","text":"The council approved a new library for the northern district on Tuesday."}`
	tests := []struct {
		name    string
		grouped bool // the seeds grouped by dedup first
		input   string
		note    string
	}{
		{"one indexed since", true, j1,
			`note: 1 article indexed since the last grouping run is in no group yet: ["j1"]; the next 'wirediff dedup --index IX' groups it`},
		{"two indexed since", true, j1 + "\n" + j2,
			`note: 2 articles indexed since the last grouping run are in no group yet: ["j1" "j2"]; the next 'wirediff dedup --index IX' groups them`},
		{"never grouped", false, j1 + "\n" + j2,
			`note: 2 articles are in no group: the index has no groups yet; the next 'wirediff dedup --index IX' groups them`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := filepath.Join(t.TempDir(), "ix")
			if tt.grouped {
				_, errs, code := wirediff(t, "", "dedup", "--index", ix, seeds)
				require.Equal(t, 0, code, errs)
			}
			_, errs, code := wirediff(t, tt.input, "index", "--index", ix, "-")
			require.Equal(t, 0, code, errs)
			out, errs, code := wirediff(t, "", "check", "--index", ix)
			assert.Equal(t, 0, code, "%s%s", out, errs)
			assert.NotContains(t, out, "problem:")
			assert.Contains(t, out, "ok\n")
			want := strings.ReplaceAll(tt.note, "IX", ix)
			assert.Contains(t, out, want+"\n")

			// The next grouping run groups them: nothing left to note.
			_, errs, code = wirediff(t, "", "dedup", "--index", ix)
			require.Equal(t, 0, code, errs)
			out, errs, code = wirediff(t, "", "check", "--index", ix)
			assert.Equal(t, 0, code, "%s%s", out, errs)
			assert.NotContains(t, out, "note:")
		})
	}
}

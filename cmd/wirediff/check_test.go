package main

import (
	"bytes"
	"os"
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
		{"one, never grouped", false, j1,
			`note: 1 article is in no group: the index has no groups yet; the next 'wirediff dedup --index IX' groups it`},
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
			if !tt.grouped && !strings.Contains(tt.input, "\n") {
				assert.Contains(t, out, "index "+ix+": 1 article committed, 0 grouped; live store 1\n")
			}

			// The next grouping run groups them: nothing left to note.
			_, errs, code = wirediff(t, "", "dedup", "--index", ix)
			require.Equal(t, 0, code, errs)
			out, errs, code = wirediff(t, "", "check", "--index", ix)
			assert.Equal(t, 0, code, "%s%s", out, errs)
			assert.NotContains(t, out, "note:")
		})
	}
}

// TestCheckDamagedFiles: check reports grouping state that does not
// read: options.json (a cache, noted, exit 0) and a groups.tsv holding
// its header line again (a problem, exit 1); the next dedup writes each
// again, and check is then clean.
func TestCheckDamagedFiles(t *testing.T) {
	tests := []struct {
		name, file string
		damage     func(b []byte) []byte
		code       int
		out        string // what check says
		reason     string // why the next dedup regroups the whole index
	}{
		{"options.json garbage", "options.json", func([]byte) []byte { return []byte("garbage{\n") }, 0,
			"note: options.json is damaged (invalid character 'g' looking for beginning of value): the next 'wirediff dedup --index IX' regroups the whole index and writes it again",
			"full regroup (options.json is damaged (invalid character"},
		{"options.json empty object", "options.json", func([]byte) []byte { return []byte("{}\n") }, 0,
			"note: options.json is damaged (the copy threshold 0 is not in (0, 1])",
			"full regroup (options.json is damaged (the copy threshold 0 is not in (0, 1]) and is written again)"},
		{"options.json bad window", "options.json", func(b []byte) []byte { return bytes.Replace(b, []byte(`"7d"`), []byte(`"soon"`), 1) }, 0,
			`note: options.json is damaged (window "soon": `,
			`full regroup (options.json is damaged (window "soon": `},
		{"groups.tsv header appended", "groups.tsv", func(b []byte) []byte { return append(b, "id\tcopy\trewrite\tstory\n"...) }, 1,
			"groups.tsv:7: the header line again",
			"groups.tsv:7: the header line again) and is written again)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := seedIndex(t)
			path := filepath.Join(ix, tt.file)
			b, err := os.ReadFile(path)
			require.NoError(t, err)
			// Written in place, as a damaged disk or a mistaken edit
			// leaves it (the snapshot's groups.tsv is the same file).
			f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
			require.NoError(t, err)
			_, err = f.Write(tt.damage(b))
			require.NoError(t, err)
			require.NoError(t, f.Close())

			out, errs, code := wirediff(t, "", "check", "--index", ix)
			assert.Equal(t, tt.code, code, "%s%s", out, errs)
			assert.Contains(t, out, strings.ReplaceAll(tt.out, "IX", ix))
			if tt.code != 0 {
				assert.Contains(t, errs, "check: 1 problem in "+ix)
			}
			assert.NotContains(t, out, `"id"`, "the header line is no article")

			_, errs, code = wirediff(t, `{"id":"j1","text":"The harbour reopened after the storm, with ferries running again on Monday."}`,
				"dedup", "--index", ix, "--drift", "-1", "-")
			require.Equal(t, 0, code, errs)
			assert.Contains(t, errs, tt.reason)
			out, errs, code = wirediff(t, "", "check", "--index", ix)
			assert.Equal(t, 0, code, "%s%s", out, errs)
			assert.NotContains(t, out, "note:")
		})
	}
}

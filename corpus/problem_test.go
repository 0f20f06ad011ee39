package corpus

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestProblemOneLine: a problem and a note are one line whatever the
// path holds; an ordinary path is written as it is, one that holds a
// control character (or could be taken for a quoted one) quoted.
func TestProblemOneLine(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{"dir/a b.jsonl", 2, MalformedJSON, "x"}, "dir/a b.jsonl:2: malformed-json: x"},
		{Problem{"dir/2025-11-18T10:00.jsonl", 2, MalformedJSON, ""}, "dir/2025-11-18T10:00.jsonl:2: malformed-json"},
		{Problem{"dir/Zürich.jsonl", 2, MalformedJSON, ""}, "dir/Zürich.jsonl:2: malformed-json"},
		{Problem{"dir/new\nline.jsonl", 2, MalformedJSON, "x"}, `"dir/new\nline.jsonl":2: malformed-json: x`},
		{Problem{"dir/cr\r.jsonl", 0, Unreadable, ""}, `"dir/cr\r.jsonl": unreadable`},
		{Problem{"dir/tab\t.jsonl", 1, Empty, ""}, `"dir/tab\t.jsonl":1: empty`},
		{Problem{"dir/esc\x1b[2K.jsonl", 1, Empty, ""}, `"dir/esc\x1b[2K.jsonl":1: empty`},
		{Problem{"dir/nel\u0085.jsonl", 1, Empty, ""}, `"dir/nel\u0085.jsonl":1: empty`},
		{Problem{"dir/ls\u2028.jsonl", 1, Empty, ""}, `"dir/ls\u2028.jsonl":1: empty`},
		{Problem{"dir/latin\xe9.jsonl", 1, Empty, ""}, `"dir/latin\xe9.jsonl":1: empty`},
		{Problem{`"quoted".jsonl`, 1, Empty, ""}, `"\"quoted\".jsonl":1: empty`},
		// A path in the detail (another record's origin) stays on the line.
		{Problem{"a.jsonl", 3, DuplicateID, "id \"x\" also at b\nc.jsonl:1, which is kept"},
			`a.jsonl:3: duplicate-id: id "x" also at b\nc.jsonl:1, which is kept`},
		{Problem{"a.jsonl", 3, MalformedCSV, "field\tcount; bad \xff byte"}, "a.jsonl:3: malformed-csv: field\tcount; bad \xff byte"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.p.Error(), "Problem%+q.Error()", tt.p)
	}
	assert.Equal(t, "a.jsonl:4: decoded as windows-1252 (not UTF-8)", Note{"a.jsonl", 4, "windows-1252"}.String())
	assert.Equal(t, `"new\nline.jsonl":4: decoded as windows-1252 (not UTF-8)`, Note{"new\nline.jsonl", 4, "windows-1252"}.String())
}

// TestReadProblemPathNewline: a file whose name holds a newline is
// reported on one line.
func TestReadProblemPathNewline(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "new\nline.jsonl")
	if err := os.WriteFile(path, []byte("{\"id\":\"a\",\"text\":\"Ferries ran again on Monday.\"}\nnot json\n"), 0o644); err != nil {
		t.Skipf("no file name with a newline here: %v", err)
	}
	var got []string
	_, err := Read([]string{dir}, Options{OnProblem: func(p Problem) { got = append(got, p.Error()) }}, func(Article) error { return nil })
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.NotContains(t, got[0], "\n")
	assert.True(t, strings.HasPrefix(got[0], strconv.Quote(path)+":2: malformed-json"), got[0])
}

package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestJSONNoHTMLEscaping: every JSON output writes <, > and & as they
// are, not as \u003c, \u003e and \u0026 (dedup did, the other commands
// did not): it is JSON for programs, and the HTML report escapes its own.
func TestJSONNoHTMLEscaping(t *testing.T) {
	const (
		title  = "Q&A: <b>harbour</b> budget"
		outlet = "AT&T <News>"
		text   = "The council approved the harbour budget on Monday & the mayor said <nothing> about it. " +
			"The vote was close, with five members for and four against, after a debate of three hours. " +
			"The budget pays for new cranes, a longer quay and the dredging of the channel next spring."
	)
	var in strings.Builder
	for _, id := range []string{"a1", "a2"} {
		line, err := json.Marshal(map[string]string{"id": id, "title": title, "outlet": outlet, "text": text})
		require.NoError(t, err)
		in.Write(line)
		in.WriteByte('\n')
	}
	ix := filepath.Join(t.TempDir(), "x.index")
	tests := []struct {
		name  string
		args  []string
		stdin string
	}{
		{"dedup json", []string{"dedup", "--index", ix, "--lineage", "--format", "json", "-"}, in.String()},
		{"dedup jsonl", []string{"dedup", "--no-index", "--format", "jsonl", "-"}, in.String()},
		{"search json", []string{"search", "--index", ix, "--format", "json", "harbour"}, ""},
		{"search jsonl", []string{"search", "--index", ix, "--format", "jsonl", "harbour"}, ""},
		{"similar json", []string{"similar", "--index", ix, "--format", "json", "a1"}, ""},
		{"similar jsonl", []string{"similar", "--index", ix, "--format", "jsonl", "a1"}, ""},
		{"show json", []string{"show", "--index", ix, "--format", "json", "a1"}, ""},
		{"groups json", []string{"groups", "--index", ix, "--format", "json"}, ""},
		{"lineage json", []string{"lineage", "--index", ix, "--format", "json"}, ""},
	}
	for _, tt := range tests { // in order: dedup writes the index first
		t.Run(tt.name, func(t *testing.T) {
			out, errs, code := wirediff(t, tt.stdin, tt.args...)
			require.Equal(t, 0, code, errs)
			for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
				if strings.HasSuffix(tt.name, "jsonl") {
					assert.True(t, json.Valid([]byte(line)), "invalid JSON line %q", line)
				}
			}
			if strings.HasSuffix(tt.name, " json") {
				assert.True(t, json.Valid([]byte(out)), "invalid JSON:\n%s", out)
			}
			for _, esc := range []string{`\u003c`, `\u003e`, `\u0026`} {
				assert.NotContains(t, out, esc)
			}
			assert.Contains(t, out, "&")
			assert.Contains(t, out, "<")
		})
	}
}

package listing

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/index"
)

func TestReadGroupRows(t *testing.T) {
	a := index.Assignment{ID: "a", Copy: "c:a", Rewrite: "r:a", Story: "s:a"}
	b := index.Assignment{ID: "b", Copy: "c:b", Rewrite: "r:a", Story: "s:a"}
	tests := []struct {
		name, src string
		want      []index.Assignment
		lines     []int
		err       string
	}{
		{"jsonl", "\n{\"id\":\"a\",\"groups\":{\"copy\":\"c:a\",\"rewrite\":\"r:a\",\"story\":\"s:a\"}}\n\n" +
			"{\"id\":\"b\",\"groups\":{\"copy\":\"c:b\",\"rewrite\":\"r:a\",\"story\":\"s:a\"}}\n",
			[]index.Assignment{a, b}, []int{2, 4}, ""},
		{"tsv", "id\tgroup\tcopy\trewrite\tstory\ttitle\r\na\tr:a\tc:a\tr:a\ts:a\tA \"quoted\" title\r\nb\tr:a\tc:b\tr:a\ts:a\tB\r\n",
			[]index.Assignment{a, b}, []int{2, 3}, ""},
		{"csv", "id,copy,rewrite,story,title\na,c:a,r:a,s:a,\"A title, with a comma\nand a line break\"\nb,c:b,r:a,s:a,B\n",
			[]index.Assignment{a, b}, []int{2, 4}, ""},
		// A byte order mark before the first line, as Excel's "CSV UTF-8"
		// and Windows editors save a file.
		{"tsv with BOM", "\ufeffid\tcopy\trewrite\tstory\r\na\tc:a\tr:a\ts:a\r\nb\tc:b\tr:a\ts:a\r\n",
			[]index.Assignment{a, b}, []int{2, 3}, ""},
		{"csv with BOM", "\ufeffid,copy,rewrite,story\r\na,c:a,r:a,s:a\r\nb,c:b,r:a,s:a\r\n",
			[]index.Assignment{a, b}, []int{2, 3}, ""},
		{"jsonl with BOM", "\ufeff{\"id\":\"a\",\"groups\":{\"copy\":\"c:a\",\"rewrite\":\"r:a\",\"story\":\"s:a\"}}\n",
			[]index.Assignment{a}, []int{1}, ""},
		{"csv error", "\nid,copy,rewrite,story\na,c:a,r:a,s:a\nb,\"c:b,r:a,s:a\n", nil, nil, "g:4: extraneous or missing"},
		{"empty", "  \n", nil, nil, ""},
		{"json document", "{\n  \"articles\": []\n}\n", nil, nil, "g:1: unexpected end of JSON input (want one JSON object a line"},
		{"no story column", "id,copy,rewrite\na,c:a,r:a\n", nil, nil, `g:1: not a groups file`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []index.Assignment
			var lines []int
			err := readGroupRows(strings.NewReader(tt.src), "g", func(line int, a index.Assignment) error {
				got, lines = append(got, a), append(lines, line)
				return nil
			})
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.lines, lines)
		})
	}
}

// A groups file is a grouping as a run writes one: labels of their
// level's form named by a member, each group nested in one of the level
// above. A file cut short inside its last row is not one.
func TestReadGroupsFileNesting(t *testing.T) {
	const head = "id\tcopy\trewrite\tstory\n"
	tests := []struct{ name, rows, err string }{
		{"a grouping", "a\tc:a\tr:a\ts:a\nb\tc:b\tr:a\ts:a\nc\tc:c\tr:c\ts:a\n", ""},
		{"cut in the story column", "a\tc:a\tr:a\ts:a1\na1\tc:a1\tr:a\ts:a", `group r:a is inside s:a here and inside s:a1 at line 2`},
		{"named by no member", "a1\tc:a1\tr:a1\ts:a\n", `g:2: group s:a is named by no member`},
		{"copy in two rewrite groups", "a\tc:a\tr:a\ts:a\nb\tc:a\tr:b\ts:a\n", "group c:a is inside r:b here and inside r:a at line 2"},
		{"level's form", "a\tr:a\tr:a\ts:a\n", `g:2: group "r:a": want a label starting "c:"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := t.TempDir() + "/g"
			require.NoError(t, os.WriteFile(path, []byte(head+tt.rows), 0o644))
			_, err := ReadGroupsFile(path)
			if tt.err == "" {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.err)
		})
	}
}

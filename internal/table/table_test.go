package table

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// layout returns the terminal width of line and the column at which each
// of its cells starts, cells being separated by two or more spaces.
func layout(line string) (width int, starts []int) {
	spaces := 2
	for _, r := range line {
		if r != ' ' && spaces >= 2 {
			starts = append(starts, width)
		}
		if r == ' ' {
			spaces++
		} else {
			spaces = 0
		}
		width++
		if Wide(r) {
			width++
		}
	}
	return width, starts
}

// The cells of a column start (left-aligned) or end (right-aligned) at
// one terminal column whatever the width of their characters.
func TestWriter(t *testing.T) {
	tests := []struct {
		name  string
		rows  [][]string
		flags uint
	}{
		{"ascii", [][]string{{"id", "title", "n"}, {"a1", "Storm closes port", "3"}}, 0},
		{"chinese title", [][]string{{"id", "title", "n"}, {"zh-a", "国家统计局公布数据", "2"}, {"en", "Statistics bureau", "12"}}, 0},
		{"japanese, korean, fullwidth, emoji", [][]string{{"日本銀行", "x"}, {"한국은행은", "y"}, {"ＡＢＣ", "z"}, {"🌊 flood", "w"}, {"plain", "v"}}, 0},
		{"right-aligned", [][]string{{"member", "kept %"}, {"统计局", "50.8"}, {"a", "9.0"}}, tabwriter.AlignRight},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			w := NewWriter(&b, tt.flags)
			for _, row := range tt.rows {
				_, err := fmt.Fprintln(w, strings.Join(row, "\t")+"\t")
				require.NoError(t, err)
			}
			require.NoError(t, w.Flush())
			out := b.String()
			require.True(t, utf8.ValidString(out))
			assert.NotContains(t, out, "\x00")
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			require.Len(t, lines, len(tt.rows))
			width0, starts0 := layout(lines[0])
			for i, line := range lines {
				for _, cell := range tt.rows[i] {
					assert.Contains(t, line, cell)
				}
				width, starts := layout(line)
				if tt.flags&tabwriter.AlignRight != 0 {
					assert.Equal(t, width0, width, "line %d %q ends where line 0 does", i, line)
				} else {
					assert.Equal(t, starts0, starts, "line %d %q starts its cells where line 0 does", i, line)
				}
			}
		})
	}
}

// A directional override or isolate in a cell is left out: it would turn
// the rest of the terminal's line.
func TestWriterDirectional(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b, 0)
	_, err := io.WriteString(w, "id\ttitle\tdate\t\nx1\t\u202eevil title\t2025-11-18\t\nx2\t\u2067عنوان\u2069 ok\t2025-11-19\t\n")
	require.NoError(t, err)
	require.NoError(t, w.Flush())
	assert.Equal(t, "id  title       date        \nx1  evil title  2025-11-18  \nx2  عنوان ok    2025-11-19  \n", b.String())
}

// Text of characters one column wide is laid out as text/tabwriter lays
// it out.
func TestWriterAsTabwriter(t *testing.T) {
	text := "id\ttitle\tsize\t\nr:000\tPeace plan – “28 points”\t5\t\nr:1\tCafé\t12\t\n"
	for _, flags := range []uint{0, tabwriter.AlignRight} {
		var want, got bytes.Buffer
		tw := tabwriter.NewWriter(&want, 0, 0, 2, ' ', flags)
		w := NewWriter(&got, flags)
		for _, x := range []io.Writer{tw, w} {
			_, err := io.WriteString(x, text)
			require.NoError(t, err)
		}
		require.NoError(t, tw.Flush())
		require.NoError(t, w.Flush())
		assert.Equal(t, want.String(), got.String())
	}
}

package listing

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/lineage/outlets"
)

// An outlet that was only the source has no article compared: the table
// shows no mean share for it, where 0.0 would read as an outlet that
// kept nothing and added nothing; JSON and CSV keep the numbers.
func TestOutletTable(t *testing.T) {
	tests := []struct {
		row  outlets.Row
		want []string // the cells after outlet, articles, groups, sources
	}{
		{outlets.Row{Outlet: "Wire", Groups: 2, Sources: 2},
			[]string{"-", "-", "-", "-", "-", "0"}},
		{outlets.Row{Outlet: "Daily", Articles: 2, Groups: 2, KeptShare: 0.5, VerbatimShare: 0.25, AddedShare: 0.5, DroppedShare: 0.1},
			[]string{"50.0", "25.0", "50.0", "10.0", "-", "0"}},
		{outlets.Row{Outlet: "Post", Articles: 1, Groups: 1, KeptShare: 1, VerbatimShare: 1, EditorialScore: 4.5, ScoredArticles: 1},
			[]string{"100.0", "100.0", "0.0", "0.0", "4.5", "1"}},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		require.NoError(t, OutletList([]outlets.Row{tt.row}).Write(&b, Table))
		lines := strings.Split(strings.TrimSpace(b.String()), "\n")
		require.Len(t, lines, 2)
		cells := strings.Fields(lines[1])
		require.Len(t, cells, 10, lines[1])
		assert.Equal(t, tt.want, cells[4:], "%s: %q", tt.row.Outlet, lines[1])

		b.Reset()
		require.NoError(t, OutletList([]outlets.Row{tt.row}).Write(&b, CSV))
		assert.NotContains(t, b.String(), ",-", tt.row.Outlet)
	}
}

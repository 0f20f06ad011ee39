package listing

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/wirediff/wirediff/internal/table"
)

// Truncate cuts a title to the columns a terminal gives it, a wide
// character taking two.
func TestTruncate(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want string
	}{
		{"Storm closes port", 20, "Storm closes port"},
		{"Storm closes port", 10, "Storm clo…"},
		{"Café crème", 10, "Café crème"},
		{"国家统计局公布数据", 18, "国家统计局公布数据"},
		{"国家统计局公布数据", 10, "国家统计…"},
		{"国家统计局公布数据", 9, "国家统计…"},
		{"日本 Bank", 6, "日本 …"},
	}
	for _, tt := range tests {
		got := Truncate(tt.s, tt.n)
		assert.Equal(t, tt.want, got, "Truncate(%q, %d)", tt.s, tt.n)
		assert.LessOrEqual(t, table.Width(got), tt.n)
	}
}

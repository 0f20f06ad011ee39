package msrp

import (
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	tests := []struct {
		name, in string
		want     []Pair
		err      string
	}{
		{"bom, header, crlf", "\ufeffQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\r\n1\t1\t2\tA b.\tB a.\r\n0\t3\t4\tC.\tD.\r\n",
			[]Pair{{true, "A b.", "B a."}, {false, "C.", "D."}}, ""},
		{"no header", "1\t1\t2\tA.\tB.\n", []Pair{{true, "A.", "B."}}, ""},
		{"short line", "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n1\t1\t2\tA.\n", nil, "x.txt:2: 4 tab-separated fields"},
		{"bad quality", "2\t1\t2\tA.\tB.\n", nil, "x.txt:1: quality \"2\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Read(strings.NewReader(tt.in), "x.txt")
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("pair %d: %v, want %v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

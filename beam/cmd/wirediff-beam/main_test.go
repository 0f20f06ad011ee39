package main

import "testing"

func TestParseBytes(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"6GiB", 6 << 30, true},
		{"800MiB", 800 << 20, true},
		{"512KiB", 512 << 10, true},
		{"2TiB", 2 << 40, true},
		{"3GB", 3e9, true},
		{"1000000B", 1e6, true},
		{"1048576", 1 << 20, true},
		{"", 0, false},
		{"GiB", 0, false},
		{"-1GiB", 0, false},
		{"0", 0, false},
		{"1.5GiB", 0, false},
		{"6gib", 0, false},
		{"9000000TiB", 0, false},
	} {
		got, err := parseBytes(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("parseBytes(%q) = %d, %v; want %d, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

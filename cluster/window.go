package cluster

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// FormatWindow writes a window as --window takes it and people write it:
// "7d", "36h", "off" for none.
func FormatWindow(d time.Duration) string {
	switch {
	case d <= 0:
		return "off"
	case d%(24*time.Hour) == 0:
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	}
	return strings.TrimSuffix(strings.TrimSuffix(d.String(), "0s"), "0m")
}

// ParseWindow parses a date window ([Options].Window) as people write
// it: a Go duration ("36h") or a number of days ("7d", "1.5d"); zero
// ("0", "0d", "0s") turns the window off. A negative window, or one
// longer than a Duration holds, is an error.
func ParseWindow(s string) (time.Duration, error) {
	var days float64
	if n, err := fmt.Sscanf(s, "%gd", &days); err == nil && n == 1 && s[len(s)-1] == 'd' {
		if days < 0 {
			return 0, fmt.Errorf("%q is negative", s)
		}
		// NaN, or more days than a Duration holds (which would wrap
		// around to a negative window, that is no window).
		if !(days*24*float64(time.Hour) < math.MaxInt64) {
			return 0, fmt.Errorf("%q is not a duration like 7d or 36h (at most %.0fd; 0 turns the window off)", s, float64(math.MaxInt64)/float64(24*time.Hour))
		}
		return time.Duration(days * 24 * float64(time.Hour)), nil
	}
	if s == "0" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%q is not a duration like 7d or 36h (0 turns the window off)", s)
	}
	return d, nil
}

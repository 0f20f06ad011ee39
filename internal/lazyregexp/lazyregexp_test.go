package lazyregexp

import (
	"regexp"
	"strings"
	"sync"
	"testing"
)

// TestSameAsRegexp: every method answers as the compiled regexp does,
// from any number of goroutines.
func TestSameAsRegexp(t *testing.T) {
	const expr, s = `(\d+)-(\w+)`, "a 12-ab, 7-x and 300-yz."
	lazy, rx := New(expr), regexp.MustCompile(expr)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got, want := lazy.FindAllStringSubmatchIndex(s, -1), rx.FindAllStringSubmatchIndex(s, -1); len(got) != len(want) {
				t.Errorf("FindAllStringSubmatchIndex = %v, want %v", got, want)
			}
		}()
	}
	wg.Wait()
	for _, c := range []struct{ name, got, want string }{
		{"MatchString", strings.Repeat("t", boolInt(lazy.MatchString(s))), strings.Repeat("t", boolInt(rx.MatchString(s)))},
		{"FindString", lazy.FindString(s), rx.FindString(s)},
		{"FindStringSubmatch", strings.Join(lazy.FindStringSubmatch(s), "|"), strings.Join(rx.FindStringSubmatch(s), "|")},
		{"ReplaceAllString", lazy.ReplaceAllString(s, "$2"), rx.ReplaceAllString(s, "$2")},
		{"ReplaceAllStringFunc", lazy.ReplaceAllStringFunc(s, strings.ToUpper), rx.ReplaceAllStringFunc(s, strings.ToUpper)},
		{"String", lazy.String(), rx.String()},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if first := lazy.Regexp(); lazy.Regexp() != first {
		t.Error("compiled more than once")
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

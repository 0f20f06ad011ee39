package index

import (
	"fmt"
	"strings"
	"time"

	"github.com/wirediff/wirediff/corpus"
)

// ParseFilter returns the [Filter] of outlets and of the bounds since and
// until as a user writes them: outlet names, each possibly a
// comma-separated list, and dates in any form [corpus.ParseDate] reads
// ("" is an open bound). A bare day as until means its last instant, so
// that the day is kept whole. A bound that is not a date, or an until
// before since, is a [*FilterError].
func ParseFilter(outlets []string, since, until string) (Filter, error) {
	var f Filter
	for _, o := range outlets {
		for _, p := range strings.Split(o, ",") {
			if p = strings.TrimSpace(p); p != "" {
				f.Outlets = append(f.Outlets, p)
			}
		}
	}
	var err error
	if f.Since, err = parseBound("since", since, false); err != nil {
		return f, err
	}
	if f.Until, err = parseBound("until", until, true); err != nil {
		return f, err
	}
	if !f.Since.IsZero() && !f.Until.IsZero() && f.Until.Before(f.Since) {
		return f, &FilterError{Field: "until", Value: until, Since: since}
	}
	return f, nil
}

// IsZero reports whether f keeps everything.
func (f Filter) IsZero() bool {
	return len(f.Outlets) == 0 && f.Since.IsZero() && f.Until.IsZero()
}

// parseBound parses the bound field of a filter; end makes a bare day
// its last instant.
func parseBound(field, s string, end bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if m, d, either := corpus.DateReadsEitherWay(s); either {
		return time.Time{}, &FilterError{Field: field, Value: s, Either: [2]time.Time{m, d}}
	}
	t, ok := corpus.ParseDate(s)
	if !ok {
		return time.Time{}, &FilterError{Field: field, Value: s}
	}
	if end && t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		t = t.Add(24*time.Hour - time.Nanosecond)
	}
	return t, nil
}

// A FilterError is a bound given to [ParseFilter] that is not a date, or
// an until bound before the since bound.
type FilterError struct {
	// Field is the bound: "since" or "until".
	Field string
	// Value is the bound as given.
	Value string
	// Since, for an until bound before the since bound, is the since
	// bound as given; "" when Value is not a date.
	Since string
	// Either, for a numeric date that reads either way ("02/11/2025"),
	// is its two readings, month first and day first: which was meant
	// cannot be told, so the bound is refused.
	Either [2]time.Time
}

func (e *FilterError) Error() string { return e.Named("") }

// Named words the error with prefix before each bound's name: "--" names
// them as command-line flags.
func (e *FilterError) Named(prefix string) string {
	if e.Since != "" {
		return fmt.Sprintf("%suntil %s is before %ssince %s", prefix, e.Value, prefix, e.Since)
	}
	if !e.Either[0].IsZero() {
		return fmt.Sprintf("%s%s %q reads as %s or as %s: write which, as %s or %s", prefix, e.Field, e.Value,
			e.Either[0].Format("January 2"), e.Either[1].Format("2 January"), corpus.FormatDate(e.Either[0]), corpus.FormatDate(e.Either[1]))
	}
	return fmt.Sprintf("%s%s %q: not a date (want e.g. 2025-11-18 or 2025-11-18T09:30:00Z)", prefix, e.Field, e.Value)
}

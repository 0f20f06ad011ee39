package index

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/corpus"
)

func TestParseFilter(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 11, d, 0, 0, 0, 0, time.UTC) }
	endOf := func(d int) time.Time { return day(d).Add(24*time.Hour - time.Nanosecond) }
	for _, tt := range []struct {
		outlets      []string
		since, until string
		want         Filter
	}{
		// Nothing given keeps everything.
		{nil, "", "", Filter{}},
		// Outlets: repeated or comma-separated, blanks dropped.
		{[]string{"fox", " AP , ,Reuters"}, "", "", Filter{Outlets: []string{"fox", "AP", "Reuters"}}},
		// A bare day as until is the whole day; as since, its start.
		{nil, "2025-11-01", "2025-11-30", Filter{Since: day(1), Until: endOf(30)}},
		{nil, "2025-11-01", "2025-11-01", Filter{Since: day(1), Until: endOf(1)}},
		// A time of day is kept as given.
		{nil, "", "2025-11-18T09:30:00Z", Filter{Until: time.Date(2025, 11, 18, 9, 30, 0, 0, time.UTC)}},
	} {
		got, err := ParseFilter(tt.outlets, tt.since, tt.until)
		require.NoError(t, err, "ParseFilter(%q, %q, %q)", tt.outlets, tt.since, tt.until)
		assert.Equal(t, tt.want.Outlets, got.Outlets, "ParseFilter(%q, %q, %q).Outlets", tt.outlets, tt.since, tt.until)
		assert.True(t, tt.want.Since.Equal(got.Since), "Since = %v, want %v", got.Since, tt.want.Since)
		assert.True(t, tt.want.Until.Equal(got.Until), "Until = %v, want %v", got.Until, tt.want.Until)
		assert.Equal(t, len(tt.outlets) == 0 && tt.since == "" && tt.until == "", got.IsZero())
	}
}

func TestParseFilterErrors(t *testing.T) {
	for _, tt := range []struct {
		since, until string
		want         FilterError
		flags        string // the error as Named("--") words it
	}{
		{"yesterday", "", FilterError{Field: "since", Value: "yesterday"},
			`--since "yesterday": not a date (want e.g. 2025-11-18 or 2025-11-18T09:30:00Z)`},
		{"", "2025-13-45", FilterError{Field: "until", Value: "2025-13-45"},
			`--until "2025-13-45": not a date (want e.g. 2025-11-18 or 2025-11-18T09:30:00Z)`},
		{"2025-11-02", "2025-11-01", FilterError{Field: "until", Value: "2025-11-01", Since: "2025-11-02"},
			`--until 2025-11-01 is before --since 2025-11-02`},
		{"02/11/2025", "", FilterError{Field: "since", Value: "02/11/2025", Either: [2]time.Time{
			time.Date(2025, 2, 11, 0, 0, 0, 0, corpus.NoZone), time.Date(2025, 11, 2, 0, 0, 0, 0, corpus.NoZone)}},
			`--since "02/11/2025" reads as February 11 or as 2 November: write which, as 2025-02-11 or 2025-11-02`},
	} {
		_, err := ParseFilter(nil, tt.since, tt.until)
		var fe *FilterError
		require.True(t, errors.As(err, &fe), "ParseFilter(nil, %q, %q) = %v, want a *FilterError", tt.since, tt.until, err)
		assert.Equal(t, tt.want, *fe)
		assert.Equal(t, tt.flags, fe.Named("--"))
		assert.Equal(t, fe.Named(""), err.Error())
	}
}

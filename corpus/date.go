package corpus

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// dateLayouts are the layouts ParseDate tries, after normalizing ordinals
// ("19th"), "Sept."/"Nov." abbreviations, a.m./p.m. and a trailing zone
// abbreviation. Month and weekday names match case-insensitively.
var dateLayouts = []string{
	// ISO 8601 and relatives.
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02 15:04:05",
	"2006/01/02 15:04",
	"2006/01/02",
	"2006.01.02",
	// RFC 1123 / 822 / 850 and C library forms (feeds, HTTP headers).
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05",
	"Mon, 2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 2006 15:04",
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05",
	time.RFC850,
	time.RFC822Z,
	time.RFC822,
	time.ANSIC,
	time.UnixDate,
	time.RubyDate,
	// Day month year (British, European).
	"Mon, 2 Jan 2006",
	"Mon 2 Jan 2006",
	"Monday, 2 January 2006",
	"Monday 2 January 2006",
	"2 January 2006",
	"2 Jan 2006",
	"2 January, 2006",
	"2 January 2006 15:04",
	"2 Jan 2006 15:04",
	"2 January 2006, 15:04",
	"15:04, 2 January 2006",
	"15:04, Mon, 2 Jan 2006",
	// Month day year (American).
	"January 2, 2006",
	"Jan 2, 2006",
	"January 2 2006",
	"Jan 2 2006",
	"Monday, January 2, 2006",
	"Monday January 2, 2006",
	"Mon, January 2, 2006",
	"Mon, Jan 2, 2006",
	"Mon January 2, 2006",
	"Mon Jan 2, 2006",
	"January 2, 2006 3:04 PM",
	"January 2, 2006, 3:04 PM",
	"January 2, 2006 at 3:04 PM",
	"Jan 2, 2006 3:04 PM",
	"Jan 2, 2006, 3:04 PM",
	"Jan 2, 2006 at 3:04 PM",
	"January 2, 2006 15:04",
	"January 2, 2006, 15:04",
	"Jan 2, 2006 15:04",
	"Jan 2, 2006, 15:04",
	"Monday, January 2, 2006 3:04 PM",
	"Monday, January 2, 2006, 3:04 PM",
	"3:04 PM, January 2, 2006",
	"3:04 PM January 2, 2006",
	"3:04 PM, Mon January 2, 2006",
	"3:04 PM Mon January 2, 2006",
	"3:04 PM, Mon, Jan 2, 2006",
	"15:04, Mon, Jan 2, 2006",
	"15:04, Monday, January 2, 2006",
	"15:04 Mon, Jan 2, 2006",
	"15:04, January 2, 2006",
	// Numeric, month first (US).
	"01/02/2006 15:04:05",
	"01/02/2006 15:04",
	"01/02/2006",
	"1/2/2006",
}

var (
	ordinalRe   = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)\b`)
	abbrDotRe   = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.`)
	septRe      = regexp.MustCompile(`(?i)\bsept\b`)
	meridiemRe  = regexp.MustCompile(`(?i)(\d)\s*([ap])\.?m\.?(\s|,|$)`)
	dateLabelRe = regexp.MustCompile(`(?i)^(?:first published|last updated|last modified|published|posted|updated|modified|dated|date)(?:\s+on)?\s*:?\s*`)
	zoneRe      = regexp.MustCompile(`\s+\(?(UTC|GMT|Z|ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|BST|CET|CEST|EET|EEST|MSK|AEST|AEDT|JST|KST)\)?(,|\s|$)`)
)

// zoneOffsets maps zone abbreviations common in news datelines to their UTC
// offsets in hours. ET, CT, MT and PT are taken as standard time.
var zoneOffsets = map[string]int{
	"UTC": 0, "GMT": 0, "Z": 0,
	"ET": -5, "EST": -5, "EDT": -4, "CT": -6, "CST": -6, "CDT": -5,
	"MT": -7, "MST": -7, "MDT": -6, "PT": -8, "PST": -8, "PDT": -7,
	"BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3,
	"AEST": 10, "AEDT": 11, "JST": 9, "KST": 9,
}

// ParseDate parses a publication date in one of the many forms news sources
// use: ISO 8601 / RFC 3339 with or without time and zone, RFC 1123 and
// RFC 822 (feeds), "November 19, 2025", "Nov. 19th, 2025 3:04 p.m. ET",
// "19 November 2025", "Wed, Nov 19, 2025", "13:43, Wed, Nov 19, 2025",
// numeric US "11/19/2025", compact "20251119", and Unix time in seconds (10
// digits) or milliseconds (13 digits). A leading "Published:", "Updated" or
// "Date:" label is ignored. Dates without a zone are UTC. It reports false for
// anything else, including years outside 1800-2200.
func ParseDate(s string) (time.Time, bool) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" || len(s) > 100 {
		return time.Time{}, false
	}
	if isDigits(s) {
		return parseNumericDate(s)
	}
	s = dateLabelRe.ReplaceAllString(s, "")
	s = ordinalRe.ReplaceAllString(s, "$1")
	s = abbrDotRe.ReplaceAllString(s, "$1")
	s = septRe.ReplaceAllString(s, "Sep")
	s = meridiemRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := meridiemRe.FindStringSubmatch(m)
		return sub[1] + " " + strings.ToUpper(sub[2]) + "M" + sub[3]
	})
	var zone *time.Location
	if m := zoneRe.FindStringSubmatchIndex(s); m != nil {
		abbr := s[m[2]:m[3]]
		zone = time.FixedZone(abbr, zoneOffsets[abbr]*3600)
		s = s[:m[0]] + s[m[4]:]
	}
	s = strings.TrimRight(s, " ,")
	for _, layout := range dateLayouts {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if zone != nil {
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), zone)
		}
		if y := t.Year(); y < 1800 || y > 2200 {
			return time.Time{}, false
		}
		return t, true
	}
	return time.Time{}, false
}

func parseNumericDate(s string) (time.Time, bool) {
	var t time.Time
	switch len(s) {
	case 8:
		var err error
		if t, err = time.Parse("20060102", s); err != nil {
			return time.Time{}, false
		}
	case 10, 13:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, false
		}
		if len(s) == 10 {
			t = time.Unix(n, 0).UTC()
		} else {
			t = time.UnixMilli(n).UTC()
		}
	default:
		return time.Time{}, false
	}
	if y := t.Year(); y < 1800 || y > 2200 {
		return time.Time{}, false
	}
	return t, true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

package corpus

import (
	"fmt"
	"github.com/wirediff/wirediff/internal/lazyregexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
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
	"2006-01-02T15:04Z0700",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05-07", // PostgreSQL's timestamptz, "2025-11-18 09:30:00+00"
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02 15:04:05",
	"2006/01/02 15:04",
	"2006/01/02",
	"2006.01.02",
	"20060102T150405Z0700", // ISO 8601 basic, as NITF's norm attributes write it
	"20060102T150405",
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
	"Mon, 02 Jan 2006 15:04:05 -07:00",
	"Mon, 2 Jan 2006 15:04:05 -07:00",
	"Mon Jan 02 2006 15:04:05 GMT-0700", // JavaScript's Date.toString, its zone name cut
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
	// Day, month abbreviation and year joined by hyphens, as spreadsheets
	// and monitoring exports write them ("18-Nov-2025 10:00AM", "18-Nov-25").
	"2-Jan-2006 3:04 PM",
	"2-Jan-2006 15:04:05",
	"2-Jan-2006 15:04",
	"2-Jan-2006",
	"2-Jan-06 3:04 PM",
	"2-Jan-06 15:04",
	"2-Jan-06",
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
	"Monday, January 2, 2006 at 3:04 PM",
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
	"1/2/2006 3:04 PM",
	"1/2/2006 3:04:05 PM",
	// Numeric, day first: with slashes only when month first cannot
	// read it (18/11/2025), with dots always (European).
	"02/01/2006 15:04:05",
	"02/01/2006 15:04",
	"02/01/2006",
	"2/1/2006",
	"2/1/2006 3:04 PM",
	"2/1/2006 3:04:05 PM",
	"02.01.2006 15:04:05",
	"02.01.2006 15:04",
	"02.01.2006",
	"2.1.2006",
}

var (
	ordinalRe   = lazyregexp.New(`\b(\d{1,2})(?:st|nd|rd|th)\b`)
	abbrDotRe   = lazyregexp.New(`(?i)\b(jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.`)
	septRe      = lazyregexp.New(`(?i)\bsept\b`)
	meridiemRe  = lazyregexp.New(`(?i)(\d)\s*([ap])\.?m\.?(\s|,|$)`)
	dateLabelRe = lazyregexp.New(`(?i)^(?:first published|last updated|last modified|published|posted|updated|modified|dated|date)(?:\s+on)?\s*:?\s*`)
	zoneRe      = lazyregexp.New(`\s+\(?(UTC|GMT|Z|ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|BST|CET|CEST|EET|EEST|MSK|AEST|AEDT|JST|KST)\)?(,|\s|$)`)
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

// NoZone is the location of the times [ParseDate] reads without a zone
// ("13:43, Wed, Nov 19, 2025", "2025-11-18"): the clock reading as
// written, at a UTC offset of 0, so that such times order and compare as
// if they were UTC, and [FormatDate] prints them without a zone. It is
// never the location of a time whose source named a zone or offset.
var NoZone = time.FixedZone("", 0)

// FormatDate formats a publication time for output: "" for the zero time,
// the day alone ("2025-11-18") for midnight, the local time without a zone
// ("2025-11-19T13:43:00") for a time in [NoZone], and RFC 3339 with the
// offset the source gave otherwise ("2025-11-19T15:04:00-05:00").
func FormatDate(t time.Time) string {
	switch {
	case t.IsZero():
		return ""
	case t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0:
		return t.Format(time.DateOnly)
	case t.Location() == NoZone:
		return t.Format("2006-01-02T15:04:05")
	}
	return t.Format(time.RFC3339)
}

// ParseDate parses a publication date in one of the many forms news sources
// use: ISO 8601 / RFC 3339 with or without time and zone, RFC 1123 and
// RFC 822 (feeds), "November 19, 2025", "Nov. 19th, 2025 3:04 p.m. ET",
// "19 November 2025", "Wed, Nov 19, 2025", "13:43, Wed, Nov 19, 2025",
// "19-Nov-2025 10:00AM" and "19-Nov-25" (spreadsheets), numeric US
// "11/19/2025" and "11-19-2025 3:04 PM" (day first, "19/11/2025", only
// when month first cannot be read; see [ParseDateAs]), European
// "19.11.2025", compact "20251119" and "20251119T143000Z", the forms
// databases and programs print ("2025-11-19 14:30:00+00" from PostgreSQL,
// JavaScript's "Wed Nov 19 2025 14:30:00 GMT+0000 (Coordinated Universal
// Time)", Java's "2025-11-19T14:30Z[UTC]"), and Unix time in seconds (10
// digits) or milliseconds (13 digits). A leading "Published:", "Updated" or
// "Date:" label is ignored. A date or time without a zone is in [NoZone]
// (its clock reading, compared as UTC); Unix times are UTC. It reports
// false for anything else, including years outside 1800-2200.
func ParseDate(s string) (time.Time, bool) {
	t, ok, _ := parseDate(s, false)
	return t, ok
}

// DateOrder is how a numeric date whose first two numbers could each be
// its month ("02/11/2025": February 11 or 2 November) is read.
type DateOrder uint8

const (
	// DateAuto reads it month first, as US sources write it; a file of
	// records that holds such dates and one that reads only day first
	// ("18/11/2025") is reported (reason [MixedDateOrder]). The reading
	// does not depend on the order of the records.
	DateAuto DateOrder = iota
	// MonthFirst reads it month first: 02/11/2025 is February 11.
	MonthFirst
	// DayFirst reads it day first: 02/11/2025 is 2 November.
	DayFirst
)

// dateOrderNames are the names [DateOrderNamed] reads, each order's
// first its String.
var dateOrderNames = [...][]string{
	DateAuto:   {"auto"},
	MonthFirst: {"mdy", "month-first", "us"},
	DayFirst:   {"dmy", "day-first"},
}

// String returns "auto", "mdy" or "dmy".
func (o DateOrder) String() string {
	if int(o) < len(dateOrderNames) {
		return dateOrderNames[o][0]
	}
	return "DateOrder(" + strconv.Itoa(int(o)) + ")"
}

// DateOrderNamed returns the order a name such as "dmy" or "month-first"
// names.
func DateOrderNamed(name string) (DateOrder, error) {
	name = strings.ToLower(strings.TrimSpace(name))
	for o, names := range dateOrderNames {
		for _, n := range names {
			if n == name {
				return DateOrder(o), nil
			}
		}
	}
	return DateAuto, fmt.Errorf("unknown date order %q (want auto, mdy or dmy)", name)
}

// ParseDateAs parses a date as [ParseDate] does, reading a numeric
// date whose first two numbers could each be the month day first when
// order is DayFirst, month first otherwise.
func ParseDateAs(s string, order DateOrder) (time.Time, bool) {
	t, ok, _ := parseDate(s, order == DayFirst)
	return t, ok
}

// DateReadsEitherWay reports whether s is a numeric date whose first two
// numbers could each be the month ("02/11/2025"), with its two readings,
// month first (February 11) and day first (2 November): a date typed
// where no file's order tells which was meant.
func DateReadsEitherWay(s string) (monthFirst, dayFirst time.Time, either bool) {
	monthFirst, ok, shape := parseDate(s, false)
	if !ok || shape != slashEither {
		return time.Time{}, time.Time{}, false
	}
	dayFirst, _, _ = parseDate(s, true)
	return monthFirst, dayFirst, true
}

// slashShape is what the numbers of a date written a/b/yyyy allow.
type slashShape uint8

const (
	notSlash       slashShape = iota // not such a date
	slashEither                      // a and b could each be the month: 02/11/2025
	slashMonthOnly                   // only a can be the month: 11/18/2025
	slashDayOnly                     // only b can be the month: 18/11/2025
	slashSame                        // either way the same day: 05/05/2025
)

var (
	// jsZoneNameRe is the zone name JavaScript's Date.toString puts after
	// the offset ("GMT+0000 (Coordinated Universal Time)").
	jsZoneNameRe = lazyregexp.New(`(GMT[+-]\d{4}) \([^()]*\)$`)
	// javaZoneIDRe is the zone ID Java's ZonedDateTime.toString puts
	// after the offset ("2025-11-18T09:30:00Z[UTC]").
	javaZoneIDRe = lazyregexp.New(`(\d|Z)\[[A-Za-z][A-Za-z0-9_/+-]*\]$`)
	// dashedDateRe is a numeric date a-b-yyyy, read as a/b/yyyy.
	dashedDateRe = lazyregexp.New(`^(\d{1,2})-(\d{1,2})-(\d{4})\b`)
)

// slashDateRe is a numeric date a/b/yyyy at the start of a normalized
// date string.
var slashDateRe = lazyregexp.New(`^(\d{1,2})/(\d{1,2})/\d{4}\b`)

// shapeOfSlash says what the numbers of s, normalized, allow, with the
// positions of its first two numbers.
func shapeOfSlash(s string) (slashShape, []int) {
	m := slashDateRe.FindStringSubmatchIndex(s)
	if m == nil {
		return notSlash, nil
	}
	a, _ := strconv.Atoi(s[m[2]:m[3]])
	b, _ := strconv.Atoi(s[m[4]:m[5]])
	switch {
	case a == b:
		return slashSame, m
	case a <= 12 && b <= 12:
		return slashEither, m
	case a <= 12:
		return slashMonthOnly, m
	case b <= 12:
		return slashDayOnly, m
	}
	return notSlash, nil
}

// parseDate is [ParseDate], reading a date a/b/yyyy whose a and b could
// each be the month day first when dayFirst is set; shape says what the
// date's numbers allow.
func parseDate(s string, dayFirst bool) (t time.Time, ok bool, shape slashShape) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" || len(s) > 100 {
		return time.Time{}, false, notSlash
	}
	if isDigits(s) {
		t, ok = parseNumericDate(s)
		return t, ok, notSlash
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
	// Each form is looked for only where its mark is: the expressions
	// cost more than the layouts tried after them.
	if strings.HasSuffix(s, ")") && strings.Contains(s, "GMT") {
		s = jsZoneNameRe.ReplaceAllString(s, "$1")
	}
	if strings.HasSuffix(s, "]") {
		s = javaZoneIDRe.ReplaceAllString(s, "$1")
	}
	if len(s) > 2 && (s[1] == '-' || s[2] == '-') {
		s = dashedDateRe.ReplaceAllString(s, "$1/$2/$3")
	}
	shape, m := shapeOfSlash(s)
	if dayFirst && shape == slashEither {
		s = s[m[4]:m[5]] + "/" + s[m[2]:m[3]] + s[m[5]:]
	}
	for _, layout := range dateLayouts {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if zone == nil && !layoutHasZone(layout) {
			zone = NoZone
		}
		if zone != nil {
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), zone)
		}
		if y := t.Year(); y < 1800 || y > 2200 {
			return time.Time{}, false, notSlash
		}
		return t, true, shape
	}
	return time.Time{}, false, notSlash
}

func parseNumericDate(s string) (time.Time, bool) {
	var t time.Time
	switch len(s) {
	case 8:
		var err error
		if t, err = time.ParseInLocation("20060102", s, NoZone); err != nil {
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

// layoutHasZone reports whether a time layout reads a zone or an offset.
func layoutHasZone(layout string) bool {
	return strings.Contains(layout, "Z07") || strings.Contains(layout, "-07") || strings.Contains(layout, "MST")
}

// openingWords bounds the words of a story's opening searched for its
// date by [openingDate].
const openingWords = 50

var (
	// spacedTimeRe and spacedSlashRe undo the spacing of tokenized text
	// ("5: 03pm", "05 / 02 / 2013", "p. m.") so that dates read as written.
	spacedTimeRe  = lazyregexp.New(`(\d)([:.]) (\d\d)`)
	spacedSlashRe = lazyregexp.New(`(\d) / (\d)`)
	spacedMerRe   = lazyregexp.New(`(?i)\b([ap])\. m\.`)
	weekdayName   = `(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)\.?,?[ \t]+`
	// openingDateRe finds a date with its time: a weekday maybe, then
	// month day year, day month year or a numeric date, then maybe a time
	// and a zone.
	openingDateRe = lazyregexp.New(`(?:` + weekdayName + `)?` +
		`(` + monthName + `[ \t]+\d{1,2}(?:st|nd|rd|th)?,?[ \t]+\d{4}` +
		`|\d{1,2}(?:st|nd|rd|th)?[ \t]+` + monthName + `,?[ \t]+\d{4}` +
		`|\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})\b` +
		`((?:,?[ \t]+(?:at[ \t]+|@[ \t]+|\|[ \t]+)?\d{1,2}[:.]\d{2}(?:[ \t]*(?i:[ap]\.?m\.?))?)?(?:[ \t]+\(?[A-Z]{2,4}\)?)?)`)
	// dateNotOpening are the words before a date that make it part of a
	// sentence ("killed on Oct. 21, 2011"), not the date of the story.
	dateNotOpening = map[string]bool{
		"on": true, "in": true, "since": true, "by": true, "until": true, "till": true, "from": true, "of": true,
		"before": true, "after": true, "to": true, "between": true, "and": true, "through": true, "for": true,
		"during": true, "as": true, "than": true, "at": true, "the": true, "that": true, "was": true, "is": true,
	}
	// dateLabels are the words that may stand before "on" in a label
	// ("Published on Friday, 27 September 2013").
	dateLabels = map[string]bool{"published": true, "posted": true, "updated": true, "dated": true, "modified": true}
	// nameDotRe strips the dots of abbreviated month and day names.
	nameDotRe = lazyregexp.New(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.`)
)

// openingDate finds the date of a story in its opening line s, the way
// news pages print it between headline and text or at the start ("Lindsay
// Lohan checks into rehab May 3, 2013 at 7:31 AM ET Early Friday ...",
// "Published: June 13, 2013 4:59 PM EDT", "05 / 02 / 2013"): the first
// date among its first 50 words that is not part of a sentence (after
// "on", "since", "in" and the like, unless a label such as "Published on"
// comes before) and is followed by the end, a capital, a digit or a quote,
// with the time and zone that follow it when they parse.
func openingDate(s string, order DateOrder) (time.Time, bool) {
	// One space for any run of them, no-break spaces included.
	f := strings.Fields(s)
	s = strings.Join(f[:min(len(f), openingWords)], " ")
	if !mayHoldDate(s) {
		return time.Time{}, false
	}
	s = spacedTimeRe.ReplaceAllString(s, "$1$2$3")
	s = spacedSlashRe.ReplaceAllString(spacedSlashRe.ReplaceAllString(s, "$1/$2"), "$1/$2")
	s = spacedMerRe.ReplaceAllString(s, "${1}.m.")
	for _, m := range openingDateRe.FindAllStringSubmatchIndex(s, -1) {
		if !datePlace(s[:m[0]]) || !dateFollowed(s[m[1]:]) {
			continue
		}
		date, clock := s[m[2]:m[3]], s[m[4]:m[5]]
		if strings.Contains(date, "/") {
			if d, ok := numericDate(date, order); ok {
				return d, true
			}
			continue
		}
		date = nameDotRe.ReplaceAllString(date, "$1")
		clock = strings.NewReplacer(" at ", " ", " @ ", " ", " | ", " ").Replace(clock)
		if d, ok := ParseDateAs(date+clock, order); ok {
			return d, true
		}
		if d, ok := ParseDateAs(date, order); ok {
			return d, true
		}
	}
	return time.Time{}, false
}

// mayHoldDate reports whether s can hold a date [openingDateRe] matches:
// each form has a year of four digits or a slash, so a line with neither
// skips the regular expressions, which dominate reading otherwise.
func mayHoldDate(s string) bool {
	if strings.IndexByte(s, '/') >= 0 {
		return true
	}
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			run = 0
			continue
		}
		if run++; run == 4 {
			return true
		}
	}
	return false
}

// datePlace reports whether a date after before stands where a story's
// date does: not after a word that makes it part of a sentence.
func datePlace(before string) bool {
	words := strings.Fields(strings.ToLower(before))
	if len(words) == 0 {
		return true
	}
	prev := strings.Trim(words[len(words)-1], `,:;"'“”‘’()`)
	if !dateNotOpening[prev] {
		return true
	}
	return prev == "on" && len(words) >= 2 && dateLabels[strings.Trim(words[len(words)-2], ",:")]
}

// dateFollowed reports whether what comes after a date is the end, a
// capital, a digit, a quote or a separator, as after a printed date, not
// the rest of a sentence.
func dateFollowed(after string) bool {
	after = strings.TrimLeft(after, " \t,.")
	if after == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(after)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"'“‘|-–—/", r)
}

// numericDate reads a numeric date a/b/y: month first, as [ParseDate]
// does, unless the first number cannot be a month or order is DayFirst
// and the second can be; a two-digit year is in 1950-2049.
func numericDate(s string, order DateOrder) (time.Time, bool) {
	p := strings.Split(s, "/")
	a, _ := strconv.Atoi(p[0])
	b, _ := strconv.Atoi(p[1])
	y, _ := strconv.Atoi(p[2])
	if len(p[2]) == 2 {
		y += 1900
		if y < 1950 {
			y += 100
		}
	}
	month, day := a, b
	if a > 12 || order == DayFirst && b <= 12 {
		month, day = b, a
	}
	if month < 1 || month > 12 || day < 1 || day > 31 || y < 1800 || y > 2200 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(month), day, 0, 0, 0, 0, NoZone)
	if t.Day() != day {
		return time.Time{}, false // 31 April
	}
	return t, true
}

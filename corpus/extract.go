package corpus

import (
	"github.com/wirediff/wirediff/internal/lazyregexp"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Limits of the metadata scan: only the head and the tail of an article are
// searched for metadata, so the cost does not grow with the article beyond
// one pass over its lines.
const (
	headLines    = 15  // non-blank lines searched for datelines and bylines
	tailLines    = 30  // lines searched backwards for trailing site furniture
	maxMetaLine  = 200 // longer lines are never metadata
	frontMaxSize = 16 << 10
)

// ExtractMetadata recognizes metadata and site furniture in a.Text, fills
// the empty fields among Title, Outlet, Byline, City, Edition and
// Published from it (and DerivedTitle when Title stays empty), and
// adds the byte ranges it came from to a.Furniture (kept sorted and
// non-overlapping). Text itself is never changed. [Read] calls it for every
// article; see the package documentation for what it recognizes.
func (a *Article) ExtractMetadata() {
	extractMetadata(a, defaultFields, DateAuto)
}

// line is one line of Text: [start, end) excludes the newline.
type line struct{ start, end int }

// extractMetadata is [Article.ExtractMetadata]; it returns the value of
// the front matter's publication field when it is not a date ParseDate
// reads (the article is left without that time), else "". Dates in the
// text are read in order (DateAuto: month first where either could be).
func extractMetadata(a *Article, fields *fieldMap, order DateOrder) (unreadDate string) {
	t := a.Text
	var spans []Span
	pos := 0
	if end, kv, ok := frontMatter(t); ok {
		spans = append(spans, Span{0, end})
		unreadDate = applyKeyValues(a, kv, fields, order)
		pos = end
	}

	// The head: the first non-blank line may carry a heading, a slug or a
	// date prefix; the first few lines may be datelines or bylines.
	first := true
	nonBlank := 0
	for ln := range linesFrom(t, pos) {
		s := t[ln.start:ln.end]
		if isBlank(s) {
			continue
		}
		if nonBlank++; nonBlank > headLines {
			break
		}
		if first {
			first = false
			if sp, ok := markdownHeading(a, s, ln.start); ok {
				spans = append(spans, sp)
				continue
			}
			if sp, ok := slug(a, s, ln.start); ok {
				spans = append(spans, sp)
				continue
			}
			if sp, ok := datePrefix(a, s, ln.start, order); ok {
				spans = append(spans, sp)
				continue
			}
			headline(a, t, s, ln.end)
		}
		if a.City == "" && nonBlank <= 3 {
			a.City = datelineCity(s)
		}
		if len(s) > maxMetaLine {
			continue
		}
		if d, ok := dateline(s, order); ok {
			if a.Published.IsZero() {
				a.Published = d
			}
			spans = append(spans, trimmedSpan(s, ln.start))
		} else if by, ok := bylineLine(s); ok {
			if a.Byline == "" {
				a.Byline = by
			}
			spans = append(spans, trimmedSpan(s, ln.start))
		}
	}

	// The opening: a date printed between headline and text, or at the
	// start of the first line that is not furniture.
	if a.Published.IsZero() {
		if s := openingLine(t, pos, spans); s != "" {
			if d, ok := openingDate(s, order); ok {
				a.Published, a.DateInText = d, true
			}
		}
	}

	// Anywhere: lines that are furniture wherever they stand.
	for ln := range linesFrom(t, pos) {
		if s := t[ln.start:ln.end]; len(s) <= maxMetaLine && !isBlank(s) && standaloneFurniture(strings.TrimSpace(s)) {
			spans = append(spans, trimmedSpan(s, ln.start))
		}
	}

	// The tail: site furniture lines at the end, up to the first line that
	// is not furniture.
	n := 0
	for ln := range linesBackward(t, pos) {
		s := t[ln.start:ln.end]
		if isBlank(s) {
			continue
		}
		if n++; n > tailLines || len(s) > maxMetaLine || !trailingFurniture(strings.TrimSpace(s)) {
			break
		}
		spans = append(spans, trimmedSpan(s, ln.start))
	}

	// A news API's mark of a text it cut short (NewsAPI's content field:
	// "… [+3120 chars]").
	tail := max(pos, len(t)-64)
	if m := truncatedRe.FindStringIndex(t[tail:]); m != nil {
		spans = append(spans, trimmedSpan(t[tail+m[0]:tail+m[1]], tail+m[0]))
	}

	if a.Outlet == "" && a.URL != "" {
		a.Outlet = OutletFromURL(a.URL)
	}
	a.Furniture = mergeSpans(append(a.Furniture, spans...), len(t))
	if a.Title == "" && a.DerivedTitle == "" {
		a.DerivedTitle, _ = a.firstSentence()
	}
	return unreadDate
}

// openingLine returns the first non-blank line of t from pos, less the
// furniture spans found in it so far.
func openingLine(t string, pos int, spans []Span) string {
	for ln := range linesFrom(t, pos) {
		s := t[ln.start:ln.end]
		for _, sp := range spans {
			if sp.Start <= ln.start && sp.End >= ln.end {
				s = ""
				break
			}
			if sp.Start >= ln.start && sp.Start < ln.end && sp.End <= ln.end {
				s = t[ln.start:sp.Start] + " " + t[sp.End:ln.end]
			}
		}
		if !isBlank(s) {
			return s
		}
	}
	return ""
}

// linesFrom yields the lines of t starting at byte pos, in order.
func linesFrom(t string, pos int) func(func(line) bool) {
	return func(yield func(line) bool) {
		for pos < len(t) {
			end := strings.IndexByte(t[pos:], '\n')
			if end < 0 {
				end = len(t)
			} else {
				end += pos
			}
			if !yield(line{pos, end}) {
				return
			}
			pos = end + 1
		}
	}
}

// linesBackward yields the lines of t[min:] from the last to the first.
func linesBackward(t string, min int) func(func(line) bool) {
	return func(yield func(line) bool) {
		end := len(t)
		for end > min {
			start := strings.LastIndexByte(t[min:end], '\n')
			if start < 0 {
				start = min
			} else {
				start += min + 1
			}
			if !yield(line{start, end}) {
				return
			}
			end = start - 1
		}
	}
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// trimmedSpan returns the span of s without its surrounding white space; s
// starts at byte off of Text.
func trimmedSpan(s string, off int) Span {
	left := len(s) - len(strings.TrimLeftFunc(s, unicode.IsSpace))
	right := len(strings.TrimRightFunc(s, unicode.IsSpace))
	return Span{off + left, off + right}
}

// mergeSpans sorts spans, drops empty or out-of-range ones, and merges the
// overlapping and touching ones.
func mergeSpans(spans []Span, n int) []Span {
	out := spans[:0]
	for _, s := range spans {
		s.Start, s.End = max(s.Start, 0), min(s.End, n)
		if s.Start < s.End {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b Span) int { return a.Start - b.Start })
	merged := out[:0]
	for _, s := range out {
		if k := len(merged) - 1; k >= 0 && s.Start <= merged[k].End {
			merged[k].End = max(merged[k].End, s.End)
			continue
		}
		merged = append(merged, s)
	}
	if len(merged) == 0 {
		return nil
	}
	return slices.Clip(merged)
}

var (
	frontKeyRe = lazyregexp.New(`^([A-Za-z_][A-Za-z0-9_ -]{0,40}):(?:[ \t]+(.*))?$`)
	frontItem  = lazyregexp.New(`^[ \t]+-[ \t]+(.*)$|^-[ \t]+(.*)$`)
)

// frontMatter recognizes a YAML-like block at the very start of t: a line
// "---", lines "key: value" (or "- item" lines continuing a list), and a
// closing "---" or "...". It returns the end of the block, after the newline
// of the closing line, and the values by lower-case key.
func frontMatter(t string) (int, map[string]string, bool) {
	if !strings.HasPrefix(t, "---\n") {
		return 0, nil, false
	}
	kv := make(map[string]string)
	last := ""
	for ln := range linesFrom(t, 4) {
		if ln.end > frontMaxSize {
			return 0, nil, false
		}
		s := strings.TrimRight(t[ln.start:ln.end], " \t")
		switch {
		case s == "---" || s == "...":
			if len(kv) == 0 {
				return 0, nil, false
			}
			return min(ln.end+1, len(t)), kv, true
		case s == "":
		case frontItem.MatchString(s) && last != "":
			m := frontItem.FindStringSubmatch(s)
			item := unquote(m[1] + m[2])
			if kv[last] == "" {
				kv[last] = item
			} else {
				kv[last] += ", " + item
			}
		case frontKeyRe.MatchString(s):
			m := frontKeyRe.FindStringSubmatch(s)
			last = foldKey(m[1])
			if _, dup := kv[last]; !dup {
				kv[last] = unquote(strings.TrimSpace(m[2]))
			}
		default:
			return 0, nil, false
		}
	}
	return 0, nil, false
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		return s[1 : len(s)-1]
	}
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") { // [a, b]
		parts := strings.Split(s[1:len(s)-1], ",")
		for i, p := range parts {
			parts[i] = unquote(strings.TrimSpace(p))
		}
		return strings.Join(parts, ", ")
	}
	return s
}

// applyKeyValues fills the empty fields of a from front matter values.
// It returns the publication value when it fills no time, not being a
// date ParseDate reads ("" otherwise).
func applyKeyValues(a *Article, kv map[string]string, fields *fieldMap, order DateOrder) (unreadDate string) {
	get := func(k string) string { return kv[k] }
	setIfEmpty(&a.ID, fields.pick(fieldID, get))
	setIfEmpty(&a.Title, fields.pick(fieldTitle, get))
	setIfEmpty(&a.Outlet, fields.pick(fieldOutlet, get))
	setIfEmpty(&a.Byline, fields.pick(fieldByline, get))
	setIfEmpty(&a.URL, fields.pick(fieldURL, get))
	if v := fields.pick(fieldPublished, get); a.Published.IsZero() && strings.TrimSpace(v) != "" {
		if d, ok := ParseDateAs(v, order); ok {
			a.Published = d
		} else {
			unreadDate = v
		}
	}
	return unreadDate
}

func setIfEmpty(dst *string, v string) {
	if *dst == "" {
		*dst = cleanField(v)
	}
}

var headingRe = lazyregexp.New(`^[ \t]*(#{1,2}[ \t]+)(\S.*?)[ \t#]*$`)

// markdownHeading recognizes "# Title": the title is content, only the "# "
// marker is furniture.
func markdownHeading(a *Article, s string, off int) (Span, bool) {
	m := headingRe.FindStringSubmatchIndex(s)
	if m == nil {
		return Span{}, false
	}
	setIfEmpty(&a.Title, s[m[4]:m[5]])
	return Span{off + m[2], off + m[3]}, true
}

// slug recognizes "Title/ Outlet/ CITY/ Author/ Edition/ " at the start of
// the first line: at least three short segments each closed by "/ ". The
// first is the title and stays content; the rest, with the slashes, is
// furniture. The second segment is the outlet; of the later ones, one
// naming an edition is the edition, one in capitals the city, and the
// first that looks like a person's name the byline.
func slug(a *Article, s string, off int) (Span, bool) {
	var segs []string
	end := 0
	for {
		i := strings.Index(s[end:], "/ ")
		if i < 0 {
			break
		}
		seg := strings.TrimSpace(s[end : end+i])
		if !slugSegment(seg) {
			break
		}
		segs = append(segs, seg)
		end += i + 2
	}
	if len(segs) < 3 {
		return Span{}, false
	}
	setIfEmpty(&a.Title, segs[0])
	setIfEmpty(&a.Outlet, segs[1])
	byline := false
	for _, seg := range segs[2:] {
		switch edition := strings.Contains(strings.ToLower(seg), "edition"); {
		case edition:
			setIfEmpty(&a.Edition, seg)
		case upperWords(seg):
			setIfEmpty(&a.City, seg)
		case !byline && personName(seg):
			setIfEmpty(&a.Byline, seg)
			byline = true
		}
	}
	titleEnd := strings.Index(s, "/") // the title holds no slash
	return Span{off + len(strings.TrimRight(s[:titleEnd], " \t")), off + end}, true
}

func slugSegment(seg string) bool {
	if seg == "" || len(seg) > 120 || strings.ContainsAny(seg, "/:") {
		return false
	}
	words := strings.Fields(seg)
	if len(words) > 14 {
		return false
	}
	last := words[len(words)-1]
	return !strings.HasSuffix(last, ".") || len(last) <= 3 // "J." or "Jr." but not a sentence end
}

var (
	// A month name or abbreviation, any case.
	monthName = `(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`
	// An ISO date, or month day year, or day month year.
	dateText = `(?:\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?` +
		`|` + monthName + `[ \t]+\d{1,2}(?:st|nd|rd|th)?,?[ \t]+\d{4}` +
		`|\d{1,2}(?:st|nd|rd|th)?[ \t]+` + monthName + `,?[ \t]+\d{4})`
	labelledDate = lazyregexp.New(`^[ \t]*(?i:date|dated|published|posted|updated|last updated)(?:[ \t]+on)?[ \t]*:?[ \t]*(` + dateText + `)(?:[ \t]+|$)`)
	bareISODate  = lazyregexp.New(`^[ \t]*(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)(?:[ \t]+|$)`)
	dateInText   = lazyregexp.New(dateText)
)

// datePrefix recognizes " date 2025-11-18 " (or "Published: Nov 19, 2025 ",
// or a bare ISO date) at the start of the first line; the article may go on
// after it on the same line.
func datePrefix(a *Article, s string, off int, order DateOrder) (Span, bool) {
	for _, re := range []*lazyregexp.Regexp{labelledDate, bareISODate} {
		m := re.FindStringSubmatchIndex(s)
		if m == nil {
			continue
		}
		d, ok := ParseDateAs(s[m[2]:m[3]], order)
		if !ok {
			continue
		}
		if a.Published.IsZero() {
			a.Published = d
		}
		left := len(s) - len(strings.TrimLeft(s, " \t"))
		return Span{off + left, off + m[1]}, true
	}
	return Span{}, false
}

// headline takes a short headline-like first line followed by a blank line
// as the title. The line stays content.
func headline(a *Article, t, s string, end int) {
	if a.Title != "" || end >= len(t) {
		return
	}
	next, _, _ := strings.Cut(t[end+1:], "\n")
	if !isBlank(next) || isBlank(t[end+1:]) {
		return
	}
	s = strings.TrimSpace(s)
	words := strings.Fields(s)
	if len(words) < 2 || len(words) >= 15 || len(s) > 150 {
		return
	}
	// A by-line, a dateline or furniture opening a text is not its
	// headline.
	if _, ok := bylineLine(s); ok || standaloneFurniture(s) {
		return
	}
	if _, ok := dateline(s, MonthFirst); ok {
		return
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !strings.ContainsRune(`"'“‘`, r) {
		return
	}
	if strings.ContainsAny(s[len(s)-1:], ".,;:") || captionRe.MatchString(s) {
		return
	}
	a.Title = cleanField(s)
}

var captionRe = lazyregexp.New(`(?i)\((?:photo|image|picture|video|credit)\b|\b(?:photo|image) ?(?:credit)?:`)

// datelineWords are the words a dateline may hold besides numbers, times
// and dates.
var datelineWords = map[string]bool{
	"updated": true, "update": true, "published": true, "posted": true, "last": true, "modified": true,
	"on": true, "at": true, "date": true, "am": true, "pm": true, "a.m": true, "p.m": true, "a.m.": true, "p.m.": true,
	"-": true, "–": true, "—": true, "|": true, "·": true, "•": true, "/": true,
}

func init() {
	for _, m := range []string{"january", "february", "march", "april", "may", "june", "july", "august",
		"september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
		"sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
		"saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"} {
		datelineWords[m] = true
	}
	for z := range zoneOffsets {
		datelineWords[strings.ToLower(z)] = true
	}
}

var (
	timeTokenRe = lazyregexp.New(`^\d{1,2}[:.]\d{2}(?::\d{2})?(?:am|pm|a\.m\.?|p\.m\.?)?$`)
	numTokenRe  = lazyregexp.New(`^\d{1,4}(?:st|nd|rd|th)?$|^\d{4}-\d{2}-\d{2}(?:t[\d:.z+-]*)?$|^\d{1,2}/\d{1,2}/\d{4}$`)
	updatedRe   = lazyregexp.New(`(?i)\b(?:updated|modified)\b`)
)

// dateline recognizes a line made only of dates, times, weekdays, zones and
// words such as "Updated:", as "13:43, Wed, Nov 19, 2025 Updated: 13:44,
// Wed, Nov 19, 2025". It returns the first date, with its time when given.
func dateline(s string, order DateOrder) (time.Time, bool) {
	// One space for any run of them, no-break spaces included.
	s = strings.Join(strings.Fields(s), " ")
	tokens := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == ' ' || r == ',' || r == '\t' })
	if len(tokens) < 3 || len(tokens) > 24 {
		return time.Time{}, false
	}
	for _, tok := range tokens {
		tok = strings.TrimRight(tok, ":")
		if tok == "" || datelineWords[tok] || datelineWords[strings.TrimSuffix(tok, ".")] ||
			timeTokenRe.MatchString(tok) || numTokenRe.MatchString(tok) {
			continue
		}
		return time.Time{}, false
	}
	first := s
	if loc := updatedRe.FindStringIndex(s); loc != nil && loc[0] > 0 {
		first = s[:loc[0]]
	}
	if d, ok := ParseDateAs(first, order); ok {
		return d, true
	}
	if m := dateInText.FindString(s); m != "" {
		return ParseDateAs(m, order)
	}
	return time.Time{}, false
}

// upperWords reports whether s holds letters and none in lower case.
func upperWords(s string) bool {
	return strings.ToUpper(s) == s && strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// cityDatelineRe matches the dateline that opens a story: a place in
// capitals, maybe with a state or country, maybe an agency in
// parentheses, then a dash or colon ("WASHINGTON —", "SAN JUAN, Puerto
// Rico (AP) --", "MUMBAI:"), maybe with the day after the place ("LONDON,
// Nov 18 (Reuters) -", "ROTTERDAM, Nov. 18, 2025 —", "PARIS, 18 Nov —").
var cityDatelineRe = lazyregexp.New(`^[ \t]*(\p{Lu}[\p{Lu}.'’ -]*\p{Lu}\.?(?:, \p{Lu}[\p{L}.]*(?: \p{Lu}[\p{L}.]*){0,2})?)` +
	`(?:,` + sp + `+(?:` + month + sp + `+\d{1,2}|\d{1,2}` + sp + `+` + month + `)(?:,?` + sp + `+\d{4})?)?` +
	sp + `*(?:\([\p{L} .&-]{1,30}\)` + sp + `*)?(?:—|–|--|` + sp + `-` + sp + `|:` + sp + `)`)

// month is a month's name or abbreviation in a dateline.
const month = `(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?`

// sp is a space in a dateline: a no-break space too, as word processors
// put between a month and its day ("Nov.\u00a018").
const sp = `[ \t\x{a0}\x{202f}]`

// notCities are words in capitals that open a line before a dash or a
// colon without being a place.
var notCities = map[string]bool{
	"BREAKING": true, "BREAKING NEWS": true, "UPDATE": true, "UPDATED": true, "EXCLUSIVE": true, "WATCH": true,
	"LIVE": true, "OPINION": true, "ANALYSIS": true, "EDITORIAL": true, "EDITOR'S NOTE": true, "NOTE": true,
	"CORRECTION": true, "FILE": true, "PHOTO": true, "VIDEO": true, "READ MORE": true, "RELATED": true, "UPDATE 1": true,
}

// datelineCity returns the city of a dateline opening s ("WASHINGTON —
// Michael Steele ..."), as written, or "".
func datelineCity(s string) string {
	m := cityDatelineRe.FindStringSubmatch(s)
	if m == nil || len(m[1]) > 60 || notCities[strings.ToUpper(strings.TrimRight(m[1], "."))] {
		return ""
	}
	return cleanField(m[1])
}

// nameConnectors may stand between the capitalized words of a name.
var nameConnectors = map[string]bool{
	"and": true, "&": true, "de": true, "da": true, "del": true, "della": true, "der": true, "den": true,
	"van": true, "von": true, "la": true, "le": true, "di": true, "du": true, "bin": true, "al": true, "el": true, "y": true,
}

// notNames are capitalized words that start phrases, not names.
var notNames = map[string]bool{
	"the": true, "a": true, "an": true, "this": true, "that": true, "these": true, "then": true, "now": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true,
	"sunday": true, "january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"christmas": true, "easter": true, "noon": true, "midnight": true, "tomorrow": true, "today": true,
	"tonight": true, "yesterday": true, "next": true, "last": true, "early": true, "late": true, "mid": true,
}

// personName reports whether s looks like one or more person names: two to
// eight words, capitalized or initials, joined by connectors such as "and",
// "de" or "van".
func personName(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 8 {
		return false
	}
	caps := 0
	for i, w := range words {
		w = strings.TrimRight(w, ",")
		if nameConnectors[strings.ToLower(w)] && i > 0 && i < len(words)-1 {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) || notNames[strings.ToLower(strings.TrimRight(w, "."))] {
			return false
		}
		for _, c := range w {
			if !unicode.IsLetter(c) && !strings.ContainsRune(".'’-", c) {
				return false
			}
		}
		caps++
	}
	return caps >= 2
}

var bylineRe = lazyregexp.New(`^(?:By|BY|by)[ \t]+(.+)$`)

// bylineLine recognizes "By Jane Doe", "By Jane Doe and John Roe" or "By
// Jane Doe, Reuters". It returns the names.
func bylineLine(s string) (string, bool) {
	s = strings.TrimSpace(s)
	m := bylineRe.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	names, rest := m[1], ""
	if i := strings.IndexAny(names, ",|"); i >= 0 {
		names, rest = names[:i], names[i+1:]
	} else if i := strings.Index(names, " - "); i >= 0 {
		names, rest = names[:i], names[i+3:]
	} else if i := strings.Index(names, " — "); i >= 0 {
		names, rest = names[:i], names[i+len(" — "):]
	}
	if len(strings.Fields(rest)) > 6 {
		return "", false
	}
	if last := strings.Fields(s); strings.HasSuffix(s, ".") && len(last[len(last)-1]) > 3 {
		return "", false // a sentence, not a byline
	}
	names = strings.TrimSpace(names)
	if !personName(names) {
		return "", false
	}
	return cleanField(names), true
}

// truncatedRe matches a news API's mark at the end of a text it cut short,
// with the ellipsis before it.
var truncatedRe = lazyregexp.New(`(?:…|\.\.\.)?[ \t]*\[\+\d+ chars\][ \t\r\n]*$`)

// standaloneRe matches lines that are furniture wherever they stand.
var standaloneRe = lazyregexp.New(`(?i)^(?:advertisement|advert|sponsored content|` +
	`story continues below(?: this)? advertisement|continue reading(?: the main story| below)?|` +
	`scroll to continue(?: with content)?|` +
	`(?:view|read|open) (?:this|it|the) (?:e-?mail |newsletter |message )?(?:in|on) (?:your|a|the) (?:web )?browser\.?|` +
	`(?:having trouble viewing this e-?mail|e-?mail not displaying correctly|can't see (?:this|the) e-?mail)\?.*|` +
	`forward (?:this e-?mail )?to a friend\.?|` +
	`(?:read more|related|also read|read also|see also|more on this story)[ \t]*:(?:[ \t]*|[ \t]*(?-i:[\p{Lu}\d"'“‘]).*))$`)

func standaloneFurniture(s string) bool {
	return len(strings.Fields(s)) <= 30 && standaloneRe.MatchString(s)
}

// trailingRule is a furniture pattern for the end of an article with the
// most words a matching line may have.
type trailingRule struct {
	re       *lazyregexp.Regexp
	maxWords int
}

var trailingRules = []trailingRule{
	{lazyregexp.New(`(?i)^you must (?:be )?(?:register|log ?in|logged in|sign ?in|signed in|subscribe)\b.*\b(?:comment|post|reply|read|view|access|continue)`), 20},
	{lazyregexp.New(`(?i)^(?:sign up|register|subscribe)\b.*\b(?:newsletters?|e-?mails?|alerts|updates|briefing|digest|notifications)\b`), 20},
	{lazyregexp.New(`(?i)^subscribe (?:to|for|now|today)\b.*\b(?:our|channel|podcast|premium|free)\b`), 20},
	{lazyregexp.New(`(?i)^share (?:this|the) (?:article|story|post|page|video)(?:[ \t]+(?:on|via|with)\b.*)?:?$|^share (?:on|via) \S+$|^share:?$`), 12},
	{lazyregexp.New(`(?i)^follow us\b.*\b(?:twitter|x|facebook|instagram|tiktok|youtube|linkedin|telegram|threads|bluesky|whatsapp|mastodon|google news|social media)\b|^follow us(?: on)?:?$`), 15},
	{lazyregexp.New(`(?i)\ball rights reserved\.?$`), 12},
	{lazyregexp.New(`(?i)^this material may not be (?:published|broadcast|rewritten|redistributed)(?:,? (?:or |and )?(?:published|broadcast|rewritten|redistributed|distributed))+\b`), 15},
	{lazyregexp.New(`(?i)^(?:copyright[ \t]*(?:©|\(c\)|\d{4})|©|\(c\)[ \t]*\d{4})`), 25},
	{lazyregexp.New(`(?i)^click here (?:to|for)\b`), 25},
	{lazyregexp.New(`(?i)^(?:tags?|topics|filed under)[ \t]*:`), 30},
	{lazyregexp.New(`(?i)^(?:read more|related(?: articles| stories| coverage| content| news)?|recommended(?: for you)?|more stories|you may also like|most read|most popular|trending(?: now)?)$`), 5},
	{lazyregexp.New(`(?i)^(?:\d+ )?comments?(?: \(\d+\))?:?$|^(?:leave|post|add|view|show|read|see|load) (?:a |all |the |more )?(?:\d+ )?comments?\b|^comments are (?:closed|disabled)\b|^(?:join|start) the (?:discussion|conversation)\b`), 8},
	{lazyregexp.New(`(?i)^(?:facebook|twitter|whatsapp|linkedin|reddit|pinterest|telegram|flipboard|messenger|e-?mail|print|tweet|copy link)$`), 2},
	{lazyregexp.New(`(?i)^(?:advertisement|advert|sponsored)$`), 1},
	// The footers of newsletters and press mailings.
	{lazyregexp.New(`(?i)^unsubscribe\b|\|[ \t]*unsubscribe\b|^(?:update|manage|change) (?:your )?(?:e-?mail )?(?:preferences|subscription|settings)\b`), 15},
	{lazyregexp.New(`(?i)^you (?:are receiving|received|got|have received) this (?:e-?mail|message|newsletter|mailing)\b|^this (?:e-?mail|message|newsletter) was sent to\b|^our mailing address is:?|^want to change how you receive these e-?mails\?`), 30},
}

func trailingFurniture(s string) bool {
	if standaloneFurniture(s) {
		return true
	}
	words := len(strings.Fields(s))
	for _, r := range trailingRules {
		if words <= r.maxWords && r.re.MatchString(s) {
			return true
		}
	}
	return false
}

// knownOutlets maps news domains to outlet names.
var knownOutlets = map[string]string{
	"abcnews.go.com": "ABC News", "aljazeera.com": "Al Jazeera", "apnews.com": "AP", "axios.com": "Axios",
	"bbc.co.uk": "BBC", "bbc.com": "BBC", "bloomberg.com": "Bloomberg", "breitbart.com": "Breitbart",
	"businessinsider.com": "Business Insider", "cbsnews.com": "CBS News", "cnbc.com": "CNBC", "cnn.com": "CNN",
	"dailymail.co.uk": "Daily Mail", "express.co.uk": "Daily Express", "foxnews.com": "Fox News",
	"ft.com": "Financial Times", "huffingtonpost.com": "HuffPost", "huffpost.com": "HuffPost",
	"independent.co.uk": "The Independent", "kyivindependent.com": "The Kyiv Independent",
	"latimes.com": "Los Angeles Times", "msnbc.com": "MSNBC", "nbcnews.com": "NBC News",
	"newslooks.com": "Newslooks", "newsmax.com": "Newsmax", "newsweek.com": "Newsweek", "npr.org": "NPR",
	"nypost.com": "New York Post", "nytimes.com": "The New York Times", "politico.com": "Politico",
	"politico.eu": "Politico Europe", "pravda.com.ua": "Ukrainska Pravda", "reuters.com": "Reuters",
	"rt.com": "RT", "skynews.com": "Sky News", "news.sky.com": "Sky News", "tass.com": "TASS",
	"telegraph.co.uk": "The Telegraph", "theatlantic.com": "The Atlantic", "theguardian.com": "The Guardian",
	"thehill.com": "The Hill", "thetimes.co.uk": "The Times", "time.com": "Time", "usatoday.com": "USA Today",
	"washingtonexaminer.com": "Washington Examiner", "washingtonpost.com": "The Washington Post",
	"washingtontimes.com": "The Washington Times", "wsj.com": "The Wall Street Journal", "yahoo.com": "Yahoo News",
	"ukrinform.net": "Ukrinform", "euronews.com": "Euronews", "dw.com": "DW", "france24.com": "France 24",
}

// OutletFromURL returns the outlet name for a URL on a known news domain
// (or one of its subdomains), or "".
func OutletFromURL(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || p.Host == "" {
		p, err = url.Parse("http://" + strings.TrimSpace(u))
		if err != nil {
			return ""
		}
	}
	host := strings.ToLower(p.Hostname())
	for host != "" {
		if o, ok := knownOutlets[host]; ok {
			return o
		}
		_, rest, ok := strings.Cut(host, ".")
		if !ok {
			break
		}
		host = rest
	}
	return ""
}

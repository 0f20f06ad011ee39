package lineage

import (
	"fmt"
	"github.com/wirediff/wirediff/editorial"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/wirediff/wirediff/layout"
	"github.com/wirediff/wirediff/outlet"
	"github.com/wirediff/wirediff/similarity"
)

// Credit is an attribution of reporting to a named outlet or report in a
// member's text: "the New York Times reports", "told Reuters", "according
// to Axios".
type Credit struct {
	// Name is the credited name as written ("the New York Times").
	Name string `json:"name"`
	// Outlet is the outlet key the name resolves to in the alias table
	// (outlet/aliases.tsv, package outlet), or, when it names no outlet
	// there, the name lower-cased without a leading "the" and the weekdays
	// and months it runs on into (or the outlet field of the member it
	// names).
	Outlet string `json:"outlet"`
	// Member is the ID of the group member the credit names (its outlet
	// field or URL domain is that outlet), "" when no member is.
	Member string `json:"member,omitempty"`
	// Text is the first sentence holding the credit, Start and End its
	// byte range in the crediting member's text.
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	// Sentences counts the member's sentences that credit this outlet.
	Sentences int `json:"sentences"`
}

// outletTable resolves credited names and members' outlet fields and URL
// domains to outlet keys by the shipped table of package outlet.
type outletTable struct{ *outlet.Table }

// outlets returns the shipped outlet table.
func outlets() (outletTable, error) {
	t, err := outlet.Shipped()
	if err != nil {
		return outletTable{}, fmt.Errorf("lineage: %w", err)
	}
	return outletTable{t}, nil
}

// resolve returns the outlet key of a credited name: the longest run of
// its words from the first that the table knows ("Axios Tuesday" is
// Axios), and whether one was found; else the name normalized, without
// the weekdays and months it runs on into ("the Riverton Herald Tuesday"
// is "riverton herald"), so that two outlets the table does not know are
// two credits ("New Jersey Globe", "New York magazine").
func (t outletTable) resolve(name string) (string, bool) {
	if k, ok := t.Leading(name); ok {
		return k, true
	}
	return unknownKey(name), false
}

// needsArticle reports whether name, resolved to key, is one word without
// the article of the outlet's first-listed name ("Hill" for The Hill, "Guardian"
// for The Guardian): as the subject of "said" or the object of "told", such a
// word is a person's name; the outlet is written with its article.
func (t outletTable) needsArticle(name, key string) bool {
	return len(strings.Fields(name)) == 1 && strings.HasPrefix(t.Name(key), "The ")
}

// unknownKey is the key of a credited name the table does not hold: the
// name normalized, without the weekdays and months it runs on into.
func unknownKey(name string) string {
	words := strings.Fields(outlet.Normalize(name))
	for len(words) > 1 && commonCapitalized[strings.Trim(words[len(words)-1], ".,;:'’-")] {
		words = words[:len(words)-1]
	}
	return strings.Join(words, " ")
}

// runsOn reports whether a credited name that resolve found under key by
// one of the outlet's other names ("the Times", "the Post") runs on into
// a longer name (in the name itself or with "and" and a capitalized word
// in after, the text after it), which names another outlet: "the Times
// Union", "the Post and Courier". It returns the longer name, which
// resolve does not find in the table. A name that starts with the
// outlet's first-listed name ("Reuters Jeff Mason", "the New York Times
// Co"), whose words naming the outlet are possessive ("NBC's Today show",
// "the Times' Maggie Haberman"), or that runs on into weekdays and months
// alone, does not run on.
func (t outletTable) runsOn(name, key, after string) (string, bool) {
	run := t.nameOf(name, key)
	if outlet.Normalize(run) == outlet.Normalize(t.Name(key)) || possessive(run) || strings.HasSuffix(run, "'") || strings.HasSuffix(run, "’") {
		return "", false
	}
	rest := strings.Fields(strings.TrimPrefix(name, run))
	for len(rest) > 0 && commonCapitalized[strings.ToLower(strings.Trim(rest[len(rest)-1], ".,;:'’-"))] {
		rest = rest[:len(rest)-1]
	}
	if len(rest) > 0 {
		return name, true
	}
	if w, ok := strings.CutPrefix(after, " and "); ok {
		w, _, _ = strings.Cut(w, " ")
		w = strings.TrimRight(w, ".,;:")
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) && !commonCapitalized[strings.ToLower(w)] {
			if _, known := t.Key(w); !known {
				return name + " and " + w, true
			}
		}
	}
	return "", false
}

// wholeName returns a credited name with the words after it, in after,
// that the name pattern cuts at "of", "for", "and" or "&" but that make it
// one of the table's names ("the Times of India", "the Globe and Mail"),
// and how many bytes of after they take; 0 when they make none.
func (t outletTable) wholeName(name, after string) (string, int) {
	m := nameGoesOnRe.FindStringSubmatchIndex(after)
	if m == nil {
		return "", 0
	}
	words := strings.Fields(after[:m[1]])
	for n := len(words); n >= 2; n-- {
		longer := name + " " + strings.Join(words[:n], " ")
		if _, ok := t.Key(longer); ok {
			return longer, len(" " + strings.Join(words[:n], " "))
		}
	}
	return "", 0
}

// wholeNameBefore returns a credited name with the words before it, the
// end of before, that the name pattern cuts at "of", "for", "and" or "&"
// but that make it one of the table's names ("the Globe and Mail
// reported" is no credit of the Mail), and whether they make one.
func (t outletTable) wholeNameBefore(before, name string) (string, bool) {
	m := nameBeforeRe.FindStringSubmatch(before)
	if m == nil {
		return "", false
	}
	words := strings.Fields(m[1])
	for i := range words {
		longer := strings.Join(words[i:], " ") + " " + m[2] + " " + name
		if _, ok := t.Key(longer); ok {
			return longer, true
		}
	}
	return "", false
}

// nameBeforeRe is the start of a longer name that may stand before a
// credited name: capitalized words and "of", "for", "and" or "&".
var nameBeforeRe = regexp.MustCompile(`(?:^|[^\w'’-])((?:[Tt]he )?[A-Z][\w'’.-]*(?: [A-Z][\w'’-]*){0,2}) (of|for|and|&) (?:the )?$`)

// extendLeft returns name with the words before it, the end of before,
// that make it the end of a longer name: capitalized words joined to it
// by "of", "for", "and" or "&", over up to three joins.
func extendLeft(before, name string) string {
	for range 3 {
		m := nameBeforeRe.FindStringSubmatchIndex(before)
		if m == nil {
			break
		}
		name = strings.TrimSpace(before[m[2]:]) + " " + name
		before = before[:m[2]]
	}
	return name
}

// nameGoesOnRe is what may follow a credited name as the rest of a longer
// one: "of", "for", "and" or "&" and up to three capitalized words.
var nameGoesOnRe = regexp.MustCompile(`^ (?:of|for|and|&) (?:the )?[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2}`)

// nameOf returns the words of a credited name that name outlet key, the
// longest run from the first ("Reuters" of "Reuters Jeff Mason", "the New
// York Times" of "the New York Times Co" as a whole), for a name that
// [outletTable.resolve] found in the table.
func (t outletTable) nameOf(name, key string) string {
	words := strings.Fields(name)
	for n := len(words); n > 0; n-- {
		if k, ok := t.Key(strings.Join(words[:n], " ")); ok && k == key {
			return strings.Join(words[:n], " ")
		}
	}
	return name
}

// memberOutlets returns the outlet keys a member is known by: the table's
// key for its outlet field and for its URL's domain, and its outlet field
// normalized.
func (t outletTable) memberOutlets(name, rawURL string) []string {
	var out []string
	if o := outlet.Normalize(name); o != "" {
		out = append(out, o)
		if k, ok := t.Field(name); ok {
			out = append(out, k)
		}
	}
	if u, err := url.Parse(rawURL); err == nil && u.Host != "" {
		if k, ok := t.Domain(u.Hostname()); ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// creditPatterns find the name a sentence credits. A name is one to four
// capitalized words, after an optional article. Each pattern has literals
// of which any match contains one, so that the sentences without them are
// not searched; outletOnly patterns ("X said", "told X") count only when
// the name is an outlet of the alias table or a member's outlet, as people
// say things, and are told them, too; so do possessive names in any
// pattern ("Hutchinson's report").
var creditPatterns = sync.OnceValue(func() []creditPattern {
	const name = creditName
	var out []creditPattern
	for _, p := range []struct {
		literals   []string
		re         string
		outletOnly bool
	}{
		{[]string{"ccording to "}, `[Aa]ccording to (?:an? |the )?` + name, false},
		{[]string{"eported by "}, `[Rr]eported by (?:an? |the )?` + name, false},
		{[]string{"told "}, `\btold (?:the )?` + name, true},
		{[]string{" report"}, `\b` + name + ` (?:first |has |had |previously |also )?(?:reported|reports|report)\b`, false},
		{[]string{"interview with "}, `interview with (?:the )?` + name, true},
		{[]string{"citing "}, `\bciting (?:the )?` + name, true},
		{[]string{" said", " says", " wrote", " writes"}, `\b` + name + ` (?:said|says|wrote|writes)\b`, true},
		// Sign-offs (see layout.PageFurniture).
		{[]string{"published", "appeared", "posted"}, `\b(?:originally|first) (?:published|appeared|ran|posted) (?:by|in|on|at) (?:the )?` + name, false},
		{[]string{"republished", "reprinted", "reposted"}, `\b(?:republished|reprinted|reposted) (?:with permission )?(?:from|by) (?:the )?` + name, false},
		{[]string{"eporting by "}, `^\(?[Rr]eporting by (?:the )?` + name, true},
		{[]string{" contributed"}, `^` + name + `(?: (?:writers?|reporters?|correspondents?|staff(?: writers?)?|photographers?)\b[^.]*)? contributed\b`, true},
	} {
		out = append(out, creditPattern{p.literals, regexp.MustCompile(p.re), p.outletOnly, strings.HasSuffix(p.re, name)})
	}
	return out
})

// creditName is a credited name: one to four capitalized words (joined
// by "&" too), after an optional article.
const creditName = `((?:[Tt]he )?(?:[A-Z][\w&.'’-]*)(?: (?:& )?[A-Z][\w&'’-]*){0,3})`

// creditListRe is the next name of a list a credit's name starts ("told
// CNN and Fox News", "according to Reuters and the Associated Press").
var creditListRe = regexp.MustCompile(`^,? (?:and|&) (?:the )?` + creditName)

// creditBeforeRe is a name joined by "and" to the credited name that
// follows it, at the end of the text before that name ("CNN and Fox News
// reported").
var creditBeforeRe = regexp.MustCompile(`(?:^|[^\w'’-])` + creditName + `,? (?:and|&) $`)

type creditPattern struct {
	literals   []string
	re         *regexp.Regexp
	outletOnly bool
	// list is set when the name ends the pattern, so that names joined
	// to it by "and" are credits too (outlets of the table or of a
	// member only: "according to Reuters and Moscow's envoy").
	list bool
}

// findCredits returns the credits of document d, one per outlet, in the
// order of their first sentence. Names that are sentence starters, pronouns or
// titles ("He told", "The report", "President") are skipped.
func (g *group) findCredits(d int, t outletTable) []Credit {
	doc := g.docs[d]
	var out []Credit
	at := map[string]int{} // outlet key → index in out
	for _, s := range creditSpans(doc) {
		text := doc.art.Text[s.start:s.end]
		seen := map[string]bool{}
		for _, p := range creditPatterns() {
			if !slices.ContainsFunc(p.literals, func(l string) bool { return strings.Contains(text, l) }) {
				continue
			}
			for _, m := range p.re.FindAllStringSubmatchIndex(text, -1) {
				// A name, and for a pattern whose name ends it each
				// one joined to it ("according to Reuters and the
				// Associated Press").
				q := p
				for start, end := m[2], m[3]; ; {
					end = g.credit(d, t, q, text, start, end, s, seen, at, &out)
					if end >= 0 && !q.list {
						// A name before it the verb is said of too
						// ("Reuters and the AP reported").
						if prev := creditBeforeRe.FindStringSubmatchIndex(text[:start]); prev != nil {
							q.outletOnly = true
							g.credit(d, t, q, text, prev[2], prev[3], s, seen, at, &out)
						}
					}
					if !q.list || end < 0 {
						break
					}
					next := creditListRe.FindStringSubmatchIndex(text[end:])
					if next == nil {
						break
					}
					start, end = end+next[2], end+next[3]
					q.outletOnly = true
				}
			}
		}
	}
	return out
}

// credit reads the name at text[start:end], a match of pattern p in
// sentence (or sign-off) s of document d, and adds its credit to out,
// unless it credits no outlet or one s already credits (seen; at indexes
// out by outlet key). It returns where the name ends (past "and" and the
// word it runs on into), or -1 when it is no name: a list goes on after
// the end only.
func (g *group) credit(d int, t outletTable, p creditPattern, text string, start, end int, s span, seen map[string]bool, at map[string]int, out *[]Credit) int {
	name := dropLeadIn(strings.TrimSpace(text[start:end]))
	first := normalizeName(name)
	if first == "" || commonCapitalized[first] && !(dayOrMonth[first] && weekdayTitle(name, text[:start])) {
		return -1
	}
	if whole, ok := t.wholeNameBefore(text[:start], name); ok {
		name = whole
	} else if whole, n := t.wholeName(name, text[end:]); n > 0 {
		name, end = whole, end+n
	} else if longerName(text[end:]) {
		return -1
	}
	key, known := t.resolve(name)
	if known && p.outletOnly && t.needsArticle(name, key) && !strings.HasSuffix(strings.ToLower(text[:start]), "the ") {
		return -1 // "Hill said": a person, not The Hill
	}
	if known {
		if longer, ok := t.runsOn(name, key, text[end:]); ok {
			end += len(longer) - len(name)
			name, key, known = longer, unknownKey(longer), false
		}
	}
	if !known {
		key = g.memberNamed(name, key)
	}
	member := g.outletMember(key, d)
	if !known && member == "" {
		// The end of a longer name the table does not know either ("the
		// Times of Israel reports", "the Bureau of Labor Statistics
		// reported"): that name is credited.
		if longer := extendLeft(text[:start], name); longer != name {
			name = longer
			key = g.memberNamed(name, unknownKey(name))
			member = g.outletMember(key, d)
		}
	}
	if !known && member == "" && (p.outletOnly || possessive(name) || modifier(text[end:]) || p.list && qualifies(text[end:]) ||
		titled(name) || g.personNamed(d, name, t) || commonWord(name)) {
		return end
	}
	if seen[key] {
		return end
	}
	seen[key] = true
	if i, ok := at[key]; ok {
		(*out)[i].Sentences++
		return end
	}
	if known {
		name = t.nameOf(name, key)
	}
	name = strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(name, "'s"), "’s"), ".,;:'’")
	at[key] = len(*out)
	*out = append(*out, Credit{Name: name, Outlet: key, Member: member, Text: text, Start: s.start, End: s.end, Sentences: 1})
	return end
}

// commonWord reports whether a credited name the table does not know is
// one of the commonest English words (SCOWL's smallest list,
// editorial.Common), capitalized only because it opens its sentence:
// "Various reports said", "Previous reports", "Customers had reported",
// "according to Brown". An outlet of one such word ("Time", "Fortune")
// is in the table.
func commonWord(name string) bool {
	words := strings.Fields(strings.TrimPrefix(strings.ToLower(name), "the "))
	if len(words) != 1 {
		return false
	}
	w := strings.Trim(words[0], ".,;:'’-")
	// The list holds words as the dictionary does: a plural by its
	// singular.
	return editorial.Common(w) || strings.HasSuffix(w, "s") && editorial.Common(w[:len(w)-1])
}

// dropLeadIn returns a credited name without the words before it that
// open its sentence and are no name, which the name pattern takes for the
// name's when they are capitalized: "On Tuesday Axios" is Axios, "Last
// Sunday Reuters" Reuters. A lead-in is a stop word or an adverb of time,
// with the weekday or month that goes with it; a weekday or month that
// opens the name alone stays ("the Sunday Times").
func dropLeadIn(name string) string {
	words := strings.Fields(name)
	i := 0
	for i < len(words)-1 {
		w := strings.ToLower(strings.Trim(words[i], ",;:"))
		if w == "the" || w == "a" || w == "an" || !similarity.IsStopword(w) && !leadInWords[w] {
			break // an article opens a noun phrase: "A State Department report"
		}
		i++
	}
	if i == 0 {
		return name
	}
	for i < len(words)-1 && commonCapitalized[strings.ToLower(strings.Trim(words[i], ",;:"))] {
		i++
	}
	return strings.Join(words[i:], " ")
}

// weekdayTitle reports whether a name that opens with a weekday or month
// after "the" (in the name or in before, the text before it) goes on with
// more words: a paper's title ("the Sunday Times"), not a time ("the
// February report" is cut to "the February").
func weekdayTitle(name, before string) bool {
	words := strings.Fields(name)
	if len(words) > 0 && strings.EqualFold(words[0], "the") {
		words = words[1:]
	} else if !strings.HasSuffix(before, "the ") && !strings.HasSuffix(before, "The ") {
		return false
	}
	return len(words) > 1 && !commonCapitalized[strings.ToLower(words[1])]
}

// dayOrMonth are the names of the weekdays and months.
var dayOrMonth = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true, "august": true,
	"september": true, "october": true, "november": true, "december": true,
}

// leadInWords are the adverbs of time a sentence opens with before a
// credited name ("Last Sunday Reuters reported"), besides the stop words.
var leadInWords = map[string]bool{
	"last": true, "earlier": true, "later": true, "early": true, "late": true, "also": true, "meanwhile": true,
	"separately": true, "yesterday": true, "today": true, "tonight": true, "now": true, "previously": true,
	"then": true, "next": true, "since": true,
}

// modifier reports whether a credited name qualifies what follows it, in
// after (the text after it), rather than names what is credited: a body
// of people ("according to Russian officials", "White House aides"),
// which is no outlet. (The first words of a longer name are no credit
// either, known or not: see longerName.)
func modifier(after string) bool {
	rest, ok := strings.CutPrefix(after, " ")
	if !ok {
		return false
	}
	w, _, _ := strings.Cut(rest, " ")
	return creditedPeople[strings.TrimRight(w, ".,;:")]
}

// qualifies reports whether the word after a name a pattern ends with
// ("according to X") is a lower-case word other than a function word:
// the name qualifies it, and what is credited is a body, a document or a
// person the name does not name ("according to a Texas prison spokesman",
// "the Turkmen constitution", "New Zealand media reports", "the Bristol
// district attorney"). For names the alias table does not hold: "the
// Reuters news agency" is Reuters.
func qualifies(after string) bool {
	rest, ok := strings.CutPrefix(after, " ")
	if !ok {
		return false
	}
	w, _, _ := strings.Cut(rest, " ")
	w = strings.TrimRight(w, ".,;:!?")
	if w == "" {
		return false
	}
	for _, r := range w {
		if !unicode.IsLower(r) && r != '-' {
			return false
		}
	}
	return !similarity.IsStopword(w) && !reportNouns[w]
}

// reportNouns are the words after a credited name that say what of it is
// credited, a report or the outlet itself, rather than qualify another
// body: "according to the Vanity Fair article", "an NYPD release",
// "Crowley's Web site", "the Amaq media agency", "TMZ. com".
var reportNouns = map[string]bool{
	"article": true, "articles": true, "report": true, "reports": true, "reporting": true, "story": true,
	"stories": true, "piece": true, "interview": true, "statement": true, "release": true, "analysis": true,
	"estimate": true, "estimates": true, "poll": true, "polls": true, "polling": true, "survey": true,
	"editorial": true, "column": true, "broadcast": true, "site": true, "website": true, "web": true,
	"post": true, "blog": true, "podcast": true, "documentary": true, "investigation": true, "study": true,
	"media": true, "news": true, "com": true, "org": true, "net": true, "co": true, "tv": true,
}

// titled reports whether a credited name holds a title or office, making
// it a person's or an office's ("Fire Chief James Steele", "OSP Lt. Gregg
// Hastings", "West Coast Bank Chief Executive Robert Sznewajs").
func titled(name string) bool {
	for _, w := range strings.Fields(name) {
		w = strings.ToLower(strings.TrimRight(w, ".,;:'’"))
		if personTitles[w] {
			return true
		}
	}
	return false
}

// personTitles are titles and offices that precede a person's name.
var personTitles = map[string]bool{
	"chief": true, "lt": true, "lieutenant": true, "sgt": true, "sergeant": true, "capt": true, "captain": true,
	"cmdr": true, "commander": true, "col": true, "colonel": true, "gen": true, "general": true, "det": true,
	"detective": true, "sheriff": true, "deputy": true, "director": true, "commissioner": true,
	"superintendent": true, "secretary": true, "governor": true, "gov": true, "mayor": true, "senator": true,
	"sen": true, "rep": true, "judge": true, "attorney": true, "chairman": true, "chairwoman": true, "ceo": true, "trooper": true,
}

// longerName reports whether a credited name is the start of a longer one
// that goes on, in after (the text after it), with "of" or "for" and a
// capitalized word ("the Centers for Disease Control", "the Times of
// India"), which the name pattern cuts: the words matched name another
// body than the table's outlet of that name.
func longerName(after string) bool {
	rest, ok := strings.CutPrefix(after, " ")
	if !ok {
		return false
	}
	w, rest, _ := strings.Cut(rest, " ")
	if w != "of" && w != "for" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsUpper(r)
}

// creditedPeople are nouns of the people a report is attributed to when
// they are no outlet ("according to Pentagon officials").
var creditedPeople = map[string]bool{
	"official": true, "officials": true, "source": true, "sources": true, "authorities": true, "police": true,
	"officer": true, "officers": true, "diplomat": true, "diplomats": true, "lawmaker": true, "lawmakers": true,
	"analyst": true, "analysts": true, "expert": true, "experts": true, "aide": true, "aides": true,
	"staff": true, "staffers": true, "spokesman": true, "spokeswoman": true, "spokesperson": true,
	"spokespeople": true, "representative": true, "representatives": true, "leader": true, "leaders": true,
	"prosecutor": true, "prosecutors": true, "investigator": true, "investigators": true, "agent": true,
	"agents": true, "lawyer": true, "lawyers": true, "attorney": true, "attorneys": true, "resident": true,
	"residents": true, "witness": true, "witnesses": true, "people": true, "member": true, "members": true,
	"ally": true, "allies": true, "critic": true, "critics": true, "supporter": true, "supporters": true,
	"adviser": true, "advisers": true, "advisor": true, "advisors": true, "negotiator": true,
	"negotiators": true, "minister": true, "ministers": true, "insider": true, "insiders": true,
	"employee": true, "employees": true, "executive": true, "executives": true, "researcher": true,
	"researchers": true, "scientist": true, "scientists": true, "forces": true, "troops": true,
}

// personNamed reports whether a credited name of one word is a person's
// surname in member d's text: it follows another capitalized word there
// that is not the start of a sentence, as "Dmitriev" in "envoy Kirill
// Dmitriev", and the two words name no outlet ("Washington Post").
func (g *group) personNamed(d int, name string, t outletTable) bool {
	name = strings.TrimPrefix(strings.TrimPrefix(name, "the "), "The ")
	if strings.Contains(name, " ") {
		return false
	}
	text := g.docs[d].art.Text
	for at := 0; ; {
		i := strings.Index(text[at:], " "+name)
		if i < 0 {
			return false
		}
		i += at
		at = i + 1
		if end := i + 1 + len(name); end < len(text) {
			if r, _ := utf8.DecodeRuneInString(text[end:]); unicode.IsLetter(r) || unicode.IsDigit(r) {
				continue // a longer word
			}
		}
		// The word before: capitalized, not after a sentence's end.
		j := strings.LastIndexAny(text[:i], " \n\t") + 1
		prev := text[j:i]
		r, _ := utf8.DecodeRuneInString(prev)
		if !unicode.IsUpper(r) || strings.ContainsAny(prev, ".!?:;,\"“”") || commonCapitalized[normalizeName(prev)] {
			continue
		}
		if j == 0 || j > 1 && strings.ContainsAny(text[j-2:j-1], ".!?") {
			continue // prev starts the text or a sentence
		}
		if _, ok := t.Key(prev + " " + name); ok {
			continue
		}
		return true
	}
}

// possessive reports whether a credited name is a possessive
// ("Hutchinson's report"): it credits an outlet of the alias table or of
// a member ("NBC's report"), as a person's report is no outlet's.
func possessive(name string) bool {
	return strings.HasSuffix(name, "'s") || strings.HasSuffix(name, "’s")
}

// creditSpans returns the spans findCredits reads of doc, in order: its
// sentences and its sign-offs, which are furniture left out of the
// comparison ("This story was originally published by Reuters.").
func creditSpans(doc *document) []span {
	out := make([]span, 0, len(doc.sents))
	for _, s := range doc.sents {
		out = append(out, span{s.start, s.end})
	}
	for _, f := range doc.furniture {
		if f.kind == layout.Signoff {
			out = append(out, f.span)
		}
	}
	slices.SortFunc(out, func(a, b span) int { return a.start - b.start })
	return out
}

// memberNamed returns the outlet key of a member whose outlet field is
// the credited name, or its first words ("Metro Wire Daily" in "the
// Metro Wire Daily Tuesday"), the longest such; else key. It matches a
// credit to an outlet the alias table does not know.
func (g *group) memberNamed(name, key string) string {
	words := outlet.Normalize(name)
	best := ""
	for _, doc := range g.docs {
		o := outlet.Normalize(doc.art.Outlet)
		if o != "" && len(o) > len(best) && (words == o || strings.HasPrefix(words, o+" ")) {
			best = o
		}
	}
	if best == "" {
		return key
	}
	return best
}

// outletMember returns the ID of the one member other than d known by
// outlet key, or "" when none or several are.
func (g *group) outletMember(key string, d int) string {
	found := ""
	for o, doc := range g.docs {
		if o == d || !slices.Contains(doc.outlets, key) {
			continue
		}
		if found != "" {
			return ""
		}
		found = doc.art.ID
	}
	return found
}

// commonCapitalized are capitalized words that start sentences or refer to
// people and offices rather than name a report.
var commonCapitalized = map[string]bool{
	"a": true, "an": true, "the": true, "he": true, "she": true, "they": true, "it": true,
	"we": true, "i": true, "his": true, "her": true, "their": true, "its": true, "this": true,
	"that": true, "mr": true, "ms": true, "mrs": true, "dr": true, "president": true,
	"officials": true, "one": true, "us": true, "u.s": true, "uk": true, "u.k": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"january": true, "february": true, "march": true, "april": true, "june": true, "july": true, "august": true,
	"september": true, "october": true, "november": true, "december": true,
}

// normalizeName returns the lower-cased first word of a name after a
// leading "the" ("the CBC" is "cbc", not "the"), without
// trailing punctuation or a possessive.
func normalizeName(s string) string {
	s = strings.TrimPrefix(strings.ToLower(strings.TrimSpace(s)), "the ")
	if i := strings.IndexByte(s, ' '); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, "’s"), "'s")
	return strings.Trim(s, ".,;:'’-")
}

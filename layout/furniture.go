package layout

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/internal/lazyregexp"
)

// Kind is a kind of page furniture.
type Kind int

// The kinds of page furniture.
const (
	Caption    Kind = iota + 1 // a photo caption or credit
	Heading                    // a headline or subhead
	Bullet                     // a bullet summary
	Standfirst                 // the text before the article's date or byline
	Byline                     // a byline or dateline
	Prompt                     // a share, follow or comment prompt
	Signoff                    // a sign-off or note
)

// String says what furniture of kind k is, with the test that finds it.
func (k Kind) String() string {
	switch k {
	case Caption:
		return "a photo caption or credit"
	case Heading:
		return "a headline or subhead (a short title-case line without final punctuation)"
	case Bullet:
		return "a bullet summary (a list under a heading, not introduced by a sentence)"
	case Standfirst:
		return "a standfirst (text before the article's date or byline)"
	case Byline:
		return "a byline or dateline"
	case Prompt:
		return "a share, follow or comment prompt"
	case Signoff:
		return "a sign-off or note (who contributed, where the story first appeared, a correction or update, a tip line, rights or funding)"
	}
	return "page furniture"
}

// Furniture is a line of an article's text, [Start, End) in bytes, that
// is page furniture of a kind.
type Furniture struct {
	Start, End int
	Kind       Kind
}

// Furniture patterns. A caption ends in a parenthesized photo credit
// ("Vladimir Putin and Donald Trump (Photo: ERA)", "(Image: Getty)") or is
// a credit line of its own ("Photo: AP", "Getty Images").
var (
	captionEnd   = lazyregexp.New(`(?i)\((?:photo|image|picture|pictured|credit|photograph|video|illustration)s?(?: credit)?\s*[:/]?[^()]{0,80}\)\s*$`)
	creditLabel  = lazyregexp.New(`(?i)^(?:photo|image|picture|credit|photograph)s?(?: credit)?\s*:\s*\S`)
	agencyLine   = lazyregexp.New(`(?i)^(?:[A-Z][\w.]*\s){0,3}(?:getty images|reuters|afp|ap photo|shutterstock|epa(?:-efe)?)\s*$`)
	bylineLine   = lazyregexp.New(`^(?:By|BY|Written by|Reporting by|Words by)\s+\p{Lu}`)
	datelineOnly = lazyregexp.New(`^\p{Lu}[\p{Lu} .,'-]{2,40}(?:\([\w .]+\))?\s*[—–-]?\s*$`)
	// A sign-off closes a republished or wire story, or notes its
	// history: "The Associated Press contributed to this report.", "This
	// article was originally published on The Conversation.", "(Reporting
	// by …; Editing by …)", "Reporting by …; additional reporting by …",
	// "Have a news tip? …", "This material may not be published,
	// broadcast, rewritten or redistributed.", "… AP is solely responsible
	// for all content.", "Our Standards: The Thomson Reuters Trust
	// Principles.", "Contact Jane Doe at jdoe@example.com.", "The views
	// expressed in this article are the author's own.", "Correction: …", "This
	// story has been updated.", "This is a developing story and will be
	// updated.", "Follow AP's coverage of … at …"; not
	// an "UPDATE: …" paragraph, which reports. Republishers add their
	// own, so two copies sharing one are not two witnesses of a text
	// their source lacks.
	signoffLine = lazyregexp.New(`(?i)\bcontributed (?:reporting|to (?:this|the) (?:report|story|article))(?: (?:from|in) [^.]{1,60})?\.?\s*$|` +
		`\b(?:writers?|reporters?|correspondents?)\b.{0,120}\bcontributed\.?\s*$|` +
		`^(?:correction|clarification|editor'?s note|editor’s note)\s*(?:\(\w[^)]{0,40}\))?\s*[:—–-]|` +
		`^this (?:story|article|report) (?:has been|was|is being) (?:updated|corrected|amended)\b|` +
		`^this (?:story|article|report|coverage|reporting|project) (?:was|is) (?:produced|made possible|supported|funded|published) (?:with|by|in partnership|through)\b|` +
		`^follow (?:\S+ )?(?:full |live |more )?coverage\b|` +
		`^(?:this is a )?(?:developing|breaking)(?: news)? story\b|\bwill (?:update|be updating) this (?:story|article|report)\b|` +
		`\b(?:this|the) (?:story|article|report) (?:will|may) be updated\b|^check back\b|` +
		`^this (?:article|story|report|piece|post|column|interview)\b.{0,120}?\b(?:originally|first) (?:published|appeared|ran|posted)\b|` +
		`^(?:originally|first) (?:published|appeared|posted) (?:by|in|on|at)\b|` +
		`^(?:republished|reprinted|reposted)\b.{0,60}?\b(?:from|by|with permission)\b|^read the original (?:article|story)\b|` +
		`^\((?:additional |further )?(?:reporting|writing|editing) by\b|` +
		`^(?:reporting|writing) by\b[^.]{0,120}?(?:;|\band\b)\s*(?:additional reporting|further reporting|editing|writing) by\b|` +
		`^(?:have|got) (?:a|any) (?:confidential )?(?:news )?tips?\b|^(?:send|email) us (?:a |your )?(?:news )?tips?\b|` +
		`^this material may not be (?:published|broadcast|rewritten|redistributed)(?:,? (?:or |and )?(?:published|broadcast|rewritten|redistributed|distributed))+\b|\bis solely responsible for all content\.?$|^our standards\s*:|` +
		`^(?:contact|email|e-mail|reach) [^.@]{1,60}\bat \S+@\S+\.\w+|` +
		`^the (?:views|opinions) expressed\b.{0,80}\b(?:are|do not)\b.{0,60}\b(?:author|writer|contributor)s?\b`)
	promptLine = lazyregexp.New(`(?i)^(?:share (?:this|on|via)|share$|tweet (?:this)?|email (?:this|to a friend)|print(?: this)?$|follow us|follow (?:@|(?:\p{Lu}[\w.'’-]* ){1,3}on )|sign up\b|subscribe\b|click here\b|download (?:our|the) (?:free )?app\b|want more (?:stories|news|articles)\b|read the full (?:story|article|report)\b|continue reading\b|listen to (?:this|the) (?:article|story)\b|\d+\s*min(?:ute)?s? read$|story continues (?:below|after)\b|(?:watch|also read|also see|more|video|photos?|gallery|listen)\s*:|read more\b|read also\b|see also\b|related(?: articles| stories| coverage)?\s*:|join the (?:conversation|discussion)|leave a (?:comment|reply)|post a comment|comments?\s*(?:\(\d+\))?$|\d+\s+comments?$|add a comment)`)
)

// PageFurniture finds the page furniture in the compared text of a (its
// Body) line by line: photo captions and credits, headlines and subheads,
// bullet summaries, the standfirst before the first date or byline line
// of the source's metadata, bylines and datelines standing alone, and
// share and comment prompts, and the title repeated on a line of its own
// above more text. It works on lines, as pages put each of these
// on a line of its own, joined where the text is hard-wrapped (see
// [softWrap]), so that a wrapped line of a paragraph is not a heading.
//
// A heading is a line of at most maxHeadingWords words, in title case (see
// titleCase) and without final punctuation. A bullet line (starting "-",
// "*", "•" or "–") is a summary unless the list is introduced by a line
// ending in a colon, which makes it part of a sentence ("the points fall
// into four categories:"), but for the label of a list ("Key points:",
// "Story Highlights:"; see [listLabel]), a heading. A standfirst is at most maxStandfirstWords
// words on the lines before the first of a.Furniture that neither opens
// nor closes the text (a copyright line or a news API's truncation mark
// at the end has no article after it to stand before).
func PageFurniture(a *corpus.Article) []Furniture {
	var out []Furniture
	lines := paragraphs(a)
	// The standfirst: body lines before the first furniture span of the
	// source's metadata that does not open the text and has text of the
	// article after it.
	firstMeta := -1
	for k, f := range a.Furniture {
		if strings.TrimSpace(a.Text[:min(f.Start, len(a.Text))]) != "" && textAfter(a, k) {
			firstMeta = f.Start
			break
		}
	}
	standfirstEnd := -1
	if firstMeta > 0 {
		words := 0
		for _, l := range lines {
			if l.Start >= firstMeta {
				break
			}
			words += len(strings.Fields(a.Text[l.Start:l.End]))
		}
		if words > 0 && words <= maxStandfirstWords {
			standfirstEnd = firstMeta
		}
	}
	inSummary := false // inside a bullet list under a heading
	prevIntro := false // the previous line ends with a colon
	for _, l := range lines {
		text := a.Text[l.Start:l.End]
		bullet := isBullet(text)
		label := !bullet && listLabel(text)
		intro := !label && strings.HasSuffix(strings.TrimRight(text, " "), ":")
		var kind Kind
		switch {
		case l.End <= standfirstEnd:
			if heading(text) {
				kind = Heading
			} else {
				kind = Standfirst
			}
		case l.End < len(a.Text) && repeatsTitle(text, a.Title):
			kind = Heading
		case captionLine(text):
			kind = Caption
		case promptLine.MatchString(text) && len(strings.Fields(text)) <= maxHeadingWords:
			kind = Prompt
		case !moreWords(text, maxSignoffWords) && signoffLine.MatchString(text):
			kind = Signoff
		case label:
			kind = Heading
		case bylineLine.MatchString(text) && len(strings.Fields(text)) <= 8,
			datelineOnly.MatchString(text) && !strings.ContainsAny(text, "abcdefghijklmnopqrstuvwxyz"):
			kind = Byline
		case bullet && !intro && (inSummary || !prevIntro):
			// An item ending in a colon introduces a list of its own.
			kind = Bullet
			inSummary = true
		case !bullet && heading(text):
			kind = Heading
		}
		if !bullet || intro {
			inSummary = false
		}
		if bullet && kind == 0 {
			// a list introduced by a sentence: keep its items
			prevIntro = true
		} else {
			prevIntro = intro
		}
		if kind != 0 {
			out = append(out, Furniture{Start: l.Start, End: l.End, Kind: kind})
		}
	}
	return out
}

// The sizes of furniture: a heading has at most maxHeadingWords words, a
// standfirst at most maxStandfirstWords.
const (
	maxHeadingWords    = 18
	maxStandfirstWords = 60
	maxSignoffWords    = 30
)

func isBullet(line string) bool {
	r, n := utf8.DecodeRuneInString(line)
	if !strings.ContainsRune("-*•–▪●", r) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(line[n:])
	return unicode.IsSpace(next)
}

// summaryLabel is the label of a summary list, whatever its case, with
// or without a colon: "Key points:", "Highlights", "What to know:".
var summaryLabel = lazyregexp.New(`(?i)^(?:(?:the )?key (?:points|facts|takeaways)|(?:story )?highlights|(?:main |bullet )points|(?:key |main )?takeaways|in (?:brief|short|summary)|summary|at a glance|quick looks?|(?:fast|quick) facts|what (?:to know|we know|you need to know)|need to know|tl;?dr)\s*:?$`)

// listLabel reports whether line is the label of a list rather than a
// sentence introducing it: a summary label ("Key points:") or a heading
// but for a final colon ("Story Highlights:"). The items under a label
// are a summary; those under a sentence ending in a colon ("the plan
// falls into four parts:") are part of it.
func listLabel(line string) bool {
	line = strings.TrimSpace(line)
	return summaryLabel.MatchString(line) ||
		strings.HasSuffix(line, ":") && heading(strings.TrimRight(strings.TrimSuffix(line, ":"), " "))
}

// heading reports whether line reads as a headline or subhead: short,
// title case and without final punctuation.
func heading(line string) bool {
	if len(strings.Fields(line)) > maxHeadingWords {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	if strings.ContainsRune(".!?:;,\"”'’)…", last) {
		return false
	}
	if !titleCase(line) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(line)
	return unicode.IsUpper(first) || unicode.IsDigit(first)
}

// repeatsTitle reports whether line is the article's title repeated at
// the head of a line of its own, as pages print the headline above the
// body ("NRA urges states to allow more armed officers in schools"),
// whatever its case; the words are compared without their case and the
// punctuation around them.
func repeatsTitle(line, title string) bool {
	if title == "" || len(line) > 2*len(title)+8 {
		return false
	}
	trim := func(w string) string {
		return strings.TrimFunc(w, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) })
	}
	lw, tw := strings.Fields(line), strings.Fields(title)
	if len(lw) != len(tw) || len(lw) == 0 {
		return false
	}
	for i := range lw {
		if !strings.EqualFold(trim(lw[i]), trim(tw[i])) {
			return false
		}
	}
	return true
}

// captionLine reports whether a line is a caption or a photo credit: it
// ends in a parenthesized credit ("(Photo: EPA)"), starts with a label
// ("Photo: …") or is an agency's name after at most three words ("AP
// Photo", "John Smith/Getty Images" aside). The tests before each
// expression are what any match has, so that a paragraph is not searched
// when it cannot match.
func captionLine(text string) bool {
	return strings.HasSuffix(strings.TrimRight(text, "\t\n\f\r "), ")") && captionEnd.MatchString(text) ||
		creditLabel.MatchString(text) ||
		!moreWords(text, 5) && agencyLine.MatchString(text)
}

// moreWords reports whether text has more than n runs of non-space bytes.
func moreWords(text string, n int) bool {
	words, in := 0, false
	for i := 0; i < len(text); i++ {
		space := text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r' || text[i] == '\f' || text[i] == '\v'
		if !space && !in {
			if words++; words > n {
				return true
			}
		}
		in = !space
	}
	return false
}

// textAfter reports whether text other than furniture and white space
// follows a.Furniture[k] (the spans are sorted and apart).
func textAfter(a *corpus.Article, k int) bool {
	at := min(a.Furniture[k].End, len(a.Text))
	for _, f := range a.Furniture[k+1:] {
		start := min(f.Start, len(a.Text))
		if strings.TrimSpace(a.Text[at:max(start, at)]) != "" {
			return true
		}
		at = max(at, min(f.End, len(a.Text)))
	}
	return strings.TrimSpace(a.Text[at:]) != ""
}

package corpus

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// furniture returns the texts of a's furniture spans.
func furniture(a Article) []string {
	var out []string
	for _, f := range a.Furniture {
		out = append(out, a.Text[f.Start:f.End])
	}
	return out
}

func TestSeeds(t *testing.T) {
	r := read(t, []string{"../testdata/seeds"}, Options{})
	require.Equal(t, []string{
		"000_4bd703d3e122696c", "001_2ea4910e153269e2", "002_ac49a336ca4eb3e9",
		"003_d4f861dc4b37a64b", "004_9e1179f061f0b57d",
	}, r.ids())
	assert.Empty(t, r.problems)
	day := func(a Article) string { return a.Published.Format(time.DateOnly) }

	a := r.byID(t, "000_4bd703d3e122696c")
	assert.Equal(t, "2025-11-18", day(a))
	assert.Equal(t, []string{"date 2025-11-18 "}, furniture(a), "only the date prefix of the first line")
	assert.True(t, strings.HasPrefix(bodyText(a), "The U.S. is secretly working with Russia"))

	a = r.byID(t, "001_2ea4910e153269e2")
	assert.Equal(t, "Newslooks", a.Outlet)
	assert.Equal(t, "Trump Team Quietly Crafts Deal to End Ukraine War", a.Title)
	assert.Equal(t, "J. Mansour", a.Byline)
	assert.Equal(t, "WASHINGTON", a.City)
	assert.Equal(t, "Morning Edition", a.Edition)
	assert.True(t, a.Published.IsZero())
	assert.Equal(t, []string{
		"/ Newslooks/ WASHINGTON/ J. Mansour/ Morning Edition/ ",
		"You must Register or Login to post a comment.",
	}, furniture(a))
	assert.True(t, strings.HasPrefix(bodyText(a), "Trump Team Quietly Crafts Deal to End Ukraine War\n\nThe Trump administration is secretly"),
		"the title stays content, the first sentence continues after the slug")
	assert.True(t, strings.HasSuffix(bodyText(a), "since the war began."))

	a = r.byID(t, "002_ac49a336ca4eb3e9")
	assert.Equal(t, "2025-11-19", day(a))
	assert.Equal(t, []string{"date 2025-11-19 "}, furniture(a))
	assert.Empty(t, a.Title, "a photo caption is not a title")

	a = r.byID(t, "003_d4f861dc4b37a64b")
	assert.Empty(t, a.Furniture)
	assert.Empty(t, a.Title)

	a = r.byID(t, "004_9e1179f061f0b57d")
	assert.Equal(t, "2025-11-19", day(a))
	assert.Equal(t, time.Date(2025, 11, 19, 13, 43, 0, 0, NoZone), a.Published, "the time before Updated: is kept")
	assert.Equal(t, "2025-11-19T13:43:00", FormatDate(a.Published), "no zone is given, none is printed")
	assert.Equal(t, []string{"13:43, Wed, Nov 19, 2025 Updated: 13:44, Wed, Nov 19, 2025"}, furniture(a))
	assert.Empty(t, a.Title, "a first line ending in a period is not a title")
}

// Every seed shows a title: its own, or its first sentence marked as
// derived.
func TestSeedsShownTitle(t *testing.T) {
	r := read(t, []string{"../testdata/seeds"}, Options{})
	want := map[string]string{
		"000_4bd703d3e122696c": "The U.S. is secretly working with Russia on a new plan to end the war in Ukraine, according to an Axios report Tuesday, which says the Trump administration has…",
		"001_2ea4910e153269e2": "Trump Team Quietly Crafts Deal to End Ukraine War",
		"002_ac49a336ca4eb3e9": "The administration of US President Donald Trump is secretly consulting with Moscow to develop a new plan to end the Russian-Ukrainian war.",
		"003_d4f861dc4b37a64b": "The Trump administration is quietly crafting a sweeping new agreement with Moscow designed to bring an end to the war in Ukraine.",
		"004_9e1179f061f0b57d": "It isn't clear what Ukraine and its supporters in Europe will think of the deal.",
	}
	for _, a := range r.articles {
		title, derived := a.ShownTitle()
		assert.Equal(t, want[a.ID], title, a.ID)
		assert.Equal(t, a.ID != "001_2ea4910e153269e2", derived, a.ID)
	}
}

func TestFirstSentence(t *testing.T) {
	tests := []struct{ in, want string }{
		{"One. Two.", "One."},
		{"The U.S. is here. Next.", "The U.S. is here."},
		{"Mr. Smith went. Then.", "Mr. Smith went."},
		{`He said "no." Then left.`, `He said "no."`},
		{"He said “no.” Then left.", "He said “no.”"},
		{"Is it? Yes.", "Is it?"},
		{"3.5 percent rose. Then.", "3.5 percent rose."},
		{"no end", "no end"},
		{"lower. case follows", "lower. case follows"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, firstSentence(tt.in), "firstSentence(%q)", tt.in)
	}
	assert.Equal(t, "ab cd…", cutAtWord("ab cd efgh", 7))
	assert.Equal(t, "ab cd efgh", cutAtWord("ab cd efgh", 10))
	assert.Equal(t, "abcdefg…", cutAtWord("abcdefghij", 7))
}

func TestDatelineCity(t *testing.T) {
	tests := []struct{ in, want string }{
		{"WASHINGTON — Michael Steele, chairman", "WASHINGTON"},
		{"SAN JUAN, Puerto Rico (AP) -- A storm", "SAN JUAN, Puerto Rico"},
		{"MUMBAI: An Indian warship", "MUMBAI"},
		{"LOS ANGELES (Reuters) - Actress", "LOS ANGELES"},
		{"LONDON, Nov 18 (Reuters) - Britain's", "LONDON"},
		{"ROTTERDAM, Nov.\u00a018, 2025 — Dock workers", "ROTTERDAM"},
		{"WASHINGTON, March 3 — The Senate", "WASHINGTON"},
		{"PARIS, 18 Nov — A strike", "PARIS"},
		{"BREAKING — A storm", ""},
		{"The AP — said", ""},
		{"NATO said on Monday", ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, datelineCity(tt.in), "datelineCity(%q)", tt.in)
	}
}

func TestFormatDate(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"2025-11-18", "2025-11-18"},
		{"13:43, Wed, Nov 19, 2025", "2025-11-19T13:43:00"},
		{"2025-11-19T13:43:00", "2025-11-19T13:43:00"},
		{"2025-11-19T13:43:00Z", "2025-11-19T13:43:00Z"},
		{"Nov 19, 2025 3:04 p.m. ET", "2025-11-19T15:04:00-05:00"},
		{"Tue, 18 Nov 2025 09:30:00 GMT", "2025-11-18T09:30:00Z"},
		{"1763510400", "2025-11-19"},
	}
	for _, tt := range tests {
		d, ok := ParseDate(tt.in)
		require.True(t, ok, tt.in)
		assert.Equal(t, tt.want, FormatDate(d), "FormatDate(ParseDate(%q))", tt.in)
	}
	assert.Equal(t, "", FormatDate(time.Time{}))
}

func TestExtractMetadata(t *testing.T) {
	tests := []struct {
		name      string
		in        Article
		furniture []string
		want      Article // the metadata fields expected; Text and Furniture are not compared
	}{
		// Head of the article.
		{
			name:      "date prefix with label",
			in:        Article{Text: "Published: Nov. 19, 2025 The plan was drafted.\n"},
			furniture: []string{"Published: Nov. 19, 2025 "},
			want:      Article{Published: day(2025, 11, 19)},
		},
		{
			name:      "bare ISO date prefix",
			in:        Article{Text: "2025-11-18T09:30:00Z Officials said on Tuesday.\n"},
			furniture: []string{"2025-11-18T09:30:00Z "},
			want:      Article{Published: time.Date(2025, 11, 18, 9, 30, 0, 0, time.UTC)},
		},
		{
			name:      "dateline line",
			in:        Article{Text: "Standfirst sentence here.\n\nUpdated 3:04 p.m. ET, Wed November 19, 2025\n\nBody.\n"},
			furniture: []string{"Updated 3:04 p.m. ET, Wed November 19, 2025"},
			want:      Article{Published: time.Date(2025, 11, 19, 15, 4, 0, 0, time.FixedZone("ET", -5*3600))},
		},
		{
			name:      "byline line",
			in:        Article{Text: "Headline Here\n\nBy Jane Doe and John van der Berg, Reuters\n\nThe body.\n"},
			furniture: []string{"By Jane Doe and John van der Berg, Reuters"},
			want:      Article{Title: "Headline Here", Byline: "Jane Doe and John van der Berg"},
		},
		{
			name:      "byline in capitals",
			in:        Article{Text: "BY MARY O'NEIL\nThe body.\n"},
			furniture: []string{"BY MARY O'NEIL"},
			want:      Article{Byline: "MARY O'NEIL"},
		},
		{
			name:      "markdown heading",
			in:        Article{Text: "# The Heading #\n\nBody text.\n"},
			furniture: []string{"# "},
			want:      Article{Title: "The Heading"},
		},
		{
			name:      "front matter",
			in:        Article{Text: "---\ntitle: 'T'\nurl: https://www.nytimes.com/x\ntags: [a, b]\n---\nBody.\n"},
			furniture: []string{"---\ntitle: 'T'\nurl: https://www.nytimes.com/x\ntags: [a, b]\n---\n"},
			want:      Article{Title: "T", URL: "https://www.nytimes.com/x", Outlet: "The New York Times"},
		},
		{
			name: "not front matter",
			in:   Article{Text: "---\nThis is prose, not keys.\n---\nBody.\n"},
		},
		{
			name: "a newsletter's browser link and footer",
			in: Article{Text: "View this email in your browser\n\nPort strike halts traffic\n\nDock workers walked off the job on Tuesday.\n\n" +
				"You are receiving this email because you subscribed to our newsletter.\n\nUnsubscribe | Update your preferences\n\nCopyright © 2025 Havennieuws, All rights reserved.\n"},
			furniture: []string{"View this email in your browser", "You are receiving this email because you subscribed to our newsletter.",
				"Unsubscribe | Update your preferences", "Copyright © 2025 Havennieuws, All rights reserved."},
		},
		{
			name:      "a by-line first is no headline",
			in:        Article{Text: "By Anna de Vries\n\nROTTERDAM — Dock workers walked off the job.\n"},
			furniture: []string{"By Anna de Vries"},
			want:      Article{Byline: "Anna de Vries", City: "ROTTERDAM"},
		},
		{
			name:      "a dateline first is no headline",
			in:        Article{Text: "Tuesday, November 18, 2025\n\nDock workers walked off the job.\n"},
			furniture: []string{"Tuesday, November 18, 2025"},
			want:      Article{Published: day(2025, 11, 18)},
		},
		{
			name:      "a dateline with no-break spaces",
			in:        Article{Text: "Headline Here\n\nNov.\u00a018, 2025 9:30\u00a0a.m. ET\n\nBody.\n"},
			furniture: []string{"Nov.\u00a018, 2025 9:30\u00a0a.m. ET"},
			want:      Article{Title: "Headline Here", Published: time.Date(2025, 11, 18, 9, 30, 0, 0, time.FixedZone("ET", -5*3600))},
		},
		{
			name: "headline-like first line",
			in:   Article{Text: "Kremlin Says Nothing to Add on Peace Plan\n\nThe Kremlin said on Wednesday.\n"},
			want: Article{Title: "Kremlin Says Nothing to Add on Peace Plan"},
		},
		{
			name: "first line followed by text is no title",
			in:   Article{Text: "Kremlin Says Nothing to Add\nThe Kremlin said on Wednesday.\n"},
		},
		{
			name: "existing fields are kept",
			in:   Article{Title: "Given", Byline: "Given B", Published: day(2020, 1, 2), Text: "Other Title Line\n\nBy Jane Doe\n\n2025-11-18 is a date in the body.\n"},
			// the date is on the third line, not a prefix of the first
			furniture: []string{"By Jane Doe"},
			want:      Article{Title: "Given", Byline: "Given B", Published: day(2020, 1, 2)},
		},
		// Tail and anywhere.
		{
			name: "trailing site furniture",
			in: Article{Text: "Body sentence one.\n\nAdvertisement\n\nBody sentence two.\n\nRead more: Another story\n" +
				"Share this article\nFollow us on Twitter and Facebook\nSign up for our newsletter\nSubscribe to our channel\n" +
				"© 2025 Example Media. All rights reserved.\nComments (3)\nClick here to log in\n\n"},
			furniture: []string{"Advertisement", "Read more: Another story", "Share this article", "Follow us on Twitter and Facebook",
				"Sign up for our newsletter", "Subscribe to our channel", "© 2025 Example Media. All rights reserved.", "Comments (3)",
				"Click here to log in"},
		},
		{
			name: "wire rights notice",
			in: Article{Text: "Body sentence one.\n\nCopyright 2025 The Associated Press. All rights reserved.\n" +
				"This material may not be published, broadcast, rewritten or redistributed.\n"},
			furniture: []string{"Copyright 2025 The Associated Press. All rights reserved.",
				"This material may not be published, broadcast, rewritten or redistributed."},
		},
		{
			name:      "news API truncation mark",
			in:        Article{Text: "WASHINGTON (Reuters) - The Federal Reserve held rates steady on Wednesday, as policymakers waited… [+3120 chars]"},
			furniture: []string{"… [+3120 chars]"},
		},
		{
			name:      "furniture only at the very end",
			in:        Article{Text: "Comments\n\nComments from readers were mixed.\n\nRelated Stories\n"},
			furniture: []string{"Related Stories"},
		},
		{
			name: "outlet from URL",
			in:   Article{URL: "https://www.express.co.uk/news/world/1", Text: "Body."},
			want: Article{URL: "https://www.express.co.uk/news/world/1", Outlet: "Daily Express"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.in
			text := a.Text
			a.ExtractMetadata()
			assert.Equal(t, text, a.Text, "Text is never changed")
			assert.Equal(t, tt.furniture, furniture(a))
			assert.Equal(t, tt.want.Title, a.Title, "Title")
			assert.Equal(t, tt.want.Outlet, a.Outlet, "Outlet")
			assert.Equal(t, tt.want.Byline, a.Byline, "Byline")
			assert.Equal(t, tt.want.URL, a.URL, "URL")
			assert.True(t, tt.want.Published.Equal(a.Published), "Published = %v, want %v", a.Published, tt.want.Published)
		})
	}
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// Normal sentences, including ones that begin like furniture, must never be
// marked as furniture, at the start, in the middle or at the end.
func TestExtractMetadataKeepsSentences(t *testing.T) {
	sentences := []string{
		"By Monday, the plan had been shared with European capitals.",
		"By Christmas Eve, the troops had withdrawn from the city.",
		"By the way, nobody in Kyiv had seen the draft.",
		"By Jane Doe's own account, the talks went badly.",
		"Copyright law was at the center of the dispute, lawyers said.",
		"Comments made by the envoy were later withdrawn.",
		"Follow us on this path, the general told his troops.",
		"Subscribe to the view that peace is near, and you will be disappointed.",
		"Share this article's conclusions with caution, the analyst warned.",
		"Sign up for the talks was slow, officials admitted.",
		"All rights reserved for the parties were spelled out in the annex.",
		"This material may not be published until the court rules, the judge said.",
		"Related: the plan echoes the Gaza deal in several ways.",
		"Nov 19, 2025 was the day the plan leaked.",
		"Updated figures show 28 points in the plan.",
		"2025 will be remembered as the year of the deal.",
		"Trump/ Putin/ Zelensky: a triangle of mistrust.",
		"Ukraine and its allies were not consulted.",
		"Advertisement revenue fell sharply at the paper.",
		"You must understand the history, he said.",
		"Read more about the plan in our earlier report.",
		"Click here was all the button said.",
		"The plan, dated Nov. 19, 2025, has 28 points.",
	}
	for _, s := range sentences {
		for _, text := range []string{
			s + "\n\nAnother sentence of the article.",
			"An opening sentence of the article.\n\n" + s,
			"An opening sentence.\n\n" + s + "\n\nA closing sentence.",
		} {
			a := Article{Text: text}
			a.ExtractMetadata()
			for _, f := range furniture(a) {
				assert.NotContains(t, s, strings.TrimSpace(f), "ExtractMetadata(%q) marked %q as furniture", text, f)
			}
		}
	}
}

func TestBodyCoversText(t *testing.T) {
	a := Article{Text: "0123456789", Furniture: []Span{{0, 2}, {4, 6}, {8, 10}}}
	assert.Equal(t, []Span{{2, 4}, {6, 8}}, a.Body())
	a = Article{Text: "0123456789"}
	assert.Equal(t, []Span{{0, 10}}, a.Body())
}

func TestParseDate(t *testing.T) {
	utc := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, time.UTC) }
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		// ISO 8601 and RFC 3339.
		{"2025-11-18", utc(2025, 11, 18, 0, 0), true},
		{" 2025-11-18 ", utc(2025, 11, 18, 0, 0), true},
		{"2025-11-18T09:30:00Z", utc(2025, 11, 18, 9, 30), true},
		{"2025-11-18T09:30:00.123Z", time.Date(2025, 11, 18, 9, 30, 0, 123e6, time.UTC), true},
		{"2025-11-18T09:30:00+03:00", time.Date(2025, 11, 18, 9, 30, 0, 0, time.FixedZone("", 3*3600)), true},
		{"2025-11-18T09:30:00+0300", time.Date(2025, 11, 18, 9, 30, 0, 0, time.FixedZone("", 3*3600)), true},
		{"2025-11-18T09:30+0000", utc(2025, 11, 18, 9, 30), true},
		{"2025-11-18T09:30:00.000+0000", utc(2025, 11, 18, 9, 30), true},
		{"2025-11-18 09:30:00", utc(2025, 11, 18, 9, 30), true},
		{"2025-11-18 09:30", utc(2025, 11, 18, 9, 30), true},
		{"2025/11/18", utc(2025, 11, 18, 0, 0), true},
		{"20251118", utc(2025, 11, 18, 0, 0), true},
		{"20251118T093000Z", utc(2025, 11, 18, 9, 30), true},
		{"20251118T093000", utc(2025, 11, 18, 9, 30), true},
		// Spreadsheets and monitoring exports.
		{"18-Nov-2025 10:00AM", utc(2025, 11, 18, 10, 0), true},
		{"18-Nov-2025 2:05 PM", utc(2025, 11, 18, 14, 5), true},
		{"18-Nov-2025", utc(2025, 11, 18, 0, 0), true},
		{"8-Nov-25", utc(2025, 11, 8, 0, 0), true},
		{"18-Nov-2025 14:05", utc(2025, 11, 18, 14, 5), true},
		// Feeds and headers.
		{"Tue, 18 Nov 2025 09:30:00 GMT", utc(2025, 11, 18, 9, 30), true},
		{"Tue, 18 Nov 2025 09:30:00 +0000", utc(2025, 11, 18, 9, 30), true},
		// Prose forms.
		{"November 18, 2025", utc(2025, 11, 18, 0, 0), true},
		{"Nov. 18, 2025", utc(2025, 11, 18, 0, 0), true},
		{"Sept. 3, 2025", utc(2025, 9, 3, 0, 0), true},
		{"november 18th, 2025", utc(2025, 11, 18, 0, 0), true},
		{"18 November 2025", utc(2025, 11, 18, 0, 0), true},
		{"1st Nov 2025", utc(2025, 11, 1, 0, 0), true},
		{"Tuesday, November 18, 2025", utc(2025, 11, 18, 0, 0), true},
		{"Wed, Nov 19, 2025", utc(2025, 11, 19, 0, 0), true},
		{"13:43, Wed, Nov 19, 2025", utc(2025, 11, 19, 13, 43), true},
		{"Nov 19, 2025 3:04 p.m. ET", time.Date(2025, 11, 19, 15, 4, 0, 0, time.FixedZone("ET", -5*3600)), true},
		{"November 19, 2025 at 3:04 PM", utc(2025, 11, 19, 15, 4), true},
		{"Published: November 18, 2025", utc(2025, 11, 18, 0, 0), true},
		{"Updated on 2025-11-18", utc(2025, 11, 18, 0, 0), true},
		{"11/18/2025", utc(2025, 11, 18, 0, 0), true},
		{"1/2/2025", utc(2025, 1, 2, 0, 0), true},
		// Day first: with slashes when month first cannot be, with dots.
		{"18/11/2025", utc(2025, 11, 18, 0, 0), true},
		{"18/11/2025 09:30", utc(2025, 11, 18, 9, 30), true},
		{"05/06/2025", utc(2025, 5, 6, 0, 0), true}, // month first when it can be
		{"18.11.2025", utc(2025, 11, 18, 0, 0), true},
		{"5.6.2025", utc(2025, 6, 5, 0, 0), true},
		{"18.11.2025 09:30", utc(2025, 11, 18, 9, 30), true},
		{"Tuesday, November 18, 2025 at 10:00 AM EST", time.Date(2025, 11, 18, 10, 0, 0, 0, time.FixedZone("EST", -5*3600)), true},
		{"11/18/2025 9:30 PM", utc(2025, 11, 18, 21, 30), true},
		{"18/11/2025 9:30:15 AM", time.Date(2025, 11, 18, 9, 30, 15, 0, time.UTC), true},
		{"18-11-2025", utc(2025, 11, 18, 0, 0), true},
		{"11-18-2025", utc(2025, 11, 18, 0, 0), true},
		// Database, programming-language and feed forms.
		{"2025-11-18 09:30:00+00", utc(2025, 11, 18, 9, 30), true},
		{"2025-11-18 09:30:00.123456+05", time.Date(2025, 11, 18, 9, 30, 0, 123456000, time.FixedZone("", 5*3600)), true},
		{"Tue Nov 18 2025 09:30:00 GMT+0100 (Central European Standard Time)", time.Date(2025, 11, 18, 9, 30, 0, 0, time.FixedZone("", 3600)), true},
		{"2025-11-18T09:30:00.000Z[UTC]", utc(2025, 11, 18, 9, 30), true},
		{"2025-11-18T09:30+01:00[Europe/Paris]", time.Date(2025, 11, 18, 9, 30, 0, 0, time.FixedZone("", 3600)), true},
		{"Tue, 18 Nov 2025 09:30:00 +01:00", time.Date(2025, 11, 18, 9, 30, 0, 0, time.FixedZone("", 3600)), true},
		// Unix time.
		{"1763510400", time.Unix(1763510400, 0).UTC(), true},
		{"1763510400000", time.Unix(1763510400, 0).UTC(), true},
		// Not dates.
		{"", time.Time{}, false},
		{"yesterday", time.Time{}, false},
		{"2025", time.Time{}, false},
		{"2025-13-45", time.Time{}, false},
		{"2025-11-18T24:28:00Z", time.Time{}, false},
		{"32/11/2025", time.Time{}, false},
		{"0001-01-01", time.Time{}, false},
		{"99999999", time.Time{}, false},
		{"Nov 19", time.Time{}, false},
		{"2025-11-18T09:30:00Z[", time.Time{}, false},
		{"18-11-25", time.Time{}, false},
		{strings.Repeat("2025-11-18 ", 20), time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := ParseDate(tt.in)
		assert.Equal(t, tt.ok, ok, "ParseDate(%q) ok = %v, want %v", tt.in, ok, tt.ok)
		assert.True(t, tt.want.Equal(got), "ParseDate(%q) = %v, want %v", tt.in, got, tt.want)
		if ok {
			_, off := got.Zone()
			_, wantOff := tt.want.Zone()
			assert.Equal(t, wantOff, off, "ParseDate(%q) zone offset", tt.in)
		}
	}
}

// TestParseDateAs: a numeric date whose first two numbers could each be
// the month is read in the order given; one that reads one way only, or
// the same either way, is read so whatever the order; other forms do not
// depend on it.
func TestParseDateAs(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		in              string
		month, dayFirst time.Time
	}{
		{"02/11/2025", day(2025, 2, 11), day(2025, 11, 2)},
		{"2/11/2025", day(2025, 2, 11), day(2025, 11, 2)},
		{"Published: 02/11/2025", day(2025, 2, 11), day(2025, 11, 2)},
		{"18/11/2025", day(2025, 11, 18), day(2025, 11, 18)},
		{"11/18/2025", day(2025, 11, 18), day(2025, 11, 18)},
		{"05/05/2025", day(2025, 5, 5), day(2025, 5, 5)},
		{"02.11.2025", day(2025, 11, 2), day(2025, 11, 2)},
		{"2025-02-11", day(2025, 2, 11), day(2025, 2, 11)},
	}
	for _, tt := range tests {
		for order, want := range map[DateOrder]time.Time{DateAuto: tt.month, MonthFirst: tt.month, DayFirst: tt.dayFirst} {
			got, ok := ParseDateAs(tt.in, order)
			assert.True(t, ok, "ParseDateAs(%q, %v)", tt.in, order)
			assert.True(t, want.Equal(got), "ParseDateAs(%q, %v) = %v, want %v", tt.in, order, got, want)
		}
	}
	got, ok := ParseDateAs("02/11/2025 14:30", DayFirst)
	assert.True(t, ok)
	assert.True(t, time.Date(2025, 11, 2, 14, 30, 0, 0, time.UTC).Equal(got), "%v", got)
	got, ok = openingDate("Posted 02/11/2025 The council met.", DayFirst)
	assert.True(t, ok)
	assert.True(t, day(2025, 11, 2).Equal(got), "%v", got)
	for _, name := range []string{"auto", "mdy", "dmy", "Day-First", "month-first"} {
		o, err := DateOrderNamed(name)
		assert.NoError(t, err, name)
		again, err := DateOrderNamed(o.String())
		assert.NoError(t, err)
		assert.Equal(t, o, again)
	}
	_, err := DateOrderNamed("ymd")
	assert.ErrorContains(t, err, `unknown date order "ymd"`)
	m, d, either := DateReadsEitherWay("Published: 02/11/2025")
	assert.True(t, either)
	assert.True(t, day(2025, 2, 11).Equal(m) && day(2025, 11, 2).Equal(d), "%v %v", m, d)
	for _, s := range []string{"18/11/2025", "05/05/2025", "2025-02-11", "02.11.2025", "not a date"} {
		_, _, either = DateReadsEitherWay(s)
		assert.False(t, either, s)
	}
}

func TestOutletFromURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://www.axios.com/2025/11/18/ukraine", "Axios"},
		{"https://edition.cnn.com/x", "CNN"},
		{"http://www.nytimes.com/2010/07/03/us/politics/03steele.html?_r=2", "The New York Times"},
		{"www.foxnews.com/politics", "Fox News"},
		{"https://www.huffingtonpost.com/entry/x", "HuffPost"},
		{"https://example.com/news", ""},
		{"https://notaxios.com/", ""},
		{"", ""},
		{"::::", ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, OutletFromURL(tt.in), "OutletFromURL(%q)", tt.in)
	}
}

// Dates printed in a story's opening, as news pages print them between
// headline and text (the forms of ECB+ dev, tokenized as it is).
func TestOpeningDate(t *testing.T) {
	ny := time.FixedZone("ET", -5*3600)
	tests := []struct {
		in   string
		want time.Time // zero: no date
	}{
		// Between headline and text, with or without a time and zone.
		{"Lindsay Lohan checks into Betty Ford Center May 03, 2013 After skipping out", time.Date(2013, 5, 3, 0, 0, 0, 0, NoZone)},
		{"Lohan checks into rehab May 3, 2013 at 7: 31 AM ET Updated 5: 40 p. m. ET Early Friday", time.Date(2013, 5, 3, 7, 31, 0, 0, ny)},
		{"Lawyer: Lohan checks into rehab facility May 2, 2013 12: 50 PM Lindsay Lohan has", time.Date(2013, 5, 2, 12, 50, 0, 0, NoZone)},
		{"Esther Williams dies at 91 JUNE 6, 2013 11: 34PM Pinup girl", time.Date(2013, 6, 6, 23, 34, 0, 0, NoZone)},
		{"Rehab Posted on Thu Jun 13, 2013 08: 45 AM PDT Lindsay Lohan", time.Date(2013, 6, 13, 8, 45, 0, 0, time.FixedZone("PDT", -7*3600))},
		{"Published on Friday, 27 September 2013 Parliamentary elections", time.Date(2013, 9, 27, 0, 0, 0, 0, NoZone)},
		{"Mo Cheeks will take over Updated: May 24, 2005, 3: 23 PM ET Maurice", time.Date(2005, 5, 24, 15, 23, 0, 0, ny)},
		// Numeric: month first unless the first number cannot be a month.
		{"Lohan checks into rehab, lawyer says 05 / 02 / 2013 Lindsay Lohan", time.Date(2013, 5, 2, 0, 0, 0, 0, NoZone)},
		{"27 / 09 / 2013 - Turkmenistan to hold elections", time.Date(2013, 9, 27, 0, 0, 0, 0, NoZone)},
		{"Esther Williams Dead 06 / 06 / 13 07: 05 PM ET EDT The", time.Date(2013, 6, 6, 0, 0, 0, 0, NoZone)},
		// A word processor's no-break space between month and day.
		{"ROTTERDAM, Nov.\u00a018, 2025 — Dock workers walked off the job", time.Date(2025, 11, 18, 0, 0, 0, 0, NoZone)},
		// Part of a sentence: not the story's date.
		{"Zurana Horton, 34, was killed on Oct. 21, 2011 while walking", time.Time{}},
		{"Gigante died while in prison custody on December 19, 2005.", time.Time{}},
		{"The court ruled May 2, 2013 that the actress", time.Time{}},
		{"Tara Reid checked herself into Promises Treatment Center, her rep told People.", time.Time{}},
		// Beyond the opening's 50 words.
		{strings.Repeat("word ", 60) + "May 3, 2013 Lindsay", time.Time{}},
	}
	for _, tt := range tests {
		got, ok := openingDate(tt.in, DateAuto)
		assert.Equal(t, !tt.want.IsZero(), ok, "openingDate(%q) ok", tt.in)
		assert.True(t, tt.want.Equal(got), "openingDate(%q) = %v, want %v", tt.in, got, tt.want)
		assert.Equal(t, FormatDate(tt.want), FormatDate(got), "openingDate(%q)", tt.in)
	}
	a := Article{Text: "Lohan checks into rehab May 3, 2013 Early Friday morning, the actress checked in.\n"}
	a.ExtractMetadata()
	assert.Equal(t, "2013-05-03", FormatDate(a.Published))
	assert.True(t, a.DateInText, "a date found in the opening is marked")
	assert.Empty(t, a.Furniture, "and stays in the text")
}

func TestMayHoldDate(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Breaking: markets fall sharply on Monday", false},
		{"Published: June 13, 2013 4:59 PM EDT", true},
		{"05 / 02 / 13 story", true},
		{"2013-05-02", true},
		{"May 3 at 7:31 AM", false}, // no year: openingDateRe needs one
		{"route 66 and 101", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, mayHoldDate(tt.in), "mayHoldDate(%q)", tt.in)
		if !tt.want {
			_, ok := openingDate(tt.in, DateAuto)
			assert.False(t, ok, "openingDate(%q) found a date mayHoldDate rules out", tt.in)
		}
	}
}

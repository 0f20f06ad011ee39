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
	assert.Equal(t, time.Date(2025, 11, 19, 13, 43, 0, 0, time.UTC), a.Published, "the time before Updated: is kept")
	assert.Equal(t, []string{"13:43, Wed, Nov 19, 2025 Updated: 13:44, Wed, Nov 19, 2025"}, furniture(a))
	assert.Empty(t, a.Title, "a first line ending in a period is not a title")
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
		{"2025-11-18 09:30:00", utc(2025, 11, 18, 9, 30), true},
		{"2025-11-18 09:30", utc(2025, 11, 18, 9, 30), true},
		{"2025/11/18", utc(2025, 11, 18, 0, 0), true},
		{"20251118", utc(2025, 11, 18, 0, 0), true},
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
		// Unix time.
		{"1763510400", time.Unix(1763510400, 0).UTC(), true},
		{"1763510400000", time.Unix(1763510400, 0).UTC(), true},
		// Not dates.
		{"", time.Time{}, false},
		{"yesterday", time.Time{}, false},
		{"2025", time.Time{}, false},
		{"2025-13-45", time.Time{}, false},
		{"0001-01-01", time.Time{}, false},
		{"99999999", time.Time{}, false},
		{"Nov 19", time.Time{}, false},
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

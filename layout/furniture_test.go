package layout

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/corpus"
)

func TestPageFurniture(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // the furniture lines, in order
	}{
		// Captions and credits.
		{"caption", "Vladimir Putin and Donald Trump (Photo: ERA)\nThe talks resumed on Monday.", []string{"Vladimir Putin and Donald Trump (Photo: ERA)"}},
		{"credit line", "Photo: Reuters\nThe talks resumed on Monday.", []string{"Photo: Reuters"}},
		// Headings: short, title case, no final punctuation.
		{"subhead", "The talks resumed on Monday.\nWhat Comes Next\nThey will meet again.", []string{"What Comes Next"}},
		{"sentence in title case keeps its period", "Trump Meets Putin In Alaska.\nThey will meet again.", nil},
		// Bullets: a summary under a heading, not a list a sentence introduces.
		{"bullet summary", "Quick Looks\n- Plan has 28 points.\n- Talks were postponed.\nThe talks resumed.", []string{"Quick Looks", "- Plan has 28 points.", "- Talks were postponed."}},
		{"introduced list", "The plan falls into four parts:\n- Peace in Ukraine\n- European security\nThe talks resumed.", nil},
		// A label ending in a colon is a heading, not a sentence: its
		// list is a summary, whatever marks its items.
		{"labelled summary, hyphens", "The talks resumed.\nKey points:\n- Plan has 28 points\n- Talks were postponed\n- Envoys met in Miami\nThey will meet again.",
			[]string{"Key points:", "- Plan has 28 points", "- Talks were postponed", "- Envoys met in Miami"}},
		{"labelled summary, asterisks", "The talks resumed.\nKey points:\n* Plan has 28 points.\n* Talks were postponed.\nThey will meet again.",
			[]string{"Key points:", "* Plan has 28 points.", "* Talks were postponed."}},
		{"labelled summary, bullets", "The talks resumed.\nKey points:\n• Plan has 28 points\n• Talks were postponed\nThey will meet again.",
			[]string{"Key points:", "• Plan has 28 points", "• Talks were postponed"}},
		{"title-case label", "The talks resumed.\nStory Highlights:\n- Plan has 28 points.\nThey will meet again.", []string{"Story Highlights:", "- Plan has 28 points."}},
		{"label without a colon", "The talks resumed.\nKey points\n- Plan has 28 points.\nThey will meet again.", []string{"Key points", "- Plan has 28 points."}},
		{"label in capitals", "The talks resumed.\nKEY POINTS\n- Plan has 28 points.\nThey will meet again.", []string{"KEY POINTS", "- Plan has 28 points."}},
		{"sentence naming points", "The talks resumed.\nThe key points were these:\n- Plan has 28 points.\nThey will meet again.", nil},
		// Bylines, datelines and prompts.
		{"byline", "By Jane Smith\nThe talks resumed on Monday.", []string{"By Jane Smith"}},
		{"dateline alone", "WASHINGTON (AP) —\nThe talks resumed on Monday.", []string{"WASHINGTON (AP) —"}},
		{"prompts", "The talks resumed on Monday.\nShare this article\nLeave a comment", []string{"Share this article", "Leave a comment"}},
		// Sign-offs of wire and republished stories.
		{"contributed", "The talks resumed on Monday.\nThe Associated Press contributed to this report.", []string{"The Associated Press contributed to this report."}},
		{"contributed from", "The talks resumed.\nAP writer Jane Doe contributed reporting from Kyiv.", []string{"AP writer Jane Doe contributed reporting from Kyiv."}},
		{"originally published", "The talks resumed.\nThis article was originally published on The Conversation. Read the original article.", []string{"This article was originally published on The Conversation. Read the original article."}},
		{"republished", "The talks resumed.\nRepublished with permission from Reuters.", []string{"Republished with permission from Reuters."}},
		{"reporting and editing", "The talks resumed.\n(Reporting by Jane Doe; Editing by John Smith)", []string{"(Reporting by Jane Doe; Editing by John Smith)"}},
		{"reporting, no parentheses", "The talks resumed.\nReporting by Jane Doe in Kyiv; Editing by John Smith", []string{"Reporting by Jane Doe in Kyiv; Editing by John Smith"}},
		{"additional reporting", "The talks resumed.\nReporting by Global News Service; additional reporting by Riverton Herald staff.", []string{"Reporting by Global News Service; additional reporting by Riverton Herald staff."}},
		{"reporting in a sentence", "Reporting by the paper and its partners found that the bridge had been neglected for years.\nThe talks resumed.", nil},
		{"tip line", "The talks resumed.\nHave a news tip? Email the newsroom.", []string{"Have a news tip? Email the newsroom."}},
		{"notes", "The talks resumed.\nCorrection: An earlier version misstated the date.\nThis story has been updated.", []string{"Correction: An earlier version misstated the date.", "This story has been updated."}},
		{"app prompt", "The talks resumed.\nWant more stories like this? Download our free app.", []string{"Want more stories like this? Download our free app."}},
		{"rights notice", "The talks resumed.\nThis material may not be published, broadcast, rewritten or redistributed.", []string{"This material may not be published, broadcast, rewritten or redistributed."}},
		{"material in a sentence", "This material may not be published until the court rules, the judge said on Monday.\nThe talks resumed.", nil},
		{"follow a reporter", "The talks resumed.\nFollow Jane Doe on Twitter: @janedoe", []string{"Follow Jane Doe on Twitter: @janedoe"}},
		{"contact line", "The talks resumed.\nContact Jane Doe at jdoe@example.com.", []string{"Contact Jane Doe at jdoe@example.com."}},
		{"contact in a sentence", "Officials could not reach the minister at his office in Kyiv on Monday.\nThe talks resumed.", nil},
		{"disclaimer", "The talks resumed.\nThe opinions expressed in this commentary are solely those of the author.", []string{"The opinions expressed in this commentary are solely those of the author."}},
		{"contributed in a sentence", "Donors who contributed reporting grants to the paper were thanked by the editor on Monday at the event.\nThe story first appeared in print.", nil},
		{"plain text", "The talks resumed on Monday.\nThey will meet again in March.", nil},
		// An item that ends in a colon (its lines joined) introduces a
		// list: neither is a summary.
		{"item introducing a list", "The ranks differ.\n– pages get different ranks dependent\non a number of factors:\n* Inbound links\n* Outbound links\nThe end.", nil},
		// A hard-wrapped line in title case is no heading.
		{"wrapped", "What Comes Next\nThe envoys of Russian President Vladimir Putin and\nPresident Donald Trump met Ukraine's negotiators\nin Geneva on Monday, officials said.",
			[]string{"What Comes Next"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := corpus.Article{ID: "a", Text: tt.text}
			var got []string
			for _, f := range PageFurniture(&a) {
				got = append(got, tt.text[f.Start:f.End])
			}
			assert.Equal(t, tt.want, got, "PageFurniture(%q)", tt.text)
		})
	}
}

// A standfirst is the text before the first metadata line.
func TestPageFurnitureStandfirst(t *testing.T) {
	text := "It isn't clear what Europe will think.\n\n13:43, Wed, Nov 19, 2025\n\nThe talks resumed on Monday."
	a := corpus.Article{ID: "a", Text: text, Furniture: []corpus.Span{{Start: 40, End: 64}}}
	fs := PageFurniture(&a)
	if assert.Len(t, fs, 1) {
		assert.Equal(t, "It isn't clear what Europe will think.", text[fs[0].Start:fs[0].End])
		assert.Equal(t, Standfirst, fs[0].Kind)
	}
}

// Furniture that closes the text (a copyright line, a news API's
// truncation mark) has no article after it: the short article before it is
// the article, not a standfirst.
func TestPageFurnitureNoStandfirstBeforeClosingFurniture(t *testing.T) {
	for _, text := range []string{
		"The Federal Reserve held rates steady on Wednesday. Officials said the decision was unanimous.\n\nCopyright 2025 Example News. All rights reserved.\n",
		"The Federal Reserve held rates steady on Wednesday, as policymakers waited… [+3120 chars]",
	} {
		a := corpus.Article{ID: "a", Text: text}
		a.ExtractMetadata()
		require.NotEmpty(t, a.Furniture, "%q", text)
		assert.Empty(t, PageFurniture(&a), "%q", text)
	}
	// With the article after a dateline, the text before it is still a
	// standfirst, whatever closes the text.
	text := "It isn't clear what Europe will think.\n\n13:43, Wed, Nov 19, 2025\n\nThe talks resumed on Monday.\n\nAll rights reserved."
	a := corpus.Article{ID: "a", Text: text}
	a.ExtractMetadata()
	fs := PageFurniture(&a)
	if assert.Len(t, fs, 1) {
		assert.Equal(t, Standfirst, fs[0].Kind)
	}
}

// captionOne is the one expression that captionLine's parts were, for
// the tests.
var captionOne = regexp.MustCompile(`(?i)\((?:photo|image|picture|pictured|credit|photograph|video|illustration)s?(?: credit)?\s*[:/]?[^()]{0,80}\)\s*$|^(?:photo|image|picture|credit|photograph)s?(?: credit)?\s*:\s*\S|^(?:[A-Z][\w.]*\s){0,3}(?:getty images|reuters|afp|ap photo|shutterstock|epa(?:-efe)?)\s*$`)

// captionLine gives what the one expression it replaces gives: the tests
// before each part only spare it the lines that cannot match.
func TestCaptionLineAsOneExpression(t *testing.T) {
	for _, line := range []string{
		"Vladimir Putin and Donald Trump (Photo: ERA)", "Vladimir Putin (Photo: ERA)  ", "(Photo)", "a (Photo: x) b",
		"Photo: Jane Doe", "photos credit: x", "Photo:", "Picture this: a bridge",
		"Reuters", "AP Photo", "John Smith Getty Images", "One Two Three Four Reuters", "John\tSmith\nAFP ", "EPA-EFE",
		"The report said Reuters", "Officials told Reuters on Monday.", "", "   ", "Photo credit : x",
	} {
		assert.Equal(t, captionOne.MatchString(line), captionLine(line), "%q", line)
	}
}

func FuzzCaptionLine(f *testing.F) {
	for _, s := range []string{"Putin (Photo: EPA)", "AP Photo", "Photo: x", "A B C D Reuters\v"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if got, want := captionLine(line), captionOne.MatchString(line); got != want {
			t.Errorf("captionLine(%q) = %v, the expression says %v", line, got, want)
		}
	})
}

// The title printed again above the body is a heading, in any case; the
// title as the whole text, or as the start of a longer line, is not.
func TestPageFurnitureRepeatedTitle(t *testing.T) {
	const title = "NRA urges states to allow more armed officers in schools"
	tests := []struct {
		name, text string
		want       []string
	}{
		{"title line", "NRA urges states to allow more armed officers in schools\n\nThe group called on states to act.", []string{"NRA urges states to allow more armed officers in schools"}},
		{"other case and a full stop", "NRA Urges States to Allow More Armed Officers in Schools.\n\nThe group called on states to act.", []string{"NRA Urges States to Allow More Armed Officers in Schools."}},
		{"the whole text", "NRA urges states to allow more armed officers in schools", nil},
		{"a sentence that starts with it", "NRA urges states to allow more armed officers in schools, its chief said on Friday.\nThe group called on states to act.", nil},
		{"another line", "NRA urges states to allow armed officers\nThe group called on states to act.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := corpus.Article{ID: "a", Title: title, Text: tt.text}
			var got []string
			for _, f := range PageFurniture(&a) {
				got = append(got, tt.text[f.Start:f.End])
				assert.Equal(t, Heading, f.Kind)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

// A list's label is a heading, in capitals too (not a dateline), and its
// items are a bullet summary.
func TestPageFurnitureListLabelKinds(t *testing.T) {
	for _, label := range []string{"Key points:", "KEY POINTS", "KEY POINTS:", "What to know:"} {
		text := "The talks resumed.\n" + label + "\n- Plan has 28 points\nThey will meet again."
		a := corpus.Article{ID: "a", Text: text}
		fs := PageFurniture(&a)
		if assert.Len(t, fs, 2, "%q", label) {
			assert.Equal(t, Heading, fs[0].Kind, "%q", label)
			assert.Equal(t, Bullet, fs[1].Kind, "%q", label)
		}
	}
}

package corpus

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeText(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		// Plain text, a "<" or entity in it, stays text.
		{"plain", "Prices rose 5% as a < b.", "Prices rose 5% as a < b."},
		{"less than and greater than", "if x<y and z>w then <3 <b and c>", "if x<y and z>w then <3 <b and c>"},
		{"entities", "Tom &amp; Jerry &quot;said&quot;", `Tom & Jerry "said"`},
		{"tag named in prose", "Use the <p> tag", "Use the <p> tag"},

		{"paragraphs", "<p>One.</p><p>Two <b>bold</b> words.</p>", "One.\n\nTwo bold words."},
		{"no end tag: not read as markup", "<p>Use the <p> tag", "<p>Use the <p> tag"},
		{"white space collapsed", "<p>A line\n   wrapped\there.</p>\n\n<p> Next </p>", "A line wrapped here.\n\nNext"},
		{"inline spacing", "<p>The U.S. is <strong>secretly</strong> working, <a href=\"x\">Axios</a> says.</p>", "The U.S. is secretly working, Axios says."},
		{"no space between inline tags", "<p>un<em>believ</em>able</p>", "unbelievable"},
		{"line break", "First line<br>second line<br/>third", "First line\nsecond line\nthird"},
		{"headings and lists", "<h2>What comes next</h2><ul><li>One</li><li>Two</li></ul>", "What comes next\n\n• One\n\n• Two"},
		{"caption", "<p>Text.</p><figure><img src=\"a.jpg\" alt=\"Putin\"><figcaption>Photo: AP</figcaption></figure>", "Text.\n\nPhoto: AP"},
		{"hidden", "<p>Kept.</p><script>var x = '<p>no</p>';</script><style>p{}</style><iframe src=\"v\"></iframe><!-- c --><p>Also.</p>", "Kept.\n\nAlso."},
		{"entities in markup", "<p>Fish &amp; chips&nbsp;&mdash; &#8220;yes&#8221;</p>", "Fish & chips — “yes”"},
		{"escaped markup", "&lt;p&gt;One &amp;amp; two.&lt;/p&gt;&lt;p&gt;Three.&lt;/p&gt;", "One & two.\n\nThree."},
		{"pre", "<p>Table:</p><pre>a  b\n1  2</pre>", "Table:\n\na  b\n1  2"},
		{"table", "<table><tr><td>a</td><td>b</td></tr><tr><td>1</td><td>2</td></tr></table>", "a\tb\n\n1\t2"},
		{"plain text with a tag keeps its paragraphs", "First paragraph,\nwrapped.\n\nSecond.<br>Third.", "First paragraph, wrapped.\n\nSecond.\nThird."},
		{"unclosed", "<p>One.</p><p>Cut off <b>here", "One.\n\nCut off here"},
		{"ticker codes", "<p>Shares of Acme Corp <ACME.N> rose after it <b>beat</b> forecasts; Widget <WDGT.O>, <LCOc1> and <EUR=> fell.</p>",
			"Shares of Acme Corp <ACME.N> rose after it beat forecasts; Widget <WDGT.O>, <LCOc1> and <EUR=> fell."},
		{"unknown elements closed or namespaced stay markup", "<p>One<o:p></o:p> <custom>two</custom> <my-widget>three</p>", "One two three"},
		{"nested deeper than the parser goes", strings.Repeat("<div>", 600) + "<p>Deep <b>text</b>.</p><script>x()</script>" + strings.Repeat("</div>", 600) + "<p>After.</p>", "Deep text.\n\nAfter."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, decodeText(tt.in))
		})
	}
}

// TestReadMarkupFields: a record's text and title that are HTML are read
// as their text; a text file's markup is left as written.
func TestReadMarkupFields(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.jsonl": `{"id": "h1", "title": "Trump <em>quietly</em> crafts a plan", "content": "<p>The plan has <a href=\"https://example.com/x\">28 points</a>.</p><p>Witkoff leads it.</p>"}` + "\n",
		"b.csv":   "id,text\nc1,\"<p>One.</p>\n<p>Two.</p>\"\n",
		"c.md":    "A title\n\nText with a line<br>break.\n",
	})
	r := read(t, []string{dir}, Options{})
	h := r.byID(t, "h1")
	assert.Equal(t, "Trump quietly crafts a plan", h.Title)
	assert.Equal(t, "The plan has 28 points.\n\nWitkoff leads it.", h.Text)
	assert.Equal(t, []string{"The plan has 28 points.", "Witkoff leads it."}, bodyParagraphs(h))
	assert.Equal(t, "One.\n\nTwo.", r.byID(t, "c1").Text)
	assert.Contains(t, r.byID(t, "c").Text, "line<br>break", "a text file is read as written")
	for _, a := range r.articles {
		checkSpans(t, a)
	}
}

func bodyParagraphs(a Article) []string {
	return strings.Split(bodyText(a), "\n\n")
}

func FuzzMarkupText(f *testing.F) {
	for _, s := range []string{"<p>a</p><p>b</p>", "x<br>y", "<pre>a\n b</pre>", "<li>x", "<script>", "&lt;p&gt;", "<td>a</td>", "a\n\n<b>b</b>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		got := markupText(s)
		require.True(t, utf8.ValidString(got))
		if !strings.Contains(strings.ToLower(s), "pre") {
			// Outside <pre>, white space is the writer's.
			require.Equal(t, strings.TrimSpace(got), got, "no white space at the ends")
			require.NotContains(t, got, "\n\n\n", "no more than one blank line")
		}
		if isMarkup(s) {
			require.Equal(t, got, decodeText(s))
		}
	})
}

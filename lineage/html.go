package lineage

import (
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"
	"sync"
)

// htmlNode is a piece of a member's text: plain text, or a highlighted span
// holding further pieces.
type htmlNode struct {
	Text     string
	Span     *Span
	Children []htmlNode
	Note     int    // the footnote number of Span
	Title    string // Span's reason, its names isolated (see [bidiNames.Text])
}

// laminate returns spans cut so that any two either nest or are disjoint:
// a span that starts inside another and ends after it is split at the
// other's end. Every piece keeps its kind and reason and points at its own
// byte range.
func laminate(spans []Span, text string) []Span {
	work := slices.Clone(spans)
	less := func(a, b Span) int {
		switch {
		case a.Start != b.Start:
			return a.Start - b.Start
		case a.End != b.End:
			return b.End - a.End
		}
		return strings.Compare(a.Kind, b.Kind)
	}
	slices.SortStableFunc(work, less)
	var out, stack []Span
	for i := 0; i < len(work); i++ {
		s := work[i]
		if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
			continue
		}
		for len(stack) > 0 && stack[len(stack)-1].End <= s.Start {
			stack = stack[:len(stack)-1]
		}
		if len(stack) > 0 && s.End > stack[len(stack)-1].End {
			cut := stack[len(stack)-1].End
			rest := s
			rest.Start, rest.Text = cut, text[cut:s.End]
			s.End, s.Text = cut, text[s.Start:cut]
			j, _ := slices.BinarySearchFunc(work[i+1:], rest, less)
			work = slices.Insert(work, i+1+j, rest)
		}
		out = append(out, s)
		stack = append(stack, s)
	}
	return out
}

// htmlTree renders text[start:end] with the laminar spans inside it.
func htmlTree(text string, start, end int, spans []Span) []htmlNode {
	var out []htmlNode
	pos := start
	for i := 0; i < len(spans); {
		s := spans[i]
		if s.Start > pos {
			out = append(out, htmlNode{Text: text[pos:s.Start]})
		}
		j := i + 1
		for j < len(spans) && spans[j].Start < s.End {
			j++
		}
		sp := s
		out = append(out, htmlNode{Span: &sp, Children: htmlTree(text, s.Start, s.End, spans[i+1:j])})
		pos, i = s.End, j
	}
	if pos < end {
		out = append(out, htmlNode{Text: text[pos:end]})
	}
	return out
}

// htmlNote is the footnote of one highlight: its number, kind and
// reason.
type htmlNote struct {
	N         int
	Kind, Why string
}

// Label is the note's kind as the legend names it ("quotation kept
// verbatim", not "quote_verbatim").
func (n htmlNote) Label() string {
	if l, ok := kindLabels[n.Kind]; ok {
		return l
	}
	return n.Kind
}

// kindLabels are the legend's names of the span kinds whose own names
// are not words (a furniture span's reason names it already: "page
// furniture: a photo caption …").
var kindLabels = map[string]string{
	SpanQuoteVerbatim: "quotation kept verbatim",
	SpanQuoteAltered:  "quotation altered",
}

// number assigns footnote numbers to the highlights of nodes, in reading
// order, and returns their notes: highlights of one kind and reason share
// a note (every bullet of a summary box, every sentence of new
// background), which keeps the notes short.
func number(nodes []htmlNode, notes []htmlNote) []htmlNote {
	for i := range nodes {
		n := &nodes[i]
		if n.Span == nil {
			continue
		}
		n.Note = 0
		for _, x := range notes {
			if x.Kind == n.Span.Kind && x.Why == n.Span.Why {
				n.Note = x.N
				break
			}
		}
		if n.Note == 0 {
			n.Note = len(notes) + 1
			notes = append(notes, htmlNote{N: n.Note, Kind: n.Span.Kind, Why: n.Span.Why})
		}
		notes = number(n.Children, notes)
	}
	return notes
}

// isolateTitles sets the Title of every highlight of nodes: its reason with
// the names in it isolated.
func isolateTitles(nodes []htmlNode, names *bidiNames) {
	for i := range nodes {
		if n := &nodes[i]; n.Span != nil {
			n.Title = names.Text(n.Span.Why)
			isolateTitles(n.Children, names)
		}
	}
}

type htmlDropped struct {
	Index  int
	S      RefSentence
	Clause bool // S is the run of the sentence's words left out
}

type htmlMember struct {
	M       Member
	Against string // the reference's source, in a pair
	Body    []htmlNode
	Notes   []htmlNote
	Dropped []htmlDropped
}

type htmlReport struct {
	R       *Report
	Members []htmlMember
	Names   *bidiNames // the IDs and outlets of R's sentences, to isolate
}

type htmlPage struct {
	Title string
	Index string // the index page's address, "" when there is none
	R     *Report
	Names *bidiNames // the IDs and outlets of R's sentences, to isolate
	// Reports are the report and, for a pair, its reverse.
	Reports []htmlReport
	Rows    []htmlMember // the summary table's rows
}

// WriteHTML writes r as one self-contained HTML page; see WriteHTMLPage.
func (r *Report) WriteHTML(w io.Writer) error { return r.WriteHTMLPage(w, "", "") }

// WriteHTMLPage writes r as one self-contained HTML page titled after
// group (may be ""), linking to the index page of its groups at address
// index when it is not "": the summary table, a legend, the reference once, then
// every member with its outlet, title, date and URL, its text with added
// text, editorial spans, quotations, furniture and boilerplate each
// highlighted in its own colour, and beside it the reason of every
// highlight under its footnote number (shown after the highlight, so it
// reads without hovering and in print) and the reference sentences it
// dropped. A pair is shown both ways. Every highlight carries data-kind,
// data-start and data-end (byte offsets into the member's text, or into
// the reference member's text, data-member, for dropped sentences). All
// article text is escaped by html/template; the page has no script. Each
// piece of it outside a table cell (an ID, outlet, title, text or sentence)
// is a bidirectional isolate (bdi, or dir="auto"), and so is each ID,
// outlet and quotation in the reasons and notes the page writes (between
// isolate marks in a title attribute), so that a title or an outlet in
// Arabic or Hebrew, or a direction override left open in one, does not
// reorder the date or words after it.
func (r *Report) WriteHTMLPage(w io.Writer, group, index string) error {
	names := newBidiNames(r)
	page := htmlPage{Title: group, Index: index, R: r, Names: names}
	for _, rr := range []*Report{r, r.Reverse} {
		if rr == nil {
			continue
		}
		hr := htmlReport{R: rr, Names: names}
		for _, m := range rr.Members {
			hm := htmlMember{M: m, Body: htmlTree(m.text, 0, len(m.text), laminate(m.Spans, m.text))}
			if rr.Reference.Kind == KindPair {
				hm.Against = rr.Reference.SourceID
			}
			hm.Notes = number(hm.Body, nil)
			isolateTitles(hm.Body, names)
			for _, d := range m.Dropped {
				switch {
				case d.Ref < 0 || d.Ref >= len(rr.Reference.Sentences):
				case d.Clause:
					hm.Dropped = append(hm.Dropped, htmlDropped{Index: d.Ref, S: RefSentence{Member: d.Member, Start: d.Start, End: d.End, Text: d.Text}, Clause: true})
				default:
					hm.Dropped = append(hm.Dropped, htmlDropped{Index: d.Ref, S: rr.Reference.Sentences[d.Ref]})
				}
			}
			hr.Members = append(hr.Members, hm)
			page.Rows = append(page.Rows, hm)
		}
		page.Reports = append(page.Reports, hr)
	}
	if err := pageTemplate().Execute(w, page); err != nil {
		return fmt.Errorf("lineage: writing HTML: %w", err)
	}
	return nil
}

// IndexEntry is one group of an index page: its label, the file name of
// its page, and its report ([Report.Summary] is enough).
type IndexEntry struct {
	Group, Page string
	Report      *Report
}

// Summary returns what an index page shows of r: the reference's kind,
// article, metadata and why, the notes, and each member's metadata and
// headline figures, without the texts, sentences, spans and evidence, so
// that an index of many groups need not hold their reports.
func (r *Report) Summary() *Report {
	ref := r.Reference
	s := &Report{
		Reference: Reference{
			Kind: ref.Kind, SourceID: ref.SourceID, Outlet: ref.Outlet, Title: ref.Title, TitleDerived: ref.TitleDerived,
			Published: ref.Published, URL: ref.URL, Inferred: ref.Inferred, Why: ref.Why, Words: ref.Words,
		},
		Members: make([]Member, len(r.Members)),
		Notes:   r.Notes,
	}
	if r.Reverse != nil {
		s.Reverse = r.Reverse.Summary()
	}
	for i, m := range r.Members {
		s.Members[i] = Member{
			ID: m.ID, Outlet: m.Outlet, Title: m.Title, TitleDerived: m.TitleDerived, Published: m.Published, URL: m.URL, Words: m.Words,
			KeptShare: m.KeptShare, AddedShare: m.AddedShare, DroppedShare: m.DroppedShare,
			VerbatimShare: m.VerbatimShare, EditorialScore: m.EditorialScore, Quotes: m.Quotes, CopyOf: m.CopyOf,
		}
	}
	return s
}

// IndexOutlet is one outlet's line on an index page: its figures over the
// groups listed (package lineage/outlets sums them; "" names the articles
// with no outlet).
type IndexOutlet struct {
	Outlet                    string
	Articles, Groups, Sources int
	KeptShare, AddedShare     float64
	DroppedShare              float64
	EditorialScore            float64
	ScoredArticles            int // the articles the editorial score is the mean of
}

// WriteIndexHTML writes a self-contained page that lists groups, each
// linking to its page, with its reference and, per member, outlet, title,
// date and the headline figures; outlets, when given, head it as a table.
func WriteIndexHTML(w io.Writer, entries []IndexEntry, outlets []IndexOutlet) error {
	data := struct {
		Entries []IndexEntry
		Outlets []IndexOutlet
	}{entries, outlets}
	if err := indexTemplate().Execute(w, data); err != nil {
		return fmt.Errorf("lineage: writing the HTML index: %w", err)
	}
	return nil
}

const pageStyle = `<style>
body { font: 15px/1.5 system-ui, sans-serif; margin: 1.5em; color: #222; max-width: 90em; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: right; vertical-align: top; }
th:first-child, td:first-child, th.l, td.l { text-align: left; }
td:first-child { white-space: nowrap; }
section.pair { border-top: 2px solid #444; padding-top: 0.5em; margin-top: 1.5em; }
.cols { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.5em; }
@media (max-width: 50em) { .cols { grid-template-columns: 1fr; } }
.text { white-space: pre-wrap; }
ol.ref li { margin-bottom: 0.3em; }
ol.notes, ol.dropped { font-size: 85%; line-height: 1.35; padding-left: 2.4em; }
ol.notes li { margin-bottom: 0.1em; }
.carried { color: #666; font-size: 85%; }
mark { color: inherit; border-radius: 2px; }
mark[data-note]::after { content: "[" attr(data-note) "]"; font-size: 70%; vertical-align: super; color: #555; margin-left: 1px; }
mark.added { background: #c8f0c8; }
mark.editorial { background: #ffd08a; outline: 1px solid #e08a00; }
mark.boilerplate { background: #e4e4e4; color: #666; }
mark.furniture { background: #f3f3f3; color: #8a8a8a; }
mark.quote_verbatim { background: #cfe3ff; }
mark.quote_altered { background: #e6d0ff; }
mark.dropped { background: #ffc8c8; text-decoration: line-through; }
.legend mark { padding: 0 0.4em; margin-right: 0.6em; }
.why, .meta { color: #555; font-size: 90%; }
.note { color: #8a4b00; }
</style>`

var pageTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("page").Funcs(template.FuncMap{
		"pct":      func(x float64) string { return fmt.Sprintf("%.1f", percent(x)) },
		"addedPct": func(kept, added float64) string { return fmt.Sprintf("%.1f", addedPercent(kept, added)) },
		"plural":   plural,
	}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>wirediff lineage{{if .Title}} {{.Title}}{{end}}{{if .R.Reference.SourceID}}: {{.R.Reference.Kind}} {{.R.Reference.SourceID}}{{else}}: consensus{{end}}</title>
` + pageStyle + `
</head>
<body>
{{if .Index}}<p><a href="{{.Index}}">all groups</a></p>
{{end}}
<h1>Lineage{{if .Title}} of {{.Title}}{{end}}</h1>
<p id="reference-kind" data-kind="{{.R.Reference.Kind}}">Reference: <strong>{{.R.Reference.Kind}}</strong>{{if .R.Reference.SourceID}} <bdi>{{.R.Reference.SourceID}}</bdi>{{if .R.Reference.Outlet}} (<bdi>{{.R.Reference.Outlet}}</bdi>){{end}}{{if eq .R.Reference.Kind "source"}}{{if .R.Reference.Inferred}}, inferred{{else}}, given{{end}}{{end}}{{end}}. <span class="why">{{.Names.HTML .R.Reference.Why}}</span></p>
{{range .R.Notes}}<p class="note">Note: {{$.Names.HTML .}}</p>
{{end}}<table id="summary">
<thead><tr><th>member</th><th class="l">outlet</th>{{if eq .R.Reference.Kind "pair"}}<th class="l">against</th>{{end}}<th>kept %</th><th>verbatim %</th><th>added %</th><th>dropped %</th><th>editorial / 1k words</th><th>quotes verbatim / altered / dropped</th></tr></thead>
<tbody>
{{range .Rows}}<tr><td><a href="#m-{{.M.ID}}{{if .Against}}-{{.Against}}{{end}}">{{.M.ID}}</a></td><td class="l">{{.M.Outlet}}</td>{{if .Against}}<td class="l">{{.Against}}</td>{{end}}<td>{{pct .M.KeptShare}}</td><td>{{pct .M.VerbatimShare}}</td><td>{{addedPct .M.KeptShare .M.AddedShare}}</td><td>{{pct .M.DroppedShare}}</td><td>{{printf "%.1f" .M.EditorialScore}}</td><td>{{.M.Quotes.Verbatim}} / {{.M.Quotes.Altered}} / {{.M.Quotes.Dropped}}</td></tr>
{{end}}</tbody>
</table>
<p class="legend">Legend:
<mark class="added">added (not in the reference)</mark>
<mark class="editorial">editorial</mark>
<mark class="furniture">page furniture (not compared)</mark>
<mark class="boilerplate">boilerplate</mark>
<mark class="quote_verbatim">quotation kept verbatim</mark>
<mark class="quote_altered">quotation altered</mark>
<mark class="dropped">reference sentence dropped</mark>
The number after a highlight is its note, beside the text.</p>
{{range .Reports}}{{template "report" .}}{{end}}
</body>
</html>
{{define "report"}}<section class="reference" id="ref-{{.R.Reference.SourceID}}" data-kind="{{.R.Reference.Kind}}">
<h2>Reference{{if .R.Reference.SourceID}}: <bdi>{{.R.Reference.SourceID}}</bdi>{{if .R.Reference.Outlet}} (<bdi>{{.R.Reference.Outlet}}</bdi>){{end}}{{else}}: consensus{{end}}</h2>
{{with .R.Reference}}{{if or .Title .Published .URL}}<p class="meta">{{if .Title}}<cite dir="auto">{{if .TitleDerived}}~ {{end}}{{.Title}}</cite>{{end}}{{if .Published}} · {{.Published}}{{end}}{{if .URL}} · <a href="{{.URL}}">{{.URL}}</a>{{end}}</p>{{end}}{{end}}
<p class="why">{{plural (len .R.Reference.Sentences) "sentence" "sentences"}}, {{plural .R.Reference.Words "word" "words"}}{{if eq .R.Reference.Kind "consensus"}}; each sentence names the members that carry its fact{{end}}.</p>
<ol class="ref" start="0">
{{range $i, $s := .R.Reference.Sentences}}<li id="ref-{{$.R.Reference.SourceID}}-{{$i}}" data-ref="{{$i}}"><bdi>{{$s.Text}}</bdi> <span class="carried">(<bdi>{{$s.Member}}</bdi>; carried by {{len $s.CarriedBy}})</span></li>
{{end}}</ol>
</section>
{{range .Members}}
<section class="pair" id="m-{{.M.ID}}{{if .Against}}-{{.Against}}{{end}}" data-member="{{.M.ID}}">
<h2><bdi>{{.M.ID}}</bdi>{{if .M.Outlet}} — <bdi>{{.M.Outlet}}</bdi>{{end}}{{if .Against}} against <bdi>{{.Against}}</bdi>{{end}}</h2>
<p class="meta member-meta">{{if .M.Title}}<cite dir="auto">{{if .M.TitleDerived}}~ {{end}}{{.M.Title}}</cite>{{else}}no title{{end}} · {{if .M.Published}}{{.M.Published}}{{else}}date unknown{{end}}{{if .M.URL}} · <a href="{{.M.URL}}">{{.M.URL}}</a>{{end}}{{if .M.CopyOf}} · a verbatim copy of <bdi>{{.M.CopyOf}}</bdi>{{end}}</p>
<p class="why">kept {{pct .M.KeptShare}}% ({{pct .M.VerbatimShare}}% word for word), added {{addedPct .M.KeptShare .M.AddedShare}}%, dropped {{pct .M.DroppedShare}}% of the reference, editorial score {{printf "%.1f" .M.EditorialScore}}</p>
<div class="cols">
<div class="text member-text" dir="auto">{{range .Body}}{{template "node" .}}{{end}}</div>
<aside>
<h3>Notes</h3>
{{if .Notes}}<ol class="notes">
{{range .Notes}}<li value="{{.N}}" data-note="{{.N}}" data-kind="{{.Kind}}"><strong>{{.Label}}</strong>: {{$.Names.HTML .Why}}</li>
{{end}}</ol>{{else}}<p class="meta">No highlights.</p>{{end}}
<h3>Dropped from the reference ({{len .Dropped}})</h3>
{{if .Dropped}}<ol class="dropped">
{{range .Dropped}}<li value="{{.Index}}">{{if .Clause}}part of it: {{end}}<mark class="dropped" dir="auto" data-kind="dropped" data-member="{{.S.Member}}" data-start="{{.S.Start}}" data-end="{{.S.End}}">{{.S.Text}}</mark></li>
{{end}}</ol>{{else}}<p class="meta">None.</p>{{end}}
</aside>
</div>
</section>
{{end}}{{end}}
{{define "node"}}{{if .Span}}<mark class="{{.Span.Kind}}" data-kind="{{.Span.Kind}}" data-start="{{.Span.Start}}" data-end="{{.Span.End}}" data-note="{{.Note}}" title="{{.Title}}">{{range .Children}}{{template "node" .}}{{end}}</mark>{{else}}{{.Text}}{{end}}{{end}}`))
})

var indexTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("index").Funcs(template.FuncMap{
		"pct":      func(x float64) string { return fmt.Sprintf("%.1f", percent(x)) },
		"addedPct": func(kept, added float64) string { return fmt.Sprintf("%.1f", addedPercent(kept, added)) },
		"plural":   plural,
		"isolate":  func(r *Report, s string) template.HTML { return newBidiNames(r).HTML(s) },
	}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>wirediff lineage: {{plural (len .Entries) "group" "groups"}}</title>
` + pageStyle + `
</head>
<body>
<h1>Lineage of {{plural (len .Entries) "group" "groups"}}</h1>
{{if .Outlets}}<h2>Outlets</h2>
<p class="why">Each outlet's articles in the groups below: how many were compared with a reference, in how many groups, how often its article was the source, and the means of their shares and editorial scores. An article's outlet is its outlet field or its URL's domain.</p>
<table id="outlets">
<thead><tr><th class="l">outlet</th><th>articles</th><th>groups</th><th>source of</th><th>kept %</th><th>added %</th><th>dropped %</th><th>editorial / 1k</th></tr></thead>
<tbody>
{{range .Outlets}}<tr><td>{{if .Outlet}}{{.Outlet}}{{else}}(none){{end}}</td><td>{{.Articles}}</td><td>{{.Groups}}</td><td>{{.Sources}}</td>{{if .Articles}}<td>{{pct .KeptShare}}</td><td>{{pct .AddedShare}}</td><td>{{pct .DroppedShare}}</td>{{else}}<td>-</td><td>-</td><td>-</td>{{end}}<td>{{if .ScoredArticles}}{{printf "%.1f" .EditorialScore}}{{else}}-{{end}}</td></tr>
{{end}}</tbody>
</table>
<h2>Groups</h2>
{{end}}{{range .Entries}}<section class="group" data-group="{{.Group}}">
<h2><a href="{{.Page}}">{{.Group}}</a></h2>
<p class="why">Reference: <strong>{{.Report.Reference.Kind}}</strong>{{if .Report.Reference.SourceID}} <bdi>{{.Report.Reference.SourceID}}</bdi>{{if .Report.Reference.Outlet}} (<bdi>{{.Report.Reference.Outlet}}</bdi>){{end}}{{end}}. {{isolate .Report .Report.Reference.Why}}</p>
<table>
<thead><tr><th>member</th><th class="l">outlet</th><th class="l">title</th><th class="l">published</th><th>kept %</th><th>added %</th><th>dropped %</th><th>editorial / 1k</th></tr></thead>
<tbody>
{{if .Report.Reverse}}{{range .Report.Reverse.Members}}<tr><td>{{.ID}}</td><td class="l">{{.Outlet}}</td><td class="l">{{if .TitleDerived}}~ {{end}}{{.Title}}</td><td class="l">{{.Published}}</td><td>{{pct .KeptShare}}</td><td>{{addedPct .KeptShare .AddedShare}}</td><td>{{pct .DroppedShare}}</td><td>{{printf "%.1f" .EditorialScore}}</td></tr>
{{end}}{{else}}{{with .Report.Reference}}{{if .SourceID}}<tr><td>{{.SourceID}}</td><td class="l">{{.Outlet}}</td><td class="l">{{if .TitleDerived}}~ {{end}}{{.Title}}</td><td class="l">{{.Published}}</td><td colspan="4" class="l">the reference</td></tr>
{{end}}{{end}}{{end}}{{range .Report.Members}}<tr><td>{{.ID}}</td><td class="l">{{.Outlet}}</td><td class="l">{{if .TitleDerived}}~ {{end}}{{.Title}}</td><td class="l">{{.Published}}</td><td>{{pct .KeptShare}}</td><td>{{addedPct .KeptShare .AddedShare}}</td><td>{{pct .DroppedShare}}</td><td>{{printf "%.1f" .EditorialScore}}</td></tr>
{{end}}</tbody>
</table>
</section>
{{end}}
</body>
</html>
`))
})

package lineage

import (
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"
)

// htmlNode is a piece of a member's text: plain text, or a highlighted span
// holding further pieces.
type htmlNode struct {
	Text     string
	Span     *Span
	Children []htmlNode
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

type htmlRefSentence struct {
	Index   int
	S       RefSentence
	Dropped bool
}

type htmlMember struct {
	M         Member
	Body      []htmlNode
	Reference []htmlRefSentence
}

type htmlPage struct {
	R       *Report
	Members []htmlMember
}

// WriteHTML writes r as one self-contained HTML page: the table on top,
// a legend, then every member beside the reference, with added text,
// editorial spans, quotations, boilerplate and the reference sentences the
// member dropped each highlighted in its own colour. Every highlight
// carries data-kind, data-start and data-end (byte offsets into the
// member's text, or into the reference member's text for dropped
// sentences). All article text is escaped by html/template.
func (r *Report) WriteHTML(w io.Writer) error {
	page := htmlPage{R: r}
	for _, m := range r.Members {
		hm := htmlMember{M: m, Body: htmlTree(m.text, 0, len(m.text), laminate(m.Spans, m.text))}
		dropped := make(map[int]bool)
		for _, d := range m.Dropped {
			dropped[d.Ref] = true
		}
		for i, s := range r.Reference.Sentences {
			hm.Reference = append(hm.Reference, htmlRefSentence{Index: i, S: s, Dropped: dropped[i]})
		}
		page.Members = append(page.Members, hm)
	}
	if err := pageTemplate.Execute(w, page); err != nil {
		return fmt.Errorf("lineage: writing HTML: %w", err)
	}
	return nil
}

var pageTemplate = template.Must(template.New("page").Funcs(template.FuncMap{
	"pct": func(x float64) string { return fmt.Sprintf("%.1f", 100*x) },
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>wirediff lineage{{if .R.Reference.SourceID}}: source {{.R.Reference.SourceID}}{{else}}: consensus{{end}}</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; margin: 1.5em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: right; }
th:first-child, td:first-child, td:nth-child(2) { text-align: left; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5em; border-top: 2px solid #444; padding-top: 0.5em; margin-top: 1.5em; }
.text { white-space: pre-wrap; }
ol.ref li { margin-bottom: 0.3em; }
mark { color: inherit; border-radius: 2px; }
mark.added { background: #c8f0c8; }
mark.editorial { background: #ffd08a; outline: 1px solid #e08a00; }
mark.boilerplate { background: #e4e4e4; color: #666; }
mark.quote_verbatim { background: #cfe3ff; }
mark.quote_altered { background: #e6d0ff; }
mark.dropped { background: #ffc8c8; text-decoration: line-through; }
.legend mark { padding: 0 0.4em; margin-right: 0.6em; }
.why { color: #555; font-size: 90%; }
.note { color: #8a4b00; }
</style>
</head>
<body>
<h1>Lineage of {{len .R.Members}} rewrites</h1>
<p id="reference-kind" data-kind="{{.R.Reference.Kind}}">Reference: <strong>{{.R.Reference.Kind}}</strong>{{if .R.Reference.SourceID}} {{.R.Reference.SourceID}}{{if .R.Reference.Outlet}} ({{.R.Reference.Outlet}}){{end}}{{if .R.Reference.Inferred}}, inferred{{else}}, given{{end}}{{end}}. <span class="why">{{.R.Reference.Why}}</span></p>
{{range .R.Notes}}<p class="note">Note: {{.}}</p>
{{end}}<table id="summary">
<thead><tr><th>member</th><th>outlet</th><th>kept %</th><th>verbatim %</th><th>added %</th><th>dropped %</th><th>editorial / 1k words</th><th>quotes verbatim / altered / dropped</th></tr></thead>
<tbody>
{{range .R.Members}}<tr><td><a href="#m-{{.ID}}">{{.ID}}</a></td><td>{{.Outlet}}</td><td>{{pct .KeptShare}}</td><td>{{pct .VerbatimShare}}</td><td>{{pct .AddedShare}}</td><td>{{pct .DroppedShare}}</td><td>{{printf "%.1f" .EditorialScore}}</td><td>{{.Quotes.Verbatim}} / {{.Quotes.Altered}} / {{.Quotes.Dropped}}</td></tr>
{{end}}</tbody>
</table>
<p class="legend">Legend:
<mark class="added">added (in no other member)</mark>
<mark class="editorial">editorial</mark>
<mark class="boilerplate">boilerplate</mark>
<mark class="quote_verbatim">quotation kept verbatim</mark>
<mark class="quote_altered">quotation altered</mark>
<mark class="dropped">reference sentence dropped</mark>
Hover a highlight for the reason.</p>
{{range .Members}}
<section class="pair" id="m-{{.M.ID}}" data-member="{{.M.ID}}">
<div>
<h2>Reference</h2>
<ol class="ref" start="0">
{{range .Reference}}<li data-ref="{{.Index}}">{{if .Dropped}}<mark class="dropped" data-kind="dropped" data-member="{{.S.Member}}" data-start="{{.S.Start}}" data-end="{{.S.End}}" title="dropped by this member">{{.S.Text}}</mark>{{else}}{{.S.Text}}{{end}}</li>
{{end}}</ol>
</div>
<div>
<h2>{{.M.ID}}{{if .M.Outlet}} ({{.M.Outlet}}){{end}}</h2>
<p class="why">kept {{pct .M.KeptShare}}% ({{pct .M.VerbatimShare}}% word for word), added {{pct .M.AddedShare}}%, dropped {{pct .M.DroppedShare}}% of the reference, editorial score {{printf "%.1f" .M.EditorialScore}}</p>
<div class="text member-text">{{range .Body}}{{template "node" .}}{{end}}</div>
</div>
</section>
{{end}}
</body>
</html>
{{define "node"}}{{if .Span}}<mark class="{{.Span.Kind}}" data-kind="{{.Span.Kind}}" data-start="{{.Span.Start}}" data-end="{{.Span.End}}" title="{{.Span.Why}}">{{range .Children}}{{template "node" .}}{{end}}</mark>{{else}}{{.Text}}{{end}}{{end}}`))

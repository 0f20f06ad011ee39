package lineage

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const chromiumPath = "/usr/bin/chromium"

type renderedMark struct {
	Kind   string `json:"kind"`
	Member string `json:"member"` // section's member, or data-member for dropped
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Text   string `json:"text"`
	Color  string `json:"color"`
	// Note is the highlight's footnote number, After what the page shows
	// after it (its ::after content), Reason the text of the note with
	// that number beside the member's text.
	Note   string `json:"note"`
	After  string `json:"after"`
	Reason string `json:"reason"`
}

// TestHTMLInBrowser renders the seeds' page in headless Chromium and checks
// that every highlight's text is the article slice its data-start and
// data-end name, and that each kind has its own colour.
func TestHTMLInBrowser(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("%s not found: install Debian's chromium (apt-get install -y chromium) to run the browser test", chromiumPath)
	}
	arts := loadSeeds(t)
	rep, err := Analyze(arts, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rep.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(t.TempDir(), "lineage.html")
	if err := os.WriteFile(page, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath), chromedp.NoSandbox, chromedp.Headless, chromedp.DisableGPU,
		chromedp.WindowSize(1400, 1000),
		// Chromium leaves its singleton socket directory in TMPDIR: keep it
		// in the test's own directory, which the test removes.
		chromedp.Env("TMPDIR="+t.TempDir()))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	// The first Run starts the browser: no timeout on its context.
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+page)); err != nil {
		t.Fatalf("chromedp: navigating to the page: %v", err)
	}
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#summary"))); err != nil {
		t.Fatalf("chromedp: the summary table did not render: %v", err)
	}
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#summary tbody tr").length`))
	if err != nil {
		t.Fatal(err)
	}
	kind, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("reference-kind").dataset.kind`))
	if err != nil {
		t.Fatal(err)
	}
	marks, err := chromedp.Run(ctx, chromedp.Evaluate[[]renderedMark](`Array.from(document.querySelectorAll("section.pair mark")).map(m => ({
		kind: m.dataset.kind,
		member: m.dataset.member || m.closest("section").dataset.member,
		start: parseInt(m.dataset.start), end: parseInt(m.dataset.end),
		text: m.textContent,
		color: getComputedStyle(m).backgroundColor,
		note: m.dataset.note || "",
		after: getComputedStyle(m, "::after").content,
		reason: m.dataset.note ? (m.closest("section").querySelector('ol.notes li[data-note="' + m.dataset.note + '"]') || {textContent: ""}).textContent : "",
	}))`))
	if err != nil {
		t.Fatal(err)
	}
	if rows != len(rep.Members) {
		t.Errorf("summary rows = %d, want %d", rows, len(rep.Members))
	}
	if kind != KindConsensus {
		t.Errorf("reference kind = %q, want %q", kind, KindConsensus)
	}
	texts := map[string]string{}
	for _, a := range arts {
		texts[a.ID] = a.Text
	}
	colors := map[string]string{}
	kinds := map[string]int{}
	for _, m := range marks {
		text, ok := texts[m.Member]
		if !ok || m.Start < 0 || m.End > len(text) || m.Start >= m.End {
			t.Errorf("mark %+v: bad member or range", m)
			continue
		}
		if want := text[m.Start:m.End]; m.Text != want {
			t.Errorf("%s mark [%d,%d) in %s renders %q, want %q", m.Kind, m.Start, m.End, m.Member, m.Text, want)
		}
		kinds[m.Kind]++
		if m.Kind != "dropped" {
			// The reason reads without hovering: a number after the
			// highlight, bracketed so that two ends read as two numbers
			// ("[6][1]", not "61"), and the note with that number beside
			// the text.
			if m.Note == "" || m.After != `"[`+m.Note+`]"` {
				t.Errorf("%s mark [%d,%d) in %s shows %s after it, want its note number %q", m.Kind, m.Start, m.End, m.Member, m.After, m.Note)
			}
			if label := (htmlNote{Kind: m.Kind}).Label(); !strings.HasPrefix(m.Reason, label+":") || len(m.Reason) < len(label)+10 {
				t.Errorf("%s mark [%d,%d) in %s: note %s reads %q, want its kind and reason", m.Kind, m.Start, m.End, m.Member, m.Note, m.Reason)
			}
		}
		if c, ok := colors[m.Kind]; ok && c != m.Color {
			t.Errorf("kind %s has colours %s and %s", m.Kind, c, m.Color)
		}
		colors[m.Kind] = m.Color
	}
	for _, k := range []string{SpanAdded, SpanEditorial, SpanBoilerplate, SpanFurniture, SpanQuoteVerbatim, "dropped"} {
		if kinds[k] == 0 {
			t.Errorf("no %s highlight rendered", k)
		}
	}
	seen := map[string]string{}
	for k, c := range colors {
		if other, dup := seen[c]; dup {
			t.Errorf("kinds %s and %s share colour %s", k, other, c)
		}
		seen[c] = k
	}
	t.Logf("%d highlights checked: %v", len(marks), kinds)

	// The reference is shown once, and every member with its metadata.
	layout, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
		References int      `json:"references"`
		Meta       []string `json:"meta"`
		Height     int      `json:"height"`
	}](`({
		references: document.querySelectorAll("section.reference").length,
		meta: Array.from(document.querySelectorAll("section.pair p.member-meta")).map(p => p.textContent),
		height: document.documentElement.scrollHeight,
	})`))
	if err != nil {
		t.Fatal(err)
	}
	if layout.References != 1 {
		t.Errorf("the reference is shown %d times, want once", layout.References)
	}
	if len(layout.Meta) != len(rep.Members) {
		t.Errorf("%d members show metadata, want %d", len(layout.Meta), len(rep.Members))
	}
	for i, m := range rep.Members {
		if i < len(layout.Meta) && m.Published != "" && !strings.Contains(layout.Meta[i], m.Published) {
			t.Errorf("member %s: metadata %q lacks its date %s", m.ID, layout.Meta[i], m.Published)
		}
	}
	t.Logf("page height %d px", layout.Height)

	// The index page links every group's page.
	var idx bytes.Buffer
	outs := []IndexOutlet{{Outlet: "Newslooks", Articles: 1, Groups: 1, KeptShare: 0.24}, {Articles: 4, Groups: 1, KeptShare: 0.43}}
	if err := WriteIndexHTML(&idx, []IndexEntry{{Group: "r:seeds", Page: "seeds.html", Report: rep}}, outs); err != nil {
		t.Fatal(err)
	}
	index := filepath.Join(t.TempDir(), "index.html")
	if err := os.WriteFile(index, idx.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+index)); err != nil {
		t.Fatal(err)
	}
	links, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("section.group h2 a")).map(a => a.getAttribute("href"))`))
	if err != nil {
		t.Fatal(err)
	}
	rowsIdx, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("section.group tbody tr").length`))
	if err != nil {
		t.Fatal(err)
	}
	outletCells, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#outlets tbody tr td:first-child")).map(td => td.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Newslooks", "(none)"}; !slices.Equal(outletCells, want) {
		t.Errorf("index outlets %v, want %v", outletCells, want)
	}
	if len(links) != 1 || links[0] != "seeds.html" {
		t.Errorf("index links %v, want [seeds.html]", links)
	}
	if rowsIdx != len(rep.Members) {
		t.Errorf("index lists %d members, want %d", rowsIdx, len(rep.Members))
	}
	if strings.Contains(buf.String(), "<script") {
		t.Error("page contains a script element")
	}
}

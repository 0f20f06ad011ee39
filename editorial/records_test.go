package editorial

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/wirediff/wirediff/corpus"
)

// readSetUp returns the shipped detector and the paths of two input
// files in a new directory, written by the test.
func readSetUp(t *testing.T) (d *Detector, first, later string) {
	t.Helper()
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	return d, filepath.Join(dir, "1.jsonl"), filepath.Join(dir, "2.jsonl")
}

// TestRead: records in input order, the longer record of an ID read
// twice in the earlier one's place, a bad line skipped and reported.
func TestRead(t *testing.T) {
	d, first, later := readSetUp(t)
	write(t, first, `{"id":"a","text":"The council approved the budget on Tuesday, officials said."}
{"id":"b","text":"Isn't it obvious that this disastrous, shameful plan will fail us all?"}
not json
`)
	write(t, later, `{"id":"a","text":"What a shameful, absurd and utterly disastrous decision this council made today."}`+"\n")
	var problems []corpus.Problem
	opt := corpus.Options{OnProblem: func(p corpus.Problem) { problems = append(problems, p) }}
	recs, st, err := d.Read([]string{first, later}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].ID != "a" || recs[1].ID != "b" {
		t.Fatalf("records %+v, want a then b", recs)
	}
	want, err := d.Text("What a shameful, absurd and utterly disastrous decision this council made today.")
	if err != nil {
		t.Fatal(err)
	}
	if recs[0].EditorialScore != want.EditorialScore || recs[0].EditorialScore == 0 {
		t.Errorf("a: score %v, want the later record's %v (not 0)", recs[0].EditorialScore, want.EditorialScore)
	}
	if len(problems) != 2 || st.SkippedTotal() != 2 {
		t.Errorf("problems %v, skipped %d: want the line that is not JSON and the shorter record of a", problems, st.SkippedTotal())
	}
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestReadMissingFile(t *testing.T) {
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var problems int
	recs, _, err := d.Read([]string{"no/such/file.jsonl"}, corpus.Options{OnProblem: func(corpus.Problem) { problems++ }})
	if err == nil && problems == 0 {
		t.Fatalf("no error and no problem for a missing file; records %v", recs)
	}
}

// TestReadBatches: records read across several batches, on one core or
// many, are each the reading of their text, in input order, and a later
// record of an ID read batches after the first replaces it in its place.
func TestReadBatches(t *testing.T) {
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"The council approved the budget on Tuesday, officials said.",
		"Isn't it obvious that this disastrous, shameful plan will fail us all?",
		"The senator unveiled yet another absurd plan that might backfire.",
	}
	var b strings.Builder
	want := map[string]string{}
	var ids []string
	for i := range 700 {
		id := fmt.Sprintf("r%03d", i)
		text := texts[i%len(texts)]
		fmt.Fprintf(&b, "{\"id\":%q,\"text\":%q}\n", id, text)
		want[id] = text
		ids = append(ids, id)
	}
	longer := texts[1] + " " + texts[2] // the longer record of r005 is kept
	fmt.Fprintf(&b, "{\"id\":\"r005\",\"text\":%q}\n", longer)
	want["r005"] = longer
	path := filepath.Join(t.TempDir(), "many.jsonl")
	write(t, path, b.String())

	reading := map[string]*Result{}
	for _, text := range append(texts, longer) {
		if reading[text], err = d.Text(text); err != nil {
			t.Fatal(err)
		}
	}
	for _, procs := range []int{1, 4} {
		old := runtime.GOMAXPROCS(procs)
		recs, _, err := d.Read([]string{path}, corpus.Options{})
		runtime.GOMAXPROCS(old)
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != len(ids) {
			t.Fatalf("GOMAXPROCS %d: %d records, want %d", procs, len(recs), len(ids))
		}
		for i, r := range recs {
			if r.ID != ids[i] {
				t.Fatalf("GOMAXPROCS %d: record %d is %s, want %s", procs, i, r.ID, ids[i])
			}
			if !reflect.DeepEqual(r.Result, reading[want[r.ID]]) {
				t.Errorf("GOMAXPROCS %d: %s is not the reading of its text %q", procs, r.ID, want[r.ID])
			}
		}
	}
}

// TestStream: the records Stream emits are those Read returns, in the
// same order, with a repeated ID's kept record in its first record's
// place (however far the later one is), each skipped input reported
// once, standard input among the paths too; an error of emit stops it.
func TestStream(t *testing.T) {
	d, first, later := readSetUp(t)
	var b strings.Builder
	b.WriteString(`{"id":"a","text":"The council approved the budget on Tuesday, officials said."}` + "\n")
	for i := range 600 { // more than a batch between a's two records
		fmt.Fprintf(&b, `{"id":"r%03d","text":"Record %d says the mayor opened a bridge."}`+"\n", i, i)
	}
	b.WriteString("not json\n")
	b.WriteString(`{"id":"b","text":"Isn't it obvious that this disastrous, shameful plan will fail us all?"}` + "\n")
	b.WriteString(`{"id":"b","text":"Short."}` + "\n")
	write(t, first, b.String())
	write(t, later, `{"id":"a","text":"What a shameful, absurd and utterly disastrous decision this council made today."}`+"\n")
	paths := []string{first, later}

	var readProblems, streamProblems []corpus.Problem
	recs, rst, err := d.Read(paths, corpus.Options{OnProblem: func(p corpus.Problem) { readProblems = append(readProblems, p) }})
	if err != nil {
		t.Fatal(err)
	}
	var got []Record
	sst, err := d.Stream(paths, corpus.Options{OnProblem: func(p corpus.Problem) { streamProblems = append(streamProblems, p) }},
		func(r Record) error {
			got = append(got, r)
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, recs) {
		t.Errorf("Stream emitted %d records, Read returned %d; first %v / %v", len(got), len(recs), got[0].ID, recs[0].ID)
	}
	if !reflect.DeepEqual(sst, rst) || !reflect.DeepEqual(streamProblems, readProblems) {
		t.Errorf("Stream: stats %+v, problems %v; Read: %+v, %v", sst, streamProblems, rst, readProblems)
	}
	if len(got) != 602 || got[0].ID != "a" || got[0].EditorialScore == 0 {
		t.Errorf("%d records, the first %q with score %v: want 602, a in its first place with the later record's reading", len(got), got[0].ID, got[0].EditorialScore)
	}

	// Standard input is read twice from a copy: the same records as
	// Read gives, in the same order, with the same problems.
	stdin := []string{"-", later}
	readProblems, streamProblems = nil, nil
	recs, rst, err = d.Read(stdin, corpus.Options{Stdin: strings.NewReader(b.String()),
		OnProblem: func(p corpus.Problem) { readProblems = append(readProblems, p) }})
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	sst, err = d.Stream(stdin, corpus.Options{Stdin: strings.NewReader(b.String()),
		OnProblem: func(p corpus.Problem) { streamProblems = append(streamProblems, p) }},
		func(r Record) error {
			got = append(got, r)
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 602 || !reflect.DeepEqual(got, recs) {
		t.Errorf("from standard input Stream emitted %d records, Read returned %d, want the same 602", len(got), len(recs))
	}
	if !reflect.DeepEqual(sst, rst) || !reflect.DeepEqual(streamProblems, readProblems) || len(readProblems) != 3 {
		t.Errorf("from standard input Stream: stats %+v, problems %v; Read: %+v, %v", sst, streamProblems, rst, readProblems)
	}

	stop := fmt.Errorf("stop")
	n := 0
	if _, err := d.Stream(paths, corpus.Options{}, func(Record) error {
		if n++; n == 3 {
			return stop
		}
		return nil
	}); err != stop || n != 3 {
		t.Errorf("emit's error stopped it after %d records with %v, want 3 and %v", n, err, stop)
	}
}

// TestArticleLayout: an article is read in the sentences of its body, a
// hard-wrapped copy in the same sentences with the same reading (its
// quotations run on across the lines), and its page furniture is
// unscored; a record that is a headline alone is read as it is.
func TestArticleLayout(t *testing.T) {
	d, err := Default()
	require.NoError(t, err)
	seed := readSeeds(t)["003_d4f861dc4b37a64b"]
	wrapped := wrap(seed, 60)
	require.NotEqual(t, seed, wrapped)
	flat, err := d.Article(&corpus.Article{Text: seed})
	require.NoError(t, err)
	hard, err := d.Article(&corpus.Article{Text: wrapped})
	require.NoError(t, err)
	assert.Equal(t, flat.EditorialScore, hard.EditorialScore)
	require.Len(t, hard.Sentences, len(flat.Sentences))
	for i, s := range hard.Sentences {
		f := flat.Sentences[i]
		assert.Equal(t, strings.Join(strings.Fields(seed[f.Start:f.End]), " "), strings.Join(strings.Fields(wrapped[s.Start:s.End]), " "))
		assert.Equal(t, []any{f.Kind, f.Label, f.PEditorial, f.Unscored}, []any{s.Kind, s.Label, s.PEditorial, s.Unscored}, "%q", wrapped[s.Start:s.End])
	}

	text := "Talks Resume in Geneva\nThe envoys met on Monday, officials said.\nVladimir Putin (Photo: EPA)\nThey will meet again."
	res, err := d.Article(&corpus.Article{Text: text})
	require.NoError(t, err)
	var unscored []string
	for _, s := range res.Sentences {
		if s.Unscored != "" {
			unscored = append(unscored, text[s.Start:s.End]+": "+s.Unscored)
		}
	}
	assert.Equal(t, []string{
		"Talks Resume in Geneva: page furniture: a headline or subhead (a short title-case line without final punctuation)",
		"Vladimir Putin (Photo: EPA): page furniture: a photo caption or credit",
	}, unscored)
	assert.Equal(t, 2, res.Unscored)

	res, err = d.Article(&corpus.Article{Text: "Trump Slams Radical Democrats Over Border Crisis"})
	require.NoError(t, err)
	require.Len(t, res.Sentences, 1)
	assert.Empty(t, res.Sentences[0].Unscored, "a headline alone is the text to read")
}

// wrap breaks the lines of text at spaces so that none is longer than
// width bytes, as plain-text wire copy is.
func wrap(text string, width int) string {
	var b strings.Builder
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		n := 0
		for j, w := range strings.Fields(line) {
			if j > 0 {
				if n+1+len(w) > width {
					b.WriteByte('\n')
					n = 0
				} else {
					b.WriteByte(' ')
					n++
				}
			}
			b.WriteString(w)
			n += len(w)
		}
	}
	return b.String()
}

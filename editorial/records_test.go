package editorial

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/wirediff/wirediff/corpus"
)

// TestRead: records in input order, the longer record of an ID read
// twice in the earlier one's place, a bad line skipped and reported.
func TestRead(t *testing.T) {
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	first := filepath.Join(dir, "1.jsonl")
	later := filepath.Join(dir, "2.jsonl")
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

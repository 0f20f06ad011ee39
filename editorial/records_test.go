package editorial

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
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

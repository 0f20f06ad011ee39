package devdata

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// CloughText is one text of the Clough & Stevenson (2011) corpus: a
// source passage (Category "orig") or an answer written from it ("cut",
// "light", "heavy" or "non").
type CloughText struct {
	ID       string // the file name without ".txt", e.g. g0pA_taska
	Task     string // a to e
	Category string
	Text     string
}

// SourceID is the ID of the source passage of the text's task.
func (c CloughText) SourceID() string { return "orig_task" + c.Task }

// Clough reads the corpus in the order of its file_information.csv,
// source passages included, skipping t when the data is not there. 17
// answers are Windows-1252 ("don\x92t"); they are decoded as such.
func Clough(t testing.TB) []CloughText {
	t.Helper()
	dir := Path(t, "data/clough-stevenson-2011/data")
	f, err := os.Open(filepath.Join(dir, "file_information.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	var out []CloughText
	for _, r := range rows[1:] {
		if len(r) < 3 {
			t.Fatalf("file_information.csv: short row %q", r)
		}
		b, err := os.ReadFile(filepath.Join(dir, r[0]))
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(b) {
			if b, err = charmap.Windows1252.NewDecoder().Bytes(b); err != nil {
				t.Fatalf("%s: %v", r[0], err)
			}
		}
		out = append(out, CloughText{ID: strings.TrimSuffix(r[0], ".txt"), Task: r[1], Category: r[2], Text: string(b)})
	}
	return out
}

package corpus_test

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/wirediff/wirediff/corpus"
)

func ExampleRead() {
	stats, err := corpus.Read([]string{"testdata/bad/dup-ids.jsonl"}, corpus.Options{
		OnProblem: func(p corpus.Problem) { fmt.Println("skipped:", p) },
	}, func(a corpus.Article) error {
		fmt.Printf("%s: %s\n", a.ID, a.Text)
		return nil
	})
	if err != nil {
		fmt.Println(err)
	}
	fmt.Printf("%d read, %d skipped\n", stats.Read, stats.SkippedTotal())
	// Output:
	// d1: One.
	// d2: Two.
	// skipped: testdata/bad/dup-ids.jsonl:1: duplicate-id: id "d1" replaced by the record at testdata/bad/dup-ids.jsonl:3 (the longer)
	// d1: One again, with the same id.
	// 7: A numeric id.
	// skipped: testdata/bad/dup-ids.jsonl:4: duplicate-id: id "7" replaced by the record at testdata/bad/dup-ids.jsonl:5 (the longer)
	// 7: The same id as a string.
	// 3 read, 2 skipped
}

func ExampleArticle_ExtractMetadata() {
	a := corpus.Article{Text: "Deal Takes Shape/ Newslooks/ WASHINGTON/ J. Mansour/ Morning Edition/ The plan has 28 points.\n\n" +
		"You must Register or Login to post a comment."}
	a.ExtractMetadata()
	fmt.Printf("title %q, outlet %q, byline %q\n", a.Title, a.Outlet, a.Byline)
	for _, s := range a.Body() {
		fmt.Printf("body %q\n", a.Text[s.Start:s.End])
	}
	// Output:
	// title "Deal Takes Shape", outlet "Newslooks", byline "J. Mansour"
	// body "Deal Takes Shape"
	// body "The plan has 28 points.\n\n"
}

func ExampleParseEncoding() {
	enc, err := corpus.ParseEncoding("latin1") // read as windows-1252, as browsers do
	if err != nil {
		fmt.Println(err)
		return
	}
	text, err := io.ReadAll(corpus.Decode(strings.NewReader("The caf\xe9\x92s owner"), enc))
	if err != nil {
		fmt.Println(err)
	}
	fmt.Println(string(text))
	_, err = corpus.ParseEncoding("klingon")
	fmt.Println(errors.Is(err, corpus.ErrUnknownEncoding))
	// Output:
	// The café’s owner
	// true
}

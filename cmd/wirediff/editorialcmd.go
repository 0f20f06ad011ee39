package main

import (
	"fmt"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/editorial"
	"github.com/wirediff/wirediff/listing"
)

const editorialUsage = `Usage: wirediff editorial [--format table|json|jsonl|csv|tsv] PATH... | -

Reads articles or single sentences (JSON lines {"id","text",...}, .json,
.csv or .txt files, directories, or - for JSON lines on standard input)
and, with no group to compare against, marks where each one editorializes:
every sentence is reporting (attributed or quoted), background
(unattributed fact) or commentary (the writer's opinion), labelled
editorial or neutral with its probability; commentary sentences and
loaded words in the writer's own voice are editorial spans, each with the
cues that decided it. The editorial score is commentary sentences and
loaded words per 1,000 words outside quotations.

--format jsonl writes one record per input record:
  {"id", "editorial_score", "sentences": [{"start", "end", "kind", "label",
  "p_editorial"}], "spans": [{"kind", "start", "end", "text", "why"}]}
with byte offsets into the record's text; json writes them in one
document {"records": [...]}; table (the default) one line per record
and its spans beneath; csv and tsv one row per record with its counts
(id, editorial_score, sentences, editorial, commentary, reporting, spans).

Examples:
  wirediff editorial testdata/seeds
  echo '{"id":"s1","text":"The senator unveiled yet another absurd plan."}' | wirediff editorial --format jsonl -
`

func cmdEditorial(e *env, args []string) error {
	fs := newFlagSet("editorial")
	format := formatFlag(fs)
	if err := parseFlags(e, fs, editorialUsage, args); err != nil {
		return err
	}
	f, err := parseFormat(*format)
	if err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("editorial: give a PATH or - for standard input")
	}
	det, err := editorial.Default()
	if err != nil {
		return err
	}
	problems := 0
	opt := corpus.Options{Stdin: e.stdin, OnProblem: func(p corpus.Problem) {
		problems++
		fmt.Fprintf(e.stderr, "wirediff editorial: skipped %v\n", p)
	}}
	recs, _, err := det.Read(fs.Args(), opt)
	if err != nil {
		return cliError{err, 1}
	}
	if problems > 0 {
		fmt.Fprintf(e.stderr, "wirediff editorial: %d inputs skipped\n", problems)
	}
	return listing.WriteEditorial(e.stdout, f, recs)
}

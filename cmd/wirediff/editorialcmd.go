package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/pflag"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/editorial"
)

const editorialUsage = `Usage: wirediff editorial [--format table|json|jsonl] PATH... | -

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
and its spans beneath.

Examples:
  wirediff editorial testdata/seeds
  echo '{"id":"s1","text":"The senator unveiled yet another absurd plan."}' | wirediff editorial --format jsonl -
`

// editorialRecord is one input record's reading.
type editorialRecord struct {
	ID string `json:"id"`
	*editorial.Result
}

func cmdEditorial(e *env, args []string) error {
	fs := pflag.NewFlagSet("editorial", pflag.ContinueOnError)
	format := fs.String("format", "table", "output format: table, json or jsonl")
	if err := parseFlags(e, fs, editorialUsage, args); err != nil {
		return err
	}
	switch *format {
	case "table", "json", "jsonl":
	default:
		return usagef("editorial: --format must be table, json or jsonl, not %q", *format)
	}
	if fs.NArg() == 0 {
		return usagef("editorial: give a PATH or - for standard input")
	}
	det, err := editorial.Default()
	if err != nil {
		return err
	}
	var recs []editorialRecord
	at := map[string]int{} // ID -> index in recs; a later record of an ID replaces it
	problems := 0
	opt := corpus.Options{Stdin: e.stdin, OnProblem: func(p corpus.Problem) {
		problems++
		fmt.Fprintf(e.stderr, "wirediff editorial: skipped %v\n", p)
	}}
	if _, err := corpus.Read(fs.Args(), opt, func(a corpus.Article) error {
		res, err := det.Text(a.Text)
		if err != nil {
			return fmt.Errorf("%s: %w", a.ID, err)
		}
		if i, ok := at[a.ID]; ok {
			recs[i].Result = res
			return nil
		}
		at[a.ID] = len(recs)
		recs = append(recs, editorialRecord{a.ID, res})
		return nil
	}); err != nil {
		return cliError{err, 1}
	}
	if problems > 0 {
		fmt.Fprintf(e.stderr, "wirediff editorial: %d inputs skipped\n", problems)
	}
	switch *format {
	case "jsonl":
		enc := newJSONEncoder(e.stdout, false)
		for _, r := range recs {
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		return nil
	case "json":
		if recs == nil {
			recs = []editorialRecord{}
		}
		return newJSONEncoder(e.stdout, true).Encode(struct {
			Records []editorialRecord `json:"records"`
		}{recs})
	}
	return writeEditorialTable(e.stdout, recs)
}

func writeEditorialTable(w io.Writer, recs []editorialRecord) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "id\teditorial/1k\tsentences\teditorial\tcommentary\treporting\tspans\t")
	for _, r := range recs {
		ed, com, rep := 0, 0, 0
		for _, s := range r.Sentences {
			if s.Label == editorial.LabelEditorial {
				ed++
			}
			switch s.Kind {
			case editorial.KindCommentary:
				com++
			case editorial.KindReporting:
				rep++
			}
		}
		fmt.Fprintf(tw, "%s\t%.1f\t%d\t%d\t%d\t%d\t%d\t\n", r.ID, r.EditorialScore, len(r.Sentences), ed, com, rep, len(r.Spans))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, r := range recs {
		if len(r.Spans) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s\n", r.ID)
		for _, s := range r.Spans {
			fmt.Fprintf(w, "  %d-%d  %q  %s\n", s.Start, s.End, strings.Join(strings.Fields(s.Text), " "), s.Why)
		}
	}
	return nil
}

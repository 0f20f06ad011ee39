package listing

import (
	"fmt"
	"io"

	"github.com/wirediff/wirediff/corpus"
)

// ReportInput sets opt to print on w each skipped input, each record
// decoded from the fallback encoding and each record kept without the
// publication time its field gave (not a date), at most max of each per file (0:
// no limit), the first over saying that more were not shown: a wrong
// file given by mistake (say, 10,000 lines of annotations) must not bury
// a run's output. Every one is still counted in the summary ([Skips]).
// before, when set, is called before each message (to clear a progress
// line).
func ReportInput(w io.Writer, opt *corpus.Options, max int, before func()) {
	skips, notes, dates := limitedPrinter(w, max, before), limitedPrinter(w, max, before), limitedPrinter(w, max, before)
	opt.OnProblem = func(p corpus.Problem) {
		skips(p.Path, fmt.Sprintf("skipped %v", p), "more skipped records")
	}
	opt.OnFallback = func(n corpus.Note) {
		notes(n.Path, n.String(), "more records decoded as "+n.Encoding)
	}
	opt.OnUnreadDate = func(p corpus.Problem) {
		dates(p.Path, p.Error(), "more records with an unread date")
	}
}

// limitedPrinter returns a function that prints msg about a file on w, at
// most max times per path (0: no limit): the first message over says
// that more were not shown.
func limitedPrinter(w io.Writer, max int, before func()) func(path, msg, more string) {
	perFile := map[string]int{}
	return func(path, msg, more string) {
		n := perFile[path] + 1
		perFile[path] = n
		if max > 0 && n > max+1 {
			return
		}
		if before != nil {
			before()
		}
		if max > 0 && n == max+1 {
			fmt.Fprintf(w, "wirediff: %s: %s not shown (counted in the summary; --show-skipped 0 shows all)\n", corpus.ShowPath(path), more)
			return
		}
		fmt.Fprintf(w, "wirediff: %s\n", msg)
	}
}

package listing

import (
	"fmt"
	"io"
	"strconv"

	"github.com/wirediff/wirediff/lineage/outlets"
)

// OutletColumns are the CSV columns of 'lineage --by-outlet': an outlet's
// counts, then the means of its articles' shares and editorial score, and
// the number of its articles the score is the mean of.
var OutletColumns = []string{"outlet", "articles", "groups", "sources", "kept_share", "verbatim_share", "added_share", "dropped_share", "editorial_score", "scored_articles"}

// OutletList lists a lineage tally outlet by outlet: the JSON document
// {"outlets": [...]}, a JSON line per outlet, CSV and TSV rows of
// OutletColumns, and a table with the shares in percent. Figures are
// rounded to four decimals.
func OutletList(rows []outlets.Row) *List {
	rounded := make([]outlets.Row, len(rows))
	for i, r := range rows {
		r.KeptShare, r.VerbatimShare, r.AddedShare = Score(r.KeptShare), Score(r.VerbatimShare), Score(r.AddedShare)
		r.DroppedShare, r.EditorialScore = Score(r.DroppedShare), Score(r.EditorialScore)
		rounded[i] = r
	}
	l := &List{
		Doc: struct {
			Outlets []outlets.Row `json:"outlets"`
		}{rounded},
		Columns: OutletColumns,
		Table:   func(w io.Writer) error { return outletTable(w, rounded) },
	}
	for _, r := range rounded {
		l.Records = append(l.Records, r)
		l.Rows = append(l.Rows, outletCells(r, func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }))
	}
	return l
}

func outletCells(r outlets.Row, share func(float64) string) []string {
	return []string{r.Outlet, strconv.Itoa(r.Articles), strconv.Itoa(r.Groups), strconv.Itoa(r.Sources),
		share(r.KeptShare), share(r.VerbatimShare), share(r.AddedShare), share(r.DroppedShare),
		strconv.FormatFloat(r.EditorialScore, 'f', -1, 64), strconv.Itoa(r.ScoredArticles)}
}

// outletTable writes the rows as the lineage table does: shares in
// percent ("-" when no article of the outlet was compared: an outlet that
// was only the source), the score to one decimal ("-" when no article of
// the outlet was scored), "-" for no outlet.
func outletTable(w io.Writer, rows []outlets.Row) error {
	cols := []string{"outlet", "articles", "groups", "sources", "kept %", "verbatim %", "added %", "dropped %", "editorial_score", "scored"}
	cells := make([][]string, len(rows))
	for i, r := range rows {
		cells[i] = outletCells(r, func(x float64) string {
			if r.Articles == 0 {
				return "-" // the mean of no share
			}
			return fmt.Sprintf("%.1f", 100*x)
		})
		score := &cells[i][len(cells[i])-2]
		*score = fmt.Sprintf("%.1f", r.EditorialScore)
		if r.ScoredArticles == 0 {
			*score = "-"
		}
		if r.Outlet == "" {
			cells[i][0] = "-"
		}
	}
	return WriteTable(w, cols, cells)
}

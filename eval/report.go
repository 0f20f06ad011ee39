package eval

import (
	"bytes"
	"cmp"
	"fmt"
	"github.com/wirediff/wirediff/internal/table"
	"io"
	"maps"
	"slices"
	"strings"
)

// Limits on what one merge or split shows in [WriteReport].
const (
	reportParts  = 8 // parts listed per merge or split
	reportIDs    = 6 // IDs listed per part
	reportIndent = "       "
)

// WriteReport writes a readable text report of c to w: the scores as a
// table, then the number of merges and splits and the worst of them, each
// with its largest parts. Long lists are cut (at most 8 parts and 6 IDs per
// part are shown, with a count of the rest), and IDs and labels longer
// than 40 characters are shortened with "…".
func WriteReport(w io.Writer, name string, c Comparison) error {
	s, merges, splits := c.Scores, c.Merges, c.Splits
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "Clustering scores: %s\n\n", name)

	tw := table.NewWriter(&buf, 0)
	fmt.Fprintf(tw, "articles\tgold clusters\tpredicted clusters\n")
	fmt.Fprintf(tw, "%d\t%d\t%d\n", s.N, s.GoldClusters, s.PredClusters)
	tw.Flush()
	buf.WriteByte('\n')

	tw = table.NewWriter(&buf, 0)
	fmt.Fprintf(tw, "metric\tprecision\trecall\tF1\n")
	fmt.Fprintf(tw, "pairwise\t%.4f\t%.4f\t%.4f\n", s.Pairwise.Precision, s.Pairwise.Recall, s.Pairwise.F1)
	fmt.Fprintf(tw, "B-cubed\t%.4f\t%.4f\t%.4f\n", s.BCubed.Precision, s.BCubed.Recall, s.BCubed.F1)
	fmt.Fprintf(tw, "ARI\t%.4f\n", s.ARI)
	tw.Flush()

	fmt.Fprintf(&buf, "\nWorst merges (predicted clusters joining several gold clusters): %s\n", listed(len(merges), c.AllMerges))
	for k, m := range merges {
		fmt.Fprintf(&buf, "%3d. pred %s: %d wrong pairs, %s\n",
			k+1, m.Pred, m.WrongPairs, partsSummary(m.Parts, "gold"))
		writeParts(&buf, "gold", m.Parts)
	}
	fmt.Fprintf(&buf, "\nWorst splits (gold clusters spread across several predicted clusters): %s\n", listed(len(splits), c.AllSplits))
	for k, sp := range splits {
		fmt.Fprintf(&buf, "%3d. gold %s: %d missed pairs, %s\n",
			k+1, sp.Gold, sp.MissedPairs, partsSummary(sp.Parts, "predicted"))
		writeParts(&buf, "pred", sp.Parts)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write report %s: %w", name, err)
	}
	return nil
}

// listed says how many of all mistakes are listed: "3" when all are, "5 of
// 186" when the worst are.
func listed(n, all int) string {
	if n == all {
		return fmt.Sprint(n)
	}
	return fmt.Sprintf("%d of %d", n, all)
}

// partsSummary says how many articles parts holds and in how many clusters.
func partsSummary(parts map[string][]string, side string) string {
	n := 0
	for _, ids := range parts {
		n += len(ids)
	}
	return fmt.Sprintf("%d articles in %d %s clusters", n, len(parts), side)
}

// writeParts lists the largest parts first (ties by label), cut to
// reportParts parts of at most reportIDs IDs.
func writeParts(buf *bytes.Buffer, side string, parts map[string][]string) {
	labels := slices.SortedFunc(maps.Keys(parts), func(a, b string) int {
		if c := cmp.Compare(len(parts[b]), len(parts[a])); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	for _, l := range labels[:min(len(labels), reportParts)] {
		ids := parts[l]
		shown := append(make([]string, 0, reportIDs+1), ids[:min(len(ids), reportIDs)]...)
		if rest := len(ids) - reportIDs; rest > 0 {
			shown = append(shown, fmt.Sprintf("… (+%d more)", rest))
		}
		head := side + " " + l
		if side == "pred" && l == MissingLabel {
			head = "not in prediction, each a singleton"
		}
		fmt.Fprintf(buf, "%s%s (%d): %s\n", reportIndent, head, len(ids), strings.Join(shown, ", "))
	}
	if rest := len(labels) - reportParts; rest > 0 {
		n := 0
		for _, l := range labels[reportParts:] {
			n += len(parts[l])
		}
		fmt.Fprintf(buf, "%s… %d more %s clusters with %d articles\n", reportIndent, rest, side, n)
	}
}

package main

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/similarity"
)

// signals prints the distribution of each pair signal for rewrite pairs
// (the seeds), same-event independent pairs (BASIL) and ECB+ same-event
// and sibling-event pairs: the tables the rewrite and story scores were
// weighed by.
func signals(d dataDir, args []string, stdout, stderr io.Writer) error {
	if err := parse(newFlags("signals", stderr), args); err != nil {
		return err
	}
	gold, err := d.gold("ecbplus-dev", "basil-dev")
	if err != nil {
		return err
	}
	docs, err := loadDocs([]string{d.set("ecbplus-dev", ""), d.set("basil-dev", ""), d.seeds()})
	if err != nil {
		return err
	}
	g := &cluster.Grouper{Docs: docs, Opt: cluster.DefaultOptions()}
	kind := func(i, j int) string {
		a, b := docs[i].ID, docs[j].ID
		ga, oka := gold[a]
		gb, okb := gold[b]
		switch {
		case !oka && !okb:
			return "seeds"
		case !oka || !okb:
			return ""
		case ga == gb && strings.Contains(ga, "-"):
			return "basil-same"
		case ga == gb:
			return "ecb-same"
		case strings.Contains(ga, "-") || strings.Contains(gb, "-"):
			return ""
		case strings.Split(ga, "_")[0] == strings.Split(gb, "_")[0]:
			return "ecb-sibling"
		}
		return ""
	}
	vals := map[string]map[string][]float64{}
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			k := kind(i, j)
			if k == "" {
				continue
			}
			e := g.Evidence(i, j)
			if vals[k] == nil {
				vals[k] = map[string][]float64{}
			}
			// Word shingles shared with and without quotations (the
			// passage share samples one in four outside them).
			a, b := docs[i].Shingles, docs[j].Shingles
			shingles := float64(similarity.Intersection(a, b)) / math.Sqrt(float64(len(a)*len(b)))
			for name, v := range map[string]float64{"cosine": e.Cosine, "jaccard": e.Jaccard, "quote": e.QuoteShare, "name": e.NameShare,
				"shingles": shingles, "passage": e.PassageShare, "rewrite": e.Rewrite} {
				vals[k][name] = append(vals[k][name], v)
			}
		}
	}
	for _, k := range []string{"seeds", "basil-same", "ecb-same", "ecb-sibling"} {
		for _, name := range []string{"cosine", "jaccard", "quote", "name", "shingles", "passage", "rewrite"} {
			v := vals[k][name]
			if len(v) == 0 {
				continue
			}
			sort.Float64s(v)
			q := func(p float64) float64 { return v[int(p*float64(len(v)-1))] }
			fmt.Fprintf(stdout, "%-12s %-8s n=%-6d p05=%.3f p25=%.3f p50=%.3f p75=%.3f p95=%.3f max=%.3f\n", k, name, len(v), q(.05), q(.25), q(.5), q(.75), q(.95), v[len(v)-1])
		}
	}
	return nil
}

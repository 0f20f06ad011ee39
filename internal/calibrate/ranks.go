package main

import (
	"fmt"
	"io"
	"sort"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/eval"
)

// neusRanks ranks each NeuS lede's neighbours by TF-IDF cosine and prints
// where its true partners fall: the lexical ceiling of the story level on
// short ledes.
func neusRanks(d dataDir, args []string, stdout, stderr io.Writer) error {
	if err := parse(newFlags("neus-ranks", stderr), args); err != nil {
		return err
	}
	docs, err := loadDocs([]string{d.set("neus-dev", "articles.jsonl")})
	if err != nil {
		return err
	}
	gold, err := d.gold("neus-dev")
	if err != nil {
		return err
	}
	ranks := map[int]int{} // rank (10 = beyond 9) -> partners
	days := map[bool]map[string]int{true: {}, false: {}}
	taus := []float64{0.1, 0.2, 0.25, 0.3, 0.4}
	above := map[bool][]int{true: make([]int, len(taus)), false: make([]int, len(taus))} // pairs with cosine >= tau
	partners := 0
	for i := 0; i < len(docs); i += 3 { // every third lede: a third of the work, the same picture
		type scored struct {
			j int
			c float64
		}
		var ss []scored
		for j := range docs {
			if j != i {
				ss = append(ss, scored{j, cluster.Cosine(docs[i].Terms, docs[j].Terms)})
			}
		}
		sort.Slice(ss, func(a, b int) bool {
			if ss[a].c != ss[b].c {
				return ss[a].c > ss[b].c
			}
			return ss[a].j < ss[b].j
		})
		for r, x := range ss {
			same := gold[docs[x.j].ID] == gold[docs[i].ID]
			for k, tau := range taus {
				if x.j > i && x.c >= tau {
					above[same][k]++
				}
			}
			if same {
				ranks[min(r, 10)]++
				partners++
			}
			if r < 5 { // how the five nearest's weekdays relate (the weekday term)
				days[same][dayRelation(docs[i].Days, docs[x.j].Days)]++
			}
		}
	}
	for k, tau := range taus {
		fmt.Fprintf(stdout, "NeuS pairs with cosine >= %.2f: %d partners, %d others (pair precision %.3f)\n", tau, above[true][k], above[false][k], float64(above[true][k])/float64(above[true][k]+above[false][k]))
	}
	for _, same := range []bool{true, false} {
		d := days[same]
		fmt.Fprintf(stdout, "NeuS five nearest, true partner %v: both name a weekday: %d share one, %d disjoint (%.0f%% disjoint); %d name none\n",
			same, d["share"], d["disjoint"], 100*float64(d["disjoint"])/float64(max(d["share"]+d["disjoint"], 1)), d["missing"])
	}
	top2 := float64(ranks[0]+ranks[1]) / float64(partners)
	beyond := float64(ranks[10]) / float64(partners)
	fmt.Fprintf(stdout, "NeuS: %d true partners; %.0f%% among the 2 nearest by cosine, %.0f%% beyond the 10 nearest\n", partners, 100*top2, 100*beyond)

	// The ceiling of any grouping that links only pairs with cosine >= tau:
	// split each gold story where no chain of such links joins its
	// members, and score that against the gold (B-cubed precision 1).
	byStory := map[string][]int{}
	for i, d := range docs {
		byStory[gold[d.ID]] = append(byStory[gold[d.ID]], i)
	}
	for _, tau := range taus {
		pred := eval.Clustering{}
		for _, m := range byStory {
			label := map[int]int{}
			for _, i := range m {
				label[i] = i
			}
			find := func(x int) int {
				for label[x] != x {
					x = label[x]
				}
				return x
			}
			for a, i := range m {
				for _, j := range m[a+1:] {
					if cluster.Cosine(docs[i].Terms, docs[j].Terms) >= tau {
						label[find(i)] = find(j)
					}
				}
			}
			for _, i := range m {
				pred[docs[i].ID] = docs[find(i)].ID
			}
		}
		s := eval.Score(gold, pred)
		fmt.Fprintf(stdout, "NeuS ceiling linking only cosine >= %.2f: B-cubed recall %.3f, F1 %.3f\n", tau, s.BCubed.Recall, s.BCubed.F1)
	}
	return nil
}

// dayRelation tells whether two weekday sets share a day, are disjoint,
// or one is missing.
func dayRelation(a, b uint8) string {
	switch {
	case a == 0 || b == 0:
		return "missing"
	case a&b != 0:
		return "share"
	}
	return "disjoint"
}

package main

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/eval"
)

// verifier asks whether a pair verifier learned from the labelled dev
// sets would group better than the hand-set story score. It fits a
// logistic regression over pair features of each article's 20 nearest
// neighbours by cosine, scores every set by two-fold cross-validation over
// stories (a set named in -hold is not trained on at all), and clusters
// the scored pairs by average link. It prints the shipped groups' scores
// beside those of the learned verifier at several thresholds. The answer
// (docs/measurements.md, "Alternatives measured"): it trades ECB+ for NeuS
// like the hand-set knobs do, and a verifier trained on ECB+ and BASIL
// falls apart on NeuS, so none is shipped.
func verifier(d dataDir, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("verifier", stderr)
	names := fs.String("sets", "pool,neus-dev", "comma-separated sets to fit and score: pool or a set under data/")
	held := fs.String("hold", "", "comma-separated sets scored but never trained on")
	if err := parse(fs, args); err != nil {
		return err
	}
	var sets []*learnSet
	for _, name := range strings.Split(*names, ",") {
		var s *learnSet
		var err error
		if name == "pool" {
			s, err = newLearnSet(d, name, d.pool(), []string{"ecbplus-dev", "basil-dev"})
		} else {
			s, err = newLearnSet(d, name, []string{d.set(name, "articles.jsonl")}, []string{name})
		}
		if err != nil {
			return err
		}
		sets = append(sets, s)
	}
	hold := map[string]bool{}
	for _, name := range strings.Split(*held, ",") {
		hold[name] = true
	}

	// Standardize the features over all pairs.
	nf := len(learnFeatures)
	mu, sd := make([]float64, nf), make([]float64, nf)
	var all int
	for _, s := range sets {
		for _, p := range s.pairs {
			all++
			for k, v := range p.x {
				mu[k] += v
			}
		}
	}
	for k := range mu {
		mu[k] /= float64(all)
	}
	for _, s := range sets {
		for _, p := range s.pairs {
			for k, v := range p.x {
				sd[k] += (v - mu[k]) * (v - mu[k]) / float64(all)
			}
		}
	}
	for _, s := range sets {
		for i := range s.pairs {
			for k := range s.pairs[i].x {
				s.pairs[i].x[k] = (s.pairs[i].x[k] - mu[k]) / (math.Sqrt(sd[k]) + 1e-9)
			}
		}
	}

	// Fit on one fold of every trained set (each set weighing the same),
	// score the other fold; held-out sets get the mean of both models.
	for f := range 2 {
		w := make([]float64, nf+1)
		for range 300 { // full-batch gradient descent; converged well before
			g := make([]float64, nf+1)
			trained := 0
			for _, s := range sets {
				if hold[s.name] {
					continue
				}
				trained++
				for _, p := range s.pairs {
					if p.fold == f {
						continue
					}
					d := (logistic(dot(w, p.x)) - p.y) / float64(len(s.pairs))
					for k, v := range p.x {
						g[k] += d * v
					}
					g[nf] += d
				}
			}
			for k := range w {
				w[k] -= 2 * g[k] / float64(trained)
			}
		}
		fmt.Fprintf(stdout, "fold %d weights:", f)
		for k, name := range learnFeatures {
			fmt.Fprintf(stdout, " %s=%.2f", name, w[k])
		}
		fmt.Fprintln(stdout)
		for _, s := range sets {
			for i, p := range s.pairs {
				switch {
				case hold[s.name]:
					s.pairs[i].score += dot(w, p.x) / 2
				case p.fold != f:
					s.pairs[i].score = dot(w, p.x)
				}
			}
		}
	}

	for _, s := range sets {
		s.report(stdout, hold[s.name])
	}
	return nil
}

// learnFeatures names the pair features of [learnSet.features].
var learnFeatures = []string{
	"cosine", "rare", "common", "max-idf", "shared", "shared-rare", "names", "days",
	"len-min", "len-ratio", "rank-ij", "rank-ji", "csls", "story", "snn", "rel-top1", "gap3",
}

type learnPair struct {
	i, j  int
	x     []float64
	y     float64
	fold  int
	score float64 // cross-validated logit
}

type learnSet struct {
	name     string
	docs     []cluster.Doc
	golds    []eval.Clustering
	baseline eval.Clustering // the shipped story groups
	pairs    []learnPair
}

func newLearnSet(d dataDir, name string, paths, goldSets []string) (*learnSet, error) {
	docs, err := loadDocs(paths)
	if err != nil {
		return nil, err
	}
	s := &learnSet{name: name, docs: docs}
	gold := eval.Clustering{}
	for _, set := range goldSets {
		g, err := d.gold(set)
		if err != nil {
			return nil, err
		}
		s.golds = append(s.golds, g)
		for k, v := range g {
			gold[k] = v
		}
	}
	b, err := bands()
	if err != nil {
		return nil, err
	}
	r, err := cluster.Run(s.docs, b, cluster.DefaultOptions())
	if err != nil {
		return nil, err
	}
	s.baseline = predicted(s.docs, r.Labels[cluster.Story])

	const k = 20
	nn := nearestByCosine(s.docs, k)
	bg, err := cluster.DefaultBackground()
	if err != nil {
		return nil, err
	}
	feature := s.features(bg, r.Grouper, nn)
	for i := range s.docs {
		gi, ok := gold[s.docs[i].ID]
		if !ok {
			continue
		}
		// The fold goes by story, so no story is split between
		// training and scoring.
		fold := 0
		for _, c := range gi {
			fold ^= int(c) & 1
		}
		for _, n := range nn[i] {
			gj, ok := gold[s.docs[n.j].ID]
			if !ok {
				continue
			}
			y := 0.0
			if gi == gj {
				y = 1
			}
			s.pairs = append(s.pairs, learnPair{i: i, j: n.j, x: feature(i, n.j, n.c), y: y, fold: fold})
		}
	}
	return s, nil
}

type neighbour struct {
	j int
	c float64
}

// nearestByCosine lists each doc's k nearest docs by cosine, best first.
func nearestByCosine(docs []cluster.Doc, k int) [][]neighbour {
	nn := make([][]neighbour, len(docs))
	for i := range docs {
		var l []neighbour
		for j := range docs {
			if c := cluster.Cosine(docs[i].Terms, docs[j].Terms); j != i && c > 0 {
				l = append(l, neighbour{j, c})
			}
		}
		sort.Slice(l, func(a, b int) bool {
			if l[a].c != l[b].c {
				return l[a].c > l[b].c
			}
			return l[a].j < l[b].j
		})
		nn[i] = l[:min(k, len(l))]
	}
	return nn
}

// features returns the feature function of a pair: the cosine and its
// part over rare terms (IDF ≥ 7), shared-term counts, name and weekday
// overlap, lengths, each doc's rank in the other's list, the cosine minus
// the pair's mean density over 10 neighbours (CSLS), the shipped story
// score and its shared-neighbour part, the cosine over each doc's best,
// and the margin over each doc's fourth neighbour.
func (s *learnSet) features(bg *cluster.Background, g *cluster.Grouper, nn [][]neighbour) func(i, j int, c float64) []float64 {
	docs := s.docs
	df := map[cluster.TermID]int32{}
	for i := range docs {
		for _, tm := range docs[i].Terms {
			df[tm.ID]++
		}
	}
	n := float64(len(docs) + bg.Docs)
	idf := func(id cluster.TermID) float64 { return math.Log((n+1)/(float64(df[id]+bg.DF[id])+1)) + 1 }
	rank := func(i, j int) float64 {
		for r, x := range nn[i] {
			if x.j == j {
				return float64(r)
			}
		}
		return float64(len(nn[i]))
	}
	at := func(i, r int) float64 {
		if r < len(nn[i]) {
			return nn[i][r].c
		}
		return 0
	}
	density := make([]float64, len(docs))
	for i := range docs {
		for r := range 10 {
			density[i] += at(i, r) / 10
		}
	}
	return func(i, j int, c float64) []float64 {
		a, b := docs[i].Terms, docs[j].Terms
		var rare, maxIDF, shared, sharedRare float64
		for x, y := 0, 0; x < len(a) && y < len(b); {
			switch {
			case a[x].ID < b[y].ID:
				x++
			case a[x].ID > b[y].ID:
				y++
			default:
				v := idf(a[x].ID)
				shared++
				maxIDF = max(maxIDF, v)
				if v >= 7 {
					rare += float64(a[x].W) * float64(b[y].W)
					sharedRare++
				}
				x++
				y++
			}
		}
		e := g.Evidence(i, j)
		story := g.StorySim(i, j)
		ni, nj := float64(len(a)), float64(len(b))
		return []float64{
			c, rare, c - rare, maxIDF, math.Log1p(shared), math.Log1p(sharedRare), e.NameShare, e.DayAgreement,
			math.Log(min(ni, nj)), math.Log(max(ni, nj) / min(ni, nj)), 1 / (1 + rank(i, j)), 1 / (1 + rank(j, i)),
			c - (density[i]+density[j])/2, story, (story - 0.6*c) / 0.4,
			(c/max(at(i, 0), 1e-9) + c/max(at(j, 0), 1e-9)) / 2, 2*c - at(i, 3) - at(j, 3),
		}
	}
}

// report prints the shipped groups' scores and those of average link
// over the learned probabilities at several thresholds.
func (s *learnSet) report(w io.Writer, held bool) {
	logit := map[[2]int]float64{}
	var edges []cluster.Edge
	for _, p := range s.pairs {
		key := [2]int{min(p.i, p.j), max(p.i, p.j)}
		if old, ok := logit[key]; ok {
			logit[key] = (old + p.score) / 2
			continue
		}
		logit[key] = p.score
		edges = append(edges, cluster.Edge{I: int32(key[0]), J: int32(key[1])})
	}
	sim := func(i, j int) float64 {
		if l, ok := logit[[2]int{min(i, j), max(i, j)}]; ok {
			return logistic(l)
		}
		return 0
	}
	line := func(what string, pred eval.Clustering) {
		for gi, g := range s.golds {
			sc := eval.Score(g, pred)
			fmt.Fprintf(w, "%-8s gold %d held-out=%-5v %-9s B3 P %.3f R %.3f F1 %.3f pairwise P %.3f\n",
				s.name, gi, held, what, sc.BCubed.Precision, sc.BCubed.Recall, sc.BCubed.F1, sc.Pairwise.Precision)
		}
	}
	line("shipped", s.baseline)
	for _, th := range []float64{0.1, 0.2, 0.25, 0.3, 0.4, 0.5} {
		line(fmt.Sprintf("p>=%.2f", th), predicted(s.docs, cluster.AverageLink(len(s.docs), nil, edges, sim, th, 1<<30)))
	}
}

func logistic(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// dot is the logit of weights w (bias last) on standardized features x.
func dot(w, x []float64) float64 {
	s := w[len(w)-1]
	for k, v := range x {
		s += w[k] * v
	}
	return s
}

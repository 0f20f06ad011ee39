package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"text/tabwriter"

	"github.com/spf13/pflag"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/index"
)

const similarUsage = `Usage: wirediff similar [flags] ID|FILE|-

Lists the near-duplicates of an indexed article (by ID), or of new
articles in FILE or on stdin (- : JSON lines, or plain text), best first:
each with the level it would join (copy, rewrite or story, by the
thresholds of 'wirediff dedup'), the scores behind it and the passages
the two share. New articles are not added to the index unless --add,
which places each among the groups of the last grouping as average link
would place it alone (its mean similarity to a group's members, not its
best match, decides), without grouping the index again.

Candidates are the articles that share an LSH band key with the article
plus the best matches of a more-like-this query of its heaviest terms.

Exit status: 0 when something was found, 1 when nothing was, 2 on errors.

Examples:
  wirediff similar 000_4bd703d3e122696c
  wirediff similar --format json draft.txt
  curl -s https://example.com/feed.jsonl | wirediff similar --add -
`

// similarQuery is one article to find the near-duplicates of.
type similarQuery struct {
	a       corpus.Article
	indexed bool
}

type similarHit struct {
	ID        string            `json:"id"`
	Level     string            `json:"level"` // "" when it joins no level (--all)
	Score     float64           `json:"score"` // the score behind the level
	Outlet    string            `json:"outlet,omitempty"`
	Published string            `json:"published,omitempty"`
	Title     string            `json:"title,omitempty"`
	Group     string            `json:"group,omitempty"` // its group at Level
	Story     float64           `json:"story"`           // story similarity
	Evidence  cluster.Evidence  `json:"evidence"`
	Passages  []string          `json:"shared_passages,omitempty"`
	level     cluster.Level     // when Level != ""
	article   *corpus.Article   // for passages
	assign    *index.Assignment // its groups
}

type similarOut struct {
	Query struct {
		ID        string `json:"id"`
		Outlet    string `json:"outlet,omitempty"`
		Published string `json:"published,omitempty"`
		Title     string `json:"title,omitempty"`
		Indexed   bool   `json:"indexed"`
	} `json:"query"`
	Candidates int          `json:"candidates"`
	Similar    []similarHit `json:"similar"`
	// Groups is where the article went with --add.
	Groups *index.Assignment `json:"added_to,omitempty"`
}

func cmdSimilar(e *env, args []string) error {
	fs := pflag.NewFlagSet("similar", pflag.ContinueOnError)
	dir := fs.String("index", index.DefaultDir, "index directory")
	var rf readFlags
	rf.register(fs)
	format := fs.StringP("format", "f", "table", "output format: table, json or jsonl")
	limit := fs.IntP("limit", "n", 10, "near-duplicates to list per article")
	all := fs.Bool("all", false, "also list candidates that join no level")
	ncand := fs.Int("candidates", 50, "candidates to score per article")
	passages := fs.Int("passages", 3, "shared passages to list per near-duplicate")
	add := fs.Bool("add", false, "add new articles to the index, with the groups they join")
	if err := parseFlags(e, fs, similarUsage, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("similar: want one ID, FILE or -")
	}
	switch *format {
	case "table", "json", "jsonl":
	default:
		return usagef("--format %q: want table, json or jsonl", *format)
	}
	if *limit <= 0 || *ncand <= 0 || *passages < 0 {
		return usagef("--limit and --candidates must be positive, --passages not negative")
	}
	if err := rf.check(); err != nil {
		return err
	}
	var ix *index.Index
	var err error
	if *add {
		meta, _, _, merr := nearDupMeta()
		if merr != nil {
			return merr
		}
		ix, err = index.Open(*dir, index.Options{Meta: meta})
		if err != nil {
			err = cliError{err, 2}
		}
	} else {
		ix, err = openIndex(*dir)
	}
	if err != nil {
		return err
	}
	defer ix.Close()
	qs, err := similarQueries(e, ix, *dir, fs.Arg(0), rf)
	if err != nil {
		return err
	}
	gi, err := loadGroups(ix)
	if err != nil {
		return err
	}
	s, err := newSimilarity(ix)
	if err != nil {
		return err
	}
	var outs []similarOut
	found := false
	for _, q := range qs {
		hits, n, err := s.similar(&q.a, q.indexed, *ncand)
		if err != nil {
			return err
		}
		var o similarOut
		o.Query.ID, o.Query.Outlet, o.Query.Published, o.Query.Title, o.Query.Indexed =
			q.a.ID, q.a.Outlet, dateString(q.a.Published), q.a.Title, q.indexed
		o.Candidates = n
		for i := range hits {
			h := &hits[i]
			if a, ok := gi.as[h.ID]; ok {
				h.assign = &a
			}
			if h.Level != "" {
				h.Group, _ = gi.label(h.ID, h.level)
			}
		}
		if *add && !q.indexed {
			if o.Groups, err = s.joinGroups(&q.a, hits, gi); err != nil {
				return err
			}
		}
		if !*all {
			kept := hits[:0]
			for _, h := range hits {
				if h.Level != "" {
					kept = append(kept, h)
				}
			}
			hits = kept
		}
		if len(hits) > *limit {
			hits = hits[:*limit]
		}
		for i := range hits {
			hits[i].Passages = cluster.SharedPassages(&q.a, hits[i].article, *passages)
			for k, p := range hits[i].Passages {
				hits[i].Passages[k] = strings.Join(strings.Fields(p), " ")
			}
		}
		o.Similar = hits
		if o.Similar == nil {
			o.Similar = []similarHit{}
		}
		found = found || len(hits) > 0
		outs = append(outs, o)
	}
	if *add {
		if err := addArticles(ix, qs, outs, gi); err != nil {
			return err
		}
	}
	if err := writeSimilar(e.stdout, *format, outs); err != nil {
		return err
	}
	if !found {
		return exitStatus(1)
	}
	return nil
}

// similarQueries resolves the argument: "-" reads stdin, an indexed ID
// is that article, anything else must be a file or directory of articles.
func similarQueries(e *env, ix *index.Index, dir, arg string, rf readFlags) ([]similarQuery, error) {
	if arg != "-" {
		if ent, err := ix.Get(arg); err == nil {
			return []similarQuery{{ent.Article, true}}, nil
		} else if !errors.Is(err, index.ErrNoID) {
			return nil, err
		}
		if _, err := os.Stat(arg); err != nil {
			return nil, cliError{fmt.Errorf("similar: %q is neither an article in %s nor a file", arg, dir), 2}
		}
	}
	opt, err := rf.options()
	if err != nil {
		return nil, err
	}
	opt.Stdin = e.stdin
	rf.report(e, &opt, nil)
	paths := []string{arg}
	if arg == "-" {
		// Plain text on stdin is read as a .txt file would be. It is
		// decoded first, to tell JSON from text whatever its encoding.
		data, err := io.ReadAll(corpus.Decode(e.stdin, opt.Encoding))
		if err != nil {
			return nil, err
		}
		opt.Encoding = nil // decoded
		if t := bytes.TrimSpace(data); len(t) > 0 && t[0] != '{' {
			tmp, err := os.MkdirTemp("", "wirediff-similar-")
			if err != nil {
				return nil, err
			}
			defer os.RemoveAll(tmp)
			paths[0] = filepath.Join(tmp, "stdin.txt")
			if err := os.WriteFile(paths[0], data, 0o600); err != nil {
				return nil, err
			}
		}
		opt.Stdin = bytes.NewReader(data)
	}
	var qs []similarQuery
	at := make(map[string]int) // ID -> its place in qs
	st, err := corpus.Read(paths, opt, func(a corpus.Article) error {
		if arg == "-" {
			a.Origin = "stdin"
		}
		// An article read again as it is indexed is the indexed one.
		same := false
		if ent, err := ix.Get(a.ID); err == nil {
			same = ent.Article.Text == a.Text
		}
		q := similarQuery{a: a, indexed: same}
		if i, again := at[a.ID]; again {
			qs[i] = q // a later record with an ID already read replaces it
			return nil
		}
		at[a.ID] = len(qs)
		qs = append(qs, q)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := checkStrict(rf, st); err != nil {
		return nil, err
	}
	if len(qs) == 0 {
		return nil, cliError{fmt.Errorf("similar: no article in %s", arg), 2}
	}
	return qs, nil
}

// simScorer scores articles against their candidates in an index.
type simScorer struct {
	ix *index.Index
	f  *cluster.Featurizer
	bg *cluster.Background
}

func newSimilarity(ix *index.Index) (*simScorer, error) {
	_, hasher, bands, err := nearDupMeta()
	if err != nil {
		return nil, err
	}
	bg, err := cluster.DefaultBackground()
	if err != nil {
		return nil, err
	}
	return &simScorer{ix: ix, f: cluster.NewFeaturizer(shingleSize, hasher, bands), bg: bg}, nil
}

// similar scores a against its n best candidates and returns them
// ranked (tightest level first, then by the score behind it), with the
// number of candidates scored. Passages are left for the caller.
func (s *simScorer) similar(a *corpus.Article, indexed bool, n int) ([]similarHit, int, error) {
	known := map[string]int{}
	like := index.Like{Text: likeText(a), Size: n, DocFreqs: known}
	if indexed {
		like.Exclude = a.ID
	}
	cands, err := s.ix.Similar(like)
	if err != nil {
		return nil, 0, err
	}
	ids := make([]string, len(cands))
	for k, c := range cands {
		ids[k] = c.ID
	}
	p, err := s.pool(a, indexed, ids, known)
	if err != nil {
		return nil, 0, err
	}
	g := p.g
	hits := make([]similarHit, len(cands))
	for k, c := range cands {
		i := k + 1
		ca := p.arts[i]
		h := similarHit{ID: c.ID, Outlet: ca.Outlet, Published: dateString(ca.Published), Title: ca.Title,
			Evidence: g.Evidence(0, i), Story: round4(g.StorySim(0, i)), article: ca}
		h.Score = h.Story
		if l, ok := g.Join(0, i); ok {
			h.Level, h.level = l.String(), l
			switch l {
			case cluster.Copy:
				h.Score = h.Evidence.Jaccard
			case cluster.Rewrite:
				h.Score = h.Evidence.Rewrite
			}
		}
		h.Score = round4(h.Score)
		h.Evidence = roundEvidence(h.Evidence)
		hits[k] = h
	}
	sort.SliceStable(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		ra, rb := levelRank(a), levelRank(b)
		if ra != rb {
			return ra < rb
		}
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		return a.ID < b.ID
	})
	return hits, len(cands), nil
}

// likeText is the text of a's more-like-this query: its title and body.
func likeText(a *corpus.Article) string {
	var body strings.Builder
	body.WriteString(a.Title)
	for _, sp := range a.Body() {
		body.WriteString("\n")
		body.WriteString(a.Text[sp.Start:sp.End])
	}
	return body.String()
}

// pool is an article weighed and grouped together with indexed ones.
type pool struct {
	g    *cluster.Grouper
	arts []*corpus.Article // arts[0] is the query, arts[1+k] the article ids[k]
}

// pool featurizes a and the indexed articles ids and weighs them as a
// batch run over the index would (see [cluster.WeighIndexed]). known
// holds document frequencies already looked up, by stem; it is filled
// in.
func (s *simScorer) pool(a *corpus.Article, indexed bool, ids []string, known map[string]int) (*pool, error) {
	docs := make([]cluster.Doc, 1+len(ids))
	arts := make([]*corpus.Article, 1+len(ids))
	isIndexed := make([]bool, 1+len(ids))
	docs[0], arts[0], isIndexed[0] = s.f.Doc(a), a, indexed
	for k, id := range ids {
		ent, err := s.ix.Get(id)
		if err != nil {
			return nil, err
		}
		arts[k+1], isIndexed[k+1] = &ent.Article, true
	}
	// Featurize the indexed articles on every core.
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f := s.f
			if w > 0 {
				f = cluster.NewFeaturizer(s.f.Shingle, s.f.Hasher, s.f.Bands)
			}
			for i := 1 + w; i < len(docs); i += workers {
				docs[i] = f.Doc(arts[i])
			}
		}()
	}
	wg.Wait()
	// Document frequencies from the index for the article's own terms
	// (they make the cosines); the other articles' other terms, which
	// only scale their vectors, get the background frequency scaled to
	// the index, which saves thousands of dictionary lookups.
	stems := s.f.Stems(a)
	termIDs := slices.Sorted(maps.Keys(stems))
	var words []string
	for _, id := range termIDs {
		if _, ok := known[stems[id]]; !ok {
			words = append(words, stems[id])
		}
	}
	dfs, total, err := s.ix.DocFreqs("text", words)
	if err != nil {
		return nil, err
	}
	for i, w := range words {
		known[w] = dfs[i]
	}
	df := map[cluster.TermID]int32{}
	scale := float64(total) / float64(max(s.bg.Docs, 1))
	for _, d := range docs[1:] {
		for _, t := range d.Terms {
			df[t.ID] = int32(math.Min(math.Round(float64(s.bg.DF[t.ID])*scale)+1, float64(total)))
		}
	}
	for _, id := range termIDs {
		df[id] = int32(known[stems[id]])
	}
	cluster.WeighIndexed(docs, isIndexed, df, total, s.bg)
	return &pool{g: cluster.NewPool(docs, cluster.DefaultOptions()), arts: arts}, nil
}

func levelRank(h similarHit) int {
	if h.Level == "" {
		return 3
	}
	return int(h.level)
}

func roundEvidence(e cluster.Evidence) cluster.Evidence {
	e.Jaccard, e.Cosine = round4(e.Jaccard), round4(e.Cosine)
	e.QuoteShare, e.NameShare, e.Rewrite = round4(e.QuoteShare), round4(e.NameShare), round4(e.Rewrite)
	e.PassageShare = round4(e.PassageShare)
	return e
}

// joinTries is how many groups per level a new article is tried
// against (--add), best-ranked near-duplicates first; maxGroupSample
// caps the members a group is compared with: a larger group stands by
// its first members by ID.
const (
	joinTries      = 3
	maxGroupSample = 100
)

// joinGroups returns the groups new article a joins (--add), placed as
// the average link of 'dedup' places one article among groups already
// made: at the tightest level first, the group of a near-duplicate that
// reaches the level, when a's mean similarity at that level to the
// group's members reaches its threshold (see [cluster.Grouper.JoinsGroup]).
// From that level up it takes the near-duplicate's groups (levels nest),
// below it groups of its own. A near-duplicate alone is not enough: it
// may be the one member of its group that a resembles.
func (s *simScorer) joinGroups(a *corpus.Article, hits []similarHit, gi *groupIndex) (*index.Assignment, error) {
	as := &index.Assignment{ID: a.ID, Copy: "c:" + a.ID, Rewrite: "r:" + a.ID, Story: "s:" + a.ID}
	type try struct {
		l       cluster.Level
		hit     *similarHit
		members []string
	}
	var tries []try
	var ids []string // pooled: the near-duplicates and the members of their groups
	pos := map[string]int{}
	pool := func(id string) {
		if _, ok := pos[id]; !ok {
			ids = append(ids, id)
			pos[id] = len(ids) // arts[0] is a
		}
	}
	for i := range hits {
		if hits[i].Level != "" {
			pool(hits[i].ID)
		}
	}
	for l := cluster.Copy; l <= cluster.Story; l++ {
		tried := map[string]bool{}
		for i := range hits {
			h := &hits[i]
			if h.Level == "" || h.level > l || len(tried) == joinTries {
				continue
			}
			lab, _ := gi.label(h.ID, l)
			if tried[lab] {
				continue
			}
			tried[lab] = true
			ms := gi.members(l, lab)
			if len(ms) == 0 { // indexed since the last grouping: a group of its own
				ms = []string{h.ID}
			}
			ms = ms[:min(len(ms), maxGroupSample)]
			for _, m := range ms {
				pool(m)
			}
			tries = append(tries, try{l, h, ms})
		}
	}
	if len(tries) == 0 {
		return as, nil
	}
	p, err := s.pool(a, false, ids, map[string]int{})
	if err != nil {
		return nil, err
	}
	for _, t := range tries {
		js := make([]int, len(t.members))
		for k, m := range t.members {
			js[k] = pos[m]
		}
		if !p.g.JoinsGroup(t.l, 0, js) {
			continue
		}
		labels := [...]*string{&as.Copy, &as.Rewrite, &as.Story}
		for l := t.l; l <= cluster.Story; l++ {
			*labels[l], _ = gi.label(t.hit.ID, l)
		}
		break
	}
	return as, nil
}

// addArticles adds the new articles to the index and records their
// groups.
func addArticles(ix *index.Index, qs []similarQuery, outs []similarOut, gi *groupIndex) error {
	w, err := ix.NewWriter()
	if err != nil {
		return err
	}
	_, hasher, bands, err := nearDupMeta()
	if err != nil {
		return err
	}
	f := cluster.NewFeaturizer(shingleSize, hasher, bands)
	as := make([]index.Assignment, 0, len(gi.as)+len(qs))
	added := map[string]bool{}
	for i, q := range qs {
		if q.indexed || outs[i].Groups == nil {
			continue
		}
		d := f.CopyOnly(&q.a)
		if err := w.Add(index.Entry{Article: q.a, Signature: d.Sig}); err != nil {
			return err
		}
		as = append(as, *outs[i].Groups)
		added[q.a.ID] = true
	}
	if err := w.Flush(); err != nil {
		return err
	}
	for id, a := range gi.as {
		if !added[id] {
			as = append(as, a)
		}
	}
	return ix.WriteGroups(as)
}

func writeSimilar(w io.Writer, format string, outs []similarOut) error {
	switch format {
	case "json":
		enc := newJSONEncoder(w, true)
		if len(outs) == 1 {
			return enc.Encode(outs[0])
		}
		return enc.Encode(outs)
	case "jsonl":
		enc := newJSONEncoder(w, false)
		for _, o := range outs {
			for _, h := range o.Similar {
				line := struct {
					Query string `json:"query"`
					similarHit
				}{o.Query.ID, h}
				if err := enc.Encode(line); err != nil {
					return err
				}
			}
		}
		return nil
	}
	bw := &errWriter{w: w}
	for k, o := range outs {
		if k > 0 {
			fmt.Fprintln(bw)
		}
		q := o.Query
		desc := []string{q.ID}
		for _, s := range []string{q.Outlet, q.Published} {
			if s != "" {
				desc = append(desc, s)
			}
		}
		fmt.Fprintf(bw, "Similar to %s", strings.Join(desc, "  "))
		if q.Title != "" {
			fmt.Fprintf(bw, "  %q", truncate(q.Title, 70))
		}
		fmt.Fprintf(bw, ": %s among %s\n", plural(len(o.Similar), "near-duplicate"), plural(o.Candidates, "candidate"))
		if o.Groups != nil {
			fmt.Fprintf(bw, "Added to %s, %s, %s\n", o.Groups.Copy, o.Groups.Rewrite, o.Groups.Story)
		}
		if len(o.Similar) == 0 {
			continue
		}
		fmt.Fprintln(bw)
		tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "LEVEL\tSCORE\tID\tOUTLET\tPUBLISHED\tJACCARD\tREWRITE\tSTORY\tGROUP\tTITLE\n")
		for _, h := range o.Similar {
			lvl := h.Level
			if lvl == "" {
				lvl = "-"
			}
			fmt.Fprintf(tw, "%s\t%.3f\t%s\t%s\t%s\t%.3f\t%.3f\t%.3f\t%s\t%s\n", lvl, h.Score, h.ID, h.Outlet, h.Published,
				h.Evidence.Jaccard, h.Evidence.Rewrite, h.Story, truncate(h.Group, 30), truncate(h.Title, 50))
		}
		tw.Flush()
		first := true
		for _, h := range o.Similar {
			if len(h.Passages) == 0 {
				continue
			}
			if first {
				fmt.Fprintf(bw, "\nShared passages:\n")
				first = false
			}
			fmt.Fprintf(bw, "  %s\n", h.ID)
			for _, p := range h.Passages {
				fmt.Fprintf(bw, "    “%s”\n", truncate(p, 160))
			}
		}
	}
	return bw.err
}

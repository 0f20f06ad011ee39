package dedup

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/index"
)

// DefaultDrift is how much an index may grow past its last full regroup
// before an incremental run regroups everything: 10% more articles (or,
// after deletions, 1/1.1 of them: 9.1% fewer).
//
// An incremental run keeps the document frequencies of the whole index
// exact (counted as articles come and go), but the groups it leaves as
// they are were scored with the frequencies of their day. While the
// index has grown by less than the drift, their term weights have moved
// little (an IDF changes by at most log(1.1) ≈ 0.095 nats, and by as
// much when it shrinks to 1/1.1); beyond it, the run is a full regroup,
// which starts the count again.
const DefaultDrift = 0.10

// CandidateMargin is the fraction of a level's threshold that a new
// article's candidate must reach, scored alone with it, for the run to
// regroup the candidate's story group: the candidates of the
// more-like-this query and the LSH bands that score below it at every
// level cannot join the new article. It is below 1 because a pair's
// story similarity within a run also counts the neighbours the two
// share, which scoring the pair alone does not see.
const CandidateMargin = 0.8

// UpdateOptions control [Update].
type UpdateOptions struct {
	// Full forces a full regroup, for the reason Why ("asked for" when
	// empty).
	Full bool
	Why  string
	// Drift overrides [DefaultDrift]: the growth since the last full
	// regroup (a fraction) beyond which the run is a full one, as is a
	// run after the index shrank to less than 1/(1+Drift) of it;
	// negative never regroups for either.
	Drift float64
}

// Updated is what [Update] did.
type Updated struct {
	// Result holds the articles regrouped, sorted by ID, with their
	// groups: after an incremental run those of the new articles and of
	// the story groups they touched, with the story groups of the
	// unchanged articles read as the index holds them (their pairs'
	// story scores are those of each pair alone, without the neighbours
	// of a run); after a full run every article.
	*Result
	// Full says the run regrouped everything, and Reason why.
	Full   bool
	Reason string
	// New counts the articles the grouping did not hold (read, or
	// indexed since the last grouping run: by 'wirediff index', an
	// InputOnly run or a run that did not finish); Replaced those with an
	// ID the grouping held and other content, read again or indexed since
	// (see [Load]); Unchanged
	// those read again as the index holds them (see [Unchanged]), which
	// are not indexed again, nor regrouped unless Regrouped counts them;
	// Regrouped those regrouped as they are because an article of their
	// story group was deleted ([Delete]), read again or not.
	New, Replaced, Unchanged, Regrouped int
	// FromOtherFiles lists, by ID, the replaced articles whose new
	// version was read from another file than the one they were: the
	// same article moved, or another that got its ID (an article without
	// an id of its own is named by its file's name, and a file of that
	// name in another run gives its records the same IDs).
	FromOtherFiles []Replacement
	// Candidates counts the indexed articles the new ones found (LSH
	// bands and more-like-this), Touched those scoring near a threshold
	// with one.
	Candidates, Touched int
	// Moved counts, per level, the groups whose members changed: new
	// groups, and groups that gained, lost or exchanged members.
	Moved [3]int
	// Grouped is the number of articles in the index's grouping after
	// the run.
	Grouped int
	// Timings are the run's stages.
	Timings []cluster.Timing
}

// Update adds what src holds to opt.Index and regroups what that
// changes: an incremental run. Each new article (read, or indexed and
// never grouped) finds its candidates in the index, the articles that
// share an LSH band with it and the best of the more-like-this query of
// a full run, answered from the postings the index keeps; the
// story groups of the candidates that score near a threshold with it
// ([CandidateMargin]), with the new articles and the old groups of
// articles read again, are regrouped by the clustering of a full run;
// every other group stays as it is. The document frequencies the weights
// need are kept in the index, counted exactly run after run.
//
// The run is a full regroup ([Run]) instead when asked (uo.Full), when
// the index has no record of an earlier grouping it can continue (a new
// index, one grouped with InputOnly, or one whose groups changed
// since), when the index does not store features or postings (or
// postings shorter than the run's cap), when opt.Cluster differs from the
// options the index's groups were made with (another threshold or
// window), or when it has grown past the drift since its last full
// regroup (see [DefaultDrift]).
//
// A run stopped at any point leaves the groups of the run before it
// readable; the articles it indexed are new to the next run, which
// groups them.
func Update(ctx context.Context, src Source, opt Options, uo UpdateOptions) (*Updated, error) {
	ix := opt.Index
	if ix == nil {
		return nil, errors.New("dedup: an incremental run needs an index")
	}
	if opt.InputOnly || opt.Cluster.CopyOnly {
		return nil, errors.New("dedup: an incremental run groups the whole index at every level (not InputOnly or CopyOnly)")
	}
	if uo.Drift == 0 {
		uo.Drift = DefaultDrift
	}
	if opt.Cluster == (cluster.Options{}) {
		opt.Cluster = cluster.DefaultOptions()
	}
	if opt.Scheme == nil {
		s, err := DefaultScheme()
		if err != nil {
			return nil, err
		}
		opt.Scheme = s
	}
	var st *state
	var g *index.Grouping
	var head postingsHead // what postings.bin says before its lists
	var rp *replacedSet   // grouped articles replaced since the run before
	reason := ""
	switch {
	case uo.Full:
		reason = cmp.Or(uo.Why, "asked for")
	case !ix.HasFeatures():
		reason = "the index stores no features"
	default:
		var err error
		if g, reason, err = readGrouping(ix); err != nil {
			return nil, err
		}
		if reason != "" {
			break
		}
		d := g.Digest()
		b, err := ix.ReadStateHead(postingsFile, postingsHeadLen)
		if err != nil {
			return nil, err
		}
		var damage error // a state file that does not decode
		if st, err = readState(ix); err != nil {
			damage = err
		}
		if b != nil && damage == nil {
			if head, err = decodeHead(b); err != nil {
				damage = err
			}
		}
		if rp, err = readReplaced(ix); err != nil && damage == nil {
			damage = err
		}
		switch {
		case damage != nil && !errors.Is(damage, errDamagedState):
			return nil, damage
		case damage != nil:
			reason = damagedReason(damage)
		case st != nil && st.earlier:
			reason = "the groups were made by an earlier release, whose features of the articles are computed again"
		case st == nil:
			reason = "no earlier grouping of the whole index"
		case st.digest != d:
			reason = "the groups changed since the document frequencies were counted"
		case b == nil:
			reason = "the index keeps no more-like-this postings"
		case head.digest != d:
			reason = "the groups changed since the more-like-this postings were written"
		case head.topTerms != opt.Cluster.Candidates.TopTerms:
			reason = fmt.Sprintf("the more-like-this postings were built for %d query terms, not %d", head.topTerms, opt.Cluster.Candidates.TopTerms)
		case rp != nil && !rp.complete:
			reason = "a run that indexed articles without grouping them stopped before it recorded which grouped articles it replaced"
		case rp != nil && rp.digest != d:
			reason = "the articles replaced since the last grouping were recorded for other groups"
		}
		if reason == "" {
			if reason, err = optionsChanged(ix, opt.Cluster); err != nil {
				return nil, err
			}
		}
	}
	if reason != "" {
		return fullUpdate(ctx, src, opt, reason, g)
	}
	// The postings are read and decoded while the input is read.
	decoded := make(chan error, 1)
	var pst *postings
	go func() {
		raw, err := ix.ReadState(postingsFile)
		if err == nil {
			pst, err = decodePostings(raw)
		}
		if err == nil && pst.digest != head.digest {
			err = fmt.Errorf("dedup: %s changed while it was read", postingsFile)
		}
		decoded <- err
	}()
	waitPostings := func() error {
		if decoded == nil {
			return nil
		}
		err := <-decoded
		decoded = nil
		return err
	}
	defer waitPostings() // a run that stops early leaves no reading behind
	// regroupAll is the full regroup an incremental run turns into, once
	// the input is indexed: the postings are not kept for it.
	var in *Result // the input, read (and indexed before any regroupAll)
	regroupAll := func(reason string) (*Updated, error) {
		waitPostings()
		pst = nil
		u, err := fullUpdate(ctx, Source{}, opt, reason, g)
		if err == nil && in != nil {
			u.Stats = in.Stats // what was read, indexed above
			u.Stored = len(u.Docs) - len(in.Docs)
		}
		return u, err
	}
	u := &Updated{}
	t0 := time.Now()
	stage := func(name string) {
		now := time.Now()
		t := cluster.Timing{Stage: name, Took: now.Sub(t0)}
		u.Timings = append(u.Timings, t)
		t0 = now
		// Grouping reports its own stages (cluster.RunStages).
		if opt.OnStage != nil && name != "group" {
			opt.OnStage(t)
		}
	}

	// Read and featurize the input; nothing is indexed yet.
	lo := opt
	lo.Index, lo.InputOnly, lo.KeepText = nil, true, true
	var err error
	in, _, err = load(ctx, src, lo, nil, nil)
	if err != nil {
		return nil, err
	}
	stage("read")
	pool, err := newDocPool(ix, opt)
	if err != nil {
		return nil, err
	}
	var queries []string // the articles that look for candidates
	var replaced []string
	freqs := &st.freqs
	changed := &Result{} // the articles read that the index does not hold as they are
	var unchanged []string
	// Grouped articles an earlier run replaced without regrouping them:
	// the versions the groups and the counts hold.
	var counted map[string]*cluster.Doc
	if rp != nil {
		if counted, err = rp.docs(); err != nil {
			return nil, err
		}
	}
	for i := range in.Docs {
		id := in.Docs[i].ID
		if old := counted[id]; old != nil {
			if same, err := listedAsHeld(pool, rp, &in.Articles[i], &in.Docs[i]); err != nil {
				return nil, err
			} else if same {
				// Listed by Delete as the index holds it, and read so:
				// unchanged, and regrouped as it is below.
				unchanged = append(unchanged, id)
				continue
			}
			freqs.Remove(old)
			delete(counted, id)
			replaced = append(replaced, id)
		} else if _, ok := g.Assignment(id); ok {
			old, err := pool.fetch(id)
			if err != nil {
				return nil, err
			}
			if same, err := Unchanged(&old.art, &old.doc, &in.Articles[i], &in.Docs[i]); err != nil {
				return nil, err
			} else if same {
				// Indexed and grouped as it is: nothing to do.
				unchanged = append(unchanged, id)
				continue
			}
			// The old version leaves the counts (and its group).
			freqs.Remove(&old.doc)
			replaced = append(replaced, id)
			if was, now := old.art.Origin, in.Articles[i].Origin; corpus.OriginPath(was) != corpus.OriginPath(now) {
				u.FromOtherFiles = append(u.FromOtherFiles, Replacement{ID: id, Was: was, Now: now})
			}
		}
		queries = append(queries, id)
		pool.put(id, in.Articles[i], in.Docs[i])
		changed.Articles = append(changed.Articles, in.Articles[i])
		changed.Docs = append(changed.Docs, in.Docs[i])
	}
	u.New = len(changed.Docs) - len(replaced)
	if len(changed.Docs) > 0 {
		if err := indexDocs(ix, changed); err != nil {
			return nil, err
		}
	}
	// The others are in the index as the earlier run left them.
	var regroup []string // listed as they are (by Delete): regrouped, counted as they were
	for _, id := range slices.Sorted(maps.Keys(counted)) {
		e, err := pool.fetch(id)
		if err != nil {
			return nil, err
		}
		if now, err := AppendFeatures(nil, &e.doc); err == nil && bytes.Equal(now, rp.feats[id]) {
			regroup = append(regroup, id)
			continue
		}
		freqs.Remove(counted[id])
		replaced = append(replaced, id)
		queries = append(queries, id)
	}
	u.Replaced, u.Unchanged, u.Regrouped = len(replaced), len(unchanged), len(regroup)
	slices.SortFunc(u.FromOtherFiles, func(a, b Replacement) int { return strings.Compare(a.ID, b.ID) })
	stage("index")

	// Articles an earlier run indexed without grouping them.
	n, err := ix.Count()
	if err != nil {
		return nil, err
	}
	if want := g.Len() + u.New; n != want {
		if n < want {
			return regroupAll(fmt.Sprintf("the index holds %d articles, fewer than its groups and the input (%d)", n, want))
		}
		ids, err := ix.IDs()
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			if _, ok := g.Assignment(id); ok || pool.has(id) {
				continue
			}
			queries = append(queries, id)
			u.New++
		}
	}
	// The articles after the run: those counted, less the old versions
	// taken out above, and every query (new, or a new version).
	docs := freqs.Docs + len(queries)
	ratio := float64(docs) / float64(max(st.fullDocs, 1))
	if grown := ratio - 1; uo.Drift > 0 && grown > uo.Drift {
		return regroupAll(fmt.Sprintf("the index grew by %.1f%% since its last full regroup, more than %.0f%%", 100*grown, 100*uo.Drift))
	}
	if uo.Drift > 0 && ratio*(1+uo.Drift) < 1 {
		return regroupAll(fmt.Sprintf("the index shrank by %.1f%% since its last full regroup, more than %.1f%% (1 − 1/(1 + %g))", 100*(1-ratio), 100*(1-1/(1+uo.Drift)), uo.Drift))
	}
	if c := mltCap(docs, opt.Cluster); c > head.keep {
		return regroupAll(fmt.Sprintf("the more-like-this postings keep %d articles a term, fewer than the cap of %d articles (%d)", head.keep, docs, c))
	}
	for _, id := range queries {
		e, err := pool.fetch(id)
		if err != nil {
			return nil, err
		}
		freqs.Add(&e.doc) // new, or the new version of one replaced
	}
	pool.freqs = freqs
	stage("count")
	if len(queries) == 0 && len(regroup) == 0 {
		// Every article read is indexed and grouped as it is: no group
		// moves, and the index's files stay as they are.
		r := &Result{Stats: in.Stats, Freqs: freqs, Load: u.Timings[0].Took}
		if r.Groups, err = cluster.RunStages(nil, opt.Scheme.Bands, opt.Cluster, nil); err != nil {
			return nil, fmt.Errorf("dedup: %w", err)
		}
		if r, err = withUnchanged(r, g, pool, unchanged, opt); err != nil {
			return nil, err
		}
		u.Result, u.Grouped = r, g.Len()
		return u, nil
	}

	// Candidates of every new article, from the index.
	if err := waitPostings(); errors.Is(err, errDamagedState) {
		return regroupAll(damagedReason(err))
	} else if err != nil {
		return nil, err
	}
	cands, view, err := findCandidates(ix, pool, pst, queries, docs, opt.Cluster)
	if err != nil {
		return nil, err
	}
	stage("candidates")
	var all []string
	for _, cs := range cands {
		all = append(all, cs...)
	}
	if err := pool.load(all); err != nil {
		return nil, err
	}
	isQuery := map[string]bool{}
	for _, id := range queries {
		isQuery[id] = true
	}
	touched := map[string]bool{}
	th := opt.Cluster.Thresholds
	for k, q := range queries {
		qd := pool.weighed(q)
		for _, c := range cands[k] {
			if isQuery[c] {
				continue
			}
			u.Candidates++
			sc := Score(qd, pool.weighed(c), opt.Cluster)
			if sc.Jaccard >= th.Copy || sc.Rewrite >= CandidateMargin*th.Rewrite || sc.Story >= CandidateMargin*th.Story {
				touched[c] = true
			}
		}
	}
	u.Touched = len(touched)
	stage("score")

	// The articles to regroup: the new ones and the story groups touched.
	affected := map[string]bool{}
	for _, id := range queries {
		affected[id] = true
	}
	for _, ms := range g.MembersOf(cluster.Story, storyLabels(g, slices.Concat(slices.Sorted(maps.Keys(touched)), replaced, regroup))) {
		for _, m := range ms {
			affected[m] = true
		}
	}
	ids := slices.Sorted(maps.Keys(affected))
	if err := pool.load(ids); err != nil {
		return nil, err
	}
	r := &Result{Stats: in.Stats, Freqs: freqs}
	r.Articles = make([]corpus.Article, len(ids))
	r.Docs = make([]cluster.Doc, len(ids))
	for i, id := range ids {
		e := pool.get(id)
		r.Articles[i], r.Docs[i] = e.art, *pool.weighed(id)
		if !opt.KeepText {
			r.Articles[i].Text, r.Articles[i].Furniture = "", nil
		}
		if !pool.fromInput(id) {
			r.Stored++
		}
	}
	r.Load = u.Timings[0].Took
	stage("load")
	co := opt.Cluster
	if co.Candidates.MaxDF == 0 {
		co.Candidates.MaxDF = cluster.AutoMaxDF(docs)
	}
	if opt.Progress != nil {
		opt.Progress("group", len(r.Docs))
	}
	if r.Groups, err = cluster.RunStages(r.Docs, opt.Scheme.Bands, co, opt.OnStage); err != nil {
		return nil, fmt.Errorf("dedup: %w", err)
	}
	stage("group")
	as := r.Assignments()
	u.Moved = moved(g, as)
	for _, a := range as {
		g.Set(a)
	}
	u.Grouped = g.Len()
	// The postings are merged while the groups are written.
	var post *postings
	var perr error
	merged := make(chan struct{})
	go func() {
		defer close(merged)
		post, perr = view.regrouped(r.Docs, postingsKeep(docs, opt.Cluster))
	}()
	err = ix.WriteGrouping(g)
	<-merged
	if err != nil {
		return nil, err
	}
	if perr != nil {
		return nil, perr
	}
	if err := writePostings(ix, post); err != nil {
		return nil, err
	}
	if err := writeState(ix, freqs, st.fullDocs); err != nil {
		return nil, err
	}
	if err := ix.RemoveState(replacedFile); err != nil {
		return nil, err
	}
	stage("write")
	if r, err = withUnchanged(r, g, pool, unchanged, opt); err != nil {
		return nil, err
	}
	u.Result = r
	return u, nil
}

// withUnchanged returns r (the articles regrouped) with the story groups
// of the unchanged articles read added as g, the grouping after the run,
// holds them. Their pairs' story scores are those of each pair alone:
// the neighbour lists of a run are not computed for groups left as they
// are.
func withUnchanged(r *Result, g *index.Grouping, pool *docPool, unchanged []string, opt Options) (*Result, error) {
	in := map[string]bool{}
	for _, d := range r.Docs {
		in[d.ID] = true
	}
	var ask []string
	for _, id := range unchanged {
		if !in[id] {
			ask = append(ask, id)
		}
	}
	add := map[string]bool{}
	for _, ms := range g.MembersOf(cluster.Story, storyLabels(g, ask)) {
		for _, m := range ms {
			add[m] = true
		}
	}
	if len(add) == 0 {
		return r, nil
	}
	for id := range in {
		add[id] = true
	}
	ids := slices.Sorted(maps.Keys(add))
	if err := pool.load(ids); err != nil {
		return nil, err
	}
	at := make(map[string]int, len(ids))
	for i, id := range ids {
		at[id] = i
	}
	out := &Result{Stats: r.Stats, Stored: r.Stored, Freqs: r.Freqs, Load: r.Load}
	out.Articles = make([]corpus.Article, len(ids))
	out.Docs = make([]cluster.Doc, len(ids))
	var labels [3][]int
	for l := range labels {
		labels[l] = make([]int, len(ids))
	}
	for i, id := range ids {
		e := pool.get(id)
		out.Articles[i], out.Docs[i] = e.art, *pool.weighed(id)
		if !opt.KeepText {
			out.Articles[i].Text, out.Articles[i].Furniture = "", nil
		}
		a, _ := g.Assignment(id)
		for l := cluster.Copy; l <= cluster.Story; l++ {
			// A label is the level's prefix and its first member's ID.
			k, ok := at[a.Label(l)[len(cluster.GroupID(l, "")):]]
			if !ok {
				return nil, fmt.Errorf("dedup: the group %s of %s is not whole in the index's groups", a.Label(l), id)
			}
			labels[l][i] = k
		}
	}
	grp := &cluster.Grouper{Docs: out.Docs, Opt: opt.Cluster} // no neighbour lists: pairs alone, as [Score]
	out.Groups = &cluster.Result{Docs: out.Docs, Labels: labels, Grouper: grp, Timings: r.Groups.Timings}
	return out, nil
}

// listedAsHeld reports whether a (with its raw features d), an article
// replaced.bin lists, is read as the index holds it and as the counts
// hold it: listed by [Delete] as it is because its story group lost a
// member, not replaced since.
func listedAsHeld(pool *docPool, rp *replacedSet, a *corpus.Article, d *cluster.Doc) (bool, error) {
	held, err := pool.fetch(a.ID)
	if err != nil {
		return false, err
	}
	if same, err := Unchanged(&held.art, &held.doc, a, d); err != nil || !same {
		return false, err
	}
	now, err := AppendFeatures(nil, &held.doc)
	return err == nil && bytes.Equal(now, rp.feats[a.ID]), err
}

// Unchanged reports whether an article read (a, with its raw features
// d) is the one an index holds under its ID (old, with its stored
// features oldDoc): the same features, and the same article in every
// field but Origin (where it was read). Such an article is indexed and
// grouped as it is; an incremental run leaves it so.
func Unchanged(old *corpus.Article, oldDoc *cluster.Doc, a *corpus.Article, d *cluster.Doc) (bool, error) {
	if !sameArticle(old, a) {
		return false, nil
	}
	was, err := AppendFeatures(nil, oldDoc)
	if err != nil {
		return false, fmt.Errorf("dedup: stored features of %s: %w", old.ID, err)
	}
	now, err := AppendFeatures(nil, d)
	if err != nil {
		return false, err
	}
	return bytes.Equal(was, now), nil
}

// Replacement is an indexed article replaced by one of its ID read from
// another file: Was and Now are where each was read ("path:line").
type Replacement struct {
	ID, Was, Now string
}

// sameArticle compares two versions of an article in every field but
// Origin; a publication time compares as an instant with its zone offset
// (or its lack of a zone).
func sameArticle(a, b *corpus.Article) bool {
	if a.ID != b.ID || a.Outlet != b.Outlet || a.Title != b.Title || a.DerivedTitle != b.DerivedTitle ||
		a.Byline != b.Byline || a.City != b.City || a.Edition != b.Edition || a.DateInText != b.DateInText ||
		a.URL != b.URL || a.Text != b.Text || !slices.Equal(a.Furniture, b.Furniture) {
		return false
	}
	ta, tb := a.Published, b.Published
	if ta.IsZero() || tb.IsZero() {
		return ta.IsZero() == tb.IsZero()
	}
	_, oa := ta.Zone()
	_, ob := tb.Zone()
	return ta.Equal(tb) && oa == ob && (ta.Location() == corpus.NoZone) == (tb.Location() == corpus.NoZone)
}

// fullUpdate is [Run] as an [Updated]: every group, and how many moved
// since the grouping old (read from the index when nil).
func fullUpdate(ctx context.Context, src Source, opt Options, reason string, old *index.Grouping) (*Updated, error) {
	if old == nil {
		var err error
		var damage string
		if old, damage, err = readGrouping(opt.Index); err != nil {
			return nil, err
		}
		if damage != "" {
			reason += "; " + damage
		}
	}
	r, err := Run(ctx, src, opt)
	if err != nil {
		return nil, err
	}
	u := &Updated{Result: r, Full: true, Reason: reason, Grouped: len(r.Docs), Timings: r.Groups.Timings}
	for _, d := range r.Docs {
		if _, ok := old.Assignment(d.ID); !ok {
			u.New++
		}
	}
	u.Moved = moved(old, r.Assignments())
	return u, nil
}

// readGrouping reads ix's groups; when the groups file is damaged, an
// empty grouping, with the reason a run regroups the whole index.
func readGrouping(ix *index.Index) (g *index.Grouping, damage string, err error) {
	g, err = ix.Grouping()
	if errors.Is(err, index.ErrGroupsDamaged) {
		return index.NewGrouping(), fmt.Sprintf("the groups file is damaged (%s) and is written again", index.GroupsDamage(err)), nil
	}
	return g, "", err
}

// storyLabels returns the story groups of ids in g.
func storyLabels(g *index.Grouping, ids []string) []string {
	labs := make([]string, len(ids))
	for i, id := range ids {
		labs[i] = g.Label(id, cluster.Story)
	}
	return labs
}

// moved counts, per level, the groups of as (every member of which is
// in as) that old does not hold with the same members.
//
// It reads only the old groups of the articles of as: as holds every
// article of each old group it names. A label names a group by its
// first member, which is in the group; a label of as names an article
// of as; and as holds, with each article, the whole of its old story
// group (a run regroups whole story groups, which hold the groups of
// the levels below; a full run regroups everything).
func moved(old *index.Grouping, as []index.Assignment) [3]int {
	was := make([]index.Assignment, len(as))
	had := make([]bool, len(as))
	for i, a := range as {
		was[i], had[i] = old.Assignment(a.ID)
	}
	var out [3]int
	for l := cluster.Copy; l <= cluster.Story; l++ {
		now, then := map[string][]string{}, map[string][]string{}
		for i, a := range as {
			now[a.Label(l)] = append(now[a.Label(l)], a.ID)
			if had[i] {
				then[was[i].Label(l)] = append(then[was[i].Label(l)], a.ID)
			}
		}
		for lab, ms := range now {
			before := then[lab]
			slices.Sort(ms)
			slices.Sort(before)
			if !slices.Equal(before, ms) {
				out[l]++
			}
		}
	}
	return out
}

// indexDocs adds the articles of r to ix with their (unweighed) features.
func indexDocs(ix *index.Index, r *Result) error {
	w, err := ix.NewWriter()
	if err != nil {
		return err
	}
	for i := range r.Docs {
		f, err := AppendFeatures(nil, &r.Docs[i])
		if err != nil {
			return err
		}
		if err := w.Add(index.Entry{Article: r.Articles[i], Signature: r.Docs[i].Sig, Features: f}); err != nil {
			return err
		}
	}
	return w.Flush()
}

// findCandidates returns the candidates of each query article (pooled,
// weighed), in the order of queries: the indexed articles sharing an
// LSH band with it and the best of its more-like-this query over the
// postings of the index and of the queries (n articles in all), as a run
// over them all would find them, without the article itself. It returns
// the batch the queries were looked up in.
func findCandidates(ix *index.Index, pool *docPool, pst *postings, queries []string, n int, opt cluster.Options) ([][]string, *view, error) {
	qs := make([]*cluster.Doc, len(queries))
	for k, id := range queries {
		qs[k] = pool.weighed(id)
	}
	view, num := pst.withQueries(qs, opt.Candidates.TopTerms)
	like := view.likeThis(qs, num, mltCap(n, opt), opt)
	out := make([][]string, len(queries))
	errs := make([]error, len(queries))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(queries); i += workers {
				id := queries[i]
				mates, _, err := ix.Bucketmates(qs[i].Sig, opt.Candidates.MaxBucket)
				if err != nil {
					errs[i] = fmt.Errorf("dedup: candidates of %s: %w", id, err)
					continue
				}
				seen := map[string]bool{id: true}
				var cs []string
				for _, m := range mates {
					if !seen[m] {
						seen[m] = true
						cs = append(cs, m)
					}
				}
				for _, d := range like[i] {
					if c := view.ids[d]; !seen[c] {
						seen[c] = true
						cs = append(cs, c)
					}
				}
				out[i] = cs
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	return out, view, nil
}

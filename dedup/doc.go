// Package dedup is wirediff's batch run: it reads articles, featurizes
// them, finds candidate pairs, and groups them at three nested levels
// (copy ⊂ rewrite ⊂ story, see [cluster]), optionally adding them to an
// [index.Index] and grouping them with the articles it holds.
//
// # One call
//
// [Run] does it all: give it a [Source] (paths, or "-" for a reader) and
// [Options] (the [cluster.Options], an index, callbacks for progress and
// for input problems through [Source].Read), and it returns a [Result]:
// the articles sorted by ID, their features, and the groups, labelled by
// [Result.Label] as "c:", "r:" or "s:" followed by the group's first
// member's ID. The same input gives the same groups and labels whatever
// its order or the number of cores. Each input is read once; with an
// index, the articles wait in a spool file (in [Options].TempDir) to be
// indexed while the grouping runs; on Unix the file is removed from the
// directory as soon as it is made, so no run, even a killed one, leaves
// it behind (elsewhere it is removed when Run returns). [Load] reads and
// featurizes (and indexes) without grouping. Over an index grouped
// before, [Update] regroups only what the new articles touch; [Group]
// chooses between the two as the dedup command does, and says which kind
// of run it was and why.
//
// # Stage by stage
//
// A distributed engine or an incremental regroup calls the stages one at
// a time; together they give the groups of [Run]:
//
//  1. Featurize each article with the run's [Scheme]
//     ([Scheme.NewFeaturizer], one per goroutine): a pure function of the
//     article. [AppendFeatures] and [ParseFeatures] carry the features
//     ([cluster.Doc]) between machines in a documented, versioned binary
//     encoding.
//  2. Weigh: count the batch's document frequencies ([DocFreqs], a sum of
//     per-part counts) and turn each doc's term counts into TF-IDF
//     ([Weigh]).
//  3. Candidates: [Candidates] over the whole batch, sorted by ID (LSH
//     over the signatures, and a more-like-this query per doc whose
//     postings span the batch). [Score] scores one pair.
//  4. Group: split the candidate graph into its connected components
//     ([Components]) and group each apart ([Pairs.Within],
//     [GroupComponent]); no group spans two components, and labels name
//     groups by member IDs, so the per-component results are those of the
//     whole run.
//
// The signing scheme ([DefaultScheme]: word 3-shingles, 128 MinHash
// values, bands tuned for Jaccard 0.5) is recorded in every index
// ([Scheme.Meta]); an index signed otherwise is refused rather than
// mixed ([SchemeOf] reads an index's).
//
// # Limits
//
// Grouping in memory holds every doc's features (not the texts unless
// [Options].KeepText): about 11 KB per article. A run over an index
// without KeepText keeps them on disk instead (about 9 KB per article
// in two temporary files) and holds about 2 KB per article, the
// articles' metadata included, plus the features of the connected
// components of the graph of pairs reaching a threshold it groups at
// once; see [Run].
// With an index, the spool takes about the input's size on disk until
// the articles are indexed. Candidate generation and
// the more-like-this postings see the whole batch; only grouping splits
// by component, and the more-like-this candidates link most articles
// published within [cluster.Options].Window of one another, so a corpus
// of one week is close to one component. Cancelling the context stops
// reading, not grouping.
package dedup

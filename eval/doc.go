// Package eval implements external evaluation of a clustering of articles
// against a gold clustering: pairwise and B-cubed precision, recall and F1,
// and the adjusted Rand index, plus a listing of the worst merges and splits
// and a readable text report.
//
// # Clusterings
//
// A [Clustering] maps an article ID to a cluster label; labels are opaque
// strings and only equality between them matters, so every score is
// invariant to renaming labels. Clusterings are read from and written to
// tab-separated files with a header line "id<TAB>cluster"
// ([ReadClustering], [WriteClustering]).
//
// [Score] scores a prediction on the gold IDs only. An ID that is in the
// gold but not in the prediction is scored as a singleton cluster of its
// own (the prediction said nothing about it, so it joined nothing); an ID
// that is in the prediction but not in the gold is ignored, so a prediction
// may be made over a larger corpus than the labelled part.
//
// # Definitions
//
// Let N be the number of gold IDs, a_i the size of gold cluster i, b_j the
// size of predicted cluster j (restricted to the gold IDs) and n_ij the
// number of IDs in gold cluster i and predicted cluster j: the contingency
// table. Write C(x) = x(x-1)/2 for the number of unordered pairs in x items.
//
// Pairwise scores count unordered pairs of IDs placed in one cluster
// (Manning, Raghavan & Schütze 2008, §16.3):
//
//	TP        = Σ_ij C(n_ij)           pairs together in both
//	Precision = TP / Σ_j C(b_j)        share of predicted pairs that are gold pairs
//	Recall    = TP / Σ_i C(a_i)        share of gold pairs that were predicted
//
// By convention Precision is 1 when the prediction has no pairs (it claimed
// nothing, so nothing it claimed is wrong) and Recall is 1 when the gold has
// no pairs. F1 is the harmonic mean 2PR/(P+R), 0 when P+R = 0.
//
// B-cubed scores (Bagga & Baldwin 1998, with the item-averaged form that
// Amigó, Gonzalo, Artiles & Verdejo 2009 show to satisfy their four formal
// constraints) average per-item scores over the N gold IDs. For an item e in
// gold cluster G(e) and predicted cluster P(e):
//
//	Precision(e) = |G(e) ∩ P(e)| / |P(e)|
//	Recall(e)    = |G(e) ∩ P(e)| / |G(e)|
//
// which sum to Σ_ij n_ij²/b_j and Σ_ij n_ij²/a_i over all items. Each item
// counts itself, so a singleton prediction has B-cubed precision 1 and the
// scores are defined for every non-empty input. F1 is the harmonic mean of
// the averaged precision and recall.
//
// The adjusted Rand index (Hubert & Arabie 1985) corrects the Rand index
// (Rand 1971) for chance agreement under the permutation model:
//
//	ARI = (TP − E) / (M − E),  E = Σ_i C(a_i) · Σ_j C(b_j) / C(N),
//	                           M = (Σ_i C(a_i) + Σ_j C(b_j)) / 2
//
// ARI is 1 for identical clusterings, about 0 for independent ones and can
// be negative. The denominator M − E is 0 only when both clusterings are all
// singletons or both are a single cluster (or N < 2); the two clusterings are
// then identical and ARI is defined as 1.
//
// With no gold IDs at all (N = 0) every score is 1: there is nothing to get
// wrong.
//
// # Cost
//
// Everything is computed from the contingency table, built by grouping the
// items by gold cluster and counting predicted labels within each group:
// time and memory are O(N + number of non-empty cells), with no pass over
// pairs of items. Sums are accumulated in integers, or in floating point in
// an order fixed by the data, so results are deterministic bit for bit.
// Scoring 1,000,000 articles takes about 0.8 s on one core, mostly in the
// two map lookups per article (BenchmarkScore; see docs/measurements.md).
//
// # References
//
//   - A. Bagga and B. Baldwin. Algorithms for scoring coreference chains.
//     LREC Workshop on Linguistic Coreference, 1998.
//   - E. Amigó, J. Gonzalo, J. Artiles and F. Verdejo. A comparison of
//     extrinsic clustering evaluation metrics based on formal constraints.
//     Information Retrieval 12(4):461–486, 2009.
//   - L. Hubert and P. Arabie. Comparing partitions. Journal of
//     Classification 2(1):193–218, 1985.
//   - W. M. Rand. Objective criteria for the evaluation of clustering
//     methods. JASA 66(336):846–850, 1971.
//   - C. D. Manning, P. Raghavan and H. Schütze. Introduction to Information
//     Retrieval, chapter 16. Cambridge University Press, 2008.
package eval

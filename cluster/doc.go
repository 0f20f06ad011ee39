// Package cluster groups articles at three nested levels: copy (near-verbatim
// copies), rewrite (derived from the same source report, however paraphrased
// or excerpted) and story (the same real-world event, reported independently
// or not). Every copy group lies in one rewrite group, and every rewrite
// group in one story group.
//
// # Features
//
// A [Featurizer] turns each article into a [Doc]: the word 3-shingles of its
// body as 32-bit fingerprints with their MinHash signature (copy level), a
// sample of the shingles outside quotation marks (the outlet's own wording),
// a stemmed TF-IDF term vector of title and body in which names and numbers
// count extra, the sets of names and numbers and of quoted 4-word shingles,
// and the weekdays the title and lede name. [Weigh] turns raw counts into
// TF-IDF with document frequencies from the batch plus a shipped background
// table ([DefaultBackground]).
//
// # Candidates and scores
//
// [Run] takes candidate pairs from LSH over the signatures ([LSHPairs]) and
// from a more-like-this query per article over the batch's postings
// ([MoreLikeThis]). Copies are pairs whose exact shingle Jaccard reaches the
// copy threshold. The rewrite score is the mean of the TF-IDF cosine and the
// names-and-numbers overlap plus the overlap of own wording, divided by its
// largest value so that it lies in [0, 1]; the story score
// mixes the TF-IDF cosine with shared nearest neighbours and weekday
// agreement. [Grouper.Evidence] reports every signal of a pair.
//
// # Clustering
//
// Each level is group-average agglomeration ([AverageLink],
// [AverageLinkLinear]) over the candidate graph, starting from the groups of
// the level below. The rewrite and story scores are dot products of
// per-article vectors, so the average between two clusters is the dot
// product of their summed vectors. Merges happen in a fixed order, so the
// groups do not depend on input order or the number of cores.
//
// The defaults ([DefaultOptions]) were calibrated on development data only;
// docs/design.md says how, and docs/measurements.md gives each figure with
// the command that reproduces it. "go run ./internal/calibrate" reruns the
// calibration experiments, and the evaluations (eval_*_test.go, make eval)
// keep the scores they reach in testdata/quality.golden.
package cluster

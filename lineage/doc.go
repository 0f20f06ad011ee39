// Package lineage implements per-outlet diff reports for a group of
// rewrites of one news report: for every member, what it kept from the
// group's reference, what it added, what it dropped, how it treated the
// reference's quotations, and where it editorialized.
//
// # Reference
//
// The reference is a member given by ID ([Options].Source), or a member
// inferred to be the source: published strictly first, carried by the
// others the most (mean share of its words, within 5 points of the most
// carried member, at least [Options].SourceMinContained), and not itself
// crediting an outside report ("according to X", "X reported", "told X",
// "reported by X") that every member credits. The evidence is reported per
// member ([Evidence]). Otherwise the reference is the consensus: greedily,
// one sentence per fact that a strict majority of members state, taken
// from the sentence that the most members share, in the members' mean
// reading order.
//
// # Alignment
//
// Articles are split into sentences by Punkt (Kiss & Strunk 2006, the
// English model bundled with github.com/neurosnap/sentences, MIT), lines
// first, hard-wrapped paragraphs rejoined (see [Segment]); site furniture
// (corpus.Article.Furniture) is excluded from the comparison and reported
// as boilerplate. Two sentences state the same fact when the weighted Dice
// coefficient of their content words (Porter stems of the non-stop words,
// numbers verbatim), each weighted by its inverse sentence frequency within
// the group (Spärck Jones 1972), reaches [Options].SameFact (calibrated on
// the MSRP training set, Dolan & Brockett 2005), with a penalty when their
// numbers disagree; or when the smaller is contained in the larger
// (one-to-many: a rewrite that merged or split sentences). Pairs are
// found through an inverted index of terms, read rarest term first, and
// only the pairs that can still reach a threshold are scored (prefix,
// length and positional filtering; see linkSentences), so two 5 MB
// articles take seconds, with the same result as scoring every pair that
// shares a term. Sentences are the unit of "kept": a fact
// reworded counts as kept; [Member].VerbatimShare measures how much of it
// was copied word for word (longest common subsequence).
//
// # Editorial cues
//
// Editorial spans come from the trained detector of package editorial
// ([Options].Detector; by default the weights shipped with it): a sentence
// it reads as commentary (the outlet's own opinion) is an editorial span
// covering the sentence, and its loaded words in the outlet's own voice
// (text in quotation marks is the speaker's and is skipped) are spans of
// their own, kept in sentences the reference lacks unless a majority of
// members use the word (the story's own vocabulary), or when swapped into
// a kept sentence (no sentence stating the same fact uses it). A title
// before a name replaced by a lower-case label ("President Vladimir Putin"
// → "dictator Vladimir Putin") is a relabelling cue. The editorial score
// is commentary sentences and loaded words per 1,000 words of the member's
// own text outside quotations (editorial.Score); [Member].Sentences holds
// the detector's decision on every sentence.
//
// # Limits
//
// Alignment is lexical: a paraphrase that shares few content words with
// the reference is missed (MSRP accuracy 0.72), and two sentences on the
// same topic with many shared rare words may be aligned. Editorial spans
// are noisy: on BASIL (Fan et al. 2019) their token precision against the
// annotated lexical-bias spans is low (see the package editorial
// measurements and TestEvalBASIL). On Clough
// & Stevenson (2011) the kept share orders light > cut on average because
// several "cut" answers were copied from parts of the Wikipedia article
// outside the given source passage (TestEvalClough logs the evidence);
// the verbatim share orders cut > light > heavy > non. Quotations are text
// between double quotation marks (a closing mark with none open ends a
// quotation that began at the paragraph's start); single quotation marks
// are not tracked.
//
// Bad input (huge texts of repeated lines, tables, unpunctuated text) is
// bounded by the limits of [Options]: copies of a sentence beyond
// MaxRepeats are left out, runs longer than MaxSentenceWords are compared
// in pieces, and the alignment makes at most about MaxComparisons
// comparisons and keeps MaxLinks pairs. News articles reach none of them;
// whatever a limit cuts is said in [Report].Notes.
//
// The evaluations on the labelled development data are the eval_*_test.go
// files (make eval); their scores are kept in testdata/quality.golden.
package lineage

// Package similarity implements the text-similarity core of wirediff:
// tokens with byte offsets, normalization, word shingles, MinHash signatures,
// exact and estimated Jaccard similarity and containment, and LSH banding for
// finding near-duplicate candidates among a million articles.
//
// # Tokens
//
// [AppendTokens] splits text into [Token]s. A token is a maximal run of
// letters and numbers (Unicode categories L and N; combining marks continue
// a run), and its Text is normalized:
//
//   - NFKC (golang.org/x/text/unicode/norm), then lower case: "ﬁne" and
//     "FINE" are "fine", "ＡＢＣ" is "abc", "Cafe\u0301" is "café".
//   - A possessive "'s" is dropped: "Trump's" and "Trump’s" are "trump".
//     This also turns "it's", "he's", "let's" into "it", "he", "let".
//   - Apostrophes between letters are removed: "isn't" is "isnt",
//     "O’Brien" is "obrien". Right and left single quotation marks, the
//     modifier letter apostrophe and the fullwidth apostrophe count as
//     apostrophes. Other apostrophes and quotes separate tokens.
//   - Numbers keep a '.' between digits and drop a ',' between digits:
//     "2.5" stays "2.5", "1,000" and "1000" are both "1000" (so "3,5" is
//     "35"; European decimal commas are not recognized).
//   - Hyphens, dashes, slashes and all other punctuation separate tokens:
//     "28-point" is "28", "point"; "U.S." is "u", "s".
//   - A soft hyphen (U+00AD) inside a word is removed.
//   - Invalid UTF-8 separates tokens.
//
// Start and End are byte offsets of the whole original word, including a
// dropped "'s", so text[Start:End] is what a report quotes. Pure-ASCII
// lower-case tokens are substrings of the input; capitalized ASCII tokens
// share one lower-cased string per call; only tokens needing Unicode work go
// through NFKC. A token's Text re-tokenizes to itself.
//
// Scripts written without spaces between words (Han, Hiragana, Katakana,
// Thai, Lao, Khmer, Myanmar) are not segmented into words: each two
// consecutive characters of a run of them are a token, overlapping the next
// ("国家统计局" is "国家", "家统", "统计", "计局"), and a run of one character
// is one token, as CJK bigram indexing has it (Lucene's CJKBigramFilter).
// A word edited in such a run changes only the tokens that touch it, so
// copies and rewrites are found as in spaced scripts; the tokens of such a
// run are the only ones that overlap. Korean is written with spaces and is
// tokenized by them.
//
// Limits: vulgar fractions lose
// their fraction slash under NFKC ("½" is "12"). Some contractions collide
// with words ("we'll" is "well").
//
// [Normalize] is the same NFKC and quote/dash folding for whole strings,
// keeping case and punctuation, with white space collapsed. [IsStopword]
// tests normalized tokens against the Snowball English stop list.
//
// # Shingles
//
// [Shingles] hashes every k consecutive token texts (a w-shingle in Broder's
// terms) to 64 bits and returns the sorted, de-duplicated set. Each token is
// hashed once with XXH64 (github.com/cespare/xxhash/v2); a shingle's hash is
// XXH64 of the little-endian concatenation of its tokens' hashes (exactly so
// for k <= 3; for longer shingles XXH64's short-input lane mixing is applied
// to every lane). Shingles depend on token texts only, never on offsets or
// spacing. A text of fewer than k tokens gives one shingle of all of them.
//
// # MinHash
//
// The resemblance of two documents is the Jaccard similarity of their
// shingle sets, J(A, B) = |A∩B|/|A∪B|, and their containment is |A∩B|/|A|
// (Broder 1997). [Jaccard], [Containment] and [Intersection] compute them
// exactly from sorted sets. A [Signature] of n 32-bit values estimates J:
// the fraction of positions where two signatures agree ([EstimateJaccard]).
//
// Classic MinHash (Broder 1997; Broder et al. 1997) keeps the minimum of n
// independent hash functions, n hash evaluations per shingle. [MinHasher]
// instead uses one-permutation hashing (Li, Owen & Zhang 2012): each shingle
// s is hashed once, h = XXH64(s as 8 little-endian bytes, seed); the high 32
// bits pick one of n bins by multiply-shift (Lemire 2019), and each bin keeps
// the minimum of the low 32 bits (folded into [0, 2^32-2]; 2^32-1 marks an
// empty bin). Bins that no shingle reached are filled by optimal
// densification (Shrivastava 2017): empty bin i copies the value of bin
// g(i, t) for the first t = 1, 2, … that lands on a bin that was non-empty,
// where g is XXH64 of (i<<32 | t) with a seed derived from the MinHasher's,
// the same for every set, so that two sets agree in a densified bin with
// probability J.
//
// Error bound: the estimate is unbiased, and its standard error is about
// sqrt(J(1-J)/n): at most 0.044 for n = 128, so two documents at J = 0.5 are
// estimated within ±0.13 (3σ). With every bin filled (sets much larger than
// n), one-permutation hashing samples without replacement and its variance is
// slightly below that of n independent permutations (Li et al. 2012); for
// sparse sets optimal densification keeps it close (Shrivastava 2017).
// The property test checks that 99% of 2,000 random pairs (union
// sizes 5 to 2,000) fall within 4σ + 0.01 of the exact value, with mean
// error below 0.005. Tokenizing, shingling (k = 3) and signing (n = 128) a
// 600-word article takes about 19µs, some 50,000 articles per second per
// core (BenchmarkSign; docs/measurements.md gives the figures with date,
// commit and machine).
//
// Determinism: signatures depend only on the shingles, n and the seed. There
// is no map iteration and no per-process random seed (no hash/maphash), so
// signatures are identical across processes and machines and can be stored.
// TestSignGolden pins a signature: a change to the tokenizer, the shingle
// hash or the MinHash scheme makes it fail, and means stored signatures must
// be recomputed. [MinHasher.Compatible] reports a stored length or seed that
// differs with [ErrSizeMismatch] or [ErrSeedMismatch].
//
// The empty set has the all-2^32-1 signature ([Signature.Empty]); two empty
// sets have Jaccard similarity 1, exactly and estimated, and an empty set is
// contained in every set. [LSH] ignores empty signatures.
//
// # LSH banding
//
// [Bands] splits a signature into B bands of R rows (Indyk & Motwani 1998;
// Leskovec, Rajaraman & Ullman, Mining of Massive Datasets, ch. 3.4): a pair
// with Jaccard similarity s shares at least one band with probability
// 1-(1-s^R)^B, an S-curve whose steep part sits near (1/B)^(1/R).
// [OptimalBands] picks B and R for a threshold t by minimizing
// wFP·∫₀ᵗ P(s) ds + wFN·∫ₜ¹ (1-P(s)) ds, as ekzhu/minhash-lsh and datasketch
// do, and reports both areas. With equal weights and n = 128: t = 0.5 gives
// B = 25, R = 5; t = 0.8 gives B = 9, R = 13. At low thresholds the optimum
// sits a little below t (t = 0.2 gives a 50% point of 0.16).
//
// [LSH] is a batch table: band keys of dense int32 ids in flat per-band
// slices, sorted once by a radix sort (12 bytes per id and band: 1M articles
// with 32 bands in about 384 MB), from which [LSH.Pairs] enumerates each
// candidate pair once in a deterministic order, skipping oversized buckets,
// and [LSH.Query] looks up a new signature.
//
// # References
//
//   - A. Z. Broder. On the resemblance and containment of documents.
//     Compression and Complexity of Sequences 1997.
//   - A. Z. Broder, S. C. Glassman, M. S. Manasse, G. Zweig. Syntactic
//     clustering of the Web. WWW 1997.
//   - P. Indyk, R. Motwani. Approximate nearest neighbors: towards removing
//     the curse of dimensionality. STOC 1998.
//   - J. Leskovec, A. Rajaraman, J. D. Ullman. Mining of Massive Datasets,
//     ch. 3 (Finding Similar Items).
//   - P. Li, A. Owen, C.-H. Zhang. One Permutation Hashing. NIPS 2012.
//   - A. Shrivastava. Optimal Densification for Fast and Accurate Minwise
//     Hashing. ICML 2017.
//   - D. Lemire. Fast random integer generation in an interval. ACM TOMACS
//     29(1), 2019.
//   - Y. Collet. xxHash (XXH64) specification.
package similarity

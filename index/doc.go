// Package index implements wirediff's on-disk store: an embedded bleve
// index that holds every article with its metadata, its text analyzed for
// full-text search, and what the near-duplicate core needs to continue
// later (the MinHash signature and its LSH band keys).
//
// # On-disk layout (format version 2)
//
// An index is one directory (default ./wirediff.index):
//
//	DIR/LOCK           a lock (flock on Unix, LockFileEx on Windows, none
//	                   where the system has no file locks): exclusive for
//	                   a writer (shared for readers of an index with no
//	                   snapshot), taken without blocking, so a second
//	                   writer gets [ErrLocked] at once instead of hanging.
//	DIR/wirediff.json  [Meta]: format version, MinHash seed and number of
//	                   hashes, shingle size, LSH bands and rows. Written
//	                   when the index is created and checked on every open.
//	DIR/bleve/         the live bleve (scorch) index a writer changes. One
//	                   document per article, keyed by article ID:
//	                     text, title   analyzed as bleve's "en" analyzer
//	                                   does, scripts written without spaces
//	                                   and Hangul in character pairs, soft
//	                                   hyphens and other format characters
//	                                   left out of words (format 4; a
//	                                   format 3 index keeps "en"),
//	                                   stored, with term vectors (search,
//	                                   highlighting, more-like-this)
//	                     outlet, byline, city, edition, url, id
//	                                   keyword, stored
//	                     published     datetime, stored (absent if unknown):
//	                                   the instant, in UTC
//	                     published_text  stored only: the time as read,
//	                                   RFC 3339 with the source's offset, or
//	                                   without a zone when the source gave
//	                                   none (corpus.NoZone)
//	                     date_in_text  stored only: "true" when the date
//	                                   was found in the opening of the text
//	                                   (corpus.Article.DateInText)
//	                     title_derived stored only: the first sentence,
//	                                   shown for an article without a title
//	                                   (corpus.Article.ShownTitle); not
//	                                   searched
//	                     sig           stored only: the MinHash signature,
//	                                   little-endian uint32s, base64
//	                     lsh           keyword, not stored: the signature's
//	                                   LSH band keys under the bands in
//	                                   wirediff.json, one term per band,
//	                                   base 36, so that the articles
//	                                   sharing a band with a new one are a
//	                                   term lookup ([Index.Bucketmates])
//	                     feat          stored only: the caller's encoding
//	                                   of the article's features
//	                                   ([Entry].Features: package dedup's),
//	                                   base64, so that a later run does
//	                                   not featurize it again
//	                     furniture     stored only: JSON list of furniture spans
//	                     origin        stored only: "path:line" read from
//	DIR/groups.tsv     the groups of the last grouping run over the index:
//	                   id, copy, rewrite and story group, tab-separated,
//	                   with a header line; a backslash, tab, line feed or
//	                   carriage return in a field is written \\, \t, \n,
//	                   \r (see [Index.WriteGroups]), so any ID fits;
//	                   [Index.Grouping] reads it as labels and members,
//	                   the groups new articles are placed among.
//	DIR/NAME           state files of the caller's, each replaced
//	                   atomically ([Index.WriteState]): package dedup
//	                   keeps docfreqs.bin there, the document frequencies
//	                   of the articles groups.tsv groups,
//	                   postings.bin, their more-like-this postings, and
//	                   replaced.bin, the grouped articles replaced since
//	                   by a run that did not regroup them, each tied to
//	                   groups.tsv by its SHA-256 ([Index.GroupsDigest]),
//	                   and options.json, the grouping options of the
//	                   last full regroup.
//	DIR/snapshots/N/   the committed state readers open: bleve/ (segment
//	                   files hard-linked, root.bolt and index_meta.json
//	                   copied), groups.tsv, a copy of wirediff.json (which
//	                   [Restore] puts back when DIR's does not read), and
//	                   a LOCK readers hold shared.
//	DIR/CURRENT        the name N of the last committed snapshot, replaced
//	                   atomically.
//	DIR/CREATING       present only while the index is being made in an
//	                   existing directory (see below).
//	DIR/WRITING        present while a writer's changes to the live store
//	                   are not committed (see below).
//
// # Writers, readers and crashes
//
// A writer ([Open] without ReadOnly) holds DIR/LOCK and changes DIR/bleve
// and DIR/groups.tsv. [Index.Close] commits: it closes bleve, makes a new
// snapshot of what the writer leaves (scorch never changes a segment file
// once written, so hard links are a consistent copy at the cost of a
// root.bolt), points DIR/CURRENT at it, and removes the older snapshots no
// reader holds. Readers (ReadOnly) open the snapshot CURRENT names, never
// the live store: search, show, similar and groups keep answering from the
// last committed state, without waiting, while a dedup or index runs (the
// wirediff command lowers a write's CPU priority so that they keep their
// latency); they
// see its work once it has closed. An index made by an older wirediff,
// with no CURRENT, is read from DIR/bleve under a shared DIR/LOCK until its
// next write commits.
//
// A write that does not commit changes nothing. A writer writes
// DIR/WRITING once it has checked and opened the live store, before it
// changes anything, and removes it once it has committed (a writer that
// fails to open leaves none); a writer that finds it left there (the one
// before was killed, interrupted by Ctrl-C, or failed to commit) discards
// what that one stored: it puts the last committed snapshot back as the
// live store and groups file before it starts ([Index.Discarded] says so).
// The store it replaces is deleted, unless it is damaged (an empty or
// missing root.bolt): that one is moved aside as [Restore] does
// ([Index.KeptAside] says where). [Index.Abort] closes a writer the same
// way at once. The caller's state
// files are not snapshotted and stay as the discarded write left them:
// each names the groups file it was written for ([Index.GroupsDigest]),
// and one that does not match is not used. [Check] notes such a write
// without calling it damage, but reports damage to the store it left as
// to any live store. In an index with no snapshot yet there is
// nothing to go back to: the next completed write commits what the live
// store holds.
//
// A new index is built in a sibling directory (DIR.new-*: an empty store,
// its first snapshot, wirediff.json last) and renamed into place, so a
// killed creation leaves no DIR half made; of two processes creating one
// index, one renames first and the other gets ErrLocked. A DIR that
// exists and is empty (made beforehand, or a mount point such as a
// container volume, which no rename can replace or remove) is used as it
// is, permissions and all: the index is made in place, under DIR/LOCK,
// with a marker DIR/CREATING written first and removed after
// wirediff.json, again the last file. Until wirediff.json is there, DIR
// is no index to readers and writers; a creation killed half-way leaves
// CREATING, and the next creation clears what it names and starts
// again. A directory that holds anything else is refused, never emptied.
//
// Opening never deletes data (but what an interrupted write did not
// commit, as above): a root.bolt that is empty or missing while
// segment files remain (scorch would drop every segment as unreferenced)
// is [ErrCorrupt], and so is a panic inside bleve (a truncated segment
// makes the zap decoder index out of range): every method that calls
// bleve recovers it and names the segment files that do not decode.
// [Check] verifies an index and says how to recover (holding DIR/LOCK
// only briefly, after it has decoded the live segment files, so that it
// hardly ever keeps a writer out); [Restore] puts the
// last committed snapshot back as the live store, keeping the damaged one
// aside.
//
// An index of format 2 created before lsh and feat were added to its
// mapping has neither, and the articles added to it do not get them
// ([Index.HasFeatures] says so): its runs are full ones. Format 1 lacks city, edition, published_text and title_derived: it is
// read (read-only), and opening it for writing is [ErrFormat], asking for
// a rebuild, since its mapping cannot take the new fields. A format
// version newer than this package understands is
// [ErrFormat]; a seed, hash count or shingle size different from the
// one the caller signs with is [ErrMismatch]: signatures made with other
// parameters cannot be compared, so the caller must rebuild the index.
//
// Re-adding an ID replaces the stored article: bleve keys documents by ID.
//
// # Queries
//
// [Index.Search] runs bleve query-string queries (phrases, +must, -not,
// field:value) with outlet and date filters and highlighted fragments;
// [Index.Similar] finds the candidates of a near-duplicate query with a
// more-like-this query (bleve has none: it is built on the term
// dictionary, with TF-IDF query weights and BM25 scoring, as Lucene's
// MoreLikeThis does). A near-verbatim copy holds every one of the query's
// terms, so it ranks first without LSH; the caller verifies by exact
// shingle Jaccard.
//
// Limits: one writer at a time per directory (other writers wait for
// nothing: they get ErrLocked); the locks are advisory and local (not for
// network file systems); hard links must work in DIR (else segments are
// copied at each commit).
package index

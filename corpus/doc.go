// Package corpus implements the readers that turn files of news articles
// into [Article] values, and the recognition of metadata and site furniture
// inside plain article text.
//
// # Inputs
//
// [Read] takes files, directories (walked recursively in lexical order;
// entries whose names start with "." are skipped) and "-" for JSON lines on
// [Options.Stdin]. The reader is chosen by the file extension, in any case:
//
//   - .txt, .md, .markdown: one article per file, the whole file is the text.
//   - .html, .htm, .xhtml: one article per file, a web page: its main text
//     as Readability finds it, its title, byline, site name, publication
//     time and canonical URL from its metadata (see [run.readPage]).
//   - .jsonl, .ndjson: one JSON object per line; blank lines are ignored.
//   - .json: an array of objects, or one object (or several in a row).
//   - .warc: a web archive, one article per HTML response (see
//     [run.readWARC]).
//   - .rss, .atom, .xml: an RSS or Atom feed, one article per item or
//     entry (see [run.readFeed]); an .xml file whose root is not a feed's
//     is [NotArticles].
//   - .csv: a header row naming the fields, then one article per row
//     (encoding/csv, strict quoting, every row as wide as the header).
//   - .tsv, .tab: the same with fields separated by tabs (quoted as
//     spreadsheets and pandas quote them: a field holding a tab, a quote
//     or a line break is quoted, its quotes doubled).
//
// Any of them compressed with gzip or bzip2 (name.jsonl.gz, name.txt.bz2)
// is read as the file its name names without the .gz or .bz2; compressed
// data that is corrupt or cut short is reported as [Unreadable] at the
// line where it stops, the records before it kept. Other extensions met
// while walking a directory, or named directly, are reported as
// [Unsupported].
//
// # Fields
//
// Records are mapped onto the canonical fields id, outlet, title, byline,
// published, url and text. Keys match whatever their case and the spaces,
// hyphens and underscores between their words ("Published Date",
// "published_date" and "publishedDate" are one key; a leading underscore,
// as in Elasticsearch's _source, stays), and these aliases are read when
// the canonical key is absent or blank, in this order:
//
//	text       body, content, content_html, content_text (JSON Feed), article,
//	           maintext, article_body (articleBody), article_text, body_text,
//	           full_text, body_html, bodies, body_nitf (ninjs)
//	outlet     source, site, publisher, outlet_name, source_domain,
//	           copyrightholder
//	published  date, published_at, pubdate, datetime, pub_date,
//	           publication_date, webpublicationdate, date_publish,
//	           date_published (datePublished), published_date, publish_date,
//	           firstcreated, versioncreated (ninjs)
//	byline     author, authors, by
//	title      headline, webtitle, headlines
//	url        link, web_url, weburl
//	id         uri (ninjs)
//
// The IPTC's ninjs, as news agencies' APIs answer, is read by these: an
// array of objects with a role member (ninjs 2's headlines and bodies,
// each text in several roles and content types) is its element whose
// role is "main", else its first.
// [Options.Fields] (built by [ParseFields] from "text=story" flags) replaces
// the names read for a field with the one given; in JSON, a name with dots
// is a path into nested objects ("text=fields.bodytext"). JSON values that are not
// strings are converted: numbers as written (an id of 42 is "42"), booleans
// as true/false, null as nothing, arrays joined with ", " (authors) or with
// a blank line (paragraphs of text), objects by their name, text or value
// member. Dates are parsed by [ParseDate], numeric dates as Unix time; an
// unparsable date leaves Published zero and is not a skip.
//
// # IDs
//
// A record's own id is kept. A JSON or CSV record without one is named
// "<file base name without extension>:<line>", line being where the
// record starts; in a .json file, the k-th
// record to start on a line (from the second, as in a compact array) is
// "<base>:<line>:<k>"; a row of a table keyed by row or by column (as
// pandas writes one) is "<base>:<row label>". A text file is named by its
// path relative to the directory argument, without extension, with forward
// slashes ("sub/story"); a text file named directly by its base name without
// extension ("000_4bd703d3e122696c"). Front matter may give a text file its
// own id. Files of one input that would give their articles one ID from
// their names are each named by their path with its extension instead,
// so that all are read whichever is met first: two files of one
// directory whose names differ only in their extension ("x.txt" and
// "x.md", "x.jsonl" and "x.csv" for records without an id: "x.txt",
// "x.csv:2"), and files of records of one base name in two directories
// of a walk ("mon/feed.jsonl:1", "tue/feed.jsonl:1"). The files compared
// are those of one directory argument's walk; a file named itself is
// named as a walk of its directory names it (its base name with its
// extension when another file there, named or not, shares its name). A
// file whose name no other shares keeps its name.
// Article.Origin is "path:line".
//
// An article read from standard input ("-") without an id of its own is
// named by what it holds, since standard input has no name and its
// lines name nothing from one run to the next: a web page by its
// canonical URL (else its Open Graph URL), an email message by its
// Message-ID, and anything else, or a page or message without one, by
// [ContentID] of its fields ("stdin:" and 16 hexadecimal digits). The
// same article piped again has the same ID, and articles that differ
// never share one, so a second batch never replaces the first. Its
// Origin is "-:line".
//
// An id is kept byte for byte but for a leading byte order mark and
// surrounding white space ("a  b" and "a b", "x&amp;y" and "x&y" are four
// articles). A record whose id, own or given, is longer than [MaxIDBytes]
// or holds a control character (tab, line break, escape) is skipped as
// [InvalidID] (see [CheckID]).
//
// # Encodings
//
// Input is UTF-8 unless [Options.Encoding] names another encoding (see
// [ParseEncoding]; windows-1252, ISO 8859-15, UTF-16 and the rest of the
// WHATWG Encoding Standard), in which each file and standard input are
// decoded to UTF-8 as they stream, before any parsing. A byte order mark
// at the start of a file decides its encoding whatever the option says
// (UTF-8, UTF-16LE or UTF-16BE) and is dropped, as browsers do. Lines,
// limits and offsets are those of the decoded UTF-8 text.
//
// Lines end with a line feed, or CR LF. An input whose first line ending
// is a carriage return alone (classic Mac OS, some old newsroom exports)
// is read with every carriage return taken as a line feed, so that its
// records are read one by one rather than as one malformed line; lines
// and offsets are counted the same.
//
// Folders often mix UTF-8 with a legacy encoding. With [Options.Fallback]
// (from "utf-8,windows-1252", see [ParseEncodings]) input is read as
// UTF-8, and each record that is not valid UTF-8 (a text file, a JSON
// line, an element of a .json file, a CSV row: the unit an [InvalidUTF8]
// skip would concern) is decoded from the fallback instead, whole, and
// kept: reported to [Options.OnFallback] as a [Note] and counted in
// [Stats.Fallback], not in [Stats.Skipped]. The records are checked and
// decoded one by one, so reading still streams. The fallback is a
// single-byte encoding: the byte of a quote, comma or newline is that
// character in it, so a record's bounds are found the same before and
// after decoding. The record limit holds for the record both before and
// after decoding; offsets point into the decoded text. A file with a byte
// order mark is read in the encoding it names, without the fallback.
//
// # Text
//
// Text is the text as decoded with only three changes: a leading byte
// order mark removed, HTML entities decoded (html.UnescapeString), and \r\n
// and \r turned into \n. Every offset reported elsewhere points into it;
// token-level normalization (NFKC, quotes, white space) is left to package
// similarity. One more: a record's field (text, title, outlet, byline)
// that is an HTML fragment, as feeds and content APIs give an article's
// body, is read as a browser shows it (its text, a blank line between
// blocks, nothing of scripts and styles), since its tags and attributes
// would otherwise be words of the article. A fragment is told by markup
// that prose does not write: an end tag of a common element ("</p>",
// "</a>"), "<br>", or an "<img …>". A text file is read as written.
//
// Metadata found inside the text fills the fields the record left empty and
// is recorded in Article.Furniture: byte spans kept in Text but left out of
// [Article.Body]. [Article.ExtractMetadata] recognizes, in the first lines,
// YAML-like "---" front matter, a " date 2025-11-18" prefix of the first
// line (labelled, or a bare ISO date), a slug "Title/ Outlet/ CITY/ Author/
// Edition/ " at the start of the first line, lines made only of dates and
// times ("13:43, Wed, Nov 19, 2025 Updated: 13:44, ..."), "By Jane Doe"
// lines and the "# " of a Markdown heading; anywhere, lines such as
// "Advertisement" or "Read more: Headline"; and, at the end, a run of site
// furniture lines ("You must Register or Login to post a comment.", "Sign up
// for our newsletter", "Share this article", "Follow us on Twitter", "All
// rights reserved", "Copyright ©", "Click here to", "Subscribe to our",
// "Comments", share buttons). Titles are content: a title found in a slug,
// a heading, or a short headline-like first line followed by a blank line
// fills Title but stays in the body. The patterns are deliberately narrow; a
// sentence that only begins like furniture ("By Monday, ...", "Copyright
// law ...") is left alone. Outlet falls back to a table of known news
// domains in the URL ([OutletFromURL]). A slug's city (a segment in
// capitals) and edition (a segment naming one) fill City and Edition, as
// does the city of a dateline opening one of the first lines ("WASHINGTON
// —", "SAN JUAN, Puerto Rico (AP) --"); both stay content. When no date
// was found, the first 50 words of the first line that is not furniture
// are searched for a date printed between headline and story ("... rehab
// May 3, 2013 at 7:31 AM ET Early Friday ...", "Published: June 13,
// 2013"), not one inside a sentence ("killed on Oct. 21, 2011"): it fills
// Published, stays content and sets [Article.DateInText]. An article
// without a title gets its first sentence as [Article.DerivedTitle].
//
// A date or time read without a zone is in [NoZone]: compared as UTC, as
// always, and printed by [FormatDate] without a zone.
//
// # Skips
//
// A publication value that is not a date [ParseDate] reads (in a record's
// field or its front matter) does not cost the record: it is kept without
// a publication time, reported to [Options.OnUnreadDate] (reason
// [UnreadDate], with the value) and counted in [Stats.UnreadDates]; so
// is a JSON record or table row with no publication field whose field of
// another name says it holds a time ("Date of publication", "timestamp",
// not "updated" or "crawl_time") and holds a date, the detail naming the
// --field flag that reads it.
//
// A numeric date whose first two numbers could each be the month
// ("02/11/2025") is read as [Options.DateOrder] says: by default month
// first, as US sources write it, whatever else the file holds; a file of
// records holding such dates and one that reads only day first
// ("18/11/2025") is reported (reason [MixedDateOrder], naming both) and
// its dates read month first counted in [Stats.MixedDates], the records
// kept.
//
// Bad input never stops a run and never vanishes silently: it is reported
// to [Options.OnProblem] as a [Problem] with the path and the 1-based line
// where the record starts, counted in [Stats.Skipped], and skipped; every
// valid article around it is still read. The reasons: [Unreadable] (missing
// path, permission, I/O error), [InvalidUTF8] (input read as UTF-8,
// checked on the raw bytes of each record, before JSON decoding could
// replace them; the detail suggests --encoding windows-1252, the flag of
// the wirediff command; decoded input replaces bytes it cannot decode with
// U+FFFD and is never skipped for them, and with [Options.Fallback] a
// record is decoded instead of skipped), [Binary] (a text file with NUL
// bytes or more than a third of control bytes in its first 8 KiB, a CSV or
// .json file with NUL bytes there, or a JSON lines file with NUL bytes
// there that does not start with a JSON object: skipped whole; input read
// as UTF-8 that looks like UTF-16 without a byte order mark is one such
// skip, with a hint), [Empty] (no text field, or no text
// left outside the furniture, or a JSON record with a title and no text
// field whose field of another name holds 50 words or more: its body,
// named in the detail with the --field flag that reads it, where a title
// alone is read as a headline-only article, or a .jsonl, .json or .csv file with no
// records at all: a silent zero would hide the mistake), [MalformedJSON], [MalformedCSV] (bad quoting
// or a row of the wrong width; a CSV without a text column is one skip),
// [MalformedXML] (a feed's XML does not parse from that line on: the
// items before it are kept, the rest of the file skipped), [MalformedWARC]
// (a web archive's record cut short, or one that does not parse, with the
// rest of its file),
// [TooLong], [InvalidID], [NotArticles] (a file met in a directory walk whose fields say
// it holds something else, reported once and skipped whole: a first
// record with numeric start and end offsets and no article metadata, as
// annotations of text spans have; a first record or CSV header with
// neither text nor title; a .tsv or .tab header without a text column, as
// a gold clustering or the groups dedup writes have; a file named as a
// path is read as asked) and [DuplicateID] (of the records sharing an id, one is kept,
// chosen by content and not by input order, see [Read]; a later record can
// replace one already passed to the callback). [Read] returns an error only
// when the callback does.
//
// # Limits
//
// A record is at most [Options.MaxRecordBytes] (default 8 MiB): a longer
// JSON line is read through a bounded buffer and skipped without being held
// in memory, a longer text file or CSV row is skipped. A CSV row is read
// whole only while it takes at most twice the limit as written (plus its
// quotes and commas), the most a row within the limit can take; a longer
// one is passed over to its end, holding no more than a buffer, reported
// at its first line, and the rows after it are read. A .json file is read
// whole and limited to 64 records' worth (512 MiB by default); a syntax
// error inside its array skips the rest of that file, so large corpora
// belong in JSON lines, but an element nested deeper than the decoder's
// 10,000 levels is skipped alone and the elements after it are read. A
// text value that holds no readable text (arrays nested more than 8
// levels deep, an object with no name, text or value member) is
// [MalformedJSON], "text is not a string", rather than [Empty]. A CSV row whose quote is left open is reported once
// and the lines after its first are read again as rows, so the rows it
// would have swallowed are not lost; in a decoded CSV file they are read
// again from memory, which holds the decoded text from the bad row's start
// as far as it was read.
// Numeric dates such as 11/19/2025 are read month first. Hidden files and
// directories are skipped without a report; symbolic links to files are
// read, links to directories are not followed.
package corpus

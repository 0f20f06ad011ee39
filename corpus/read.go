package corpus

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding"
)

// DefaultMaxRecordBytes is the record size limit when
// [Options.MaxRecordBytes] is 0.
const DefaultMaxRecordBytes = 8 << 20

// jsonFileFactor bounds a whole .json file to this many records' worth of
// bytes, since it is read into memory at once.
const jsonFileFactor = 64

// sniffBytes is how much of a file is inspected for binary content.
const sniffBytes = 8 << 10

// Options configure [Read].
type Options struct {
	Fields         map[string]string // canonical field name -> input field name override, e.g. "text" -> "body"
	MaxRecordBytes int               // 0 means DefaultMaxRecordBytes (8 MiB)
	Stdin          io.Reader         // read for the path "-" (JSON lines)
	// StdinText reads "-" as one plain-text article (named as standard
	// input's articles are, see [ContentID]), as a .txt file would be
	// read, when its first byte other than white space
	// (once decoded) is not the '{' JSON lines start with: for commands
	// that look at one text piped in. Input that starts as a web page
	// ("<!DOCTYPE html", "<html") is read as an .html file is, as a
	// feed ("<?xml", "<rss", "<feed") as an .rss file is, and as a saved
	// email message (a Received: or Message-ID: header, a From: naming an
	// address followed by another header) as an .eml file is.
	StdinText bool
	// Encoding is the encoding of the input's text when it starts with no
	// byte order mark. nil or unicode.UTF8: UTF-8 as it is, a record with
	// invalid bytes skipped as InvalidUTF8; any other is decoded to UTF-8.
	// See [ParseEncoding].
	Encoding encoding.Encoding
	// Fallback, with Encoding UTF-8, decodes a record that is not valid
	// UTF-8 instead of skipping it: the unit checked for InvalidUTF8 (a
	// text file, a JSON line, an element of a .json file, a CSV row) is
	// read in this single-byte encoding, reported to OnFallback and
	// counted in Stats.Fallback. Its bytes below 0x80 must be ASCII, as
	// in the encodings [ParseEncodings] takes. A byte order mark still
	// decides its file's encoding.
	Fallback   encoding.Encoding
	OnProblem  func(Problem) // called for every skipped input; may be nil
	OnFallback func(Note)    // called for every record decoded from Fallback; may be nil
	// OnUnreadDate, when set, hears of every record whose publication
	// field holds a value that is not a date [ParseDate] reads (reason
	// [UnreadDate]): the record is kept, without a publication time, and
	// counted in Stats.UnreadDates, not in Stats.Skipped.
	OnUnreadDate func(Problem)
	// DateOrder is how a numeric date whose first two numbers could each
	// be the month ("02/11/2025") is read; see [DateOrder]. With DateAuto
	// (the default), a file of records holding such dates, read month
	// first, and one that reads only day first ("18/11/2025") is reported
	// to OnUnreadDate with reason [MixedDateOrder], and its dates read
	// month first are counted in Stats.MixedDates.
	DateOrder DateOrder
	// Exclude names files and directories that a directory walk passes
	// over without reading or reporting them, such as the gold file of
	// `wirediff eval` beside the articles it scores, or the index being
	// written inside the directory read. A path named itself is still read.
	Exclude []string
	// Names, for [ReadFile], are the names of the files of its input
	// whose articles would otherwise share IDs, by path, as [InputNames]
	// gives them: a file listed is named by it, as [Read] names it.
	Names map[string]string
}

// run is the state of one call to Read.
type run struct {
	opt    Options
	max    int
	fields *fieldMap
	fn     func(Article) error
	stats  Stats
	seen   map[string]keptID // ID -> the record kept for it so far
	skip   []os.FileInfo     // Options.Exclude that exist
	// sniff is set while the first record of a file met in a directory
	// walk is awaited: its fields decide whether the file holds articles
	// (see [run.notArticles]).
	sniff bool
	// feedOutlet is the title of the JSON Feed being read: the outlet of
	// its items that name none.
	feedOutlet string
	// walked is set while a file met in a directory walk is read, not one
	// named itself: a web page must then pass the check that it holds
	// an article (see [run.readPage]).
	walked bool
	// pages are the web pages met in a directory walk since the last
	// file of another kind, read but not yet handed on (see
	// [run.flushPages]); pending is the one being read.
	pages   []*pageJob
	pending *pageJob
	// dates is the order of the numeric dates of the file being read.
	dates fileDates
	// names are the names given to files of the input being read whose
	// articles would otherwise share IDs, by path (see fileNames).
	names map[string]string
	// named is the same for the files named themselves.
	named map[string]string
}

// walkEntry is an entry of a directory walk: a file to read at rel, or
// one reported for reason.
type walkEntry struct {
	path, rel string
	reason    Reason
	detail    string
}

// fileDates is what the dates of one file read so far say of their order.
type fileDates struct {
	path string
	// either counts the dates that read either way, read month first;
	// firstLine and firstValue are the first of them.
	either     int
	firstLine  int
	firstValue string
	// dayOnly is the line of the first date that reads only day first, or 0.
	dayOnly      int
	dayOnlyValue string
}

// readDate reads v, the publication field of the record at line of the
// file at path, in the order of [Options.DateOrder]. With DateAuto, a
// date that reads either way is read month first, and a file that holds
// such dates and one that reads only day first is reported once and its
// dates read month first counted, whatever the order of its records.
func (r *run) readDate(path string, line int, v string) (time.Time, bool) {
	if r.opt.DateOrder != DateAuto {
		return ParseDateAs(v, r.opt.DateOrder)
	}
	fd := &r.dates
	if fd.path != path {
		*fd = fileDates{path: path}
	}
	t, ok, shape := parseDate(v, false)
	if !ok {
		return t, ok
	}
	switch shape {
	case slashEither:
		if fd.either == 0 {
			fd.firstLine, fd.firstValue = line, v
		}
		fd.either++
		if fd.dayOnly > 0 {
			r.stats.MixedDates++
			if fd.either == 1 {
				r.mixedDates(path, line)
			}
		}
	case slashDayOnly:
		if fd.dayOnly == 0 {
			fd.dayOnly, fd.dayOnlyValue = line, v
			if fd.either > 0 {
				r.stats.MixedDates += fd.either
				r.mixedDates(path, line)
			}
		}
	}
	return t, ok
}

// mixedDates reports, at line, that the file at path holds dates that
// read either way, read month first, and one that reads only day first.
func (r *run) mixedDates(path string, line int) {
	if r.opt.OnUnreadDate == nil {
		return
	}
	fd := &r.dates
	first, _ := ParseDate(fd.firstValue)
	r.opt.OnUnreadDate(Problem{Path: path, Line: line, Reason: MixedDateOrder,
		Detail: fmt.Sprintf("published %s at line %d reads only day first, yet the file's dates that read either way are read month first (%s at line %d as %s): read the file with --date-order dmy",
			quoteValue(fd.dayOnlyValue), fd.dayOnly, quoteValue(fd.firstValue), fd.firstLine, FormatDate(first))})
}

// errNotArticles ends the reading of a file found not to hold articles,
// already reported.
var errNotArticles = errors.New("not articles")

// Read reads every path (file, directory walked recursively in sorted
// order, hidden files/dirs skipped, or "-") and calls fn for each valid
// article in a deterministic order: paths in the order given, files in a
// directory in lexical order, records in file order. Bad input is reported
// via OnProblem, counted, skipped; it never stops the run.
//
// When several records share an ID, one of them is kept, chosen by their
// content alone so that the choice does not depend on the input order: the
// later published, then the longer, then (same date and length) the lower
// content hash, then (same content) the earlier path and line. The others
// are reported as [DuplicateID]. fn is called with each record that is the
// one kept so far, so it may be called again with an ID it has already
// seen: the later article replaces the earlier one. Read returns an
// error only when fn returns one (wrapped, with the article's origin); the
// Stats then count what was done up to that point.
func Read(paths []string, opt Options, fn func(Article) error) (Stats, error) {
	r := newRun(opt, fn)
	r.skipExcluded()
	r.named = r.namedFiles(paths)
	for _, p := range paths {
		if err := r.path(p); err != nil {
			return r.stats, err
		}
	}
	return r.stats, nil
}

// InputNames returns the names [Read] gives, by path, to the files of
// the local paths whose articles would otherwise share IDs with another
// file's (see the package's IDs): the files of a directory argument's
// walk told apart among themselves, a file named itself among the files
// of its directory. A file that keeps its own name is not listed. A
// program that reads the files one at a time with [ReadFile] (a
// pipeline's workers) passes them in Options.Names, so that its articles
// take the IDs Read gives them. Paths that cannot be listed are passed
// over: reading them reports them.
func InputNames(paths []string, opt Options) map[string]string {
	r := newRun(opt, nil)
	r.skipExcluded()
	out := r.namedFiles(paths)
	for _, p := range paths {
		if info, err := os.Stat(p); err != nil || !info.IsDir() {
			continue
		}
		_, files, _ := r.list(p)
		maps.Copy(out, fileNames(files))
	}
	return out
}

// skipExcluded finds the files and directories of Options.Exclude.
func (r *run) skipExcluded() {
	for _, p := range r.opt.Exclude {
		if info, err := os.Stat(p); err == nil {
			r.skip = append(r.skip, info)
		}
	}
}

// namedFiles gives the names of the files named themselves in paths
// whose articles would share IDs with another file of their directory
// (see fileNames): its files as a walk of it reads them, whether named
// or not, so that a file has one ID whatever else is named with it.
func (r *run) namedFiles(paths []string) map[string]string {
	out := map[string]string{}
	byDir := map[string]map[string]string{} // directory -> base name -> name given
	for _, p := range paths {
		if _, _, ok := readerOf(p); p == "-" || !ok {
			continue
		}
		if info, err := os.Stat(p); err != nil || info.IsDir() {
			continue
		}
		dir := filepath.Dir(p)
		names, ok := byDir[dir]
		if !ok {
			names = r.siblingNames(dir)
			byDir[dir] = names
		}
		if n, ok := names[filepath.Base(p)]; ok {
			out[p] = n
		}
	}
	return out
}

// siblingNames returns the names fileNames gives the files of dir (not
// below it) that a walk would read, by base name.
func (r *run) siblingNames(dir string) map[string]string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var files []inputFile
	for _, e := range entries {
		name := e.Name()
		path := filepath.Join(dir, name)
		if strings.HasPrefix(name, ".") || e.IsDir() || r.excluded(path) {
			continue
		}
		if e.Type()&fs.ModeSymlink != 0 {
			if info, err := os.Stat(path); err != nil || info.IsDir() {
				continue
			}
		} else if !e.Type().IsRegular() {
			continue
		}
		if _, whole, ok := readerOf(name); ok {
			files = append(files, inputFile{path: name, rel: name, whole: whole})
		}
	}
	return fileNames(files)
}

func newRun(opt Options, fn func(Article) error) *run {
	r := &run{
		opt:    opt,
		max:    opt.MaxRecordBytes,
		fields: newFieldMap(opt.Fields),
		fn:     fn,
		stats:  Stats{Skipped: make(map[Reason]int)},
		seen:   make(map[string]keptID),
	}
	if r.max <= 0 {
		r.max = DefaultMaxRecordBytes
	}
	return r
}

func (r *run) problem(path string, line int, reason Reason, format string, args ...any) {
	r.stats.Skipped[reason]++
	p := Problem{Path: path, Line: line, Reason: reason, Detail: fmt.Sprintf(format, args...)}
	if r.pending != nil {
		// A page of a batch being read: said when its turn comes.
		r.pending.problems = append(r.pending.problems, p)
		return
	}
	if r.opt.OnProblem != nil {
		r.opt.OnProblem(p)
	}
}

// unreadDate reports a record kept without its publication time, what
// (the value, quoted, or what it is) not being a date ParseDate reads.
func (r *run) unreadDate(path string, line int, what string) {
	r.stats.UnreadDates++
	if r.opt.OnUnreadDate != nil {
		r.opt.OnUnreadDate(Problem{Path: path, Line: line, Reason: UnreadDate,
			Detail: fmt.Sprintf("published %s is not a date wirediff reads; the record is kept without a publication time", what)})
	}
}

// quoteValue quotes v for a message, its first 60 bytes.
func quoteValue(v string) string {
	if len(v) > 60 {
		return strconv.Quote(strings.ToValidUTF8(v[:60], "")) + "…"
	}
	return strconv.Quote(v)
}

// excluded reports whether the walked file or directory at path is one
// of Options.Exclude.
func (r *run) excluded(path string) bool {
	if len(r.skip) == 0 {
		return false
	}
	info, err := os.Stat(path)
	if err != nil {
		return false
	}
	for _, x := range r.skip {
		if os.SameFile(x, info) {
			return true
		}
	}
	return false
}

func (r *run) path(p string) error {
	if p == "-" {
		if r.opt.Stdin == nil {
			r.problem(p, 0, Unreadable, "no standard input given")
			return nil
		}
		r.stats.Files++
		src := r.source(p, r.opt.Stdin)
		if r.opt.StdinText {
			br := bufio.NewReaderSize(src.r, 64<<10)
			src.r = br
			switch {
			case startsWithFold(br, "<!doctype html", "<html"):
				return r.readPage(src, "stdin")
			case startsWithFold(br, "<?xml", "<rss", "<feed", "<rdf:rdf", "<nitf", "<newsitem", "<newsmessage", "<newsml"):
				return r.readFeed(src, "stdin")
			case !src.decoded && startsEmail(br):
				// A saved message piped in: read from the bytes peeked.
				src.raw = br
				return r.readEmail(src, "stdin")
			case !startsJSONObject(br):
				return r.readText(src, "stdin")
			}
		}
		return r.readJSONL(src, "stdin")
	}
	info, err := os.Stat(p)
	if err != nil {
		r.problem(p, 0, Unreadable, "%v", unwrapPathError(err))
		return nil
	}
	if !info.IsDir() {
		return r.file(p, "")
	}
	// The walk is listed first, so that files whose articles would share
	// a name are told apart whatever their order (see fileNames).
	entries, files, err := r.list(p)
	r.names = fileNames(files)
	defer func() { r.names = nil }()
	for _, e := range entries {
		if err != nil {
			break
		}
		switch {
		case e.reason != "":
			r.problem(e.path, 0, e.reason, "%s", e.detail)
		case isPage(e.path):
			err = r.queuePage(e.path, e.rel)
		default:
			if err = r.flushPages(); err == nil {
				err = r.file(e.path, e.rel)
			}
		}
	}
	if ferr := r.flushPages(); err == nil {
		err = ferr
	}
	return err
}

// list lists the walk of directory p as [Read] reads it: its entries in
// lexical order, hidden ones and those excluded left out (a file that
// cannot be read, a link to a directory or a special file is an entry
// with the reason), and the files of them that a reader reads.
func (r *run) list(p string) ([]walkEntry, []inputFile, error) {
	root := p
	if li, err := os.Lstat(p); err == nil && li.Mode()&fs.ModeSymlink != 0 {
		root = p + string(filepath.Separator) // walk the directory the named link points to
	}
	var entries []walkEntry
	var files []inputFile
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			entries = append(entries, walkEntry{path: path, reason: Unreadable, detail: unwrapPathError(err).Error()})
			return nil
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch typ := d.Type(); {
		case d.IsDir():
			if path != root && r.excluded(path) {
				return fs.SkipDir
			}
			return nil
		case typ&fs.ModeSymlink != 0:
			info, err := os.Stat(path)
			switch {
			case err != nil:
				entries = append(entries, walkEntry{path: path, reason: Unreadable, detail: unwrapPathError(err).Error()})
				return nil
			case info.IsDir():
				entries = append(entries, walkEntry{path: path, reason: Unsupported, detail: "symbolic link to a directory, not followed"})
				return nil
			}
		case !typ.IsRegular():
			entries = append(entries, walkEntry{path: path, reason: Unsupported, detail: "not a regular file"})
			return nil
		}
		if r.excluded(path) {
			return nil
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			rel = filepath.Base(path)
		}
		entries = append(entries, walkEntry{path: path, rel: rel})
		if _, whole, ok := readerOf(path); ok {
			files = append(files, inputFile{path: path, rel: filepath.ToSlash(rel), whole: whole})
		}
		return nil
	})
	return entries, files, err
}

// startsJSONObject reports whether the first byte of br other than JSON
// white space is '{', or br holds nothing else (JSON lines of no
// record), without consuming it.
// startsWithFold reports whether the text of br, after white space,
// starts with one of prefixes, in any case.
func startsWithFold(br *bufio.Reader, prefixes ...string) bool {
	head, _ := br.Peek(512)
	head = bytes.TrimLeft(head, " \t\r\n\f")
	for _, p := range prefixes {
		if len(head) >= len(p) && strings.EqualFold(string(head[:len(p)]), p) {
			return true
		}
	}
	return false
}

// emailHeaders are header names that open a saved email message and no
// article's text: those a mail server or program writes first.
var emailHeaders = []string{"return-path:", "received:", "delivered-to:", "mime-version:", "message-id:",
	"dkim-signature:", "arc-seal:", "x-mozilla-status:", "x-gm-thrid:"}

// startsEmail reports whether br starts as a saved email message: with a
// header a mail server or program writes first, or with From: naming an
// address and a second header line after it.
func startsEmail(br *bufio.Reader) bool {
	if startsWithFold(br, emailHeaders...) {
		return true
	}
	if !startsWithFold(br, "from:") {
		return false
	}
	head, _ := br.Peek(2048)
	first, rest, ok := bytes.Cut(bytes.TrimLeft(head, " \t\r\n\f"), []byte("\n"))
	if !ok || !bytes.Contains(first, []byte("@")) {
		return false
	}
	name, _, ok := bytes.Cut(rest, []byte(":"))
	return ok && len(name) > 0 && !bytes.ContainsAny(name, " \t\r\n")
}

func startsJSONObject(br *bufio.Reader) bool {
	for n := 1; n <= br.Size(); n++ {
		b, _ := br.Peek(n)
		if len(b) < n {
			return true
		}
		if c := b[n-1]; !isJSONSpace(c) {
			return c == '{'
		}
	}
	return true
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// file reads one file; rel is its path relative to the directory argument,
// or "" when the file was named itself.
func (r *run) file(path, rel string) error {
	read, whole := r.reader(path)
	if read == nil {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		r.problem(path, 0, Unreadable, "%v", unwrapPathError(err))
		return nil
	}
	defer f.Close()
	return r.readFrom(path, rel, f, read, whole)
}

// reader returns the reader of path's extension and whether it reads the
// whole file as one article, or reports the file as Unsupported and
// returns nil.
func (r *run) reader(path string) (read func(r *run, src *source, id string) error, whole bool) {
	read, whole, ok := readerOf(path)
	if !ok {
		name, _ := compression(path)
		r.problem(path, 0, Unsupported, "extension %q not readable, want .txt, .md, .html, .jsonl, .ndjson, .json, .csv, .tsv, .xlsx, .docx, .odt, .eml, .mbox, .rss, .atom, .xml, .nitf, .newsml or .warc (or one of them .gz or .bz2)", filepath.Ext(name))
	}
	return read, whole
}

// readerOf returns the reader of path's extension and whether it reads
// the whole file as one article; ok is false for an extension no reader
// reads.
func readerOf(path string) (read func(r *run, src *source, id string) error, whole, ok bool) {
	name, _ := compression(path)
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".md", ".markdown":
		return (*run).readText, true, true
	case ".html", ".htm", ".xhtml":
		return (*run).readPage, true, true
	case ".rss", ".atom", ".xml", ".nitf", ".newsml":
		return (*run).readFeed, false, true
	case ".warc":
		return (*run).readWARC, false, true
	case ".jsonl", ".ndjson":
		return (*run).readJSONL, false, true
	case ".json":
		return (*run).readJSON, false, true
	case ".csv":
		return (*run).readCSV, false, true
	case ".tsv", ".tab":
		return (*run).readTSV, false, true
	case ".xlsx":
		return (*run).readXLSX, false, true
	case ".docx":
		return (*run).readDocx, true, true
	case ".odt":
		return (*run).readODT, true, true
	case ".eml":
		return (*run).readEmail, true, true
	case ".mbox":
		return (*run).readMbox, false, true
	}
	return nil, false, false
}

// ReadFile reads the content of one file from rd, as [Read] reads the
// file at path found under a directory argument at rel (its path relative
// to that directory, "" when path was named itself): the reader chosen by
// path's extension, records without an id named after it (the file
// alone, unless Options.Names names it: only the listing of the whole
// input tells apart files whose names give one ID, see [InputNames] and
// the package's IDs), bad records
// reported to Options.OnProblem and counted. It lets files be read from
// elsewhere than the local file system, one at a time. A duplicated ID is
// reported only among the file's own records; across files, choose the
// record kept with [Preferred]. rd is read from its current position; if
// it is an [io.ReadSeeker], a CSV row whose quote was left open is read
// again from it, else from memory.
func ReadFile(path, rel string, rd io.Reader, opt Options, fn func(Article) error) (Stats, error) {
	r := newRun(opt, fn)
	read, whole := r.reader(path)
	if read == nil {
		return r.stats, nil
	}
	err := r.readFrom(path, rel, rd, read, whole)
	return r.stats, err
}

// readFrom reads the file at path, opened as rd, with read (whole: one
// article per file).
func (r *run) readFrom(path, rel string, rd io.Reader, read func(r *run, src *source, id string) error, whole bool) error {
	name, decompress := compression(path)
	r.stats.Files++
	if decompress != nil {
		zr, err := decompress(rd)
		if err != nil {
			r.problem(path, 0, Unreadable, "%v", err)
			return nil
		}
		rd = zr
	}
	// Text files are named by their path below the directory argument;
	// records without an id by the file's base name and their line (a
	// compressed file's name without its compression's extension).
	ext := filepath.Ext(name)
	id := strings.TrimSuffix(filepath.Base(name), ext)
	if whole && rel != "" {
		relName, _ := compression(filepath.ToSlash(rel))
		id = strings.TrimSuffix(relName, ext)
	}
	names := r.names
	if rel == "" {
		names = r.named
	}
	if n, ok := names[path]; ok {
		id = n // its name shared with another file's (see fileNames)
	} else if n, ok := r.opt.Names[path]; ok {
		id = n
	}
	r.sniff = rel != "" && !whole
	r.walked = rel != ""
	defer func() { r.sniff, r.walked = false, false }()
	seen := r.stats.Read + r.stats.SkippedTotal()
	if err := read(r, r.source(path, rd), id); err != nil {
		if err == errNotArticles {
			return nil
		}
		return err
	}
	if !whole && r.stats.Read+r.stats.SkippedTotal() == seen {
		// An empty .jsonl, a .json of [], a header-only .csv: say so,
		// rather than read it silently as nothing.
		r.problem(path, 0, Empty, "no records")
	}
	return nil
}

// notArticles is called with the first record of a file met in a
// directory walk. It returns why the file holds no articles, judged by the
// record's fields, or "" when it may: a record with numeric start and end
// offsets and none of an article's metadata fields is an annotation of a
// span of text (BASIL's spans.jsonl: id, start, end, text, bias); a record
// with neither a text nor a title field is a row of some other table (a
// gold clustering as JSON lines: id, cluster).
func (r *run) notArticles(obj jsonObject) string {
	keys := slices.Sorted(maps.Keys(obj))
	if len(keys) > 8 {
		keys = append(keys[:8], "…")
	}
	fields := strings.Join(keys, ", ")
	if numeric(obj["start"]) && numeric(obj["end"]) {
		meta := false
		for _, f := range []int{fieldOutlet, fieldTitle, fieldByline, fieldPublished, fieldURL} {
			meta = meta || r.fields.has(f, obj.present)
		}
		if !meta {
			return fmt.Sprintf("records with the fields %s: character offsets (start, end) and no article metadata, as annotations of text spans have", fields)
		}
	}
	if !r.fields.has(fieldText, obj.present) && !r.fields.has(fieldTitle, obj.present) {
		return fmt.Sprintf("records with the fields %s: no text or title (looked for %s)", fields, r.fields.lookedFor(fieldText))
	}
	return ""
}

// numeric reports whether raw is a JSON number.
func numeric(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) > 0 && (raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9')
}

// sniffed checks the first record of a walked file (see [run.sniff]): it
// reports a file that holds no articles once, as [NotArticles], and
// returns errNotArticles to end its reading.
func (r *run) sniffed(path string, line int, obj jsonObject) error {
	if !r.sniff {
		return nil
	}
	r.sniff = false
	if why := r.notArticles(obj); why != "" {
		r.problem(path, line, NotArticles, "%s; file skipped", why)
		return errNotArticles
	}
	return nil
}

// record is one input record's raw field values.
type record struct {
	path string
	line int
	// defaultID names the record when it has no id of its own; on
	// standard input (path "-") stdinID does instead.
	defaultID string
	// byURL says that the record, read from standard input without an
	// id, is named by its URL (a web page's canonical URL).
	byURL   bool
	get     func(key string) string
	present func(key string) bool // nil when every record has every field (CSV)
	// notText, for a JSON record, says why the value under key holds no
	// text that can be read (see [notText]), or "".
	notText func(key string) string
	// other, for a JSON record, returns the field read for no canonical
	// field that holds the most words, and their number.
	other func() (string, int)
	// keys, for a JSON record or a table row, returns the record's field
	// names (a table's as its header writes them, in order; a JSON
	// record's folded, sorted); nil when not known.
	keys func() []string
}

// unreadTextWords is the least number of words a field that no field name
// maps holds, in a record without a text field, for the record to be
// skipped with a hint rather than read as its headline alone: an article's
// body, not a summary ("description", "short_description").
const unreadTextWords = 50

// unmappedDate returns, for a record with no publication field, a field
// no canonical field reads whose name says it holds a time ("Date of
// publication", "timestamp", "posted") and whose value is a date, with
// the value: a publication time the record would lose without a word.
// Fields of other times ("updated", "created_at", "crawl_time") are not
// taken. It returns "" when there is none.
func (r *run) unmappedDate(rec record) (string, string) {
	if rec.keys == nil {
		return "", ""
	}
	keys := rec.keys()
	for _, k := range keys {
		if slices.Contains(r.fields.keys[fieldPublished], foldKey(k)) {
			return "", ""
		}
	}
	for _, k := range keys {
		fk := foldKey(k)
		if !dateFieldName(fk) || r.fields.reads(fk) {
			continue
		}
		if v := strings.TrimSpace(rec.get(fk)); v != "" {
			if _, ok := ParseDate(v); ok {
				return k, v
			}
		}
	}
	return "", ""
}

// fieldFlag writes the --field flag that reads input name in as field
// canon, quoted for a shell when the name holds a space.
func fieldFlag(canon, in string) string {
	if strings.ContainsAny(in, " \t'\"") {
		return "--field " + strconv.Quote(canon+"="+in)
	}
	return "--field " + canon + "=" + in
}

// dateFieldName reports whether a folded field name names a publication
// time: it holds "date", "time", "publish" or "posted", and no word of
// another time (an update, a crawl, the event reported).
func dateFieldName(k string) bool {
	if !strings.Contains(k, "date") && !strings.Contains(k, "time") && !strings.Contains(k, "publish") && !strings.Contains(k, "posted") {
		return false
	}
	for _, other := range otherTimes {
		if strings.Contains(k, other) {
			return false
		}
	}
	return true
}

// otherTimes are the words of field names of times other than the
// publication's.
var otherTimes = []string{"updat", "modif", "edited", "creat", "crawl", "retriev", "fetch", "scrap", "download", "indexed",
	"access", "insert", "ingest", "collect", "expir", "birth", "event", "startdate", "starttime", "enddate", "endtime",
	"deadline", "runtime", "timezone", "readingtime", "readtime"}

// notNumber returns s, or "" when s is a number: an author field holding a
// user's number (WordPress's "author": 3) names no one.
func notNumber(s string) string {
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return ""
	}
	return s
}

// emit builds an article from a record, checks it, and hands it to fn.
func (r *run) emit(rec record) error {
	get := rec.get
	a := Article{
		ID:     cleanID(r.fields.pick(fieldID, get)),
		Outlet: cmp.Or(cleanField(r.fields.pick(fieldOutlet, get)), r.feedOutlet),
		Title:  cleanField(r.fields.pick(fieldTitle, get)),
		Byline: notNumber(cleanField(r.fields.pick(fieldByline, get))),
		URL:    strings.TrimSpace(r.fields.pick(fieldURL, get)),
		Text:   normalizeText(r.fields.pick(fieldText, get), true),
		Origin: rec.path + ":" + strconv.Itoa(rec.line),
	}
	if v := r.fields.pick(fieldPublished, get); strings.TrimSpace(v) != "" {
		if d, ok := r.readDate(rec.path, rec.line, v); ok {
			a.Published = d
		} else {
			r.unreadDate(rec.path, rec.line, quoteValue(v))
		}
	} else if k, v := r.unmappedDate(rec); k != "" {
		r.stats.UnreadDates++
		if r.opt.OnUnreadDate != nil {
			r.opt.OnUnreadDate(Problem{Path: rec.path, Line: rec.line, Reason: UnreadDate,
				Detail: fmt.Sprintf("no publication field (looked for %s), and the field %q holds the date %s: read it with %s; the record is kept without a publication time",
					r.fields.lookedFor(fieldPublished), k, quoteValue(v), fieldFlag("published", k))})
		}
	} else if rec.notText != nil {
		// A JSON value with no text in it, such as {"d": 1}.
		for _, k := range r.fields.keys[fieldPublished] {
			if why := rec.notText(k); why != "" {
				r.unreadDate(rec.path, rec.line, why)
				break
			}
		}
	}
	if isBlank(a.Text) && rec.notText != nil {
		for _, k := range r.fields.keys[fieldText] {
			if why := rec.notText(k); why != "" {
				r.problem(rec.path, rec.line, MalformedJSON, "%s is not a string: %s", k, why)
				return nil
			}
		}
	}
	if rec.present != nil && !r.fields.has(fieldText, rec.present) {
		if isBlank(a.Title) {
			r.problem(rec.path, rec.line, Empty, "no text field (looked for %s)", r.fields.lookedFor(fieldText))
			return nil
		}
		// A headline alone is an article (headline datasets); a
		// headline beside a body under a name no field maps is a body
		// lost, and is said so.
		if rec.other != nil {
			if k, n := rec.other(); n >= unreadTextWords {
				r.problem(rec.path, rec.line, Empty, "no text field (looked for %s), and the field %q holds %d words: read it with --field text=%s",
					r.fields.lookedFor(fieldText), k, n, k)
				return nil
			}
		}
	}
	return r.finish(a, rec)
}

// finish extracts metadata, applies the ID rule, and checks emptiness and
// uniqueness before calling fn.
func (r *run) finish(a Article, rec record) error {
	if v := extractMetadata(&a, r.fields, r.opt.DateOrder); v != "" {
		r.unreadDate(rec.path, rec.line, quoteValue(v))
	}
	if a.ID == "" {
		a.ID = rec.defaultID
		if rec.path == "-" {
			a.ID = stdinID(&a, rec)
		}
	}
	if err := CheckID(a.ID); err != nil {
		r.problem(rec.path, rec.line, InvalidID, "%v", err)
		return nil
	}
	if !hasText(a) {
		r.problem(rec.path, rec.line, Empty, "no text left after metadata and furniture")
		return nil
	}
	k := newKeptID(&a, rec)
	if old, dup := r.seen[a.ID]; dup {
		why, replace := k.preferredTo(old)
		if !replace {
			r.problem(rec.path, rec.line, DuplicateID, "id %q also at %s, which is kept (%s)", a.ID, old.origin(), why)
			return nil
		}
		r.problem(old.path, old.line, DuplicateID, "id %q replaced by the record at %s (%s)", a.ID, a.Origin, why)
	} else {
		r.stats.Read++
	}
	r.seen[a.ID] = k
	if r.fn == nil {
		return nil
	}
	if err := r.fn(a); err != nil {
		return fmt.Errorf("corpus: %s: %w", a.Origin, err)
	}
	return nil
}

// hasText reports whether the body of a, or failing it the title (a
// headline-only record), holds anything but white space.
func hasText(a Article) bool {
	if !isBlank(a.Title) {
		return true
	}
	for _, s := range a.Body() {
		if !isBlank(a.Text[s.Start:s.End]) {
			return true
		}
	}
	return false
}

// readText reads a .txt or .md file as one article.
func (r *run) readText(src *source, id string) error {
	path := src.path
	data, ok := r.wholeFile(src)
	if !ok {
		return nil
	}
	if line := firstInvalidUTF8(data); line > 0 {
		var ok bool
		if data, ok = r.notUTF8(src, line, data); !ok {
			return nil
		}
	}
	a := Article{ID: "", Text: normalizeText(string(data), false), Origin: path + ":1"}
	return r.finish(a, record{path: path, line: 1, defaultID: id})
}

// binaryLine reports whether data looks binary: a NUL byte, or more than
// a third of control bytes, in its first sniffBytes. It returns the line of
// the first such byte.
func binaryLine(data []byte) (int, bool) {
	head := data[:min(len(data), sniffBytes)]
	if i := bytes.IndexByte(head, 0); i >= 0 {
		return 1 + bytes.Count(head[:i], []byte{'\n'}), true
	}
	ctrl, first := 0, -1
	for i, c := range head {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' || c == 0x7f {
			ctrl++
			if first < 0 {
				first = i
			}
		}
	}
	if len(head) > 0 && ctrl*3 > len(head) {
		return 1 + bytes.Count(head[:first], []byte{'\n'}), true
	}
	return 0, false
}

// isJSONSpace reports whether c is JSON white space.
func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// readJSONL reads one JSON object per line, or a line's articles in an
// array or an API's answer (see [run.readEnvelope]). base names records
// without an id ("base:line"; "base:line:k" for the k-th of a line). Lines are read with a bounded buffer: a line longer than
// the record limit is skipped without being held in memory. Blank lines are
// ignored.
func (r *run) readJSONL(src *source, base string) error {
	path := src.path
	br := bufio.NewReaderSize(src.r, 64<<10)
	if head, _ := br.Peek(sniffBytes); bytes.IndexByte(head, 0) >= 0 {
		line, _ := binaryLine(head)
		if hint := binaryHint(src, head); hint != "" {
			r.problem(path, line, Binary, "NUL bytes%s", hint)
			return nil
		}
		if t := bytes.TrimLeft(head, " \t\r\n"); len(t) > 0 && t[0] != '{' {
			r.problem(path, line, Binary, "NUL bytes and no JSON object at the start")
			return nil
		}
	}
	var buf []byte
	for n := 1; ; n++ {
		var l lineRead
		buf, l = readLine(br, buf[:0], r.max)
		if l.err != nil && l.err != io.EOF {
			r.problem(path, n, Unreadable, "%v", unwrapPathError(l.err))
			return nil
		}
		if l.size == 0 && l.err == io.EOF {
			return nil
		}
		if err := r.jsonLine(src, base, n, buf, l); err != nil {
			return err
		}
		if l.err == io.EOF {
			return nil
		}
	}
}

func (r *run) jsonLine(src *source, base string, n int, buf []byte, l lineRead) error {
	path := src.path
	switch {
	case !l.nonBlank:
		return nil
	case l.tooLong:
		r.problem(path, n, TooLong, "line of %d bytes, limit %d", l.size, r.max)
		return nil
	case !utf8.Valid(buf):
		var ok bool
		if buf, ok = r.notUTF8(src, n, buf); !ok {
			return nil
		}
	}
	obj, err := parseJSONObject(buf)
	if err != nil || !r.standsAlone(obj) {
		// A line holding its articles in an array, or in an object as
		// news APIs answer: each is a record of the line.
		if read, err := r.readEnvelope(src, base, buf, 0, &lineCounter{data: buf, line: n}); read || err != nil {
			return err
		}
	}
	if err != nil {
		r.problem(path, n, MalformedJSON, "%v", jsonErr(err))
		return nil
	}
	if err := r.sniffed(path, n, obj); err != nil {
		return err
	}
	return r.emit(record{
		path: path, line: n, defaultID: base + ":" + strconv.Itoa(n),
		present: obj.present,
	}.withText(obj, r.fields))
}

// withText sets the record's lookup: values converted to text, arrays
// joined with ", ", except for the text field, whose arrays are paragraphs
// joined with a blank line.
func (rec record) withText(obj jsonObject, fields *fieldMap) record {
	comma, para := obj.getter(", "), obj.getter("\n\n")
	textKeys := fields.keys[fieldText]
	rec.get = func(k string) string {
		for _, t := range textKeys {
			if k == t {
				return para(k)
			}
		}
		return comma(k)
	}
	rec.notText = func(k string) string {
		v, _ := obj.lookup(k)
		return notText(v, 0)
	}
	rec.other = func() (string, int) { return obj.longestOther(fields) }
	rec.keys = func() []string { return slices.Sorted(maps.Keys(obj)) }
	return rec
}

func jsonErr(err error) string {
	var ute *json.UnmarshalTypeError
	if errors.As(err, &ute) {
		return "a JSON " + ute.Value + ", want an object"
	}
	return err.Error()
}

// lineRead describes one line read by readLine.
type lineRead struct {
	size     int  // bytes in the line, without its newline
	tooLong  bool // size > the limit; the buffer holds nothing useful
	nonBlank bool // the line holds a byte other than JSON white space
	err      error
}

// readLine reads one line into buf (without its newline). When the line is
// longer than max bytes it reads on to the end of the line without keeping
// it. The error is io.EOF for the last line, when it has no newline.
func readLine(br *bufio.Reader, buf []byte, max int) ([]byte, lineRead) {
	var l lineRead
	for {
		chunk, err := br.ReadSlice('\n')
		if err == nil {
			chunk = chunk[:len(chunk)-1]
		}
		l.size += len(chunk)
		if !l.nonBlank {
			for _, c := range chunk {
				if !isJSONSpace(c) {
					l.nonBlank = true
					break
				}
			}
		}
		if !l.tooLong {
			if l.size > max {
				l.tooLong = true
				buf = buf[:0]
			} else {
				buf = append(buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		l.err = err
		return buf, l
	}
}

// readJSON reads a .json file: an array of objects, one object (or a
// stream of objects), a table keyed by row or by column (see
// [run.readObject]), or one object holding arrays of them (see
// [run.readEnvelope]). The file is read whole, up to jsonFileFactor records'
// worth; a syntax error inside the array ends the file.
func (r *run) readJSON(src *source, base string) error {
	path := src.path
	limit := int64(r.max) * jsonFileFactor
	data, ok := r.readBounded(path, src.r, limit, 1, ".json file larger than %d bytes; use JSON lines")
	if !ok {
		return nil
	}
	if head := data[:min(len(data), sniffBytes)]; bytes.IndexByte(head, 0) >= 0 {
		line, _ := binaryLine(data)
		r.problem(path, line, Binary, "NUL bytes%s", binaryHint(src, head))
		return nil
	}
	lines := lineCounter{data: data, line: 1}
	dec := json.NewDecoder(bytes.NewReader(data))
	start := skipJSONSpace(data, 0)
	if start == len(data) {
		r.problem(path, 1, Empty, "no JSON value")
		return nil
	}
	array := data[start] == '['
	if array {
		if _, err := dec.Token(); err != nil {
			r.problem(path, lines.at(start), MalformedJSON, "%v", err)
			return nil
		}
	}
	if !array {
		if read, err := r.readObject(src, base, data, start, &lines); read || err != nil {
			return err
		}
	}
	decOff := 0 // offset in data of the decoder's input
	for {
		if array && !dec.More() {
			if _, err := dec.Token(); err != nil {
				r.problem(path, lines.at(decOff+int(dec.InputOffset())), MalformedJSON, "%v", err)
			}
			return nil
		}
		off := skipJSONSpace(data, decOff+int(dec.InputOffset()))
		if !array && off == len(data) {
			return nil
		}
		n, id := lines.record(base, off)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			next, ok := -1, false
			if array && strings.Contains(err.Error(), "exceeded max depth") {
				next, ok = afterJSONElement(data, off)
			}
			if !ok {
				r.problem(path, n, MalformedJSON, "%v; rest of file skipped", err)
				return nil
			}
			// An element nested too deep for the decoder, well formed
			// around it: skip it and read on, with a decoder that starts
			// at the element's end, in the array.
			r.problem(path, n, MalformedJSON, "element nested deeper than the decoder's limit of 10000 levels")
			decOff = next - 1
			dec = json.NewDecoder(io.MultiReader(strings.NewReader("["), bytes.NewReader(data[next:])))
			dec.Token() // the "[" just given
			continue
		}
		if err := r.jsonValue(src, id, n, raw); err != nil {
			return err
		}
	}
}

// readBounded reads rd, the file at path, whole, up to limit bytes; it
// reports the file and returns false when it cannot be read, or as
// [TooLong] at line with tooLong (a format of the limit) when it holds
// more.
func (r *run) readBounded(path string, rd io.Reader, limit int64, line int, tooLong string) ([]byte, bool) {
	data, err := io.ReadAll(io.LimitReader(rd, limit+1))
	if err != nil {
		r.problem(path, 0, Unreadable, "%v", unwrapPathError(err))
		return nil, false
	}
	if int64(len(data)) > limit {
		r.problem(path, line, TooLong, tooLong, limit)
		return nil, false
	}
	return data, true
}

// jsonValue reads the JSON value raw, a record of a .json file at line n
// that is named id when it has no id of its own.
func (r *run) jsonValue(src *source, id string, n int, raw []byte) error {
	path := src.path
	switch {
	case len(raw) > r.max:
		r.problem(path, n, TooLong, "record of %d bytes, limit %d", len(raw), r.max)
		return nil
	case !utf8.Valid(raw):
		var ok bool
		if raw, ok = r.notUTF8(src, n, raw); !ok {
			return nil
		}
	}
	obj, err := parseJSONObject(raw)
	if err != nil {
		r.problem(path, n, MalformedJSON, "%v", jsonErr(err))
		return nil
	}
	return r.jsonRecord(path, id, n, obj)
}

// jsonRecord emits the JSON object obj, a record at line n of path named
// id when it has no id of its own, having a walk judge its file by it
// when it is the first.
func (r *run) jsonRecord(path, id string, n int, obj jsonObject) error {
	if err := r.sniffed(path, n, obj); err != nil {
		return err
	}
	return r.emit(record{
		path: path, line: n, defaultID: id, present: obj.present,
	}.withText(obj, r.fields))
}

// afterJSONElement returns the offset after the array element of data that
// starts at off and the comma after it, reading only its brackets and
// strings, so that an element too deep to decode can be passed over. It
// returns false when the element has no end there: brackets that do not
// match, or no comma or closing bracket after it.
func afterJSONElement(data []byte, off int) (int, bool) {
	var open []byte // the closing brackets awaited
	i := off
	for ; i < len(data); i++ {
		switch c := data[i]; c {
		case '"':
			for i++; i < len(data) && data[i] != '"'; i++ {
				if data[i] == '\\' {
					i++
				}
			}
			if i >= len(data) {
				return 0, false
			}
		case '[', '{':
			open = append(open, c+2) // ']' is '['+2, '}' is '{'+2
		case ']', '}':
			if len(open) == 0 || open[len(open)-1] != c {
				return 0, false
			}
			open = open[:len(open)-1]
		}
		if len(open) == 0 {
			break
		}
	}
	if len(open) > 0 || i >= len(data) {
		return 0, false
	}
	i++
	for i < len(data) && isJSONSpace(data[i]) {
		i++
	}
	switch {
	case i < len(data) && data[i] == ',':
		return i + 1, true
	case i < len(data) && data[i] == ']':
		return i, true
	}
	return 0, false
}

// skipJSONSpace returns the offset of the first byte at or after off that is
// neither JSON white space nor an array comma.
func skipJSONSpace(data []byte, off int) int {
	for off < len(data) && (isJSONSpace(data[off]) || data[off] == ',') {
		off++
	}
	return off
}

// lineCounter maps increasing byte offsets to 1-based lines.
type lineCounter struct {
	data []byte
	off  int
	line int
	// The line the last record began on, and how many began on it.
	recLine, onLine int
}

// record returns the line of a record of the file that begins at off,
// records being met in order, and the id a record without its own is
// given: "base:line" for the first record to begin on its line, and
// "base:line:k" for the k-th (a compact JSON array is one line).
func (c *lineCounter) record(base string, off int) (int, string) {
	n := c.at(off)
	if n != c.recLine {
		c.recLine, c.onLine = n, 0
	}
	c.onLine++
	id := base + ":" + strconv.Itoa(n)
	if c.onLine > 1 {
		id += ":" + strconv.Itoa(c.onLine)
	}
	return n, id
}

func (c *lineCounter) at(off int) int {
	off = min(off, len(c.data))
	if off < c.off {
		c.off, c.line = 0, 1
	}
	c.line += bytes.Count(c.data[c.off:off], []byte{'\n'})
	c.off = off
	return c.line
}

// readCSV reads a CSV file with a header row (see [run.readTable]),
// separated by commas, or by semicolons or tabs when its header says so
// (see [sniffComma]).
func (r *run) readCSV(src *source, base string) error { return r.readTable(src, base, ',') }

// readTSV reads a tab-separated file with a header row, quoted as CSV is
// (as spreadsheets and pandas write it: a field holding a tab, a quote or
// a line break is quoted, its quotes doubled), see [run.readTable]. Met
// in a directory walk, a table without a text column is not articles (a
// gold grouping, the groups dedup writes).
func (r *run) readTSV(src *source, base string) error { return r.readTable(src, base, '\t') }

// readTable reads a table of fields separated by comma with a header row.
// Rows with the wrong number of fields, bad quoting, invalid UTF-8 or too
// many bytes are skipped; reading goes on with the next row. A quote left
// open would swallow the rows after it: those are read again, from the
// line after the bad row's first (see [source.rereadable]).
func (r *run) readTable(src *source, base string, comma rune) error {
	path := src.path
	src.rereadable()
	g := &rowGuard{r: src.r, end: -1}
	br := bufio.NewReaderSize(g, csvBuffer)
	var start int64 // offset in the text where cr's input begins
	if head, _ := br.Peek(sniffBytes); bytes.IndexByte(head, 0) >= 0 {
		line, _ := binaryLine(head)
		r.problem(path, line, Binary, "NUL bytes%s", binaryHint(src, head))
		return nil
	}
	if head, _ := br.Peek(sniffBytes); comma == ',' {
		comma = sniffComma(head)
	}
	cr := csv.NewReader(br)
	cr.Comma = comma
	cr.FieldsPerRecord = 0 // set by the header
	g.end = r.csvRawLimit(0) + csvBuffer
	header, err := cr.Read()
	if g.tripped {
		r.problem(path, 1, TooLong, "header row of more than %d bytes", r.csvRawLimit(0))
		return nil
	}
	if err != nil {
		if err == io.EOF {
			r.problem(path, 1, Empty, "no header row")
		} else {
			r.problem(path, 1, MalformedCSV, "header: %v", csvErr(err, 0))
		}
		return nil
	}
	if !validFields(header) && !r.fallbackFields(src, 1, header, "header holds bytes that are not UTF-8") {
		return nil
	}
	cols, names := tableHeader(header)
	headerKeys := func() []string { return names }
	present := func(k string) bool { _, ok := cols[k]; return ok }
	switch {
	case r.fields.has(fieldText, present) || !r.sniff:
	case comma == '\t':
		r.problem(path, 1, NotArticles, "a tab-separated table with the columns %s: no text column (looked for %s)",
			strings.Join(header, ", "), r.fields.lookedFor(fieldText))
		return nil
	case !r.fields.has(fieldTitle, present):
		r.problem(path, 1, NotArticles, "a table with the columns %s: no text or title (looked for %s)",
			strings.Join(header, ", "), r.fields.lookedFor(fieldText))
		return nil
	}
	r.sniff = false
	if !r.fields.has(fieldText, present) {
		r.problem(path, 1, MalformedCSV, "header has no text column (looked for %s)", r.fields.lookedFor(fieldText))
		return nil
	}
	lastOff := int64(-1)
	lineBase := 0 // lines of the file before cr's input
	// resume reads on from offset off of the text, the end of line lines
	// of the file, with a new CSV reader: past a row skipped unread, or
	// after the first line of a row whose open quote swallowed the lines
	// after it. A text that cannot be read there is reported at line and
	// ends the file (false).
	resume := func(off int64, lines, line int) bool {
		var err error
		if g, br, err = guardAt(src, off, lines); err != nil {
			r.problem(path, line, Unreadable, "%v", unwrapPathError(err))
			return false
		}
		start, lineBase, lastOff = off, lines, -1
		cr = csv.NewReader(br)
		cr.Comma = comma
		cr.FieldsPerRecord = len(header)
		return true
	}
	for {
		recOff := start + cr.InputOffset()
		src.keep(recOff)
		g.end = recOff + r.csvRawLimit(len(header)) + csvBuffer
		row, err := cr.Read()
		if g.tripped {
			// The row is longer than any row within the limit can be
			// written: skip to its end without keeping it, and read on
			// from there.
			rd, err := src.at(recOff)
			var end rowEnd
			if err == nil {
				end, err = skipCSVRow(rd, recOff, g.n, src.keep)
			}
			if err != nil {
				r.problem(path, 0, Unreadable, "%v", unwrapPathError(err))
				return nil
			}
			line := g.lines - end.linesToMark + 1 + end.blank
			r.problem(path, line, TooLong, "row of %d bytes as written, limit %d", end.off-recOff, r.max)
			if !resume(end.off, g.lines-end.linesToMark+end.lines, line) {
				return nil
			}
			continue
		}
		if err == io.EOF {
			return nil
		}
		var pe *csv.ParseError
		if err != nil && !errors.As(err, &pe) {
			r.problem(path, 0, Unreadable, "%v", unwrapPathError(err))
			return nil
		}
		if err != nil {
			line := lineBase + pe.StartLine
			r.problem(path, line, MalformedCSV, "%v", csvErr(err, lineBase))
			if (errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote)) && pe.Line > pe.StartLine {
				// A quote left open swallowed the lines after the record's
				// first: read them again as rows of their own.
				_, off, err := afterFirstLine(src.at, recOff)
				if err != nil {
					r.problem(path, line, Unreadable, "%v", unwrapPathError(err))
					return nil
				}
				if !resume(off, line, line) {
					return nil
				}
				continue
			}
			if off := cr.InputOffset(); off == lastOff {
				return nil // no progress: give up on the file
			} else {
				lastOff = off
			}
			continue
		}
		n, _ := cr.FieldPos(0)
		n += lineBase
		size := 0
		for _, v := range row {
			size += len(v)
		}
		switch {
		case size > r.max:
			r.problem(path, n, TooLong, "row of %d bytes, limit %d", size, r.max)
			continue
		case !validFields(row) && !r.fallbackFields(src, n, row, "bytes that are not UTF-8"):
			continue
		}
		get := func(k string) string {
			if i, ok := cols[k]; ok {
				return row[i]
			}
			return ""
		}
		rec := record{path: path, line: n, defaultID: base + ":" + strconv.Itoa(n), get: get, keys: headerKeys}
		if err := r.emit(rec); err != nil {
			return err
		}
	}
}

// sniffComma returns the separator of a .csv file whose text begins with
// head: a comma, unless its header line, outside quotes, has no comma and
// has a semicolon (as spreadsheets write CSV where the comma is the
// decimal mark) or a tab, which is then the separator.
func sniffComma(head []byte) rune {
	counts := map[byte]int{}
	quoted := false
	for _, c := range head {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\n' || c == '\r':
			switch {
			case counts[','] > 0:
				return ','
			case counts[';'] > 0:
				return ';'
			case counts['\t'] > 0:
				return '\t'
			}
			return ','
		default:
			counts[c]++
		}
	}
	return ','
}

// csvBuffer is the size of the buffer CSV text is read through.
const csvBuffer = 64 << 10

// csvRawLimit is the most bytes a CSV row of the given number of fields
// whose values hold at most the record limit can take as written: each
// value byte at most two (a doubled quote, or CR LF inside quotes), each
// field two quotes and a comma, and the line's end. A row that takes more
// is skipped without being read whole. With fields 0 (the header, whose
// width is not known yet) the limit is twice the record limit.
func (r *run) csvRawLimit(fields int) int64 {
	return 2*int64(r.max) + 3*int64(fields) + 2
}

// rowGuard passes on the text of a CSV file up to an offset, end, set
// before each row is read, so that encoding/csv, which holds a row whole,
// never holds more than a row within the limit and the read-ahead of its
// buffer. At end it fails the read and sets tripped. It counts the lines
// of the text it passed on.
type rowGuard struct {
	r       io.Reader
	n       int64 // offset in the text of the next byte passed on
	end     int64 // the offset not to pass; -1 for none
	lines   int   // newlines before n
	tripped bool
}

// errRowTooLong is the read error of a [rowGuard] at its end.
var errRowTooLong = errors.New("row too long")

func (g *rowGuard) Read(p []byte) (int, error) {
	if g.end >= 0 {
		if g.n >= g.end {
			g.tripped = true
			return 0, errRowTooLong
		}
		p = p[:min(int64(len(p)), g.end-g.n)]
	}
	n, err := g.r.Read(p)
	g.n += int64(n)
	g.lines += bytes.Count(p[:n], []byte{'\n'})
	return n, err
}

// guardAt returns a rowGuard and its buffered reader reading the text of
// src again from offset off, before which the text has the given number
// of lines.
func guardAt(src *source, off int64, lines int) (*rowGuard, *bufio.Reader, error) {
	if src.at == nil {
		return nil, nil, errors.New("input cannot be read again")
	}
	rd, err := src.at(off)
	if err != nil {
		return nil, nil, err
	}
	g := &rowGuard{r: rd, n: off, end: -1, lines: lines}
	return g, bufio.NewReaderSize(g, csvBuffer), nil
}

// rowEnd is where [skipCSVRow] found a CSV row to end.
type rowEnd struct {
	off         int64 // the offset after the row's line end
	lines       int   // newlines from the row's offset to off
	linesToMark int   // newlines from the row's offset to the mark
	blank       int   // blank lines before the row, which encoding/csv skips
}

// skipCSVRow reads the CSV text of rd, which starts at offset off, to the
// end of the row there, as encoding/csv would end it: a line end outside
// quotes, or the end of the line where its quoting goes wrong. It holds
// only its buffer, calling keep with each offset it has read past, and
// counts the newlines before offset mark.
func skipCSVRow(rd io.Reader, off, mark int64, keep func(int64)) (rowEnd, error) {
	const (
		fieldStart = iota
		unquoted
		quoted
		afterQuote // a quote inside a quoted field: its end, or the first of two
		afterCR    // a CR after a quoted field's end
		badLine    // quoting gone wrong: the row ends with its line
	)
	e := rowEnd{off: off}
	br := bufio.NewReaderSize(rd, csvBuffer)
	state, lineStart, marked := fieldStart, true, false
	// done ends the row after byte i of chunk; the newlines between the
	// row's end and a mark beyond it still count towards linesToMark.
	done := func(chunk []byte, i int) (rowEnd, error) {
		end := e.off + int64(i+1)
		e.off = end
		if marked || mark < end {
			return e, nil
		}
		nl := e.lines
		rest := chunk[i+1:]
		for pos := end; ; {
			take := rest[:min(int64(len(rest)), mark-pos)]
			nl += bytes.Count(take, []byte{'\n'})
			if pos += int64(len(take)); pos >= mark {
				e.linesToMark = nl
				return e, nil
			}
			var err error
			rest, err = br.ReadSlice('\n')
			switch {
			case len(rest) == 0 && err == io.EOF:
				e.linesToMark = nl
				return e, nil
			case len(rest) == 0 && err != nil && err != bufio.ErrBufferFull:
				return e, err
			}
		}
	}
	for {
		chunk, err := br.ReadSlice('\n')
		for i, c := range chunk {
			if e.off+int64(i) == mark {
				e.linesToMark, marked = e.lines, true
			}
			if c == '\n' {
				e.lines++
			}
			if lineStart && state == fieldStart {
				if c == '\n' || c == '\r' && i+1 < len(chunk) && chunk[i+1] == '\n' {
					if c == '\n' {
						e.blank++
					}
					continue
				}
				lineStart = false
			}
			switch state {
			case fieldStart, unquoted:
				switch {
				case c == '"' && state == fieldStart:
					state = quoted
				case c == '"':
					state = badLine
				case c == ',':
					state = fieldStart
				case c == '\n':
					return done(chunk, i)
				default:
					state = unquoted
				}
			case quoted:
				if c == '"' {
					state = afterQuote
				}
			case afterQuote, afterCR:
				switch {
				case c == '"' && state == afterQuote:
					state = quoted
				case c == ',' && state == afterQuote:
					state = fieldStart
				case c == '\r' && state == afterQuote:
					state = afterCR
				case c == '\n':
					return done(chunk, i)
				default:
					state = badLine
				}
			case badLine:
				if c == '\n' {
					return done(chunk, i)
				}
			}
		}
		e.off += int64(len(chunk))
		keep(e.off)
		switch {
		case err == io.EOF:
			if e.off == mark {
				e.linesToMark = e.lines
			}
			return e, nil
		case err != nil && err != bufio.ErrBufferFull:
			return e, err
		}
	}
}

// validFields reports whether every field of a CSV row is valid UTF-8.
func validFields(row []string) bool {
	for _, v := range row {
		if !utf8.ValidString(v) {
			return false
		}
	}
	return true
}

// fallbackFields is [run.notUTF8] for a CSV row (or its header) of src
// at line: it decodes every field of the row in place, and returns false
// when the row is skipped.
func (r *run) fallbackFields(src *source, line int, row []string, what string) bool {
	dec := r.fallback(src, line, what)
	if dec == nil {
		return false
	}
	size := 0
	for i, v := range row {
		row[i], _ = dec.String(v) // a single-byte decoder reads any byte
		size += len(row[i])
	}
	return !r.decodedTooLong(src, line, size)
}

// afterFirstLine returns the text from the line after the first non-empty
// line at or after offset off (encoding/csv skips empty lines), read from
// at, and that line's offset.
func afterFirstLine(at func(off int64) (io.Reader, error), off int64) (*bufio.Reader, int64, error) {
	if at == nil {
		return nil, 0, errors.New("input cannot be read again")
	}
	rd, err := at(off)
	if err != nil {
		return nil, 0, err
	}
	br := bufio.NewReaderSize(rd, 64<<10)
	for {
		line, err := br.ReadSlice('\n')
		long := false
		for err == bufio.ErrBufferFull { // a line longer than the buffer
			off += int64(len(line))
			long = true
			line, err = br.ReadSlice('\n')
		}
		off += int64(len(line))
		if err != nil && err != io.EOF {
			return nil, 0, err
		}
		if err == io.EOF || long || strings.TrimRight(string(line), "\r\n") != "" {
			return br, off, nil
		}
	}
}

// csvErr describes a CSV error of a record that starts lineBase lines
// into the file: the error's own line when the record ran on past its
// first (a quote left open), so that the column is found where it is.
func csvErr(err error, lineBase int) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		switch {
		case pe.Err == csv.ErrFieldCount:
			return "wrong number of fields"
		case pe.Line != pe.StartLine:
			return fmt.Sprintf("line %d, column %d: %v", lineBase+pe.Line, pe.Column, pe.Err)
		}
		return fmt.Sprintf("column %d: %v", pe.Column, pe.Err)
	}
	return err.Error()
}

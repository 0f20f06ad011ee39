package beam

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local" // local paths

	"github.com/wirediff/wirediff/corpus"
)

func init() {
	beam.RegisterType(reflect.TypeOf((*fileRef)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*readFn)(nil)).Elem())
	beam.RegisterFunction(matchGlob)
	beam.RegisterFunction(keepPreferred)
	beam.RegisterFunction(countProblem)
}

var (
	articlesRead = beam.NewCounter("wirediff", "articles")
	filesRead    = beam.NewCounter("wirediff", "files")
	skipped      = beam.NewCounter("wirediff", "skipped")
	unreadDates  = beam.NewCounter("wirediff", "unread-dates")
	mixedDates   = beam.NewCounter("wirediff", "mixed-date-order")
	fallbacks    = beam.NewCounter("wirediff", "fallback-decoded")
)

// fileRef is one input file: its path (any registered file system) and,
// for a file found under a directory argument, its path relative to it
// (text files are named by it).
type fileRef struct {
	Path, Rel string
}

// ReadOptions are the input flags shared with the wirediff command.
type ReadOptions struct {
	// Fields maps fields ("text=body"), as --field does.
	Fields []string
	// Encoding is --encoding ("windows-1252", "utf-8,windows-1252");
	// empty is UTF-8.
	Encoding string
	// DateOrder is --date-order ("auto", "mdy", "dmy"); empty is auto.
	DateOrder string
}

func (o ReadOptions) options() (corpus.Options, error) {
	fields, err := corpus.ParseFields(o.Fields)
	if err != nil {
		return corpus.Options{}, err
	}
	opt := corpus.Options{Fields: fields}
	if o.DateOrder != "" {
		if opt.DateOrder, err = corpus.DateOrderNamed(o.DateOrder); err != nil {
			return corpus.Options{}, fmt.Errorf("--date-order: %w", err)
		}
	}
	if o.Encoding != "" {
		if opt.Encoding, opt.Fallback, err = corpus.ParseEncodings(o.Encoding); err != nil {
			return corpus.Options{}, fmt.Errorf("--encoding: %w", err)
		}
	}
	return opt, nil
}

// isLocal reports whether path names the local file system (no scheme
// such as gs:// or s3://).
func isLocal(path string) bool { return scheme(path) == "" }

// listLocal lists the files of local paths as [corpus.Read] walks them:
// files named as they are, directories walked recursively in lexical
// order without the hidden entries. A path that cannot be read is a
// problem, as in the wirediff command.
func listLocal(paths []string) ([]fileRef, []string) {
	var files []fileRef
	var probs []string
	problem := func(path string, reason corpus.Reason, err error) {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		probs = append(probs, deadLetter(corpus.Problem{Path: path, Reason: reason, Detail: err.Error()}))
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			problem(p, corpus.Unreadable, err)
			continue
		}
		if !info.IsDir() {
			files = append(files, fileRef{Path: p})
			continue
		}
		root := p
		if li, err := os.Lstat(p); err == nil && li.Mode()&fs.ModeSymlink != 0 {
			root = p + string(filepath.Separator)
		}
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				problem(path, corpus.Unreadable, err)
				return nil
			}
			if path != root && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if typ := d.Type(); typ&fs.ModeSymlink != 0 {
				info, err := os.Stat(path)
				switch {
				case err != nil:
					problem(path, corpus.Unreadable, err)
					return nil
				case info.IsDir():
					problem(path, corpus.Unsupported, errors.New("symbolic link to a directory, not followed"))
					return nil
				}
			} else if !typ.IsRegular() {
				problem(path, corpus.Unsupported, errors.New("not a regular file"))
				return nil
			}
			rel, err := filepath.Rel(root, path)
			if err != nil {
				rel = filepath.Base(path)
			}
			files = append(files, fileRef{Path: path, Rel: rel})
			return nil
		})
	}
	return files, probs
}

// inputFiles is the files of paths: local paths listed now, others
// (gs://bucket/dir/*.jsonl) matched as globs by Beam's file IO. The
// second collection holds the problems met listing them.
func inputFiles(s beam.Scope, paths []string) (beam.PCollection, beam.PCollection) {
	s = s.Scope("list")
	var local, remote []string
	for _, p := range paths {
		if isLocal(p) {
			local = append(local, p)
		} else {
			remote = append(remote, p)
		}
	}
	files, probs := listLocal(local)
	listed, listProbs := beam.CreateList(s, append([]fileRef{}, files...)), beam.CreateList(s, append([]string{}, probs...))
	if len(remote) == 0 {
		return listed, listProbs
	}
	matched, matchProbs := beam.ParDo2(s, matchGlob, beam.CreateList(s, remote))
	return beam.Flatten(s, listed, matched), beam.Flatten(s, listProbs, matchProbs)
}

// matchGlob lists the files a remote glob matches (gs://bucket/news/*.jsonl).
// A glob that matches no file is a problem, as a missing local path is,
// not a failed job; an error listing the bucket fails the bundle, which
// the runner retries.
func matchGlob(ctx context.Context, glob string, emit func(fileRef), problem func(string)) error {
	fsys, err := filesystem.New(ctx, glob)
	if err != nil {
		return fmt.Errorf("%s: %w", glob, err)
	}
	defer fsys.Close()
	files, err := fsys.List(ctx, glob)
	if err != nil {
		return fmt.Errorf("listing %s: %w", glob, err)
	}
	if len(files) == 0 {
		problem(deadLetter(corpus.Problem{Path: glob, Reason: corpus.Unreadable, Detail: "no file matches"}))
		return nil
	}
	sort.Strings(files)
	for _, f := range files {
		emit(fileRef{Path: f})
	}
	return nil
}

// readFn reads the articles of one file with the corpus readers: each
// valid article keyed by ID, each bad record as a dead-letter line
// ("path:line: reason: detail").
type readFn struct {
	Read ReadOptions
	// Names are the names of the local files whose articles would
	// otherwise share IDs (see corpus.InputNames), by path.
	Names map[string]string
	opt   corpus.Options
}

func (f *readFn) Setup() error {
	opt, err := f.Read.options()
	f.opt = opt
	return err
}

func (f *readFn) ProcessElement(ctx context.Context, ref fileRef, emit func(string, corpus.Article), problem func(string)) error {
	opt := f.opt
	opt.Names = f.Names
	opt.OnProblem = func(p corpus.Problem) {
		skipped.Inc(ctx, 1)
		problem(deadLetter(p))
	}
	// A record kept without the publication time its field gave, and a
	// file whose dates turned out to be written day first, are named in
	// the dead-letter file too (their details say the records were kept),
	// and counted apart from the skips.
	opt.OnUnreadDate = func(p corpus.Problem) {
		if p.Reason == corpus.MixedDateOrder {
			mixedDates.Inc(ctx, 1)
		} else {
			unreadDates.Inc(ctx, 1)
		}
		problem(deadLetter(p))
	}
	// So is a record that is not UTF-8, decoded from the --encoding
	// fallback, as the wirediff command notes it.
	opt.OnFallback = func(n corpus.Note) {
		fallbacks.Inc(ctx, 1)
		problem(deadLetterLine(n.Path, n.Line, n.String()))
	}
	fsys, err := filesystem.New(ctx, ref.Path)
	if err != nil {
		return fmt.Errorf("%s: %w", ref.Path, err)
	}
	defer fsys.Close()
	rc, err := fsys.OpenRead(ctx, ref.Path)
	if err != nil {
		skipped.Inc(ctx, 1)
		problem(deadLetter(corpus.Problem{Path: ref.Path, Reason: corpus.Unreadable, Detail: err.Error()}))
		return nil
	}
	defer rc.Close()
	st, err := corpus.ReadFile(ref.Path, ref.Rel, rc, opt, func(a corpus.Article) error {
		emit(a.ID, a)
		return nil
	})
	filesRead.Inc(ctx, int64(st.Files))
	return err
}

// keepPreferred keeps, of the records read with one ID, the one the
// wirediff command keeps (see [corpus.Preferred]). The reader already
// reported the records beaten within their own reading of a file; this
// reports the best of each other reading: of each other file, and of a
// file read again (given twice), as the wirediff command reports a file
// read again.
func keepPreferred(ctx context.Context, id string, recs func(*corpus.Article) bool, emit func(string, corpus.Article), problem func(string)) {
	var all []corpus.Article
	var a corpus.Article
	for recs(&a) {
		all = append(all, a)
	}
	better := func(x, y *corpus.Article) bool { _, p := corpus.Preferred(x, y); return p }
	sort.Slice(all, func(i, j int) bool { return better(&all[i], &all[j]) })
	kept := &all[0]
	articlesRead.Inc(ctx, 1)
	emit(id, *kept)
	if len(all) == 1 {
		return
	}
	// Each reading of a file gives its best record once: a record that
	// neither beats nor loses to its file's best (same content, same
	// origin) is that best as another reading of the file gave it.
	best := map[string]*corpus.Article{corpus.OriginPath(kept.Origin): kept}
	for i := 1; i < len(all); i++ {
		path := corpus.OriginPath(all[i].Origin)
		b, ok := best[path]
		if !ok {
			best[path] = &all[i]
		} else if better(b, &all[i]) || better(&all[i], b) {
			continue // beaten in its own reading of the file, reported by the reader
		}
		why, _ := corpus.Preferred(kept, &all[i])
		skipped.Inc(ctx, 1)
		problem(deadLetter(corpus.DuplicateProblem(&all[i], kept, why)))
	}
}

// deadLetter is p's dead-letter line ("path:line: reason: detail")
// after its sort key, the path and the line number, each followed by a
// NUL, which no path holds (keyProblem splits them): the file sorts
// "a.jsonl:2" before "a.jsonl:10", as it was read.
func deadLetter(p corpus.Problem) string {
	return deadLetterLine(p.Path, p.Line, p.Error())
}

// deadLetterLine is the dead-letter line text, about line of path, after
// its sort key (see deadLetter).
func deadLetterLine(path string, line int, text string) string {
	return fmt.Sprintf("%s\x00%012d\x00%s", path, line, text)
}

// readArticles reads the articles of paths, one per ID: the articles keyed
// by ID and the dead-letter lines of the bad records.
func readArticles(s beam.Scope, paths []string, ro ReadOptions) (beam.PCollection, beam.PCollection) {
	files, listProbs := inputFiles(s, paths)
	s = s.Scope("read")
	// Local files are named as the wirediff command names them, told
	// apart from the files whose names would give their articles the
	// same IDs; files matched by a remote glob keep their own names.
	var local []string
	for _, p := range paths {
		if isLocal(p) {
			local = append(local, p)
		}
	}
	raw, readProbs := beam.ParDo2(s, &readFn{Read: ro, Names: corpus.InputNames(local, corpus.Options{})}, files)
	arts, dupProbs := beam.ParDo2(s, keepPreferred, beam.GroupByKey(s, raw))
	listProbs = beam.ParDo(s, countProblem, listProbs)
	return arts, beam.Flatten(s, listProbs, readProbs, dupProbs)
}

// countProblem counts a path that could not be listed as skipped, as the
// reader counts the bad records it meets.
func countProblem(ctx context.Context, p string, emit func(string)) {
	skipped.Inc(ctx, 1)
	emit(p)
}

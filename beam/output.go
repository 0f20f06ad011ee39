package beam

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/lineage"
	"github.com/wirediff/wirediff/listing"
)

func init() {
	for _, t := range []any{(*memberFn)(nil), (*rowFn)(nil), (*writeFileFn)(nil), (*lineageFn)(nil)} {
		beam.RegisterType(reflect.TypeOf(t).Elem())
	}
	beam.RegisterFunction(dropText)
	beam.RegisterFunction(byRewriteGroup)
	beam.RegisterFunction(keyProblem)
	beam.RegisterFunction(groupOne)
	beam.RegisterCoder(reflect.TypeOf(listing.Member{}), encodeMember, decodeMember)
}

// dropText keeps what the output prints of an article: a title taken
// from the text's first sentence is kept as its derived title.
func dropText(id string, a corpus.Article) (string, corpus.Article) {
	if title, derived := a.ShownTitle(); derived {
		a.DerivedTitle = title
	}
	a.Text, a.Furniture = "", nil
	return id, a
}

// memberFn gives each article its row as `wirediff dedup` lists it (see
// listing.Member), keyed by its group at Level; the group's size is
// filled in once the group is counted (sizeFn).
type memberFn struct {
	Level cluster.Level
}

func (fn *memberFn) ProcessElement(id string, arts func(*corpus.Article) bool, gs func(*groups) bool, emit func(string, listing.Member)) error {
	var a corpus.Article
	var g groups
	if !arts(&a) {
		return nil
	}
	if !gs(&g) {
		return fmt.Errorf("%s: read but not grouped", id)
	}
	m := listing.Member{Article: listing.NewArticle(&a), Group: g.at(fn.Level),
		Groups: listing.Groups{Copy: g.Copy, Rewrite: g.Rewrite, Story: g.Story}}
	emit(m.Group, m)
	return nil
}

func groupOne(group string, _ listing.Member) (string, int) { return group, 1 }

// rowFn prints the rows of one group in Format (tsv or jsonl) with the
// group's size, each keyed by its place in dedup's order (rowKey).
type rowFn struct {
	Format listing.Format
}

func (fn *rowFn) ProcessElement(group string, sizes func(*int) bool, members func(*listing.Member) bool, emit func(string, string)) error {
	var size int
	if !sizes(&size) {
		return fmt.Errorf("group %s was not counted", group)
	}
	var m listing.Member
	for members(&m) {
		m.GroupSize = size
		line, err := memberLine(m, fn.Format)
		if err != nil {
			return fmt.Errorf("%s: %w", m.ID, err)
		}
		emit(rowKey(size, group, m.ID), line)
	}
	return nil
}

// rowKey orders the rows as `wirediff dedup` lists them: by group, the
// largest first, ties by the group's first member (whose ID its label
// ends with), and by ID within a group. IDs hold no control characters,
// so NUL separates the parts without reordering them.
func rowKey(size int, group, id string) string {
	return fmt.Sprintf("%010d\x00%s\x00%s", math.MaxInt32-size, group, id)
}

// memberLine is m's line as listing writes it in format f (a JSON lines
// record, or a TSV row without the header).
func memberLine(m listing.Member, f listing.Format) (string, error) {
	var b bytes.Buffer
	l := &listing.List{Records: []any{m}, Columns: listing.MemberColumns, Rows: [][]string{m.Cells()}}
	if err := l.Write(&b, f); err != nil {
		return "", err
	}
	line := b.String()
	if f == listing.TSV {
		head, err := memberHeader(f)
		if err != nil {
			return "", err
		}
		line = strings.TrimPrefix(line, head)
	}
	return line, nil
}

// memberHeader is what listing writes before the rows in format f: the
// column names of a TSV file, nothing for JSON lines.
func memberHeader(f listing.Format) (string, error) {
	var b bytes.Buffer
	err := (&listing.List{Columns: listing.MemberColumns}).Write(&b, f)
	return b.String(), err
}

// outputRows returns the output's rows in format f, keyed by their place
// in the order of `wirediff dedup`.
func outputRows(s beam.Scope, meta, gs beam.PCollection, level cluster.Level, f listing.Format) beam.PCollection {
	members := beam.ParDo(s, &memberFn{Level: level}, beam.CoGroupByKey(s, meta, gs))
	sizes := beam.CombinePerKey(s, sumInts, beam.ParDo(s, groupOne, members))
	return beam.ParDo(s, &rowFn{Format: f}, beam.CoGroupByKey(s, sizes, members))
}

// jsonLine encodes v as one line of JSON, as listing encodes a JSON
// lines record.
func jsonLine(v any) (string, error) {
	var b bytes.Buffer
	if err := listing.NewEncoder(&b, false).Encode(v); err != nil {
		return "", err
	}
	return b.String(), nil
}

// keyProblem keys a dead-letter line made by deadLetter by its sort key
// (file, line number, text), the value being the line.
func keyProblem(encoded string) (string, string) {
	parts := strings.SplitN(encoded, "\x00", 3)
	return encoded, parts[len(parts)-1] + "\n"
}

// writeFileFn writes the lines of its one key, sorted by their keys,
// after Header, to Path on any registered file system.
type writeFileFn struct {
	Path, Header string
}

func (fn *writeFileFn) ProcessElement(ctx context.Context, _ int, rows func(*keyed) bool) error {
	var all []keyed
	var r keyed
	for rows(&r) {
		all = append(all, r)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Key < all[j].Key })
	err := writeAtomic(ctx, fn.Path, func(w io.Writer) error {
		bw := &errWriter{w: w}
		bw.WriteString(fn.Header)
		for _, r := range all {
			bw.WriteString(r.Line)
		}
		return bw.err
	})
	if err != nil {
		return fmt.Errorf("%s: %w", fn.Path, err)
	}
	return nil
}

// writeAtomic writes path, on any registered file system, with write,
// so that the file holds either what it held before or all that write
// wrote: a local file is written beside it under a hidden name and
// renamed over it; a remote object (gs://, s3://) is created when its
// writer is closed, and a write that fails cancels the upload instead.
func writeAtomic(ctx context.Context, path string, write func(io.Writer) error) error {
	if isLocal(path) {
		return writeLocal(path, write)
	}
	fsys, err := filesystem.New(ctx, path)
	if err != nil {
		return err
	}
	defer fsys.Close()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w, err := fsys.OpenWrite(ctx, path)
	if err != nil {
		return err
	}
	if err := write(w); err != nil {
		cancel()
		w.Close()
		return err
	}
	return w.Close()
}

// writeLocal writes the local file path with write through a temporary
// file in its directory, renamed over it once complete; the file keeps
// its permissions, a new one gets 0644.
func writeLocal(path string, write func(io.Writer) error) (err error) {
	if p, err := filepath.EvalSymlinks(path); err == nil {
		path = p // write the file a link names, not over the link
	}
	mode := os.FileMode(0o644)
	if info, err := os.Stat(path); err == nil && info.Mode().IsRegular() {
		mode = info.Mode().Perm()
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := f.Chmod(mode); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// keyed is an output line with the key it is sorted by.
type keyed struct {
	Key, Line string
}

func init() {
	beam.RegisterType(reflect.TypeOf((*keyed)(nil)).Elem())
	beam.RegisterFunction(toKeyed)
}

func toKeyed(k, line string) keyed { return keyed{k, line} }

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) WriteString(s string) {
	if e.err == nil && s != "" {
		_, e.err = e.w.Write([]byte(s))
	}
}

// writeSorted writes the lines of rows (key, line) to path in key order,
// after header. The file is written by one worker: a sorted file is one
// sequence. With no rows, it is written empty when always is set (a
// dead-letter file of no problems, replacing one an earlier run left),
// and not at all otherwise.
func writeSorted(s beam.Scope, rows beam.PCollection, path, header string, always bool) {
	s = s.Scope("write")
	lines := beam.ParDo(s, toKeyed, rows)
	if always {
		// An empty line sorts first and writes nothing, but makes the
		// group that writes the file.
		lines = beam.Flatten(s, lines, beam.Create(s, keyed{}))
	}
	all := beam.GroupByKey(s, beam.AddFixedKey(s, lines))
	beam.ParDo0(s, &writeFileFn{Path: path, Header: header}, all)
}

// byRewriteGroup keys each article, text and all, by its rewrite group.
func byRewriteGroup(id string, arts func(*corpus.Article) bool, gs func(*groups) bool, emit func(string, corpus.Article)) {
	var a corpus.Article
	var g groups
	if arts(&a) && gs(&g) {
		emit(g.Rewrite, a)
	}
}

// lineageFn analyzes one rewrite group of two or more articles, as
// `wirediff dedup --lineage` does, keyed so that the largest groups come
// first (ties by group ID).
type lineageFn struct{}

func (lineageFn) ProcessElement(group string, arts func(*corpus.Article) bool, emit func(string, string)) error {
	var members []corpus.Article
	var a corpus.Article
	for arts(&a) {
		members = append(members, a)
	}
	if len(members) < 2 {
		return nil
	}
	sort.Slice(members, func(i, j int) bool { return members[i].ID < members[j].ID })
	r, err := lineage.Analyze(members, lineage.Options{})
	if err != nil {
		return fmt.Errorf("lineage of %s: %w", group, err)
	}
	line, err := jsonLine(struct {
		Group string `json:"group"`
		*lineage.Report
	}{group, r})
	if err != nil {
		return fmt.Errorf("lineage of %s: %w", group, err)
	}
	emit(fmt.Sprintf("%010d %s", math.MaxInt32-len(members), group), line)
	return nil
}

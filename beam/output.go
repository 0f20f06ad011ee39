package beam

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"sort"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/lineage"
	"github.com/wirediff/wirediff/listing"
)

func init() {
	for _, t := range []any{(*rowFn)(nil), (*writeFileFn)(nil), (*lineageFn)(nil)} {
		beam.RegisterType(reflect.TypeOf(t).Elem())
	}
	beam.RegisterFunction(dropText)
	beam.RegisterFunction(byRewriteGroup)
	beam.RegisterFunction(keyLine)
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

// articleOut is a JSON lines row, as `wirediff dedup --format jsonl`
// prints it: the article's metadata as every command lists it, then its
// groups.
type articleOut struct {
	listing.Article
	Group  string            `json:"group"`
	Groups map[string]string `json:"groups"`
}

// jsonLine encodes v as one line of JSON, HTML left unescaped as the
// wirediff command writes it.
func jsonLine(v any) (string, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return b.String(), nil
}

// rowFn prints an article's output row at Level in Format (tsv or
// jsonl), keyed by ID, the order of the output.
type rowFn struct {
	Level  cluster.Level
	Format string
}

func (fn *rowFn) ProcessElement(id string, arts func(*corpus.Article) bool, gs func(*groups) bool, emit func(string, string)) error {
	var a corpus.Article
	var g groups
	if !arts(&a) {
		return nil
	}
	if !gs(&g) {
		return fmt.Errorf("%s: read but not grouped", id)
	}
	if fn.Format == "tsv" {
		emit(id, id+"\t"+g.at(fn.Level)+"\n")
		return nil
	}
	line, err := jsonLine(articleOut{
		Article: listing.NewArticle(&a), Group: g.at(fn.Level),
		Groups: map[string]string{"copy": g.Copy, "rewrite": g.Rewrite, "story": g.Story},
	})
	if err != nil {
		return fmt.Errorf("%s: %w", id, err)
	}
	emit(id, line)
	return nil
}

// keyLine keys a line by itself, for outputs sorted by content.
func keyLine(line string) (string, string) { return line, line + "\n" }

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
	fsys, err := filesystem.New(ctx, fn.Path)
	if err != nil {
		return fmt.Errorf("%s: %w", fn.Path, err)
	}
	defer fsys.Close()
	w, err := fsys.OpenWrite(ctx, fn.Path)
	if err != nil {
		return fmt.Errorf("%s: %w", fn.Path, err)
	}
	bw := &errWriter{w: w}
	bw.WriteString(fn.Header)
	for _, r := range all {
		bw.WriteString(r.Line)
	}
	if err := w.Close(); bw.err == nil {
		bw.err = err
	}
	if bw.err != nil {
		return fmt.Errorf("%s: %w", fn.Path, bw.err)
	}
	return nil
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
	w   interface{ Write([]byte) (int, error) }
	err error
}

func (e *errWriter) WriteString(s string) {
	if e.err == nil && s != "" {
		_, e.err = e.w.Write([]byte(s))
	}
}

// writeSorted writes the lines of rows (key, line) to path in key order,
// after header. The file is written by one worker: a sorted file is one
// sequence.
func writeSorted(s beam.Scope, rows beam.PCollection, path, header string) {
	s = s.Scope("write")
	all := beam.GroupByKey(s, beam.AddFixedKey(s, beam.ParDo(s, toKeyed, rows)))
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

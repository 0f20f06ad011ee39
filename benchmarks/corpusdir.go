package benchmarks

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// A corpus directory, as [WriteCorpus] writes it and [OpenCorpus] reads it:
//
//	corpus.json        {"format":1,"articles":N,"seed":S} — the GenConfig it came from
//	articles.jsonl     one article a line: {"id","outlet","title","published","text"}
//	gold-copy.tsv      "id<TAB>cluster" with an "id<TAB>cluster" header, one line
//	gold-rewrite.tsv   an article, in the order of articles.jsonl: the truth at
//	gold-story.tsv     each level (see [GenArticle])
//
// corpus.json is written last, so a directory without it is an interrupted
// write. A directory whose corpus.json names another config or format is
// [ErrCorpusMismatch]: regenerate it elsewhere.

// CorpusFormat is the version of the corpus directory layout.
const CorpusFormat = 1

// File names in a corpus directory.
const (
	ArticlesFile = "articles.jsonl"
	corpusMeta   = "corpus.json"
)

// GoldFile returns the name of the truth file of a level ("copy",
// "rewrite" or "story").
func GoldFile(level string) string { return "gold-" + level + ".tsv" }

// Levels are the truth levels, finest first.
var Levels = [3]string{"copy", "rewrite", "story"}

// Errors of corpus directories.
var (
	ErrNoCorpus       = errors.New("no generated corpus")
	ErrCorpusMismatch = errors.New("corpus directory holds another corpus")
)

// CorpusInfo describes a corpus directory.
type CorpusInfo struct {
	Format   int    `json:"format"`
	Articles int    `json:"articles"`
	Seed     uint64 `json:"seed"`
	// Bytes is the size of articles.jsonl.
	Bytes int64 `json:"bytes"`
}

// FormatBytes returns the size n in decimal units, to one decimal in
// the largest unit that keeps it at 1 or more: "812 bytes", "48.3 KB",
// "12.6 MB", "1.4 GB".
func FormatBytes(n int64) string {
	if n < 1000 {
		if n == 1 {
			return "1 byte"
		}
		return fmt.Sprintf("%d bytes", n)
	}
	v := float64(n)
	for _, unit := range []string{"KB", "MB"} {
		if v /= 1000; v < 999.95 { // not "1000.0 KB"
			return fmt.Sprintf("%.1f %s", v, unit)
		}
	}
	return fmt.Sprintf("%.1f GB", v/1000)
}

// WriteCorpus generates the corpus of cfg (only Articles and Seed are
// recorded, so other fields must be zero) into dir, creating it.
func WriteCorpus(dir string, cfg GenConfig) (CorpusInfo, error) {
	if (cfg != GenConfig{Articles: cfg.Articles, Seed: cfg.Seed}) {
		return CorpusInfo{}, fmt.Errorf("%w: WriteCorpus records Articles and Seed only", ErrGenConfig)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return CorpusInfo{}, fmt.Errorf("write corpus: %w", err)
	}
	os.Remove(filepath.Join(dir, corpusMeta))
	files := make([]*os.File, 0, 4)
	defer func() {
		for _, f := range files {
			f.Close()
		}
	}()
	create := func(name string) (*bufio.Writer, error) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("write corpus: %w", err)
		}
		files = append(files, f)
		return bufio.NewWriterSize(f, 1<<20), nil
	}
	arts, err := create(ArticlesFile)
	if err != nil {
		return CorpusInfo{}, err
	}
	var gold [3]*bufio.Writer
	for l, name := range Levels {
		if gold[l], err = create(GoldFile(name)); err != nil {
			return CorpusInfo{}, err
		}
		fmt.Fprintf(gold[l], "id\tcluster\n")
	}
	err = Generate(cfg, func(a GenArticle) error {
		if err := WriteJSONL(arts, a); err != nil {
			return err
		}
		for l, lab := range [3]string{a.Copy, a.Rewrite, a.Story} {
			if _, err := fmt.Fprintf(gold[l], "%s\t%s\n", a.ID, lab); err != nil {
				return fmt.Errorf("write gold: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return CorpusInfo{}, err
	}
	for _, w := range append([]*bufio.Writer{arts}, gold[:]...) {
		if err := w.Flush(); err != nil {
			return CorpusInfo{}, fmt.Errorf("write corpus: %w", err)
		}
	}
	for _, f := range files {
		if err := f.Close(); err != nil {
			return CorpusInfo{}, fmt.Errorf("write corpus: %w", err)
		}
	}
	files = nil
	st, err := os.Stat(filepath.Join(dir, ArticlesFile))
	if err != nil {
		return CorpusInfo{}, fmt.Errorf("write corpus: %w", err)
	}
	info := CorpusInfo{Format: CorpusFormat, Articles: cfg.Articles, Seed: cfg.Seed, Bytes: st.Size()}
	data, _ := json.Marshal(info)
	if err := os.WriteFile(filepath.Join(dir, corpusMeta), append(data, '\n'), 0o644); err != nil {
		return CorpusInfo{}, fmt.Errorf("write corpus: %w", err)
	}
	return info, nil
}

// OpenCorpus returns the description of the corpus in dir: [ErrNoCorpus]
// when dir holds none (or an interrupted one), [ErrCorpusMismatch] when
// want is not zero and dir holds another corpus.
func OpenCorpus(dir string, want GenConfig) (CorpusInfo, error) {
	data, err := os.ReadFile(filepath.Join(dir, corpusMeta))
	if errors.Is(err, os.ErrNotExist) {
		return CorpusInfo{}, fmt.Errorf("%w in %s", ErrNoCorpus, dir)
	}
	if err != nil {
		return CorpusInfo{}, fmt.Errorf("open corpus: %w", err)
	}
	var info CorpusInfo
	if err := json.Unmarshal(data, &info); err != nil {
		return CorpusInfo{}, fmt.Errorf("open corpus: %s: %w", filepath.Join(dir, corpusMeta), err)
	}
	if info.Format != CorpusFormat {
		return info, fmt.Errorf("%w: %s has format %d, want %d", ErrCorpusMismatch, dir, info.Format, CorpusFormat)
	}
	if (want != GenConfig{}) && (info.Articles != want.Articles || info.Seed != want.Seed) {
		return info, fmt.Errorf("%w: %s has %d articles with seed %d, want %d with seed %d",
			ErrCorpusMismatch, dir, info.Articles, info.Seed, want.Articles, want.Seed)
	}
	return info, nil
}

// EnsureCorpus returns the corpus of cfg in dir, generating it first when
// dir holds none. progress, when not nil, is told before a generation.
func EnsureCorpus(dir string, cfg GenConfig, progress io.Writer) (CorpusInfo, error) {
	info, err := OpenCorpus(dir, cfg)
	if !errors.Is(err, ErrNoCorpus) {
		return info, err
	}
	if progress != nil {
		fmt.Fprintf(progress, "generating %d articles (seed %d) into %s\n", cfg.Articles, cfg.Seed, dir)
	}
	return WriteCorpus(dir, cfg)
}

// ParseSizes parses a comma-separated list of corpus sizes (see
// [ParseSize]): "1k,10k,100k". A size given again ("1k,1000") is measured
// once, so it is listed once.
func ParseSizes(list string) ([]int, error) {
	var out []int
	for _, s := range strings.Split(list, ",") {
		n, err := ParseSize(s)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out, nil
}

// maxSize is the largest corpus size [ParseSize] takes: a billion
// articles, a few terabytes of text, far past any benchmark; a count that
// would overflow an int is an error rather than a negative size.
const maxSize = 1_000_000_000

// ParseSize parses a corpus size: digits with an optional k or m suffix
// (5000, 10k, 1m), at most a billion (1000m).
func ParseSize(s string) (int, error) {
	mult := 1
	t := strings.ToLower(strings.TrimSpace(s))
	switch {
	case strings.HasSuffix(t, "k"):
		mult, t = 1000, t[:len(t)-1]
	case strings.HasSuffix(t, "m"):
		mult, t = 1000000, t[:len(t)-1]
	}
	n, err := strconv.Atoi(t)
	if err != nil && !errors.Is(err, strconv.ErrRange) || n <= 0 {
		return 0, fmt.Errorf("%q is not a positive count like 5000, 10k or 1m", s)
	}
	if err != nil || n > maxSize/mult {
		return 0, fmt.Errorf("%q is more than %s articles", s, SizeName(maxSize))
	}
	return n * mult, nil
}

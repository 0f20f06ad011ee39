package beam

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
)

// Paths are checked before the pipeline is built: a path on a file
// system the binary has no implementation for, or a local output that
// cannot be written, would otherwise fail only when a stage reaches it,
// for an output after all the work.

// knownSchemes are the schemes of the file systems Beam's Go SDK
// implements besides the local one; [schemes] lists those registered in
// this binary.
var knownSchemes = []string{"gs", "s3", "memfs"}

// scheme is the scheme of path ("gs" for gs://bucket/x), or "" for a
// local path, as Beam's file system registry reads it.
func scheme(path string) string {
	if i := strings.Index(path, "://"); i > 0 {
		return path[:i]
	}
	return ""
}

// registered reports whether a file system is registered for path's
// scheme, without making one.
func registered(path string) (ok bool) {
	if strings.TrimSpace(path) == "" {
		return false
	}
	// The registry is not exported; ValidateScheme panics on a scheme it
	// does not hold.
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	filesystem.ValidateScheme(path)
	return true
}

// schemes lists the file systems registered in this binary: "local
// paths" for paths without a scheme, then each scheme as "gs://".
func schemes() []string {
	var out []string
	if registered("local") {
		out = append(out, "local paths")
	}
	for _, s := range knownSchemes {
		if registered(s + "://") {
			out = append(out, s+"://")
		}
	}
	return out
}

// checkScheme reports a path whose scheme has no file system registered
// in this binary, naming those that have one.
func checkScheme(what, path string) error {
	if registered(path) {
		return nil
	}
	return fmt.Errorf("%s %s: no file system for scheme %q in this program (it has: %s)",
		what, path, scheme(path), strings.Join(schemes(), ", "))
}

// outputs are the output files of c with the flags that name them.
func (c *Config) outputs() [][2]string {
	return [][2]string{{"--out", c.Out}, {"--skipped", c.Skipped}, {"--lineage", c.Lineage}}
}

// checkSchemes reports an input or output path whose scheme has no file
// system registered.
func (c *Config) checkSchemes() error {
	for _, p := range c.Paths {
		if err := checkScheme("input", p); err != nil {
			return err
		}
	}
	for _, o := range c.outputs() {
		if o[1] == "" {
			continue
		}
		if err := checkScheme(o[0], o[1]); err != nil {
			return err
		}
	}
	return nil
}

// checkClashes reports an output on the path of another output, which
// one of them would overwrite, or of an input file, whose articles it
// would replace.
func (c *Config) checkClashes() error {
	outs := c.outputs()
	for i, o := range outs {
		if o[1] == "" {
			continue
		}
		for _, prev := range outs[:i] {
			if prev[1] != "" && samePath(o[1], prev[1]) {
				return fmt.Errorf("%s %s: also the %s file; give each output a path of its own", o[0], o[1], prev[0])
			}
		}
		for _, in := range c.Paths {
			if samePath(o[1], in) {
				return fmt.Errorf("%s %s: also an input path; writing it would replace the articles read from it", o[0], o[1])
			}
			if walkedFrom(o[1], in) {
				return fmt.Errorf("%s %s: inside the input directory %s, whose files are all read; give it a path outside", o[0], o[1], in)
			}
		}
	}
	return nil
}

// walkedFrom reports whether the local file path is, or once written
// would be, one of the files listLocal finds walking the local directory
// dir: below it, through links too, and not hidden. Written there, an
// output would replace an article this run reads, or be read as articles
// by the next.
func walkedFrom(path, dir string) bool {
	if !isLocal(path) || !isLocal(dir) {
		return false
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return false
	}
	rel, err := filepath.Rel(resolved(dir), resolved(path))
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false
	}
	for _, part := range strings.Split(rel, string(filepath.Separator)) {
		if strings.HasPrefix(part, ".") {
			return false // hidden entries are not walked
		}
	}
	return true
}

// resolved is path made absolute with the links of its longest existing
// ancestor (itself included) followed.
func resolved(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	rest := ""
	for p := abs; ; p = filepath.Dir(p) {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(r, rest)
		}
		if filepath.Dir(p) == p {
			return abs
		}
		rest = filepath.Join(filepath.Base(p), rest)
	}
}

// samePath reports whether paths a and b name one file: on the local file
// system the same file (through links) or, for one not made yet, the same
// absolute path; elsewhere the same path.
func samePath(a, b string) bool {
	if !isLocal(a) || !isLocal(b) {
		return a == b
	}
	if ia, err := os.Stat(a); err == nil {
		ib, err := os.Stat(b)
		return err == nil && os.SameFile(ia, ib)
	}
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}

// PrepareOutputs checks that each local output file can be written:
// that its directory exists or can be made (it is made now, as the
// write would make it) and takes a new file, and that the file, if it
// exists, is not a directory and can be opened for writing. Outputs on
// other file systems are checked only for their scheme, by
// [Config.Check]. On a cluster a local path is checked on the machine
// that builds the pipeline.
func (c *Config) PrepareOutputs() error {
	for _, o := range c.outputs() {
		if o[1] == "" || !isLocal(o[1]) {
			continue
		}
		if err := writable(o[1]); err != nil {
			return fmt.Errorf("%s %s: %w", o[0], o[1], err)
		}
	}
	return nil
}

// writable checks that the local file path can be written, making its
// directory if need be, and leaves no file behind. Its directory must
// take a new file even when path exists: the output is written beside it
// and renamed over it (see writeLocal).
func writable(path string) error {
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return errors.New("is a directory")
	}
	if p, err := filepath.EvalSymlinks(path); err == nil {
		path = p // the file a link names is the one replaced
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".wirediff-beam-probe-*")
	if err != nil {
		return fmt.Errorf("directory not writable: %w", err)
	}
	name := f.Name()
	err = f.Close()
	if rerr := os.Remove(name); err == nil {
		err = rerr
	}
	return err
}

package eval

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Clustering maps article ID -> cluster label.
type Clustering map[string]string

// Errors returned (wrapped with the file name and 1-based line number) by
// [ReadClustering].
var (
	ErrMissingTab   = errors.New("missing tab between id and cluster")
	ErrEmptyID      = errors.New("empty id")
	ErrEmptyCluster = errors.New("empty cluster label")
	ErrDuplicateID  = errors.New("duplicate id with a different cluster")
)

// maxLine bounds the length of one line of a clustering file.
const maxLine = 1 << 20

// ReadClustering reads a clustering in the gold.tsv format:
//
//	id<TAB>cluster
//	1_10ecb<TAB>1_ecb
//	1_11ecb<TAB>1_ecb
//
// The header line is optional: the first non-blank line is taken as a header
// when its two fields are "id" and "cluster" or "id" and "group" (any case),
// so the output of "wirediff dedup --format tsv" reads as it is.
// A UTF-8 byte order mark, UTF-16 text with its byte order mark (as
// spreadsheets save "Unicode text"), CRLF and lone CR line endings (as classic Mac OS
// exports write them), blank lines and spaces around fields are accepted; columns after the second are ignored. An ID listed
// twice with the same cluster is accepted; with a different cluster it is an
// error. Errors name the file (name) and the 1-based line, as "name:line:".
func ReadClustering(r io.Reader, name string) (Clustering, error) {
	c := make(Clustering)
	line := make(map[string]int) // id -> line it was first read from
	sc := bufio.NewScanner(utf16Text(r))
	sc.Buffer(make([]byte, 0, 64*1024), maxLine)
	sc.Split(scanLines)
	n, seenContent := 0, false
	for sc.Scan() {
		n++
		s := sc.Text()
		if n == 1 {
			s = strings.TrimPrefix(s, "\ufeff")
		}
		if strings.TrimSpace(s) == "" {
			continue
		}
		id, rest, ok := strings.Cut(s, "\t")
		if !ok {
			return nil, fmt.Errorf("%s:%d: %w", name, n, ErrMissingTab)
		}
		label, _, _ := strings.Cut(rest, "\t")
		id, label = strings.TrimSpace(id), strings.TrimSpace(label)
		first := !seenContent
		seenContent = true
		if first && strings.EqualFold(id, "id") &&
			(strings.EqualFold(label, "cluster") || strings.EqualFold(label, "group")) {
			continue
		}
		switch {
		case id == "":
			return nil, fmt.Errorf("%s:%d: %w", name, n, ErrEmptyID)
		case label == "":
			return nil, fmt.Errorf("%s:%d: id %q: %w", name, n, id, ErrEmptyCluster)
		}
		if old, dup := c[id]; dup {
			if old != label {
				return nil, fmt.Errorf("%s:%d: id %q in cluster %q, but in cluster %q on line %d: %w",
					name, n, id, label, old, line[id], ErrDuplicateID)
			}
			continue
		}
		c[id] = label
		line[id] = n
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, n+1, err)
	}
	return c, nil
}

// utf16Text returns r decoded to UTF-8 when it starts with a UTF-16 byte
// order mark, else r as it is.
func utf16Text(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	bom, _ := br.Peek(2)
	if len(bom) == 2 && (bom[0] == 0xff && bom[1] == 0xfe || bom[0] == 0xfe && bom[1] == 0xff) {
		return transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
	}
	return br
}

// scanLines is [bufio.ScanLines] with a lone carriage return as a line
// end too: a file whose lines end in CR alone is not read as one line.
func scanLines(data []byte, atEOF bool) (advance int, token []byte, err error) {
	i := bytes.IndexAny(data, "\r\n")
	switch {
	case i < 0:
		if atEOF && len(data) > 0 {
			return len(data), data, nil
		}
		return 0, nil, nil
	case data[i] == '\n':
		return i + 1, data[:i], nil
	case i+1 < len(data):
		if data[i+1] == '\n' {
			return i + 2, data[:i], nil
		}
		return i + 1, data[:i], nil
	case atEOF:
		return i + 1, data[:i], nil
	}
	return 0, nil, nil // a CR at the end of the data read: is an LF next?
}

// ReadClusteringFile reads the clustering file at path with [ReadClustering].
func ReadClusteringFile(path string) (Clustering, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read clustering: %w", err)
	}
	defer f.Close()
	return ReadClustering(f, path)
}

// WriteClustering writes c in the format [ReadClustering] reads: the header
// line, then one "id<TAB>cluster" line per ID, sorted by cluster and then
// by ID. IDs and labels must not contain tabs or line breaks, nor start or
// end with spaces, to read back unchanged.
func WriteClustering(w io.Writer, c Clustering) error {
	ids := make([]string, 0, len(c))
	for id := range c {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int {
		if x := strings.Compare(c[a], c[b]); x != 0 {
			return x
		}
		return strings.Compare(a, b)
	})
	bw := bufio.NewWriter(w)
	bw.WriteString("id\tcluster\n")
	for _, id := range ids {
		bw.WriteString(id)
		bw.WriteByte('\t')
		bw.WriteString(c[id])
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write clustering: %w", err)
	}
	return nil
}

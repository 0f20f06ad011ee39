package eval

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadClustering(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Clustering
	}{
		// Header handling.
		{"header", "id\tcluster\na\tx\nb\ty\n", Clustering{"a": "x", "b": "y"}},
		{"no header", "a\tx\nb\ty\n", Clustering{"a": "x", "b": "y"}},
		{"header any case", "ID\tCluster\na\tx\n", Clustering{"a": "x"}},
		{"dedup tsv header", "id\tgroup\na\tx\n", Clustering{"a": "x"}},
		{"header after blank lines", "\n\nid\tcluster\na\tx\n", Clustering{"a": "x"}},
		{"id/cluster later is data", "a\tx\nid\tcluster\n", Clustering{"a": "x", "id": "cluster"}},
		// Encodings and line endings.
		{"crlf", "id\tcluster\r\na\tx\r\nb\tx\r\n", Clustering{"a": "x", "b": "x"}},
		{"cr alone", "id\tcluster\ra\tx\rb\ty\r", Clustering{"a": "x", "b": "y"}},
		{"cr alone, no final line end", "a\tx\rb\ty", Clustering{"a": "x", "b": "y"}},
		{"cr alone, blank lines", "a\tx\r\r\rb\ty\r", Clustering{"a": "x", "b": "y"}},
		{"bom", "\ufeffid\tcluster\na\tx\n", Clustering{"a": "x"}},
		{"bom no header", "\ufeffa\tx\n", Clustering{"a": "x"}},
		{"utf-16le", "\xff\xfei\x00d\x00\t\x00c\x00l\x00u\x00s\x00t\x00e\x00r\x00\r\x00\n\x00\xe9\x00\t\x00x\x00\r\x00\n\x00", Clustering{"é": "x"}},
		{"utf-16be", "\xfe\xff\x00a\x00\t\x00x\x00\n", Clustering{"a": "x"}},
		{"no final newline", "a\tx", Clustering{"a": "x"}},
		{"blank lines", "a\tx\n\n  \r\nb\ty\n", Clustering{"a": "x", "b": "y"}},
		{"spaces trimmed", " a \t x \n", Clustering{"a": "x"}},
		{"extra columns ignored", "a\tx\tnote\n", Clustering{"a": "x"}},
		{"duplicate same cluster", "a\tx\na\tx\n", Clustering{"a": "x"}},
		{"empty", "", Clustering{}},
		{"header only", "id\tcluster\n", Clustering{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadClustering(strings.NewReader(tt.in), "gold.tsv")
			require.NoError(t, err)
			assert.Equal(t, tt.want, got, "ReadClustering(%q) = %v, want %v", tt.in, got, tt.want)
			// A byte at a time: a CR at the end of a read is no line of its own.
			got, err = ReadClustering(iotest.OneByteReader(strings.NewReader(tt.in)), "gold.tsv")
			require.NoError(t, err)
			assert.Equal(t, tt.want, got, "ReadClustering(%q) a byte at a time", tt.in)
		})
	}
}

func TestReadClusteringErrors(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		want   error
		prefix string // name:line:
	}{
		{"missing tab", "id\tcluster\na\tx\nb x\n", ErrMissingTab, "g.tsv:3:"},
		{"missing tab first line", "a x\n", ErrMissingTab, "g.tsv:1:"},
		{"empty id", "a\tx\n\ty\n", ErrEmptyID, "g.tsv:2:"},
		{"blank id", "a\tx\n  \ty\n", ErrEmptyID, "g.tsv:2:"},
		{"empty cluster", "a\t\n", ErrEmptyCluster, "g.tsv:1:"},
		{"duplicate different cluster", "a\tx\r\n\r\nb\ty\r\na\ty\r\n", ErrDuplicateID, "g.tsv:4:"},
		{"missing tab, cr alone", "a\tx\r\rb x\r", ErrMissingTab, "g.tsv:3:"},
		{"duplicate, cr alone", "id\tcluster\ra\tx\ra\ty\r", ErrDuplicateID, "g.tsv:3:"},
		{"line too long", "a\tx\n" + strings.Repeat("b", maxLine+1) + "\ty\n", nil, "g.tsv:2:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadClustering(strings.NewReader(tt.in), "g.tsv")
			require.Error(t, err, "ReadClustering = %v, want error", got)
			if tt.want != nil {
				assert.ErrorIs(t, err, tt.want)
			}
			assert.True(t, strings.HasPrefix(err.Error(), tt.prefix),
				"ReadClustering error = %q, want prefix %q", err, tt.prefix)
		})
	}
}

func TestReadClusteringFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pred.tsv")
	require.NoError(t, os.WriteFile(path, []byte("id\tcluster\na\tx\nb\n"), 0o644))
	_, err := ReadClusteringFile(path)
	require.ErrorIs(t, err, ErrMissingTab)
	assert.Contains(t, err.Error(), path+":3:")

	_, err = ReadClusteringFile(filepath.Join(t.TempDir(), "absent.tsv"))
	assert.ErrorIs(t, err, os.ErrNotExist)
}

func TestWriteClusteringRoundTrip(t *testing.T) {
	c := Clustering{"b": "y", "a": "x", "c": "x", "id": "cluster"}
	var buf bytes.Buffer
	require.NoError(t, WriteClustering(&buf, c))
	assert.Equal(t, "id\tcluster\nid\tcluster\na\tx\nc\tx\nb\ty\n", buf.String())
	got, err := ReadClustering(&buf, "rt")
	require.NoError(t, err)
	assert.Equal(t, c, got)
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteClusteringError(t *testing.T) {
	assert.Error(t, WriteClustering(failWriter{}, Clustering{"a": "x"}))
}

func FuzzReadClustering(f *testing.F) {
	for _, s := range []string{
		"id\tcluster\na\tx\nb\ty\n",
		"\ufeffid\tcluster\r\na\tx\r\n",
		"a\tx\na\ty\n",
		"a\tx\tz\n\n\t\n",
		" id \t CLUSTER \nid\tcluster\n",
		"a\r\tx\r\r\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		c, err := ReadClustering(strings.NewReader(in), "fuzz")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz:") {
				t.Fatalf("ReadClustering error %q does not name the input", err)
			}
			return
		}
		for id, l := range c {
			if id == "" || l == "" || strings.ContainsAny(id+l, "\t\n") ||
				id != strings.TrimSpace(id) || l != strings.TrimSpace(l) {
				t.Fatalf("ReadClustering(%q) gave entry %q -> %q", in, id, l)
			}
		}
		var buf bytes.Buffer
		if err := WriteClustering(&buf, c); err != nil {
			t.Fatal(err)
		}
		back, err := ReadClustering(&buf, "round trip")
		if err != nil {
			t.Fatalf("re-reading written clustering: %v", err)
		}
		if len(back) != len(c) {
			t.Fatalf("round trip of %q: %d entries, want %d", in, len(back), len(c))
		}
		for id, l := range c {
			if back[id] != l {
				t.Fatalf("round trip of %q: %q -> %q, want %q", in, id, back[id], l)
			}
		}
	})
}

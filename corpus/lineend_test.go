package corpus

import (
	"bytes"
	"io"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// crLinesWant is what crLines returns for in: every carriage return a
// line feed when the first line ending of in is a carriage return alone,
// else in.
func crLinesWant(in []byte) []byte {
	i := bytes.IndexAny(in, "\r\n")
	if i < 0 || in[i] == '\n' || i+1 < len(in) && in[i+1] == '\n' {
		return in
	}
	return bytes.ReplaceAll(in, []byte("\r"), []byte("\n"))
}

func TestCRLines(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"no line ending", "no line ending"},
		{"a\rb\rc", "a\nb\nc"},
		{"a\rb\r", "a\nb\n"},
		{"\r", "\n"},
		{"a\r\nb\rc\r\n", "a\r\nb\rc\r\n"}, // CR LF first: as is
		{"a\nb\rc", "a\nb\rc"},             // LF first: as is
		{"a\rb\r\nc", "a\nb\n\nc"},         // CR first: a CR LF later is an empty line
	} {
		for name, wrap := range map[string]func(io.Reader) io.Reader{
			"whole":    func(r io.Reader) io.Reader { return r },
			"one byte": iotest.OneByteReader,
			"half":     iotest.HalfReader,
		} {
			got, err := io.ReadAll(&crLines{r: wrap(strings.NewReader(tt.in))})
			require.NoError(t, err)
			assert.Equal(t, tt.want, string(got), "%q read %s", tt.in, name)
		}
	}
}

// TestCRLinesProperty: whatever the input and however it is split into
// reads, crLines returns as many bytes as it read, each carriage return
// turned into a line feed exactly when the first line ending is one
// alone.
func TestCRLinesProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	alphabet := []byte("ab\r\n ")
	for range 2000 {
		in := make([]byte, rng.IntN(40))
		for i := range in {
			in[i] = alphabet[rng.IntN(len(alphabet))]
		}
		var rd io.Reader = bytes.NewReader(in)
		switch rng.IntN(3) {
		case 1:
			rd = iotest.OneByteReader(rd)
		case 2:
			rd = iotest.DataErrReader(iotest.HalfReader(rd))
		}
		got, err := io.ReadAll(&crLines{r: rd})
		require.NoError(t, err)
		require.Equal(t, crLinesWant(in), got, "%q", in)
		// A caller reading a byte at a time.
		c := &crLines{r: bytes.NewReader(in)}
		one := []byte{}
		for {
			var b [1]byte
			n, err := c.Read(b[:])
			one = append(one, b[:n]...)
			if err == io.EOF {
				break
			}
			require.NoError(t, err)
			require.Equal(t, 1, n, "%q: a byte at a time", in)
		}
		require.Equal(t, crLinesWant(in), one, "%q, a byte at a time", in)
	}
}

// TestReadCRLineEndings: files whose lines end with a carriage return
// alone are read record by record, in every format, with bad records
// reported at their line and the records around them kept; stdin too.
func TestReadCRLineEndings(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.jsonl": `{"id": "j1", "text": "First."}` + "\r" + `{"id": "j2", "text": ` + "\r" + `{"id": "j3", "text": "Third."}` + "\r",
		"b.csv":   "id,text\rc1,\"Two\rlines.\"\rc2,\"never closed\rc3,Kept.\r",
		"c.tsv":   "id\ttext\rt1\tTab one.\rt2\tTab two.\r",
		"d.json":  "[\r" + `{"id": "o1", "text": "One."},` + "\r" + `{"id": "o2", "text": }` + "\r]",
		"e.txt":   "A title\r\rThe body.\rIts second line.\r",
	})
	r := read(t, []string{dir}, Options{})
	assert.ElementsMatch(t, []string{"j1", "j3", "c1", "c3", "t1", "t2", "o1", "e"}, r.ids())
	assert.Equal(t, "Two\nlines.", r.byID(t, "c1").Text)
	assert.Equal(t, filepath.Join(dir, "a.jsonl")+":1", r.byID(t, "j1").Origin)
	assert.Equal(t, filepath.Join(dir, "a.jsonl")+":3", r.byID(t, "j3").Origin)
	assert.Equal(t, filepath.Join(dir, "b.csv")+":5", r.byID(t, "c3").Origin)
	lf := read(t, []string{writeFiles(t, map[string]string{"e.txt": "A title\n\nThe body.\nIts second line.\n"})}, Options{})
	assert.Equal(t, lf.byID(t, "e").Text, r.byID(t, "e").Text, "as with line feeds")
	require.Len(t, r.problems, 3)
	assert.Contains(t, r.problems[0], "a.jsonl:2: malformed-json")
	assert.Contains(t, r.problems[1], "b.csv:4: malformed-csv")
	assert.Contains(t, r.problems[2], "d.json:3: malformed-json")

	in := strings.NewReader(`{"id": "s1", "text": "One."}` + "\r" + `{"id": "s2", "text": "Two."}`)
	r = read(t, []string{"-"}, Options{Stdin: in})
	assert.Equal(t, []string{"s1", "s2"}, r.ids())

	// A file whose lines end with CR LF keeps a lone carriage return of a
	// quoted field as the text's line break.
	dir = writeFiles(t, map[string]string{"f.csv": "id,text\r\nf1,\"a\rb\"\r\nf2,c\r\n"})
	r = read(t, []string{dir}, Options{})
	assert.Equal(t, []string{"f1", "f2"}, r.ids())
	assert.Equal(t, "a\nb", r.byID(t, "f1").Text)
}

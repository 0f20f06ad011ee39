// Package table aligns tab-separated cells in columns, as text/tabwriter
// does, by the width text takes on a terminal: a Chinese, Japanese or
// Korean character, a fullwidth form or a wide emoji takes two columns,
// which text/tabwriter counts as one, so that a column after a Chinese
// title stood short of the others.
//
// A Writer follows each wide character with a NUL for text/tabwriter to
// count, and takes the NULs out of what it writes: text holding NUL bytes
// of its own loses them (the corpus reader refuses such text). It also
// leaves out the explicit directional formatting characters (embeddings,
// overrides and isolates, U+202A–U+202E and U+2066–U+2069): a title that
// opens a right-to-left override and never closes it turned the rest of
// the terminal's line, the cells after it included, right to left.
package table

import (
	"bytes"
	"io"
	"text/tabwriter"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Writer is a text/tabwriter.Writer with cells two spaces apart, each
// padded with spaces to its column's width in terminal columns.
type Writer struct {
	tw  *tabwriter.Writer
	buf []byte
}

// NewWriter returns a Writer writing to w; flags are text/tabwriter's
// (tabwriter.AlignRight aligns the cells on their right).
func NewWriter(w io.Writer, flags uint) *Writer {
	return &Writer{tw: tabwriter.NewWriter(unfill{w}, 0, 0, 2, ' ', flags)}
}

// filler follows each wide character in the cells text/tabwriter reads.
const filler = 0

// Write writes p, whose wide characters each count as two columns. A
// character must not be split between two calls.
func (w *Writer) Write(p []byte) (int, error) {
	if !mayHoldWide(p) {
		return w.tw.Write(p)
	}
	w.buf = w.buf[:0]
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRune(p[i:])
		switch {
		case directional(r):
		case Wide(r):
			w.buf = append(w.buf, p[i:i+size]...)
			w.buf = append(w.buf, filler)
		default:
			w.buf = append(w.buf, p[i:i+size]...)
		}
		i += size
	}
	if _, err := w.tw.Write(w.buf); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes what is buffered, aligned, as text/tabwriter's Flush.
func (w *Writer) Flush() error { return w.tw.Flush() }

// Wide reports whether r takes two columns on a terminal: East Asian
// wide or fullwidth (Unicode Standard Annex #11).
func Wide(r rune) bool {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return true
	}
	return false
}

// RuneWidth returns the columns r takes on a terminal: 2 when it is
// wide, else 1.
func RuneWidth(r rune) int {
	if Wide(r) {
		return 2
	}
	return 1
}

// Width returns the columns s takes on a terminal (see RuneWidth).
func Width(s string) int {
	n := 0
	for _, r := range s {
		n += RuneWidth(r)
	}
	return n
}

// directional reports whether r is an explicit directional formatting
// character: an embedding, override or isolate, or their terminators.
func directional(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// mayHoldWide reports whether p holds a character of U+1100 or above,
// below which none is wide nor directional.
func mayHoldWide(p []byte) bool {
	for _, c := range p {
		if c >= 0xe1 {
			return true
		}
	}
	return false
}

// unfill writes to w what it is given without the fillers.
type unfill struct{ w io.Writer }

func (u unfill) Write(p []byte) (int, error) {
	if bytes.IndexByte(p, filler) < 0 {
		return u.w.Write(p)
	}
	if _, err := u.w.Write(bytes.ReplaceAll(p, []byte{filler}, nil)); err != nil {
		return 0, err
	}
	return len(p), nil
}

package corpus

import (
	"bytes"
	"io"
)

// Line endings. Files written on classic Mac OS, and some exports from
// older newsroom systems, end their lines with a carriage return alone.
// Read as they are, a JSON lines or CSV file of that kind is one line,
// and every record in it would be lost as one malformed record. The
// readers see such a file with its carriage returns turned into line
// feeds, byte for byte, so offsets into it stay those of the file.

// A crMode says how the carriage returns of an input are read.
type crMode uint8

const (
	crUndecided crMode = iota // no line ending seen yet
	crKeep                    // line feeds end lines (LF or CR LF): read as is
	crToLF                    // carriage returns alone end lines: read as LF
)

// crLines reads r, deciding at its first line ending whether the input
// ends its lines with carriage returns alone; if so, it returns each
// carriage return as a line feed. A carriage return followed by a line
// feed, or a line feed first, leaves the input as it is.
type crLines struct {
	r    io.Reader
	mode crMode
	held bool // a carriage return, the last byte read, not yet returned
	// next is a byte read after a held carriage return for a caller
	// whose buffer had room for the carriage return alone; more says it
	// is there.
	next byte
	more bool
}

func (c *crLines) Read(p []byte) (int, error) {
	if c.more && len(p) > 0 {
		p[0], c.more = c.next, false
		if c.mode == crToLF && p[0] == '\r' {
			p[0] = '\n'
		}
		return 1, nil
	}
	if c.mode == crKeep {
		return c.r.Read(p)
	}
	if len(p) == 0 {
		return 0, nil
	}
	if c.held && len(p) == 1 {
		return c.readHeld(p)
	}
	off := 0
	if c.held {
		// The byte after the held carriage return decides.
		p[0] = '\r'
		off = 1
	}
	n, err := c.r.Read(p[off:])
	n += off
	if c.mode == crUndecided {
		c.decide(p[:n], err != nil)
	}
	switch c.mode {
	case crUndecided:
		// Only possible with the chunk's last byte a carriage return:
		// hold it back until the next byte says which ending it is.
		if n > 0 && p[n-1] == '\r' && err == nil {
			c.held = true
			if n == 1 {
				return c.readHeld(p) // nothing else to return meanwhile
			}
			return n - 1, nil
		}
		c.held = false
	case crToLF:
		c.held = false
		crToNewline(p[:n])
	default:
		c.held = false
	}
	return n, err
}

// readHeld returns the held carriage return in p, when nothing else
// can be returned with it (a buffer of one byte), reading the byte after it to decide what it is (a CR LF's, or a line
// ending alone) and keeping that byte for the next read.
func (c *crLines) readHeld(p []byte) (int, error) {
	var b [1]byte
	n, err := 0, error(nil)
	for n == 0 && err == nil {
		n, err = c.r.Read(b[:])
	}
	c.held = false
	switch {
	case n == 0:
		c.mode = crToLF // the input ends with it
	case b[0] == '\n':
		c.mode = crKeep
	default:
		c.mode = crToLF
	}
	if n == 1 {
		c.next, c.more = b[0], true
	}
	p[0] = '\r'
	if c.mode == crToLF {
		p[0] = '\n'
	}
	if err != nil && err != io.EOF {
		return 1, err
	}
	return 1, nil
}

// decide sets c.mode from the first line ending in b, if b shows it; eof
// says that no byte follows b.
func (c *crLines) decide(b []byte, eof bool) {
	i := bytes.IndexAny(b, "\r\n")
	switch {
	case i < 0:
	case b[i] == '\n':
		c.mode = crKeep
	case i+1 < len(b):
		if b[i+1] == '\n' {
			c.mode = crKeep
		} else {
			c.mode = crToLF
		}
	case eof:
		c.mode = crToLF
	}
}

// crToNewline turns every carriage return of b into a line feed. A CR LF
// pair met in a file that began with carriage returns alone becomes an
// empty line, which every reader skips.
func crToNewline(b []byte) {
	for {
		i := bytes.IndexByte(b, '\r')
		if i < 0 {
			return
		}
		b[i] = '\n'
		b = b[i+1:]
	}
}

// reader returns rd read as c decided: with carriage returns turned
// into line feeds when c chose so, else as it is. It serves the readers
// that read a stretch of the input again from an offset.
func (c *crLines) reader(rd io.Reader) io.Reader {
	if c.mode != crToLF {
		return rd
	}
	return &crLines{r: rd, mode: crToLF}
}

package similarity

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Token is one normalized word with its byte offsets into the original text.
//
// Text is the normalized form (see the package comment); Start and End
// delimit the whole original word, including a dropped possessive "'s", so
// that text[Start:End] is what a report should quote.
type Token struct {
	Text       string
	Start, End int
}

// Byte classes for the tokenizer's fast path, as bit flags so that a scan
// can OR them together.
const (
	byteOther = 0      // ASCII, not a letter or digit
	byteLower = 1 << 0 // a-z
	byteDigit = 1 << 1 // 0-9
	byteUpper = 1 << 2 // A-Z
	byteHigh  = 1 << 3 // byte of a multi-byte rune
	byteJoin  = 1 << 4 // ' . , which may join or end a word
	byteWord  = byteLower | byteDigit | byteUpper
)

var byteClass = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = byteLower
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = byteUpper
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = byteDigit
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = byteHigh
	}
	t['\''], t['.'], t[','] = byteJoin, byteJoin, byteJoin
	return t
}()

const softHyphen = '\u00ad'

// isApostrophe reports whether r is an apostrophe or a character commonly
// typed in its place (right and left single quotation marks, modifier letter
// apostrophe, fullwidth apostrophe).
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '\u2019', '\u2018', '\u02bc', '\uff07':
		return true
	}
	return false
}

// isWord reports whether r is a letter or a number; marks only continue a
// word (see [AppendTokens]).
func isWord(r rune) bool {
	if r < utf8.RuneSelf {
		return byteClass[r]&byteWord != 0
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return byteClass[r] == byteDigit
	}
	return unicode.IsDigit(r)
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		cl := byteClass[r]
		return cl == byteLower || cl == byteUpper
	}
	return unicode.IsLetter(r)
}

// isLetterOrMark reports whether r is a letter or a combining mark.
func isLetterOrMark(r rune) bool {
	if r < utf8.RuneSelf {
		cl := byteClass[r]
		return cl == byteLower || cl == byteUpper
	}
	return unicode.IsLetter(r) || unicode.IsMark(r)
}

// runeAt decodes the rune at s[i:]; i < len(s).
func runeAt(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// lowerBatch is how many capitalized ASCII tokens [AppendTokens] lower-cases
// into one shared string.
const lowerBatch = 256

// AppendTokens appends the tokens of text[start:end] to dst; offsets are
// absolute into text. start and end are clamped to [0, len(text)].
//
// A token is a maximal run of letters and numbers (Unicode categories L and
// N, with combining marks continuing a run), normalized as described in the
// package comment: NFKC, lower case, possessive "'s" dropped, internal
// apostrophes, soft hyphens and thousands separators removed, a decimal point
// between digits kept, everything else (hyphens, dashes, quotes, slashes)
// separating tokens. Invalid UTF-8 separates tokens and never panics.
//
// Pure ASCII lower-case tokens are substrings of text; capitalized ASCII
// tokens share one lower-cased string per 256 of them, so tokenizing typical
// English costs about one allocation besides growing dst.
func AppendTokens(dst []Token, text string, start, end int) []Token {
	end = min(end, len(text))
	start = max(start, 0)
	if start >= end {
		return dst
	}
	// The text is classified 64 bytes at a time into bit masks (ASCII
	// letters and digits, upper case, non-ASCII bytes). A run of ASCII
	// letters and digits is a token as it stands unless it is followed by
	// ' . or , and a word byte; it is found with two trailing-zero counts,
	// with no branch per byte. Runs with non-ASCII bytes, apostrophes or
	// number punctuation go through the rune-at-a-time scanTokens. On a
	// stream of different articles this saves the mispredicted branch of a
	// byte loop at the end of every word.
	s := text[:end]
	var lw lowerer
	p := start // start of the block; no token is open here
	for p < len(s) {
		m := classifyBlock(s, p)
		run := m.word | m.high // bytes of maybe-token runs
		// The first and last bytes of the runs, taken in pairs: two
		// short dependency chains instead of one through each run's end.
		starts := run &^ (run << 1)
		lasts := run &^ (run >> 1)
		next := p + 64
		for starts != 0 {
			a := bits.TrailingZeros64(starts)
			e := bits.TrailingZeros64(lasts) + 1
			starts &= starts - 1
			lasts &= lasts - 1
			if e == 64 && p+64 < len(s) {
				// The run may continue into the next block.
				if a > 0 {
					next = p + a
					break
				}
				// A run of 64 bytes or more: scan the tokens that
				// start in this block.
				dst, next = scanTokens(dst, s, p, p+64, &lw)
				break
			}
			span := uint64(1)<<e - uint64(1)<<a // bits a to e-1 (1<<64 is 0)
			ta, te := p+a, p+e
			if span&m.high != 0 || joinsNext(s, te) {
				var i int
				dst, i = scanTokens(dst, s, ta, te, &lw)
				if i >= p+64 {
					next = i
					break
				}
				// Drop the runs the scan went through; a run it
				// stopped inside starts again where it stopped.
				below := uint64(1)<<(i-p) - 1
				starts &^= below
				lasts &^= below
				starts |= run & (below + 1)
				continue
			}
			if span&m.upper != 0 {
				dst = lw.add(dst, s, ta, te, te)
			} else {
				dst = append(dst, Token{Text: s[ta:te], Start: ta, End: te})
			}
		}
		p = next
	}
	lw.flush(dst)
	return dst
}

// joinsNext reports whether s[i] is ' . or , and s[i+1] a letter, digit or
// non-ASCII byte, so that a word ending at i may go on.
func joinsNext(s string, i int) bool {
	if i+1 >= len(s) {
		return false
	}
	// One branch, not two: a word is often followed by ',' or '.'.
	j := byteClass[s[i]] >> 4 // 1 for byteJoin
	return byteClass[s[i+1]]&(byteWord|byteHigh)&-j != 0
}

// Byte masks for SWAR classification, 8 bytes per uint64.
const (
	lsb   = 0x0101010101010101
	high7 = 0x7f * lsb
	top   = 0x80 * lsb
)

// inRange returns top bits set in the bytes of x in [lo, hi]; x's bytes
// must be ASCII (a byte's top bit would carry into the next byte).
func inRange(x uint64, lo, hi uint64) uint64 {
	return (x + (0x80-lo)*lsb) &^ (x + (0x7f-hi)*lsb) & top
}

// gather8 packs the top bits of the 8 bytes of m into 8 bits, byte i's at
// bit i.
func gather8(m uint64) uint64 {
	return (m >> 7) * 0x0102040810204080 >> 56
}

// asciiUpper returns 0x20 in the bytes of x that are ASCII upper-case
// letters: x | asciiUpper(x) is x lower-cased.
func asciiUpper(x uint64) uint64 {
	return inRange(x&high7, 'A', 'Z') &^ x >> 2
}

// blockMasks classify 64 bytes of text, bit i for byte i.
type blockMasks struct {
	word  uint64 // ASCII letters and digits
	upper uint64 // ASCII upper-case letters
	high  uint64 // non-ASCII bytes
}

// classifyBlock classifies s[p:p+64]; bytes past the end of s are zero.
func classifyBlock(s string, p int) blockMasks {
	var m blockMasks
	for q := 0; q < 64; q += 8 {
		var x uint64
		if i := p + q; i+8 <= len(s) {
			x = le64(s[i:])
		} else {
			for k := i; k < len(s); k++ {
				x |= uint64(s[k]) << (8 * (k - i))
			}
		}
		h := x & top
		a := x & high7
		letter := inRange(a|0x20*lsb, 'a', 'z') // either case
		word := (letter | inRange(a, '0', '9')) &^ h
		m.word |= gather8(word) << q
		m.upper |= gather8(letter&^(a<<2)&^h) << q // letters with bit 5 clear
		if h != 0 {
			m.high |= gather8(h) << q
		}
	}
	return m
}

// lowerer lower-cases capitalized ASCII tokens into a shared arena, making
// one string of each batch.
type lowerer struct {
	arena   [2048]byte // lower-cased bytes of the pending tokens
	pending [lowerBatch]int32
	na, np  int
}

// add appends the ASCII token s[start:textEnd] (ending at end) to dst, with
// its Text lower-cased when the batch is flushed.
func (l *lowerer) add(dst []Token, s string, start, textEnd, end int) []Token {
	n := textEnd - start
	if l.np == len(l.pending) || l.na+n+8 > len(l.arena) {
		l.flush(dst)
	}
	if n+8 > len(l.arena) {
		return append(dst, Token{Text: strings.ToLower(s[start:textEnd]), Start: start, End: end})
	}
	// Eight bytes at a time while s has them; bytes written past n are
	// overwritten by the next token.
	out := l.arena[l.na:]
	k := 0
	for ; k < n && start+k+8 <= len(s); k += 8 {
		x := le64(s[start+k:])
		put64(out[k:], x|asciiUpper(x))
	}
	for ; k < n; k++ {
		c := s[start+k]
		if byteClass[c] == byteUpper {
			c += 'a' - 'A'
		}
		out[k] = c
	}
	l.na += n
	l.pending[l.np] = int32(len(dst))
	l.np++
	// Text holds the original bytes until flush replaces them with the
	// lower-cased ones.
	return append(dst, Token{Text: s[start:textEnd], Start: start, End: end})
}

// addFiltered appends the ASCII token s[start:textEnd] (ending at end) to
// dst with its Text lower-cased and its apostrophes and commas removed, as
// normalizeWord would make it, when the batch is flushed.
func (l *lowerer) addFiltered(dst []Token, s string, start, textEnd, end int) []Token {
	n := textEnd - start
	if l.np == len(l.pending) || l.na+n > len(l.arena) {
		l.flush(dst)
	}
	if n > len(l.arena) {
		return append(dst, Token{Text: normalizeWord(s[start:textEnd]), Start: start, End: end})
	}
	k := 0
	for _, c := range []byte(s[start:textEnd]) {
		if c == '\'' || c == ',' {
			continue
		}
		if byteClass[c] == byteUpper {
			c += 'a' - 'A'
		}
		l.arena[l.na+k] = c
		k++
	}
	l.na += k
	l.pending[l.np] = int32(len(dst))
	l.np++
	return append(dst, Token{Text: s[start : start+k], Start: start, End: end})
}

// isASCII reports whether s has only ASCII bytes.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// flush makes one string of the arena and points the Text of the pending
// tokens of dst into it.
func (l *lowerer) flush(dst []Token) {
	if l.np == 0 {
		return
	}
	lowered := string(l.arena[:l.na])
	off := 0
	for _, k := range l.pending[:l.np] {
		n := len(dst[k].Text)
		dst[k].Text = lowered[off : off+n]
		off += n
	}
	l.np, l.na = 0, 0
}

// put64 stores x little-endian in b[:8].
func put64(b []byte, x uint64) {
	_ = b[7]
	b[0], b[1], b[2], b[3] = byte(x), byte(x>>8), byte(x>>16), byte(x>>24)
	b[4], b[5], b[6], b[7] = byte(x>>32), byte(x>>40), byte(x>>48), byte(x>>56)
}

// scanTokens appends the tokens that begin in s[i:limit] to dst, a byte or
// rune at a time; the last may end past limit. It returns dst and where the
// scan stopped: the end of the last token, or limit.
func scanTokens(dst []Token, s string, i, limit int, lw *lowerer) ([]Token, int) {
	for i < limit {
		// Skip to the start of a word.
		for i < limit && byteClass[s[i]]&(byteWord|byteHigh) == 0 {
			i++
		}
		if i == limit {
			break
		}
		if byteClass[s[i]] == byteHigh {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !isWord(r) || isApostrophe(r) {
				i += size
				continue
			}
			if isUnspaced(r) {
				dst, i = scanBigrams(dst, s, i)
				continue
			}
		}

		tokStart := i
		var classes uint8 // OR of the byte classes of the ASCII run
		slow := false
		textEnd, tokEnd := -1, -1
		j := i
	scan:
		for j < len(s) {
			for j < len(s) {
				cl := byteClass[s[j]]
				if cl&byteWord == 0 {
					break
				}
				classes |= cl
				j++
			}
			if j == len(s) || byteClass[s[j]] == byteOther {
				break
			}
			r, size := runeAt(s, j)
			switch {
			case isApostrophe(r):
				if j+size >= len(s) {
					break scan
				}
				next, nsize := runeAt(s, j+size)
				if next == 's' || next == 'S' {
					after := j + size + nsize
					if after >= len(s) || !continuesWord(s, after) {
						// Possessive (or "it's", "let's"): drop "'s".
						textEnd, tokEnd = j, after
						break scan
					}
				}
				prev, _ := utf8.DecodeLastRuneInString(s[tokStart:j])
				if isLetterOrMark(prev) && isLetter(next) {
					slow = true
					j += size
					continue
				}
				break scan
			case r == '.' || r == ',':
				if j+1 >= len(s) {
					break scan
				}
				next, _ := runeAt(s, j+1)
				prev, _ := utf8.DecodeLastRuneInString(s[tokStart:j])
				if !isDigit(prev) || !isDigit(next) {
					break scan
				}
				if r == ',' {
					slow = true
				}
				j++
				continue
			case r == softHyphen:
				if j+size >= len(s) {
					break scan
				}
				if next, _ := runeAt(s, j+size); !isWord(next) {
					break scan
				}
				slow = true
				j += size
				continue
			case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)) && !isUnspaced(r):
				slow = true
				j += size
				continue
			}
			break
		}
		if textEnd < 0 {
			textEnd, tokEnd = j, j
		}
		i = tokEnd

		switch {
		case slow && isASCII(s[tokStart:textEnd]):
			// "isn't", "1,000": only apostrophes and commas to drop.
			dst = lw.addFiltered(dst, s, tokStart, textEnd, tokEnd)
		case slow:
			tok := normalizeWord(s[tokStart:textEnd])
			if tok != "" {
				dst = append(dst, Token{Text: tok, Start: tokStart, End: tokEnd})
			}
		case classes&byteUpper != 0:
			dst = lw.add(dst, s, tokStart, textEnd, tokEnd)
		default:
			dst = append(dst, Token{Text: s[tokStart:textEnd], Start: tokStart, End: tokEnd})
		}
	}
	return dst, i
}

// isUnspaced reports whether r is a letter of a script written without
// spaces between words: Han, Hiragana and Katakana (with the prolonged sound
// mark, which is of no script), Thai, Lao, Khmer and Myanmar. Their digits
// are numbers as any others.
func isUnspaced(r rune) bool {
	switch {
	case r < 0x0e00:
		return false
	case r == 0x30fc || r == 0xff70: // ー and its halfwidth form
		return true
	case unicode.IsDigit(r):
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana,
		unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}

// HasUnspaced reports whether s holds a letter of a script written without
// spaces, which [AppendTokens] splits into overlapping two-character tokens
// (see the package comment).
func HasUnspaced(s string) bool {
	for _, r := range s {
		if isUnspaced(r) {
			return true
		}
	}
	return false
}

// AppendUnspaced appends the tokens of the run of letters of scripts
// written without spaces that starts at s[i] (overlapping character pairs,
// as [AppendTokens] makes them) and returns where the run ends: i when
// s[i] starts no such letter. It lets another tokenizer (the index's
// full-text analyzer) split those scripts as the signatures do.
func AppendUnspaced(dst []Token, s string, i int) ([]Token, int) {
	if i >= len(s) || s[i] < utf8.RuneSelf {
		return dst, i
	}
	if r, _ := runeAt(s, i); !isUnspaced(r) {
		return dst, i
	}
	return scanBigrams(dst, s, i)
}

// scanBigrams appends the tokens of the run of unspaced letters that starts
// at s[i], and returns where the run ends. Each two consecutive characters
// are a token (a character being a letter and the marks after it), as
// CJK bigram indexing has them (Lucene's CJKBigramFilter); a run of one
// character is one token. Bigrams need no dictionary, and a changed word
// changes only the bigrams that touch it.
func scanBigrams(dst []Token, s string, i int) ([]Token, int) {
	prev := -1 // start of the previous character
	j := i
	for j < len(s) {
		r, size := runeAt(s, j)
		if !isUnspaced(r) {
			break
		}
		start := j
		j += size
		for j < len(s) {
			m, msize := runeAt(s, j)
			if m < utf8.RuneSelf || !unicode.IsMark(m) {
				break
			}
			j += msize
		}
		if prev >= 0 {
			dst = appendUnspaced(dst, s, prev, j)
		}
		prev = start
	}
	if prev == i {
		dst = appendUnspaced(dst, s, i, j)
	}
	return dst, j
}

// appendUnspaced appends s[start:end], normalized, as a token.
func appendUnspaced(dst []Token, s string, start, end int) []Token {
	if stable(s[start:end]) {
		return append(dst, Token{Text: s[start:end], Start: start, End: end})
	}
	if tok := normalizeWord(s[start:end]); tok != "" {
		dst = append(dst, Token{Text: tok, Start: start, End: end})
	}
	return dst
}

// stable reports whether w is made of CJK unified ideographs and of kana
// without marks, which NFKC and lower-casing leave as they are (no mark
// follows to compose with them).
func stable(w string) bool {
	for _, r := range w {
		switch {
		case r >= 0x4e00 && r <= 0x9fff, r >= 0x3400 && r <= 0x4dbf:
		case r >= 0x3041 && r <= 0x3096, r >= 0x30a1 && r <= 0x30fa, r == 0x30fc:
		default:
			return false
		}
	}
	return true
}

// continuesWord reports whether the rune at s[i:] would extend a word.
func continuesWord(s string, i int) bool {
	r, _ := runeAt(s, i)
	return isWord(r) || (r >= utf8.RuneSelf && unicode.IsMark(r))
}

// normalizeWord is the general (slow) path of token normalization: NFKC,
// lower case, NFKC again, then only letters, numbers, marks after those, and
// a '.' between digits are kept. It is repeated until it reaches a fixed
// point, so that normalizeWord(normalizeWord(w)) == normalizeWord(w).
func normalizeWord(w string) string {
	for range 4 {
		s := norm.NFKC.String(strings.ToLower(norm.NFKC.String(w)))
		s = filterWord(s)
		if s == w {
			break
		}
		w = s
	}
	return w
}

// filterWord keeps the characters of s that a token may contain.
func filterWord(s string) string {
	keep := true
	var last rune
	for i, r := range s {
		if !keepRune(s, i, r, last) {
			keep = false
			break
		}
		last = r
	}
	if keep {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	last = 0
	for i, r := range s {
		if keepRune(s, i, r, last) {
			b.WriteRune(r)
			last = r
		}
	}
	return b.String()
}

// keepRune reports whether r at s[i] is kept after last, the last kept rune
// (0 at the start).
func keepRune(s string, i int, r, last rune) bool {
	switch {
	case r == utf8.RuneError || isApostrophe(r):
		return false
	case isWord(r):
		return true
	case unicode.IsMark(r):
		return last != 0
	case r == '.':
		if !isDigit(last) {
			return false
		}
		next, _ := utf8.DecodeRuneInString(s[i+1:])
		return isDigit(next)
	}
	return false
}

// Normalize returns s with NFKC applied, curly quotes folded to ' and ",
// dashes (hyphen, en and em dash, minus sign, …) folded to '-', every run of
// white space collapsed to one ' ', and leading and trailing space trimmed.
// Letter case is kept. Invalid UTF-8 bytes are replaced by U+FFFD.
func Normalize(s string) string {
	if asciiNormalized(s) {
		return s
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\ufffd")
	}
	// Folding an NFKC string leaves it NFKC except in contrived cases
	// (a quote followed by a combining mark); repeat until it does.
	for range 4 {
		s = foldSpace(norm.NFKC.String(s))
		if norm.NFKC.IsNormalString(s) {
			break
		}
	}
	return s
}

// asciiNormalized reports whether s is ASCII and already has single spaces
// and no leading or trailing space.
func asciiNormalized(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	prevSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return false
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		case c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
			return false
		default:
			prevSpace = false
		}
	}
	return true
}

// foldSpace folds quotes and dashes and collapses white space, copying
// unchanged runs of s in one piece.
func foldSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	run := 0 // start of the bytes not yet written
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if c == ' ' && !space && (i > run || b.Len() > 0) && i+1 < len(s) && s[i+1] > ' ' && s[i+1] < utf8.RuneSelf {
			i++ // a single space between words stays in the run
			continue
		}
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f' || (c >= utf8.RuneSelf && unicode.IsSpace(r)) {
			b.WriteString(s[run:i])
			i += size
			run = i
			space = true
			continue
		}
		if space {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
		}
		if c >= utf8.RuneSelf {
			if f := foldRune(r); f != r {
				b.WriteString(s[run:i])
				b.WriteRune(f)
				run = i + size
			}
		}
		i += size
	}
	b.WriteString(s[run:])
	return b.String()
}

// foldRune maps typographic quotes and dashes to ASCII.
func foldRune(r rune) rune {
	switch r {
	case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032', '\u02bc', '\u2039', '\u203a':
		return '\''
	case '\u201c', '\u201d', '\u201e', '\u201f', '\u2033', '\u00ab', '\u00bb':
		return '"'
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\u2043', '\ufe58', '\ufe63', '\uff0d':
		return '-'
	}
	return r
}

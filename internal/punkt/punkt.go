// Package punkt splits text into sentences with the Punkt tokenizer (Kiss
// & Strunk 2006) and the English model bundled with
// github.com/neurosnap/sentences, safely from many goroutines.
//
// The tokenizer is not documented as safe for concurrent use, so each call
// takes one from a pool of up to GOMAXPROCS tokenizers, loading one when
// none is free, and gives it back when done.
package punkt

import (
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"unicode"

	"github.com/neurosnap/sentences"
	"github.com/neurosnap/sentences/english"
)

var pool = make(chan *sentences.DefaultSentenceTokenizer, runtime.GOMAXPROCS(0))

// Tokenize splits text into sentences; their Start and End are byte
// offsets into text.
func Tokenize(text string) ([]*sentences.Sentence, error) {
	var tok *sentences.DefaultSentenceTokenizer
	select {
	case tok = <-pool:
	default:
		var err error
		if tok, err = english.NewSentenceTokenizer(nil); err != nil {
			return nil, fmt.Errorf("punkt: loading the English model: %w", err)
		}
	}
	ss := tok.Tokenize(text)
	select {
	case pool <- tok:
	default: // the pool is full: let this one go
	}
	return splitNumberEnds(text, joinTimeZones(text, ss)), nil
}

// numberEnd is a full stop after a number that ends a sentence Punkt
// leaves running on: the number follows a word (or a figure, a
// percentage, a parenthesis) and a capitalized word or an opening quote
// follows it ("… since 2008. The Labor Department …", "… 52 to 48. The
// Senate …"), a day after its month's abbreviation too ("… took effect
// Jan. 1. Critics …"). The English model reads any token of digits and one more
// character as a list's number ("1."), which ends no sentence; but a
// list's number opens its line or sentence, it does not follow a word.
// Group 1 is the number's full stop.
var numberEnd = regexp.MustCompile(`(?:[\p{L}\p{N}%)\]]|\b(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|No)\.)\s+\d+(\.)\s+["“‘'(]?\p{Lu}`)

// splitNumberEnds splits the sentences of text at the full stops of
// numbers that end one (see numberEnd).
func splitNumberEnds(text string, ss []*sentences.Sentence) []*sentences.Sentence {
	var out []*sentences.Sentence
	for _, s := range ss {
		if s.Start < 0 || s.End > len(text) || s.Start > s.End {
			out = append(out, s)
			continue
		}
		start := s.Start
		for _, m := range numberEnd.FindAllStringSubmatchIndex(text[s.Start:s.End], -1) {
			cut := s.Start + m[3] // after the full stop
			out = append(out, &sentences.Sentence{Start: start, End: cut, Text: text[start:cut]})
			start = cut
		}
		if start == s.Start {
			out = append(out, s)
			continue
		}
		out = append(out, &sentences.Sentence{Start: start, End: s.End, Text: text[start:s.End]})
	}
	return out
}

// timeZones are the time zones news writes after a clock time ("8 p.m.
// ET", "9:30 a.m. PDT").
var timeZones = map[string]bool{
	"ET": true, "EST": true, "EDT": true, "CT": true, "CST": true, "CDT": true,
	"MT": true, "MST": true, "MDT": true, "PT": true, "PST": true, "PDT": true,
	"AKST": true, "AKDT": true, "HST": true, "GMT": true, "UTC": true, "BST": true,
	"CET": true, "CEST": true, "EET": true, "EEST": true, "MSK": true, "IST": true,
	"JST": true, "KST": true, "AEST": true, "AEDT": true,
}

// joinTimeZones joins to the sentence before it a sentence that opens with
// a time zone after a clock time: Punkt takes the period of "p.m." for a
// sentence end before a capitalized word, and "ET." alone for a sentence
// ("… at 8 p.m." and "ET.").
func joinTimeZones(text string, ss []*sentences.Sentence) []*sentences.Sentence {
	out := ss[:0]
	for _, s := range ss {
		if n := len(out); n > 0 && clockEnd(out[n-1].Text) && zoneStart(s.Text) && out[n-1].End <= s.Start && s.End <= len(text) {
			prev := out[n-1]
			prev.End = s.End
			prev.Text = text[prev.Start:prev.End]
			continue
		}
		out = append(out, s)
	}
	return out
}

// clockEnd reports whether s ends with "a.m." or "p.m.".
func clockEnd(s string) bool {
	s = strings.ToLower(strings.TrimRightFunc(s, unicode.IsSpace))
	return strings.HasSuffix(s, "a.m.") || strings.HasSuffix(s, "p.m.")
}

// zoneStart reports whether the first word of s is a time zone.
func zoneStart(s string) bool {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(s)
	}
	return timeZones[s[:end]]
}

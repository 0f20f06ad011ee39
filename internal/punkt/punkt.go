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
	return joinTimeZones(text, ss), nil
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

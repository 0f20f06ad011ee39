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
	return ss, nil
}

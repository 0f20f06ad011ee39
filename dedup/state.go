package dedup

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/index"
)

// stateFile is the state an index keeps for incremental runs: the
// document frequencies of the articles its groups.tsv groups.
const stateFile = "docfreqs.bin"

// state is what an incremental run needs of the runs before it.
//
// Layout, version 2 (integers are unsigned varints unless stated):
//
//	"WDS"      3 bytes, magic
//	version    1 byte, 2
//	digest     32 bytes: SHA-256 of the groups.tsv these counts go with
//	docs       articles counted (those groups.tsv holds)
//	fullDocs   articles at the last full regroup
//	terms      number of terms, then per term, by increasing ID, its ID
//	           as the difference from the one before and its count
//
// Version 1 had the same layout; it was written by grouping runs over
// features of version 1 (see [FeaturesVersion]). Its counts are read (the
// terms did not change), and the next grouping run regroups in full.
type state struct {
	digest   [32]byte
	freqs    DocFreqs
	fullDocs int
	// earlier: read from version 1, written by an earlier release.
	earlier bool
}

const (
	stateMagic   = "WDS"
	stateVersion = 2
)

func (s *state) encode() []byte {
	b := append([]byte(stateMagic), stateVersion)
	b = append(b, s.digest[:]...)
	b = binary.AppendUvarint(b, uint64(s.freqs.Docs))
	b = binary.AppendUvarint(b, uint64(s.fullDocs))
	ids := slices.Sorted(maps.Keys(s.freqs.DF))
	n := 0
	for _, id := range ids {
		if s.freqs.DF[id] > 0 {
			n++
		}
	}
	b = binary.AppendUvarint(b, uint64(n))
	prev := uint64(0)
	for _, id := range ids {
		c := s.freqs.DF[id]
		if c <= 0 {
			continue
		}
		b = binary.AppendUvarint(b, uint64(id)-prev)
		b = binary.AppendUvarint(b, uint64(c))
		prev = uint64(id)
	}
	return b
}

func decodeState(b []byte) (*state, error) {
	bad := func(what string) error { return damaged(stateFile, what) }
	if len(b) < 4+32 || !bytes.Equal(b[:3], []byte(stateMagic)) || b[3] != stateVersion && b[3] != 1 {
		return nil, bad("not document frequencies of a known version")
	}
	s := &state{earlier: b[3] == 1}
	copy(s.digest[:], b[4:36])
	b = b[36:]
	next := func() (uint64, bool) {
		v, k := binary.Uvarint(b)
		if k <= 0 {
			return 0, false
		}
		b = b[k:]
		return v, true
	}
	docs, ok1 := next()
	full, ok2 := next()
	n, ok3 := next()
	if !ok1 || !ok2 || !ok3 || n > uint64(len(b)) || docs > 1<<40 || full > 1<<40 {
		return nil, bad("truncated header")
	}
	s.freqs = DocFreqs{Docs: int(docs), DF: make(map[cluster.TermID]int32, n)}
	s.fullDocs = int(full)
	prev := uint64(0)
	for i := uint64(0); i < n; i++ {
		d, ok := next()
		c, ok2 := next()
		if !ok || !ok2 || (i > 0 && d == 0) || prev+d > 1<<32-1 || c == 0 || c > docs {
			return nil, bad(fmt.Sprintf("term %d of %d malformed", i+1, n))
		}
		prev += d
		s.freqs.DF[cluster.TermID(prev)] = int32(c)
	}
	if len(b) != 0 {
		return nil, bad("trailing bytes")
	}
	return s, nil
}

// errDamagedState is what the error of a state file that does not decode
// is ([errors.Is]): docfreqs.bin, postings.bin and replaced.bin are the
// index's caches for incremental runs, which a full regroup writes again,
// so a damaged one turns a run into a full regroup rather than failing it.
var errDamagedState = errors.New("damaged state file")

// stateError is the error of a state file that does not decode.
type stateError struct{ file, what string }

func (e *stateError) Error() string        { return "dedup: " + e.file + ": " + e.what }
func (e *stateError) Is(target error) bool { return target == errDamagedState }

// damaged returns the error of state file file, which does not decode
// for the reason what.
func damaged(file, what string) error { return &stateError{file, what} }

// damagedReason says why a run whose state file err names is damaged
// regroups the whole index.
func damagedReason(err error) string { return damagedFile(err) + " and is written again" }

// damagedFile says which state file err names and how it is damaged:
// "postings.bin is damaged (checksum mismatch)".
func damagedFile(err error) string {
	var se *stateError
	if errors.As(err, &se) {
		return fmt.Sprintf("%s is damaged (%s)", se.file, se.what)
	}
	return err.Error()
}

// CheckState says which of the index's state files for incremental runs
// (docfreqs.bin, postings.bin, replaced.bin) do not decode, each with the
// reason ("postings.bin is damaged (checksum mismatch)"): notes, not
// problems, as the next grouping run regroups the whole index and writes
// them again. It returns an error only when a file
// cannot be read.
func CheckState(ix *index.Index) ([]string, error) {
	var notes []string
	note := func(err error) error {
		if errors.Is(err, errDamagedState) {
			notes = append(notes, damagedFile(err))
			return nil
		}
		return err
	}
	_, err := readState(ix)
	if err = note(err); err != nil {
		return nil, err
	}
	raw, err := ix.ReadState(postingsFile)
	if err != nil {
		return nil, err
	}
	if raw != nil {
		if _, err := decodePostings(raw); note(err) != nil {
			return nil, err
		}
	}
	_, err = readReplaced(ix)
	if err = note(err); err != nil {
		return nil, err
	}
	return notes, nil
}

// readState returns the index's state, nil when it has none.
func readState(ix *index.Index) (*state, error) {
	b, err := ix.ReadState(stateFile)
	if err != nil || b == nil {
		return nil, err
	}
	return decodeState(b)
}

// writeState records f as the document frequencies of the groups the
// index holds now (written before: the digest names them).
func writeState(ix *index.Index, f *DocFreqs, fullDocs int) error {
	d, err := ix.GroupsDigest()
	if err != nil {
		return err
	}
	s := state{digest: d, freqs: *f, fullDocs: fullDocs}
	return ix.WriteState(stateFile, s.encode())
}

// recordFull records the more-like-this postings, the document
// frequencies and the grouping options of a run r that grouped the whole
// index, or drops them
// when it did not count terms (the next run will then be a full one),
// and drops the list of articles replaced since the run before: r
// counted and grouped their versions the index holds.
func recordFull(ix *index.Index, r *Result, opt cluster.Options) error {
	if r.Freqs == nil {
		if err := ix.RemoveState(optionsFile); err != nil {
			return err
		}
		if err := ix.RemoveState(postingsFile); err != nil {
			return err
		}
		if err := ix.RemoveState(stateFile); err != nil {
			return err
		}
		return ix.RemoveState(replacedFile)
	}
	post := r.post
	if post == nil {
		post = buildPostings(r.Docs, opt)
	}
	if err := writePostings(ix, post); err != nil {
		return err
	}
	if err := writeState(ix, r.Freqs, r.Freqs.Docs); err != nil {
		return err
	}
	if err := writeOptions(ix, opt); err != nil {
		return err
	}
	return ix.RemoveState(replacedFile)
}

package cluster

import (
	"math"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/cespare/xxhash/v2"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/internal/term"
	"github.com/wirediff/wirediff/quotation"
	"github.com/wirediff/wirediff/similarity"
)

// TermID identifies a stemmed word: the low 32 bits of its xxhash. Two
// stems of a million-word vocabulary share an ID with odds of about one
// in 10,000 per pair of documents compared; 32 bits halve the memory of
// every vector.
type TermID uint32

// Term is one weighted term of a document vector.
type Term struct {
	ID TermID
	W  float32
}

func termID(stem string) TermID { return TermID(xxhash.Sum64String(stem)) }

// Doc holds what grouping needs of one article. Build it with a
// [Featurizer]; it does not keep the article text.
type Doc struct {
	ID        string
	Outlet    string
	Published time.Time

	// Tokens is the number of body tokens.
	Tokens int
	// Shingles is the sorted set of 32-bit fingerprints (top bits) of the body's
	// word k-shingles (copy level): exact Jaccard for verification, at
	// half the memory of the 64-bit hashes (a false match needs two of an
	// article pair's few hundred shingles to collide in 32 bits).
	Shingles []uint32
	// Sig is the MinHash signature of the 64-bit shingle hashes.
	Sig similarity.Signature

	// Terms is the content-term vector (see [term.Key]) of title and body: raw
	// counts until [Weigh] turns it into L2-normalized TF-IDF. Sorted by ID.
	Terms []Term
	// Names is the sorted set of hashed proper names (capitalized words
	// not opening a sentence) and numbers. A number's hash has its top bit
	// set and a name's has it clear (see nameHash), so the numbers are the
	// set's tail (see [Doc.Numbers]).
	Names []uint64
	// Quotes is the sorted set of hashed 4-word shingles inside
	// quotation marks.
	Quotes []uint64
	// Passages is a sample of the body's word k-shingles outside
	// quotation marks, the outlet's own wording: the sorted fingerprints
	// (top 32 bits) of those whose hash is 0 modulo passageSample (Broder
	// 1997's mod-m sample, which estimates set overlap without bias).
	// Shared wording outside quotations is what a copied or excerpted
	// report keeps; two outlets quoting one speech share quotations only.
	Passages []uint32
	// Days is the set of weekdays the title and lede name (bit 0 =
	// Monday): when the event happened, as news tells it.
	Days uint8
}

// NameBoost is the extra count a proper name or number gets in the term
// vector: events of one kind share their vocabulary and differ in their
// names, places and figures. Calibrated on ECB+ dev (docs/design.md).
const NameBoost = 2

// Featurizer turns articles into [Doc]s. It is not safe for concurrent
// use: give each goroutine its own (they share nothing mutable).
type Featurizer struct {
	Shingle int
	Hasher  *similarity.MinHasher
	Bands   similarity.Bands

	toks  []similarity.Token
	src   string   // the text toks point into
	sh    []uint64 // shingle buffer
	stems map[string]TermID
	// Per-article scratch, reused: the features kept are exact-size
	// copies, so a corpus in memory holds no spare capacity.
	counts        map[TermID]float32
	names, quotes []uint64
	passages      []uint64
	runSh         []uint64
}

// passageSample is the m of the mod-m sample of [Doc].Passages: one
// shingle in four, so that the rewrite level's vectors grow by a fraction
// of their length.
const passageSample = 4

// NewFeaturizer returns a featurizer for word k-shingles signed by h and
// banded by b.
func NewFeaturizer(k int, h *similarity.MinHasher, b similarity.Bands) *Featurizer {
	return &Featurizer{Shingle: k, Hasher: h, Bands: b, stems: map[string]TermID{}, counts: map[TermID]float32{}}
}

// CopyOnly computes only what the copy level needs (shingles, signature,
// the numbers among Names): the fast path for huge corpora.
func (f *Featurizer) CopyOnly(a *corpus.Article) Doc {
	d := f.shingled(a)
	// The numbers, which the copy level checks (see [Figures]); [Doc]
	// collects them with the names.
	d.Names = NumberSet(f.toks)
	return d
}

// shingled computes the copy level's features of a but its numbers,
// leaving its body tokens in f.toks and their text in f.src.
func (f *Featurizer) shingled(a *corpus.Article) Doc {
	d := Doc{ID: a.ID, Outlet: a.Outlet, Published: a.Published}
	if a.DateInText {
		d.Published = time.Time{} // shown, not windowed: see corpus.Article.DateInText
	}
	f.toks, f.src = appendDocTokens(f.toks[:0], a)
	d.Tokens = len(f.toks)
	f.sh = similarity.Shingles(f.sh[:0], f.toks, f.Shingle)
	d.Sig = f.Hasher.Sign(f.sh)
	d.Shingles = Fingerprints(f.sh)
	return d
}

// appendDocTokens appends to dst the tokens a's features are computed
// from, its body's, and returns them with the text they point into: the
// title's tokens and the title for a headline-only record.
func appendDocTokens(dst []similarity.Token, a *corpus.Article) ([]similarity.Token, string) {
	n := len(dst)
	for _, sp := range a.Body() {
		dst = similarity.AppendTokens(dst, a.Text, sp.Start, sp.End)
	}
	if len(dst) > n {
		return dst, a.Text
	}
	return similarity.AppendTokens(dst, a.Title, 0, len(a.Title)), a.Title
}

// Doc computes every feature of a.
func (f *Featurizer) Doc(a *corpus.Article) Doc {
	d := f.shingled(a)
	body, text := f.toks, f.src // still the body tokens

	counts := f.counts
	clear(counts)
	names, quotes := f.names[:0], f.quotes[:0]
	inQuote := quoteRegions(text)
	var quoteRun []string
	flushQuote := func() {
		for i := 0; i+4 <= len(quoteRun); i++ {
			quotes = append(quotes, hashWords(quoteRun[i:i+4]))
		}
		quoteRun = quoteRun[:0]
	}
	lastQuote := -1
	passages := f.passages[:0]
	own := 0 // start of the current run of tokens outside quotations
	flushOwn := func(end int) {
		if end-own >= f.Shingle {
			f.runSh = similarity.Shingles(f.runSh, body[own:end], f.Shingle)
			for _, h := range f.runSh {
				if h%passageSample == 0 {
					passages = append(passages, h)
				}
			}
		}
	}
	for i, t := range body {
		if q := regionAt(inQuote, t.Start); q >= 0 {
			if q != lastQuote {
				flushQuote()
				flushOwn(i)
				lastQuote = q
			}
			quoteRun = append(quoteRun, t.Text)
			own = i + 1
		} else if lastQuote >= 0 {
			flushQuote()
			lastQuote = -1
		}
		key, name := docName(text, t, i == 0)
		if name {
			names = append(names, key)
		}
		id, ok := f.term(t.Text)
		if !ok {
			continue
		}
		counts[id]++
		if name {
			counts[id] += NameBoost
		}
	}
	flushQuote()
	flushOwn(len(body))
	slices.Sort(passages)
	d.Passages = Fingerprints(slices.Compact(passages))
	f.passages = passages
	d.Days = weekdays(text, body, ledeTokens)
	// Title words count titleWeight times: a headline is a summary.
	if a.Title != "" {
		f.toks = similarity.AppendTokens(f.toks[:0], a.Title, 0, len(a.Title))
		for _, t := range f.toks {
			if id, ok := f.term(t.Text); ok {
				counts[id] += titleWeight
			}
		}
		d.Days |= weekdays(a.Title, f.toks, len(f.toks))
	}
	d.Terms = make([]Term, 0, len(counts))
	for id, c := range counts {
		d.Terms = append(d.Terms, Term{id, c})
	}
	sort.Slice(d.Terms, func(i, j int) bool { return d.Terms[i].ID < d.Terms[j].ID })
	d.Names = slices.Clip(slices.Clone(sortedSet(names)))
	d.Quotes = slices.Clip(slices.Clone(sortedSet(quotes)))
	f.names, f.quotes = names, quotes
	return d
}

// term returns the ID of the content term of token w (see [term.Key]);
// ok is false when w is not a content word.
func (f *Featurizer) term(w string) (id TermID, ok bool) {
	if id, ok := f.stems[w]; ok {
		return id, true
	}
	k := term.Key(w)
	if k == "" {
		return 0, false
	}
	id = termID(k)
	if len(f.stems) > 1<<20 {
		clear(f.stems)
	}
	f.stems[w] = id
	return id, true
}

// numberBit marks the hash of a number in [Doc].Names.
const numberBit = 1 << 63

// nameHash is the hash of a name or number w in [Doc].Names. A number is
// hashed as its figure (see figure), so that "1.2bn" and "1.2 billion",
// "5%" and "5 percent", are one number.
func nameHash(w string, number bool) uint64 {
	if number {
		return xxhash.Sum64String(figure(w)) | numberBit
	}
	return xxhash.Sum64String(w) &^ numberBit
}

// docName returns the hash [Doc].Names holds for token t of text, and
// whether t is a name or number at all; first says t is the first of the
// tokens features are computed from. [Featurizer.Doc] collects names with
// it and [SharedItems] lists them, so that the list of the names two
// articles share is as long as the count of [Evidence].SharedNames.
func docName(text string, t similarity.Token, first bool) (key uint64, ok bool) {
	if term.IsNumber(t.Text) {
		return nameHash(t.Text, true), true
	}
	if isName(text, t, first) {
		return nameHash(t.Text, false), true
	}
	return 0, false
}

// pronounKeys are the [Doc].Names hashes of the pronoun "I" and its
// contractions ("I'm", "I'd", "I've", "I'll" are normalized to "im",
// "id", "ive", "ill"): capitalized mid-sentence, so [Doc].Names holds
// them and the grouping scores count them, but they name no one, and
// [Evidence].SharedNames and [SharedItems] leave them out. Leaving them
// out of [Doc].Names too moved NeuS's story-level B-cubed F1 from 0.6811
// to 0.6807 and its pairwise F1 from 0.3940 to 0.3943.
var pronounKeys = [...]uint64{
	nameHash("i", false), nameHash("im", false), nameHash("id", false),
	nameHash("ive", false), nameHash("ill", false),
}

// pronounsShared returns how many of pronounKeys the sorted name sets a
// and b both hold.
func pronounsShared(a, b []uint64) int {
	n := 0
	for _, k := range pronounKeys {
		if _, ok := slices.BinarySearch(a, k); ok {
			if _, ok := slices.BinarySearch(b, k); ok {
				n++
			}
		}
	}
	return n
}

// figure returns number token w without the letters that follow its
// digits: its unit or suffix ("bn", "m", "th", "s"), which outlets write
// differently. A token with letters between digits ("3d4") is kept whole.
func figure(w string) string {
	i := 0
	for i < len(w) && (w[i] >= '0' && w[i] <= '9' || w[i] == '.') {
		i++
	}
	for j := i; j < len(w); j++ {
		if c := w[j]; c >= '0' && c <= '9' {
			return w
		}
	}
	return strings.TrimRight(w[:i], ".")
}

// NumberSet returns the sorted set of hashes of the numbers among toks,
// as [Doc].Names holds them.
func NumberSet(toks []similarity.Token) []uint64 {
	var nums []uint64
	for _, t := range toks {
		if term.IsNumber(t.Text) {
			nums = append(nums, nameHash(t.Text, true))
		}
	}
	return slices.Clip(sortedSet(nums))
}

// Numbers returns the hashes of the numbers among d's names: the tail of
// d.Names, sorted. It aliases d.Names.
func (d *Doc) Numbers() []uint64 {
	k, _ := slices.BinarySearch(d.Names, numberBit)
	return d.Names[k:]
}

func hashWords(ws []string) uint64 {
	var h xxhash.Digest
	h.Reset()
	for _, w := range ws {
		h.WriteString(w)
		h.Write([]byte{0})
	}
	return h.Sum64()
}

// Fingerprints returns the sorted, de-duplicated top 32 bits of hashes.
// For sorted hashes (as [similarity.Shingles] returns them) the top bits
// come out sorted, so no sort is needed.
func Fingerprints(hashes []uint64) []uint32 {
	out := make([]uint32, len(hashes))
	for i, h := range hashes {
		out[i] = uint32(h >> 32)
	}
	if !slices.IsSorted(out) {
		slices.Sort(out)
	}
	return slices.Compact(out)
}

func sortedSet(xs []uint64) []uint64 {
	if len(xs) == 0 {
		return nil
	}
	sort.Slice(xs, func(i, j int) bool { return xs[i] < xs[j] })
	out := xs[:1]
	for _, x := range xs[1:] {
		if x != out[len(out)-1] {
			out = append(out, x)
		}
	}
	return out
}

// isName reports whether token t is capitalized in the text and does not
// open a sentence.
func isName(text string, t similarity.Token, first bool) bool {
	r, _ := utf8.DecodeRuneInString(text[t.Start:])
	if !unicode.IsUpper(r) || first {
		return false
	}
	// Look back over spaces and quotes for a sentence end.
	for i := t.Start - 1; i >= 0; i-- {
		c := text[i]
		switch c {
		case ' ', '\t', '"', '\'', '(':
			continue
		case '.', '!', '?', '\n', ':':
			return false
		}
		if c >= 0x80 { // curly quotes, dashes: keep looking
			continue
		}
		return true
	}
	return false
}

type region struct{ start, end int }

// quoteRegions returns the words of text's quotations (package quotation:
// double, single, low-9 and guillemet marks; run-on paragraphs), in order
// and apart: a quotation that runs on from its paragraph's start stands
// for those it encloses.
func quoteRegions(text string) []region {
	var out []region
	for _, q := range quotation.Find(text) {
		for len(out) > 0 && out[len(out)-1].start >= q.InnerStart {
			out = out[:len(out)-1]
		}
		out = append(out, region{q.InnerStart, q.InnerEnd})
	}
	return out
}

func regionAt(rs []region, pos int) int {
	i := sort.Search(len(rs), func(i int) bool { return rs[i].end > pos })
	if i < len(rs) && rs[i].start <= pos {
		return i
	}
	return -1
}

// Weigh turns the raw counts of every doc into L2-normalized TF-IDF
// vectors, with document frequencies taken from docs plus the background
// frequencies bg (may be nil).
func Weigh(docs []Doc, bg *Background) {
	df := map[TermID]int32{}
	for i := range docs {
		for _, t := range docs[i].Terms {
			df[t.ID]++
		}
	}
	WeighWith(docs, df, len(docs), bg)
}

// WeighWith is [Weigh] with the batch's document frequencies counted
// elsewhere: df[t] docs of the n in the batch hold term t. Weighing the
// docs of a batch in parts with the whole batch's df and n gives the
// vectors of weighing them at once.
func WeighWith(docs []Doc, df map[TermID]int32, n int, bg *Background) {
	var bgDF map[TermID]int32
	bgDocs := 0
	if bg != nil {
		bgDF, bgDocs = bg.DF, bg.Docs
	}
	all := float64(n + bgDocs)
	for i := range docs {
		var norm float64
		ts := docs[i].Terms
		for k := range ts {
			d := float64(df[ts[k].ID] + bgDF[ts[k].ID])
			idf := math.Log((all+1)/(d+1)) + 1
			w := (1 + math.Log(float64(ts[k].W))) * idf
			ts[k].W = float32(w)
			norm += w * w
		}
		if norm > 0 {
			inv := float32(1 / math.Sqrt(norm))
			for k := range ts {
				ts[k].W *= inv
			}
		}
	}
}

// Cosine is the dot product of two L2-normalized term vectors.
func Cosine(a, b []Term) float64 {
	var s float64
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].ID < b[j].ID:
			i++
		case a[i].ID > b[j].ID:
			j++
		default:
			s += float64(a[i].W) * float64(b[j].W)
			i++
			j++
		}
	}
	return s
}

// titleWeight is the count a title word adds to the term vector: a
// headline names what the story is about. Calibrated on NeuS dev (ledes
// with titles; ECB+ and SemEval have none, BASIL's long texts do not move):
// story B-cubed F1 0.641 at 1, 0.666 at 2, 0.671 at 3, 0.681 at 5, 0.684 at
// 8, 0.681 at 20; 5 takes most of the gain while a body still outweighs
// its headline.
const titleWeight = 5

// ledeTokens is how much of the body counts as its lede for [weekdays].
const ledeTokens = 60

var weekdayBits = map[string]uint8{
	"monday": 1, "tuesday": 2, "wednesday": 4, "thursday": 8, "friday": 16, "saturday": 32, "sunday": 64,
}

// weekdays returns the weekdays named (capitalized in src) among the
// first n tokens.
func weekdays(src string, toks []similarity.Token, n int) uint8 {
	var d uint8
	for _, t := range toks[:min(n, len(toks))] {
		if len(t.Text) >= 6 && t.Text[len(t.Text)-3:] == "day" && src[t.Start] >= 'A' && src[t.Start] <= 'Z' {
			d |= weekdayBits[t.Text]
		}
	}
	return d
}

package dedup

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"maps"
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/index"
)

// postingsFile is the state file that keeps, beside the index, the
// more-like-this postings of the articles its groups.tsv groups: what
// an incremental run looks a new article's candidates up in, instead of
// walking the postings of the index's text field.
const postingsFile = "postings.bin"

// postings are the more-like-this postings of a batch as
// [cluster.MoreLikeThis] builds them: each article's 2·topTerms heaviest
// TF-IDF terms, each term's list ordered by decreasing weight (ties by
// article, which is ID order) and cut to its keep heaviest entries
// (impact order, Anh & Moffat), of which a query reads the first
// [cluster.MaxDF].
//
// Layout, version 2 (integers little-endian, of fixed width, so that
// reading the postings of a million articles is one pass over the
// bytes):
//
//	"WDP"      3 bytes, magic
//	version    1 byte, 2
//	digest     32 bytes: SHA-256 of the groups.tsv these postings go with
//	counts     6 × uint64: topTerms (query terms per article the lists
//	           were built for), keep (the longest list kept), articles n,
//	           bytes of their IDs, terms t, entries e
//	ends       n × uint32: where each article's ID ends in the IDs
//	ids        the IDs, by increasing ID, concatenated
//	unix       n × int64: each article's publication, Unix seconds,
//	           or noPublished
//	terms      t × uint32: the term IDs, increasing
//	lengths    t × uint32: each term's list length
//	lists      e × (uint32 article, its place in the article list;
//	           float32 weight, IEEE 754): each term's list in term order
//	crc        uint32: CRC-32C (Castagnoli) of every byte before it
//
// Version 1, read still, held the same with unsigned varints.
type postings struct {
	digest   [32]byte
	topTerms int
	keep     int
	ids      []string
	unix     []int64 // publication, noPublished when unknown
	terms    []cluster.TermID
	start    []int // the list of terms[k] is post[start[k]:start[k+1]]
	post     []posting
}

type posting struct {
	doc int32
	w   float32
}

// noPublished marks an article without a known publication time.
const noPublished = cluster.NoDate

const (
	postingsMagic   = "WDP"
	postingsVersion = 2
)

// postingsKeep is the list length a batch of n articles keeps: twice the
// cap its queries read, so that the lists stay long enough as articles
// are regrouped (and leave their lists to come back with new weights)
// and the cap grows with the index.
func postingsKeep(n int, opt cluster.Options) int {
	return 2 * mltCap(n, opt)
}

// mltCap is the more-like-this postings cap of a batch of n articles.
func mltCap(n int, opt cluster.Options) int {
	if opt.Candidates.MaxDF > 0 {
		return opt.Candidates.MaxDF
	}
	return cluster.MaxDF(n)
}

func publishedUnix(d *cluster.Doc) int64 {
	if d.Published.IsZero() {
		return noPublished
	}
	return d.Published.Unix()
}

// list returns the list of term t (nil when it has none).
func (p *postings) list(t cluster.TermID) []posting {
	k, ok := slices.BinarySearch(p.terms, t)
	if !ok {
		return nil
	}
	return p.post[p.start[k]:p.start[k+1]]
}

// better orders a list: heavier first, ties by article (ID order), as
// [cluster.MoreLikeThis] cuts its lists and ranks its candidates.
func better(a, b posting) int {
	if a.w != b.w {
		return cmp.Compare(b.w, a.w)
	}
	return cmp.Compare(a.doc, b.doc)
}

// addedPostings are the entries of docs (weighed) by term, each list
// in postings order, docs numbered by num.
func addedPostings(docs []*cluster.Doc, num func(i int) int32, topTerms int) map[cluster.TermID][]posting {
	out := map[cluster.TermID][]posting{}
	for i, d := range docs {
		for _, t := range cluster.Heaviest(d.Terms, 2*topTerms) {
			out[t.ID] = append(out[t.ID], posting{num(i), t.W})
		}
	}
	for _, ps := range out {
		slices.SortFunc(ps, better)
	}
	return out
}

// merge returns the postings of the articles ids (sorted, published at
// unix): those of p kept by remap (p's article k is ids[remap[k]], or
// gone when remap[k] < 0) with the entries add (numbered in ids, each
// list in order), each list cut to keep.
func (p *postings) merge(ids []string, unix []int64, remap []int32, add map[cluster.TermID][]posting, topTerms, keep int) *postings {
	out := &postings{topTerms: topTerms, keep: keep, ids: ids, unix: unix}
	extra := slices.Sorted(maps.Keys(add))
	old := p.terms
	out.post = make([]posting, 0, len(p.post)+len(extra)*2)
	out.start = append(make([]int, 0, len(old)+len(extra)+1), 0)
	var buf []posting
	i, j := 0, 0
	for i < len(old) || j < len(extra) {
		var t cluster.TermID
		var a, b []posting
		switch {
		case j == len(extra) || (i < len(old) && old[i] < extra[j]):
			t, a = old[i], p.post[p.start[i]:p.start[i+1]]
			i++
		case i == len(old) || extra[j] < old[i]:
			t, b = extra[j], add[extra[j]]
			j++
		default:
			t, a, b = old[i], p.post[p.start[i]:p.start[i+1]], add[extra[j]]
			i++
			j++
		}
		n0 := len(out.post)
		if len(b) == 0 {
			// Most lists: the kept entries of a, renumbered, in order.
			for _, e := range a {
				if len(out.post)-n0 == keep {
					break
				}
				if n := remap[e.doc]; n >= 0 {
					out.post = append(out.post, posting{n, e.w})
				}
			}
			if len(out.post) > n0 {
				out.terms = append(out.terms, t)
				out.start = append(out.start, len(out.post))
			}
			continue
		}
		buf = buf[:0]
		for _, e := range a {
			if n := remap[e.doc]; n >= 0 {
				buf = append(buf, posting{n, e.w})
			}
		}
		// Both runs are in order (remap keeps the ID order): merge them.
		x, y := 0, 0
		for len(out.post)-n0 < keep && (x < len(buf) || y < len(b)) {
			if y == len(b) || (x < len(buf) && better(buf[x], b[y]) < 0) {
				out.post = append(out.post, buf[x])
				x++
			} else {
				out.post = append(out.post, b[y])
				y++
			}
		}
		if len(out.post) > n0 {
			out.terms = append(out.terms, t)
			out.start = append(out.start, len(out.post))
		}
	}
	return out
}

// buildPostings returns the postings of docs (weighed, sorted by ID) as a
// run over them builds them. The lists are laid out in one array sized
// by a first count, so that a batch of a million articles needs the
// array and little more.
func buildPostings(docs []cluster.Doc, opt cluster.Options) *postings {
	ids, unix := make([]string, len(docs)), make([]int64, len(docs))
	for i := range docs {
		ids[i], unix[i] = docs[i].ID, publishedUnix(&docs[i])
	}
	top := 2 * opt.Candidates.TopTerms
	return buildPostingsTop(ids, unix, func(i int) []cluster.Term { return cluster.Heaviest(docs[i].Terms, top) }, opt)
}

// buildPostingsTop is buildPostings given each article's ID, publication
// time and heaviest terms (top(i): [cluster.Heaviest] of its weighed
// terms, 2·TopTerms of them).
func buildPostingsTop(ids []string, unix []int64, top func(i int) []cluster.Term, opt cluster.Options) *postings {
	keep := postingsKeep(len(ids), opt)
	p := &postings{topTerms: opt.Candidates.TopTerms, keep: keep, ids: ids, unix: unix}
	count := map[cluster.TermID]int{}
	for i := range ids {
		for _, t := range top(i) {
			count[t.ID]++
		}
	}
	p.terms = slices.Sorted(maps.Keys(count))
	at := make(map[cluster.TermID]int, len(p.terms)) // the next free place of each list
	p.start = make([]int, len(p.terms)+1)
	for k, t := range p.terms {
		at[t] = p.start[k]
		p.start[k+1] = p.start[k] + count[t]
	}
	clear(count)
	p.post = make([]posting, p.start[len(p.terms)])
	for i := range ids {
		for _, t := range top(i) {
			p.post[at[t.ID]] = posting{int32(i), t.W}
			at[t.ID]++
		}
	}
	// Each list in order, cut to keep, moved down over the cut parts.
	n := 0
	for k := range p.terms {
		l := p.post[p.start[k]:p.start[k+1]]
		slices.SortFunc(l, better)
		p.start[k] = n
		n += copy(p.post[n:], l[:min(len(l), keep)])
	}
	p.start[len(p.terms)] = n
	p.post = slices.Clip(p.post[:n])
	return p
}

// view is a batch of articles seen through stored postings p: p's
// articles, less those it replaces, and new ones whose entries are in
// add. It reads p's lists without copying them.
type view struct {
	p    *postings
	ids  []string // the batch's articles, sorted
	unix []int64
	// remap[k] is the place of p's article k in ids, -1 when replaced.
	remap []int32
	add   map[cluster.TermID][]posting // numbered in ids, each in order
	fromP []bool                       // by place in ids
}

// whole is p itself as a batch.
func (p *postings) whole() *view {
	v := &view{p: p, ids: p.ids, unix: p.unix, remap: make([]int32, len(p.ids)), fromP: make([]bool, len(p.ids))}
	for i := range v.remap {
		v.remap[i], v.fromP[i] = int32(i), true
	}
	return v
}

// withQueries returns the batch of p's articles and the query docs qs
// (weighed), a query's entries replacing those of an article of p with
// its ID, and each query's place in it.
func (p *postings) withQueries(qs []*cluster.Doc, topTerms int) (*view, []int32) {
	order := make([]int, len(qs))
	for k := range order {
		order[k] = k
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(qs[a].ID, qs[b].ID) })
	v := &view{p: p, ids: make([]string, 0, len(p.ids)+len(qs)), unix: make([]int64, 0, len(p.ids)+len(qs)), remap: make([]int32, len(p.ids))}
	num := make([]int32, len(qs))
	keep := func(i int) {
		v.remap[i] = int32(len(v.ids))
		v.ids, v.unix, v.fromP = append(v.ids, p.ids[i]), append(v.unix, p.unix[i]), append(v.fromP, true)
	}
	i := 0
	for _, k := range order {
		for ; i < len(p.ids) && p.ids[i] < qs[k].ID; i++ {
			keep(i)
		}
		if i < len(p.ids) && p.ids[i] == qs[k].ID {
			v.remap[i] = -1 // replaced
			i++
		}
		num[k] = int32(len(v.ids))
		v.ids, v.unix, v.fromP = append(v.ids, qs[k].ID), append(v.unix, publishedUnix(qs[k])), append(v.fromP, false)
	}
	for ; i < len(p.ids); i++ {
		keep(i)
	}
	v.add = addedPostings(qs, func(k int) int32 { return num[k] }, topTerms)
	return v, num
}

// list appends to buf the first n entries of term t's list in the batch.
func (v *view) list(buf []posting, t cluster.TermID, n int) []posting {
	a, b := v.p.list(t), v.add[t]
	x, y := 0, 0
	for len(buf) < n {
		for x < len(a) && v.remap[a[x].doc] < 0 {
			x++
		}
		var e posting
		switch {
		case x < len(a) && (y == len(b) || better(posting{v.remap[a[x].doc], a[x].w}, b[y]) < 0):
			e = posting{v.remap[a[x].doc], a[x].w}
			x++
		case y < len(b):
			e = b[y]
			y++
		default:
			return buf
		}
		buf = append(buf, e)
	}
	return buf
}

// regrouped returns the postings of the batch once the articles docs
// (weighed) were regrouped: their entries replaced by their current
// ones, each list cut to keep. docs must hold every article the batch
// does not take from p.
func (v *view) regrouped(docs []cluster.Doc, keep int) (*postings, error) {
	remap := slices.Clone(v.remap)
	unix := slices.Clone(v.unix)
	num := make([]int32, len(docs))
	ptrs := make([]*cluster.Doc, len(docs))
	covered := slices.Clone(v.fromP)
	for k := range docs {
		i, ok := slices.BinarySearch(v.ids, docs[k].ID)
		if !ok {
			return nil, fmt.Errorf("dedup: regrouped article %s is not among the postings' articles", docs[k].ID)
		}
		if v.fromP[i] {
			old, _ := slices.BinarySearch(v.p.ids, docs[k].ID)
			remap[old] = -1
		}
		covered[i] = true
		num[k], ptrs[k] = int32(i), &docs[k]
		unix[i] = publishedUnix(&docs[k])
	}
	if i := slices.Index(covered, false); i >= 0 {
		return nil, fmt.Errorf("dedup: new article %s was not regrouped", v.ids[i])
	}
	add := addedPostings(ptrs, func(k int) int32 { return num[k] }, v.p.topTerms)
	return v.p.merge(v.ids, unix, remap, add, v.p.topTerms, keep), nil
}

// likeThis returns, for each query doc (weighed; q[k] is article num[k]
// of the batch), the opt.Candidates.PerDoc articles of the batch that
// best match a disjunction of its TopTerms heaviest terms, as
// [cluster.MoreLikeThis] finds them over the whole batch: each term's
// first maxDF entries, the query itself left out, pairs outside the date
// window not taken.
func (v *view) likeThis(q []*cluster.Doc, num []int32, maxDF int, opt cluster.Options) [][]int32 {
	out := make([][]int32, len(q))
	workers := min(runtime.GOMAXPROCS(0), max(len(q), 1))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			acc := make([]float32, len(v.ids))
			seen := make([]bool, len(v.ids))
			var touched []int32
			var ps []posting
			for k := w; k < len(q); k += workers {
				self := num[k]
				touched = touched[:0]
				for _, t := range cluster.Heaviest(q[k].Terms, opt.Candidates.TopTerms) {
					ps = v.list(ps[:0], t.ID, maxDF)
					for _, e := range ps {
						if e.doc == self {
							continue
						}
						if !seen[e.doc] {
							seen[e.doc] = true
							acc[e.doc] = 0
							touched = append(touched, e.doc)
						}
						acc[e.doc] += t.W * e.w
					}
				}
				sel := make([]posting, 0, len(touched))
				for _, d := range touched {
					seen[d] = false
					if cluster.WithinWindow(v.unix[self], v.unix[d], opt.Window) {
						sel = append(sel, posting{d, acc[d]})
					}
				}
				out[k] = bestOf(sel, opt.Candidates.PerDoc)
			}
		}()
	}
	wg.Wait()
	return out
}

// bestOf returns the articles of the n best entries of s (highest score
// first, ties by article), reordering s.
func bestOf(s []posting, n int) []int32 {
	if n <= 0 {
		return nil
	}
	if len(s) > 4*n {
		// Keep what can still be among the n best: a bounded selection
		// without sorting the whole list.
		slices.SortFunc(s[:n], better)
		kept := s[:n]
		for _, e := range s[n:] {
			if better(e, kept[n-1]) >= 0 {
				continue
			}
			i, _ := slices.BinarySearchFunc(kept, e, better)
			copy(kept[i+1:], kept[i:n-1])
			kept[i] = e
		}
		s = kept
	}
	slices.SortFunc(s, better)
	out := make([]int32, 0, min(n, len(s)))
	for _, e := range s[:min(n, len(s))] {
		out = append(out, e.doc)
	}
	return out
}

func (p *postings) encode() ([]byte, error) {
	var b bytes.Buffer
	err := p.encodeTo(&b)
	return b.Bytes(), err
}

// encodeTo writes p's encoding to w, a section at a time.
func (p *postings) encodeTo(w io.Writer) error {
	idBytes := 0
	for _, id := range p.ids {
		idBytes += len(id)
	}
	if uint64(idBytes) > math.MaxUint32 || uint64(len(p.ids)) > math.MaxInt32 {
		return fmt.Errorf("dedup: %s: %d articles, %d bytes of IDs: too many for its layout", postingsFile, len(p.ids), idBytes)
	}
	crc := crc32.New(castagnoli)
	out := io.MultiWriter(w, crc)
	b := make([]byte, 0, 64<<10)
	var err error
	flush := func(at int) { // writes b once it holds at least at bytes
		if len(b) >= at && err == nil {
			_, err = out.Write(b)
			b = b[:0]
		}
	}
	const chunk = 60 << 10
	b = append(b, postingsMagic...)
	b = append(b, postingsVersion)
	b = append(b, p.digest[:]...)
	for _, v := range [...]int{p.topTerms, p.keep, len(p.ids), idBytes, len(p.terms), len(p.post)} {
		b = binary.LittleEndian.AppendUint64(b, uint64(v))
	}
	end := 0
	for _, id := range p.ids {
		end += len(id)
		b = binary.LittleEndian.AppendUint32(b, uint32(end))
		flush(chunk)
	}
	for _, id := range p.ids {
		b = append(b, id...)
		flush(chunk)
	}
	for _, u := range p.unix {
		b = binary.LittleEndian.AppendUint64(b, uint64(u))
		flush(chunk)
	}
	for _, t := range p.terms {
		b = binary.LittleEndian.AppendUint32(b, uint32(t))
		flush(chunk)
	}
	for k := range p.terms {
		b = binary.LittleEndian.AppendUint32(b, uint32(p.start[k+1]-p.start[k]))
		flush(chunk)
	}
	for _, e := range p.post {
		b = binary.LittleEndian.AppendUint32(b, uint32(e.doc))
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(e.w))
		flush(chunk)
	}
	flush(0)
	if err != nil {
		return err
	}
	_, err = w.Write(binary.LittleEndian.AppendUint32(nil, crc.Sum32()))
	return err
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// postingsHead is what a postings file says before its lists: enough
// for a run to decide whether it can use them.
type postingsHead struct {
	digest         [32]byte
	topTerms, keep int
}

// postingsHeadLen is as many bytes as the head of either version takes.
const postingsHeadLen = 4 + 32 + 2*binary.MaxVarintLen64

// decodeHead reads the head of the postings b, of either version; the
// rest is checked by decodePostings.
func decodeHead(b []byte) (postingsHead, error) {
	bad := damaged(postingsFile, "not postings of a known version")
	if len(b) < 4+32 || !bytes.Equal(b[:3], []byte(postingsMagic)) {
		return postingsHead{}, bad
	}
	h := postingsHead{}
	copy(h.digest[:], b[4:36])
	var top, keep uint64
	switch b[3] {
	case 1:
		var k1, k2 int
		top, k1 = binary.Uvarint(b[36:])
		if k1 > 0 {
			keep, k2 = binary.Uvarint(b[36+k1:])
		}
		if k1 <= 0 || k2 <= 0 {
			return h, damaged(postingsFile, "truncated header")
		}
	case postingsVersion:
		if len(b) < 36+16 {
			return h, damaged(postingsFile, "truncated header")
		}
		top, keep = binary.LittleEndian.Uint64(b[36:]), binary.LittleEndian.Uint64(b[44:])
	default:
		return h, bad
	}
	if top == 0 || top > 1<<16 || keep == 0 || keep > 1<<30 {
		return h, damaged(postingsFile, "truncated header")
	}
	h.topTerms, h.keep = int(top), int(keep)
	return h, nil
}

func decodePostings(b []byte) (*postings, error) {
	bad := func(what string) error { return damaged(postingsFile, what) }
	if len(b) < 4+32 || !bytes.Equal(b[:3], []byte(postingsMagic)) || (b[3] != postingsVersion && b[3] != 1) {
		return nil, bad("not postings of a known version")
	}
	if b[3] == 1 {
		return decodePostingsV1(b)
	}
	const head = 4 + 32 + 6*8
	if len(b) < head+4 {
		return nil, bad("truncated header")
	}
	if sum := binary.LittleEndian.Uint32(b[len(b)-4:]); crc32.Checksum(b[:len(b)-4], castagnoli) != sum {
		return nil, bad("checksum mismatch")
	}
	p := &postings{}
	copy(p.digest[:], b[4:36])
	var c [6]uint64
	for k := range c {
		c[k] = binary.LittleEndian.Uint64(b[36+8*k:])
	}
	top, keep, n, idBytes, nt, np := c[0], c[1], c[2], c[3], c[4], c[5]
	body := uint64(len(b) - head - 4)
	if top == 0 || top > 1<<16 || keep == 0 || keep > 1<<30 || n > body/13 || idBytes > body || nt > body/8 || np > body/8 ||
		4*n+idBytes+8*n+8*nt+8*np != body {
		return nil, bad("counts do not match the file's length")
	}
	p.topTerms, p.keep = int(top), int(keep)
	b = b[head:]
	ends, b := b[:4*n], b[4*n:]
	blob, b := string(b[:idBytes]), b[idBytes:]
	p.ids = make([]string, n)
	from := 0
	for i := range p.ids {
		to := int(binary.LittleEndian.Uint32(ends[4*i:]))
		if to <= from || to > len(blob) {
			return nil, bad(fmt.Sprintf("article %d of %d malformed", i+1, n))
		}
		p.ids[i] = blob[from:to]
		from = to
		if i > 0 && p.ids[i] <= p.ids[i-1] {
			return nil, bad(fmt.Sprintf("article %d of %d out of order", i+1, n))
		}
	}
	if from != len(blob) {
		return nil, bad("IDs do not fill their bytes")
	}
	p.unix = make([]int64, n)
	for i := range p.unix {
		p.unix[i] = int64(binary.LittleEndian.Uint64(b[8*i:]))
	}
	b = b[8*n:]
	terms, lens, lists := b[:4*nt], b[4*nt:8*nt], b[8*nt:]
	p.terms = make([]cluster.TermID, nt)
	p.start = make([]int, nt+1)
	for k := range p.terms {
		p.terms[k] = cluster.TermID(binary.LittleEndian.Uint32(terms[4*k:]))
		l := uint64(binary.LittleEndian.Uint32(lens[4*k:]))
		if (k > 0 && p.terms[k] <= p.terms[k-1]) || l == 0 || l > keep || uint64(p.start[k])+l > np {
			return nil, bad(fmt.Sprintf("term %d of %d malformed", k+1, nt))
		}
		p.start[k+1] = p.start[k] + int(l)
	}
	if uint64(p.start[nt]) != np {
		return nil, bad("lists do not fill their entries")
	}
	p.post = make([]posting, np)
	for i := range p.post {
		d := binary.LittleEndian.Uint32(lists[8*i:])
		if uint64(d) >= n {
			return nil, bad(fmt.Sprintf("entry %d of %d malformed", i+1, np))
		}
		p.post[i] = posting{int32(d), math.Float32frombits(binary.LittleEndian.Uint32(lists[8*i+4:]))}
	}
	if err := p.checkOrder(); err != nil {
		return nil, bad(err.Error())
	}
	return p, nil
}

// checkOrder checks that each list is in postings order.
func (p *postings) checkOrder() error {
	for k := range p.terms {
		l := p.post[p.start[k]:p.start[k+1]]
		for i := 1; i < len(l); i++ {
			if better(l[i-1], l[i]) >= 0 {
				return fmt.Errorf("list of term %d out of order", p.terms[k])
			}
		}
	}
	return nil
}

// decodePostingsV1 reads postings of version 1, written with varints.
func decodePostingsV1(b []byte) (*postings, error) {
	bad := func(what string) error { return damaged(postingsFile, what) }
	if len(b) < 4+32 || !bytes.Equal(b[:3], []byte(postingsMagic)) || b[3] != 1 {
		return nil, bad("not postings of a known version")
	}
	p := &postings{}
	copy(p.digest[:], b[4:36])
	b = b[36:]
	ok := true
	next := func() uint64 {
		v, k := binary.Uvarint(b)
		if k <= 0 {
			ok = false
			return 0
		}
		b = b[k:]
		return v
	}
	top, keep, n := next(), next(), next()
	if !ok || top == 0 || top > 1<<16 || keep == 0 || keep > 1<<30 || n > uint64(len(b)) {
		return nil, bad("truncated header")
	}
	p.topTerms, p.keep = int(top), int(keep)
	p.ids = make([]string, n)
	p.unix = make([]int64, n)
	for i := range p.ids {
		l := next()
		if !ok || l == 0 || l >= uint64(len(b)) {
			return nil, bad(fmt.Sprintf("article %d of %d malformed", i+1, n))
		}
		p.ids[i] = string(b[:l])
		b = b[l:]
		if i > 0 && p.ids[i] <= p.ids[i-1] {
			return nil, bad(fmt.Sprintf("article %d of %d out of order", i+1, n))
		}
		p.unix[i] = noPublished
		switch b[0] {
		case 0:
			b = b[1:]
		case 1:
			v, k := binary.Varint(b[1:])
			if k <= 0 || v == noPublished {
				return nil, bad(fmt.Sprintf("publication of article %d of %d malformed", i+1, n))
			}
			p.unix[i] = v
			b = b[1+k:]
		default:
			return nil, bad(fmt.Sprintf("publication of article %d of %d malformed", i+1, n))
		}
	}
	nt := next()
	if !ok || nt > uint64(len(b)) {
		return nil, bad("truncated term table")
	}
	p.terms = make([]cluster.TermID, nt)
	p.start = make([]int, nt+1)
	prev := uint64(0)
	for k := range p.terms {
		d, l := next(), next()
		if !ok || (k > 0 && d == 0) || prev+d > math.MaxUint32 || l == 0 || l > keep || l > uint64(len(b)) {
			return nil, bad(fmt.Sprintf("term %d of %d malformed", k+1, nt))
		}
		prev += d
		p.terms[k] = cluster.TermID(prev)
		p.start[k+1] = p.start[k] + int(l)
		if p.start[k+1] > len(b) { // each entry takes at least 5 bytes
			return nil, bad("truncated lists")
		}
	}
	p.post = make([]posting, p.start[nt])
	for i := range p.post {
		d := next()
		if !ok || d >= n || len(b) < 4 {
			return nil, bad(fmt.Sprintf("entry %d of %d malformed", i+1, len(p.post)))
		}
		p.post[i] = posting{int32(d), math.Float32frombits(binary.LittleEndian.Uint32(b))}
		b = b[4:]
	}
	if err := p.checkOrder(); err != nil {
		return nil, bad(err.Error())
	}
	if len(b) != 0 {
		return nil, bad("trailing bytes")
	}
	return p, nil
}

// writePostings records p as the postings of the groups the index holds
// now (written before: the digest names them).
func writePostings(ix *index.Index, p *postings) error {
	d, err := ix.GroupsDigest()
	if err != nil {
		return err
	}
	p.digest = d
	return ix.WriteStateWith(postingsFile, p.encodeTo)
}

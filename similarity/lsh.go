package similarity

import (
	"slices"
	"sort"
)

// LSH is a batch LSH table for large corpora. Add the signatures of
// documents numbered by dense int32 ids (0, 1, 2, …), call Build once, then
// enumerate candidate pairs with Pairs or look up new signatures with Query.
//
// Layout: for each band, the key of every id (8 bytes, indexed by id) and,
// after Build, the ids sorted by (key, id) (4 bytes), so a bucket is a run of
// that order. That is 12 bytes per id and band: 1M documents with 32 bands
// take about 384 MB, plus 32 bytes per id of one band while Build sorts.
// No Go map is used, and every result is independent of the Add order.
//
// An LSH is not safe for concurrent use while Add, Build or Pairs run;
// Query may be called concurrently once Build has returned (Query and Pairs
// call Build themselves when ids were added since the last Build).
type LSH struct {
	bands    Bands
	keys     [][]uint64 // keys[band][id]
	order    [][]int32  // order[band]: present ids sorted by (key, id)
	present  []uint64   // bitset of ids added
	size     int        // 1 + largest id added
	count    int        // ids added
	rejected int
	skipped  int
	dirty    bool
	keyBuf   []uint64
}

// NewLSH returns an empty table for the banding b.
func NewLSH(b Bands) *LSH {
	nb := max(b.B, 0)
	if b.R <= 0 {
		nb = 0
	}
	return &LSH{bands: b, keys: make([][]uint64, nb), order: make([][]int32, nb)}
}

// Bands returns the banding of the table.
func (l *LSH) Bands() Bands { return l.bands }

// Len returns the number of ids added.
func (l *LSH) Len() int { return l.count }

// Rejected returns how many Add calls were ignored: negative ids, signatures
// shorter than B*R, and signatures of empty sets (which would all share one
// bucket while carrying no evidence of similarity).
func (l *LSH) Rejected() int { return l.rejected }

// Grow makes room for ids below n without further allocation.
func (l *LSH) Grow(n int) {
	for j := range l.keys {
		if n > len(l.keys[j]) {
			l.keys[j] = slices.Grow(l.keys[j], n-len(l.keys[j]))
		}
	}
	if w := (n + 63) / 64; w > len(l.present) {
		l.present = slices.Grow(l.present, w-len(l.present))
	}
}

// Add records the band keys of sig for id, replacing those of an earlier Add
// with the same id. See [LSH.Rejected] for what is ignored.
func (l *LSH) Add(id int32, sig Signature) {
	nb := len(l.keys)
	if id < 0 || len(sig) < nb*l.bands.R || sig.Empty() {
		l.rejected++
		return
	}
	l.keyBuf = l.bands.AppendKeys(l.keyBuf[:0], sig)
	i := int(id)
	if i >= l.size {
		l.size = i + 1
		for j := range l.keys {
			if i >= len(l.keys[j]) {
				l.keys[j] = append(l.keys[j], make([]uint64, i+1-len(l.keys[j]))...)
			}
		}
		if w := i/64 + 1; w > len(l.present) {
			l.present = append(l.present, make([]uint64, w-len(l.present))...)
		}
	}
	for j, k := range l.keyBuf[:nb] {
		l.keys[j][i] = k
	}
	if l.present[i/64]&(1<<(i%64)) == 0 {
		l.present[i/64] |= 1 << (i % 64)
		l.count++
	}
	l.dirty = true
}

func (l *LSH) has(id int32) bool {
	return l.present[id/64]&(1<<(id%64)) != 0
}

// lshEntry is one (key, id) pair while sorting.
type lshEntry struct {
	key uint64
	id  int32
}

// Build sorts each band's ids by (key, id). The result depends only on the
// set of (id, signature) pairs added, not on the order of the Add calls.
func (l *LSH) Build() {
	if !l.dirty {
		return
	}
	a := make([]lshEntry, 0, l.count)
	tmp := make([]lshEntry, l.count)
	for j, keys := range l.keys {
		a = a[:0]
		for i := range l.size {
			if l.has(int32(i)) {
				a = append(a, lshEntry{keys[i], int32(i)})
			}
		}
		sorted := radixSort(a, tmp)
		ord := l.order[j]
		if cap(ord) < len(sorted) {
			ord = make([]int32, len(sorted))
		}
		ord = ord[:len(sorted)]
		for x, e := range sorted {
			ord[x] = e.id
		}
		l.order[j] = ord
	}
	l.dirty = false
}

// radixSort sorts a by key, stably (so equal keys stay in id order), using
// tmp (len(tmp) == len(a)) as scratch; it returns whichever holds the result.
func radixSort(a, tmp []lshEntry) []lshEntry {
	var count [256]int
	for shift := uint(0); shift < 64; shift += 8 {
		clear(count[:])
		for _, e := range a {
			count[byte(e.key>>shift)]++
		}
		if len(a) > 0 && count[byte(a[0].key>>shift)] == len(a) {
			continue // every key has the same digit
		}
		pos := 0
		for d, c := range count {
			count[d] = pos
			pos += c
		}
		for _, e := range a {
			d := byte(e.key >> shift)
			tmp[count[d]] = e
			count[d]++
		}
		a, tmp = tmp, a
	}
	return a
}

// Pairs calls fn once for every candidate pair a < b: ids that share a
// bucket (equal key) in at least one band. Buckets with more than maxBucket
// ids (maxBucket 0 means no cap) yield no pairs, which would be quadratic
// in their size: they are counted (see [LSH.SkippedBuckets]) and handed to
// the caller by [LSH.Oversized], to be grouped against a bucket leader in
// linear work. A pair sharing only oversized buckets is not reported.
//
// The order is deterministic: by the first band the pair shares (in a bucket
// that is not oversized), then by key within the band, then by a, then by b.
func (l *LSH) Pairs(maxBucket int, fn func(a, b int32)) {
	l.Build()
	l.skipped = 0
	// big[j] marks the ids in oversized buckets of band j (nil: none).
	big := make([][]uint64, len(l.keys))
	if maxBucket > 0 {
		l.Oversized(maxBucket, func(j int, run []int32) {
			l.skipped++
			if big[j] == nil {
				big[j] = make([]uint64, (l.size+63)/64)
			}
			for _, id := range run {
				big[j][id/64] |= 1 << (id % 64)
			}
		})
	}
	for j := range l.keys {
		l.forBuckets(j, func(run []int32) {
			if len(run) < 2 || (maxBucket > 0 && len(run) > maxBucket) {
				return
			}
			for x, a := range run {
				for _, b := range run[x+1:] {
					if !l.sharedBefore(j, a, b, big) {
						fn(a, b)
					}
				}
			}
		})
	}
}

// Oversized calls fn with every bucket of more than maxBucket ids (its
// band and its ids, increasing), band by band, by key within a band.
// maxBucket <= 0 calls fn for none. The run belongs to the table: copy it
// to keep it.
func (l *LSH) Oversized(maxBucket int, fn func(band int, run []int32)) {
	if maxBucket <= 0 {
		return
	}
	l.Build()
	for j := range l.keys {
		l.forBuckets(j, func(run []int32) {
			if len(run) > maxBucket {
				fn(j, run)
			}
		})
	}
}

// forBuckets calls fn with each run of equal keys in band j.
func (l *LSH) forBuckets(j int, fn func(run []int32)) {
	ord, keys := l.order[j], l.keys[j]
	for s := 0; s < len(ord); {
		k := keys[ord[s]]
		e := s + 1
		for e < len(ord) && keys[ord[e]] == k {
			e++
		}
		fn(ord[s:e])
		s = e
	}
}

// sharedBefore reports whether a and b share a bucket that is not skipped in
// a band before j, where the pair has already been reported.
func (l *LSH) sharedBefore(j int, a, b int32, big [][]uint64) bool {
	for jj, keys := range l.keys[:j] {
		if keys[a] == keys[b] && (big[jj] == nil || big[jj][a/64]&(1<<(a%64)) == 0) {
			return true
		}
	}
	return false
}

// SkippedBuckets returns the number of buckets the last [LSH.Pairs] call
// gave no pairs for being larger than its maxBucket (over all bands); see
// [LSH.Oversized].
func (l *LSH) SkippedBuckets() int { return l.skipped }

// Query calls fn once for every id that shares at least one band key with
// sig, in increasing id order. Bucket sizes are not capped. A signature too
// short for the banding, or of an empty set, matches nothing.
func (l *LSH) Query(sig Signature, fn func(id int32)) {
	l.Build()
	nb := len(l.keys)
	if nb == 0 || len(sig) < nb*l.bands.R || sig.Empty() {
		return
	}
	var buf [64]uint64
	keys := l.bands.AppendKeys(buf[:0], sig)
	var ids []int32
	for j, k := range keys[:nb] {
		ord, bk := l.order[j], l.keys[j]
		s := sort.Search(len(ord), func(x int) bool { return bk[ord[x]] >= k })
		for ; s < len(ord) && bk[ord[s]] == k; s++ {
			ids = append(ids, ord[s])
		}
	}
	slices.Sort(ids)
	for _, id := range slices.Compact(ids) {
		fn(id)
	}
}

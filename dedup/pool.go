package dedup

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/index"
)

// docPool holds the articles an incremental run works on, read from the
// input or the index once, with their raw features and, once the
// document frequencies are final, their weighed ones.
type docPool struct {
	ix     *index.Index
	scheme *Scheme
	freqs  *DocFreqs
	bg     *cluster.Background

	mu sync.Mutex
	m  map[string]*pooled
}

type pooled struct {
	art   corpus.Article
	doc   cluster.Doc  // raw term counts
	w     *cluster.Doc // weighed, on first use
	input bool
}

func newDocPool(ix *index.Index, opt Options) (*docPool, error) {
	bg, err := cluster.DefaultBackground()
	if err != nil {
		return nil, fmt.Errorf("dedup: %w", err)
	}
	return &docPool{ix: ix, scheme: opt.Scheme, bg: bg, m: map[string]*pooled{}}, nil
}

func (p *docPool) put(id string, a corpus.Article, d cluster.Doc) {
	p.mu.Lock()
	defer p.mu.Unlock()
	d.Terms = slices.Clone(d.Terms)
	p.m[id] = &pooled{art: a, doc: d, input: true}
}

func (p *docPool) has(id string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.m[id] != nil
}

func (p *docPool) fromInput(id string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	e := p.m[id]
	return e != nil && e.input
}

// get returns a pooled article (nil when not pooled).
func (p *docPool) get(id string) *pooled {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.m[id]
}

// fetch returns id's article, reading it from the index when not pooled:
// its stored features, or features computed from its stored text when
// it has none.
func (p *docPool) fetch(id string) (*pooled, error) {
	if e := p.get(id); e != nil {
		return e, nil
	}
	ent, err := p.ix.Get(id)
	if err != nil {
		return nil, fmt.Errorf("dedup: %w", err)
	}
	e := &pooled{art: ent.Article}
	if e.doc, _, err = storedFeatures(ent.Features, &e.art, p.scheme.NewFeaturizer); err != nil {
		return nil, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if old := p.m[id]; old != nil {
		return old, nil
	}
	p.m[id] = e
	return e, nil
}

// load fetches ids on every core.
func (p *docPool) load(ids []string) error {
	var missing []string
	for _, id := range ids {
		if !p.has(id) {
			missing = append(missing, id)
		}
	}
	workers := runtime.GOMAXPROCS(0)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(missing); i += workers {
				if _, err := p.fetch(missing[i]); err != nil {
					errs[w] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// weighed returns id's features weighed with p.freqs, which must be
// final; id must be pooled.
func (p *docPool) weighed(id string) *cluster.Doc {
	p.mu.Lock()
	defer p.mu.Unlock()
	e := p.m[id]
	if e.w == nil {
		d := e.doc
		d.Terms = slices.Clone(d.Terms)
		ds := []cluster.Doc{d}
		cluster.WeighWith(ds, p.freqs.DF, p.freqs.Docs, p.bg)
		e.w = &ds[0]
	}
	return e.w
}

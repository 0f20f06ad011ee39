package lineage

import (
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/layout"
)

// furnitureSpan is a range of a member's text that is page furniture,
// its kind and the reason the report gives.
type furnitureSpan struct {
	span
	kind layout.Kind
	why  string
}

// pageFurniture is the page furniture of a (see [layout.PageFurniture])
// with the reasons the report gives.
func pageFurniture(a *corpus.Article) []furnitureSpan {
	fs := layout.PageFurniture(a)
	out := make([]furnitureSpan, len(fs))
	for i, f := range fs {
		why := "page furniture: " + f.Kind.String() + ", excluded from the shares"
		if f.Kind == layout.Signoff {
			why += "; a credit in it still names the source"
		}
		out[i] = furnitureSpan{span{f.Start, f.End}, f.Kind, why}
	}
	return out
}

// inFurniture reports whether [start, end) overlaps page furniture of d.
func (d *document) inFurniture(start, end int) bool {
	for _, f := range d.furniture {
		if f.start < end && start < f.end {
			return true
		}
	}
	return false
}

package listing

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/dedup"
)

// TestRunSummary: the summary says how many groups moved when the run
// updated an index whose articles were grouped before, and not on a
// first grouping (every group new), nor without an index.
func TestRunSummary(t *testing.T) {
	r := &Run{Result: &dedup.Result{
		Docs:   []cluster.Doc{{ID: "a"}, {ID: "b"}, {ID: "c"}},
		Stats:  corpus.Stats{Read: 3, Files: 1},
		Groups: &cluster.Result{Labels: [3][]int{{0, 1, 2}, {0, 0, 2}, {0, 0, 0}}},
	}}
	const groups = "read 3 articles from 1 file, skipped 0"
	tests := []struct {
		name string
		upd  *dedup.Updated
		want string
	}{
		{"no index", nil,
			"wirediff: " + groups + "; groups with 2+ articles: copy 0, rewrite 1, story 1; 0s"},
		{"first grouping", &dedup.Updated{Full: true, Reason: "no earlier grouping of the whole index", New: 3, Grouped: 3, Moved: [3]int{3, 2, 1}},
			"wirediff: full regroup (no earlier grouping of the whole index): " + groups + "; groups with 2+ articles: copy 0, rewrite 1, story 1; 0s"},
		{"full regroup of a grouped index", &dedup.Updated{Full: true, Reason: "--full", New: 1, Grouped: 3, Moved: [3]int{1, 1, 0}},
			"wirediff: full regroup (--full): " + groups + "; groups with 2+ articles: copy 0, rewrite 1, story 1; groups moved: copy 1, rewrite 1, story 0; 0s"},
		{"incremental", &dedup.Updated{New: 1, Unchanged: 2, Grouped: 3, Moved: [3]int{1, 0, 0}},
			"wirediff: incremental run: " + groups + ", 1 new, 0 replaced, 2 unchanged; regrouped with 0 already in the index (the story groups of 0 of their 0 candidates), of 3 grouped; groups with 2+ articles: copy 0, rewrite 1, story 1; groups moved: copy 1, rewrite 0, story 0; 0s"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, r.Summary(tt.upd, "", 0, ""), tt.name)
	}
}

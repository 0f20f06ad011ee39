package listing

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/dedup"
	"github.com/wirediff/wirediff/eval"
)

// TestWriteEval: a table report per gold file, each followed by a blank
// line, or one JSON document with a report per gold file.
func TestWriteEval(t *testing.T) {
	gold := eval.Clustering{"a": "quake", "b": "quake", "c": "rehab"}
	pred := eval.Clustering{"a": "1", "b": "1"}
	cs := []eval.Comparison{eval.Compare(gold, pred, 3), eval.Compare(gold, gold, 3)}
	names := []string{"one.tsv", "two.tsv"}

	var table, want bytes.Buffer
	require.NoError(t, WriteEval(&table, Table, Eval{}, names, cs))
	for i, c := range cs {
		require.NoError(t, eval.WriteReport(&want, names[i], c))
		want.WriteString("\n")
	}
	assert.Equal(t, want.String(), table.String())

	var js bytes.Buffer
	require.NoError(t, WriteEval(&js, JSON, Eval{Level: "story", Articles: 2}, names, cs))
	var doc Eval
	require.NoError(t, json.Unmarshal(js.Bytes(), &doc))
	require.Len(t, doc.Reports, 2)
	assert.Equal(t, "story", doc.Level)
	assert.Equal(t, "one.tsv", doc.Reports[0].Gold)
	assert.Equal(t, 1, doc.Reports[0].Missing)
	assert.Equal(t, 0, doc.Reports[1].Missing)
	assert.Equal(t, 1.0, doc.Reports[1].BCubed.F1)

	// The counts of merges and splits are of all of them, listed or not.
	js.Reset()
	all := eval.Clustering{"a": "1", "b": "1", "c": "1"}
	require.NoError(t, WriteEval(&js, JSON, Eval{}, names[:1], []eval.Comparison{eval.Compare(gold, all, 0)}))
	doc = Eval{}
	require.NoError(t, json.Unmarshal(js.Bytes(), &doc))
	assert.Equal(t, 1, doc.Reports[0].AllMerges)
	assert.Equal(t, 0, doc.Reports[0].AllSplits)
	assert.Empty(t, doc.Reports[0].Merges, "--worst 0 lists none")

	js.Reset()
	require.NoError(t, WriteEval(&js, JSON, Eval{}, nil, nil))
	assert.JSONEq(t, `{"reports": []}`, js.String())
}

// TestRunClustering: a run's clustering labels every article with its
// group at the run's level.
func TestRunClustering(t *testing.T) {
	res := &dedup.Result{
		Docs: []cluster.Doc{{ID: "a"}, {ID: "b"}, {ID: "c"}},
		// Labels index the group's first member in Docs.
		Groups: &cluster.Result{Labels: [3][]int{{0, 1, 2}, {0, 0, 2}, {0, 0, 0}}},
	}
	for _, tt := range []struct {
		level cluster.Level
		want  eval.Clustering
	}{
		{cluster.Copy, eval.Clustering{"a": "c:a", "b": "c:b", "c": "c:c"}},
		{cluster.Rewrite, eval.Clustering{"a": "r:a", "b": "r:a", "c": "r:c"}},
		{cluster.Story, eval.Clustering{"a": "s:a", "b": "s:a", "c": "s:a"}},
	} {
		r := &Run{Result: res, Level: tt.level}
		assert.Equal(t, tt.want, r.Clustering(), "level %v", tt.level)
	}
}

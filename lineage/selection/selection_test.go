package selection

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/index"
)

// fakeIndex holds grouped articles and, in extra, articles indexed since
// the grouping.
type fakeIndex struct {
	as    map[string]index.Assignment
	extra map[string]bool
}

func (f fakeIndex) Groups() (map[string]index.Assignment, error) { return f.as, nil }
func (f fakeIndex) Has(id string) (bool, error)                  { _, ok := f.as[id]; return ok || f.extra[id], nil }

// testIndex: story s:a holds rewrite groups r:a (a, b, c) and r:d (d
// alone); story s:e holds r:e (e, f); g is indexed, not grouped.
func testIndex() fakeIndex {
	as := map[string]index.Assignment{}
	for _, x := range []struct{ id, r, s string }{
		{"a", "r:a", "s:a"}, {"b", "r:a", "s:a"}, {"c", "r:a", "s:a"}, {"d", "r:d", "s:a"},
		{"e", "r:e", "s:e"}, {"f", "r:e", "s:e"},
	} {
		as[x.id] = index.Assignment{ID: x.id, Copy: "c:" + x.id, Rewrite: x.r, Story: x.s}
	}
	return fakeIndex{as: as, extra: map[string]bool{"g": true}}
}

func TestResolve(t *testing.T) {
	ix := testIndex()
	for _, tt := range []struct {
		name   string
		args   []string
		source string
		want   []Group
	}{
		// Every rewrite group of two or more, largest first.
		{"all", nil, "", []Group{{Name: "r:a", IDs: []string{"a", "b", "c"}}, {Name: "r:e", IDs: []string{"e", "f"}}}},
		{"group", []string{"r:e"}, "", []Group{{Name: "r:e", IDs: []string{"e", "f"}}}},
		{"source alone", nil, "b", []Group{{Name: "r:a", IDs: []string{"a", "b", "c"}}}},
		{"ids", []string{"a", "g"}, "", []Group{{Name: "ids", IDs: []string{"a", "g"}}}},
		// A story group is reported per rewrite group, saying so.
		{"story", []string{"s:a"}, "", []Group{{Name: "r:a", IDs: []string{"a", "b", "c"},
			Note: "story group s:a is reported per rewrite group: r:a (3 articles); 1 rewrite group of one article left out (r:d)"}}},
	} {
		got, err := Resolve(ix, tt.args, tt.source)
		if assert.NoError(t, err, tt.name) {
			assert.Equal(t, tt.want, got, tt.name)
		}
	}
}

func TestResolveErrors(t *testing.T) {
	ix := testIndex()
	for _, tt := range []struct {
		name   string
		args   []string
		source string
		usage  bool // a usage mistake, else a name that names nothing to report
		want   string
	}{
		{"group among IDs", []string{"a", "r:e"}, "", true, `"r:e" is a group, not an article`},
		{"one article", []string{"a"}, "", true, `"a" is an article, not a group: a lineage needs at least two articles; give its group r:a (3 articles)`},
		{"unknown", []string{"zz"}, "", false, `unknown group "zz"`},
		{"missing ID", []string{"a", "zz"}, "", false, `"zz"`},
		{"ID twice", []string{"a", "b", "a"}, "", true, `article "a" is named twice`},
		{"group of one", []string{"r:d"}, "", false, `group "r:d" has one article`},
		{"source alone in its group", nil, "d", false, "its rewrite group r:d has no other article"},
	} {
		_, err := Resolve(ix, tt.args, tt.source)
		var se *Error
		if assert.True(t, errors.As(err, &se), "%s: %v is an *Error", tt.name, err) {
			assert.Equal(t, tt.usage, se.Usage, tt.name)
			assert.Contains(t, se.Error(), tt.want, tt.name)
		}
	}
	_, err := Resolve(ix, []string{"a", "zz"}, "")
	require.ErrorIs(t, err, index.ErrNoID)
	// No rewrite group of two or more: not a request written wrong.
	_, err = Resolve(fakeIndex{as: map[string]index.Assignment{"a": {ID: "a", Copy: "c:a", Rewrite: "r:a", Story: "s:a"}}}, nil, "")
	var se *Error
	assert.Error(t, err)
	assert.False(t, errors.As(err, &se), "%v", err)
}

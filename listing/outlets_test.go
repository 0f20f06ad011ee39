package listing

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/index"
)

// storedOutlets matches names against stored outlets by lower case
// prefix, and lists them all with no names.
type storedOutlets []index.StoredOutlet

func (s storedOutlets) Outlets(names ...string) ([]index.StoredOutlet, error) {
	if len(names) == 0 {
		return s, nil
	}
	var out []index.StoredOutlet
	for _, o := range s {
		for _, n := range names {
			if strings.HasPrefix(strings.ToLower(o.Name), strings.ToLower(n)) {
				out = append(out, o)
				break
			}
		}
	}
	return out, nil
}

func TestNoteOutlets(t *testing.T) {
	ix := storedOutlets{{Name: "Fox News", Articles: 3}, {Name: "fox", Articles: 1}, {Name: "Reuters", Articles: 2}}
	for _, tt := range []struct {
		names []string
		want  string
	}{
		{nil, ""},
		{[]string{"Reuters"}, OutletNote([]string{"Reuters"}, ix[2:], nil)},
		{[]string{"Fox"}, OutletNote([]string{"Fox"}, ix[:2], nil)},
		{[]string{"BBC"}, OutletNote([]string{"BBC"}, nil, ix)},
	} {
		got, err := NoteOutlets(ix, tt.names)
		require.NoError(t, err)
		assert.Equal(t, tt.want, got, "%v", tt.names)
	}
	note, _ := NoteOutlets(ix, []string{"BBC"})
	assert.Contains(t, note, "Reuters", "names none: lists what the index holds")
	note = OutletNote([]string{"BBC"}, nil, []index.StoredOutlet{{Name: "", Articles: 4}, {Name: "Newslooks", Articles: 1}})
	assert.Contains(t, note, "outlets in the index: no outlet (4 articles), Newslooks (1 article)")
}

func TestWriteCheck(t *testing.T) {
	var b strings.Builder
	require.NoError(t, WriteCheck(&b, "ix", &index.CheckReport{Articles: 5, Grouped: 5, Live: 5}))
	assert.Equal(t, "index ix: 5 articles committed, 5 grouped; live store 5\nok\n", b.String())
	b.Reset()
	require.NoError(t, WriteCheck(&b, "ix", &index.CheckReport{Articles: 1, Grouped: 1, Live: 1}))
	assert.Equal(t, "index ix: 1 article committed, 1 grouped; live store 1\nok\n", b.String())
	b.Reset()
	rep := &index.CheckReport{Articles: 5, Grouped: 4, Live: -1, Findings: []index.Finding{{Problem: "p", Fix: "f"}}}
	require.NoError(t, WriteCheck(&b, "ix", rep))
	assert.Equal(t, "index ix: 5 articles committed, 4 grouped; live store not checked (a writer holds it, or it is damaged)\n"+
		"problem: p\n  fix: f\n", b.String())
	b.Reset()
	rep = &index.CheckReport{Articles: 5, Grouped: -1, Live: 5, Findings: []index.Finding{{Problem: "p", Fix: "f"}}}
	require.NoError(t, WriteCheck(&b, "ix", rep))
	assert.Contains(t, b.String(), "index ix: 5 articles committed, groups not read; live store 5\n")
	b.Reset()
	rep = &index.CheckReport{Articles: -1, Grouped: -1, Live: -1, Findings: []index.Finding{{Problem: "p", Fix: "f"}}}
	require.NoError(t, WriteCheck(&b, "ix", rep))
	assert.Contains(t, b.String(), "index ix: articles not counted (the committed snapshot does not read); live store not checked")
}
